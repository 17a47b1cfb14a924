//! Markdown → HTML with pulldown-cmark, after shortcodes are expanded
//! (`shortcodes`): heading ids and self-links, the table
//! of contents, the summary, and internal links rewritten to the canonical
//! `@/path.md#anchor` form that post-processing turns into final URLs. Link
//! targets are recorded with their line so the model can report broken ones.

use crate::error::{Diagnostic, Error, Result};
use crate::fingerprint::Fingerprint;
use crate::render::shortcodes::ShortcodeTemplates;
use crate::shortcodes::{Expander, Place};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

const MORE_MARKER: &str = "<!-- more -->";

/// A heading in the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A link to another content file, as written at `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Content-relative path of the target file (`tips/drink-water.md`).
    pub target: String,
    pub anchor: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// An image as written in the Markdown, for checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub src: String,
    pub alt: String,
    pub line: usize,
}

/// A link to something other than a content file (a download, a page
/// path, an `#anchor` of the same page), as written at `line`, for checks.
/// Links to other sites (`https:`, `mailto:` …) are not recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    pub url: String,
    pub line: usize,
    pub column: usize,
}

/// The Markdown stage: expands shortcodes (with figures from the whole
/// site's recaps) and renders every page and section body, in parallel.
/// Every shortcode problem of every file is reported.
pub fn render_site(site: &mut crate::model::Site, templates: &ShortcodeTemplates) -> Result<()> {
    render_site_with(site, templates, &mut MarkdownCache::default())
}

/// [`render_site`], keeping the rendering of every body whose expanded
/// Markdown is what it was in the last build (kept in `cache`).
pub fn render_site_with(
    site: &mut crate::model::Site,
    templates: &ShortcodeTemplates,
    cache: &mut MarkdownCache,
) -> Result<()> {
    let pages: Vec<usize> = (0..site.pages.len()).collect();
    let sections: Vec<usize> = (0..site.sections.len()).collect();
    let (kept, result) = render_bodies(site, templates, cache, &pages, &sections);
    cache.bodies = kept;
    result
}

/// Renders the bodies of the pages at `pages` (indices) again, the rest of
/// the site keeping its renderings: after edits that changed those bodies
/// only, this is what [`render_site_with`] would do.
pub fn render_pages_with(
    site: &mut crate::model::Site,
    templates: &ShortcodeTemplates,
    cache: &mut MarkdownCache,
    pages: &[usize],
) -> Result<()> {
    let (kept, result) = render_bodies(site, templates, cache, pages, &[]);
    cache.bodies.extend(kept);
    result
}

/// Renders the bodies of `pages` and `sections` (indices), reusing what
/// `cache` holds; returns their renderings for the cache and every problem.
fn render_bodies(
    site: &mut crate::model::Site,
    templates: &ShortcodeTemplates,
    cache: &MarkdownCache,
    pages: &[usize],
    sections: &[usize],
) -> (Bodies, Result<()>) {
    use rayon::prelude::*;
    let recaps = Arc::clone(&site.recaps);
    let expander = Expander::new(&recaps, templates, &site.config);
    let render_source = |source: &SourceRef| -> RenderResult {
        let place = Place {
            file: source.file,
            first_line: source.body.first_line,
            period: source.period,
        };
        let expanded = expander.expand(&source.body.text, &place)?;
        let key = expanded.fingerprint(source.rel_path, source.body.first_line);
        if let Some(rendered) = cache.get(source.rel_path, key) {
            return Ok((key, rendered));
        }
        let mut rendered = render(&expanded.markdown, source.rel_path, source.body.first_line);
        expanded.fill(&mut rendered);
        Ok((key, Arc::new(rendered)))
    };
    let page_results: Vec<RenderResult> = pages
        .par_iter()
        .map(|i| render_source(&SourceRef::page(&site.pages[*i].source)))
        .collect();
    let section_results: Vec<RenderResult> = sections
        .par_iter()
        .map(|i| render_source(&SourceRef::section(&site.sections[*i].source)))
        .collect();
    let mut problems = Vec::new();
    let mut kept = HashMap::with_capacity(pages.len() + sections.len());
    let mut fill = |rel_path: &str, target: &mut Arc<Rendered>, result: RenderResult| match result {
        Ok((key, rendered)) => {
            kept.insert(rel_path.to_string(), (key, Arc::clone(&rendered)));
            *target = rendered;
        }
        Err(mut found) => problems.append(&mut found),
    };
    for (i, result) in pages.iter().zip(page_results) {
        let source = &mut site.pages[*i].source;
        fill(&source.rel_path, &mut source.rendered, result);
    }
    for (i, result) in sections.iter().zip(section_results) {
        let source = &mut site.sections[*i].source;
        fill(&source.rel_path, &mut source.rendered, result);
    }
    let result = if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::from_diagnostics(problems))
    };
    (kept, result)
}

