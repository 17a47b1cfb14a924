//! Taxonomy pages: a list per taxonomy with each term and its count, a page
//! per term with readable Chinese URLs, newest first and paginated.

use crate::common::Site;

/// The text of each `<li>` link in `html`, in order.
pub fn listed_titles(html: &str) -> Vec<String> {
    html.split("<li><a href=\"")
        .skip(1)
        .filter_map(|item| item.split_once("\">")?.1.split_once("</a>"))
        .map(|(title, _)| title.to_string())
        .collect()
}

#[test]
fn each_taxonomy_lists_its_terms_with_counts() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let tags = site.read("tags/index.html");
    assert_eq!(
        listed_titles(&tags),
        ["健康", "安全", "ai", "饮水", "机器人"],
        "most used first"
    );
    assert!(
        tags.contains(r#"<a href="https://example.org/kexie/tags/健康/">健康</a> 3</li>"#),
        "{tags}"
    );
    let categories = site.read("categories/index.html");
    assert!(categories.contains("每日科普</a> 3</li>"), "{categories}");
}

#[test]
fn term_pages_live_at_readable_chinese_urls_newest_first_and_paginated() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    // The browser asks for /kexie/tags/%E5%81%A5%E5%BA%B7/, which a static
    // server decodes to this UTF-8 folder name.
    let first = site.read("tags/健康/index.html");
    assert!(first.contains("<h1>tags: 健康 (3)</h1>"), "{first}");
    assert_eq!(
        listed_titles(&first),
        ["防暑降温", "勤洗手"],
        "newest first, 2 per pager"
    );
    assert!(
        first.contains("1/2 prev= next=https://example.org/kexie/tags/健康/page/2/"),
        "{first}"
    );
    let second = site.read("tags/健康/page/2/index.html");
    assert_eq!(listed_titles(&second), ["喝水 &amp; &lt;健康&gt;"]);
    assert!(!site.exists("tags/健康/page/3/index.html"));
    let redirect = site.read("tags/健康/page/1/index.html");
    assert!(
        redirect.contains(r#"<link rel="canonical" href="https://example.org/kexie/tags/健康/">"#),
        "{redirect}"
    );
    assert!(
        !site.exists("tags/机器人/page/1/index.html"),
        "one pager needs no redirect"
    );
}

#[test]
fn term_urls_follow_the_slugify_setting_pinyin_by_default() {
    let site = Site::fixture("outputs");
    site.write(
        "kepu.yaml",
        site.read_source("kepu.yaml").replace("slugify: unicode\n", ""),
    );
    site.build(&[]);
    assert!(site.exists("tags/jian-kang/index.html") && !site.exists("tags/健康/index.html"));
    assert!(site.exists("categories/mei-ri-ke-pu/index.html"));
    let page = site.read("tips/c/index.html");
    assert!(
        page.contains(r#"<a href="https://example.org/kexie/tags/jian-kang/">健康</a>"#),
        "{page}"
    );
}

#[test]
fn terms_differing_in_case_are_one_term_and_pages_link_to_them() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let ai = site.read("tags/ai/index.html");
    assert_eq!(listed_titles(&ai), ["小写的人工智能", "人工智能与安全"]);
    let page = site.read("tips/d/index.html");
    assert!(
        page.contains(r#"<a href="https://example.org/kexie/tags/ai/">AI</a>"#),
        "get_taxonomy_url finds the term whatever its case: {page}"
    );
}

#[test]
fn configured_taxonomies_only_and_outputs_can_switch_them_off() {
    let site = Site::fixture("outputs");
    let config = site.read_source("kepu.yaml");
    site.write(
        "kepu.yaml",
        config.replace("taxonomies: [tags, categories]", "taxonomies: [tags]"),
    );
    site.build(&[]);
    assert!(site.exists("tags/健康/index.html"));
    assert!(!site.exists("categories/index.html"));
    site.write("kepu.yaml", format!("{config}outputs: {{taxonomies: false}}\n"));
    site.build(&[]);
    assert!(!site.exists("tags/index.html") && !site.exists("categories/index.html"));
    let page = site.read("tips/d/index.html");
    assert!(
        page.contains(r#"<a href="">AI</a>"#),
        "no term page, no URL: {page}"
    );
}

#[test]
fn a_theme_without_taxonomy_templates_gets_a_warning_not_broken_links() {
    let site = Site::fixture("outputs");
    std::fs::remove_file(site.path("templates/taxonomy_term.html")).unwrap();
    let out = site.kepu(&["build"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("warning: ")
            && stderr.contains("no taxonomy_term.html")
            && stderr.contains("outputs"),
        "{stderr}"
    );
    assert!(!site.exists("tags/index.html"));
}

#[test]
fn unknown_taxonomies_and_terms_without_letters_are_errors() {
    let site = Site::fixture("outputs");
    let config = site.read_source("kepu.yaml");
    site.write(
        "kepu.yaml",
        config.replace("[tags, categories]", "[tags, series]"),
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("kepu.yaml:5: unknown taxonomy `series`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: pages can be grouped by tags and categories"),
        "{stderr}"
    );
    site.write("kepu.yaml", config);
    site.write(
        "content/tips/bad.md",
        "---\ntitle: x\ntags: [健康, \"#?\"]\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/tips/bad.md:3: `#?` in `tags` has no letters or digits"),
        "{stderr}"
    );
}

#[test]
fn a_taxonomy_and_a_section_on_one_url_is_an_error() {
    let site = Site::fixture("outputs");
    site.write("content/tags/_index.md", "---\ntitle: 标签栏目\n---\n");
    let stderr = site.build_fails_in("zh", &[]);
    assert!(
        stderr.contains("`content/tags/_index.md` 的栏目列表 `/tags/` 与`kepu.yaml` 的分类总览页冲突"),
        "{stderr}"
    );
    assert!(stderr.contains("把这个分类从 `taxonomies` 里去掉"), "{stderr}");
}
