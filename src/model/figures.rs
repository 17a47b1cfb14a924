//! Report figures: the totals of the event recaps that fall in a period,
//! optionally narrowed to a series, a category or one recap, and grouped by
//! series, month or category. Pure functions over plain data, shared by the
//! shortcodes in Markdown and the `figures()` template function, so a report
//! and the recaps it sums can never disagree.
//!
//! A recap counts in the period holding its start day, so a multi-day event
//! is counted once even when it crosses a period's edge.

use crate::dates;
use crate::error::did_you_mean;
use crate::messages::msg;
use crate::period::{self, Period};
use crate::source::Event;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// One event recap: a page with an `event:` block. Serialisable so that a
/// rebuild can fingerprint what `figures()` read.
#[derive(Debug, Clone, Serialize)]
pub struct Recap {
    /// Content-relative path of the page (`events/a.md`).
    pub rel_path: String,
    /// The start day on the editors' clock.
    pub start: Date,
    pub categories: Vec<String>,
    pub event: Event,
}

/// Every recap of the site, in start order.
#[derive(Debug, Clone, Default)]
pub struct Recaps {
    pub all: Vec<Recap>,
}

impl Recaps {
    /// The recaps of events that have started (announcements count once
    /// their event has begun).
    pub fn of_site(site: &super::Site) -> Recaps {
        Recaps::new(
            site.pages
                .iter()
                .filter(|page| !page.upcoming)
                .filter_map(|page| {
                    let event = page.source.event.clone()?;
                    Some(Recap {
                        rel_path: page.source.rel_path.clone(),
                        start: dates::site_date(&event.start),
                        categories: page.source.front.categories.clone(),
                        event,
                    })
                }),
        )
    }

    pub fn new(recaps: impl IntoIterator<Item = Recap>) -> Recaps {
        let mut all: Vec<Recap> = recaps.into_iter().collect();
        all.sort_by(|a, b| (a.start, &a.rel_path).cmp(&(b.start, &b.rel_path)));
        Recaps { all }
    }

    /// The recaps a query selects; a filter naming something no recap has
    /// is an error, so a typo cannot silently turn a figure into 0.
    pub fn select(&self, query: &Query) -> Result<Vec<&Recap>, QueryError> {
        self.check(query)?;
        Ok(self.all.iter().filter(|r| query.matches(r)).collect())
    }

    fn check(&self, query: &Query) -> Result<(), QueryError> {
        if let Some(series) = &query.series {
            let known = self.names(|r| r.event.series.iter().cloned().collect());
            unknown_name("series", series, &known)?;
        }
        if let Some(category) = &query.category {
            let known = self.names(|r| r.categories.clone());
            unknown_name("category", category, &known)?;
        }
        if let Some(page) = &query.page {
            let Some(recap) = self.all.iter().find(|r| &r.rel_path == page) else {
                let known = self.names(|r| vec![r.rel_path.clone()]);
                return Err(QueryError::new(msg!("figures-not-a-recap", page = page.as_str()))
                    .hint(nearest_or_list("recaps", page, &known)));
            };
            if let Some(period) = query.period.as_ref().filter(|p| !p.contains(recap.start)) {
                return Err(QueryError::new(msg!(
                    "figures-recap-outside-period",
                    page = page.as_str(),
                    start = recap.start.to_string(),
                    period = period.label.as_str()
                ))
                .hint(msg!("figures-recap-outside-period-hint")));
            }
        }
        Ok(())
    }

    /// Every material name any recap lists.
    pub fn material_names(&self) -> Vec<String> {
        self.names(|r| r.event.materials.keys().cloned().collect())
    }

    fn names(&self, of: impl Fn(&Recap) -> Vec<String>) -> Vec<String> {
        let mut names: Vec<String> = self.all.iter().flat_map(of).collect();
        names.sort();
        names.dedup();
        names
    }
}

fn unknown_name(what: &str, name: &str, known: &[String]) -> Result<(), QueryError> {
    if known.iter().any(|k| k == name) {
        return Ok(());
    }
    Err(QueryError::new(msg!(
        "figures-unknown-name",
        what = msg!("figures-what", what = what),
        name = name
    ))
    .hint(nearest_or_list(what, name, known)))
}

/// `did you mean …?` when a known name is close, else the list of them.
fn nearest_or_list(what: &str, name: &str, known: &[String]) -> String {
    let candidates: Vec<&str> = known.iter().map(String::as_str).collect();
    let what = msg!("figures-what", what = what);
    match did_you_mean(name, &candidates) {
        Some(near) => msg!("shortcode-did-you-mean", near = near),
        None if known.is_empty() => msg!("figures-none-yet", what = what),
        None => msg!("figures-known", what = what, names = candidates.join(", ")),
    }
}

