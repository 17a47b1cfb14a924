//! `kepu check --audit`: each finding inspections fail a public site for,
//! on a fixture with the clock pinned (`KEPU_NOW`), in text and JSON; and
//! `--external` against a server this test starts on 127.0.0.1 (nothing
//! leaves the machine).

use crate::common::Site;
use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The basic fixture with an audit in `kepu.yaml` (`audit` its lines) and
/// pages for each finding.
fn audited_site(audit: &str) -> Site {
    let site = Site::fixture("basic");
    let config = site.read_source("kepu.yaml");
    site.write(
        "kepu.yaml",
        format!("{config}outputs: {{taxonomies: false}}\naudit:\n{audit}"),
    );
    site.write("content/notices/_index.md", "---\ntitle: 通知公告\n---\n");
    site.write(
        "content/tips/words.md",
        "---\ntitle: 錯字的标题\ndate: 2024-06-30\nsource: 科普部\neditor: 张敏\n---\n\n第一段。\n\n张国强同志讲话，又见錯字。\n",
    );
    site.write(
        "content/tips/undated.md",
        "---\ntitle: 没有日期\nsource: 科普部\neditor: 张敏\n---\n\n正文。\n",
    );
    // A page that is no article needs no date nor attribution.
    site.write(
        "content/statement.md",
        "---\ntitle: 无障碍声明\nextra: {unlisted: true}\n---\n\n本站的设计。\n",
    );
    site
}

const RULES: &str =
    "  stale_days: 20\n  require: [source, editor]\n  words: {錯字: 正字, 张国强同志: 张国强副主席}\n";

