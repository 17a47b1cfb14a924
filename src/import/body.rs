//! What every imported body goes through, whatever the generator: links
//! between posts relinked to `@/` (by file name, or by the old URL), images
//! pointed at the files kepu copies, text that kepu would read as a
//! shortcode escaped, and blocks kept for review.

use super::messages;
use super::urls;
use crate::markdown;
use crate::markdown::shortcodes::parse;
use pulldown_cmark::{Event, LinkType, Parser, Tag};
use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The imported pages, found by what old links name.
#[derive(Debug, Default)]
pub struct Index {
    /// Source file → content path in kepu (`posts/a.md`).
    pub by_source: HashMap<PathBuf, String>,
    /// File name without `.md` (a bundle's folder name) → content paths.
    pub by_name: HashMap<String, Vec<String>>,
    /// Old URL (normalised) → content path.
    pub by_old_url: HashMap<String, String>,
    /// Content path → the page's title.
    pub titles: HashMap<String, String>,
}

impl Index {
    pub fn add(&mut self, source: &Path, name: &str, old_url: &str, rel: &str, title: &str) {
        self.titles.insert(rel.to_string(), title.to_string());
        self.by_source.insert(source.to_path_buf(), rel.to_string());
        self.by_name
            .entry(name.to_string())
            .or_default()
            .push(rel.to_string());
        self.by_old_url.insert(urls::normalise(old_url), rel.to_string());
    }

    /// The page a name (`hello`, `hello.md`, `posts/hello.md`) stands for,
    /// when only one page has it.
    pub fn by_file_name(&self, name: &str) -> Option<&str> {
        let name = name.trim_end_matches('/');
        let name = name.rsplit('/').next().unwrap_or(name);
        let stem = name.strip_suffix(".md").unwrap_or(name);
        match self.by_name.get(stem).map(Vec::as_slice) {
            Some([only]) => Some(only),
            _ => None,
        }
    }
}

/// Where the old site's files are, for resolving what a body links.
pub struct Place<'a> {
    pub source_root: &'a Path,
    /// Folders whose files the old site served at its root (`static/`,
    /// `source/` minus posts); copied into the new `static/`.
    pub static_dirs: &'a [PathBuf],
    /// The old site's base URL (`https://blog.example.org/`), if it had one.
    pub old_base: Option<&'a str>,
    /// The path part of the new base URL (`/` or `/blog/`).
    pub base_path: &'a str,
}

/// One page's body being relinked.
pub struct Page<'a> {
    pub source: &'a Path,
    pub old_url: &'a str,
}

/// The result of relinking: the body, and the links that named no page.
pub struct Relinked {
    pub body: String,
    /// (byte offset in the body, link target) of every link to a missing page.
    pub unresolved: Vec<(usize, String)>,
    /// Links and images that went nowhere on the old site either, relinked
    /// to the page or file their name finds: (old target, new target).
    pub guessed: Vec<(String, String)>,
}

/// Rewrites the destinations of links and images in `body`.
pub fn relink(body: &str, index: &Index, place: &Place, page: &Page) -> Relinked {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    let mut unresolved = Vec::new();
    let mut guessed = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
        let (dest, is_image) = match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => (dest_url, false),
            Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => (dest_url, true),
            _ => continue,
        };
        let Some(at) = dest_position(&body[range.clone()], &dest).map(|i| range.start + i) else {
            continue;
        };
        let new = if is_image {
            file_url(&dest, place, page).or_else(|| {
                let found = file_by_site_root(&dest, place)?;
                guessed.push((dest.to_string(), found.clone()));
                Some(found)
            })
        } else {
            match page_link(&dest, index, place, page) {
                Target::Page(url) => Some(url),
                Target::Guessed(url) => {
                    guessed.push((dest.to_string(), url.clone()));
                    Some(url)
                }
                Target::Missing => {
                    unresolved.push((range.start, dest.to_string()));
                    // kepu refuses a link to a missing page; the old site
                    // showed a dead one: the words stay, the link goes.
                    if let Some(text) = link_text(&body[range.start..at]) {
                        edits.push((range.clone(), text.to_string()));
                    }
                    None
                }
                Target::Other => file_url(&dest, place, page),
            }
        };
        if let Some(new) = new.filter(|n| n.as_str() != &*dest) {
            edits.push((at..at + dest.len(), new));
        }
    }
    Relinked {
        body: apply(body, edits),
        unresolved,
        guessed,
    }
}

