//! One body's Markdown → HTML with pulldown-cmark, after shortcodes are
//! expanded: heading ids and self-links, the table
//! of contents, the summary, and internal links rewritten to the canonical
//! `@/path.md#anchor` form that post-processing turns into final URLs. Link
//! targets are recorded with their line so the model can report broken ones.

use crate::body::{FileLink, ImageRef, InternalLink, Rendered, TocEntry};
use crate::text::count;
use crate::text::line_breaks;
use crate::urls;
use crate::urls::is_in_site;
use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};
use pulldown_cmark_escape::escape_html;
use std::collections::HashSet;

const MORE_MARKER: &str = "<!-- more -->";

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        // GitHub's alerts, `> [!NOTE]` and the like (and nothing else).
        | Options::ENABLE_GFM
}

/// A GFM alert's class and its label, the word a Chinese reader expects.
fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "注意"),
        BlockQuoteKind::Tip => ("tip", "提示"),
        BlockQuoteKind::Important => ("important", "重要"),
        BlockQuoteKind::Warning => ("warning", "警告"),
        BlockQuoteKind::Caution => ("caution", "危险"),
    }
}

/// The events of `body`, line breaks inside Chinese text joined and bare
/// addresses made links.
fn parse(body: &str) -> Box<dyn Iterator<Item = (Event<'_>, std::ops::Range<usize>)> + '_> {
    let events = Parser::new_ext(body, options()).into_offset_iter();
    // About one event per 20 bytes of Chinese text.
    let capacity = body.len() / 16;
    // Each pass only where it can change something: most bodies have no
    // bare address, and many no line break inside Chinese text.
    // memchr's substring search (SIMD) reads a body at a fraction of what
    // `str::contains` costs, and every body is read so.
    let may_link = memchr::memmem::find(body.as_bytes(), b"://").is_some()
        || memchr::memmem::find(body.as_bytes(), b"www.").is_some();
    match (line_breaks::may_join(body), may_link) {
        (true, true) => {
            Box::new(autolink(merge_texts(line_breaks::join_cjk_lines(events)), capacity).into_iter())
        }
        (true, false) => Box::new(line_breaks::join_cjk_lines(events)),
        (false, true) => Box::new(autolink(merge_texts(events), capacity).into_iter()),
        (false, false) => Box::new(events),
    }
}

/// Bare `https://…` and `www.…` addresses in text become links, as GFM's
/// autolinks (extended www autolinks included) do in every Markdown editor
/// (pulldown-cmark has none); not in code, links or image descriptions.
fn autolink<'e>(
    events: impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    capacity: usize,
) -> Vec<(Event<'e>, std::ops::Range<usize>)> {
    let mut out = Vec::with_capacity(capacity);
    let (mut in_link, mut in_code) = (0usize, false);
    for (event, range) in events {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) => in_link += 1,
            Event::End(TagEnd::Link | TagEnd::Image) => in_link = in_link.saturating_sub(1),
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            // `contains(':')` first: a search for one byte is much cheaper.
            Event::Text(text)
                if in_link == 0
                    && !in_code
                    && ((text.contains(':') && text.contains("://")) || text.contains("www.")) =>
            {
                for piece in split_addresses(text) {
                    let piece = match piece {
                        Piece::Text(text) => vec![Event::Text(text.to_string().into())],
                        Piece::Address(url) => vec![
                            Event::Start(Tag::Link {
                                link_type: LinkType::Autolink,
                                // GFM's www links are http://, as browsers complete them.
                                dest_url: if url.starts_with("www.") {
                                    format!("http://{url}").into()
                                } else {
                                    url.to_string().into()
                                },
                                title: CowStr::from(""),
                                id: CowStr::from(""),
                            }),
                            Event::Text(url.to_string().into()),
                            Event::End(TagEnd::Link),
                        ],
                    };
                    out.extend(piece.into_iter().map(|e| (e, range.clone())));
                }
                continue;
            }
            _ => {}
        }
        out.push((event, range));
    }
    out
}

/// Adjacent text events as one (pulldown-cmark splits text at `_`, `*` and
/// the like, which addresses contain). Streams, holding one text back.
fn merge_texts<'e>(
    events: impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
) -> impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)> {
    let mut events = events.peekable();
    std::iter::from_fn(move || {
        let (event, mut range) = events.next()?;
        let Event::Text(first) = event else {
            return Some((event, range));
        };
        let mut merged: Option<String> = None;
        while let Some((Event::Text(text), next)) =
            events.next_if(|(event, _)| matches!(event, Event::Text(_)))
        {
            merged.get_or_insert_with(|| first.to_string()).push_str(&text);
            range.end = next.end;
        }
        Some((Event::Text(merged.map_or(first, CowStr::from)), range))
    })
}

