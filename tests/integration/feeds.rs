//! Atom and RSS feeds of the site and each section, checked with a real feed
//! reader (Python's feedparser): they parse cleanly, list the newest dated
//! pages first up to the configured length, carry escaped titles, full HTML
//! with absolute links, and `updated`; pages announce them.

use crate::common::Site;
use serde_json::Value;
use std::process::Command;

/// Parses each feed file with feedparser and returns, per file, the parts
/// the tests look at. `None` (with a notice) when Python or feedparser is
/// missing outside CI; under `CI=true` that is a failure.
pub fn feedparser(files: &[std::path::PathBuf]) -> Option<Vec<Value>> {
    const SCRIPT: &str = r#"
import json, sys
import feedparser
out = []
for path in sys.argv[1:]:
    d = feedparser.parse(path)
    out.append({
        "bozo": bool(d.bozo),
        "error": str(d.get("bozo_exception", "")),
        "version": d.version,
        "title": d.feed.get("title"),
        "link": d.feed.get("link"),
        "updated": d.feed.get("updated"),
        "language": d.feed.get("language"),
        "entries": [{
            "title": e.get("title"),
            "link": e.get("link"),
            "id": e.get("id"),
            "published": e.get("published"),
            "updated": e.get("updated"),
            "summary": e.get("summary"),
            "content": [c.value for c in e.get("content", [])],
            "tags": [t.term for t in e.get("tags", [])],
        } for e in d.entries],
    })
print(json.dumps(out))
"#;
    let output = Command::new("python3").arg("-c").arg(SCRIPT).args(files).output();
    let in_ci = std::env::var("CI").is_ok_and(|v| v == "true");
    match output {
        Ok(out) if out.status.success() => {
            Some(serde_json::from_slice(&out.stdout).expect("feedparser JSON"))
        }
        other => {
            let why = match other {
                Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
                Err(e) => e.to_string(),
            };
            assert!(!in_ci, "python3 with feedparser is required under CI=true: {why}");
            eprintln!("notice: skipping the feed-reader check (python3 -m pip install feedparser): {why}");
            None
        }
    }
}

fn parse(site: &Site, files: &[&str]) -> Option<Vec<Value>> {
    let paths: Vec<_> = files.iter().map(|f| site.path("public").join(f)).collect();
    let feeds = feedparser(&paths)?;
    for (file, feed) in files.iter().zip(&feeds) {
        assert_eq!(
            feed["bozo"], false,
            "{file} does not parse cleanly: {}",
            feed["error"]
        );
    }
    Some(feeds)
}

fn titles(feed: &Value) -> Vec<&str> {
    feed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap())
        .collect()
}

#[test]
fn site_and_section_feeds_parse_cleanly_newest_first_up_to_the_limit() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let Some(feeds) = parse(
        &site,
        &[
            "atom.xml",
            "rss.xml",
            "tips/atom.xml",
            "tips/rss.xml",
            "events/atom.xml",
        ],
    ) else {
        return;
    };
    let (atom, rss, tips_atom, tips_rss, events) = (&feeds[0], &feeds[1], &feeds[2], &feeds[3], &feeds[4]);
    assert_eq!(atom["version"], "atom10");
    assert_eq!(rss["version"], "rss20");
    for feed in [atom, rss] {
        assert_eq!(feed["title"], "测试科协 & 科普", "escaped and unescaped intact");
        assert_eq!(feed["link"], "https://example.org/kexie/");
        assert_eq!(
            titles(feed),
            ["小写的人工智能", "人工智能与安全", "防暑降温"],
            "feeds.limit: 3"
        );
    }
    for feed in [tips_atom, tips_rss] {
        assert_eq!(feed["title"], "每日科普 - 测试科协 & 科普");
        assert_eq!(feed["link"], "https://example.org/kexie/tips/");
        assert_eq!(titles(feed).len(), 3);
    }
    assert_eq!(titles(events), ["机器人竞赛"]);
    assert_eq!(rss["language"], "zh-cn");
}

