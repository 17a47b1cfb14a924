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
    let stderr = site.build_fails_in("zh", &[]);
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

/// `café` decomposed, as macOS writes file names (Chinese characters have
/// no decomposition, so NFD is tested with a Latin letter that has one).
const NFD_CAFE: &str = "cafe\u{301}";

/// `(code, message)` of each problem `kepu check` finds in `file`.
fn problems_in(site: &Site, file: &str) -> Vec<(String, String)> {
    let out = site.kepu(&["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"] == file)
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_string(),
                p["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn links_to_chinese_file_and_folder_names_resolve_in_every_form() {
    let site = Site::fixture_with_theme("chinese");
    site.write(
        "content/tips/喝水.md",
        "---\ntitle: 喝水\n---\n\n## 为什么\n\n正文。\n",
    );
    site.write("content/tips/迷之代码.md", "---\ntitle: 迷之代码\n---\n");
    site.write(&format!("content/tips/{NFD_CAFE}.md"), "---\ntitle: 咖啡\n---\n");
    site.write("content/tips/咖啡馆.md", "---\ntitle: 咖啡馆\n---\n");
    site.write("content/tips/洗手/index.md", "---\ntitle: 洗手\n---\n");
    let forms = [
        "[a](@/tips/喝水.md)",
        "[b](喝水.md)",
        "[c](./迷之代码.md)",
        "[d](@/tips/%E5%96%9D%E6%B0%B4.md)",
        "[e](%E8%BF%B7%E4%B9%8B%E4%BB%A3%E7%A0%81.md)",
        // An NFC link to an NFD file name, and the other way round.
        "[f](@/tips/café.md)",
        &format!("[g](./{}.md) [h](@/tips/{NFD_CAFE}.md)", "咖啡馆"),
        // A folder with a Chinese name, plain and percent-encoded.
        "[i](@/tips/洗手/index.md) [j](./%E6%B4%97%E6%89%8B/index.md)",
        // An anchor in Chinese, percent-encoded as a browser copies it.
        "[k](@/tips/喝水.md#%E4%B8%BA%E4%BB%80%E4%B9%88)",
    ];
    site.write(
        "content/tips/links.md",
        format!("---\ntitle: 链接\n---\n\n{}\n", forms.join("\n\n")),
    );
    site.build(&[]);
    let page = site.read("tips/links/index.html");
    for (letter, url) in [
        ('a', "tips/he-shui/"),
        ('b', "tips/he-shui/"),
        ('c', "tips/mi-zhi-dai-ma/"),
        ('d', "tips/he-shui/"),
        ('e', "tips/mi-zhi-dai-ma/"),
        // `é` has no pinyin: the slug keeps the letters it can.
        ('f', "tips/cafe/"),
        ('g', "tips/ka-fei-guan/"),
        ('h', "tips/cafe/"),
        ('i', "tips/xi-shou/"),
        ('j', "tips/xi-shou/"),
        ('k', "tips/he-shui/#%E4%B8%BA%E4%BB%80%E4%B9%88"),
    ] {
        assert!(
            page.contains(&format!("{url}\">{letter}</a>")),
            "[{letter}] should lead to {url}:\n{page}"
        );
    }
    assert_eq!(problems_in(&site, "content/tips/links.md"), []);
}

#[test]
fn raw_html_ids_are_anchors_and_a_missing_cover_is_named() {
    let site = Site::fixture_with_theme("chinese");
    site.write(
        "content/tips/例题.md",
        "---\ntitle: 例题\ncover: /images/none.jpg\n---\n\n<span id=\"example-2-1\"></span>**例 2.1**\n\n见[例 2.1](#example-2-1)，[另一处](#nowhere)。\n",
    );
    site.write(
        "content/tips/包/index.md",
        "---\ntitle: 包\ncover: cover.svg\n---\n\n正文。\n",
    );
    site.write(
        "content/tips/包/cover.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let found = problems_in(&site, "content/tips/例题.md");
    assert_eq!(
        found,
        [
            (
                "missing-file".to_string(),
                "the cover `/images/none.jpg` names /images/none.jpg, which is not part of the built site"
                    .to_string()
            ),
            (
                "missing-anchor".to_string(),
                "this page has no heading with id `nowhere`".to_string()
            ),
        ]
    );
    assert_eq!(problems_in(&site, "content/tips/包/index.md"), []);
    let chinese = site.kepu_in("zh", &["check"]);
    let text = String::from_utf8_lossy(&chinese.stdout);
    assert!(
        text.contains("警告：")
            && text.contains("封面 `/images/none.jpg` 指向 /images/none.jpg，构建出的网站里没有这个文件"),
        "{text}"
    );
}