/// `kepu check ARGS` on `site` in English on 2024-07-01: exit code, stdout.
fn check_on_day(site: &Site, args: &[&str]) -> (Option<i32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kepu"))
        .arg("check")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("KEPU_LANG", "en")
        .env("KEPU_NOW", "2024-07-01")
        .output()
        .expect("kepu runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn audit_reports_each_finding_in_text() {
    let site = audited_site(RULES);
    let (code, clean) = check_on_day(&site, &[]);
    assert_eq!(code, Some(0), "without --audit the site passes: {clean}");
    let (code, text) = check_on_day(&site, &["--audit"]);
    assert_eq!(code, Some(1), "{text}");
    for expected in [
        // 61 days since the newest page; the tips are 1 day old.
        "content/anti-cult/_index.md: the column “反邪教” has had no new page for 61 days (the newest is dated 2024-05-01), more than 20",
        "content/notices/_index.md: the column “通知公告” has no pages",
        "content/tips/undated.md: a published page without a date",
        "content/tips/drink-water.md: the page lacks the attribution source, editor",
        "content/tips/words.md:2:8: “錯字” is a wrong form: write “正字”",
        "content/tips/words.md:10:1: “张国强同志” is a wrong form: write “张国强副主席”",
        "content/tips/words.md:10:11: “錯字” is a wrong form",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    for absent in [
        "tips/_index.md: the column",
        "_index.md: the column “首页”",
        "statement.md",
    ] {
        assert!(!text.contains(absent), "{absent:?} in:\n{text}");
    }
    // The home page is as fresh as its freshest column.
    assert!(!text.contains("content/_index.md:"), "{text}");
}

#[test]
fn audit_findings_have_stable_codes_in_json() {
    let site = audited_site(RULES);
    let (code, json) = check_on_day(&site, &["--audit", "--format", "json"]);
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_str(&json).expect("one JSON document");
    let problems = report["problems"].as_array().unwrap();
    let codes = |file: &str| -> Vec<String> {
        let with_file = problems.iter().filter(|p| p["file"] == file);
        with_file
            .map(|p| p["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes("content/anti-cult/_index.md"), ["stale-column"]);
    assert_eq!(codes("content/notices/_index.md"), ["empty-column"]);
    assert_eq!(codes("content/tips/undated.md"), ["missing-date"]);
    assert_eq!(codes("content/tips/drink-water.md"), ["missing-attribution"]);
    assert_eq!(codes("content/tips/words.md"), ["wrong-word"; 3]);
    let wrong = problems.iter().find(|p| p["code"] == "wrong-word").unwrap();
    assert_eq!(
        (wrong["line"].as_u64(), wrong["column"].as_u64()),
        (Some(2), Some(8))
    );
    assert_eq!(wrong["severity"], "error");
}

#[test]
fn audit_keys_are_strict_and_the_days_can_change() {
    let site = audited_site("  stale_day: 20\n");
    let (code, text) = check_on_day(&site, &["--audit"]);
    assert_eq!(code, Some(1));
    assert!(
        text.contains("unknown key `stale_day`") && text.contains("stale_days"),
        "{text}"
    );
    let site = audited_site("  require: [sauce]\n");
    let (_, text) = check_on_day(&site, &["--audit"]);
    assert!(text.contains("sauce") && text.contains("source"), "{text}");
    // 100 days allowed: no column is stale, the empty one still is empty.
    let site = audited_site("  stale_days: 100\n");
    let (_, text) = check_on_day(&site, &["--audit"]);
    assert!(!text.contains("no new page"), "{text}");
    assert!(text.contains("has no pages"), "{text}");
}

/// `kepu check --audit` on `site` in Chinese, the clock pinned to `day`.
fn audit_in_chinese_on(site: &Site, day: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_kepu"))
        .args(["check", "--audit", "--root"])
        .arg(site.root())
        .env("KEPU_LANG", "zh")
        .env("KEPU_NOW", day)
        .output()
        .unwrap()
}

#[test]
fn a_clock_pinned_to_something_that_is_not_a_date_is_an_error() {
    let site = audited_site(RULES);
    let out = audit_in_chinese_on(&site, "2024-07-32");
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("错误：环境变量 KEPU_NOW 的值不是日期，kepu 不能用它当作“今天”"),
        "{said}"
    );
    assert!(
        said.contains("提示：`2024-07-32` 不是日期；请写成 2024-06-25"),
        "{said}"
    );
}

#[test]
fn audit_speaks_chinese_on_a_chinese_site() {
    let site = audited_site(RULES);
    let out = audit_in_chinese_on(&site, "2024-07-01");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("栏目「反邪教」已经 61 天没有新页面（最新一篇的日期是 2024-05-01），超过了 20 天"),
        "{text}"
    );
    assert!(text.contains("“錯字”是错误的写法，应为“正字”"), "{text}");
}

/// What the local server was asked: each path, and when.
type Requests = Arc<Mutex<Vec<(String, Instant)>>>;

/// A server on 127.0.0.1 answering `/ok` 200, `/moved` 301 to `/new`,
/// `/missing` 404, `/gone` 410, `/broken` 500 and `/slow` only after ten
/// seconds; its address and what it was asked.
fn link_server() -> (String, Requests) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let requests: Requests = Arc::default();
    let seen = Arc::clone(&requests);
    std::thread::spawn(move || {
        for stream in listener.incoming().map_while(Result::ok) {
            let seen = Arc::clone(&seen);
            std::thread::spawn(move || answer(stream, &seen));
        }
    });
    (address, requests)
}

fn answer(mut stream: std::net::TcpStream, seen: &Requests) {
    let mut request = Vec::new();
    let mut buffer = [0; 1024];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buffer[..n]),
        }
    }
    let text = String::from_utf8_lossy(&request);
    let path = text.split(' ').nth(1).unwrap_or("").to_string();
    seen.lock().unwrap().push((path.clone(), Instant::now()));
    let status = match path.as_str() {
        "/ok" | "/new" => "200 OK",
        "/moved" => "301 Moved Permanently\r\nLocation: /new",
        "/missing" => "404 Not Found",
        "/gone" => "410 Gone",
        "/broken" => "500 Internal Server Error",
        "/slow" => {
            std::thread::sleep(Duration::from_secs(10));
            "200 OK"
        }
        _ => "404 Not Found",
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"
    );
}

