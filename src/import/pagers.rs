//! Old lists cut into pagers (`/page/2/`, `/posts/page/3/`,
//! `/tags/istio/page/2/`, Hexo's `/archives/2019/page/2/`): where kepu does
//! not give a pager the same address, the old one redirects to the list.

/// How the old site cut its lists into pagers.
#[derive(Debug, Clone, Default)]
pub struct Pagination {
    /// Items a pager; 0 when the site did not paginate (Zola's sections say
    /// so themselves, with `paginate_by`).
    pub per_page: usize,
    /// The folder of pagers 2, 3…: `page` in `/posts/page/2/`.
    pub dir: String,
    /// Whether the home page listed the posts, in pagers (Hugo, Hexo).
    pub home: bool,
    /// Whether `…/page/1/` answered too, leading to the list (Hugo).
    pub first_pager: bool,
}

impl Pagination {
    pub fn new(per_page: usize, dir: &str, home: bool) -> Pagination {
        let dir = dir.trim_matches('/');
        Pagination {
            per_page,
            dir: if dir.is_empty() { "page" } else { dir }.to_string(),
            home,
            first_pager: false,
        }
    }

    /// The old site's pager paths of a list at `list` of `count` items,
    /// `per_page` a pager, in folder `dir`, besides the list's own.
    pub fn old(&self, list: &str, count: usize, per_page: usize, dir: &str) -> Vec<String> {
        let first = (self.first_pager && per_page > 0).then(|| format!("{list}{dir}/1/"));
        first
            .into_iter()
            .chain(after_first(list, count, per_page, dir))
            .collect()
    }
}

/// The pager paths kepu writes for a list at `list` besides the list's
/// own: pagers 2, 3… and, when there are any, `page/1/` leading back.
pub fn kepu(list: &str, count: usize, per_page: usize) -> Vec<String> {
    let mut paths = after_first(list, count, per_page, "page");
    if !paths.is_empty() {
        paths.push(format!("{list}page/1/"));
    }
    paths
}

/// The paths of the pagers after the first of a list at `list` (ending in
/// `/`) of `count` items, `per_page` a pager: `{list}{dir}/{n}/`.
pub fn after_first(list: &str, count: usize, per_page: usize, dir: &str) -> Vec<String> {
    if per_page == 0 {
        return Vec::new();
    }
    (2..=count.div_ceil(per_page))
        .map(|n| format!("{list}{dir}/{n}/"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_after_the_first() {
        assert_eq!(
            after_first("/posts/", 25, 10, "page"),
            ["/posts/page/2/", "/posts/page/3/"]
        );
        assert_eq!(after_first("/", 10, 10, "page"), Vec::<String>::new());
        assert_eq!(after_first("/tags/a/", 99, 0, "page"), Vec::<String>::new());
        assert_eq!(Pagination::new(10, "/", true).dir, "page");
    }

    #[test]
    fn hugo_answers_the_first_pager_too_and_kepu_when_it_has_several() {
        let mut hugo = Pagination::new(10, "page", true);
        hugo.first_pager = true;
        assert_eq!(hugo.old("/posts/", 5, 10, "page"), ["/posts/page/1/"]);
        assert_eq!(kepu("/posts/", 5, 10), Vec::<String>::new());
        assert_eq!(kepu("/posts/", 15, 10), ["/posts/page/2/", "/posts/page/1/"]);
    }
}
