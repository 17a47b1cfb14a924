//! Listings derived from a section's pages: issue numbers of a numbered
//! series (每日科普 第 N 期), one listing page per event series, and a
//! calendar of the pages by month. Pure functions over the model.

use super::{Page, Section};
use crate::dates;
use crate::slug::{self, Slugify};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// The pages of one event series within a section, listed at `path`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub name: String,
    /// `/events/series/xue-lei-feng-i-ke-pu/`
    pub path: String,
    /// Indexes into `Site::pages`, in the section's order.
    pub pages: Vec<usize>,
}

/// Numbers the dated pages of each section with `issue_numbers: true`
/// from 1, oldest first (ties by path, so numbers are stable).
pub fn number_issues(pages: &mut [Page], sections: &[Section]) {
    for section in sections.iter().filter(|s| s.source.front.issue_numbers) {
        let mut dated: Vec<usize> = section
            .pages
            .iter()
            .copied()
            .filter(|i| pages[*i].source.date.is_some())
            .collect();
        dated.sort_by(|a, b| {
            let (a, b) = (&pages[*a].source, &pages[*b].source);
            (&a.date, &a.rel_path).cmp(&(&b.date, &b.rel_path))
        });
        for (n, i) in dated.into_iter().enumerate() {
            pages[i].issue_number = Some(n + 1);
        }
    }
}

/// The event series among a section's pages, in order of their earliest
/// event, each listed under `SECTION/series/SLUG/` (the name slugified as
/// the site's `slugify` says; `series-N` when that leaves nothing).
pub fn series_of(section: &Section, pages: &[Page], slugify: Slugify) -> Vec<Series> {
    let mut by_name: BTreeMap<&str, (Date, Vec<usize>)> = BTreeMap::new();
    for i in &section.pages {
        let Some(event) = &pages[*i].source.event else {
            continue;
        };
        let Some(name) = event.series.as_deref() else {
            continue;
        };
        let start = dates::site_date(&event.start);
        let entry = by_name.entry(name).or_insert((start, Vec::new()));
        entry.0 = entry.0.min(start);
        entry.1.push(*i);
    }
    let mut series: Vec<(Date, Series)> = by_name
        .into_iter()
        .zip(1..)
        .map(|((name, (first, pages)), n)| {
            let slug = match slug::url_segment(name, slugify) {
                slug if slug.is_empty() => format!("series-{n}"),
                slug => slug,
            };
            let path = format!("{}series/{slug}/", section.path);
            let name = name.to_string();
            (first, Series { name, path, pages })
        })
        .collect();
    series.sort_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
    series.into_iter().map(|(_, s)| s).collect()
}

/// The path of a section's calendar archive, when it asks for one.
pub fn calendar_path(section: &Section) -> Option<String> {
    section
        .source
        .front
        .calendar
        .then(|| format!("{}calendar/", section.path))
}

/// One month of a calendar: weeks from Monday to Sunday; days outside the
/// month are `None`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Month {
    /// The first day of the month.
    pub first: Date,
    pub weeks: Vec<[Option<Day>; 7]>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub date: Date,
    /// Pages dated that day (indexes into `Site::pages`), in path order.
    pub pages: Vec<usize>,
}

/// The months that hold at least one of `page_indexes`' dated pages, newest
/// month first, as calendar grids.
pub fn calendar(pages: &[Page], page_indexes: &[usize]) -> Vec<Month> {
    let mut by_day: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
    for i in page_indexes {
        if let Some(date) = &pages[*i].source.date {
            by_day.entry(dates::site_date(date)).or_default().push(*i);
        }
    }
    for day_pages in by_day.values_mut() {
        day_pages.sort_by(|a, b| pages[*a].source.rel_path.cmp(&pages[*b].source.rel_path));
    }
    let mut months: Vec<Date> = by_day.keys().map(|d| d.first_of_month()).collect();
    months.dedup();
    months
        .into_iter()
        .rev()
        .map(|first| Month {
            first,
            weeks: month_grid(first, &by_day),
        })
        .collect()
}

