//! HTML post-processing with lol_html, streaming over each rendered page:
//! internal `@/file.md#anchor` links (from Markdown or templates) become
//! final URLs, optional spacing between Chinese and Latin text (text only,
//! never inside code or attributes), and in serve mode a script is injected
//! before `</body>`. For feeds, [`absolutize`] makes every link of a page's
//! content absolute.

use crate::messages::msg;
use crate::text::spacing::Spacer;
use crate::urls;
use lol_html::html_content::{ContentType, Element, TextChunk};
use lol_html::{HandlerResult, HtmlRewriter, Settings, doc_text, element};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

/// Where internal links lead: the absolute URL of a content file
/// (`tips/a.md`). The caller decides what a lookup means beyond that (the
/// renderer notes it for memoised rendering).
pub trait LinkResolver {
    fn url_of(&self, file: &str) -> Option<&str>;

    /// The final URL of an `@/path.md#anchor` reference.
    fn resolve(&self, reference: &str) -> Result<String, String> {
        let rel = reference.trim_start_matches("@/");
        let (file, anchor) = rel.split_once('#').map_or((rel, None), |(f, a)| (f, Some(a)));
        let url = self
            .url_of(&decoded(file))
            .ok_or_else(|| msg!("link-to-nothing", target = file))?;
        Ok(match anchor {
            Some(a) => format!("{url}#{a}"),
            None => url.to_string(),
        })
    }
}

/// Content-relative path → absolute URL, as a plain map.
impl LinkResolver for HashMap<String, String> {
    fn url_of(&self, file: &str) -> Option<&str> {
        self.get(file).map(String::as_str)
    }
}

/// `body` (a page body as kepu's Markdown renderer writes it) with the
/// `@/file.md#anchor` references of its `<a href="…">` and `<img src="…">`
/// replaced by their URLs, by string search: a body is shown by the page,
/// its editions and feeds, and resolving it once spares each of them a
/// parsing pass. A reference `url_of` does not know, or one written another
/// way (raw HTML), is left for [`process`] to resolve or report.
pub fn resolve_body_links(body: &str, url_of: impl Fn(&str) -> Option<String>) -> Cow<'_, str> {
    let mut resolved = String::new();
    let mut copied = 0;
    // memchr's SIMD search: this reads every body once per build.
    for at in memchr::memmem::find_iter(body.as_bytes(), b"=\"@/") {
        let before = &body[..at];
        if !(before.ends_with("<a href") || before.ends_with("<img src")) {
            continue;
        }
        let start = at + 2;
        let Some(length) = body[start..].find('"') else {
            break;
        };
        let reference = &body[start..start + length];
        let rel = &reference[2..];
        let (file, anchor) = rel.split_once('#').map_or((rel, None), |(f, a)| (f, Some(a)));
        let Some(url) = url_of(&decoded(file)) else {
            continue;
        };
        resolved.push_str(&body[copied..start]);
        // As lol_html writes attribute values (`process`): `"` escaped.
        resolved.push_str(&url.replace('"', "&quot;"));
        if let Some(anchor) = anchor {
            resolved.push('#');
            resolved.push_str(anchor);
        }
        copied = start + length;
    }
    if copied == 0 {
        return Cow::Borrowed(body);
    }
    resolved.push_str(&body[copied..]);
    Cow::Owned(resolved)
}

/// The Markdown renderer percent-encodes an href (`@/posts/%E4%BD%A0.md`);
/// content files are named by their decoded path.
fn decoded(file: &str) -> Cow<'_, str> {
    percent_encoding::percent_decode_str(file).decode_utf8_lossy()
}

