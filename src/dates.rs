//! Dates in front matter: `2024-06-25`, `2024-06-25 08:30`, or RFC 3339.
//! Times without an offset are China Standard Time (UTC+8, no daylight
//! saving), which is what the association's editors mean.

use crate::messages::msg;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime as Zoned};
use serde::{Serialize, Serializer};

/// UTC+8, the editors' clock.
pub fn site_zone() -> TimeZone {
    TimeZone::fixed(Offset::constant(8))
}

/// A front-matter date: the instant (for sorting and scheduling) and the
/// text templates see (`2024-06-25` when no time was given, else RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateValue {
    pub zoned: Zoned,
    pub has_time: bool,
}

impl DateValue {
    pub fn timestamp(&self) -> Timestamp {
        self.zoned.timestamp()
    }

    pub fn date(&self) -> Date {
        self.zoned.date()
    }

    pub fn text(&self) -> String {
        if self.has_time {
            self.rfc3339()
        } else {
            self.zoned.date().to_string()
        }
    }

    /// Always with a time (midnight when none was given): Atom's format.
    pub fn rfc3339(&self) -> String {
        self.zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
    }

    /// `Tue, 25 Jun 2024 00:00:00 +0800`: RSS's format.
    pub fn rfc2822(&self) -> String {
        // Every date kepu parses is within RFC 2822's years.
        jiff::fmt::rfc2822::to_string(&self.zoned).unwrap_or_else(|_| self.rfc3339())
    }
}