/// A part of a text: plain, or a web address.
#[derive(Debug, PartialEq)]
enum Piece<'t> {
    Text(&'t str),
    Address(&'t str),
}

/// `text` cut into plain parts and the `http://`, `https://` and `www.`
/// addresses in it. An address ends at a space, a non-ASCII character
/// (Chinese text often follows without one), `<` or a quote; trailing
/// punctuation and an unbalanced `)` are not part of it, as in GFM.
fn split_addresses(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    let starts = |rest: &str| {
        ["https://", "http://"]
            .iter()
            .filter_map(|s| rest.find(s))
            .chain(www_start(rest))
            .min()
    };
    while let Some(start) = starts(rest) {
        let scheme = if rest[start..].starts_with("https://") {
            8
        } else if rest[start..].starts_with("http://") {
            7
        } else {
            "www.".len()
        };
        let after = &rest[start..];
        let mut end = after
            .find(|c: char| !c.is_ascii_graphic() || matches!(c, '<' | '>' | '"' | '\''))
            .unwrap_or(after.len());
        loop {
            let url = &after[..end];
            let unbalanced = url.ends_with(')') && url.matches(')').count() > url.matches('(').count();
            if url.ends_with(['.', ',', ':', ';', '!', '?', '*', '_', '~']) || unbalanced {
                end -= 1;
            } else {
                break;
            }
        }
        if end <= scheme {
            pieces.push(Piece::Text(&rest[..start + scheme]));
            rest = &rest[start + scheme..];
            continue;
        }
        if start > 0 {
            pieces.push(Piece::Text(&rest[..start]));
        }
        pieces.push(Piece::Address(&after[..end]));
        rest = &after[end..];
    }
    if !rest.is_empty() {
        pieces.push(Piece::Text(rest));
    }
    pieces
}

/// Where the first `www.` address of `rest` starts: `www.` followed by a
/// letter or digit, not inside a word or another address (GFM wants a
/// space or punctuation before it; Chinese text often has none).
fn www_start(rest: &str) -> Option<usize> {
    rest.match_indices("www.").map(|(at, _)| at).find(|&at| {
        let before = rest[..at].chars().next_back();
        let after = rest[at + "www.".len()..].chars().next();
        before.is_none_or(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '/' | '@' | '-' | '_' | ':')))
            && after.is_some_and(|c| c.is_ascii_alphanumeric())
    })
}

