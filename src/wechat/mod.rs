//! The WeChat edition of an article: the element marked [`EXPORT_ROOT`]
//! becomes HTML that the public-account (公众号) editor keeps as it is. That
//! editor drops `<style>`, classes, ids, scripts and links to other sites,
//! so footnotes are gathered into a numbered notes list, links become their
//! text and a number into a reference list, images get absolute URLs, the
//! theme's styles are inlined, and only then are classes, ids and scripts
//! removed.
//!
//! The public surface, for the renderer: [`Stylesheet::new`] once per build
//! from the theme's `wechat.stylesheet`, then [`export`] for each article's
//! post-processed page, marked [`EXPORT_ROOT`] where the body starts. It
//! reads nothing and writes nothing: HTML in, HTML out.

pub mod charts;
pub mod inline_css;

pub use inline_css::Stylesheet;

use crate::postprocess::rewrite;
use crate::urls::{self, Bases};
use lol_html::html_content::{ContentType, Element};
use lol_html::{HandlerResult, Settings, element, end_tag, text};
use pulldown_cmark_escape::escape_html;
use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;

/// The attribute that marks the body to export in the `wechat.html` template.
pub const EXPORT_ROOT: &str = "data-kepu-export";

/// Turns the export body of a rendered WeChat page into editor-ready HTML;
/// `page_url` is the article's address, against which relative links and
/// images are read, and every link and image of the site is given at its
/// public address (`bases`), since the body leaves the preview.
pub fn export(html: &str, page_url: &str, bases: Bases, stylesheet: &Stylesheet) -> Result<String, String> {
    let html = gather_footnotes(html)?;
    let html = number_links(&html, page_url, bases)?;
    stylesheet.inline(&html, strip_for_editor)
}

/// A footnote definition's place in the page and its label (`1`).
struct Definition {
    range: Range<usize>,
    label: String,
}

