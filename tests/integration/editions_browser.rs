//! The editions in headless Chromium, as readers and editors meet them. The
//! demo site (plus the export test tip and a tip long enough to crowd the
//! screen) is built once, served under a sub-path from 127.0.0.1, and one
//! browser session walks through every check in turn: starting Chromium
//! and building the site are the slow parts, so they happen once.
//!
//! Screenshots are kept in `target/tmp/editions/` for a person to look at.

use super::editions::EXPORT_TIP;
use crate::common::serve::serve;
use crate::common::webdriver::{Browser, CONTROL};
use crate::common::{CHROMIUM_HINT, Server, Site, run_with_timeout, tool_available};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ZBAR_HINT: &str = "apt-get install zbar-tools";
const WAIT: Duration = Duration::from_secs(15);
/// Seconds per tip on the screen, and how many tips it shows: few and
/// short, so that a whole round is quick to watch. The newest tips, shown
/// first, are the long one and the export tip.
const INTERVAL: u64 = 1;
const TIPS: usize = 4;
const ARTICLE: &str = "tips/cpr-basics/";

/// A tip whose title and text are as long as the screen ever gets.
const LONG_TIP: &str = r#"---
title: "大屏测试：夏季高温天气里老人、儿童和户外劳动者如何科学防暑降温"
date: 2030-01-02
description: "高温天气持续时，老人、儿童、孕妇和慢性病患者最容易中暑。外出要避开中午最热的时段，戴好遮阳帽，随身带水，少量多次饮用；室内保持通风，空调温度不要调得过低。出现头晕、乏力、恶心等症状时，应立即到阴凉通风处休息，补充淡盐水；如果体温升高、意识不清，要马上拨打急救电话。"
---

正文，另见“[全国科普日是什么日子？](@/tips/national-science-day.md)”。
"#;

#[test]
fn editions_work_in_the_browser() {
    let tools = [
        ("chromium", CHROMIUM_HINT),
        ("chromedriver", CHROMIUM_HINT),
        ("zbarimg", ZBAR_HINT),
    ];
    // Every tool is looked for, so that a skip names all that are missing.
    if !tools
        .map(|(tool, hint)| tool_available(tool, hint))
        .iter()
        .all(|found| *found)
    {
        return;
    }
    let (site, address) = built_and_served();
    let shots = screenshot_folder();
    let browser = Browser::start();

    print_qr_reads_as_the_permalink(&browser, &address, &shots);
    share_card_reads_as_the_permalink(&site, &address);
    screen_fits_and_cycles(&browser, &site, &address, &shots);
    pasted_wechat_body_keeps_its_look(&browser, &address);
    editions_fit_desktop_and_phone(&browser, &address, &shots);
    report_reads_on_a_phone(&browser, &address, &shots);
    article_title_comes_first_on_a_phone(&browser, &address, &shots);
    link_underline_ends_at_its_last_mark(&browser, &address);
    short_articles_print_on_one_sheet(&address, &shots);
    preview_hands_on_the_public_address(&browser, &shots);
    feeds_read_as_a_page(&browser, &site, &address, &shots);
}

/// The test site, served at `http://127.0.0.1:PORT/kexie/` and built for
/// that address, with tips changing every [`INTERVAL`] seconds.
fn built_and_served() -> (Site, String) {
    let site = Site::demo();
    site.write("content/tips/export.md", EXPORT_TIP);
    site.write("content/tips/long.md", LONG_TIP);
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    site.write(
        "kepu.yaml",
        format!("{config}screen: {{interval: {INTERVAL}, limit: {TIPS}}}\n"),
    );
    let address = serve(&site.path("public"), "/kexie/").address;
    site.build(&["--future", "--base-url", &address]);
    (site, address)
}

fn screenshot_folder() -> PathBuf {
    let folder = Path::new(env!("CARGO_TARGET_TMPDIR")).join("editions");
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    eprintln!("screenshots: {}", folder.display());
    folder
}