impl PartialOrd for DateValue {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateValue {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.timestamp().cmp(&other.timestamp())
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

/// The years a front-matter date may have: a year outside them is a typo
/// (`0000-01-01`), and would renumber every 第 N 期.
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2200;

/// Parses a front-matter date; the error is a hint for the editor.
pub fn parse(text: &str) -> Result<DateValue, String> {
    let value = parse_any_year(text.trim())?;
    let year = value.zoned.year();
    if !YEARS.contains(&year) {
        return Err(msg!(
            "date-year-out-of-range",
            year = format!("{year:04}"),
            first = YEARS.start().to_string(),
            last = YEARS.end().to_string()
        ));
    }
    Ok(value)
}

fn parse_any_year(text: &str) -> Result<DateValue, String> {
    let zone = site_zone();
    // jiff's `Date` parser also accepts a datetime and drops its time, so
    // only a bare date goes there.
    if let Some(date) = (text.len() == 10).then(|| text.parse::<Date>().ok()).flatten() {
        let zoned = date.to_zoned_datetime(zone).map_err(|e| e.to_string())?;
        return Ok(DateValue {
            zoned,
            has_time: false,
        });
    }
    if let Ok(ts) = text.parse::<Timestamp>() {
        let offset = match text.parse::<Zoned>() {
            Ok(zoned) => zoned.offset(),
            Err(_) => written_offset(text)?,
        };
        return Ok(DateValue {
            zoned: ts.to_zoned_datetime(TimeZone::fixed(offset)),
            has_time: true,
        });
    }
    if let Ok(datetime) = text.replacen(' ', "T", 1).parse::<DateTime>() {
        let zoned = datetime.to_zoned_datetime(zone).map_err(|e| e.to_string())?;
        return Ok(DateValue {
            zoned,
            has_time: true,
        });
    }
    Err(msg!("date-not-a-date", text = text))
}

/// The `+08:00` (or `Z`) at the end of an RFC 3339 string: a real offset,
/// between −12:00 and +14:00 with minutes under 60.
fn written_offset(text: &str) -> Result<Offset, String> {
    if text.ends_with(['Z', 'z']) {
        return Ok(Offset::UTC);
    }
    let sign_at = text.rfind(['+', '-']).unwrap_or(0);
    let written = &text[sign_at..];
    let digits = written[1..].replace(':', "");
    let hours = digits.get(..2).and_then(|h| h.parse::<i32>().ok());
    let minutes = digits
        .get(2..)
        .filter(|m| m.len() == 2)
        .and_then(|m| m.parse::<i32>().ok());
    let seconds = match (hours, minutes) {
        (Some(h), Some(m)) if m < 60 && digits.len() == 4 => h * 3600 + m * 60,
        _ => {
            return Err(msg!("date-bad-offset", written = written));
        }
    };
    let signed = if written.starts_with('-') {
        -seconds
    } else {
        seconds
    };
    if !(-12 * 3600..=14 * 3600).contains(&signed) {
        return Err(msg!("date-no-such-offset", written = written));
    }
    Offset::from_seconds(signed).map_err(|e| e.to_string())
}

const WEEKDAYS: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];

/// The calendar day of `value` on the editors' clock (what a report period
/// or a calendar counts), whatever offset it was written with.
pub fn site_date(value: &DateValue) -> Date {
    value.timestamp().to_zoned_datetime(site_zone()).date()
}

/// Today on the editors' clock.
pub fn today() -> Date {
    now().date()
}

/// strftime with one addition: `%Q` is the Chinese weekday (`星期二`).
pub fn format(value: &DateValue, pattern: &str) -> Result<String, String> {
    let weekday = WEEKDAYS[value.zoned.weekday().to_monday_zero_offset() as usize];
    let pattern = pattern.replace("%Q", weekday);
    let mut out = String::new();
    jiff::fmt::strtime::format(pattern.as_str(), &value.zoned)
        .map(|s| out.push_str(&s))
        .map_err(|e| e.to_string())?;
    Ok(out)
}

/// The environment variable that pins [`now`] (a date or time written as
/// front matter writes them), for tests of what depends on the day.
pub const NOW_VARIABLE: &str = "KEPU_NOW";

/// Why `KEPU_NOW` cannot pin the clock, when it is set to something that
/// is not a date or time ([`now`] would silently use the real clock).
pub fn pinned_now_problem() -> Option<String> {
    let text = std::env::var(NOW_VARIABLE).ok()?;
    parse(&text).err()
}

/// Now, in the editors' zone; `KEPU_NOW` pins it.
pub fn now() -> Zoned {
    static PINNED: std::sync::OnceLock<Option<Timestamp>> = std::sync::OnceLock::new();
    let pinned = PINNED.get_or_init(|| {
        let text = std::env::var(NOW_VARIABLE).ok()?;
        parse(&text).ok().map(|value| value.timestamp())
    });
    pinned
        .unwrap_or_else(Timestamp::now)
        .to_zoned_datetime(site_zone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_only_is_midnight_in_china() {
        let d = parse("2024-06-25").unwrap();
        assert_eq!(d.text(), "2024-06-25");
        assert_eq!(d.timestamp().to_string(), "2024-06-24T16:00:00Z");
    }

    #[test]
    fn times_and_offsets() {
        assert_eq!(
            parse("2024-06-25 08:30").unwrap().text(),
            "2024-06-25T08:30:00+08:00"
        );
        assert_eq!(
            parse("2024-06-25T08:30:00Z").unwrap().text(),
            "2024-06-25T08:30:00+00:00"
        );
        assert_eq!(
            parse("2024-06-25T08:30:00-05:00").unwrap().text(),
            "2024-06-25T08:30:00-05:00"
        );
    }

    #[test]
    fn offsets_and_years_that_do_not_exist_are_errors() {
        for bad in [
            "2024-06-25T10:00:00+25:00",
            "2024-06-25T10:00:00+15:00",
            "2024-06-25T10:00:00-13:00",
            "2024-06-25T10:00:00+08:75",
        ] {
            assert!(parse(bad).unwrap_err().contains("+08:00"), "{bad}");
        }
        assert_eq!(
            parse("2024-06-25T10:00:00+14:00").unwrap().text(),
            "2024-06-25T10:00:00+14:00"
        );
        assert_eq!(
            parse("2024-06-25T10:00:00+05:45").unwrap().text(),
            "2024-06-25T10:00:00+05:45"
        );
        for bad in ["0000-01-01", "1899-12-31", "2201-01-01", "2999-12-31T00:00:00Z"] {
            assert!(parse(bad).unwrap_err().contains("between 1900 and 2200"), "{bad}");
        }
        assert!(parse("1900-01-01").is_ok() && parse("2200-12-31").is_ok());
    }

    #[test]
    fn feed_formats_always_carry_a_time() {
        let d = parse("2024-06-25").unwrap();
        assert_eq!(d.rfc3339(), "2024-06-25T00:00:00+08:00");
        assert_eq!(d.rfc2822(), "Tue, 25 Jun 2024 00:00:00 +0800");
    }

    #[test]
    fn bad_dates_explain_the_format() {
        assert!(parse("2024-13-01").unwrap_err().contains("2024-06-25"));
        assert!(parse("昨天").is_err());
    }

    #[test]
    fn chinese_formats() {
        let d = parse("2024-06-25").unwrap();
        assert_eq!(format(&d, "%Y年%-m月%-d日").unwrap(), "2024年6月25日");
        assert_eq!(format(&d, "%-m月%-d日 %Q").unwrap(), "6月25日 星期二");
    }
}
