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
    let stderr = site.build_fails_in("zh", &[]);
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

/// The outputs fixture with pinyin term URLs, as an imported site has, and
/// the old site's Chinese term and section paths as aliases.
fn site_with_old_term_and_section_paths() -> Site {
    let site = Site::fixture("outputs");
    site.edit("kepu.yaml", "slugify: unicode", "slugify: pinyin");
    site.write(
        "kepu.yaml",
        format!(
            "{}term_aliases:\n  tags:\n    健康: [/tags/健康/, /tag/health.html]\n    ai: [/tags/AI/]\n  categories: {{}}\n",
            site.read_source("kepu.yaml")
        ),
    );
    site.edit(
        "content/tips/_index.md",
        "---\n",
        "---\naliases: [/每日提示/, /%E5%B0%8F%E8%B4%B4%E5%A3%AB/]\n",
    );
    site
}

#[test]
fn old_term_and_section_paths_redirect_to_their_lists() {
    let site = site_with_old_term_and_section_paths();
    site.build(&[]);
    let base = "https://example.org/kexie";
    assert!(site.exists("tags/jian-kang/index.html"), "the term page itself");
    assert_redirects_to(
        &site.read("tags/健康/index.html"),
        &format!("{base}/tags/jian-kang/"),
    );
    assert_redirects_to(&site.read("tag/health.html"), &format!("{base}/tags/jian-kang/"));
    // `AI` names the term the pages write `ai` / `AI`: found by its slug.
    assert_redirects_to(&site.read("tags/AI/index.html"), &format!("{base}/tags/ai/"));
    assert_redirects_to(&site.read("每日提示/index.html"), &format!("{base}/tips/"));
    // Written percent-encoded, kept as the path a server decodes it to.
    assert_redirects_to(&site.read("小贴士/index.html"), &format!("{base}/tips/"));
}

#[test]
fn percent_encoded_old_term_paths_answer_in_the_preview_server() {
    let site = site_with_old_term_and_section_paths();
    let server = crate::common::Server::start(&site, &["--no-watch"]);
    for path in ["/kexie/tags/%E5%81%A5%E5%BA%B7/", "/kexie/tags/健康/"] {
        let response = server.get(path);
        assert_eq!(response.status, 200, "{path}");
        assert!(
            response.text().contains("/kexie/tags/jian-kang/"),
            "{path}: {}",
            response.text()
        );
    }
}

#[test]
fn a_term_alias_no_page_needs_is_a_warning_and_one_over_a_page_an_error() {
    let site = site_with_old_term_and_section_paths();
    site.write(
        "kepu.yaml",
        format!(
            "{}    无人用: [/tags/无人用/]\n",
            site.read_source("kepu.yaml").replace("  categories: {}\n", "")
        ),
    );
    let out = site.kepu(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(stdout.contains("no page names `无人用` in `tags`"), "{stdout}");
    site.edit("kepu.yaml", "[/tags/无人用/]", "[/tags/jian-kang/]");
    site.edit("kepu.yaml", "    无人用:", "    安全:");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("kepu.yaml: the alias redirect of `kepu.yaml` `/tags/jian-kang/` clashes with"),
        "{stderr}"
    );
}
