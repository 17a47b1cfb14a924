//! The date spellings old sites use, normalised for kepu: a bare day stays
//! `2015-03-21`; a time becomes RFC 3339 with the offset written, or the
//! old site's time zone when none was (`2016-08-11 19:55:50`,
//! `2019-05-28T7:15:43+08:00`, `2015/3/21`, `2015年3月21日 8:05`, Unix
//! seconds, RFC 2822).

use crate::dates;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime as Zoned};

/// The time zone an old site's dates without an offset are in, by its IANA
/// name; the Chinese zones are known even without a zone database.
pub fn zone(name: &str) -> Option<TimeZone> {
    TimeZone::get(name).ok().or_else(|| {
        matches!(
            name,
            "Asia/Shanghai"
                | "Asia/Chongqing"
                | "Asia/Harbin"
                | "Asia/Urumqi"
                | "PRC"
                | "Asia/Hong_Kong"
                | "Asia/Taipei"
        )
        .then(dates::site_zone)
    })
}

/// `text` as kepu writes a date, or `None` when it is no date.
pub fn normalise(text: &str, zone: &TimeZone) -> Option<String> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return unix(text, zone);
    }
    if let Some(parsed) = numeric(text) {
        return parsed.to_kepu(zone);
    }
    jiff::fmt::rfc2822::parse(text).ok().map(|zoned| rfc3339(&zoned))
}

/// The moment `text` names, in Unix seconds (a bare day: its midnight in
/// `zone`, as Hexo reads it).
pub fn unix_seconds(text: &str, zone: &TimeZone) -> Option<i64> {
    let kepu = normalise(text, zone)?;
    if let Ok(timestamp) = kepu.parse::<Timestamp>() {
        return Some(timestamp.as_second());
    }
    let day: Date = kepu.parse().ok()?;
    let zoned = day
        .to_datetime(Time::midnight())
        .to_zoned_datetime(zone.clone())
        .ok()?;
    Some(zoned.timestamp().as_second())
}

fn unix(digits: &str, zone: &TimeZone) -> Option<String> {
    let number: i64 = digits.parse().ok()?;
    // Thirteen digits are milliseconds (JavaScript's clock).
    let seconds = if digits.len() >= 13 { number / 1000 } else { number };
    if digits.len() < 9 {
        return None;
    }
    let zoned = Timestamp::from_second(seconds)
        .ok()?
        .to_zoned_datetime(zone.clone());
    Some(rfc3339(&zoned))
}

fn rfc3339(zoned: &Zoned) -> String {
    zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// A date read from its numbers.
#[derive(Debug, PartialEq)]
struct Parsed {
    date: Date,
    time: Option<Time>,
    offset: Option<Offset>,
}

impl Parsed {
    fn to_kepu(&self, zone: &TimeZone) -> Option<String> {
        let Some(time) = self.time else {
            return Some(self.date.to_string());
        };
        let datetime = DateTime::from_parts(self.date, time);
        let zoned = match self.offset {
            Some(offset) => datetime.to_zoned_datetime(TimeZone::fixed(offset)).ok()?,
            None => datetime.to_zoned_datetime(zone.clone()).ok()?,
        };
        Some(rfc3339(&zoned))
    }
}

/// Year, month and day (any of `-`, `/`, `.`, `年月日` between them), then
/// optionally a time of 1–2 digit fields and an offset.
fn numeric(text: &str) -> Option<Parsed> {
    let mut scan = Scan { rest: text };
    let year = scan.number(4, 4)?;
    scan.any_of(&["-", "/", ".", "年"])?;
    let month = scan.number(1, 2)?;
    scan.any_of(&["-", "/", ".", "月"])?;
    let day = scan.number(1, 2)?;
    let _ = scan.any_of(&["日"]);
    let date = Date::new(year as i16, month as i8, day as i8).ok()?;
    scan.skip_while(|c| c == ' ' || c == 'T' || c == 't');
    if scan.rest.is_empty() {
        return Some(Parsed {
            date,
            time: None,
            offset: None,
        });
    }
    let hour = scan.number(1, 2)?;
    scan.any_of(&[":", "时"])?;
    let minute = scan.number(1, 2)?;
    let second = if scan.any_of(&[":", "分"]).is_some() {
        scan.number(1, 2).unwrap_or(0)
    } else {
        0
    };
    let _ = scan.any_of(&["秒"]);
    if scan.any_of(&["."]).is_some() {
        scan.skip_while(|c| c.is_ascii_digit());
    }
    let time = Time::new(hour as i8, minute as i8, second as i8, 0).ok()?;
    scan.skip_while(|c| c == ' ');
    let offset = scan.offset()?;
    scan.rest.is_empty().then_some(Parsed {
        date,
        time: Some(time),
        offset,
    })
}

struct Scan<'a> {
    rest: &'a str,
}