/// Which recaps to count. `period: None` counts all of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub period: Option<Period>,
    pub series: Option<String>,
    pub category: Option<String>,
    /// Content-relative path of one recap.
    pub page: Option<String>,
}

impl Query {
    /// A query from call arguments; `page` is a content path, with or
    /// without the `@/` of internal links.
    pub fn new(
        period: Option<Period>,
        series: Option<String>,
        category: Option<String>,
        page: Option<String>,
    ) -> Query {
        Query {
            period,
            series,
            category,
            page: page.map(|p| p.trim_start_matches("@/").to_string()),
        }
    }

    fn matches(&self, recap: &Recap) -> bool {
        self.period.as_ref().is_none_or(|p| p.contains(recap.start))
            && self
                .series
                .as_ref()
                .is_none_or(|s| recap.event.series.as_ref() == Some(s))
            && self
                .category
                .as_ref()
                .is_none_or(|c| recap.categories.contains(c))
            && self.page.as_ref().is_none_or(|p| &recap.rel_path == p)
    }
}

/// A period given as an argument: a named period, or `all` for every recap.
pub fn period_arg(text: &str) -> Result<Option<Period>, QueryError> {
    if text == "all" {
        return Ok(None);
    }
    Period::parse(text).map(Some).map_err(|hint| {
        QueryError::new(msg!("figures-bad-period")).hint(msg!("figures-bad-period-hint", hint = hint))
    })
}

/// A query that names something no recap has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub message: String,
    pub hint: String,
}

impl QueryError {
    pub fn new(message: impl Into<String>) -> Self {
        QueryError {
            message: message.into(),
            hint: String::new(),
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = hint.into();
        self
    }
}

/// The sums of some recaps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Totals {
    /// How many recaps.
    pub events: u64,
    pub sessions: u64,
    pub participants: u64,
    pub volunteers: u64,
    pub consultations: u64,
    pub awards: u64,
    pub materials: BTreeMap<String, u64>,
}

impl Totals {
    pub fn of<'a>(recaps: impl IntoIterator<Item = &'a Recap>) -> Totals {
        Totals::of_events(recaps.into_iter().map(|r| &r.event))
    }

    pub fn of_events<'a>(events: impl IntoIterator<Item = &'a Event>) -> Totals {
        let mut totals = Totals::default();
        for event in events {
            totals.add(event);
        }
        totals
    }

    /// Exact: every count of a recap is at most a billion
    /// (`source::event_counts`), so a sum of `u64`s could only overflow
    /// past 18 billion recaps.
    fn add(&mut self, event: &Event) {
        self.events += 1;
        self.sessions += event.sessions;
        self.participants += event.participants;
        self.volunteers += event.volunteers;
        self.consultations += event.consultations;
        self.awards += event.awards;
        for (name, count) in &event.materials {
            *self.materials.entry(name.clone()).or_default() += count;
        }
    }

    pub fn get(&self, stat: &Stat) -> u64 {
        match stat {
            Stat::Events => self.events,
            Stat::Sessions => self.sessions,
            Stat::Participants => self.participants,
            Stat::Volunteers => self.volunteers,
            Stat::Consultations => self.consultations,
            Stat::Awards => self.awards,
            Stat::Material(name) => self.materials.get(name).copied().unwrap_or(0),
        }
    }

    /// Every stat with a non-zero total: the counts, then the materials.
    pub fn nonzero_stats(&self) -> Vec<Stat> {
        Stat::COUNTS
            .iter()
            .cloned()
            .chain(self.materials.keys().cloned().map(Stat::Material))
            .filter(|stat| self.get(stat) > 0)
            .collect()
    }
}

/// What a figure is called and counted in, as readers see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Figure {
    /// The stat name (`volunteers`).
    pub name: &'static str,
    /// Its name in a table heading or a chart title (`志愿者`).
    pub label: &'static str,
    /// Its name beside a number that has its unit after it (`参与 2400 人次`).
    pub short: &'static str,
    /// What it counts (`人次`).
    pub unit: &'static str,
}

