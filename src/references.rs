//! Checks of what Markdown refers to besides content pages (those are
//! `model::check_links`' job): every image has alt text, every image,
//! download and page path it links to is a file of the built site, and every
//! same-page `#anchor` names a heading. Pure: the site model and the paths
//! of the rendered outputs in, warnings out (a build prints them, `kepu
//! check` fails on them).

use crate::body::Rendered;
use crate::error::Diagnostic;
use crate::messages::msg;
use crate::model::Site;
use crate::urls;
use crate::urls::is_in_site;
use std::collections::HashSet;
use std::path::Path;

/// Warnings about the images and links of every page and section.
pub fn check<'a>(site: &'a Site, outputs: impl IntoIterator<Item = &'a str>) -> Vec<Diagnostic> {
    check_each(site, outputs).concat()
}

/// [`check`]'s warnings of each page, then each section, in site order.
pub fn check_each<'a>(site: &'a Site, outputs: impl IntoIterator<Item = &'a str>) -> Vec<Vec<Diagnostic>> {
    let checker = Checker::new(site, outputs);
    (0..site.pages.len() + site.sections.len())
        .map(|item| checker.warnings_of(site, item))
        .collect()
}

/// `last` (from [`check_each`] on the same outputs) with the warnings of
/// the pages at `edited` checked again: after edits of page bodies only,
/// no other page's references can have changed.
pub fn check_again<'a>(
    site: &'a Site,
    outputs: impl IntoIterator<Item = &'a str>,
    last: &mut [Vec<Diagnostic>],
    edited: impl IntoIterator<Item = usize>,
) {
    let checker = Checker::new(site, outputs);
    for page in edited {
        last[page] = checker.warnings_of(site, page);
    }
}

struct Checker<'a> {
    known: HashSet<&'a str>,
    base: &'a str,
}

impl<'a> Checker<'a> {
    fn new(site: &'a Site, outputs: impl IntoIterator<Item = &'a str>) -> Self {
        Checker {
            known: outputs.into_iter().collect(),
            base: site.config.base_path(),
        }
    }

    /// The warnings of item `item`: a page's index, or a section's after
    /// all pages.
    fn warnings_of(&self, site: &Site, item: usize) -> Vec<Diagnostic> {
        let page = match site.pages.get(item) {
            Some(p) => PageRefs {
                file: &p.source.file,
                path: p.path.as_str(),
                is_bundle: p.is_bundle,
                rendered: &p.rendered,
                cover: p.source.front.cover.as_deref(),
            },
            None => {
                let s = &site.sections[item - site.pages.len()];
                PageRefs {
                    file: &s.source.file,
                    path: s.path.as_str(),
                    is_bundle: true,
                    rendered: &s.rendered,
                    cover: None,
                }
            }
        };
        let mut warnings = Vec::new();
        self.check_page(&page, &mut warnings);
        warnings
    }
}

/// What one page's checks need to know about it.
struct PageRefs<'p> {
    file: &'p Path,
    /// Its site path, which relative URLs are relative to.
    path: &'p str,
    /// A bundle (or section) keeps its files in its own URL folder; a plain
    /// page's URL folder is one level below its source file's folder.
    is_bundle: bool,
    rendered: &'p Rendered,
    /// The front matter's `cover:`, as written.
    cover: Option<&'p str>,
}

impl Checker<'_> {
    fn check_page(&self, page: &PageRefs, warnings: &mut Vec<Diagnostic>) {
        // Where a warning points and what it calls the reference are made
        // only for a warning: most references are fine.
        for image in &page.rendered.images {
            let at = || Diagnostic::new(page.file, "").at(image.line, None);
            if image.alt.trim().is_empty() {
                warnings.push(
                    Diagnostic {
                        message: msg!("image-no-alt", src = image.src.as_str()),
                        ..at()
                    }
                    .code("missing-alt")
                    .hint(msg!("image-no-alt-hint")),
                );
            }
            if is_in_site(&image.src) {
                warnings.extend(self.missing(page, &image.src, || msg!("the-image"), at));
            }
        }
        if let Some(cover) = page.cover.filter(|cover| is_in_site(cover)) {
            warnings.extend(self.missing_cover(page, cover));
        }
        for link in &page.rendered.file_links {
            let at = || Diagnostic::new(page.file, "").at(link.line, Some(link.column));
            match link.url.strip_prefix('#') {
                Some(anchor) => warnings.extend(missing_anchor(page, anchor, at)),
                None => warnings.extend(self.missing(page, &link.url, || msg!("the-link"), at)),
            }
        }
    }

    /// A warning when `url`, written on `page`, names no file of the site.
    fn missing(
        &self,
        page: &PageRefs,
        url: &str,
        what: impl FnOnce() -> String,
        at: impl FnOnce() -> Diagnostic,
    ) -> Option<Diagnostic> {
        let Some(site_path) = self.site_path(page.path, url) else {
            return Some(
                Diagnostic {
                    message: msg!("file-outside-site", what = what(), url = url, base = self.base),
                    ..at()
                }
                .code("outside-site")
                .hint(msg!("file-outside-site-hint")),
            );
        };
        if self.exists(&site_path) {
            return None;
        }
        let message = msg!(
            "file-missing",
            what = what(),
            url = url,
            path = site_path.as_str()
        );
        let at = at().code("missing-file");
        let beside_source = (!page.is_bundle)
            .then(|| self.site_path(page.path, &format!("../{url}")))
            .flatten()
            .filter(|p| self.exists(p));
        Some(match beside_source {
            Some(found) => Diagnostic { message, ..at }.hint(msg!(
                "file-missing-beside-hint",
                page = page.path,
                found = found.as_str(),
                url = url
            )),
            None => Diagnostic { message, ..at }.hint(msg!("file-missing-hint")),
        })
    }

    /// A warning when the page's `cover:` names no file of the site: a
    /// bundle's cover without `/` is beside its `index.md`, any other is a
    /// path from the site's root.
    fn missing_cover(&self, page: &PageRefs, cover: &str) -> Option<Diagnostic> {
        let written = cover.split(['?', '#']).next().unwrap_or("");
        let site_path = if written.starts_with('/') || !page.is_bundle {
            format!("/{}", written.trim_start_matches('/'))
        } else {
            format!("{}{written}", page.path)
        };
        let site_path = percent_decode(&site_path);
        if self.exists(&site_path) {
            return None;
        }
        Some(
            Diagnostic::new(
                page.file,
                msg!("cover-missing", cover = cover, path = site_path.as_str()),
            )
            .code("missing-file")
            .hint(msg!("cover-missing-hint")),
        )
    }

    /// The site path `url` names from the page at `page_path`, or `None`
    /// when it leaves the site.
    fn site_path(&self, page_path: &str, url: &str) -> Option<String> {
        let url = url.split(['?', '#']).next().unwrap_or("");
        let url = percent_decode(url);
        let joined = match url.strip_prefix('/') {
            Some(_) => format!("/{}", url.strip_prefix(self.base)?),
            None => format!("{page_path}{url}"),
        };
        let mut segments: Vec<&str> = Vec::new();
        for segment in joined.split('/') {
            match segment {
                "" | "." => {}
                ".." => {
                    segments.pop()?;
                }
                s => segments.push(s),
            }
        }
        let mut path = String::with_capacity(joined.len() + 1);
        for segment in &segments {
            path.push('/');
            path.push_str(segment);
        }
        if path.is_empty() || joined.ends_with('/') {
            path.push('/');
        }
        Some(path)
    }

    /// True when a built file answers `site_path` (a folder answers with its index.html).
    fn exists(&self, site_path: &str) -> bool {
        let rel = site_path.trim_start_matches('/');
        let index = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            format!("{rel}/index.html")
        };
        self.known.contains(rel) || self.known.contains(index.as_str())
    }
}