impl Scan<'_> {
    fn number(&mut self, min: usize, max: usize) -> Option<i32> {
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        if len < min || len > max {
            return None;
        }
        let value = self.rest[..len].parse().ok()?;
        self.rest = &self.rest[len..];
        Some(value)
    }

    fn any_of(&mut self, tokens: &[&str]) -> Option<()> {
        let token = tokens.iter().find(|t| self.rest.starts_with(**t))?;
        self.rest = &self.rest[token.len()..];
        Some(())
    }

    fn skip_while(&mut self, keep: impl Fn(char) -> bool) {
        self.rest = self.rest.trim_start_matches(keep);
    }

    /// `Z`, `+08:00`, `+0800`, `+08`, `UTC`, `GMT`, or nothing (`Some(None)`);
    /// `None` when something else follows.
    fn offset(&mut self) -> Option<Option<Offset>> {
        let rest = self.rest;
        if rest.is_empty() {
            return Some(None);
        }
        if matches!(rest, "Z" | "z" | "UTC" | "GMT") {
            self.rest = "";
            return Some(Some(Offset::UTC));
        }
        let sign = match rest.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let digits: String = rest[1..].chars().filter(|c| *c != ':').collect();
        if digits.len() != 2 && digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let hours: i32 = digits[..2].parse().ok()?;
        let minutes: i32 = digits
            .get(2..)
            .filter(|m| !m.is_empty())
            .map_or(Some(0), |m| m.parse().ok())?;
        self.rest = "";
        Offset::from_seconds(sign * (hours * 3600 + minutes * 60))
            .ok()
            .map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc() -> TimeZone {
        TimeZone::UTC
    }

    fn china() -> TimeZone {
        zone("Asia/Shanghai").unwrap()
    }

    #[test]
    fn a_bare_day_stays_a_day() {
        assert_eq!(normalise("2015/3/21", &utc()).unwrap(), "2015-03-21");
        assert_eq!(normalise("2015-03-21", &utc()).unwrap(), "2015-03-21");
        assert_eq!(normalise("2015年3月21日", &utc()).unwrap(), "2015-03-21");
        assert_eq!(normalise("2015.3.21", &utc()).unwrap(), "2015-03-21");
    }

    #[test]
    fn times_without_an_offset_take_the_old_site_zone() {
        assert_eq!(
            normalise("2016-08-11 19:55:50", &china()).unwrap(),
            "2016-08-11T19:55:50+08:00"
        );
        assert_eq!(
            normalise("2016-08-11 19:55:50", &utc()).unwrap(),
            "2016-08-11T19:55:50+00:00"
        );
        assert_eq!(
            normalise("2015/3/21 9:05", &china()).unwrap(),
            "2015-03-21T09:05:00+08:00"
        );
    }

    #[test]
    fn one_digit_hours_and_written_offsets() {
        assert_eq!(
            normalise("2019-05-28T7:15:43+08:00", &utc()).unwrap(),
            "2019-05-28T07:15:43+08:00"
        );
        assert_eq!(
            normalise("2019-05-28T07:15:43.000Z", &china()).unwrap(),
            "2019-05-28T07:15:43+00:00"
        );
        assert_eq!(
            normalise("2019-05-28 07:15:43 +0800", &utc()).unwrap(),
            "2019-05-28T07:15:43+08:00"
        );
    }

    #[test]
    fn unix_seconds_and_rfc_2822() {
        // WeChat's `var ct`: Unix seconds.
        assert_eq!(
            normalise("1719275400", &china()).unwrap(),
            "2024-06-25T08:30:00+08:00"
        );
        assert_eq!(
            normalise("Tue, 25 Jun 2024 08:30:00 +0800", &utc()).unwrap(),
            "2024-06-25T08:30:00+08:00"
        );
    }

    #[test]
    fn words_are_no_date() {
        assert_eq!(normalise("昨天", &utc()), None);
        assert_eq!(normalise("2015-13-01", &utc()), None);
        assert_eq!(normalise("2015-03-21 later", &utc()), None);
    }
}