/// The counts of a recap with their names and units: the one table the
/// facts boxes, reports, series pages and charts take them from (templates
/// read it with `figure(name=…)`). Materials are named by the recaps, and
/// their units vary (本, 个, 张), so they have none here.
pub const FIGURES: [Figure; 6] = [
    Figure {
        name: "events",
        label: "活动",
        short: "活动",
        unit: "项",
    },
    Figure {
        name: "sessions",
        label: "场次",
        short: "场次",
        unit: "场",
    },
    Figure {
        name: "participants",
        label: "参与人次",
        short: "参与",
        unit: "人次",
    },
    Figure {
        name: "volunteers",
        label: "志愿者",
        short: "志愿者",
        unit: "人次",
    },
    Figure {
        name: "consultations",
        label: "咨询人次",
        short: "咨询",
        unit: "人次",
    },
    Figure {
        name: "awards",
        label: "获奖",
        short: "获奖",
        unit: "人",
    },
];

/// A figure a report can cite.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Stat {
    Events,
    Sessions,
    Participants,
    Volunteers,
    Consultations,
    Awards,
    /// `materials.科普手册`
    Material(String),
}

const MATERIAL_PREFIX: &str = "materials.";

impl Stat {
    pub const COUNTS: [Stat; 6] = [
        Stat::Events,
        Stat::Sessions,
        Stat::Participants,
        Stat::Volunteers,
        Stat::Consultations,
        Stat::Awards,
    ];

    /// Parses a stat name; a material must be listed by some recap, so a
    /// misspelt one is an error rather than a silent 0.
    pub fn parse(name: &str, materials: &[String]) -> Result<Stat, QueryError> {
        if let Some(stat) = Stat::COUNTS.iter().find(|s| s.name() == name) {
            return Ok(stat.clone());
        }
        if let Some(material) = name.strip_prefix(MATERIAL_PREFIX) {
            if materials.iter().any(|m| m == material) {
                return Ok(Stat::Material(material.to_string()));
            }
            return Err(
                QueryError::new(msg!("figures-unknown-material", material = material)).hint(nearest_or_list(
                    "materials",
                    material,
                    materials,
                )),
            );
        }
        let known: Vec<String> = Stat::COUNTS
            .iter()
            .map(Stat::name)
            .chain(materials.iter().map(|m| format!("{MATERIAL_PREFIX}{m}")))
            .collect();
        Err(QueryError::new(msg!("figures-unknown-stat", name = name))
            .hint(nearest_or_list("stats", name, &known)))
    }

    pub fn name(&self) -> String {
        match self {
            Stat::Events => "events".into(),
            Stat::Sessions => "sessions".into(),
            Stat::Participants => "participants".into(),
            Stat::Volunteers => "volunteers".into(),
            Stat::Consultations => "consultations".into(),
            Stat::Awards => "awards".into(),
            Stat::Material(name) => format!("{MATERIAL_PREFIX}{name}"),
        }
    }

    /// The material's name, for templates that label materials by it.
    pub fn material(&self) -> Option<&str> {
        match self {
            Stat::Material(name) => Some(name),
            _ => None,
        }
    }
}

/// How totals are split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Series,
    Month,
    Category,
}

impl GroupBy {
    pub const NAMES: [&str; 3] = ["series", "month", "category"];

    pub fn parse(name: &str) -> Result<GroupBy, QueryError> {
        match name {
            "series" => Ok(GroupBy::Series),
            "month" => Ok(GroupBy::Month),
            "category" => Ok(GroupBy::Category),
            _ => Err(QueryError::new(msg!("figures-cannot-group", name = name))
                .hint(msg!("figures-group-by", names = GroupBy::NAMES.join(", ")))),
        }
    }
}

/// The totals of one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    /// `学雷锋i科普`, `2024-03`, or empty for recaps without a series or category.
    pub key: String,
    /// `学雷锋i科普`, `2024年3月`, `其他活动`, `未分类`.
    pub label: String,
    #[serde(flatten)]
    pub totals: Totals,
}

/// Splits `recaps` into groups: series and categories in order of their
/// first recap (recaps without one last), months in calendar order with
/// every month of `period` present, empty ones too, so a chart by month has
/// no gaps. A recap with two categories counts in both.
pub fn group(recaps: &[&Recap], by: GroupBy, period: Option<&Period>) -> Vec<Group> {
    let keys_of = |recap: &Recap| -> Vec<String> {
        match by {
            GroupBy::Series => vec![recap.event.series.clone().unwrap_or_default()],
            GroupBy::Month => vec![month_key(recap.start)],
            GroupBy::Category if recap.categories.is_empty() => vec![String::new()],
            GroupBy::Category => recap.categories.clone(),
        }
    };
    let mut order: Vec<String> = match (by, period) {
        (GroupBy::Month, Some(period)) => period.months().into_iter().map(month_key).collect(),
        _ => Vec::new(),
    };
    let mut totals: BTreeMap<String, Totals> = BTreeMap::new();
    for recap in recaps {
        for key in keys_of(recap) {
            if !order.contains(&key) {
                order.push(key.clone());
            }
            totals.entry(key).or_default().add(&recap.event);
        }
    }
    if by == GroupBy::Month {
        order.sort();
    } else if let Some(blank) = order.iter().position(String::is_empty) {
        let blank = order.remove(blank);
        order.push(blank);
    }
    // Within one year, months need no year: 3月, not 2024年3月.
    let one_year = period.is_some_and(|p| p.from.year() == p.to.year());
    order
        .into_iter()
        .map(|key| Group {
            label: group_label(by, &key, one_year),
            totals: totals.remove(&key).unwrap_or_default(),
            key,
        })
        .collect()
}