/// A port on 127.0.0.1 nothing listens on.
fn dead_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn external_links_dead_slow_moved_and_missing_are_reported_where_written() {
    let (server, requests) = link_server();
    let dead = format!("http://127.0.0.1:{}/", dead_port());
    let site = audited_site("  link_timeout: 1\n  host_pause_ms: 150\n");
    let links = ["ok", "moved", "missing", "gone", "broken", "slow"]
        .map(|path| format!("[{path}]({server}/{path})"))
        .join("\n");
    site.write(
        "content/tips/links.md",
        format!("---\ntitle: 链接\ndate: 2024-06-30\n---\n\n{links}\n[不通]({dead})\n"),
    );
    // The same address on another page is asked once.
    site.write(
        "content/tips/again.md",
        format!(
            "---\ntitle: 再次\ndate: 2024-06-30\n---\n\n又见 <{server}/ok>\n\n<p>旧稿：<a href=\"{server}/missing\">原文</a></p>\n"
        ),
    );
    let started = Instant::now();
    let (code, json) = check_on_day(&site, &["--audit", "--external", "--format", "json"]);
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "the slow link timed out after 1 s"
    );
    assert_eq!(code, Some(1), "{json}");
    let report: Value = serde_json::from_str(&json).unwrap();
    let found: Vec<(String, u64, String, String)> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"] == "content/tips/links.md")
        .map(|p| {
            let text = |key: &str| p[key].as_str().unwrap_or("").to_string();
            (
                text("code"),
                p["line"].as_u64().unwrap(),
                text("severity"),
                text("message"),
            )
        })
        .collect();
    let expect = [
        (
            "moved-link",
            7,
            "warning",
            format!("{server}/moved has moved for good to {server}/new"),
        ),
        (
            "dead-link",
            8,
            "error",
            format!("{server}/missing names is gone (404)"),
        ),
        (
            "dead-link",
            9,
            "error",
            format!("{server}/gone names is gone (410)"),
        ),
        (
            "link-server-error",
            10,
            "error",
            format!("{server}/broken failed (500)"),
        ),
        (
            "slow-link",
            11,
            "error",
            format!("{server}/slow gave no answer within 1 seconds"),
        ),
        (
            "dead-link",
            12,
            "error",
            format!("{dead} does not open: the site refused the connection"),
        ),
    ];
    for (code, line, severity, message) in &expect {
        assert!(
            found
                .iter()
                .any(|f| f.0 == *code && f.1 == *line && f.2 == *severity && f.3.contains(message.as_str())),
            "{code} at line {line} ({message}) missing from {found:#?}"
        );
    }
    assert_eq!(
        found.len(),
        expect.len(),
        "the working link is not reported: {found:#?}"
    );
    let in_raw_html = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == "content/tips/again.md")
        .expect("a link in raw HTML is checked too");
    assert_eq!(
        (&in_raw_html["code"], &in_raw_html["line"], &in_raw_html["column"]),
        (&json!("dead-link"), &json!(8), &json!(16)),
        "{in_raw_html:#}"
    );
    let moved = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "moved-link")
        .unwrap();
    assert_eq!(
        moved["hint"],
        format!("change the link to its new address: {server}/new")
    );
    // One request per address, redirects not followed, one host paced.
    let asked = requests.lock().unwrap().clone();
    let mut paths: Vec<&str> = asked.iter().map(|(path, _)| path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(paths, ["/broken", "/gone", "/missing", "/moved", "/ok", "/slow"]);
    for pair in asked.windows(2) {
        let gap = pair[1].1.duration_since(pair[0].1);
        assert!(
            gap >= Duration::from_millis(140),
            "{} then {} after {gap:?}",
            pair[0].0,
            pair[1].0
        );
    }
}

#[test]
fn external_needs_audit() {
    let site = audited_site(RULES);
    let (code, _) = check_on_day(&site, &["--external"]);
    assert_eq!(code, Some(2), "clap refuses --external alone");
}
