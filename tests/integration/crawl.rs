//! Every reference of the built demo site resolves: each `href`, `src`,
//! `srcset`, `poster`, `action` and meta refresh of every HTML file — pages,
//! lists, the WeChat and print editions, the lobby screen, redirects —
//! each stylesheet's `url()` and each feed's stylesheet, followed as a
//! browser would from the file's own address. A reference into the site
//! must name a file the build wrote, and its `#anchor` an id of that page.
//! Other hosts are not fetched (tests never reach the network).

use crate::common::shared;
use kepu::urls;
use lol_html::{HtmlRewriter, Settings, element};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const BASE_URL: &str = "https://kexie.example.org/";

#[test]
fn every_reference_of_the_demo_resolves_editions_included() {
    let site = shared::demo();
    let files = crate::common::snapshot(&site.output());
    let ids: BTreeMap<&str, BTreeSet<String>> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path.as_str(), ids_of(&String::from_utf8_lossy(bytes))))
        .collect();
    let mut broken = Vec::new();
    let mut followed = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let references = match Path::new(path).extension().and_then(|e| e.to_str()) {
            Some("html") => references_in_html(&text),
            Some("css") => references_in_css(&text),
            Some("xml") => stylesheets_of_xml(&text),
            _ => continue,
        };
        let page_url = format!("{BASE_URL}{}", path.trim_end_matches("index.html"));
        for reference in references {
            let url = urls::resolve(&page_url, &reference);
            let Some(inside) = url.strip_prefix(BASE_URL) else {
                continue;
            };
            followed += 1;
            if let Err(why) = target_exists(inside, &files, &ids) {
                broken.push(format!("{path}: `{reference}` → {url}: {why}"));
            }
        }
    }
    assert!(followed > 3000, "only {followed} references followed");
    assert!(broken.is_empty(), "broken references:\n{}", broken.join("\n"));
    // The crawl covers the editions of a page bundle, whose pictures sit
    // beside the web page, not the edition.
    assert!(files.contains_key("wechat/events/robot-contest-2024/index.html"));
}

/// Whether the site-relative `inside` (with query and fragment) names a
/// file of the build, and its fragment an element of that page.
fn target_exists(
    inside: &str,
    files: &BTreeMap<String, Vec<u8>>,
    ids: &BTreeMap<&str, BTreeSet<String>>,
) -> Result<(), String> {
    let (path, fragment) = inside
        .split_once('#')
        .map_or((inside, None), |(p, f)| (p, Some(f)));
    let path = path.split('?').next().unwrap_or(path);
    let path = urls::percent_decode(path).ok_or("not UTF-8 when decoded")?;
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    if !files.contains_key(&file) {
        return Err(format!("no file {file}"));
    }
    match (fragment, ids.get(file.as_str())) {
        (Some(fragment), Some(ids)) if !fragment.is_empty() => {
            let id = urls::percent_decode(fragment).unwrap_or_default();
            if ids.contains(&id) {
                Ok(())
            } else {
                Err(format!("{file} has no id `{id}`"))
            }
        }
        _ => Ok(()),
    }
}

/// The references an HTML file makes, as written.
fn references_in_html(html: &str) -> Vec<String> {
    let found = RefCell::new(Vec::new());
    let add = |value: Option<String>| {
        if let Some(value) = value.filter(|v| followable(v)) {
            found.borrow_mut().push(value);
        }
    };
    let settings = Settings::new()
        .append_element_content_handler(element!("[href], [src], [poster], form[action]", |el| {
            for attr in ["href", "src", "poster", "action"] {
                add(el.get_attribute(attr));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("[srcset]", |el| {
            for candidate in el.get_attribute("srcset").unwrap_or_default().split(',') {
                add(candidate.split_whitespace().next().map(str::to_string));
            }
            Ok(())
        }))
        .append_element_content_handler(element!("meta[http-equiv='refresh']", |el| {
            let content = el.get_attribute("content").unwrap_or_default();
            add(content.split_once("url=").map(|(_, url)| url.trim().to_string()));
            Ok(())
        }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes()).unwrap();
    rewriter.end().unwrap();
    found.into_inner()
}

/// The ids (and anchor names) of an HTML page.
fn ids_of(html: &str) -> BTreeSet<String> {
    let found = RefCell::new(BTreeSet::new());
    let settings = Settings::new().append_element_content_handler(element!("[id], a[name]", |el| {
        for attr in ["id", "name"] {
            if let Some(value) = el.get_attribute(attr) {
                found.borrow_mut().insert(value);
            }
        }
        Ok(())
    }));
    let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
    rewriter.write(html.as_bytes()).unwrap();
    rewriter.end().unwrap();
    found.into_inner()
}

/// `url(…)` references of a stylesheet.
fn references_in_css(css: &str) -> Vec<String> {
    css.split("url(")
        .skip(1)
        .filter_map(|rest| rest.split_once(')'))
        .map(|(url, _)| url.trim().trim_matches(['"', '\'']).to_string())
        .filter(|url| followable(url))
        .collect()
}

/// The `href` of each `<?xml-stylesheet …?>` of a feed or sitemap.
fn stylesheets_of_xml(xml: &str) -> Vec<String> {
    xml.split("<?xml-stylesheet")
        .skip(1)
        .filter_map(|rest| rest.split_once("?>"))
        .filter_map(|(attrs, _)| attrs.split_once("href=\"")?.1.split_once('"'))
        .map(|(href, _)| href.to_string())
        .collect()
}

/// References a browser follows to a file (not `mailto:`, `tel:`, script
/// or inline data).
fn followable(reference: &str) -> bool {
    let lower = reference.to_ascii_lowercase();
    !["mailto:", "tel:", "javascript:", "data:", "sms:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}