/// A QR code photographed off the page, read back by `zbarimg`.
fn decode_qr(png: &Path) -> String {
    let out = Command::new("zbarimg")
        .args(["--raw", "-q"])
        .arg(png)
        .output()
        .expect("zbarimg runs");
    assert!(
        out.status.success(),
        "no QR code found in {}: {}",
        png.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// A phone pointed at the printed article opens its public address: on
/// paper the share box's code stands at the top, beside the title.
fn print_qr_reads_as_the_permalink(browser: &Browser, address: &str, shots: &Path) {
    browser.set_viewport(1280, 800);
    browser.goto(&format!("{address}{ARTICLE}"));
    // Read at its size on screen (a screenshot of paper's 28 mm is too
    // few pixels a module for zbarimg), placed as on paper.
    let png = shots.join("print-qr.png");
    browser.element_screenshot(".share-qr", &png);
    browser.emulate_media("print");
    let placed = browser.eval(
        "var qr = document.querySelector('.share-qr').getBoundingClientRect(),
             title = document.querySelector('.page-header h1').getBoundingClientRect();
         return qr.top < title.bottom && qr.left > title.right;",
    );
    browser.emulate_media("");
    assert_eq!(decode_qr(&png), format!("{address}{ARTICLE}"));
    assert_eq!(placed, Value::Bool(true), "the code stands beside the title");
}

/// The share card, the picture chat apps show with a shared link, scans to
/// the article as well (no browser needed: it is a PNG already).
fn share_card_reads_as_the_permalink(site: &Site, address: &str) {
    let card = site.path(&format!("public/{ARTICLE}share.png"));
    assert_eq!(decode_qr(&card), format!("{address}{ARTICLE}"));
}

/// What the reader of a lobby screen sees of the tip on show, measured in
/// one script so that it describes one and the same tip.
const SHOWN_TIP: &str = "var tip = document.querySelector('.tip:not([hidden])');
    if (!tip || !tip.getBoundingClientRect().height) { return null; }
    function box(selector) {
        var el = tip.querySelector(selector), r = el.getBoundingClientRect();
        return {text: el.textContent.replace(/\\s+/g, ''), top: r.top, left: r.left,
                bottom: r.bottom, right: r.right, height: r.height};
    }
    var root = document.documentElement, body = document.body, text = tip.querySelector('.tip-body');
    return {
        viewport: [innerWidth, innerHeight],
        root: [root.scrollWidth, root.scrollHeight],
        body: [body.scrollWidth, body.scrollHeight],
        clipped: text.scrollHeight > text.clientHeight || text.scrollWidth > text.clientWidth,
        series: box('.tip-series'), date: box('.tip-date'),
        title: box('.tip-title'), text: box('.tip-text'),
        textSize: parseFloat(getComputedStyle(tip.querySelector('.tip-text')).fontSize),
        // How much of the space between header and footer the tip takes.
        filled: (tip.querySelector('.tip-qr').getBoundingClientRect().bottom - box('.tip-title').top)
            / text.getBoundingClientRect().height
    };";

/// The lobby screen, landscape and portrait: each tip of `/tips.json` comes
/// in turn, every [`INTERVAL`] seconds, whole on the screen, with its date
/// and its 第 N 期.
fn screen_fits_and_cycles(browser: &Browser, site: &Site, address: &str, shots: &Path) {
    let feed: Value = serde_json::from_str(&site.read("tips.json")).unwrap();
    let tips = feed["tips"].as_array().unwrap();
    assert_eq!(tips.len(), TIPS, "screen.limit");
    for (width, height) in [(1920, 1080), (1080, 1920)] {
        browser.set_viewport(width, height);
        browser.goto(&format!("{address}screen/"));
        let mut shown = browser.wait_for(SHOWN_TIP, WAIT);
        for (i, tip) in tips.iter().enumerate() {
            let name = format!("screen-{width}x{height}-{i}");
            check_screen_tip(&shown, tip, &name);
            if i == 0 {
                browser.screenshot(&shots.join(format!("{name}.png")));
                // A passer-by scans the tip on show to read it in full (the
                // screen may have moved on meanwhile: any tip's own address).
                let png = shots.join(format!("{name}-qr.png"));
                browser.element_screenshot(".tip:not([hidden]) .tip-qr", &png);
                let read = decode_qr(&png);
                assert!(
                    tips.iter().any(|t| t["url"].as_str() == Some(read.as_str())),
                    "{name}: the QR code reads {read}"
                );
            }
            shown = next_tip(browser, &shown, &name);
        }
        // After the last tip the first comes again.
        assert_eq!(shown["title"]["text"], text_of(&tips[0]["title"]));
    }
}

/// Waits for the screen to move on from `shown`, about [`INTERVAL`] seconds.
fn next_tip(browser: &Browser, shown: &Value, name: &str) -> Value {
    let started = Instant::now();
    let script = format!(
        "var now = (function () {{ {SHOWN_TIP} }})();
         return now && now.title.text !== {} ? now : null;",
        shown["title"]["text"]
    );
    let next = browser.wait_for(&script, WAIT);
    // Bounded loosely: a busy machine delays timers, but never to the
    // default interval of ten seconds.
    let waited = started.elapsed();
    assert!(
        waited <= Duration::from_secs(INTERVAL * 3),
        "{name}: the next tip came after {waited:?}, not every {INTERVAL} s"
    );
    next
}

/// Text as the screen shows it, without spaces (the theme may space CJK text).
fn text_of(value: &Value) -> String {
    value.as_str().unwrap_or_default().split_whitespace().collect()
}

fn check_screen_tip(shown: &Value, tip: &Value, name: &str) {
    let number = tip["number"].as_u64().unwrap();
    let [width, height] = [0, 1].map(|i| shown["viewport"][i].as_f64().unwrap());
    for part in ["root", "body"] {
        let [scroll_width, scroll_height] = [0, 1].map(|i| shown[part][i].as_f64().unwrap());
        assert!(
            scroll_width <= width && scroll_height <= height,
            "{name}: the {part} scrolls ({scroll_width}×{scroll_height} in {width}×{height})"
        );
    }
    assert_eq!(
        shown["clipped"], false,
        "{name}: the tip's text is cut off: {shown}"
    );
    assert_eq!(shown["title"]["text"], text_of(&tip["title"]), "{name}");
    assert!(
        shown["series"]["text"]
            .as_str()
            .is_some_and(|s| s.ends_with(&format!("第{number}期"))),
        "{name}: 第 {number} 期 in {}",
        shown["series"]
    );
    let date = tip["date"].as_str().unwrap();
    let (year, rest) = date.split_once('-').unwrap();
    let (month, day) = rest.split_once('-').unwrap();
    let long_date = format!(
        "{year}年{}月{}日",
        month.trim_start_matches('0'),
        day.trim_start_matches('0')
    );
    assert_eq!(shown["date"]["text"], long_date.as_str(), "{name}");
    for part in ["series", "date", "title", "text"] {
        let b = &shown[part];
        let inside = b["height"].as_f64() > Some(0.0)
            && b["top"].as_f64() >= Some(0.0)
            && b["left"].as_f64() >= Some(0.0)
            && b["bottom"].as_f64() <= Some(height)
            && b["right"].as_f64() <= Some(width);
        assert!(inside, "{name}: the {part} is off the screen: {b}");
    }
    // The tip is scaled to the screen, portrait too: it fills more than
    // the middle third (half of it at least).
    assert!(
        shown["filled"].as_f64() > Some(0.5),
        "{name}: the tip fills only {} of the screen",
        shown["filled"]
    );
    // Read from across a lobby: never smaller than 2.5 % of the short side.
    let smallest = width.min(height) * 0.025;
    assert!(
        shown["textSize"].as_f64() >= Some(smallest),
        "{name}: text of {}px is too small to read from afar",
        shown["textSize"]
    );
}

/// Styles compared between the WeChat body and what the editor got, per
/// element: the look an editor would notice was lost.
const PASTE_CHECKS: [(&str, &[&str]); 6] = [
    ("p", &["color", "font-size", "line-height"]),
    (
        "h2",
        &[
            "color",
            "font-size",
            "font-weight",
            "border-left-color",
            "border-left-width",
            "padding-left",
        ],
    ),
    (
        "blockquote",
        &[
            "background-color",
            "border-left-color",
            "border-left-width",
            "color",
        ],
    ),
    (
        "th",
        &[
            "background-color",
            "border-top-color",
            "border-top-width",
            "font-weight",
        ],
    ),
    (
        "td",
        &[
            "border-top-color",
            "border-top-width",
            "border-left-style",
            "padding-left",
        ],
    ),
    ("sup", &["color", "font-size"]),
];

/// An empty rich-text editor, like the body of the WeChat editor.
const EDITOR_PAGE: &str = r#"<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>编辑器</title>
<body style="margin:0;background:#fff"><div id="editor" contenteditable="true" style="width:578px;min-height:300px;padding:16px"></div></body></html>
"#;

/// The computed `props` of the first `selector` under `root`, as a script.
fn computed_styles(root: &str) -> String {
    let checks = serde_json::to_string(&PASTE_CHECKS.to_vec()).unwrap();
    format!(
        "var root = document.querySelector('{root}'), out = {{}};
         {checks}.forEach(function (check) {{
             var el = root && root.querySelector(check[0]);
             if (!el) {{ return; }}
             var style = getComputedStyle(el);
             check[1].forEach(function (p) {{ out[check[0] + ' ' + p] = style.getPropertyValue(p); }});
         }});
         return Object.keys(out).length === {count} ? out : null;",
        count = PASTE_CHECKS.iter().map(|(_, props)| props.len()).sum::<usize>()
    )
}

/// An editor clicks 复制正文 on the WeChat edition and pastes (Ctrl+V) into
/// an editor on another site: headings, quotes and tables look the same.
/// Headless Chromium keeps a clipboard of its own, so a copy made by the
/// page's click (a trusted WebDriver click, which `execCommand("copy")`
/// needs) is what Ctrl+V pastes; no permission or feature flag is needed.
fn pasted_wechat_body_keeps_its_look(browser: &Browser, address: &str) {
    let editor = tempfile::tempdir().unwrap();
    std::fs::write(editor.path().join("index.html"), EDITOR_PAGE).unwrap();
    let editor_address = serve(editor.path(), "/").address;

    browser.set_viewport(1280, 800);
    browser.goto(&format!("{address}wechat/tips/export/"));
    let original = browser.wait_for(&computed_styles("[data-kepu-export]"), WAIT);
    browser.click("#copy-body");
    let status = browser.eval("return document.getElementById('copy-status').textContent;");
    assert!(
        status.as_str().is_some_and(|s| s.starts_with("已复制正文")),
        "the copy button says: {status}"
    );

    browser.goto(&editor_address);
    browser.click("#editor");
    browser.press_with(CONTROL, "v");
    let pasted = browser.wait_for(&computed_styles("#editor"), WAIT);
    let lost: Vec<String> = original
        .as_object()
        .unwrap()
        .iter()
        .filter(|(key, value)| pasted[key.as_str()] != **value)
        .map(|(key, value)| format!("{key}: {value} became {}", pasted[key.as_str()]))
        .collect();
    assert!(
        lost.is_empty(),
        "the pasted body lost its look:\n{}",
        lost.join("\n")
    );
    let text = browser.eval("return document.getElementById('editor').innerText;");
    for words in [
        "防暑要点",
        "出现头晕",
        "少出门",
        "参考链接",
        "每天约1500～1700毫升。",
    ] {
        assert!(
            text.as_str().is_some_and(|t| t.contains(words)),
            "{words} pasted: {text}"
        );
    }
}

/// Every edition and an article (with its share box) on a desktop screen
/// and a phone: nothing makes the page scroll sideways. The screenshots are
/// the ones to look at when changing the theme.
fn editions_fit_desktop_and_phone(browser: &Browser, address: &str, shots: &Path) {
    let pages = [
        ("wechat", format!("wechat/{ARTICLE}")),
        ("screen", "screen/".to_string()),
        ("article", ARTICLE.to_string()),
    ];
    for (width, height) in [(1280, 800), (390, 844)] {
        browser.set_viewport(width, height);
        for (name, path) in &pages {
            browser.goto(&format!("{address}{path}"));
            let size = browser.eval(
                "return [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth];",
            );
            assert!(
                size[0].as_i64() <= size[2].as_i64() && size[1].as_i64() <= size[2].as_i64(),
                "{name} at {width}px scrolls sideways: {size}"
            );
            browser.screenshot(&shots.join(format!("{name}-{width}.png")));
        }
        browser.eval("document.querySelector('.share').scrollIntoView(); return null;");
        browser.screenshot(&shots.join(format!("article-share-{width}.png")));
    }
}

/// The phone's width: what the measurements below are made at.
const PHONE: (i64, i64) = (390, 844);

/// Whether the page scrolls sideways, and every chart's and figures
/// table's right edge, and the size its chart labels are drawn at (the
/// SVG is scaled to its column, so its 14-unit text is measured on screen).
const REPORT_LAYOUT: &str = "var root = document.documentElement;
    var charts = Array.from(document.querySelectorAll('.chart-svg'), function (svg) {
        var r = svg.getBoundingClientRect(), scale = r.width / svg.viewBox.baseVal.width;
        var labels = Array.from(svg.querySelectorAll('text'), function (t) {
            return parseFloat(getComputedStyle(t).fontSize) * scale;
        });
        return {right: r.right, label: Math.min.apply(null, labels)};
    });
    var cells = Array.from(document.querySelectorAll('.stats-table th, .stats-table td'))
        .filter(function (c) { return c.getClientRects().length; });
    return {width: innerWidth, scroll: Math.max(root.scrollWidth, document.body.scrollWidth),
            charts: charts,
            cellsRight: Math.max.apply(null, cells.map(function (c) { return c.getBoundingClientRect().right; })),
            cells: cells.length};";

/// The half-year report on a phone: its chart and its figures table fit
/// the screen with labels of at least 14px, and nothing scrolls sideways.
fn report_reads_on_a_phone(browser: &Browser, address: &str, shots: &Path) {
    for (width, height) in [PHONE, (1280, 900)] {
        browser.set_viewport(width, height);
        browser.goto(&format!("{address}reports/2024-h1/"));
        let layout = browser.eval(REPORT_LAYOUT);
        let at = |key: &str| layout[key].as_f64().unwrap();
        assert!(
            at("scroll") <= at("width"),
            "the report at {width}px scrolls sideways: {layout}"
        );
        let charts = layout["charts"].as_array().unwrap();
        assert!(!charts.is_empty(), "the report has a chart");
        for chart in charts {
            assert!(
                chart["right"].as_f64() <= Some(at("width")),
                "a chart runs off at {width}px: {layout}"
            );
            assert!(
                chart["label"].as_f64() >= Some(14.0),
                "chart labels under 14px at {width}px: {layout}"
            );
        }
        assert!(layout["cells"].as_u64() > Some(10), "{layout}");
        assert!(
            at("cellsRight") <= at("width"),
            "the figures table runs off at {width}px: {layout}"
        );
        for (part, name) in [(".stats-table", "table"), (".chart", "chart")] {
            browser.eval(&format!(
                "document.querySelector('{part}').scrollIntoView(); return null;"
            ));
            browser.screenshot(&shots.join(format!("report-{name}-{width}.png")));
        }
    }
}

/// Where a tip's title starts, and the controls that wrap inside a word.
const TITLE_AND_CONTROLS: &str = "var lines = function (el) {
        var range = document.createRange();
        range.selectNodeContents(el);
        var tops = Array.from(range.getClientRects(), function (r) { return Math.round(r.top); });
        return new Set(tops).size;
    };
    var broken = Array.from(document.querySelectorAll('.site-nav a, button, .pager a, .term'))
        .filter(function (el) { return el.getClientRects().length && lines(el) > 1; })
        .map(function (el) { return el.textContent.trim(); });
    return {title: document.querySelector('h1').getBoundingClientRect().top, broken: broken,
            scroll: document.documentElement.scrollWidth, width: innerWidth};";

/// On a phone the header leaves the screen to the article: its title
/// starts within the first 250px; with the browser's text at 24px (the
/// root at 150%) no menu item or button breaks inside a word.
fn article_title_comes_first_on_a_phone(browser: &Browser, address: &str, shots: &Path) {
    browser.set_viewport(PHONE.0, PHONE.1);
    browser.goto(&format!("{address}tips/drink-water/"));
    let normal = browser.eval(&format!("return (function () {{ {TITLE_AND_CONTROLS} }})();"));
    assert!(
        normal["title"].as_f64() < Some(250.0),
        "the title starts at {normal}"
    );
    assert_eq!(normal["broken"], serde_json::json!([]), "{normal}");
    browser.screenshot(&shots.join("tip-390.png"));
    let large = browser.eval(&format!(
        "document.documentElement.style.fontSize = '150%'; return (function () {{ {TITLE_AND_CONTROLS} }})();"
    ));
    assert_eq!(
        large["broken"],
        serde_json::json!([]),
        "controls break at large text: {large}"
    );
    assert!(large["scroll"].as_f64() <= large["width"].as_f64(), "{large}");
    browser.screenshot(&shots.join("tip-390-large-text.png"));
}

/// A link ending in full-width punctuation (“…日子？”) is underlined up to
/// the mark, not across the blank half of its box: the last character of
/// the link is at most about half as wide as the type.
fn link_underline_ends_at_its_last_mark(browser: &Browser, address: &str) {
    browser.goto(&format!("{address}tips/long/"));
    let measured = browser.eval(
        "var link = document.querySelector('.prose a'); \
         var text = link.firstChild; \
         var last = document.createRange(); \
         last.setStart(text, text.length - 1); last.setEnd(text, text.length); \
         return {text: link.textContent, mark: last.getBoundingClientRect().width, \
                 link: link.getBoundingClientRect().right - last.getBoundingClientRect().right, \
                 size: parseFloat(getComputedStyle(link).fontSize)};",
    );
    assert_eq!(measured["text"], "全国科普日是什么日子？", "{measured}");
    let (mark, size) = (
        measured["mark"].as_f64().unwrap(),
        measured["size"].as_f64().unwrap(),
    );
    assert!(mark <= 0.6 * size, "the underline runs past the ？: {measured}");
    assert!(measured["link"].as_f64().unwrap().abs() < 0.5, "{measured}");
}

/// A tip and an event recap, printed by Chromium to PDF (as Ctrl+P does),
/// each fill one A4 sheet, QR code included. The PDFs stay beside the
/// screenshots.
fn short_articles_print_on_one_sheet(address: &str, shots: &Path) {
    for article in ["tips/drink-water/", "events/robot-contest-2024/"] {
        let pdf = shots.join(format!(
            "print-{}.pdf",
            article.trim_end_matches('/').replace('/', "-")
        ));
        let profile = tempfile::tempdir().unwrap();
        let mut chromium = Command::new("chromium");
        chromium
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
            ])
            .args(["--disable-dev-shm-usage", "--no-pdf-header-footer"])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("{address}{article}"));
        let printed = run_with_timeout(chromium, Duration::from_secs(90)).expect("chromium prints");
        assert!(pdf.exists(), "no PDF of {article}: {}", printed.stderr);
        let bytes = std::fs::read(&pdf).unwrap();
        assert_eq!(
            pdf_pages(&bytes),
            1,
            "{article} prints on more than one sheet: {}",
            pdf.display()
        );
    }
}