/// Rewrites `html`; the error is a message about the first broken link.
pub fn process(
    html: &str,
    links: &dyn LinkResolver,
    inject: Option<&str>,
    cjk_spacing: Option<&[String]>,
) -> Result<String, String> {
    let bytes = process_into_bytes(html.as_bytes().to_vec(), links, inject, cjk_spacing)?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// [`process`] for an output file: from the bytes a template wrote (UTF-8)
/// to the bytes written, without checking again that either is UTF-8
/// (5% of a build), and without copying a page that has nothing to rewrite.
pub fn process_into_bytes(
    html: Vec<u8>,
    links: &dyn LinkResolver,
    inject: Option<&str>,
    cjk_spacing: Option<&[String]>,
) -> Result<Vec<u8>, String> {
    // Most pages have nothing to rewrite: skip parsing them (lol_html
    // compiles its selectors per rewriter, a tenth of a build's time).
    if inject.is_none() && cjk_spacing.is_none() && memchr::memmem::find(&html, b"@/").is_none() {
        return Ok(html);
    }
    let html = html.as_slice();
    let spacing = SpacingState::new(html, cjk_spacing.unwrap_or_default());
    let broken: RefCell<Option<String>> = RefCell::new(None);
    let resolve_attr = |el: &mut lol_html::html_content::Element, attr: &str| {
        if let Some(value) = el.get_attribute(attr).filter(|v| v.starts_with("@/")) {
            match links.resolve(&value) {
                // Setting a known attribute name cannot fail.
                Ok(url) => drop(el.set_attribute(attr, &url)),
                Err(message) => drop(broken.borrow_mut().get_or_insert(message)),
            }
        }
    };
    let mut handlers = vec![
        element!("a[href^='@/'], link[href^='@/']", |el| {
            resolve_attr(el, "href");
            Ok(())
        }),
        element!("img[src^='@/']", |el| {
            resolve_attr(el, "src");
            Ok(())
        }),
    ];
    if let Some(script) = inject {
        handlers.push(element!("body", move |el| {
            el.append(script, ContentType::Html);
            Ok(())
        }));
    }
    if cjk_spacing.is_some() {
        handlers.push(element!("*", |el| spacing.element(el)));
    }
    let mut settings = handlers.into_iter().fold(Settings::new(), |settings, handler| {
        settings.append_element_content_handler(handler)
    });
    if cjk_spacing.is_some() {
        settings = settings.append_document_content_handler(doc_text!(|chunk| {
            spacing.text(chunk);
            Ok(())
        }));
    }
    let out = rewrite_to_bytes(html, settings)?;
    if let Some(message) = broken.into_inner() {
        return Err(message);
    }
    Ok(out)
}

/// Runs one lol_html pass over `html`.
pub fn rewrite(html: &str, settings: Settings) -> Result<String, String> {
    String::from_utf8(rewrite_to_bytes(html.as_bytes(), settings)?).map_err(|e| e.to_string())
}

/// [`rewrite`], as bytes.
fn rewrite_to_bytes(html: &[u8], settings: Settings) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(html.len() + html.len() / 4);
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
    rewriter.write(html).map_err(|e| e.to_string())?;
    rewriter.end().map_err(|e| e.to_string())?;
    Ok(out)
}

/// Elements whose text is literal and never spaced.
const LITERAL: [&str; 10] = [
    "code", "pre", "kbd", "samp", "var", "script", "style", "textarea", "svg", "math",
];

/// Inline elements: the text before, inside and after them reads as one run
/// (`使用<strong>Rust</strong>编写`). Any other element starts a new run.
const INLINE: [&str; 21] = [
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "u",
];

/// CJK–Latin spacing over a streamed document. A text node may arrive in
/// several chunks: they are held back and spaced as a whole.
struct SpacingState<'a> {
    /// The whole input, to look at the text an inline element starts with.
    html: &'a [u8],
    spacer: RefCell<Spacer<'a>>,
    /// How many literal elements enclose the current text. Shared with
    /// end-tag handlers, which lol_html requires to be `'static`.
    literal_depth: Rc<Cell<usize>>,
    pending: RefCell<String>,
}

impl<'a> SpacingState<'a> {
    fn new(html: &'a [u8], keep: &'a [String]) -> Self {
        SpacingState {
            html,
            spacer: RefCell::new(Spacer::keeping(keep)),
            literal_depth: Rc::default(),
            pending: RefCell::default(),
        }
    }

    fn element(&self, el: &mut Element) -> HandlerResult {
        let name = el.tag_name();
        if INLINE.contains(&name.as_str()) {
            // `使用<a>Rust</a>`: the space goes before the tag, not into the link.
            let after_tag = &self.html[el.source_location().bytes().end..];
            let mut spacer = self.spacer.borrow_mut();
            if spacer.spaces_before(leading_text(after_tag)) {
                el.before(" ", ContentType::Text);
                spacer.reset();
            }
            return Ok(());
        }
        self.spacer.borrow_mut().reset();
        if LITERAL.contains(&name.as_str()) && el.can_have_content() {
            let depth = Rc::clone(&self.literal_depth);
            depth.set(depth.get() + 1);
            el.on_end_tag(Box::new(move |_| {
                depth.set(depth.get() - 1);
                Ok(())
            }))?;
        }
        Ok(())
    }

    fn text(&self, chunk: &mut TextChunk) {
        if self.literal_depth.get() > 0 {
            return;
        }
        let mut pending = self.pending.borrow_mut();
        pending.push_str(chunk.as_str());
        if chunk.last_in_text_node() {
            let spaced = self.spacer.borrow_mut().space(&pending);
            chunk.replace(&spaced, ContentType::Html);
            pending.clear();
        } else {
            chunk.remove();
        }
    }
}

