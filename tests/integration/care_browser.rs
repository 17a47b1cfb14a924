//! 关怀模式 in headless Chromium, on a phone-sized window: each control of
//! the toolbar changes what it promises (measured as computed style), the
//! choices outlast a page change, everything works from the keyboard, the
//! high-contrast page passes axe-core's `color-contrast-enhanced` (7:1),
//! read-aloud hands the article's sentences to `speechSynthesis` (stubbed)
//! or says plainly that there is no Chinese voice, the stored choices are
//! on `<html>` before the body is parsed (no flash), using every control
//! asks no other host, and without JavaScript the page reads in full with
//! no toolbar shown.

use super::blocks_browser::since;
use super::quality::{axe_in_a_browser, axe_violations};
use crate::common::Site;
use crate::common::serve::serve;
use crate::common::webdriver::{ALT, Browser, ENTER, SHIFT};
use serde_json::json;

const TIP: &str = "tips/drink-water/";

#[test]
fn care_mode_works_in_the_browser() {
    let Some(axe) = axe_in_a_browser() else {
        return;
    };
    let site = Site::demo();
    let address = serve(&site.path("public"), "/").address;
    site.build(&["--base-url", &address]);
    let browser = Browser::start();
    browser.set_viewport(390, 844);
    browser.goto(&format!("{address}{TIP}"));

    closed_button_sits_in_the_header_row(&browser);
    larger_type_fits_the_phone_and_outlasts_navigation(&browser, &address);
    high_contrast_meets_aaa(&browser, &axe);
    cursor_and_plain_view(&browser);
    keyboard_alone_reaches_and_works_the_toolbar(&browser);
    read_aloud_speaks_the_article(&browser, &address);
    choices_apply_before_the_body_is_parsed(&browser, &site, &address);

    let watched = Browser::start_with(&[], true);
    watched.set_viewport(390, 844);
    every_control_asks_no_other_host(&watched, &address);

    let without_script = Browser::start_with(&["--blink-settings=scriptEnabled=false"], false);
    without_javascript_the_page_reads_and_shows_no_toolbar(&without_script, &address);
}

/// The computed style of the first element matching `css`, property `property`.
fn style(browser: &Browser, css: &str, property: &str) -> String {
    browser
        .eval(&format!(
            "return getComputedStyle(document.querySelector('{css}')).getPropertyValue('{property}');"
        ))
        .as_str()
        .unwrap_or_default()
        .to_string()
}

fn px(value: &str) -> f64 {
    value.trim_end_matches("px").parse().unwrap()
}

/// On a phone and a wide screen alike, the closed toolbar is one button
/// in the header's row beside the search button, no strip of its own, and
/// covers nothing.
fn closed_button_sits_in_the_header_row(browser: &Browser) {
    for (width, height) in [(1280, 900), (390, 844)] {
        browser.set_viewport(width, height);
        let boxes = browser.eval(
            "function box(css) { var r = document.querySelector(css).getBoundingClientRect(); \
               return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; } \
             return {care: box('.care-open'), search: box('.site-search button'), \
                     header: box('.site-header-inner'), title: box('.site-title')};",
        );
        let at = |item: &str, side: &str| boxes[item][side].as_f64().unwrap();
        let middle = |item: &str| (at(item, "top") + at(item, "bottom")) / 2.0;
        assert!(
            (middle("care") - middle("search")).abs() < 4.0,
            "{width}px: the button is level with the search button: {boxes}"
        );
        assert!(
            at("care", "left") >= at("search", "right"),
            "{width}px: beside it, not over it: {boxes}"
        );
        assert!(
            at("care", "top") >= at("header", "top") && at("title", "top") >= at("header", "top"),
            "{width}px: inside the blue header row, no strip above it: {boxes}"
        );
    }
}

fn larger_type_fits_the_phone_and_outlasts_navigation(browser: &Browser, address: &str) {
    assert!(
        browser.eval("return !document.getElementById('care-bar').hidden;") == true,
        "the toolbar shows with JavaScript"
    );
    // Closed at first (a phone's header stays short), open once opened.
    assert!(browser.eval("return document.getElementById('care-controls').hidden;") == true);
    browser.click("[data-care=open]");
    let sizes: Vec<f64> = (0..3)
        .map(|step| {
            if step > 0 {
                browser.click("[data-care=size]");
            }
            px(&style(browser, ".prose p", "font-size"))
        })
        .collect();
    assert!(
        sizes[0] < sizes[1] && sizes[1] < sizes[2],
        "three steps: {sizes:?}"
    );
    assert!(
        sizes[2] >= 24.0,
        "the largest step makes body text at least 24px: {sizes:?}"
    );
    let widths = browser.eval("return [document.documentElement.scrollWidth, window.innerWidth];");
    assert!(
        widths[0].as_i64() <= widths[1].as_i64(),
        "nothing overflows at the largest size: {widths}"
    );
    // Another page opens at the chosen size, before any script of it runs.
    browser.goto(&format!("{address}events/robot-contest-2024/"));
    assert_eq!(
        browser.eval("return document.documentElement.dataset.careSize;"),
        "2"
    );
    assert!(px(&style(browser, ".prose p", "font-size")) >= 24.0);
    let widths = browser.eval("return [document.documentElement.scrollWidth, window.innerWidth];");
    assert!(widths[0].as_i64() <= widths[1].as_i64(), "{widths}");
    assert!(browser.eval("return document.querySelector('[data-care=size]').textContent;") == "大字：特大");
    browser.click("[data-care=reset]");
    assert!(px(&style(browser, ".prose p", "font-size")) < 19.0);
    browser.goto(&format!("{address}{TIP}"));
}