/// A relative image that is not beside the page but is at that path from
/// the old site's root (`img/a.png`, `../../img/a.png` for the
/// `source/img/a.png` of a Hexo post): the copy's address. Such an image
/// was broken on the old site; its author meant that file.
fn file_by_site_root(dest: &str, place: &Place) -> Option<String> {
    let path = site_path(dest, place).filter(|p| !p.starts_with('/') && !p.starts_with('#'))?;
    let decoded = percent_encoding::percent_decode_str(path.split(['?', '#']).next()?).decode_utf8_lossy();
    let rel = decoded.trim_start_matches("./");
    let mut rel = rel;
    while let Some(rest) = rel.strip_prefix("../") {
        rel = rest;
    }
    let file = place
        .static_dirs
        .iter()
        .map(|d| d.join(rel))
        .find(|f| f.is_file())?;
    place.static_dirs.iter().find_map(|dir| {
        let rel = file.strip_prefix(dir).ok()?;
        Some(format!("{}{}", place.base_path, rel.to_str()?.replace('\\', "/")))
    })
}

/// The words of an inline link, from its source up to its destination
/// (`[文字](` or `[文字](<`).
fn link_text(before_dest: &str) -> Option<&str> {
    let inner = before_dest.strip_prefix('[')?;
    inner.strip_suffix("](<").or_else(|| inner.strip_suffix("]("))
}

/// Where `dest` is written in the source of a link or image: after its `](`.
fn dest_position(source: &str, dest: &str) -> Option<usize> {
    if dest.is_empty() {
        return None;
    }
    ["](<", "]("]
        .iter()
        .find_map(|open| source.rfind(&format!("{open}{dest}")).map(|i| i + open.len()))
}

fn apply(body: &str, mut edits: Vec<(Range<usize>, String)>) -> String {
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(body.len());
    let mut at = 0;
    for (range, text) in edits {
        if range.start < at {
            continue;
        }
        out.push_str(&body[at..range.start]);
        out.push_str(&text);
        at = range.end;
    }
    out.push_str(&body[at..]);
    out
}

enum Target {
    /// `@/path.md#anchor`.
    Page(String),
    /// A link to a `.md` file or old URL of the site that names no page.
    Missing,
    /// A dated old URL that named no page of the old site either, whose
    /// last part is the file name of one page (a post moved to a folder).
    Guessed(String),
    /// Not a page of the site.
    Other,
}

fn page_link(dest: &str, index: &Index, place: &Place, page: &Page) -> Target {
    if dest.starts_with('#') || dest.starts_with("@/") {
        return Target::Other;
    }
    let (path, anchor) = match dest.split_once('#') {
        // Hexo marks where `<!-- more -->` was with `#more`; kepu has no such anchor.
        Some((path, "more")) => (path, String::new()),
        Some((path, anchor)) => (path, format!("#{anchor}")),
        None => (dest, String::new()),
    };
    let found = |rel: &str| Target::Page(format!("@/{rel}{anchor}"));
    let Some(site_path) = site_path(path, place) else {
        return Target::Other;
    };
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    if decoded.ends_with(".md") {
        let beside = page.source.parent().map(|dir| normal_path(&dir.join(&*decoded)));
        if let Some(rel) = beside.and_then(|file| index.by_source.get(&file)) {
            return found(rel);
        }
        return index.by_file_name(&decoded).map_or(Target::Missing, found);
    }
    let absolute = if site_path.starts_with('/') {
        site_path
    } else {
        format!("{}{}", page.old_url, site_path)
    };
    let url = urls::normalise(&resolve_dots(&absolute));
    let is_dated = url
        .split('/')
        .nth(1)
        .is_some_and(|year| year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()));
    match index.by_old_url.get(&url) {
        Some(rel) => found(rel),
        None if is_dated => match index.by_file_name(&url) {
            Some(rel) => Target::Guessed(format!("@/{rel}{anchor}")),
            None => Target::Other,
        },
        None => Target::Other,
    }
}

