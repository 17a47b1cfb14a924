//! One pipeline for build, serve and check, with one output plan: a
//! content file whose address is one of kepu's own outputs (an edition, the
//! lobby screen, a feed, the sitemap, a static file), or a name no disk
//! takes, fails the build with a message naming both, and `kepu check` says
//! the same; the build never dies on a raw `os error` in its hidden staging
//! folder. Serve warns about what a build warns about.

use crate::common::Site;
use kepu::BuildOptions;
use kepu::serve::rebuild::Rebuilder;
use kepu::serve::watch::Changes;

/// Builds the `chinese` fixture (a tips section) with the default theme,
/// file names kept as written in URLs, plus `files`; the build and `kepu
/// check` must both fail, saying each of `needles` (in Chinese, the
/// site's language).
fn clash(files: &[(&str, &str)], needles: &[&str]) {
    let site = Site::fixture_with_theme("chinese");
    site.edit(
        "kepu.yaml",
        "cjk_spacing: true",
        "cjk_spacing: true\nslugify: unicode",
    );
    site.write(
        "content/tips/drink-water.md",
        "---\ntitle: 喝水\ndate: 2024-05-01\n---\n多喝水。\n",
    );
    for (rel, text) in files {
        site.write(rel, text);
    }
    let stderr = site.build_fails_in("zh", &[]);
    for needle in needles {
        assert!(stderr.contains(needle), "build: no {needle:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("os error"), "{stderr}");
    let check = site.kepu_in("zh", &["check"]);
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    assert_eq!(check.status.code(), Some(1), "{said}");
    for needle in needles {
        assert!(said.contains(needle), "check: no {needle:?} in:\n{said}");
    }
}

const PAGE: &str = "---\ntitle: 一页\n---\n正文。\n";

#[test]
fn a_page_where_the_lobby_screen_goes_is_an_error() {
    clash(
        &[("content/screen.md", PAGE)],
        &[
            "content/screen.md: ",
            "`content/screen.md` 的页面 `/screen/` 与大屏页面冲突",
        ],
    );
}

#[test]
fn a_page_where_an_edition_goes_is_an_error_naming_both_files() {
    clash(
        &[("content/wechat/tips/drink-water.md", PAGE)],
        &[
            "`content/wechat/tips/drink-water.md` 的页面 `/wechat/tips/drink-water/`",
            "与`content/tips/drink-water.md` 的微信版冲突",
        ],
    );
    // Print pages only where the theme has print.html (the default
    // theme's articles print as themselves).
    clash(
        &[
            ("content/print/tips/drink-water.md", PAGE),
            ("templates/print.html", "{{ page.title }}"),
        ],
        &["与`content/tips/drink-water.md` 的打印版冲突"],
    );
}

#[test]
fn an_address_that_is_a_file_of_kepus_is_an_error() {
    clash(
        &[(
            "content/tips/feed.md",
            "---\ntitle: 订阅\naliases: [/tips/atom.xml]\n---\n正文。\n",
        )],
        &["`content/tips/feed.md` 的别名跳转 `/tips/atom.xml/` 与订阅源冲突"],
    );
    clash(
        &[(
            "content/data.md",
            "---\ntitle: 数据\naliases: [/tips.json]\n---\n正文。\n",
        )],
        &["`content/data.md` 的别名跳转 `/tips.json/` 与大屏数据 tips.json冲突"],
    );
}

#[test]
fn an_alias_over_the_sitemap_or_a_stylesheet_is_an_error() {
    clash(
        &[(
            "content/tips/moved.md",
            "---\ntitle: 旧址\naliases: [/sitemap.xml]\n---\n正文。\n",
        )],
        &["`content/tips/moved.md` 的别名跳转 `/sitemap.xml/` 与站点地图冲突"],
    );
    clash(
        &[(
            "content/tips/moved.md",
            "---\ntitle: 旧址\naliases: [/css/style.css]\n---\n正文。\n",
        )],
        &[
            "`content/tips/moved.md` 的别名跳转 `/css/style.css/` 与静态文件",
            "style.css`冲突",
        ],
    );
}

#[test]
fn a_slug_too_long_for_a_disk_is_an_error_not_an_os_error() {
    let slug = "a".repeat(300);
    clash(
        &[(
            "content/tips/long.md",
            &format!("---\ntitle: 长\nslug: {slug}\n---\n正文。\n"),
        )],
        &[
            "`content/tips/long.md` 的页面的地址有一段长 300 字节",
            "换一个短一些的 `slug`",
        ],
    );
}

#[test]
fn serve_warns_about_what_a_build_warns_about() {
    let site = Site::fixture_with_theme("chinese");
    site.write(
        "content/tips/pictured.md",
        "---\ntitle: 有图\n---\n![](missing.png)\n\n[下载](handout.pdf)\n",
    );
    let out = site.dir.path().join("built");
    let options = BuildOptions {
        output: Some(out),
        ..BuildOptions::new(site.root())
    };
    let built = kepu::build(&options).expect("the site builds");
    let root = site.root().canonicalize().unwrap();
    let mut rebuilder = Rebuilder::new(&root, "127.0.0.1:1111".parse().unwrap(), false, false, None);
    rebuilder.build_all().expect("the site is served");
    let messages = |all: &[kepu::error::Diagnostic]| {
        let mut found: Vec<String> = all
            .iter()
            .map(|d| format!("{}: {}", d.file.display(), d.message))
            .collect();
        found.sort();
        found
    };
    let from_build = messages(&built.warnings);
    assert!(
        from_build.iter().any(|m| m.contains("missing.png")),
        "{from_build:?}"
    );
    assert!(
        from_build.iter().any(|m| m.contains("handout.pdf")),
        "{from_build:?}"
    );
    let from_serve = messages(rebuilder.warnings());
    let canonical = |from_build: &[String]| -> Vec<String> {
        from_build
            .iter()
            .map(|m| m.replace(&site.root().display().to_string(), &root.display().to_string()))
            .collect()
    };
    assert_eq!(canonical(&from_build), from_serve);
    // A body edit checks that page's references again (and only its own
    // can have changed): the warnings still match a fresh build's.
    site.write(
        "content/tips/pictured.md",
        "---\ntitle: 有图\n---\n![](gone.png)\n\n[下载](handout.pdf)\n",
    );
    let mut changes = Changes::default();
    changes.add(&root, &root.join("content/tips/pictured.md"));
    rebuilder.rebuild(&changes).expect("the edit is served");
    let after_edit = messages(rebuilder.warnings());
    assert!(
        after_edit.iter().any(|m| m.contains("gone.png")),
        "{after_edit:?}"
    );
    assert!(
        !after_edit.iter().any(|m| m.contains("missing.png")),
        "{after_edit:?}"
    );
    let rebuilt = kepu::build(&options).expect("the site builds");
    assert_eq!(canonical(&messages(&rebuilt.warnings)), after_edit);
}
