//! iCalendar files (RFC 5545) of event recaps: one `event.ics` beside each
//! recap and `events.ics`, every event of the site, for calendar apps to
//! subscribe to. Times are China time (`TZID=Asia/Shanghai`, with its
//! VTIMEZONE); an event given by days is an all-day event whose DTEND is
//! the day after its last; one with a start time ends at its `end` time,
//! or (no later end time given) at its start. Text is escaped and lines
//! are folded at 75 bytes, as the RFC asks. Addresses are the public ones:
//! a calendar app opens them, not the preview.

use super::views::excerpt;
use crate::dates::DateValue;
use crate::model::Site;

const ZONE: &str = "Asia/Shanghai";
/// China has kept one offset, without summer time, since 1991.
const VTIMEZONE: [&str; 8] = [
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Shanghai",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0800",
    "TZOFFSETTO:+0800",
    "TZNAME:CST",
    "END:STANDARD",
];

/// The calendar of the one event of `site.pages[page]`.
pub fn event_calendar(site: &Site, page: usize) -> Vec<u8> {
    let name = &site.pages[page].source.front.title;
    calendar(site, name, &[page])
}

/// The calendar of every event of the site, in start order.
pub fn events_calendar(site: &Site) -> Vec<u8> {
    let mut events: Vec<usize> = (0..site.pages.len())
        .filter(|&i| site.pages[i].source.event.is_some())
        .collect();
    events.sort_by_key(|&i| site.pages[i].source.event.as_ref().map(|e| e.start.timestamp()));
    calendar(site, &format!("{} · 活动", site.config.title), &events)
}

fn calendar(site: &Site, name: &str, pages: &[usize]) -> Vec<u8> {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//kepu//kepu//ZH".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(name)),
        format!("X-WR-TIMEZONE:{ZONE}"),
    ];
    lines.extend(VTIMEZONE.iter().map(|l| l.to_string()));
    lines.push("END:VTIMEZONE".into());
    for &page in pages {
        lines.extend(vevent(site, page));
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out.into_bytes()
}

fn vevent(site: &Site, index: usize) -> Vec<String> {
    let page = &site.pages[index];
    let Some(event) = &page.source.event else {
        return Vec::new();
    };
    let url = site.config.public_url(&page.path);
    let start = &event.start;
    let end = event.end.as_ref().unwrap_or(start);
    let stamp = page.last_change().unwrap_or(start);
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        format!("UID:{url}"),
        format!("DTSTAMP:{}", utc(stamp)),
    ];
    if start.has_time {
        lines.push(format!("DTSTART;TZID={ZONE}:{}", local_time(start)));
        if end.has_time && end > start {
            lines.push(format!("DTEND;TZID={ZONE}:{}", local_time(end)));
        }
    } else {
        lines.push(format!("DTSTART;VALUE=DATE:{}", day(start.date())));
        let after = end.date().tomorrow().unwrap_or(end.date());
        lines.push(format!("DTEND;VALUE=DATE:{}", day(after)));
    }
    lines.push(format!("SUMMARY:{}", text(&page.source.front.title)));
    if !event.location.is_empty() {
        lines.push(format!("LOCATION:{}", text(&event.location)));
    }
    let front = &page.source.front;
    let mut description = if front.description.is_empty() {
        excerpt(&page.rendered.plain_text)
    } else {
        front.description.clone()
    };
    if !event.organizer.is_empty() {
        description = format!("{description}\n主办：{}", event.organizer);
    }
    lines.push(format!("DESCRIPTION:{}", text(description.trim())));
    lines.push(format!("URL:{url}"));
    lines.push("END:VEVENT".into());
    lines
}

/// `20240917T090000`, China time.
fn local_time(value: &DateValue) -> String {
    value.zoned.strftime("%Y%m%dT%H%M%S").to_string()
}

/// `20240917T010000Z`.
fn utc(value: &DateValue) -> String {
    value.timestamp().strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn day(date: jiff::civil::Date) -> String {
    date.strftime("%Y%m%d").to_string()
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped.
fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Writes `line` folded into lines of at most 75 bytes (continuations
/// start with a space), never inside a character, each ended by CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "全国科普日".repeat(10));
        fold(&line, &mut out);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1, "{out}");
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(
            text("市科协, 科技馆; a\\b\n二楼"),
            "市科协\\, 科技馆\\; a\\\\b\\n二楼"
        );
    }
}
