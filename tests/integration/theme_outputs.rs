//! The default theme (`themes/kepu`) renders the site-wide outputs: canonical
//! and Open Graph metadata, feed links, pagers, term pages, previous/next,
//! related articles and the 404 page.

use crate::common::Site;
use crate::common::shared::Built;
use std::sync::OnceLock;

/// The `outputs` fixture with the default theme instead of its own
/// templates, built once for the tests, which only read it.
fn themed_site() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    Built::once(&BUILT, |dir| {
        let site = Site::fixture_with_theme_in(dir, "outputs");
        std::fs::remove_dir_all(site.path("templates")).unwrap();
        site.build(&[]);
        site
    })
}

#[test]
fn pages_carry_canonical_description_and_open_graph() {
    let site = themed_site();
    let page = site.read("tips/a/index.html");
    for needle in [
        r#"<html lang="zh-CN">"#,
        r#"<link rel="canonical" href="https://example.org/kexie/tips/a/">"#,
        r#"<meta name="description" content="多喝水 &amp; 少喝饮料">"#,
        r#"<meta property="og:title" content="喝水 &amp; &lt;健康&gt;">"#,
        r#"<meta property="og:description" content="多喝水 &amp; 少喝饮料">"#,
        r#"<meta property="og:type" content="article">"#,
        r#"<meta property="og:url" content="https://example.org/kexie/tips/a/">"#,
        r#"<meta property="og:locale" content="zh_CN">"#,
        r#"<link rel="alternate" type="application/atom+xml" title="每日科普 - 测试科协 &amp; 科普" href="https://example.org/kexie/tips/atom.xml">"#,
    ] {
        assert!(page.contains(needle), "expected {needle} in:\n{page}");
    }
    let without_description = site.read("tips/c/index.html");
    assert!(
        without_description.contains(r#"<meta name="description" content="防暑。">"#),
        "the text's start stands in for a missing description"
    );
    let bundle = site.read("events/robot/index.html");
    assert!(
        bundle.contains(r#"<meta property="og:image" content="https://example.org/kexie/events/robot/"#),
        "a share image beside the page: {bundle}"
    );
    let section = site.read("tips/index.html");
    assert!(section.contains(r#"<meta property="og:title" content="每日科普">"#));
    assert!(section.contains(r#"<meta name="description" content="每天一条科学知识">"#));
}

#[test]
fn lists_are_paginated_and_terms_linked() {
    let site = themed_site();
    let tips = site.read("tips/index.html");
    assert!(
        tips.contains(r#"<a rel="next" href="https://example.org/kexie/tips/page/2/">下一页</a>"#),
        "{tips}"
    );
    assert!(tips.contains("第 1 / 3 页"), "{tips}");
    let second = site.read("tips/page/2/index.html");
    assert!(second.contains(r#"<a rel="prev" href="https://example.org/kexie/tips/">上一页</a>"#));
    let page = site.read("tips/c/index.html");
    assert!(
        page.contains(r#"<a class="term" href="https://example.org/kexie/tags/健康/">健康</a>"#),
        "{page}"
    );
    let tags = site.read("tags/index.html");
    assert!(
        tags.contains(
            r#"<a href="https://example.org/kexie/tags/健康/">健康 <span class="term-count">3 篇</span></a>"#
        ),
        "{tags}"
    );
    let term = site.read("tags/健康/index.html");
    assert!(
        term.contains("标签：健康") && term.contains("共 3 篇文章"),
        "{term}"
    );
    assert!(
        term.contains("https://example.org/kexie/tags/健康/page/2/"),
        "{term}"
    );
}

#[test]
fn pages_link_their_neighbours_related_articles_and_feeds() {
    let site = themed_site();
    let page = site.read("tips/b/index.html");
    assert!(
        page.contains(r#"<a class="page-nav-prev" rel="prev" href="https://example.org/kexie/tips/a/">"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<a class="page-nav-next" rel="next" href="https://example.org/kexie/tips/c/">"#),
        "{page}"
    );
    assert!(page.contains("相关文章"), "{page}");
    assert!(
        page.contains(r#"<a href="https://example.org/kexie/atom.xml">订阅更新</a>"#),
        "{page}"
    );
    let not_found = site.read("404.html");
    assert!(
        not_found.contains("页面没有找到") && not_found.contains("https://example.org/kexie/css/style.css")
    );
}
