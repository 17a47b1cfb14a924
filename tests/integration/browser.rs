//! Headless Chromium on the built demo site, served under a sub-path from
//! 127.0.0.1: a visitor types into the search box and sees results.

use crate::common::serve::serve;
use crate::common::webdriver::{Browser, ENTER};
use crate::common::{Site, tool_available};
use serde_json::Value;
use std::time::Duration;

const CHROMIUM_HINT: &str = "apt-get install chromium chromium-driver";
const WAIT: Duration = Duration::from_secs(15);

/// The titles and links of the listed results, once there are some.
const RESULTS: &str = "var items = document.querySelectorAll('#search-results .search-result');
    return items.length ? Array.from(items, function (li) {
        var a = li.querySelector('a');
        return {title: a.textContent, href: a.href, marked: li.querySelectorAll('mark').length};
    }) : null;";

fn results(browser: &Browser) -> Vec<Value> {
    browser
        .wait_for(RESULTS, WAIT)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn typing_a_query_in_the_search_box_lists_matching_articles() {
    if !tool_available("chromium", CHROMIUM_HINT) || !tool_available("chromedriver", CHROMIUM_HINT) {
        return;
    }
    let site = Site::demo();
    let public = site.path("public");
    // Serve under a sub-path, as on a shared host; build for that address.
    let address = serve(&public, "/kexie/");
    site.build(&["--base-url", &address]);
    let browser = Browser::start();

    browser.goto(&address);
    browser.type_into("#site-search-q", &format!("邪教{ENTER}"));
    let listed = results(&browser);
    assert!(browser.url().contains("/kexie/search/?q="), "{}", browser.url());
    let anti_cult: Vec<&Value> = listed
        .iter()
        .filter(|r| {
            r["href"]
                .as_str()
                .is_some_and(|h| h.starts_with(&format!("{address}anti-cult/")))
        })
        .collect();
    assert!(anti_cult.len() >= 5, "anti-cult articles listed: {listed:?}");
    let first_three: Vec<&str> = listed
        .iter()
        .take(3)
        .filter_map(|r| r["title"].as_str())
        .collect();
    assert!(
        first_three.iter().all(|t| t.contains("邪教")),
        "title matches first: {first_three:?}"
    );
    assert!(
        listed.iter().all(|r| r["marked"].as_u64() > Some(0)),
        "matches highlighted: {listed:?}"
    );

    // Typing on the search page updates the list as one types.
    browser.type_into("#search-q", "无人机");
    let drones = browser.wait_for(
        "var a = document.querySelector('#search-results .search-result a');
         return a && a.textContent.indexOf('无人机') >= 0 ? a.href : null;",
        WAIT,
    );
    assert!(
        drones.as_str().is_some_and(|h| h.starts_with(&address)),
        "{drones}"
    );
    let status = browser.eval("return document.querySelector('.search-status').textContent;");
    assert!(status.as_str().is_some_and(|s| s.starts_with("找到")), "{status}");
}
