//! A good site builds into the expected files, URLs, links and ids.

use crate::common::Site;

#[test]
fn pages_sections_and_bundles_land_at_their_urls() {
    let site = Site::fixture("basic");
    let stdout = site.build(&[]);
    assert!(stdout.contains("built 5 pages and 3 sections"), "{stdout}");
    for file in [
        "index.html",
        "404.html",
        "tips/index.html",
        "tips/drink-water/index.html",
        "tips/xi-shou/index.html",
        "anti-cult/beware/index.html",
        "events/robot-2024/index.html",
        "events/robot-2024/poster.svg",
    ] {
        assert!(site.exists(file), "missing {file}");
    }
    assert!(
        !site.exists("tips/wash-hands/index.html"),
        "slug replaces the file stem"
    );
}

#[test]
fn internal_links_resolve_to_final_urls_under_the_sub_path() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let tip = site.read("tips/drink-water/index.html");
    assert!(
        tip.contains(r#"href="https://example.org/kexie/tips/xi-shou/""#),
        "{tip}"
    );
    assert!(
        tip.contains("https://example.org/kexie/anti-cult/beware/#"),
        "{tip}"
    );
    let home = site.read("index.html");
    assert!(
        home.contains(r#"class="tip" href="https://example.org/kexie/tips/drink-water/""#),
        "{home}"
    );
    let beware = site.read("anti-cult/beware/index.html");
    assert!(
        beware.contains(r#"href="https://example.org/kexie/""#),
        "{beware}"
    );
}

#[test]
fn base_url_flag_overrides_the_config() {
    let site = Site::fixture("basic");
    site.build(&["--base-url", "http://localhost:8080/preview"]);
    let tip = site.read("tips/drink-water/index.html");
    assert!(
        tip.contains(r#"href="http://localhost:8080/preview/tips/xi-shou/""#),
        "{tip}"
    );
}

#[test]
fn headings_get_unique_ids_self_links_and_a_toc() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let tip = site.read("tips/drink-water/index.html");
    assert!(
        tip.contains(r##"<h2 id="为什么要喝水">为什么要喝水<a class="heading-anchor" href="#为什么要喝水""##)
    );
    assert!(tip.contains(r#"<h2 id="为什么要喝水-1">"#));
    assert!(tip.contains(
        r##"<nav class="toc"><a href="#为什么要喝水">为什么要喝水</a><a href="#为什么要喝水-1">"##
    ));
    assert!(
        tip.contains(r#"<div class="summary"><p>多喝水。</p>"#),
        "summary is the text before <!-- more -->"
    );
    assert!(tip.contains("<time>2024年6月25日</time>"));
}

#[test]
fn sections_sort_their_pages() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let tips = site.read("tips/index.html");
    let order: Vec<usize> = ["喝水的学问", "勤洗手", "旧文章"]
        .iter()
        .map(|t| tips.find(t).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "newest first: {tips}");
    site.write(
        "content/tips/_index.md",
        "---\ntitle: 每日科普\nsort_by: weight\n---\n",
    );
    site.write(
        "content/tips/drink-water.md",
        "---\ntitle: 喝水\nweight: 1\n---\n喝水\n",
    );
    site.build(&[]);
    let tips = site.read("tips/index.html");
    let order: Vec<usize> = ["勤洗手", "喝水", "旧文章"]
        .iter()
        .map(|t| tips.find(t).unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "lightest first (0, 1, 3): {tips}"
    );
}

#[test]
fn bundle_cover_and_assets_resolve_beside_the_page() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let page = site.read("events/robot-2024/index.html");
    assert!(
        page.contains(r#"class="cover" src="https://example.org/kexie/events/robot-2024/poster.svg""#),
        "{page}"
    );
    assert!(page.contains(r#"<img src="poster.svg" alt="海报""#), "{page}");
}

#[test]
fn bom_crlf_and_empty_bodies_are_accepted() {
    let site = Site::fixture("basic");
    site.write(
        "content/tips/bom.md",
        "\u{feff}---\r\ntitle: 带BOM\r\ndate: 2024-01-01\r\n---\r\n\r\n## 标题\r\n\r\n正文\r\n",
    );
    site.write("content/tips/empty.md", "---\ntitle: 空\n---\n");
    site.build(&[]);
    assert!(site.read("tips/bom/index.html").contains(r#"<h2 id="标题">"#));
    assert!(site.exists("tips/empty/index.html"));
}

#[test]
fn files_from_an_earlier_build_are_gone_after_the_next() {
    let site = Site::fixture("basic");
    site.build(&[]);
    assert!(site.exists("tips/old/index.html"));
    std::fs::remove_file(site.path("content/tips/old.md")).unwrap();
    site.build(&[]);
    assert!(!site.exists("tips/old/index.html"));
}

#[test]
fn init_writes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("mysite");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kepu"))
        .arg("init")
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kepu"))
        .args(["build", "-q", "--root"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.is_empty(), "-q prints nothing");
    assert!(target.join("public/tips/hello/index.html").exists());
}