type RenderResult = std::result::Result<(Fingerprint, Arc<Rendered>), Vec<Diagnostic>>;

/// Renderings of the last build by source path, with the fingerprint of
/// the expanded Markdown they were made from, to reuse when serving.
#[derive(Default)]
pub struct MarkdownCache {
    bodies: Bodies,
}

/// Renderings by source path, with the fingerprint of what they were made from.
type Bodies = HashMap<String, (Fingerprint, Arc<Rendered>)>;

impl MarkdownCache {
    fn get(&self, rel_path: &str, key: Fingerprint) -> Option<Arc<Rendered>> {
        let (cached, rendered) = self.bodies.get(rel_path)?;
        (*cached == key).then(|| Arc::clone(rendered))
    }
}

/// What the Markdown stage reads of a page or a section.
struct SourceRef<'s> {
    rel_path: &'s str,
    file: &'s std::path::Path,
    body: &'s crate::source::Body,
    period: Option<&'s crate::period::Period>,
}

impl<'s> SourceRef<'s> {
    fn page(source: &'s crate::source::PageSource) -> Self {
        SourceRef {
            rel_path: &source.rel_path,
            file: &source.file,
            body: &source.body,
            period: source.period.as_ref(),
        }
    }

    fn section(source: &'s crate::source::SectionSource) -> Self {
        SourceRef {
            rel_path: &source.rel_path,
            file: &source.file,
            body: &source.body,
            period: None,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub summary: String,
    pub toc: Vec<TocEntry>,
    pub links: Vec<InternalLink>,
    pub file_links: Vec<FileLink>,
    pub images: Vec<ImageRef>,
    /// Ids of all headings, for checking `#anchor` links.
    pub heading_ids: Vec<String>,
    /// The visible text outside code blocks (for counting and search).
    pub plain_text: String,
    /// CJK characters and Latin words of `plain_text`.
    pub count: crate::text::count::TextCount,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders `body` of the file at content-relative `rel_path`; `first_line`
/// is the line of the file on which the body starts.
pub fn render(body: &str, rel_path: &str, first_line: usize) -> Rendered {
    let mut renderer = Renderer::new(body, rel_path, first_line);
    let events = renderer.transform(Parser::new_ext(body, options()).into_offset_iter());
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    let summary = match body.find(MORE_MARKER) {
        Some(cut) => {
            let mut summary = String::new();
            let before = Renderer::new(&body[..cut], rel_path, first_line)
                .transform(Parser::new_ext(&body[..cut], options()).into_offset_iter());
            pulldown_cmark::html::push_html(&mut summary, before.into_iter());
            summary
        }
        None => first_paragraph(&events),
    };
    Rendered {
        html,
        summary,
        toc: nest_toc(renderer.flat_toc),
        links: renderer.links,
        file_links: renderer.file_links,
        images: renderer.images,
        heading_ids: renderer.ids.into_iter().collect(),
        count: crate::text::count::count(&renderer.plain_text),
        plain_text: renderer.plain_text,
    }
}

fn first_paragraph(events: &[Event]) -> String {
    let Some(start) = events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return String::new();
    };
    let end = events[start..]
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len(), |i| start + i + 1);
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events[start..end].iter().cloned());
    html
}

/// A heading being collected: level, explicit id, classes, inner events.
type OpenHeading<'e> = (HeadingLevel, Option<CowStr<'e>>, Vec<CowStr<'e>>, Vec<Event<'e>>);

struct Renderer<'a> {
    body: &'a str,
    base_dir: String,
    first_line: usize,
    ids: Vec<String>,
    used_ids: HashSet<String>,
    flat_toc: Vec<(u8, String, String)>,
    links: Vec<InternalLink>,
    file_links: Vec<FileLink>,
    images: Vec<ImageRef>,
    plain_text: String,
}

impl<'a> Renderer<'a> {
    fn new(body: &'a str, rel_path: &str, first_line: usize) -> Self {
        Renderer {
            body,
            base_dir: rel_path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string(),
            first_line,
            ids: Vec::new(),
            used_ids: HashSet::new(),
            flat_toc: Vec::new(),
            links: Vec::new(),
            file_links: Vec::new(),
            images: Vec::new(),
            plain_text: String::new(),
        }
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        let before = &self.body[..offset];
        let line = before.matches('\n').count();
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        (self.first_line + line, column)
    }

