//! The content blocks in real headless Chromium: a page with a video and a
//! quiz asks nothing of another host until the reader clicks the video
//! (the page's requests read from DevTools' network events; every request
//! off 127.0.0.1 goes to the test browser's recording proxy, which answers
//! none, so nothing reaches the network), the quiz marks answers and
//! counts a score with JavaScript and opens its answers without it, and
//! print shows what paper needs.

use crate::common::serve::serve;
use crate::common::webdriver::Browser;
use crate::common::{Site, browser_available};
use serde_json::json;
use std::time::Duration;

const WAIT: Duration = Duration::from_secs(15);

/// The `blocks` fixture built for, and served at, a local address.
fn served_blocks() -> (Site, String) {
    let site = Site::fixture_with_theme("blocks");
    let address = serve(&site.path("public"), "/").address;
    site.build(&["--base-url", &address]);
    (site, address)
}

/// The requests from the one of `page` on (the browser's start page loads
/// before it); the page itself must be among them, or the log saw nothing.
pub fn since(requested: Vec<String>, page: &str) -> Vec<String> {
    let from = requested
        .iter()
        .position(|url| url == page)
        .unwrap_or_else(|| panic!("the network log does not see {page}: {requested:?}"));
    requested[from..].to_vec()
}

const LOADED: &str = "return document.readyState === 'complete';";

#[test]
fn a_video_and_quiz_page_asks_no_other_host_until_the_video_is_clicked() {
    if !browser_available() {
        return;
    }
    let (_site, address) = served_blocks();
    let browser = Browser::start_with(&[], true);
    let page = format!("{address}tips/quiz/");
    browser.goto(&page);
    browser.wait_for(LOADED, WAIT);
    // Posters, fonts and late scripts have had their chance.
    std::thread::sleep(Duration::from_secs(2));
    let mut requested = since(browser.page_requests(), &page);
    let off: Vec<&String> = requested
        .iter()
        .filter(|url| !url.starts_with(&address))
        .collect();
    assert!(off.is_empty(), "requests to another host before a click: {off:?}");

    // The quiz: one right, one wrong, then the score.
    browser.click("#quiz-2-question-1 input[value='b']");
    browser.click("#quiz-2-question-2 input[value='a']");
    browser.click(".quiz-check");
    let results = browser.wait_for(
        "var r = Array.from(document.querySelectorAll('.quiz-result'), function (p) {
            return p.hidden ? null : p.textContent; });
         return r.every(function (t) { return t; }) ? r : null;",
        WAIT,
    );
    assert_eq!(results, json!(["回答正确", "回答错误，正确答案是 C"]));
    let score = browser.eval("return document.querySelector('.quiz-score').textContent;");
    assert_eq!(score, "答对 1 题，共 2 题");
    let opened = browser.eval(
        "return Array.from(document.querySelectorAll('.quiz-explain'), function (d) { return d.open; });",
    );
    assert_eq!(
        opened,
        json!([true, true]),
        "the explanations open after the check"
    );
    requested = browser.page_requests();
    assert!(
        requested.iter().all(|url| url.starts_with(&address)),
        "the quiz asks no one: {requested:?}"
    );

    // The click loads the player, from its host only: the proxy sees it.
    browser.click(".video-play");
    let frame = browser.wait_for(
        "var f = document.querySelector('iframe.video-frame'); return f && f.src;",
        WAIT,
    );
    assert!(
        frame
            .as_str()
            .is_some_and(|s| s.starts_with("https://v.qq.com/txp/iframe/player.html?vid=x3349ccgcr1")),
        "{frame}"
    );
    // The watchers see it: the proxy is asked for the player's host.
    let player = "CONNECT v.qq.com:443 ";
    let started = std::time::Instant::now();
    while !browser.off_site_requests().iter().any(|r| r.starts_with(player)) {
        assert!(
            started.elapsed() < WAIT,
            "no request for the player: {:?}",
            browser.off_site_requests()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn without_javascript_the_quiz_answers_open_in_place() {
    if !browser_available() {
        return;
    }
    let (_site, address) = served_blocks();
    let browser = Browser::start_with(&["--blink-settings=scriptEnabled=false"], false);
    browser.goto(&format!("{address}tips/quiz/"));
    let shown = |css: &str| {
        browser.eval(&format!(
            "var e = document.querySelector({css:?}); return e.checkVisibility();"
        ))
    };
    assert_eq!(
        shown(".quiz-actions"),
        false,
        "no check button that would do nothing"
    );
    assert_eq!(shown(".quiz-right-answer"), false, "answers closed at first");
    browser.click("#quiz-2-question-1 summary");
    assert_eq!(shown("#quiz-2-question-1 .quiz-right-answer"), true);
    let answer =
        browser.eval("return document.querySelector('#quiz-2-question-1 .quiz-right-answer').innerText;");
    assert_eq!(answer, "正确答案：B. 不能，这是骗人的说法");
}

#[test]
fn print_shows_the_video_address_and_qr_code_and_the_answers_after_the_quiz() {
    if !browser_available() {
        return;
    }
    let (_site, address) = served_blocks();
    let browser = Browser::start_with(&[], true);
    let page = format!("{address}tips/quiz/");
    browser.goto(&page);
    browser.wait_for(LOADED, WAIT);
    browser.emulate_media("print");
    let shown = |css: &str| {
        browser.eval(&format!(
            "return Array.from(document.querySelectorAll({css:?}), function (e) {{ return e.checkVisibility(); }});"
        ))
    };
    assert_eq!(shown(".video-print .qr"), json!([true]), "the QR code");
    assert_eq!(shown(".video-play"), json!([false]), "no player on paper");
    assert_eq!(shown(".quiz-answers"), json!([true]));
    assert_eq!(shown(".quiz-explain"), json!([false, false]));
    assert_eq!(shown(".quiz-actions"), json!([false]));
    let caption = browser.eval("return document.querySelector('.video figcaption').innerText;");
    assert!(
        caption
            .as_str()
            .is_some_and(|c| c.contains("https://v.qq.com/x/page/x3349ccgcr1.html")),
        "{caption}"
    );
    browser.emulate_media("");
    assert_eq!(
        shown(".quiz-answers"),
        json!([false]),
        "the answers list is for paper"
    );
    let requested = since(browser.page_requests(), &page);
    assert!(
        requested.iter().all(|url| url.starts_with(&address)),
        "{requested:?}"
    );
}