/// The text an element's content starts with, through nested inline tags,
/// up to the first space or tag.
fn leading_text(mut rest: &[u8]) -> &str {
    while let Some(tag) = rest.strip_prefix(b"<") {
        let name_end = tag
            .iter()
            .position(|&c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
            .unwrap_or(tag.len());
        let Some(close) = tag.iter().position(|&c| c == b'>') else {
            return "";
        };
        if !INLINE
            .iter()
            .any(|name| name.as_bytes().eq_ignore_ascii_case(&tag[..name_end]))
        {
            return "";
        }
        rest = &tag[close + 1..];
    }
    // Up to the next tag: whole characters of the page's UTF-8.
    let text = rest.split(|&c| c == b'<').next().unwrap_or_default();
    let text = std::str::from_utf8(text).unwrap_or_default();
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    &text[..end]
}

/// `html` from the page at `page_url` with every `href`, `src` and `poster`
/// made absolute (internal `@/` links to their final URL), so that it reads
/// right in a feed reader; the error is a message about a broken link.
pub fn absolutize(html: &str, page_url: &str, links: &dyn LinkResolver) -> Result<String, String> {
    rewrite_references(html, page_url, links, false)
}

/// [`absolutize`] for a page shown at another address than the one its
/// body was written for (an edition of it): references are read against
/// `page_url`, the article's own address, so that its pictures stay found;
/// same-page `#anchors` stay as they are.
pub fn rebase(html: &str, page_url: &str, links: &dyn LinkResolver) -> Result<String, String> {
    rewrite_references(html, page_url, links, true)
}

fn rewrite_references(
    html: &str,
    page_url: &str,
    links: &dyn LinkResolver,
    keep_fragments: bool,
) -> Result<String, String> {
    let broken: RefCell<Option<String>> = RefCell::new(None);
    let mut out = Vec::with_capacity(html.len() + html.len() / 8);
    let absolute_attr = |el: &mut lol_html::html_content::Element, attr: &str| {
        let Some(value) = el.get_attribute(attr) else {
            return;
        };
        if keep_fragments && value.starts_with('#') {
            return;
        }
        let url = if value.starts_with("@/") {
            match links.resolve(&value) {
                Ok(url) => url,
                Err(message) => {
                    broken.borrow_mut().get_or_insert(message);
                    return;
                }
            }
        } else {
            urls::resolve(page_url, &value)
        };
        // Setting a known attribute name cannot fail.
        el.set_attribute(attr, &url).ok();
    };
    let settings =
        Settings::new().append_element_content_handler(element!("[href], [src], [poster]", |el| {
            for attr in ["href", "src", "poster"] {
                absolute_attr(el, attr);
            }
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
    rewriter.write(html.as_bytes()).map_err(|e| e.to_string())?;
    rewriter.end().map_err(|e| e.to_string())?;
    if let Some(message) = broken.into_inner() {
        return Err(message);
    }
    String::from_utf8(out).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> HashMap<String, String> {
        let mut urls = HashMap::new();
        urls.insert("tips/a.md".to_string(), "https://e.org/kexie/tips/a/".to_string());
        urls
    }

    #[test]
    fn resolves_internal_links_with_anchors() {
        let html = r#"<p><a href="@/tips/a.md#x">a</a> <a href="https://x.org">b</a></p>"#;
        let out = process(html, &targets(), None, None).unwrap();
        assert_eq!(
            out,
            r#"<p><a href="https://e.org/kexie/tips/a/#x">a</a> <a href="https://x.org">b</a></p>"#
        );
    }

    #[test]
    fn links_to_chinese_file_names_resolve_though_the_href_is_encoded() {
        let url_of =
            |file: &str| (file == "posts/你好.md").then(|| "https://e.org/posts/ni-hao/".to_string());
        let body = r#"<a href="@/posts/%E4%BD%A0%E5%A5%BD.md#%E7%AE%80">a</a>"#;
        assert_eq!(
            resolve_body_links(body, url_of),
            r#"<a href="https://e.org/posts/ni-hao/#%E7%AE%80">a</a>"#
        );
    }

    #[test]
    fn body_links_resolve_once_and_the_rest_is_left_for_the_pass() {
        let url_of = |file: &str| (file == "tips/a.md").then(|| "https://e.org/tips/a/".to_string());
        let body = concat!(
            r#"<p><a href="@/tips/a.md#为什么">a</a><img src="@/tips/a.md" alt="">"#,
            r#"<a href="@/nope.md">x</a><a class="k" href="@/tips/a.md">raw</a> href="@/tips/a.md"</p>"#
        );
        assert_eq!(
            resolve_body_links(body, url_of),
            concat!(
                r#"<p><a href="https://e.org/tips/a/#为什么">a</a><img src="https://e.org/tips/a/" alt="">"#,
                r#"<a href="@/nope.md">x</a><a class="k" href="@/tips/a.md">raw</a> href="@/tips/a.md"</p>"#
            )
        );
        assert!(matches!(
            resolve_body_links("<p>无链接</p>", url_of),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn a_url_cannot_end_the_attribute_it_is_written_into() {
        let url = "https://x.example/a\"onmouseover=alert(1)/tips/a/".to_string();
        let body = r#"<p><a href="@/tips/a.md">a</a></p>"#;
        let early = resolve_body_links(body, |_| Some(url.clone())).into_owned();
        let mut urls = HashMap::new();
        urls.insert("tips/a.md".to_string(), url.clone());
        let late = process(body, &urls, None, None).unwrap();
        let escaped = r#"<a href="https://x.example/a&quot;onmouseover=alert(1)/tips/a/">"#;
        assert!(early.contains(escaped), "{early}");
        assert_eq!(early, late);
    }

    #[test]
    fn broken_link_is_an_error() {
        let err = process(r#"<a href="@/nope.md">x</a>"#, &targets(), None, None).unwrap_err();
        assert!(err.contains("nope.md"));
    }

    #[test]
    fn absolutize_makes_every_link_absolute() {
        let html = concat!(
            r#"<p><a href="@/tips/a.md#x">a</a><img src="poster.svg" alt="">"#,
            r##"<a href="#为什么">#</a><a href="/x/">x</a><a href="https://o.org/">o</a></p>"##
        );
        let out = absolutize(html, "https://e.org/kexie/events/r/", &targets()).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<p><a href="https://e.org/kexie/tips/a/#x">a</a><img src="https://e.org/kexie/events/r/poster.svg" alt="">"#,
                r##"<a href="https://e.org/kexie/events/r/#为什么">#</a><a href="https://e.org/x/">x</a><a href="https://o.org/">o</a></p>"##
            )
        );
        assert!(absolutize(r#"<a href="@/nope.md">x</a>"#, "https://e.org/", &targets()).is_err());
    }

    #[test]
    fn rebase_reads_references_at_the_article_and_keeps_anchors() {
        let html = r##"<img src="poster.svg" alt=""><a href="#为什么">#</a>"##;
        let out = rebase(html, "https://e.org/kexie/events/r/", &targets()).unwrap();
        assert_eq!(
            out,
            r##"<img src="https://e.org/kexie/events/r/poster.svg" alt=""><a href="#为什么">#</a>"##
        );
    }

    #[test]
    fn injects_before_body_end() {
        let out = process(
            "<html><body><p>x</p></body></html>",
            &targets(),
            Some("<script>r()</script>"),
            None,
        )
        .unwrap();
        assert_eq!(out, "<html><body><p>x</p><script>r()</script></body></html>");
    }

    fn spaced(html: &str) -> String {
        process(html, &targets(), None, Some(&[])).unwrap()
    }

    #[test]
    fn spacing_applies_to_text_across_inline_tags() {
        assert_eq!(
            spaced("<p>使用<strong>Rust</strong>编写</p>"),
            "<p>使用 <strong>Rust</strong> 编写</p>"
        );
        assert_eq!(
            spaced(r#"<p>访问<a href="x"><em>Rust官网</em></a>了解</p>"#),
            r#"<p>访问 <a href="x"><em>Rust 官网</em></a>了解</p>"#
        );
        assert_eq!(
            spaced("<p>使用<em>科学</em>方法</p>"),
            "<p>使用<em>科学</em>方法</p>"
        );
        assert_eq!(
            spaced("<title>使用Rust编写</title>"),
            "<title>使用 Rust 编写</title>"
        );
        assert_eq!(spaced("<li>Rust</li><li>编写</li>"), "<li>Rust</li><li>编写</li>");
    }

    #[test]
    fn spacing_never_touches_code_attributes_or_urls() {
        let html = concat!(
            r#"<p title="使用Rust编写"><img alt="使用Rust编写" src="a.png">"#,
            "<code>let 名字=\"Rust编写\";</code>",
            "<pre><code>使用Rust编写\n</code></pre>",
            "<kbd>Ctrl键</kbd>",
            r#"<a href="https://example.org/科普/abc">https://example.org/科普/abc</a>了解</p>"#,
            "<script>var s='使用Rust编写';</script><style>p::after{content:'使用Rust'}</style>",
        );
        assert_eq!(spaced(html), html);
    }

    #[test]
    fn text_split_into_chunks_is_spaced_as_a_whole() {
        let long = "使用Rust编写。".repeat(2000);
        let out = spaced(&format!("<p>{long}</p>"));
        assert_eq!(out, format!("<p>{}</p>", "使用 Rust 编写。".repeat(2000)));
    }
}