/// Renders `body` of the file at content-relative `rel_path`; `first_line`
/// is the line of the file on which the body starts.
pub fn render(body: &str, rel_path: &str, first_line: usize) -> Rendered {
    let mut renderer = Renderer::new(body, rel_path, first_line);
    let events = renderer.transform(parse(body));
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.iter().cloned());
    // memchr's substring search: `str::find` cost 5.7 M instructions on
    // 1,000 bodies, most of which have no marker.
    let summary = match memchr::memmem::find(body.as_bytes(), MORE_MARKER.as_bytes()) {
        Some(cut) => {
            let mut summary = String::new();
            let before = Renderer::new(&body[..cut], rel_path, first_line).transform(parse(&body[..cut]));
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
        external_links: renderer.external_links,
        images: renderer.images,
        heading_ids: renderer.ids.into_iter().collect(),
        count: count::count(&renderer.plain_text),
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

/// The file line and column (in characters) of the byte `offset` of
/// `body`, which starts on line `first_line`.
fn line_column(body: &str, first_line: usize, offset: usize) -> (usize, usize) {
    let before = &body[..offset];
    let line = before.matches('\n').count();
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (first_line + line, column)
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
    external_links: Vec<FileLink>,
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
            external_links: Vec::new(),
            images: Vec::new(),
            // The visible text is most of a body.
            plain_text: String::with_capacity(body.len()),
        }
    }

    fn line_column(&self, offset: usize) -> (usize, usize) {
        line_column(self.body, self.first_line, offset)
    }

    fn transform<'e>(
        &mut self,
        parser: impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    ) -> Vec<Event<'e>> {
        // About one event per 20 bytes of Chinese text.
        let mut out = Vec::with_capacity(self.body.len() / 16);
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
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, label) = alert(kind);
                    Event::Html(
                        format!(
                            "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{label}</p>\n"
                        )
                        .into(),
                    )
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</div>\n".into()),
                Event::Html(ref html) | Event::InlineHtml(ref html) => {
                    // `<span id="example-2-1">`: a link may name it too.
                    self.ids
                        .extend(html_attribute(html, "id").map(|(_, id)| id.to_string()));
                    self.raw_html_external_links(html, range.clone());
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

    /// Records the `http:`/`https:` addresses of raw HTML's `href` and `src`
    /// (`<a href>`, `<iframe src>`) for `kepu check --audit --external`, at
    /// their own line and column when the event's text is the source's.
    fn raw_html_external_links(&mut self, html: &str, range: std::ops::Range<usize>) {
        let verbatim = self.body.get(range.clone()) == Some(html);
        for (at, url) in ["href", "src"]
            .into_iter()
            .flat_map(|name| html_attribute(html, name))
            .filter(|(_, url)| url.starts_with("http://") || url.starts_with("https://"))
        {
            let (line, column) = self.line_column(range.start + if verbatim { at } else { 0 });
            self.external_links.push(FileLink {
                url: url.to_string(),
                line,
                column,
            });
        }
    }

    /// Rewrites a link to a `.md` file (`@/x.md` or relative) to `@/x.md#a`.
    fn internal_link<'e>(&mut self, dest: CowStr<'e>, offset: usize) -> CowStr<'e> {
        let (path, anchor) = match dest.split_once('#') {
            Some((p, a)) => (p, Some(a.to_string())),
            None => (dest.as_ref(), None),
        };
        let target = if let Some(from_root) = path.strip_prefix("@/") {
            urls::comparable_path(from_root)
        } else if path.ends_with(".md") && !path.contains("://") && !path.starts_with('/') {
            join_relative(&self.base_dir, &urls::comparable_path(path))
        } else {
            let links = if is_in_site(&dest) {
                Some(&mut self.file_links)
            } else if dest.starts_with("http://") || dest.starts_with("https://") {
                Some(&mut self.external_links)
            } else {
                None
            };
            if let Some(links) = links {
                let (line, column) = line_column(self.body, self.first_line, offset);
                links.push(FileLink {
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

/// `base_dir` + a relative path, with `.` and `..` folded.
/// The values of the `id` attributes written in a piece of raw HTML.
/// The quoted values of attribute `name` (`id`, `href`) in raw HTML, each
/// with its byte offset in `html`.
fn html_attribute<'h>(html: &'h str, name: &'static str) -> impl Iterator<Item = (usize, &'h str)> + 'h {
    html.match_indices(name).filter_map(move |(at, _)| {
        let starts_attribute = html[..at].ends_with(|c: char| c.is_ascii_whitespace());
        let value_at = at + name.len() + 2;
        let rest = html[at + name.len()..].strip_prefix('=')?;
        let quote = rest.chars().next().filter(|q| *q == '"' || *q == '\'')?;
        let value = rest[1..].split(quote).next()?;
        (starts_attribute && !value.is_empty()).then_some((value_at, value))
    })
}

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
    #[test]
    fn bare_addresses_become_links_but_not_in_code_or_links() {
        let html = render(
            "见 https://kepu.example.org/a_b_c/?q=1。也见（https://e.org/x）和 http://e.org.\n\n`https://code.example/` [https://e.org/](https://e.org/)\n",
            "a.md",
            1,
        )
        .html;
        assert!(
            html.contains(
                "见 <a href=\"https://kepu.example.org/a_b_c/?q=1\">https://kepu.example.org/a_b_c/?q=1</a>。"
            ),
            "{html}"
        );
        assert!(
            html.contains("（<a href=\"https://e.org/x\">https://e.org/x</a>）"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"http://e.org\">http://e.org</a>."),
            "{html}"
        );
        assert!(html.contains("<code>https://code.example/</code>"), "{html}");
        assert_eq!(html.matches("<a href=\"https://e.org/\">").count(), 1, "{html}");
    }

    #[test]
    fn www_addresses_become_links_as_in_gfm() {
        let html = render(
            "见 www.example.com/a_b。访问www.kepu.org查看，或 https://www.e.org/。\n\n`www.code.example` 与 awww.no 和 www. 都不是\n",
            "a.md",
            1,
        )
        .html;
        assert!(
            html.contains("见 <a href=\"http://www.example.com/a_b\">www.example.com/a_b</a>。"),
            "{html}"
        );
        assert!(
            html.contains("访问<a href=\"http://www.kepu.org\">www.kepu.org</a>查看"),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://www.e.org/\">https://www.e.org/</a>。"),
            "{html}"
        );
        assert!(html.contains("<code>www.code.example</code>"), "{html}");
        assert_eq!(html.matches("<a ").count(), 3, "{html}");
    }

    #[test]
    fn raw_html_ids_are_anchors() {
        let rendered = render(
            "<span id=\"example-2-1\"></span>例 2.1\n\n<div class=\"x\" id='box'>\n",
            "a.md",
            1,
        );
        assert!(rendered.heading_ids.contains(&"example-2-1".to_string()));
        assert!(rendered.heading_ids.contains(&"box".to_string()));
        assert!(!rendered.heading_ids.contains(&"x".to_string()));
    }

    #[test]
    fn raw_html_addresses_of_other_sites_are_recorded_where_written() {
        let r = render(
            "正文\n\n<div>\n<a href=\"https://x.org/a\">甲</a> <iframe src='http://v.cn/1'></iframe>\n</div>\n\n文字 <a class=\"b\" href=\"https://y.org/\">乙</a> <a href=\"/tips/\">站内</a>\n",
            "a.md",
            3,
        );
        let found: Vec<_> = r
            .external_links
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.column))
            .collect();
        assert_eq!(
            found,
            [
                ("https://x.org/a", 6, 10),
                ("http://v.cn/1", 6, 46),
                ("https://y.org/", 9, 23)
            ]
        );
    }

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