/// A link's path on the old site (absolute, or relative to the page);
/// `None` for another site, a mail address or the like.
fn site_path(dest: &str, place: &Place) -> Option<String> {
    if let Some(base) = place.old_base.map(|b| b.trim_end_matches('/'))
        && let Some(rest) = dest
            .strip_prefix(base)
            .filter(|r| r.is_empty() || r.starts_with('/'))
    {
        return Some(format!("/{}", rest.trim_start_matches('/')));
    }
    let has_scheme = dest.split_once(':').is_some_and(|(scheme, _)| {
        !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    (!has_scheme && !dest.starts_with("//")).then(|| dest.to_string())
}

/// An image or file a body links: the new site's address of the copy kepu
/// makes of it, when that differs from what the body says.
pub fn file_url(dest: &str, place: &Place, page: &Page) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(dest.split(['?', '#']).next()?).decode_utf8_lossy();
    let served = |file: &Path| -> Option<String> {
        place.static_dirs.iter().find_map(|dir| {
            let rel = file.strip_prefix(dir).ok()?;
            Some(format!("{}{}", place.base_path, rel.to_str()?.replace('\\', "/")))
        })
    };
    if let Some(file) = repository_file(&decoded, place) {
        // A file of the page's own bundle is copied beside it.
        let bundle = page
            .source
            .parent()
            .filter(|_| page.source.file_name().is_some_and(|n| n == "index.md"));
        if let Some(rel) = bundle.and_then(|dir| file.strip_prefix(dir).ok()) {
            return rel.to_str().map(|r| r.replace('\\', "/"));
        }
        return served(&file);
    }
    let path = site_path(&decoded, place)?;
    if let Some(rel) = path.strip_prefix('/') {
        // Served from the old site's root: the copy in static/ answers there.
        let file = place
            .static_dirs
            .iter()
            .map(|d| d.join(rel))
            .find(|f| f.is_file())?;
        let new = served(&file)?;
        return (new != *dest).then_some(new);
    }
    let file = normal_path(&page.source.parent()?.join(&path));
    if file.is_file() && !file.starts_with(page.source.parent()?) {
        return served(&file);
    }
    None
}

/// A file of the old site's repository named by an absolute URL of a code
/// host (`raw.githubusercontent.com/owner/repo/master/static/img/a.png`,
/// or a page bundle's `…/master/content/blog/a/logo.jpg`): one that kepu
/// copies (static files and bundles' files).
fn repository_file(url: &str, place: &Place) -> Option<PathBuf> {
    const HOSTS: &[&str] = &[
        "https://raw.githubusercontent.com/",
        "https://github.com/",
        "https://gitee.com/",
        "https://gitlab.com/",
        "https://cdn.jsdelivr.net/gh/",
    ];
    let rest = HOSTS.iter().find_map(|host| url.strip_prefix(host))?;
    let segments: Vec<&str> = rest.split('/').collect();
    (1..segments.len()).find_map(|from| {
        let file = place.source_root.join(segments[from..].join("/"));
        let copied = place.static_dirs.iter().any(|d| file.starts_with(d)) || in_a_bundle(&file);
        (copied && file.is_file()).then_some(file)
    })
}

/// Whether `file` sits in a page bundle (a folder with `index.md`) and is
/// not a page itself.
fn in_a_bundle(file: &Path) -> bool {
    let is_page = file.extension().is_some_and(|e| e == "md" || e == "markdown");
    !is_page && file.ancestors().skip(1).any(|dir| dir.join("index.md").is_file())
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normal_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn resolve_dots(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    let joined = segments.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// Hugo's and Hexo's `<!--more-->` (any spacing) as kepu writes it.
pub fn normalise_more(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let compact: String = line.chars().filter(|c| !c.is_whitespace()).collect();
        if compact == "<!--more-->" {
            out.push_str("<!-- more -->\n");
        } else {
            out.push_str(line);
        }
    }
    out
}

/// Where a body's code is (fenced and indented blocks, inline code), so
/// that what looks like a shortcode, a tag or a brace there is left alone.
pub struct Code(Vec<Range<usize>>);

impl Code {
    pub fn of(body: &str) -> Code {
        Code(parse::code_ranges(body))
    }

    /// The first place at or after `from` that `find` gives (it searches
    /// from the offset it is given) and that is not in code.
    pub fn next_outside(&self, mut from: usize, find: impl Fn(usize) -> Option<usize>) -> Option<usize> {
        loop {
            let at = find(from)?;
            if !self.0.iter().any(|r| r.contains(&at)) {
                return Some(at);
            }
            from = at + 1;
        }
    }
}

/// `{{ word` outside code would be read by kepu as a shortcode call: its
/// braces are escaped (`\{\{`), which Markdown shows as `{{`.
pub fn escape_braces(body: &str) -> String {
    if !body.contains("{{") {
        return body.to_string();
    }
    let code = Code::of(body);
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(at) = code.next_outside(from, |from| body[from..].find("{{").map(|i| from + i)) {
        from = at + 2;
        if body[..at].ends_with('\\') {
            continue;
        }
        let after = body[at + 2..].trim_start_matches(' ');
        if after.starts_with(|c: char| c.is_alphabetic() || c == '_' || c == '/') {
            edits.push((at..at + 2, "\\{\\{".to_string()));
        }
    }
    apply(body, edits)
}

/// Text kepu cannot translate, kept in a fenced block under an HTML comment
/// that marks it for review (readers see the original, the editor finds it).
pub fn review_block(original: &str) -> String {
    let longest = longest_run(original, '`');
    let fence = "`".repeat(longest.max(2) + 1);
    format!(
        "\n{}\n{fence}text\n{}\n{fence}\n",
        messages::REVIEW_MARK,
        original.trim_end_matches('\n')
    )
}

/// A fenced code block of `code` in `language`.
pub fn code_block(language: &str, code: &str) -> String {
    let fence = "`".repeat(longest_run(code, '`').max(2) + 1);
    format!("\n{fence}{language}\n{}\n{fence}\n", code.trim_matches('\n'))
}

fn longest_run(text: &str, c: char) -> usize {
    let mut longest = 0;
    let mut run = 0;
    for ch in text.chars() {
        run = if ch == c { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// Words separated by spaces, quotes (`"…"`, `` `…` ``) kept together.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '`' | '\'') => {
                quote = Some(c);
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            (_, c) => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

pub fn unquote(value: &str) -> String {
    let v = value.trim();
    for q in ['"', '`', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.to_string();
        }
    }
    v.to_string()
}

/// The 1-based line of byte `offset` of a body that starts on `body_line`.
pub fn line_of(body: &str, offset: usize, body_line: usize) -> usize {
    body_line + body[..offset.min(body.len())].matches('\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> (tempfile::TempDir, Index) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("static/images")).unwrap();
        std::fs::write(root.join("static/images/a.png"), "png").unwrap();
        let mut index = Index::default();
        index.add(
            &root.join("content/posts/你好.md"),
            "你好",
            "/posts/你好/",
            "posts/你好.md",
            "你好",
        );
        index.add(
            &root.join("content/posts/b.md"),
            "b",
            "/2019/05/28/b/",
            "posts/b.md",
            "乙",
        );
        (dir, index)
    }

    fn relinked(body: &str) -> Relinked {
        let (dir, index) = fixture();
        let root = dir.path();
        let static_dirs = [root.join("static")];
        let place = Place {
            source_root: root,
            static_dirs: &static_dirs,
            old_base: Some("https://old.example.org/"),
            base_path: "/",
        };
        let source = root.join("content/posts/c.md");
        let page = Page {
            source: &source,
            old_url: "/posts/c/",
        };
        relink(body, &index, &place, &page)
    }

    #[test]
    fn links_between_posts_become_at_links() {
        let out = relinked(
            "[a](你好.md) [b](../posts/b.md#x) [c](/2019/05/28/b/) [d](https://old.example.org/posts/%E4%BD%A0%E5%A5%BD/) [e](https://rust-lang.org/)",
        );
        assert_eq!(
            out.body,
            "[a](@/posts/你好.md) [b](@/posts/b.md#x) [c](@/posts/b.md) [d](@/posts/你好.md) [e](https://rust-lang.org/)"
        );
        assert!(out.unresolved.is_empty());
    }

    #[test]
    fn a_missing_post_is_reported() {
        let out = relinked("see [x](gone.md) and [y](<./也没有.md>)\n");
        assert_eq!(out.unresolved[0], (4, "gone.md".to_string()));
        // A dead link on the old site: its words stay, kepu would refuse the link.
        assert_eq!(out.body, "see x and y\n");
    }

    #[test]
    fn images_point_at_the_copies() {
        let out = relinked(
            "![a](../../static/images/a.png) ![b](https://raw.githubusercontent.com/me/blog/master/static/images/a.png) ![c](https://old.example.org/images/a.png) ![d](/images/a.png)",
        );
        assert_eq!(
            out.body,
            "![a](/images/a.png) ![b](/images/a.png) ![c](/images/a.png) ![d](/images/a.png)"
        );
    }

    #[test]
    fn what_was_broken_on_the_old_site_finds_what_its_name_says() {
        // A Hexo post moved into a folder after it was linked by its old
        // dated URL; an image written relative to the site's root.
        let out = relinked("[b](/2016/01/21/b) ![a](images/a.png) ![c](../../images/a.png)");
        assert_eq!(
            out.body,
            "[b](@/posts/b.md) ![a](/images/a.png) ![c](/images/a.png)"
        );
        assert_eq!(out.guessed.len(), 3);
        // An undated path is not guessed at.
        assert_eq!(relinked("[x](/notes/b/)").body, "[x](/notes/b/)");
    }

    #[test]
    fn code_is_left_alone() {
        let body = "```\n[a](你好.md)\n```\n";
        assert_eq!(relinked(body).body, body);
    }

    #[test]
    fn braces_kepu_would_read_are_escaped() {
        assert_eq!(
            escape_braces("Vue 用 {{ message }} 显示，`{{ code }}` 不变\n"),
            "Vue 用 \\{\\{ message }} 显示，`{{ code }}` 不变\n"
        );
        assert_eq!(escape_braces("{{< 不是 >}}"), "{{< 不是 >}}");
    }

    #[test]
    fn review_blocks_fence_any_backticks() {
        let block = review_block("{{< tweet 1 >}}\n```x```");
        assert!(block.contains(messages::REVIEW_MARK));
        assert!(block.contains("````text\n{{< tweet 1 >}}"));
    }
}
