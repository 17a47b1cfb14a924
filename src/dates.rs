//! Dates in front matter: `2024-06-25`, `2024-06-25 08:30`, or RFC 3339.
//! Times without an offset are China Standard Time (UTC+8, no daylight
//! saving), which is what the association's editors mean.

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

/// Parses a front-matter date; the error is a hint for the editor.
pub fn parse(text: &str) -> Result<DateValue, String> {
    let text = text.trim();
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
        let offset = text
            .parse::<Zoned>()
            .map(|z| z.offset())
            .or_else(|_| offset_suffix(text))
            .unwrap_or(Offset::UTC);
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
    Err(format!(
        "`{text}` is not a date; write 2024-06-25, 2024-06-25 08:30 or 2024-06-25T08:30:00+08:00"
    ))
}

/// The `+08:00` (or `Z`) at the end of an RFC 3339 string.
fn offset_suffix(text: &str) -> Result<Offset, ()> {
    if text.ends_with(['Z', 'z']) {
        return Ok(Offset::UTC);
    }
    let sign_at = text.rfind(['+', '-']).ok_or(())?;
    let (hours, minutes) = text[sign_at + 1..].split_once(':').ok_or(())?;
    let total: i32 =
        hours.parse::<i32>().map_err(|_| ())? * 3600 + minutes.parse::<i32>().map_err(|_| ())? * 60;
    let signed = if text[sign_at..].starts_with('-') {
        -total
    } else {
        total
    };
    Offset::from_seconds(signed).map_err(|_| ())
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

/// Now, in the editors' zone (a function so builds can be pinned in tests).
pub fn now() -> Zoned {
    Timestamp::now().to_zoned_datetime(site_zone())
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
