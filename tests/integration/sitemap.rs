//! `sitemap.xml` lists every public page and list page with its last change,
//! as XML a parser accepts, and matches the HTML files written; robots.txt
//! points at it; 404.html is written from the theme.

use crate::common::{Site, read, shared, snapshot};
use quick_xml::events::Event;
use std::collections::BTreeMap;
use std::path::Path;

const BASE: &str = "https://example.org/kexie/";

/// `loc` → `lastmod` of every `<url>`, read with an XML parser.
fn read_sitemap(xml: &str) -> BTreeMap<String, Option<String>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut urls = BTreeMap::new();
    let (mut element, mut loc, mut lastmod) = (String::new(), String::new(), None);
    loop {
        match reader.read_event().expect("sitemap.xml is well-formed XML") {
            Event::Start(start) => element = String::from_utf8(start.name().as_ref().to_vec()).unwrap(),
            Event::Text(text) => {
                let text = text.decode().unwrap().into_owned();
                match element.as_str() {
                    "loc" => loc = text,
                    "lastmod" => lastmod = Some(text),
                    _ => {}
                }
            }
            Event::End(end) => {
                if end.name().as_ref() == b"url" {
                    urls.insert(std::mem::take(&mut loc), lastmod.take());
                }
                element.clear();
            }
            Event::Eof => return urls,
            _ => {}
        }
    }
}

/// The site path of an `index.html` under the output folder `public`
/// (`tips/a/index.html` → `tips/a/`).
fn html_paths(public: &Path) -> Vec<String> {
    snapshot(public)
        .into_iter()
        .filter(|(file, _)| file.ends_with("index.html"))
        .filter(|(_, bytes)| !String::from_utf8_lossy(bytes).contains("http-equiv=\"refresh\""))
        .map(|(file, _)| file.trim_end_matches("index.html").to_string())
        .collect()
}

/// Written but not listed: later pagers, the search and lobby-screen pages
/// and the WeChat editions (whose canonical URL is the page's).
fn unlisted(path: &str) -> bool {
    path.contains("page/")
        || ["search/", "screen/", "wechat/"]
            .iter()
            .any(|prefix| path.starts_with(prefix))
}

/// The site paths the sitemap lists, checked to be written, and checked
/// against every HTML page written but redirects and the `unlisted`;
/// `public` is the output folder.
fn assert_sitemap_matches_html(public: &Path, base: &str) -> Vec<String> {
    let urls = read_sitemap(&read(public, "sitemap.xml"));
    let listed: Vec<String> = urls
        .keys()
        .map(|loc| {
            let path = loc
                .strip_prefix(base)
                .unwrap_or_else(|| panic!("{loc} is under base_url"));
            kepu::urls::percent_decode(path).unwrap()
        })
        .collect();
    for path in &listed {
        assert!(
            public.join(format!("{path}index.html")).exists(),
            "{path} is in the sitemap but not written"
        );
    }
    for path in html_paths(public) {
        assert_eq!(listed.contains(&path), !unlisted(&path), "{path}");
    }
    listed
}

#[test]
fn the_sitemap_lists_every_public_page_and_list_with_lastmod() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let listed = assert_sitemap_matches_html(&site.path("public"), BASE);
    let urls = read_sitemap(&site.read("sitemap.xml"));
    assert!(
        !listed
            .iter()
            .any(|p| p.contains("draft") || p.contains("tomorrow"))
    );
    assert_eq!(
        urls[&format!("{BASE}tips/b/")].as_deref(),
        Some("2024-06-20T10:00:00+08:00"),
        "updated"
    );
    assert_eq!(urls[&format!("{BASE}tips/a/")].as_deref(), Some("2024-06-01"));
    assert_eq!(
        urls[&format!("{BASE}about/")],
        None,
        "undated pages have no lastmod"
    );
    assert_eq!(
        urls[&format!("{BASE}tips/")].as_deref(),
        Some("2024-06-20T10:00:00+08:00")
    );
    assert_eq!(urls[BASE].as_deref(), Some("2024-06-20T10:00:00+08:00"));
    assert_eq!(
        urls[&format!("{BASE}tags/%E5%81%A5%E5%BA%B7/")].as_deref(),
        Some("2024-06-20T10:00:00+08:00"),
        "Chinese paths are percent-encoded in the sitemap"
    );
}

#[test]
fn the_demo_sitemap_lists_its_series_calendar_and_term_pages() {
    let listed = assert_sitemap_matches_html(&shared::demo().output(), "https://kexie.example.org/");
    for path in ["tips/calendar/", "tags/jian-kang/", "categories/"] {
        assert!(listed.iter().any(|p| p == path), "{path} in {listed:?}");
    }
    assert!(listed.iter().any(|p| p.contains("/series/")), "{listed:?}");
}

#[test]
fn robots_txt_points_at_the_sitemap_and_404_is_themed() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let robots = site.read("robots.txt");
    assert!(robots.starts_with("User-agent: *\n"), "{robots}");
    assert!(
        robots.contains("Sitemap: https://example.org/kexie/sitemap.xml\n"),
        "{robots}"
    );
    let not_found = site.read("404.html");
    assert!(not_found.contains("<h1>页面没有找到</h1>") && not_found.contains("lang=\"zh-CN\""));
}

#[test]
fn sitemap_robots_and_404_can_be_switched_off() {
    let site = Site::fixture("outputs");
    let config = site.read_source("kepu.yaml");
    site.write(
        "kepu.yaml",
        format!("{config}outputs: {{sitemap: false, not_found: false}}\n"),
    );
    site.build(&[]);
    assert!(!site.exists("sitemap.xml") && !site.exists("404.html"));
    assert!(!site.read("robots.txt").contains("Sitemap:"));
    site.write("kepu.yaml", format!("{config}outputs: {{robots: false}}\n"));
    site.build(&[]);
    assert!(!site.exists("robots.txt") && site.exists("sitemap.xml"));
    site.write("kepu.yaml", format!("{config}outputs: {{sitemaps: false}}\n"));
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("did you mean `sitemap`?"), "{stderr}");
}
