//! The editions beyond the web page, built from the demo site: the WeChat
//! export, the article page as its print edition, share metadata and card, the
//! tip feed `/tips.json` and the `outputs:` / `screen:` settings.

use crate::common::Site;
use crate::common::shared::Built;
use std::sync::OnceLock;

/// A tip with every element the WeChat export has to rework.
pub const EXPORT_TIP: &str = r#"---
title: "导出测试：防暑降温"
date: 2030-01-01
description: "测试公众号版导出的每一种元素。"
tags: [健康]
---

高温天气要多喝水[^1]，详见[世界卫生组织](https://www.who.int/zh)和[喝水的学问](@/tips/drink-water.md)。

## 防暑要点

> 出现头晕、恶心时，立即到阴凉处休息。

| 人群 | 建议 |
|---|---|
| 老人 | 少出门 |
| 儿童 | 多喝水 |

- [x] 备好藿香正气水
- [ ] 检查空调

![示意图](/images/heat.png)

[^1]: 每天约1500～1700毫升。
"#;

/// The demo site plus [`EXPORT_TIP`] at `/tips/export/`, built with
/// `--future` once for the tests that only read it.
pub fn built_demo() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    Built::once(&BUILT, |dir| {
        let site = Site::demo_in(dir);
        site.write("content/tips/export.md", EXPORT_TIP);
        site.build(&["--future"]);
        site
    })
}

/// The export body of a WeChat page: the element marked `data-kepu-export`.
pub fn export_body(page: &str) -> &str {
    let start = page.find("<section data-kepu-export").expect("an export body");
    let end = page.rfind("</main>").expect("the end of main");
    &page[start..end]
}

