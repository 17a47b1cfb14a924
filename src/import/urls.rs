//! Keeping old URLs: where kepu can give a page its old URL, a `slug:`;
//! where it cannot (another folder, Chinese or upper-case letters kepu's
//! slugs spell differently), an alias that redirects. Also the permalink
//! patterns old generators share (`/:year/:month/:day/:title/`).

use crate::slug::{Slugify, url_segment};

/// The URL kepu gives content file `rel` (`posts/a.md`, `posts/b/index.md`,
/// `posts/_index.md`), with `slug` replacing the file (or bundle) name.
pub fn kepu_url(rel: &str, slug: Option<&str>) -> String {
    let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let mut folders: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let name = match file {
        "_index.md" => None,
        "index.md" => folders.pop(),
        _ => Some(file.strip_suffix(".md").unwrap_or(file)),
    };
    let mut segments: Vec<String> = folders.iter().map(|f| url_segment(f, Slugify::Pinyin)).collect();
    if let Some(name) = name {
        segments.push(url_segment(slug.unwrap_or(name), Slugify::Pinyin));
    }
    if segments.is_empty() {
        "/".into()
    } else {
        format!("/{}/", segments.join("/"))
    }
}

/// An old URL path as the site serves it: a leading `/`, percent-escapes
/// decoded, no query or fragment, a folder's trailing `/` (a file such as
/// `about.html` keeps its name).
pub fn normalise(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let segments: Vec<&str> = decoded
        .split('/')
        .filter(|s| !s.is_empty() && *s != ".")
        .collect();
    if segments.is_empty() {
        return "/".into();
    }
    let joined = segments.join("/");
    let is_file = segments
        .last()
        .is_some_and(|last| last.ends_with(".html") || last.ends_with(".htm"));
    if is_file {
        format!("/{joined}")
    } else {
        format!("/{joined}/")
    }
}

/// How a page keeps its old URL.
#[derive(Debug, PartialEq, Eq)]
pub struct Kept {
    /// The page's `slug:` (the old one, or one that gives the old URL).
    pub slug: Option<String>,
    /// The old URL, when the page moves and it must redirect.
    pub alias: Option<String>,
    /// The page's URL in kepu.
    pub url: String,
}

/// Decides how the page at content path `rel`, with the old site's `slug`
/// (if it had one), keeps answering at `old`.
pub fn keep(old: &str, rel: &str, slug: Option<&str>) -> Kept {
    let old = normalise(old);
    let url = kepu_url(rel, slug);
    if old == url {
        return Kept {
            slug: slug.map(str::to_string),
            alias: None,
            url,
        };
    }
    let (old_parent, last) = parent_and_last(&old);
    let (new_parent, _) = parent_and_last(&url);
    let is_bundle_or_page = !rel.ends_with("_index.md");
    if is_bundle_or_page
        && old_parent == new_parent
        && !last.is_empty()
        && url_segment(last, Slugify::Pinyin) == last
    {
        return Kept {
            slug: Some(last.to_string()),
            alias: None,
            url: old,
        };
    }
    Kept {
        slug: slug.map(str::to_string),
        alias: Some(old),
        url,
    }
}

/// The path of a list page from its folders (`tags`, `后端`, `Java` →
/// `/tags/后端/Java/`), empty ones left out: how every generator spells
/// its sections' and terms' URLs once each has slugified the parts its way.
pub fn folder_path<S: AsRef<str>>(parts: impl IntoIterator<Item = S>) -> String {
    let mut path = String::from("/");
    for part in parts {
        let part = part.as_ref().trim_matches('/');
        if !part.is_empty() {
            path.push_str(part);
            path.push('/');
        }
    }
    path
}

fn parent_and_last(url: &str) -> (&str, &str) {
    let trimmed = url.trim_end_matches('/');
    match trimmed.rsplit_once('/') {
        Some((parent, last)) => (parent, last),
        None => ("", trimmed),
    }
}

/// `pattern` with each `:token` replaced by what `value` gives for it (a
/// token it does not know stays as written).
pub fn expand(pattern: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let token = &after[..len];
        match value(token) {
            Some(text) if !token.is_empty() => out.push_str(&text),
            _ => {
                out.push(':');
                out.push_str(token);
            }
        }
        rest = &after[len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kepu_urls_of_pages_bundles_and_sections() {
        assert_eq!(kepu_url("posts/hello.md", None), "/posts/hello/");
        assert_eq!(kepu_url("posts/你好/index.md", None), "/posts/ni-hao/");
        assert_eq!(kepu_url("posts/_index.md", None), "/posts/");
        assert_eq!(kepu_url("_index.md", None), "/");
        assert_eq!(kepu_url("posts/a.md", Some("My Post")), "/posts/my-post/");
    }

    #[test]
    fn old_paths_are_normalised() {
        assert_eq!(normalise("posts/%E4%BD%A0%E5%A5%BD"), "/posts/你好/");
        assert_eq!(normalise("/about.html?x=1#top"), "/about.html");
        assert_eq!(normalise("//a//b/"), "/a/b/");
    }

    #[test]
    fn same_folder_ascii_names_become_slugs() {
        let kept = keep("/posts/servicemesh-intro/", "posts/2018-intro.md", None);
        assert_eq!(kept.slug.as_deref(), Some("servicemesh-intro"));
        assert_eq!(kept.alias, None);
        assert_eq!(kept.url, "/posts/servicemesh-intro/");
    }

    #[test]
    fn other_folders_chinese_and_capitals_become_aliases() {
        let dated = keep("/2019/05/28/hello/", "posts/hello.md", None);
        assert_eq!(dated.alias.as_deref(), Some("/2019/05/28/hello/"));
        assert_eq!(dated.slug, None);
        let chinese = keep("/posts/你好/", "posts/你好.md", None);
        assert_eq!(chinese.alias.as_deref(), Some("/posts/你好/"));
        assert_eq!(chinese.url, "/posts/ni-hao/");
        let capitals = keep("/posts/Hello-World/", "posts/Hello-World.md", None);
        assert_eq!(capitals.alias.as_deref(), Some("/posts/Hello-World/"));
    }

    #[test]
    fn an_unchanged_url_needs_nothing() {
        assert_eq!(
            keep("/posts/hello", "posts/hello.md", None),
            Kept {
                slug: None,
                alias: None,
                url: "/posts/hello/".into()
            }
        );
    }

    #[test]
    fn folder_paths_leave_empty_parts_out() {
        assert_eq!(folder_path(["tags", "后端", "Java"]), "/tags/后端/Java/");
        assert_eq!(folder_path(["", "java"]), "/java/");
        assert_eq!(folder_path(Vec::<String>::new()), "/");
    }

    #[test]
    fn permalink_patterns_expand_known_tokens() {
        let value = |t: &str| match t {
            "year" => Some("2019".to_string()),
            "title" => Some("java/hello".to_string()),
            _ => None,
        };
        assert_eq!(expand(":year/:title/", value), "2019/java/hello/");
        assert_eq!(expand("/:year/:unknown/", value), "/2019/:unknown/");
    }
}
