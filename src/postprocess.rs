//! HTML post-processing with lol_html, streaming over each rendered page:
//! internal `@/file.md#anchor` links (from Markdown or templates) become
//! final URLs, and in serve mode a script is injected before `</body>`.

use crate::model::Site;
use lol_html::html_content::ContentType;
use lol_html::{HtmlRewriter, Settings, element};
use std::cell::RefCell;
use std::collections::HashMap;

/// Content-relative source path → absolute URL.
pub struct LinkTargets {
    urls: HashMap<String, String>,
}

impl LinkTargets {
    pub fn new(site: &Site) -> Self {
        let urls = site
            .by_source
            .keys()
            .filter_map(|rel| Some((rel.clone(), site.permalink(site.path_of(rel)?))))
            .collect();
        LinkTargets { urls }
    }

    /// The final URL of an `@/path.md#anchor` reference.
    pub fn resolve(&self, reference: &str) -> Result<String, String> {
        let rel = reference.trim_start_matches("@/");
        let (file, anchor) = rel.split_once('#').map_or((rel, None), |(f, a)| (f, Some(a)));
        let url = self
            .urls
            .get(file)
            .ok_or_else(|| format!("link to a page that does not exist: {file}"))?;
        Ok(match anchor {
            Some(a) => format!("{url}#{a}"),
            None => url.clone(),
        })
    }
}

/// Rewrites `html`; the error is a message about the first broken link.
pub fn process(html: &str, links: &LinkTargets, inject: Option<&str>) -> Result<String, String> {
    let broken: RefCell<Option<String>> = RefCell::new(None);
    let mut out = Vec::with_capacity(html.len() + inject.map_or(0, str::len));
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
    let settings = handlers.into_iter().fold(Settings::new(), |settings, handler| {
        settings.append_element_content_handler(handler)
    });
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

    fn targets() -> LinkTargets {
        let mut urls = HashMap::new();
        urls.insert("tips/a.md".to_string(), "https://e.org/kexie/tips/a/".to_string());
        LinkTargets { urls }
    }

    #[test]
    fn resolves_internal_links_with_anchors() {
        let html = r#"<p><a href="@/tips/a.md#x">a</a> <a href="https://x.org">b</a></p>"#;
        let out = process(html, &targets(), None).unwrap();
        assert_eq!(
            out,
            r#"<p><a href="https://e.org/kexie/tips/a/#x">a</a> <a href="https://x.org">b</a></p>"#
        );
    }

    #[test]
    fn broken_link_is_an_error() {
        let err = process(r#"<a href="@/nope.md">x</a>"#, &targets(), None).unwrap_err();
        assert!(err.contains("nope.md"));
    }

    #[test]
    fn injects_before_body_end() {
        let out = process(
            "<html><body><p>x</p></body></html>",
            &targets(),
            Some("<script>r()</script>"),
        )
        .unwrap();
        assert_eq!(out, "<html><body><p>x</p><script>r()</script></body></html>");
    }
}