fn missing_anchor(page: &PageRefs, anchor: &str, at: impl FnOnce() -> Diagnostic) -> Option<Diagnostic> {
    let ids = &page.rendered.heading_ids;
    let anchor = percent_decode(anchor);
    if anchor.is_empty() || ids.contains(&anchor) {
        return None;
    }
    Some(
        Diagnostic {
            message: msg!("anchor-missing-here", anchor = anchor.as_str()),
            ..at()
        }
        .code("missing-anchor")
        .hint(msg!("anchor-missing-hint")),
    )
}

/// `%E5%81%A5` → `健`; a malformed escape leaves the text as written.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        // Most references: nothing to decode (a thousand warnings read each twice).
        return text.to_string();
    }
    urls::percent_decode(text).unwrap_or_else(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::render;

    fn checker<'a>(known: &[&'a str], base: &'a str) -> Checker<'a> {
        Checker {
            known: known.iter().copied().collect(),
            base,
        }
    }

    fn warnings(body: &str, is_bundle: bool, known: &[&str]) -> Vec<Diagnostic> {
        let rendered = render(body, "tips/a.md", 5);
        let page = PageRefs {
            file: Path::new("content/tips/a.md"),
            path: "/tips/a/",
            is_bundle,
            rendered: &rendered,
            cover: None,
        };
        let mut found = Vec::new();
        checker(known, "/kexie/").check_page(&page, &mut found);
        found
    }

    #[test]
    fn resolves_relative_absolute_and_escaped_paths() {
        let c = checker(&[], "/kexie/");
        assert_eq!(c.site_path("/tips/a/", "p.png").as_deref(), Some("/tips/a/p.png"));
        assert_eq!(c.site_path("/tips/a/", "../../x/").as_deref(), Some("/x/"));
        assert_eq!(
            c.site_path("/tips/a/", "/kexie/tips/?q=1#x").as_deref(),
            Some("/tips/")
        );
        assert_eq!(
            c.site_path("/tips/a/", "%E5%81%A5%20康.png").as_deref(),
            Some("/tips/a/健 康.png")
        );
        assert_eq!(c.site_path("/tips/a/", "/other/"), None, "outside the base path");
        assert_eq!(c.site_path("/tips/a/", "../../../x"), None, "above the site root");
    }

    #[test]
    fn images_need_alt_text_and_a_file() {
        let found = warnings(
            "![](p.png)\n\n![海报](poster.svg)\n",
            true,
            &["tips/a/poster.svg"],
        );
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].message.contains("no alt text"));
        assert_eq!(found[0].line, Some(5));
        assert!(
            found[1].message.contains("p.png names /tips/a/p.png"),
            "{}",
            found[1]
        );
    }

    #[test]
    fn a_plain_page_gets_told_where_its_relative_file_really_is() {
        let found = warnings("[下载](report.pdf)\n", false, &["tips/report.pdf"]);
        assert!(
            found[0].hint.as_deref().unwrap().contains("write ../report.pdf"),
            "{}",
            found[0]
        );
    }

    #[test]
    fn pages_folders_and_anchors_are_found() {
        let known = ["tips/index.html", "tips/b/index.html"];
        let body = "## 为什么\n\n[a](/kexie/tips/) [b](../b) [c](#为什么) [d](#%E4%B8%BA%E4%BB%80%E4%B9%88) [e](#nope)\n";
        let found = warnings(body, false, &known);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("`nope`"));
        let outside = warnings("[x](/elsewhere/)\n", false, &known);
        assert!(outside[0].message.contains("outside the site"), "{}", outside[0]);
    }
}