fn high_contrast_meets_aaa(browser: &Browser, axe: &str) {
    browser.click("[data-care=contrast]");
    assert_eq!(style(browser, ".prose p", "color"), "rgb(0, 0, 0)");
    assert_eq!(
        browser.eval("return document.querySelector('[data-care=contrast]').getAttribute('aria-pressed');"),
        "true"
    );
    let found = axe_violations(
        browser,
        axe,
        Some(json!({"runOnly": ["color-contrast-enhanced"]})),
    );
    assert!(
        found.is_empty(),
        "text below 7:1 in high contrast:\n{}",
        found.join("\n")
    );
    browser.click("[data-care=contrast]");
    assert_ne!(style(browser, ".prose p", "color"), "rgb(0, 0, 0)");
}

fn cursor_and_plain_view(browser: &Browser) {
    browser.click("[data-care=cursor]");
    assert!(style(browser, ".prose p", "cursor").starts_with("url(\"data:image/svg+xml"));
    browser.click("[data-care=cursor]");
    assert_eq!(style(browser, ".prose p", "cursor"), "auto");
    browser.click("[data-care=simple]");
    for hidden in [".site-nav", ".site-footer", ".share", ".page-nav"] {
        assert_eq!(
            style(browser, hidden, "display"),
            "none",
            "{hidden} in the plain view"
        );
    }
    assert_ne!(style(browser, ".prose", "display"), "none");
    assert_ne!(style(browser, ".care-bar", "display"), "none");
    browser.click("[data-care=simple]");
    assert_ne!(style(browser, ".site-nav", "display"), "none");
}

fn keyboard_alone_reaches_and_works_the_toolbar(browser: &Browser) {
    browser.eval("document.activeElement.blur(); window.scrollTo(0, 2000);");
    browser.press_chord(&[ALT, SHIFT, "c"]);
    assert_eq!(
        browser.eval("return document.activeElement.getAttribute('data-care');"),
        "size",
        "Alt+Shift+C moves the focus to the toolbar"
    );
    // The focus ring shows.
    let ring = browser.eval(
        "var f = document.activeElement; \
         return [getComputedStyle(f).outlineStyle, getComputedStyle(f).outlineWidth];",
    );
    assert!(ring[0] == "solid" && ring[1] == "3px", "no visible focus: {ring}");
    browser.press_chord(&[ENTER]);
    assert_eq!(
        browser.eval("return document.documentElement.dataset.careSize;"),
        "1"
    );
    browser.press_chord(&["\u{E004}"]); // Tab
    browser.press_chord(&[" "]);
    assert!(browser.eval("return document.documentElement.hasAttribute('data-care-contrast');") == true);
    browser.click("[data-care=reset]");
}

/// `speechSynthesis` replaced by a recorder with the voices given.
fn stub_speech(browser: &Browser, voice_lang: &str) {
    browser.eval(&format!(
        "window.spoken = []; \
         speechSynthesis.getVoices = function () {{ return [{{lang: '{voice_lang}', name: 'stub'}}]; }}; \
         speechSynthesis.speak = function (u) {{ spoken.push({{text: u.text, lang: u.lang}}); if (spoken.length === 1 && u.onstart) u.onstart(); }}; \
         speechSynthesis.cancel = function () {{}}; \
         speechSynthesis.pause = function () {{ window.paused = true; }}; \
         speechSynthesis.resume = function () {{ window.paused = false; }};"
    ));
}

fn read_aloud_speaks_the_article(browser: &Browser, address: &str) {
    stub_speech(browser, "zh-CN");
    browser.click("[data-care=read]");
    let spoken = browser.eval("return spoken;");
    let sentences = spoken.as_array().unwrap();
    assert!(sentences.len() > 5, "{spoken}");
    assert!(sentences.iter().all(|s| s["lang"] == "zh-CN"));
    let first = sentences[0]["text"].as_str().unwrap();
    let article = browser.eval("return document.querySelector('.prose').textContent;");
    let article = article.as_str().unwrap();
    assert!(article.trim_start().starts_with(first.trim()), "{first}");
    assert!(first.ends_with('。'), "read sentence by sentence: {first}");
    // The sentence being read is highlighted.
    assert_eq!(
        browser.eval("return CSS.highlights.get('care-reading').values().next().value.toString();"),
        first
    );
    browser.click("[data-care=pause]");
    assert!(browser.eval("return window.paused;") == true);
    browser.click("[data-care=pause]");
    assert!(browser.eval("return window.paused;") == false);
    browser.click("[data-care=stop]");
    assert!(browser.eval("return CSS.highlights.has('care-reading');") == false);
    // Without a Chinese voice the toolbar says so.
    browser.goto(&format!("{address}{TIP}"));
    stub_speech(browser, "en-US");
    browser.click("[data-care=read]");
    let status = browser.eval("return document.querySelector('.care-status').textContent;");
    assert!(status.as_str().unwrap().contains("没有中文语音"), "{status}");
    assert!(browser.eval("return spoken.length;") == 0);
}

