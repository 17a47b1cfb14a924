//! Upcoming events: a recap whose event starts after the build is an
//! announcement (活动预告) at the top of its list and of the home page, not
//! yet counted in figures; every event has an `event.ics` and the site an
//! `events.ics`, read back by a real iCalendar parser (Python's
//! `icalendar`); the page carries schema.org Event data.

use crate::common::Site;
use crate::common::shared;
use serde_json::{Value, json};
use std::process::Command;

#[test]
fn an_event_yet_to_start_is_announced_first_and_not_counted() {
    let site = shared::fixture_with_default_theme("blocks");
    let list = site.read("events/index.html");
    let upcoming = list
        .find(r#"<section class="upcoming""#)
        .expect("an announcements box");
    let announced = &list[upcoming..list[upcoming..].find("</section>").unwrap() + upcoming];
    assert!(
        announced.contains(r#"<a href="https://example.org/events/science-day/">全国科普日主场活动预告</a>"#),
        "{announced}"
    );
    assert!(announced.contains("2199年9月15日"), "{announced}");
    assert!(
        announced.contains(r#"href="https://example.org/events/science-day/event.ics""#),
        "{announced}"
    );
    assert!(
        !announced.contains("防范电信诈骗讲座"),
        "a past event is a recap: {announced}"
    );
    assert!(
        upcoming < list.find("防范电信诈骗讲座").unwrap(),
        "announcements come first"
    );
    assert!(
        list.contains(r#"<a href="https://example.org/events.ics">订阅活动日历"#),
        "{list}"
    );
    assert!(
        list.contains(r#"已举办活动<span class="stat" data-stat="events">1</span>项，参与<span class="stat" data-stat="participants">120</span>人次"#),
        "figures count only what has happened: {list}"
    );
    let home = site.read("index.html");
    assert!(
        home.contains("全国科普日主场活动预告") && home.contains(r#"class="upcoming""#),
        "{home}"
    );
    let page = site.read("events/science-day/index.html");
    assert!(page.contains(r#"<p class="facts-title">活动预告</p>"#), "{page}");
    let recap = site.read("events/lecture/index.html");
    assert!(
        recap.contains(r#"<p class="facts-title">活动信息</p>"#),
        "{recap}"
    );
}

#[test]
fn once_its_start_has_passed_an_announcement_is_a_recap_and_counts() {
    let site = Site::fixture_with_theme("blocks");
    site.edit("content/events/science-day.md", "2199-09-15", "2024-06-02");
    site.edit("content/events/science-day.md", "2199-09-21", "2024-06-03");
    site.build(&[]);
    let list = site.read("events/index.html");
    assert!(!list.contains(r#"class="upcoming""#), "{list}");
    assert!(
        list.contains(r#"已举办活动<span class="stat" data-stat="events">2</span>项"#),
        "{list}"
    );
}

/// Each calendar file as the `icalendar` package reads it. `None` (with a
/// notice) when Python or the package is missing outside CI.
fn icalendar(files: &[std::path::PathBuf]) -> Option<Vec<Value>> {
    const SCRIPT: &str = r#"
import json, sys
import icalendar
def when(value):
    return {"value": value.isoformat(), "zone": str(getattr(value, "tzinfo", None) or "")}
out = []
for path in sys.argv[1:]:
    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    out.append({
        "name": str(cal.get("X-WR-CALNAME")),
        "version": str(cal.get("VERSION")),
        "components": [c.name for c in cal.walk()],
        "errors": [str(e) for c in cal.walk() for e in c.errors],
        "events": [{
            "uid": str(e.get("UID")),
            "summary": str(e.get("SUMMARY")),
            "start": when(e.decoded("DTSTART")),
            "end": when(e.decoded("DTEND")) if "DTEND" in e else None,
            "location": str(e.get("LOCATION")),
            "url": str(e.get("URL")),
            "description": str(e.get("DESCRIPTION")),
            "stamp": e.decoded("DTSTAMP").isoformat(),
        } for e in cal.walk("VEVENT")],
    })
print(json.dumps(out, ensure_ascii=False))
"#;
    let import = Command::new("python3").args(["-c", "import icalendar"]).output();
    if !import.as_ref().is_ok_and(|o| o.status.success()) {
        let why = import.map_or_else(
            |e| e.to_string(),
            |o| String::from_utf8_lossy(&o.stderr).into_owned(),
        );
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "python3 with icalendar is required under CI=true: {why}"
        );
        eprintln!("notice: skipping the iCalendar check (python3 -m pip install icalendar): {why}");
        return None;
    }
    let out = Command::new("python3")
        .arg("-c")
        .arg(SCRIPT)
        .args(files)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "icalendar refused: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(serde_json::from_slice(&out.stdout).expect("JSON"))
}

#[test]
fn every_event_has_a_calendar_file_and_the_site_a_calendar_to_subscribe_to() {
    let site = shared::fixture_with_default_theme("blocks");
    let files = [
        "events/science-day/event.ics",
        "events/lecture/event.ics",
        "events.ics",
    ];
    for file in files {
        let text = site.read(file);
        assert!(
            text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'),
            "CRLF lines: {file}"
        );
        assert!(
            text.split("\r\n").all(|line| line.len() <= 75),
            "folded at 75 bytes: {file}\n{text}"
        );
    }
    let paths: Vec<_> = files.iter().map(|f| site.output().join(f)).collect();
    let Some(calendars) = icalendar(&paths) else {
        return;
    };
    for calendar in &calendars {
        assert_eq!(calendar["errors"], json!([]), "{calendar}");
        assert_eq!(calendar["version"], "2.0");
        assert!(
            calendar["components"]
                .as_array()
                .unwrap()
                .contains(&json!("VTIMEZONE")),
            "{calendar}"
        );
    }
    let day = &calendars[0]["events"][0];
    assert_eq!(calendars[0]["events"].as_array().unwrap().len(), 1);
    assert_eq!(day["summary"], "全国科普日主场活动预告");
    assert_eq!(
        day["start"],
        json!({"value": "2199-09-15", "zone": ""}),
        "an all-day event"
    );
    assert_eq!(
        day["end"],
        json!({"value": "2199-09-22", "zone": ""}),
        "DTEND is the day after the last"
    );
    assert_eq!(day["location"], "市科技馆一楼大厅，人民路1号");
    assert_eq!(day["url"], "https://example.org/events/science-day/");
    assert_eq!(day["uid"], "https://example.org/events/science-day/");
    assert_eq!(
        day["description"],
        "科普展览、专家讲座、互动体验，欢迎市民参加。\n主办：市科协"
    );
    let lecture = &calendars[1]["events"][0];
    assert_eq!(
        lecture["start"],
        json!({"value": "2024-05-30T14:30:00+08:00", "zone": "Asia/Shanghai"}),
        "China time"
    );
    assert_eq!(lecture["end"]["value"], "2024-05-30T16:00:00+08:00");
    assert_eq!(
        lecture["location"], "社区活动中心; 二楼",
        "a semicolon survives escaping"
    );
    let all: Vec<&Value> = calendars[2]["events"].as_array().unwrap().iter().collect();
    let summaries: Vec<&Value> = all.iter().map(|e| &e["summary"]).collect();
    assert_eq!(
        summaries,
        [&json!("防范电信诈骗讲座"), &json!("全国科普日主场活动预告")],
        "in start order"
    );
    assert_eq!(calendars[2]["name"], "内容块测试科协 · 活动");
}

#[test]
fn an_event_page_carries_schema_org_event_data() {
    let site = shared::fixture_with_default_theme("blocks");
    let page = site.read("events/science-day/index.html");
    let open = r#"<script type="application/ld+json">"#;
    let start = page.find(open).expect("JSON-LD") + open.len();
    let json = &page[start..start + page[start..].find("</script>").unwrap()];
    let data: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "Event");
    assert_eq!(data["name"], "全国科普日主场活动预告");
    assert_eq!(data["startDate"], "2199-09-15");
    assert_eq!(data["endDate"], "2199-09-21");
    assert_eq!(data["location"]["@type"], "Place");
    assert_eq!(data["location"]["name"], "市科技馆一楼大厅，人民路1号");
    assert_eq!(data["organizer"]["name"], "市科协");
    assert_eq!(data["url"], "https://example.org/events/science-day/");
    let wechat = site.read("wechat/events/science-day/index.html");
    assert!(
        !wechat.contains("application/ld+json"),
        "structured data is for the web page"
    );
}

#[test]
fn calendars_can_be_switched_off() {
    let site = Site::fixture_with_theme("blocks");
    site.edit(
        "kepu.yaml",
        "theme: kepu",
        "theme: kepu\noutputs: {calendars: false}",
    );
    site.build(&[]);
    assert!(!site.exists("events.ics") && !site.exists("events/lecture/event.ics"));
    assert!(!site.read("events/lecture/index.html").contains("event.ics"));
}