fn month_key(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

fn group_label(by: GroupBy, key: &str, one_year: bool) -> String {
    match (by, key) {
        (GroupBy::Series, "") => "其他活动".into(),
        (GroupBy::Category, "") => "未分类".into(),
        (GroupBy::Month, key) => match format!("{key}-01").parse::<Date>() {
            Ok(month) if one_year => format!("{}月", month.month()),
            Ok(month) => period::chinese_month(month),
            Err(_) => key.to_string(),
        },
        (_, key) => key.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::EventFrontMatter;

    /// A recap from its front-matter fields (`start`, `end` as written).
    fn recap(path: &str, start: &str, end: Option<&str>, yaml_rest: &str) -> Recap {
        let yaml = format!("start: {start}\n{yaml_rest}");
        let raw: EventFrontMatter = yaml_serde::from_str(&yaml).unwrap();
        let start_value = dates::parse(start).unwrap();
        let end_value = dates::parse(end.unwrap_or(start)).unwrap();
        Recap {
            rel_path: path.into(),
            start: dates::site_date(&start_value),
            categories: vec!["活动回顾".into()],
            event: raw.with_dates(start_value, end_value),
        }
    }

    #[test]
    fn every_count_has_one_name_and_unit() {
        let names: Vec<String> = Stat::COUNTS.iter().map(Stat::name).collect();
        let table: Vec<&str> = FIGURES.iter().map(|f| f.name).collect();
        assert_eq!(names, table);
        let unit = |name: &str| FIGURES.iter().find(|f| f.name == name).unwrap().unit;
        // Volunteers are counted per event, like participants; awards per student.
        assert_eq!(unit("volunteers"), "人次");
        assert_eq!(unit("awards"), "人");
    }

    fn fixture() -> Recaps {
        Recaps::new([
            recap(
                "events/a.md",
                "2024-03-05",
                None,
                "series: 学雷锋\nsessions: 8\nparticipants: 100\nmaterials: {科普手册: 8000}\n",
            ),
            recap(
                "events/b.md",
                "2024-03-06",
                Some("2024-03-07"),
                "series: 学雷锋\nsessions: 6\nmaterials: {科普手册: 6000, 周边礼品: 10}\n",
            ),
            // Crosses the H1/H2 edge: counted in H1, where it starts.
            recap(
                "events/c.md",
                "2024-06-30",
                Some("2024-07-02"),
                "series: 反邪教\nconsultations: 300\nawards: 3\n",
            ),
            recap("events/d.md", "2024-07-01", None, "participants: 50\n"),
            // Missing fields: one session, nothing else.
            recap("events/e.md", "2023-12-31T23:30:00+08:00", None, ""),
        ])
    }

    fn query(period: &str) -> Query {
        Query {
            period: Some(Period::parse(period).unwrap()),
            ..Query::default()
        }
    }

    #[test]
    fn totals_of_a_period_count_events_by_their_start_day() {
        let recaps = fixture();
        let h1 = Totals::of(recaps.select(&query("2024-H1")).unwrap());
        assert_eq!(h1.events, 3);
        assert_eq!(h1.sessions, 15);
        assert_eq!(h1.participants, 100);
        assert_eq!(h1.consultations, 300);
        assert_eq!(h1.awards, 3);
        assert_eq!(h1.materials["科普手册"], 14000);
        assert_eq!(h1.materials["周边礼品"], 10);
        let h2 = Totals::of(recaps.select(&query("2024-H2")).unwrap());
        assert_eq!((h2.events, h2.sessions, h2.participants), (1, 1, 50));
        let year_2023 = Totals::of(recaps.select(&query("2023")).unwrap());
        assert_eq!(
            (year_2023.events, year_2023.sessions),
            (1, 1),
            "defaults: one session"
        );
        assert!(year_2023.materials.is_empty());
    }

    #[test]
    fn period_edges_are_inclusive() {
        let recaps = fixture();
        let edge = Query {
            period: Some(
                Period::between(jiff::civil::date(2024, 3, 6), jiff::civil::date(2024, 6, 30)).unwrap(),
            ),
            ..Query::default()
        };
        let paths: Vec<&str> = recaps
            .select(&edge)
            .unwrap()
            .iter()
            .map(|r| r.rel_path.as_str())
            .collect();
        assert_eq!(paths, ["events/b.md", "events/c.md"]);
    }

    #[test]
    fn filters_by_series_category_and_page() {
        let recaps = fixture();
        let series = Query {
            series: Some("学雷锋".into()),
            ..query("2024")
        };
        assert_eq!(Totals::of(recaps.select(&series).unwrap()).sessions, 14);
        let page = Query {
            page: Some("events/c.md".into()),
            ..query("2024-H1")
        };
        assert_eq!(Totals::of(recaps.select(&page).unwrap()).awards, 3);
        let category = Query {
            category: Some("活动回顾".into()),
            ..Query::default()
        };
        assert_eq!(Totals::of(recaps.select(&category).unwrap()).events, 5);
    }

    #[test]
    fn unknown_filters_are_errors_with_hints() {
        let recaps = fixture();
        let err = recaps
            .select(&Query {
                series: Some("学雷峰".into()),
                ..Query::default()
            })
            .unwrap_err();
        assert_eq!(err.message, "no event recap has series `学雷峰`");
        assert_eq!(err.hint, "did you mean `学雷锋`?");
        let err = recaps
            .select(&Query {
                page: Some("events/d.md".into()),
                ..query("2024-H1")
            })
            .unwrap_err();
        assert!(err.message.contains("outside the period 2024年上半年"), "{err:?}");
        let err = recaps
            .select(&Query {
                page: Some("tips/x.md".into()),
                ..Query::default()
            })
            .unwrap_err();
        assert!(err.message.contains("not an event recap"), "{err:?}");
    }

    #[test]
    fn stat_names() {
        let materials = fixture().material_names();
        assert_eq!(Stat::parse("sessions", &materials), Ok(Stat::Sessions));
        assert_eq!(
            Stat::parse("materials.科普手册", &materials),
            Ok(Stat::Material("科普手册".into()))
        );
        let err = Stat::parse("sesions", &materials).unwrap_err();
        assert_eq!(err.hint, "did you mean `sessions`?");
        let err = Stat::parse("materials.科普书", &materials).unwrap_err();
        assert!(err.message.contains("`科普书`"), "{err:?}");
        assert_eq!(err.hint, "did you mean `科普手册`?");
        let err = Stat::parse("xyz", &materials).unwrap_err();
        assert!(err.hint.starts_with("known stats: events, sessions,"), "{err:?}");
        assert!(err.hint.contains("materials.周边礼品"), "{err:?}");
    }

    #[test]
    fn groups_by_series_month_and_category() {
        let recaps = fixture();
        let year = recaps.select(&query("2024")).unwrap();
        let by_series = group(&year, GroupBy::Series, None);
        let labels: Vec<&str> = by_series.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            labels,
            ["学雷锋", "反邪教", "其他活动"],
            "first-seen order, no series last"
        );
        assert_eq!(by_series[0].totals.sessions, 14);
        let by_month = group(&year, GroupBy::Month, Some(&Period::parse("2024").unwrap()));
        assert_eq!(by_month.len(), 12, "every month, empty ones too");
        assert_eq!(by_month[2].key, "2024-03");
        assert_eq!(by_month[2].label, "3月");
        assert_eq!(by_month[2].totals.sessions, 14);
        assert_eq!(by_month[5].totals.events, 1);
        assert_eq!(by_month[6].totals.events, 1);
        assert_eq!(by_month[0].totals, Totals::default());
        let by_category = group(&year, GroupBy::Category, None);
        assert_eq!(by_category.len(), 1);
        assert_eq!(by_category[0].totals.events, 4);
        let winter = Period::between(jiff::civil::date(2023, 12, 1), jiff::civil::date(2024, 3, 31)).unwrap();
        let winter_recaps = recaps
            .select(&Query {
                period: Some(winter.clone()),
                ..Query::default()
            })
            .unwrap();
        let by_month = group(&winter_recaps, GroupBy::Month, Some(&winter));
        let labels: Vec<&str> = by_month.iter().map(|g| g.label.as_str()).collect();
        assert_eq!(
            labels,
            ["2023年12月", "2024年1月", "2024年2月", "2024年3月"],
            "across years"
        );
        assert!(
            GroupBy::parse("week")
                .unwrap_err()
                .hint
                .contains("series, month, category")
        );
    }
}