/// The page objects of a PDF (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type")
        .filter(|(at, _)| {
            let rest = text[at + 5..].trim_start();
            rest.starts_with("/Page") && !rest.starts_with("/Pages")
        })
        .count()
}

/// An editor previews with `kepu serve` and prints or copies from there:
/// the QR code and printed address of the printed article, the WeChat page's
/// 原文链接 and the links and pictures of its body carry the public
/// `base_url`, while the pages still link to the local preview.
fn preview_hands_on_the_public_address(browser: &Browser, shots: &Path) {
    let site = Site::demo();
    let server = Server::start(&site, &["--no-watch"]);
    let public = "https://kexie.example.org/";
    let article = "events/robot-contest-2024/";
    browser.set_viewport(1280, 800);
    // An old address of a print page leads to the article, which prints.
    browser.goto(&format!("{}print/{article}", server.url));
    browser.wait_for(
        &format!(
            "return location.href === {:?};",
            format!("{}{article}", server.url)
        ),
        WAIT,
    );
    let png = shots.join("preview-print-qr.png");
    browser.element_screenshot(".share-qr", &png);
    assert_eq!(decode_qr(&png), format!("{public}{article}"));
    browser.emulate_media("print");
    let printed = browser.eval(
        "return [document.querySelector('.print-url').textContent,
                 document.querySelector('.site-title').href,
                 document.querySelector('.prose img').naturalWidth];",
    );
    browser.emulate_media("");
    assert_eq!(printed[0], format!("全文：{public}{article}"), "{printed}");
    assert_eq!(printed[1], server.url, "navigation stays local");
    assert!(
        printed[2].as_u64() > Some(0),
        "the bundle's poster shows: {printed}"
    );
    let card = server.get(&format!("/{article}share.png"));
    let card_file = shots.join("preview-share.png");
    std::fs::write(&card_file, &card.body).unwrap();
    assert_eq!(decode_qr(&card_file), format!("{public}{article}"));

    browser.goto(&format!("{}wechat/{article}", server.url));
    let wechat = browser.eval(
        "var fields = {};
         document.querySelectorAll('.edition-fields dt').forEach(function (dt) {
             fields[dt.textContent] = dt.nextElementSibling.textContent;
         });
         return {fields: fields, body: document.querySelector('[data-kepu-export]').innerHTML};",
    );
    assert_eq!(
        wechat["fields"]["原文链接"],
        format!("{public}{article}"),
        "{wechat}"
    );
    let body = wechat["body"].as_str().unwrap();
    assert!(
        body.contains(&format!("src=\"{public}{article}poster.svg\"")),
        "{body}"
    );
    assert!(
        !body.contains("127.0.0.1"),
        "the WeChat body names the preview: {body}"
    );
}

