//! Report periods: the span of days a report's figures cover. Written as
//! `2024` (a year), `2024-H1` (a half), `2024-Q3` (a quarter), `2024-03` (a
//! month), or as `from` and `to` dates (both days included).

use crate::messages::msg;
use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

/// An inclusive span of days with its canonical key and Chinese label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    /// `2024-H1`, or `2024-03-01..2024-05-31` for a from/to period.
    pub key: String,
    /// `2024年上半年`, as reports name it.
    pub label: String,
    #[serde(serialize_with = "date_text")]
    pub from: Date,
    #[serde(serialize_with = "date_text")]
    pub to: Date,
}

fn date_text<S: serde::Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(date)
}

impl Period {
    /// Parses a named period; the error is a hint for the editor.
    pub fn parse(text: &str) -> Result<Period, String> {
        let text = text.trim();
        let bad = || msg!("period-not-a-period", text = text, hint = msg!("period-hint"));
        let (year, part) = match text.split_once('-') {
            Some((_, "")) => return Err(bad()),
            Some(split) => split,
            None => (text, ""),
        };
        let year: i16 = year
            .parse()
            .ok()
            .filter(|y| (1900..=9999).contains(y))
            .ok_or_else(bad)?;
        let (first_month, months, label) = match part.to_ascii_uppercase().as_str() {
            "" => (1, 12, format!("{year}年")),
            "H1" => (1, 6, format!("{year}年上半年")),
            "H2" => (7, 6, format!("{year}年下半年")),
            q if q.len() == 2 && q.starts_with('Q') => {
                let quarter = q[1..]
                    .parse::<i8>()
                    .ok()
                    .filter(|q| (1..=4).contains(q))
                    .ok_or_else(bad)?;
                (
                    3 * quarter - 2,
                    3,
                    format!("{year}年第{}季度", QUARTERS[quarter as usize - 1]),
                )
            }
            m if m.len() == 2 => {
                let month = m
                    .parse::<i8>()
                    .ok()
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)?;
                (month, 1, format!("{year}年{month}月"))
            }
            _ => return Err(bad()),
        };
        let from = Date::new(year, first_month, 1).map_err(|_| bad())?;
        let to = from
            .checked_add(months.months())
            .and_then(|next| next.yesterday())
            .map_err(|_| bad())?;
        Ok(Period {
            key: canonical_key(year, part),
            label,
            from,
            to,
        })
    }

    /// A period from one date to another, both included.
    pub fn between(from: Date, to: Date) -> Result<Period, String> {
        if to < from {
            return Err(msg!(
                "period-backwards",
                to = to.to_string(),
                from = from.to_string()
            ));
        }
        Ok(Period {
            key: format!("{from}..{to}"),
            label: format!("{}至{}", chinese_date(from), chinese_date(to)),
            from,
            to,
        })
    }

    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// The first day of every month the period touches, in order.
    pub fn months(&self) -> Vec<Date> {
        let mut months = Vec::new();
        let mut month = self.from.first_of_month();
        while month <= self.to {
            months.push(month);
            month = month.checked_add(1.month()).unwrap_or(Date::MAX);
        }
        months
    }
}

const QUARTERS: [&str; 4] = ["一", "二", "三", "四"];

fn canonical_key(year: i16, part: &str) -> String {
    if part.is_empty() {
        year.to_string()
    } else {
        format!("{year}-{}", part.to_ascii_uppercase())
    }
}

/// `2024年3月5日`.
pub fn chinese_date(date: Date) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// `2024年3月`.
pub fn chinese_month(date: Date) -> String {
    format!("{}年{}月", date.year(), date.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn named_periods_cover_their_days() {
        let h1 = Period::parse("2024-H1").unwrap();
        assert_eq!((h1.from, h1.to), (date(2024, 1, 1), date(2024, 6, 30)));
        assert_eq!(h1.label, "2024年上半年");
        let q3 = Period::parse("2024-q3").unwrap();
        assert_eq!((q3.from, q3.to), (date(2024, 7, 1), date(2024, 9, 30)));
        assert_eq!(q3.key, "2024-Q3");
        assert_eq!(q3.label, "2024年第三季度");
        let year = Period::parse("2024").unwrap();
        assert_eq!((year.from, year.to), (date(2024, 1, 1), date(2024, 12, 31)));
        let feb = Period::parse("2024-02").unwrap();
        assert_eq!(feb.to, date(2024, 2, 29), "leap year");
        assert_eq!(feb.label, "2024年2月");
        assert_eq!(Period::parse("2024-H2").unwrap().to, date(2024, 12, 31));
    }

    #[test]
    fn bad_periods_explain_the_forms() {
        for bad in ["2024-H3", "2024-Q5", "2024-13", "24", "上半年", "2024-"] {
            let err = Period::parse(bad).unwrap_err();
            assert!(err.contains("2024-H1"), "{bad}: {err}");
        }
    }

    #[test]
    fn from_to_periods_include_both_ends() {
        let p = Period::between(date(2024, 3, 1), date(2024, 5, 31)).unwrap();
        assert!(p.contains(date(2024, 3, 1)) && p.contains(date(2024, 5, 31)));
        assert!(!p.contains(date(2024, 6, 1)) && !p.contains(date(2024, 2, 29)));
        assert_eq!(p.label, "2024年3月1日至2024年5月31日");
        assert!(Period::between(date(2024, 5, 1), date(2024, 3, 1)).is_err());
    }

    #[test]
    fn months_of_a_period() {
        let months = Period::parse("2024-H1").unwrap().months();
        assert_eq!(months.len(), 6);
        assert_eq!(months[5], date(2024, 6, 1));
        let p = Period::between(date(2024, 1, 31), date(2024, 2, 1)).unwrap();
        assert_eq!(p.months(), [date(2024, 1, 1), date(2024, 2, 1)]);
    }
}