/// The built page at `rel` with a script first in its body that records
/// what `<html>` carries when the parser reaches the body, and the styles
/// of the first frame.
fn instrument(site: &Site, rel: &str) {
    let file = format!("public/{rel}index.html");
    let page = std::fs::read_to_string(site.path(&file)).unwrap();
    let body = page.find("<body").unwrap();
    let at = body + page[body..].find('>').unwrap() + 1;
    let probe = "<script>(function () { var h = document.documentElement; \
        window.careAtBody = {size: h.getAttribute('data-care-size'), \
          contrast: h.hasAttribute('data-care-contrast'), \
          header: document.querySelector('.site-header') !== null, \
          font: getComputedStyle(h).fontSize}; \
        requestAnimationFrame(function () { window.careAtFrame = {font: getComputedStyle(h).fontSize, \
          color: getComputedStyle(document.body).color, \
          background: getComputedStyle(document.body).backgroundColor}; }); })();</script>";
    site.write(&file, format!("{}{probe}{}", &page[..at], &page[at..]));
}

fn choices_apply_before_the_body_is_parsed(browser: &Browser, site: &Site, address: &str) {
    let page = "events/robot-contest-2024/";
    instrument(site, page);
    browser.goto(&format!("{address}{TIP}"));
    if browser.eval("return document.getElementById('care-controls').hidden;") == true {
        browser.click("[data-care=open]");
    }
    browser.click("[data-care=size]");
    browser.click("[data-care=size]");
    browser.click("[data-care=contrast]");
    browser.goto(&format!("{address}{page}"));
    let at_body = browser.wait_for("return window.careAtBody;", std::time::Duration::from_secs(10));
    assert_eq!(
        at_body["header"], false,
        "recorded before the body is parsed: {at_body}"
    );
    assert_eq!(at_body["size"], "2", "the size is on <html> already: {at_body}");
    assert_eq!(at_body["contrast"], true, "{at_body}");
    assert_eq!(at_body["font"], "24px", "and styled: {at_body}");
    let frame = browser.wait_for("return window.careAtFrame;", std::time::Duration::from_secs(10));
    assert_eq!(
        frame,
        json!({"font": "24px", "color": "rgb(0, 0, 0)", "background": "rgb(255, 255, 255)"}),
        "the first frame is painted in the chosen view"
    );
    browser.click("[data-care=reset]");
    assert!(browser.eval("return document.documentElement.hasAttribute('data-care-size');") == false);
}

/// Every control used on a page of a browser whose other requests go to
/// a proxy that answers none: the page asks only its own site.
fn every_control_asks_no_other_host(browser: &Browser, address: &str) {
    let page = format!("{address}{TIP}");
    browser.goto(&page);
    browser.click("[data-care=open]");
    stub_speech(browser, "zh-CN");
    for control in [
        "size", "size", "size", "contrast", "read", "pause", "stop", "cursor", "simple", "reset",
    ] {
        browser.click(&format!("[data-care={control}]"));
    }
    browser.press_chord(&[ALT, SHIFT, "c"]);
    browser.goto(&format!("{address}events/robot-contest-2024/"));
    std::thread::sleep(std::time::Duration::from_secs(1));
    let requested = since(browser.page_requests(), &page);
    let off: Vec<&String> = requested
        .iter()
        .filter(|url| !url.starts_with(address) && !url.starts_with("data:"))
        .collect();
    assert!(off.is_empty(), "the toolbar asked another host: {off:?}");
    assert!(
        requested.iter().any(|url| url.ends_with("js/care.js")),
        "{requested:?}"
    );
}

fn without_javascript_the_page_reads_and_shows_no_toolbar(browser: &Browser, address: &str) {
    browser.goto(&format!("{address}{TIP}"));
    // (scriptEnabled=false leaves WebDriver's own scripts running.)
    let shown = browser.eval(
        "return {bar: document.getElementById('care-bar').getBoundingClientRect().height, \
                 text: document.querySelector('.prose').innerText.length};",
    );
    assert_eq!(
        shown["bar"], 0,
        "no toolbar of dead buttons without JavaScript: {shown}"
    );
    assert!(shown["text"].as_u64() > Some(300), "{shown}");
}