    fn transform<'e>(
        &mut self,
        parser: impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    ) -> Vec<Event<'e>> {
        let mut out = Vec::new();
        let mut heading: Option<OpenHeading> = None;
        let mut in_code = false;
        let mut image: Option<(String, usize, String)> = None;
        for (event, range) in parser {
            let event = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = self.internal_link(dest_url, range.start);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::Image { ref dest_url, .. }) => {
                    image = Some((
                        dest_url.to_string(),
                        self.line_column(range.start).0,
                        String::new(),
                    ));
                    event
                }
                Event::End(TagEnd::Image) => {
                    if let Some((src, line, alt)) = image.take() {
                        self.images.push(ImageRef { src, alt, line });
                    }
                    event
                }
                Event::Start(Tag::CodeBlock(_)) => {
                    in_code = true;
                    event
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    event
                }
                Event::Text(ref text) | Event::Code(ref text) if !in_code => {
                    if let Some((_, _, alt)) = image.as_mut() {
                        alt.push_str(text);
                    }
                    self.plain_text.push_str(text);
                    event
                }
                Event::SoftBreak | Event::HardBreak => {
                    self.plain_text.push('\n');
                    event
                }
                Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) => {
                    self.plain_text.push('\n');
                    event
                }
                other => other,
            };
            match (&mut heading, event) {
                (
                    None,
                    Event::Start(Tag::Heading {
                        level, id, classes, ..
                    }),
                ) => {
                    heading = Some((level, id, classes, Vec::new()));
                }
                (Some(_), Event::End(TagEnd::Heading(_))) => {
                    let (level, id, classes, inner) = heading.take().unwrap_or_else(|| unreachable!());
                    self.plain_text.push('\n');
                    out.extend(self.heading(level, id, classes, inner));
                }
                (Some((_, _, _, inner)), event) => inner.push(event),
                (None, event) => out.push(event),
            }
        }
        out
    }

    /// Rewrites a link to a `.md` file (`@/x.md` or relative) to `@/x.md#a`.
    fn internal_link<'e>(&mut self, dest: CowStr<'e>, offset: usize) -> CowStr<'e> {
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (dest.as_ref(), None),
        };
        let target = if let Some(from_root) = path.strip_prefix("@/") {
            from_root.to_string()
        } else if path.ends_with(".md") && !path.contains("://") && !path.starts_with('/') {
            join_relative(&self.base_dir, path)
        } else {
            if is_in_site(&dest) {
                let (line, column) = self.line_column(offset);
                self.file_links.push(FileLink {
                    url: dest.to_string(),
                    line,
                    column,
                });
            }
            return dest;
        };
        let (line, column) = self.line_column(offset);
        let href = match &anchor {
            Some(a) => format!("@/{target}#{a}"),
            None => format!("@/{target}"),
        };
        self.links.push(InternalLink {
            target,
            anchor,
            line,
            column,
        });
        CowStr::from(href)
    }

    fn heading<'e>(
        &mut self,
        level: HeadingLevel,
        id: Option<CowStr<'e>>,
        classes: Vec<CowStr<'e>>,
        inner: Vec<Event<'e>>,
    ) -> Vec<Event<'e>> {
        let title: String = inner
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let id = self.unique_id(id.map_or_else(|| slug_id(&title), |id| id.to_string()));
        let mut open = format!("<{level} id=\"");
        escape_html(&mut open, &id).ok();
        open.push('"');
        if !classes.is_empty() {
            open.push_str(" class=\"");
            escape_html(&mut open, &classes.join(" ")).ok();
            open.push('"');
        }
        open.push('>');
        let mut close = String::from("<a class=\"heading-anchor\" href=\"#");
        escape_html(&mut close, &id).ok();
        close.push_str(&format!("\" aria-label=\"链接到本节\">#</a></{level}>\n"));
        self.flat_toc.push((level as u8, id.clone(), title));
        self.ids.push(id);
        let mut events = vec![Event::Html(open.into())];
        events.extend(inner);
        events.push(Event::Html(close.into()));
        events
    }

    fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 1;
        while !self.used_ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// A readable id: letters and digits of any script kept (Chinese stays
/// Chinese), ASCII lower-cased, spaces and dashes folded to one `-`.
pub fn slug_id(text: &str) -> String {
    let mut id = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if (c.is_whitespace() || c == '-' || c == '_') && !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        "section".into()
    } else {
        id.into()
    }
}

