//! Pagination arithmetic: a list of `total` items cut into pagers of
//! `per_page` items, the first at the list's own path (`/tips/`), the others
//! at `/tips/page/2/`, `/tips/page/3/`, …

use std::ops::Range;

/// One page of a paginated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based.
    pub index: usize,
    /// Site path of this pager.
    pub path: String,
    /// The slice of the list shown on this pager.
    pub items: Range<usize>,
}

/// The pagers of a list at `path`; `per_page` 0 means one pager with
/// everything. There is always at least one pager, possibly empty.
pub fn paginate(path: &str, total: usize, per_page: usize) -> Vec<Pager> {
    if per_page == 0 || total <= per_page {
        return vec![Pager {
            index: 1,
            path: path.to_string(),
            items: 0..total,
        }];
    }
    (1..=total.div_ceil(per_page))
        .map(|index| Pager {
            index,
            path: pager_path(path, index),
            items: (index - 1) * per_page..(index * per_page).min(total),
        })
        .collect()
}

/// `/tips/` for pager 1, `/tips/page/N/` for the others.
pub fn pager_path(path: &str, index: usize) -> String {
    if index == 1 {
        path.to_string()
    } else {
        format!("{path}page/{index}/")
    }
}

/// `/tips/page/1/`, which redirects to `/tips/` when a list has several
/// pagers (links built by counting pages land there).
pub fn first_pager_redirect(path: &str) -> String {
    format!("{path}page/1/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_a_list_into_pagers() {
        let pagers = paginate("/tips/", 25, 10);
        assert_eq!(pagers.len(), 3);
        assert_eq!(pagers[0].path, "/tips/");
        assert_eq!(pagers[0].items, 0..10);
        assert_eq!(pagers[1].path, "/tips/page/2/");
        assert_eq!(pagers[2].items, 20..25);
        assert_eq!(pagers[2].index, 3);
    }

    #[test]
    fn exact_multiples_have_no_empty_last_pager() {
        let pagers = paginate("/t/", 20, 10);
        assert_eq!(pagers.len(), 2);
        assert_eq!(pagers[1].items, 10..20);
    }

    #[test]
    fn short_unpaginated_and_empty_lists_have_one_pager() {
        assert_eq!(
            paginate("/t/", 3, 10),
            [Pager {
                index: 1,
                path: "/t/".into(),
                items: 0..3
            }]
        );
        assert_eq!(paginate("/t/", 30, 0)[0].items, 0..30);
        assert_eq!(paginate("/t/", 0, 10)[0].items, 0..0);
    }
}