#[test]
fn entries_carry_escaped_titles_full_html_with_absolute_links_and_dates() {
    let site = Site::fixture("outputs");
    site.write(
        "kepu.yaml",
        site.read_source("kepu.yaml").replace("limit: 3", "limit: 0"),
    );
    site.build(&[]);
    let Some(feeds) = parse(&site, &["atom.xml", "rss.xml"]) else {
        return;
    };
    for feed in &feeds {
        let entries = feed["entries"].as_array().unwrap();
        assert_eq!(
            entries.len(),
            7,
            "limit 0: every dated page, not the undated 关于我们"
        );
        let water = entries
            .iter()
            .find(|e| e["link"] == "https://example.org/kexie/tips/a/")
            .unwrap();
        assert_eq!(water["title"], "喝水 & <健康>");
        let content = water["content"][0].as_str().unwrap();
        assert!(content.contains("<b>粗体</b> &amp; 符号"), "{content}");
        assert!(
            content.contains(r#"href="https://example.org/kexie/tips/b/#%E6%B4%97%E6%89%8B"#),
            "internal links absolute: {content}"
        );
        assert!(
            content.contains(r#"href="https://example.org/kexie/events/robot/""#),
            "{content}"
        );
        assert!(
            content.contains(r##"href="https://example.org/kexie/tips/a/#为什么""##),
            "heading self-links absolute: {content}"
        );
        assert!(water["summary"].as_str().unwrap().contains("水是生命之源"));
        assert!(
            !water["summary"].as_str().unwrap().contains("为什么"),
            "summary stops at <!-- more -->"
        );
        assert_eq!(water["tags"], serde_json::json!(["健康", "饮水", "每日科普"]));
        let robot = entries.iter().find(|e| e["title"] == "机器人竞赛").unwrap();
        assert!(
            robot["content"][0]
                .as_str()
                .unwrap()
                .contains(r#"src="https://example.org/kexie/events/robot/poster.svg""#),
            "bundle images absolute: {robot}"
        );
    }
    let atom_wash = &feeds[0]["entries"].as_array().unwrap()[3];
    assert_eq!(atom_wash["title"], "勤洗手");
    assert_eq!(atom_wash["published"], "2024-06-02T00:00:00+08:00");
    assert_eq!(
        atom_wash["updated"], "2024-06-20T10:00:00+08:00",
        "`updated` respected"
    );
    assert_eq!(
        feeds[0]["updated"], "2024-06-20T10:00:00+08:00",
        "the feed's newest change"
    );
    let rss_wash = &feeds[1]["entries"].as_array().unwrap()[3];
    assert_eq!(rss_wash["published"], "Sun, 2 Jun 2024 00:00:00 +0800");
}

#[test]
fn feed_content_is_spaced_like_the_pages() {
    let site = Site::fixture("outputs");
    site.write(
        "kepu.yaml",
        format!("{}cjk_spacing: true\n", site.read_source("kepu.yaml")),
    );
    site.write(
        "content/tips/f.md",
        "---\ntitle: f\ndate: 2024-07-01\n---\n\n使用Rust编写。\n",
    );
    site.build(&[]);
    assert!(site.read("tips/f/index.html").contains("使用 Rust 编写"));
    assert!(
        site.read("atom.xml").contains("使用 Rust 编写"),
        "{}",
        site.read("atom.xml")
    );
}

#[test]
fn summary_only_feeds_leave_the_content_out() {
    let site = Site::fixture("outputs");
    let config = site.read_source("kepu.yaml");
    site.write(
        "kepu.yaml",
        config.replace("limit: 3", "limit: 3\n  full_content: false"),
    );
    site.build(&[]);
    let atom = site.read("atom.xml");
    assert!(!atom.contains("<content"), "{atom}");
    let rss = site.read("rss.xml");
    assert!(!rss.contains("content:encoded>"), "{rss}");
    assert!(atom.contains("<summary type=\"html\">"), "{atom}");
    parse(&site, &["atom.xml", "rss.xml"]);
}

#[test]
fn pages_announce_the_site_feed_and_their_section_feed() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let page = site.read("tips/b/index.html");
    for (kind, url) in [
        ("application/atom+xml", "https://example.org/kexie/atom.xml"),
        ("application/rss+xml", "https://example.org/kexie/rss.xml"),
        ("application/atom+xml", "https://example.org/kexie/tips/atom.xml"),
        ("application/rss+xml", "https://example.org/kexie/tips/rss.xml"),
    ] {
        assert!(
            page.contains(&format!(r#"<link rel="alternate" type="{kind}" title=""#)) && page.contains(url),
            "{url}: {page}"
        );
    }
    let tags = site.read("tags/index.html");
    assert!(
        tags.contains("kexie/atom.xml") && !tags.contains("tips/atom.xml"),
        "{tags}"
    );
}

#[test]
fn section_feeds_and_all_feeds_can_be_switched_off() {
    let site = Site::fixture("outputs");
    let config = site.read_source("kepu.yaml");
    site.write(
        "kepu.yaml",
        config.replace("limit: 3", "limit: 3\n  sections: false"),
    );
    site.build(&[]);
    assert!(site.exists("atom.xml") && !site.exists("tips/atom.xml"));
    assert!(!site.read("tips/b/index.html").contains("tips/atom.xml"));
    site.write("kepu.yaml", format!("{config}outputs: {{feeds: false}}\n"));
    site.build(&[]);
    assert!(!site.exists("atom.xml") && !site.exists("rss.xml"));
    assert!(!site.read("tips/b/index.html").contains("rel=\"alternate\""));
}

#[test]
fn feed_settings_are_parsed_strictly() {
    let site = Site::fixture("outputs");
    let config = site.read_source("kepu.yaml");
    site.write("kepu.yaml", config.replace("limit: 3", "limt: 3"));
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("kepu.yaml:8:") && stderr.contains("did you mean `limit`?"),
        "{stderr}"
    );
    site.write("kepu.yaml", config.replace("limit: 3", "limit: many"));
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("kepu.yaml:8:"), "{stderr}");
}