/// A reader who clicks 订阅更新 sees a page in Chinese — what a feed is,
/// how to subscribe, the latest articles — not raw XML; the same files stay
/// valid feeds for readers (feedparser, without `bozo`).
fn feeds_read_as_a_page(browser: &Browser, site: &Site, address: &str, shots: &Path) {
    let feed: Value = serde_json::from_str(&site.read("tips.json")).unwrap();
    let newest = feed["tips"][0]["title"].as_str().unwrap().to_string();
    browser.set_viewport(PHONE.0, PHONE.1);
    for file in ["atom.xml", "rss.xml", "tips/atom.xml"] {
        browser.goto(&format!("{address}{file}"));
        let shown = browser.wait_for(
            "var h = document.querySelector('h1');
             return h && document.body ? {text: document.body.innerText,
                 entries: document.querySelectorAll('.entries a').length,
                 first: (document.querySelector('.entries a') || {}).href,
                 scroll: document.documentElement.scrollWidth, width: innerWidth} : null;",
            WAIT,
        );
        let text = shown["text"].as_str().unwrap();
        for words in [
            "订阅源",
            "怎样订阅",
            "最新文章",
            &format!("{address}{file}"),
            newest.as_str(),
        ] {
            assert!(
                text.contains(words),
                "{file} in the browser lacks {words}: {text}"
            );
        }
        assert!(shown["entries"].as_u64() >= Some(4), "{file}: {shown}");
        assert!(
            shown["first"]
                .as_str()
                .is_some_and(|href| href.starts_with(address)),
            "{file}: {shown}"
        );
        assert!(
            shown["scroll"].as_f64() <= shown["width"].as_f64(),
            "{file} scrolls sideways: {shown}"
        );
        browser.screenshot(&shots.join(format!("feed-{}.png", file.replace('/', "-"))));
    }
    if let Some(parsed) =
        crate::integration::feeds::feedparser(&[site.path("public/atom.xml"), site.path("public/rss.xml")])
    {
        for feed in parsed {
            assert_eq!(feed["bozo"], false, "not a clean feed: {}", feed["error"]);
            assert_eq!(feed["entries"][0]["title"], newest.as_str());
        }
    }
}