#[test]
fn wechat_body_has_no_style_class_or_script_and_keeps_its_look() {
    let site = built_demo();
    let page = site.read("wechat/tips/export/index.html");
    let body = export_body(&page);
    for banned in ["<style", "class=", "<script", "<a ", " id=", "<input"] {
        assert!(!body.contains(banned), "{banned} in the export body:\n{body}");
    }
    // The theme's look, inlined: heading bar, quote panel, table borders, type.
    assert!(
        body.contains("font-size:18px;line-height:1.8;color:#1a1a1a"),
        "{body}"
    );
    assert!(
        body.contains("padding-left:0.6em;border-left:5px solid #0b4a8b"),
        "{body}"
    );
    assert!(
        body.contains("background:#eaf1f9;border-left:5px solid #0b4a8b"),
        "{body}"
    );
    assert!(body.contains("border:1px solid #c5d0dd"), "{body}");
    assert!(!body.contains("var(--"), "custom properties are resolved: {body}");
    // Footnotes and links as numbered lists; images and links absolute.
    assert!(body.contains("多喝水<sup"), "{body}");
    assert!(body.contains(">[1]</sup>"), "{body}");
    assert!(body.contains("注释</p>"), "{body}");
    assert!(body.contains("每天约1500～1700毫升。"), "{body}");
    assert!(body.contains("世界卫生组织<sup"), "{body}");
    assert!(body.contains("参考链接</p>"), "{body}");
    assert!(
        body.contains("<li style=\"box-sizing:border-box\">世界卫生组织：https://www.who.int/zh</li>"),
        "{body}"
    );
    assert!(
        body.contains("喝水的学问：https://kexie.example.org/tips/drink-water/"),
        "{body}"
    );
    assert!(
        body.contains(r#"src="https://kexie.example.org/images/heat.png""#),
        "{body}"
    );
    assert!(body.contains("☑"), "{body}");
    // The page around the body has the copy button and its script, and the
    // cover to upload: the share card, as the tip has no cover of its own.
    assert!(page.contains(">复制正文</button>"));
    assert!(
        page.contains(r#"<img class="edition-cover" src="https://kexie.example.org/tips/export/share.png""#),
        "{page}"
    );
    assert!(page.contains("execCommand(\"copy\")"));
}

/// The WeChat editor drops inline SVG: the report's chart is a PNG beside
/// its WeChat edition, drawn in the theme's blue with its labels, and the
/// body shows it with the chart's title and numbers as its text.
#[test]
fn wechat_body_shows_charts_as_pictures() {
    let site = built_demo();
    let page = site.read("wechat/reports/2024-h1/index.html");
    let body = export_body(&page);
    assert!(!body.contains("<svg"), "{body}");
    assert!(
        body.contains(concat!(
            r#"<img src="https://kexie.example.org/wechat/reports/2024-h1/chart-1.png" "#,
            r#"alt="2024年上半年场次（按月份）：1月：0场；2月：0场；3月：48场；"#
        )),
        "{body}"
    );
    let png = std::fs::read(site.output().join("wechat/reports/2024-h1/chart-1.png")).unwrap();
    let chart = image::load_from_memory(&png).unwrap().to_rgb8();
    // Drawn at twice the chart's 340-unit width.
    assert_eq!(chart.width(), 680);
    let blue = chart.pixels().filter(|p| p.0 == [0x0b, 0x4a, 0x8b]).count();
    let dark = chart.pixels().filter(|p| p.0.iter().all(|&c| c < 40)).count();
    assert!(blue > 10_000, "the bars are the theme's blue ({blue} pixels)");
    assert!(
        dark > 500,
        "the labels and numbers are drawn ({dark} dark pixels)"
    );
    // Pages without charts have no pictures.
    assert!(!site.exists("wechat/tips/cpr-basics/chart-1.png"));
}

#[test]
fn article_page_prints_as_its_print_edition() {
    let site = built_demo();
    let page = site.read("tips/cpr-basics/index.html");
    // On paper: the QR code (the share box's) and the public address at
    // the foot, from the page's own print stylesheet; no page of its own.
    assert!(page.contains("aria-label=\"手机扫码阅读：心肺复苏"));
    assert!(page.contains(r#"<p class="print-url">全文：https://kexie.example.org/tips/cpr-basics/</p>"#));
    assert!(page.contains(r#"<button type="button" class="share-print" data-print hidden>"#));
    assert!(site.read("css/style.css").contains("size: A4"));
    assert!(!site.exists("print"), "the default theme writes no print pages");
    // An old link to a print page is sent on from the 404 page.
    assert!(
        site.read("404.html")
            .contains(r#"new URL("https://kexie.example.org/print/""#)
    );
}

#[test]
fn a_theme_with_print_html_still_gets_print_pages() {
    let site = Site::demo();
    site.write(
        "templates/print.html",
        "<!doctype html><title>{{ page.title }}</title><body class=\"print-page\">{{ page.content | safe }}</body>\n",
    );
    site.build(&[]);
    let print = site.read("print/tips/cpr-basics/index.html");
    assert!(print.contains(r#"<body class="print-page">"#), "{print}");
    let page = site.read("tips/cpr-basics/index.html");
    assert!(page.contains(r#"class="share-print""#));
}

#[test]
fn article_pages_have_share_metadata_a_share_card_and_a_phone_qr() {
    let site = built_demo();
    let page = site.read("tips/cpr-basics/index.html");
    assert!(page.contains(r#"<meta property="og:title" content="心肺复苏：抓住“黄金四分钟”">"#));
    assert!(
        page.contains(r#"<meta property="og:url" content="https://kexie.example.org/tips/cpr-basics/">"#)
    );
    assert!(page.contains(
        r#"<meta property="og:image" content="https://kexie.example.org/tips/cpr-basics/share.png">"#
    ));
    let card = std::fs::read(site.output().join("tips/cpr-basics/share.png")).unwrap();
    assert!(card.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert!(page.contains(r#"<aside class="share""#) && page.contains("class=\"qr\""));
    assert!(page.contains(r#"href="https://kexie.example.org/wechat/tips/cpr-basics/""#));
}

#[test]
fn tips_feed_follows_its_schema() {
    let site = built_demo();
    let feed: serde_json::Value = serde_json::from_str(&site.read("tips.json")).unwrap();
    assert_eq!(feed["version"], 1);
    assert_eq!(feed["title"], "每日科普");
    assert_eq!(feed["site"], "xx市科学技术协会");
    assert_eq!(feed["url"], "https://kexie.example.org/tips/");
    assert_eq!(feed["feed_url"], "https://kexie.example.org/tips.json");
    assert_eq!(
        (feed["interval"].as_u64(), feed["refresh"].as_u64()),
        (Some(10), Some(5))
    );
    let tips = feed["tips"].as_array().unwrap();
    assert_eq!(tips.len(), 10, "screen.limit");
    assert_eq!(feed["updated"], tips[0]["date"]);
    let keys = ["date", "number", "tags", "text", "title", "url"];
    for (i, tip) in tips.iter().enumerate() {
        let mut found: Vec<&str> = tip.as_object().unwrap().keys().map(String::as_str).collect();
        found.sort();
        assert_eq!(found, keys);
        let date = tip["date"].as_str().unwrap();
        assert!(date.len() == 10 && date.as_bytes()[4] == b'-', "{date}");
        assert!(
            tip["url"]
                .as_str()
                .unwrap()
                .starts_with("https://kexie.example.org/tips/")
        );
        let text = tip["text"].as_str().unwrap();
        assert!(!text.is_empty() && text.chars().count() <= 120, "{text}");
        assert!(tip["tags"].is_array() && tip["title"].is_string());
        if let Some(next) = tips.get(i + 1) {
            assert!(next["date"].as_str().unwrap() <= date, "newest first");
            assert_eq!(
                next["number"].as_u64().unwrap() + 1,
                tip["number"].as_u64().unwrap()
            );
        }
    }
    assert_eq!(tips[0]["title"], "导出测试：防暑降温");
    let screen = site.read("screen/index.html");
    assert!(screen.contains("第<span class=\"tip-number\">"), "{screen}");
    assert!(
        screen.contains(r#"<link rel="icon""#),
        "lobby displays ask for an icon"
    );
    assert!(screen.contains(r#"data-interval="10""#));
}

#[test]
fn outputs_switch_the_editions_off() {
    let site = Site::demo();
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    site.write(
        "kepu.yaml",
        format!("{config}outputs: {{wechat: false, print: false, screen: false}}\n"),
    );
    site.build(&[]);
    for gone in ["wechat", "print", "tips.json", "screen"] {
        assert!(!site.exists(gone), "{gone} is switched off");
    }
    let page = site.read("tips/cpr-basics/index.html");
    assert!(
        !page.contains("share-print") && !page.contains("/wechat/"),
        "no links to missing editions"
    );
}

#[test]
fn screen_settings_are_checked() {
    let site = Site::demo();
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    let line = config.lines().count() + 1;
    site.write("kepu.yaml", format!("{config}screen:\n  section: tipz\n"));
    let err = site.build_fails(&[]);
    assert!(err.contains(&format!("kepu.yaml:{line}:")), "{err}");
    assert!(
        err.contains("screen.section `tipz` is not a section of the site"),
        "{err}"
    );
    assert!(err.contains("tips"), "the hint lists the sections: {err}");
    site.write("kepu.yaml", format!("{config}screen:\n  interval: 0\n"));
    let err = site.build_fails(&[]);
    assert!(err.contains(&format!("kepu.yaml:{}:", line + 1)), "{err}");
    assert!(err.contains("must be 1 or more"), "{err}");
    site.write(
        "kepu.yaml",
        format!("{config}wechat: {{stylesheet: css/nope.css}}\n"),
    );
    let err = site.build_fails(&[]);
    assert!(
        err.contains("wechat.stylesheet `css/nope.css` is not a static file"),
        "{err}"
    );
}

#[test]
fn only_the_newest_pages_get_a_wechat_edition_and_serve_makes_any() {
    let site = Site::demo();
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    site.write("kepu.yaml", format!("{config}wechat: {{recent: 3}}\n"));
    site.build(&[]);
    let editions: Vec<String> = crate::common::snapshot(&site.path("public/wechat"))
        .into_keys()
        .filter(|rel| rel.ends_with("index.html"))
        .collect();
    assert_eq!(editions.len(), 3, "{editions:?}");
    let recent = editions[0].trim_end_matches("index.html").to_string();
    let page = site.read(&format!("{recent}index.html"));
    assert!(
        page.contains(&format!("/wechat/{recent}")),
        "a recent page links its edition"
    );
    // An old page: no WeChat edition, no link to one; it still prints.
    let old = "tips/cpr-basics/";
    assert!(!editions.iter().any(|e| e.starts_with(old)), "{editions:?}");
    let page = site.read(&format!("{old}index.html"));
    assert!(!page.contains("/wechat/") && page.contains("share-print"));
    // The preview makes it on request.
    let server = crate::common::Server::start(&site, &["--no-watch"]);
    let answer = server.get(&format!("/wechat/{old}"));
    assert_eq!(answer.status, 200, "{}", answer.text());
    assert!(answer.text().contains("data-kepu-export"));
}