/// Moves the footnote definitions (written where the Markdown has them) into
/// one `<ol>` at the end of the export body, in footnote order. lol_html
/// reports where each definition starts and ends; the move is then plain
/// slicing at those places.
fn gather_footnotes(html: &str) -> Result<String, String> {
    // Most articles have no footnotes: spare them a parsing pass.
    if !html.contains("footnote-definition") {
        return Ok(html.to_string());
    }
    let definitions: Rc<RefCell<Vec<Definition>>> = Rc::default();
    let root_end: Rc<Cell<Option<usize>>> = Rc::default();
    let settings = Settings::new()
        .append_element_content_handler(element!(scoped(".footnote-definition"), |el| {
            let start = el.source_location().bytes().start;
            definitions.borrow_mut().push(Definition {
                range: start..start,
                label: String::new(),
            });
            let definitions = Rc::clone(&definitions);
            el.on_end_tag(end_tag!(move |end| {
                if let Some(last) = definitions.borrow_mut().last_mut() {
                    last.range.end = end.source_location().bytes().end;
                }
                Ok(())
            }))
        }))
        .append_element_content_handler(text!(scoped(".footnote-definition-label"), |chunk| {
            if let Some(last) = definitions.borrow_mut().last_mut() {
                last.label.push_str(chunk.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(element!(format!("[{EXPORT_ROOT}]"), |el| {
            let root_end = Rc::clone(&root_end);
            el.on_end_tag(end_tag!(move |end| {
                root_end.set(Some(end.source_location().bytes().start));
                Ok(())
            }))
        }));
    rewrite(html, settings)?;
    let mut definitions: Vec<Definition> = definitions
        .take()
        .into_iter()
        .filter(|d| d.range.end > d.range.start)
        .collect();
    let Some(root_end) = root_end.get().filter(|_| !definitions.is_empty()) else {
        return Ok(html.to_string());
    };
    let mut out = String::with_capacity(html.len() + 100);
    let mut cursor = 0;
    for definition in &definitions {
        out.push_str(&html[cursor..definition.range.start]);
        cursor = definition.range.end;
    }
    out.push_str(&html[cursor..root_end]);
    out.push_str(r#"<section class="footnotes"><p class="footnotes-title">注释</p><ol>"#);
    definitions.sort_by_key(|d| d.label.trim().parse::<u32>().unwrap_or(u32::MAX));
    for definition in &definitions {
        out.push_str(&html[definition.range.clone()]);
    }
    out.push_str("</ol></section>");
    out.push_str(&html[root_end..]);
    Ok(out)
}

/// A link of the reference list.
#[derive(Default)]
struct Reference {
    url: String,
    text: String,
}

/// Links become their text and `[n]`, with the numbered reference list
/// appended to the body (the same address keeps its number); same-page
/// anchors and heading self-links go; footnote marks read `[1]` and the
/// gathered definitions become list items; images and links get absolute
/// URLs; task-list checkboxes become ☑ / ☐.
fn number_links(html: &str, page_url: &str, bases: Bases) -> Result<String, String> {
    let references: Rc<RefCell<Vec<Reference>>> = Rc::default();
    // The reference collecting the text of the link being read, if it is new.
    let collecting: Cell<Option<usize>> = Cell::new(None);
    let settings = Settings::new()
        .append_element_content_handler(element!(scoped("a.heading-anchor"), |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!(scoped(".footnote-reference"), |el| {
            el.prepend("[", ContentType::Text);
            el.append("]", ContentType::Text);
            Ok(())
        }))
        .append_element_content_handler(element!(scoped(".footnote-definition"), |el| {
            // A list item now: the theme's rules for loose definitions no longer apply.
            el.set_tag_name("li")?;
            el.remove_attribute("class");
            Ok(())
        }))
        .append_element_content_handler(element!(scoped(".footnote-definition-label"), |el| {
            el.remove();
            Ok(())
        }))
        .append_element_content_handler(element!(scoped("a[href]"), |el| {
            collecting.set(None);
            let href = el.get_attribute("href").unwrap_or_default();
            if el.removed() {
                return Ok(());
            }
            el.remove_and_keep_content();
            if href.starts_with('#') {
                return Ok(());
            }
            let url = bases.public(&urls::resolve(page_url, &href)).into_owned();
            let mut references = references.borrow_mut();
            let number = match references.iter().position(|r| r.url == url) {
                Some(i) => i + 1,
                None => {
                    references.push(Reference {
                        url,
                        text: String::new(),
                    });
                    collecting.set(Some(references.len() - 1));
                    references.len()
                }
            };
            el.after(
                &format!(r#"<sup class="reference-mark">[{number}]</sup>"#),
                ContentType::Html,
            );
            Ok(())
        }))
        .append_element_content_handler(text!(scoped("a[href]"), |chunk| {
            if let Some(i) = collecting.get() {
                references.borrow_mut()[i].text.push_str(chunk.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(element!(scoped("img[src]"), |el| {
            let src = el.get_attribute("src").unwrap_or_default();
            el.set_attribute("src", &bases.public(&urls::resolve(page_url, &src)))?;
            Ok(())
        }))
        .append_element_content_handler(element!(scoped("input[type=checkbox]"), |el| {
            let mark = if el.has_attribute("checked") {
                "☑ "
            } else {
                "☐ "
            };
            el.replace(mark, ContentType::Text);
            Ok(())
        }))
        .append_element_content_handler(element!(format!("[{EXPORT_ROOT}]"), |el| {
            let references = Rc::clone(&references);
            el.on_end_tag(end_tag!(move |end| {
                end.before(&reference_list(&references.borrow()), ContentType::Html);
                Ok(())
            }))
        }));
    rewrite(html, settings)
}

/// `参考链接` with one numbered item per address; empty without links.
fn reference_list(references: &[Reference]) -> String {
    if references.is_empty() {
        return String::new();
    }
    let mut html =
        String::from(r#"<section class="references"><p class="references-title">参考链接</p><ol>"#);
    for reference in references {
        // The text is already escaped HTML text; the URL is an attribute value made text.
        let text = reference.text.trim();
        html.push_str("<li>");
        if !text.is_empty() && text != reference.url {
            html.push_str(text);
            html.push('：');
        }
        let _ = escape_html(&mut html, &reference.url);
        html.push_str("</li>");
    }
    html.push_str("</ol></section>");
    html
}

/// What the editor would drop or choke on, removed from an element of the
/// export body once its style is inlined: scripts, styles, links, and the
/// classes, ids and `data-` attributes that only the theme reads (a
/// chart's mark stays, for [`charts::as_images`]).
fn strip_for_editor(el: &mut Element) -> HandlerResult {
    if matches!(
        el.tag_name().as_str(),
        "script" | "style" | "link" | "noscript" | "template"
    ) {
        el.remove();
        return Ok(());
    }
    let dropped: Vec<String> = el
        .attributes()
        .iter()
        .map(|a| a.name())
        .filter(|n| {
            n == "class"
                || n == "id"
                || (n.starts_with("data-") && n != EXPORT_ROOT && n != charts::CHART_MARK)
        })
        .collect();
    for name in dropped {
        el.remove_attribute(&name);
    }
    Ok(())
}

/// `selector` below the export root.
fn scoped(selector: &str) -> String {
    selector
        .split(',')
        .map(|s| format!("[{EXPORT_ROOT}] {}", s.trim()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://e.org/kexie/tips/water/";
    const BUILT: Bases = Bases {
        local: "https://e.org/kexie/",
        public: "https://e.org/kexie/",
    };

    fn body(inner: &str) -> String {
        format!(r#"<main><section {EXPORT_ROOT}><div class="prose">{inner}</div></section></main>"#)
    }

    #[test]
    fn links_become_text_and_numbered_references() {
        let html = body(
            r##"<p><a href="https://who.int/"><em>世卫</em>组织</a>和<a href="../b/">上一篇</a>，
            再见<a href="https://who.int/">世卫</a>，<a href="#x">本页</a></p>"##,
        );
        let out = number_links(&html, PAGE, BUILT).unwrap();
        assert!(!out.contains("<a "), "{out}");
        assert!(
            out.contains(r#"<em>世卫</em>组织<sup class="reference-mark">[1]</sup>和上一篇<sup class="reference-mark">[2]</sup>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"再见世卫<sup class="reference-mark">[1]</sup>，本页</p>"#),
            "{out}"
        );
        assert!(
            out.contains(
                "<ol><li>世卫组织：https://who.int/</li><li>上一篇：https://e.org/kexie/tips/b/</li></ol></section></section>"
            ),
            "{out}"
        );
    }

    #[test]
    fn footnotes_gather_into_a_numbered_list_at_the_end() {
        let html = body(concat!(
            r##"<p>甲<sup class="footnote-reference"><a href="#2">2</a></sup>乙<sup class="footnote-reference"><a href="#1">1</a></sup></p>"##,
            r#"<div class="footnote-definition" id="2"><sup class="footnote-definition-label">2</sup><p>二</p></div>"#,
            r#"<p>中间</p>"#,
            r#"<div class="footnote-definition" id="1"><sup class="footnote-definition-label">1</sup><p>一</p></div>"#,
        ));
        let out = number_links(&gather_footnotes(&html).unwrap(), PAGE, BUILT).unwrap();
        assert!(
            out.contains(r#"甲<sup class="footnote-reference">[2]</sup>乙<sup class="footnote-reference">[1]</sup></p><p>中间</p></div>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<ol><li id="1"><p>一</p></li><li id="2"><p>二</p></li></ol>"#),
            "{out}"
        );
    }

    #[test]
    fn images_get_absolute_urls_and_checkboxes_become_marks() {
        let html = body(
            r#"<img src="poster.svg" alt="海报"><ul><li><input disabled="" type="checkbox" checked=""> 做完</li></ul>"#,
        );
        let out = number_links(&html, PAGE, BUILT).unwrap();
        assert!(out.contains(r#"<img src="https://e.org/kexie/tips/water/poster.svg" alt="海报">"#));
        assert!(out.contains("<li>☑  做完</li>"), "{out}");
    }

    #[test]
    fn a_previewed_body_carries_the_public_address() {
        let preview = Bases {
            local: "http://127.0.0.1:1111/kexie/",
            public: "https://e.org/kexie/",
        };
        let html = body(
            r#"<p><a href="http://127.0.0.1:1111/kexie/tips/b/">上一篇</a><img src="poster.svg" alt="海报"></p>"#,
        );
        let out = number_links(&html, "http://127.0.0.1:1111/kexie/tips/water/", preview).unwrap();
        assert!(out.contains("上一篇：https://e.org/kexie/tips/b/"), "{out}");
        assert!(
            out.contains(r#"src="https://e.org/kexie/tips/water/poster.svg""#),
            "{out}"
        );
        assert!(!out.contains("127.0.0.1"), "{out}");
    }

    #[test]
    fn strips_classes_ids_and_scripts_below_the_root_only() {
        let html = format!(
            r#"<p class="keep"></p><section {EXPORT_ROOT} class="x"><h2 id="t" class="c" data-n="1" style="color:red">T</h2><script>x()</script><style>p{{}}</style></section>"#
        );
        let out = Stylesheet::parse("", EXPORT_ROOT)
            .inline(&html, strip_for_editor)
            .unwrap();
        assert_eq!(
            out,
            format!(r#"<p class="keep"></p><section {EXPORT_ROOT}><h2 style="color:red">T</h2></section>"#)
        );
    }

    #[test]
    fn export_inlines_the_look_and_leaves_no_class() {
        let css = ".prose h2 { border-left: 5px solid #0b4a8b } .references { color: #4a4a4a }";
        let html = body(
            r##"<h2 id="t">标题<a class="heading-anchor" href="#t">#</a></h2><p><a href="https://a.org/">甲</a></p>"##,
        );
        let out = export(&html, PAGE, BUILT, &Stylesheet::parse(css, EXPORT_ROOT)).unwrap();
        assert!(
            out.contains(r#"<h2 style="border-left:5px solid #0b4a8b">标题</h2>"#),
            "{out}"
        );
        assert!(
            out.contains(r#"<section style="color:#4a4a4a"><p>参考链接</p>"#),
            "{out}"
        );
        assert!(!out.contains("class="), "{out}");
    }
}
