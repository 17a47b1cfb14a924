//! `aliases` write redirect pages at old paths (meta refresh, canonical
//! link, visible link), so old links keep working under a sub-path too.

use crate::common::Site;

fn assert_redirects_to(html: &str, target: &str) {
    for needle in [
        format!(r#"<meta http-equiv="refresh" content="0; url={target}">"#),
        format!(r#"<link rel="canonical" href="{target}">"#),
        format!(r#"<a href="{target}">"#),
    ] {
        assert!(html.contains(&needle), "expected {needle} in:\n{html}");
    }
}

#[test]
fn aliases_redirect_to_the_page_under_the_sub_path() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let target = "https://example.org/kexie/tips/a/";
    assert_redirects_to(&site.read("old/tips/a/index.html"), target);
    assert_redirects_to(&site.read("2019/old-a.html"), target);
    assert_redirects_to(&site.read("旧/喝水/index.html"), target);
    assert!(site.read("old/tips/a/index.html").contains("本页已移动到"));
}

#[test]
fn base_url_override_moves_the_redirect_target() {
    let site = Site::fixture("outputs");
    site.build(&["--base-url", "https://mirror.example.net/sub/path"]);
    assert_redirects_to(
        &site.read("old/tips/a/index.html"),
        "https://mirror.example.net/sub/path/tips/a/",
    );
}

#[test]
fn a_theme_can_restyle_the_redirect_page() {
    let site = Site::fixture("outputs");
    site.write(
        "templates/alias.html",
        "<p class=\"moved\">已搬家：<a href=\"{{ target }}\">新地址</a></p>",
    );
    site.build(&[]);
    assert_eq!(
        site.read("old/tips/a/index.html"),
        "<p class=\"moved\">已搬家：<a href=\"https://example.org/kexie/tips/a/\">新地址</a></p>"
    );
}

#[test]
fn aliases_can_be_switched_off() {
    let site = Site::fixture("outputs");
    let config = site.read_source("kepu.yaml");
    site.write("kepu.yaml", format!("{config}outputs: {{aliases: false}}\n"));
    site.build(&[]);
    assert!(!site.exists("old/tips/a/index.html") && !site.exists("tips/page/1/index.html"));
}

#[test]
fn an_alias_over_a_page_or_outside_the_site_is_an_error() {
    let site = Site::fixture("outputs");
    site.write("content/tips/f.md", "---\ntitle: f\naliases: [/tips/b/]\n---\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/tips/f.md: `content/tips/f.md` 的别名跳转 `/tips/b/` 与"),
        "{stderr}"
    );
    assert!(stderr.contains("tips/b.md"), "{stderr}");
    site.write(
        "content/tips/f.md",
        "---\ntitle: f\naliases:\n  - https://mp.weixin.qq.com/s/abc\n---\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/tips/f.md:3: invalid alias `https://mp.weixin.qq.com/s/abc`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("hint: an alias is a path of this site"),
        "{stderr}"
    );
}