fn month_grid(first: Date, by_day: &BTreeMap<Date, Vec<usize>>) -> Vec<[Option<Day>; 7]> {
    let mut weeks = Vec::new();
    let mut week: [Option<Day>; 7] = Default::default();
    let mut column = first.weekday().to_monday_zero_offset() as usize;
    for day in 1..=first.days_in_month() {
        let date = first.with().day(day).build().unwrap_or(first);
        week[column] = Some(Day {
            date,
            pages: by_day.get(&date).cloned().unwrap_or_default(),
        });
        column += 1;
        if column == 7 {
            weeks.push(std::mem::take(&mut week));
            column = 0;
        }
    }
    if column > 0 {
        weeks.push(week);
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::SectionFrontMatter;
    use crate::source::{PageSource, SectionSource};
    use jiff::civil::date;

    fn page(rel_path: &str, front: &str) -> Page {
        let front: crate::source::front_matter::PageFrontMatter = yaml_serde::from_str(front).unwrap();
        let event = front.event.as_ref().map(|e| {
            let start = dates::parse(&e.start).unwrap();
            e.with_dates(start.clone(), start)
        });
        Page {
            source: PageSource {
                rel_path: rel_path.into(),
                file: rel_path.into(),
                date: front.date.as_deref().map(|d| dates::parse(d).unwrap()),
                updated: None,
                event,
                period: None,
                aliases: Vec::new(),
                body: Default::default(),
                warnings: Vec::new(),
                front,
            },
            rendered: Default::default(),
            slug: String::new(),
            path: String::new(),
            section: 0,
            is_bundle: false,
            issue_number: None,
            lower: None,
            higher: None,
            related: Vec::new(),
            wechat_edition: false,
            upcoming: false,
        }
    }

    fn section(front: SectionFrontMatter, pages: Vec<usize>) -> Section {
        Section {
            source: SectionSource {
                rel_path: "tips/_index.md".into(),
                file: "tips/_index.md".into(),
                front,
                aliases: Vec::new(),
                body: Default::default(),
            },
            rendered: Default::default(),
            path: "/tips/".into(),
            parent: None,
            pages,
            subsections: Vec::new(),
            series: Vec::new(),
            calendar_path: None,
            paginate_by: 0,
        }
    }

    #[test]
    fn issues_are_numbered_oldest_first_skipping_undated_pages() {
        let mut pages = vec![
            page("tips/c.md", "title: c\ndate: 2024-06-03\n"),
            page("tips/a.md", "title: a\ndate: 2024-06-01\n"),
            page("tips/undated.md", "title: u\n"),
            page("tips/b.md", "title: b\ndate: 2024-06-01T09:00:00+08:00\n"),
        ];
        let numbered = SectionFrontMatter {
            issue_numbers: true,
            ..Default::default()
        };
        number_issues(&mut pages, &[section(numbered, vec![0, 1, 2, 3])]);
        let numbers: Vec<Option<usize>> = pages.iter().map(|p| p.issue_number).collect();
        assert_eq!(numbers, [Some(3), Some(1), None, Some(2)]);
        let mut pages = vec![page("tips/a.md", "title: a\ndate: 2024-06-01\n")];
        number_issues(&mut pages, &[section(SectionFrontMatter::default(), vec![0])]);
        assert_eq!(pages[0].issue_number, None, "only when the section asks");
    }

    #[test]
    fn series_are_listed_by_first_event_with_pinyin_paths() {
        let pages = vec![
            page(
                "events/b.md",
                "title: b\nevent: {start: 2024-04-01, series: 反邪教宣传}\n",
            ),
            page(
                "events/a.md",
                "title: a\nevent: {start: 2024-03-05, series: 学雷锋i科普}\n",
            ),
            page("events/c.md", "title: c\nevent: {start: 2024-03-01}\n"),
            page(
                "events/d.md",
                "title: d\nevent: {start: 2024-05-01, series: 学雷锋i科普}\n",
            ),
        ];
        let mut events = section(SectionFrontMatter::default(), vec![3, 0, 1, 2]);
        events.path = "/events/".into();
        let series = series_of(&events, &pages, Slugify::Pinyin);
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].name, "学雷锋i科普");
        assert_eq!(series[0].path, "/events/series/xue-lei-feng-i-ke-pu/");
        assert_eq!(series[0].pages, [3, 1]);
        assert_eq!(series[1].path, "/events/series/fan-xie-jiao-xuan-chuan/");
        let unicode = series_of(&events, &pages, Slugify::Unicode);
        assert_eq!(unicode[0].path, "/events/series/学雷锋i科普/");
        let symbols = vec![page(
            "events/s.md",
            "title: s\nevent: {start: 2024-04-01, series: ★★}\n",
        )];
        let mut events = section(SectionFrontMatter::default(), vec![0]);
        events.path = "/events/".into();
        assert_eq!(
            series_of(&events, &symbols, Slugify::Pinyin)[0].path,
            "/events/series/series-1/"
        );
    }

    #[test]
    fn calendar_months_are_monday_first_grids_newest_first() {
        let pages = vec![
            page("tips/a.md", "title: a\ndate: 2024-06-25\n"),
            page("tips/b.md", "title: b\ndate: 2024-05-01\n"),
            page("tips/c.md", "title: c\n"),
        ];
        let months = calendar(&pages, &[0, 1, 2]);
        assert_eq!(months.len(), 2);
        let june = &months[0];
        assert_eq!(june.first, date(2024, 6, 1));
        // 2024-06-01 is a Saturday: the first week starts with five blanks.
        assert!(june.weeks[0][..5].iter().all(Option::is_none));
        assert_eq!(june.weeks[0][5].as_ref().unwrap().date, date(2024, 6, 1));
        assert_eq!(june.weeks.len(), 5, "the 30th is a Sunday");
        let the_25th = june.weeks[4][1].as_ref().unwrap();
        assert_eq!(
            (the_25th.date, the_25th.pages.as_slice()),
            (date(2024, 6, 25), &[0][..])
        );
        assert_eq!(months[1].first, date(2024, 5, 1));
    }
}
