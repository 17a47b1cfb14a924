//! Chinese-first text: pinyin URLs, word counts and reading time, Chinese
//! dates and CJK–Latin spacing, as a reader of the built site sees them.

use crate::common::Site;

const ARTICLE: &str = "---\ntitle: 喝水的学问\ndate: 2024-06-25\n---\n";

/// 2,000 Chinese characters and a code block full of words that must not count.
fn long_article() -> String {
    format!(
        "{ARTICLE}\n{}\n\n```\n{}\n```\n",
        "科学饮水有益健康".repeat(250),
        "code words ".repeat(500)
    )
}

#[test]
fn chinese_file_names_get_pinyin_urls() {
    let site = Site::fixture_with_theme("chinese");
    site.write("content/tips/喝水的学问.md", ARTICLE);
    site.build(&[]);
    assert!(site.exists("tips/he-shui-de-xue-wen/index.html"));
    assert!(site.exists("tips/shi-yong-rust-bian-xie/index.html"));
    let list = site.read("tips/index.html");
    assert!(
        list.contains(r#"href="https://example.org/kexie/tips/he-shui-de-xue-wen/""#),
        "{list}"
    );
}

#[test]
fn slugify_unicode_keeps_chinese_urls() {
    let site = Site::fixture_with_theme("chinese");
    site.write("content/tips/喝水的学问.md", ARTICLE);
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    site.write("kepu.yaml", format!("{config}slugify: unicode\n"));
    site.build(&[]);
    assert!(site.exists("tips/喝水的学问/index.html"));
}

#[test]
fn names_that_sound_alike_are_a_collision_error() {
    let site = Site::fixture_with_theme("chinese");
    site.write("content/tips/事故.md", "---\ntitle: 事故\n---\n");
    site.write("content/tips/世故.md", "---\ntitle: 世故\n---\n");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("的页面 `/tips/shi-gu/` 与"), "{stderr}");
    assert!(stderr.contains("拼音"), "{stderr}");
}

#[test]
fn a_name_without_letters_needs_a_slug() {
    let site = Site::fixture_with_theme("chinese");
    site.write("content/tips/！！.md", "---\ntitle: 感叹\n---\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("！！.md: this page's name gives an empty URL segment"),
        "{stderr}"
    );
    assert!(stderr.contains("slug:"), "{stderr}");
}

#[test]
fn pages_show_chinese_reading_time_and_dates() {
    let site = Site::fixture_with_theme("chinese");
    site.write("content/tips/喝水的学问.md", long_article());
    site.build(&[]);
    let page = site.read("tips/he-shui-de-xue-wen/index.html");
    assert!(page.contains("全文 2000 字，约 5 分钟读完"), "{page}");
    assert!(
        page.contains(r#"<time datetime="2024-06-25">2024年6月25日</time>"#),
        "{page}"
    );
}

#[test]
fn reading_speed_is_configurable() {
    let site = Site::fixture_with_theme("chinese");
    site.write("content/tips/喝水的学问.md", long_article());
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    site.write("kepu.yaml", format!("{config}reading_speed: {{cjk: 200}}\n"));
    site.build(&[]);
    let page = site.read("tips/he-shui-de-xue-wen/index.html");
    assert!(page.contains("约 10 分钟读完"), "{page}");
}

#[test]
fn spacing_separates_latin_words_but_not_code_attributes_or_urls() {
    let site = Site::fixture_with_theme("chinese");
    site.build(&[]);
    let page = site.read("tips/shi-yong-rust-bian-xie/index.html");
    for spaced in [
        "<h1>本站使用 Rust 编写</h1>",
        "<title>本站使用 Rust 编写 - 测试科协</title>",
        "本站使用 Rust 编写，支持 5G 网络，2024年6月25日上线，约260人参加。",
    ] {
        assert!(page.contains(spaced), "missing {spaced:?} in {page}");
    }
    for untouched in [
        "<code>cargo build命令</code>",
        "echo 使用Rust编写",
        r#"alt="海报Rust版""#,
        r#"title="标题Rust版""#,
        ">https://example.org/科普/abc</a>了解",
        "请访问 <a href=",
    ] {
        assert!(page.contains(untouched), "changed {untouched:?} in {page}");
    }
}

#[test]
fn spacing_is_off_unless_asked_for() {
    let site = Site::fixture_with_theme("chinese");
    site.write(
        "kepu.yaml",
        "title: 测试科协\nbase_url: https://example.org/kexie/\n",
    );
    site.build(&[]);
    let page = site.read("tips/shi-yong-rust-bian-xie/index.html");
    assert!(page.contains("<h1>本站使用Rust编写</h1>"), "{page}");
}
