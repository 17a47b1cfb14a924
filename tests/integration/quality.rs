//! The built demo site is valid HTML (the W3C Nu HTML checker: zero errors
//! on every page) and accessible (axe-core in headless Chromium: zero
//! violations on the home page, a column, a tip, an event recap, the report,
//! the search page and the 404 page). The checkers come from npm
//! (`npm ci --prefix tests/quality`, which `scripts/test` does); without them
//! the tests are skipped with a notice, or fail under `CI=true`.

use crate::common::serve::serve;
use crate::common::webdriver::Browser;
use crate::common::{Site, browser_available, repo_root, shared, tool_available};
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

const NPM_HINT: &str = "npm ci --prefix tests/quality";

/// The pages axe-core checks: one of each kind a visitor meets, and one of
/// each content block (a rumour and an alert in drink-water, questions and
/// answers, a quiz, a video, an announcement in the events list).
const AXE_PAGES: [&str; 11] = [
    "",
    "tips/",
    "tips/drink-water/",
    "tips/influenza/",
    "anti-cult/health-lecture-traps/",
    "events/",
    "events/campus-science-festival/",
    "events/robot-contest-2024/",
    "reports/2024-h1/",
    "search/",
    "404.html",
];

/// A file installed by `npm ci --prefix tests/quality`, if it is there.
/// axe-core's script, when it and a browser to run it in are installed.
pub fn axe_in_a_browser() -> Option<String> {
    let axe = npm_file("axe-core/axe.min.js")?;
    browser_available().then(|| std::fs::read_to_string(axe).unwrap())
}

pub fn npm_file(rel: &str) -> Option<PathBuf> {
    let file = repo_root().join("tests/quality/node_modules").join(rel);
    if file.is_file() {
        return Some(file);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{rel} is required under CI=true ({NPM_HINT})"
    );
    eprintln!("notice: {rel} not installed, test skipped ({NPM_HINT})");
    None
}

#[test]
fn every_page_of_the_demo_is_valid_html() {
    let Some(vnu) = npm_file("vnu-jar/build/dist/vnu.jar") else {
        return;
    };
    if !tool_available("java", "apt-get install default-jre-headless") {
        return;
    }
    let public = shared::demo().output();
    let out = Command::new("java")
        .arg("-jar")
        .arg(&vnu)
        .args(["--errors-only", "--skip-non-html", "--format", "json"])
        .arg(&public)
        .output()
        .expect("java runs the checker");
    // The checker writes its JSON report on stderr.
    let report: Value = serde_json::from_slice(&out.stderr).unwrap_or_else(|e| {
        panic!(
            "checker output is not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let errors: Vec<String> = report["messages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            let file = m["url"]
                .as_str()
                .unwrap_or("")
                .replace(&format!("file:{}", public.display()), "");
            format!(
                "{file}:{}: {}",
                m["lastLine"],
                m["message"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert!(
        errors.is_empty() && out.status.success(),
        "{} HTML errors:\n{}",
        errors.len(),
        errors.join("\n")
    );
}

#[test]
fn key_pages_of_the_demo_have_no_accessibility_violations() {
    let Some(axe) = axe_in_a_browser() else {
        return;
    };
    let site = Site::demo();
    let address = serve(&site.path("public"), "/").address;
    site.build(&["--base-url", &address]);
    let browser = Browser::start();
    let mut found = Vec::new();
    for page in AXE_PAGES {
        browser.goto(&format!("{address}{page}"));
        found.extend(
            axe_violations(&browser, &axe, None)
                .into_iter()
                .map(|v| format!("/{page}: {v}")),
        );
    }
    assert!(found.is_empty(), "axe-core violations:\n{}", found.join("\n"));
}

/// Runs axe-core in the open page, with its `options` (`runOnly` …) if
/// given: each violation as `rule (impact): help — where`.
pub fn axe_violations(browser: &Browser, axe: &str, options: Option<Value>) -> Vec<String> {
    browser.eval(&format!("{axe}\nreturn true;"));
    let options = options.unwrap_or_else(|| serde_json::json!({}));
    let result = browser.eval_async(&format!(
        "var done = arguments[0];
         axe.run(document, {options}).then(function (r) {{
             done(r.violations.map(function (v) {{
                 return v.id + ' (' + v.impact + '): ' + v.help + ' — ' +
                     v.nodes.map(function (n) {{ return n.target.join(' '); }}).join(', ');
             }}));
         }}, function (e) {{ done(['axe failed: ' + e]); }});"
    ));
    result
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect()
}
