//! Headless Chromium on the built demo site, served under a sub-path from
//! 127.0.0.1: a visitor types into the search box and sees results, those
//! only synonyms found under a heading of their own, and the page with
//! results passes axe-core.

use super::quality::{axe_in_a_browser, axe_violations};
use crate::common::serve::{Log, Served, serve};
use crate::common::webdriver::{Browser, ENTER};
use crate::common::{Site, browser_available};
use serde_json::Value;
use std::time::Duration;

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
    if !browser_available() {
        return;
    }
    let site = Site::demo();
    let public = site.path("public");
    // Serve under a sub-path, as on a shared host; build for that address.
    let address = serve(&public, "/kexie/").address;
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

    synonym_results_are_listed_apart(&browser);
    if let Some(axe) = axe_in_a_browser() {
        let violations = axe_violations(&browser, &axe, None);
        assert!(
            violations.is_empty(),
            "axe-core violations on the results:\n{}",
            violations.join("\n")
        );
    }
}

/// 反诈: the pages that say it under 含搜索词的结果, then the ones only its
/// synonyms (诈骗, 被骗…) find under a heading that names them.
fn synonym_results_are_listed_apart(browser: &Browser) {
    browser.type_into("#search-q", "反诈");
    let sections = browser.wait_for(
        "var headings = document.querySelectorAll('#search-results section > h2');
         return headings.length === 2 ? Array.from(headings, function (h) {
             var section = h.parentElement;
             return {heading: h.textContent, labelled: section.getAttribute('aria-labelledby') === h.id,
                     results: Array.from(section.querySelectorAll('li h3 a'), function (a) { return a.textContent; })};
         }) : null;",
        WAIT,
    );
    assert_eq!(sections[0]["heading"], "含搜索词的结果", "{sections}");
    let related = sections[1]["heading"].as_str().unwrap_or_default();
    assert!(
        related.starts_with("相关结果（同义词：") && related.contains("诈骗"),
        "{sections}"
    );
    for section in sections.as_array().unwrap() {
        assert_eq!(section["labelled"], true, "{sections}");
        assert!(
            section["results"].as_array().is_some_and(|r| !r.is_empty()),
            "{sections}"
        );
    }
    let status = browser.eval("return document.querySelector('.search-status').textContent;");
    assert!(
        status
            .as_str()
            .is_some_and(|s| s.starts_with("找到") && s.contains("同义词")),
        "{status}"
    );
}

/// Files and bytes served since entry `before` of the log whose path contains `part`.
fn served_since(log: &Log, before: usize, part: &str) -> (usize, usize) {
    let log = log.lock().unwrap();
    let new: Vec<usize> = log[before..]
        .iter()
        .filter(|(path, _)| path.contains(part))
        .map(|(_, bytes)| *bytes)
        .collect();
    (new.len(), new.iter().sum())
}

fn log_len(log: &Log) -> usize {
    log.lock().unwrap().len()
}

/// Benchmark, not a timed test: builds the site at `KEPU_BENCH_SITE`, runs
/// Pagefind (`PAGEFIND`, the pagefind binary, if set) on the same output,
/// and for each query prints the milliseconds and the bytes each engine
/// needs in headless Chromium. See the README, "Search design", for the
/// figures.
#[test]
#[ignore]
fn search_benchmark() {
    let Ok(root) = std::env::var("KEPU_BENCH_SITE") else {
        panic!("set KEPU_BENCH_SITE (a site folder), and PAGEFIND (the pagefind binary) to compare");
    };
    let pagefind = std::env::var("PAGEFIND").ok();
    let root = std::path::Path::new(&root);
    let public = root.join("public");
    let Served { address, log } = serve(&public, "/");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kepu"))
        .args(["build", "--quiet", "--base-url", &address, "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let queries = [
        "邪教",
        "机器人",
        "垃圾分类",
        "诈骗",
        "志愿者",
        "光合作用",
        "无人机",
        "maker",
        // Folding, questions, synonyms and pinyin.
        "學雷鋒",
        "着火了怎么办",
        "xiejiao",
        "jiqiren",
        "xj",
    ];

    let browser = Browser::start();
    browser.goto(&format!("{address}search/"));
    println!("kepu: query | ms to rank | ms to show | files | bytes | results");
    for query in queries {
        let before = log_len(&log);
        browser.eval("document.getElementById('search-results').removeAttribute('data-ms'); return true;");
        browser.type_into("#search-q", query);
        let ms = browser.wait_for(
            "return document.getElementById('search-results').getAttribute('data-ms');",
            Duration::from_secs(60),
        );
        let rank_ms =
            browser.eval("return document.getElementById('search-results').getAttribute('data-rank-ms');");
        let found = browser.eval("return document.querySelector('.search-status').textContent;");
        let (files, bytes) = served_since(&log, before, "/search/");
        println!("kepu | {query} | {rank_ms} | {ms} | {files} | {bytes} | {found}");
    }
    drop(browser);
    let Some(pagefind) = pagefind else { return };
    let pf = std::process::Command::new(&pagefind)
        .arg("--site")
        .arg(&public)
        .output()
        .unwrap();
    assert!(pf.status.success(), "{}", String::from_utf8_lossy(&pf.stderr));

    let browser = Browser::start();
    browser.goto(&address);
    println!("pagefind: query | ms to rank and load 10 results | files | bytes | results");
    for query in queries {
        let before = log_len(&log);
        let script = format!(
            "var done = arguments[0];
             (async function () {{
               window.pf = window.pf || await import('{address}pagefind/pagefind.js');
               var t = performance.now();
               var s = await window.pf.search({query:?});
               await Promise.all(s.results.slice(0, 10).map(function (r) {{ return r.data(); }}));
               done([Math.round(performance.now() - t), s.results.length]);
             }})().catch(function (e) {{ done(String(e)); }});"
        );
        let result = browser.eval_async(&script);
        let (files, bytes) = served_since(&log, before, "/pagefind/");
        println!(
            "pagefind | {query} | {} | {files} | {bytes} | {}",
            result[0], result[1]
        );
    }
}