/// True for a URL within this site: a relative or absolute path, or an
/// `#anchor`; not a URL with a scheme (`https:`, `mailto:`) or a host (`//`).
pub fn is_in_site(url: &str) -> bool {
    let before_path = url.split(['/', '?', '#']).next().unwrap_or("");
    !url.is_empty() && !url.starts_with("//") && !before_path.contains(':')
}

/// `base_dir` + a relative path, with `.` and `..` folded.
fn join_relative(base_dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = base_dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

fn nest_toc(flat: Vec<(u8, String, String)>) -> Vec<TocEntry> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry {
            level,
            id,
            title,
            children: Vec::new(),
        };
        insert_toc(&mut roots, entry);
    }
    roots
}

fn insert_toc(siblings: &mut Vec<TocEntry>, entry: TocEntry) {
    match siblings.last_mut() {
        Some(last) if last.level < entry.level => insert_toc(&mut last.children, entry),
        _ => siblings.push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_readable_ids_and_self_links() {
        let r = render("## 科学解释\n\n## 科学解释\n\n### Why it Works\n", "tips/a.md", 1);
        assert!(
            r.html
                .contains("<h2 id=\"科学解释\">科学解释<a class=\"heading-anchor\" href=\"#科学解释\""),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"科学解释-1\">"));
        assert!(r.html.contains("<h3 id=\"why-it-works\">"));
        assert_eq!(r.toc.len(), 2);
        assert_eq!(r.toc[1].children[0].id, "why-it-works");
    }

    #[test]
    fn explicit_heading_id_wins() {
        let r = render("## 数据 {#data}\n", "a.md", 1);
        assert!(r.html.contains("<h2 id=\"data\">数据<a"));
    }

    #[test]
    fn internal_links_are_canonical_and_recorded_with_lines() {
        let r = render(
            "text\n\n[a](@/tips/b.md#x) and [c](../anti-cult/d.md) [e](https://x.org/a.md)\n",
            "tips/a.md",
            5,
        );
        assert!(r.html.contains("href=\"@/tips/b.md#x\""));
        assert!(r.html.contains("href=\"@/anti-cult/d.md\""));
        assert!(r.html.contains("href=\"https://x.org/a.md\""));
        assert_eq!(r.links.len(), 2);
        assert_eq!(r.links[0].line, 7);
        assert_eq!(r.links[0].column, 1);
        assert_eq!(r.links[0].anchor.as_deref(), Some("x"));
        assert_eq!(r.links[1].target, "anti-cult/d.md");
    }

    #[test]
    fn links_within_the_site_are_recorded_for_checks() {
        let r = render(
            "[pdf](files/a.pdf) [top](#top) [site](/tips/)\n[web](https://x.org) [mail](mailto:a@b.c) [md](a.md)\n",
            "tips/a.md",
            3,
        );
        let urls: Vec<&str> = r.file_links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["files/a.pdf", "#top", "/tips/"]);
        assert_eq!((r.file_links[1].line, r.file_links[1].column), (3, 20));
    }

    #[test]
    fn summary_is_text_before_more_else_first_paragraph() {
        let r = render("第一段。\n\n第二段。\n", "a.md", 1);
        assert_eq!(r.summary, "<p>第一段。</p>\n");
        let r = render("甲\n\n乙\n\n<!-- more -->\n\n丙\n", "a.md", 1);
        assert_eq!(r.summary, "<p>甲</p>\n<p>乙</p>\n");
    }

    #[test]
    fn tables_footnotes_tasks_strikethrough() {
        let r = render(
            "|a|b|\n|-|-|\n|1|2|\n\n- [x] done\n\n~~old~~[^1]\n\n[^1]: note\n",
            "a.md",
            1,
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("checkbox"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote-definition"));
    }

    #[test]
    fn counting_leaves_code_blocks_out() {
        let r = render(
            "# 使用Rust\n\n喝水的学问。\n\n```rust\nfn main() { println!(\"你好\"); }\n```\n",
            "a.md",
            1,
        );
        assert_eq!(r.count.cjk, 7);
        assert_eq!(r.count.words, 1);
    }

    #[test]
    fn plain_text_skips_code_and_images_keep_alt() {
        let r = render("你好 `x`\n\n```\ncode\n```\n\n![海报](p.svg)\n", "a.md", 1);
        assert!(!r.plain_text.contains("code"));
        assert_eq!(r.images[0].alt, "海报");
        assert_eq!(r.images[0].line, 7);
    }
}
