//! The figure shortcodes kepu computes data for — `stat`, `stats_table` and
//! `chart` — turned from call arguments into the variables their templates
//! get. Any other shortcode template just gets its arguments.

use super::chart::{self, Datum};
use super::parse::Arg;
use crate::error::did_you_mean;
use crate::messages::msg;
use crate::model::figures::{self, GroupBy, Query, QueryError, Recaps, Stat, Totals};
use crate::period::Period;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

/// The arguments every figure shortcode takes to choose recaps.
const QUERY_ARGS: [&str; 4] = ["period", "series", "category", "page"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Builtin {
    Stat,
    StatsTable,
    Chart,
}

impl Builtin {
    pub fn of(name: &str) -> Option<Builtin> {
        match name {
            "stat" => Some(Builtin::Stat),
            "stats_table" => Some(Builtin::StatsTable),
            "chart" => Some(Builtin::Chart),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Builtin::Stat => "stat",
            Builtin::StatsTable => "stats_table",
            Builtin::Chart => "chart",
        }
    }

    /// Arguments besides the query ones.
    fn own_args(self) -> &'static [&'static str] {
        match self {
            Builtin::Stat => &["name"],
            Builtin::StatsTable => &["group_by", "stats"],
            Builtin::Chart => &["of", "by", "kind", "title"],
        }
    }
}

/// What a figure shortcode needs from the site and the page.
pub struct Inputs<'a> {
    pub recaps: &'a Recaps,
    pub materials: &'a [String],
    /// The page's `period:`, the default for its shortcodes.
    pub page_period: Option<&'a Period>,
}

#[derive(Serialize)]
struct StatName {
    name: String,
    material: Option<String>,
}

impl From<&Stat> for StatName {
    fn from(stat: &Stat) -> Self {
        StatName {
            name: stat.name(),
            material: stat.material().map(str::to_string),
        }
    }
}

/// Adds the computed variables of `builtin` to `context`.
pub fn add_figures(
    builtin: Builtin,
    args: &BTreeMap<String, Arg>,
    inputs: &Inputs,
    context: &mut Context,
) -> Result<(), QueryError> {
    check_args(builtin, args)?;
    let query = query(args, inputs.page_period)?;
    let selected = inputs.recaps.select(&query)?;
    let totals = Totals::of(selected.iter().copied());
    context.insert("period", &query.period);
    match builtin {
        Builtin::Stat => {
            let stat = Stat::parse(&required(builtin, args, "name")?, inputs.materials)?;
            context.insert("name", &stat.name());
            context.insert("material", &stat.material());
            context.insert("value", &totals.get(&stat));
        }
        Builtin::StatsTable => {
            let group_by = args
                .get("group_by")
                .map(|g| GroupBy::parse(&g.text()))
                .transpose()?;
            let stats = match args.get("stats") {
                Some(list) => parse_stats(&list.text(), inputs.materials)?,
                None if group_by.is_some() => counts_with_data(&totals),
                None => totals.nonzero_stats(),
            };
            let columns: Vec<StatName> = stats.iter().map(StatName::from).collect();
            context.insert("columns", &columns);
            context.insert("group_by", &args.get("group_by").map(Arg::text));
            if let Some(by) = group_by {
                let groups = figures::group(&selected, by, query.period.as_ref());
                let rows: Vec<Row> = groups
                    .iter()
                    .map(|g| row(&g.key, &g.label, &g.totals, &stats))
                    .collect();
                context.insert("rows", &rows);
            }
            context.insert("total", &row("", "", &totals, &stats));
        }
        Builtin::Chart => {
            let kind = args.get("kind").map_or_else(|| "bar".to_string(), Arg::text);
            if !chart::KINDS.contains(&kind.as_str()) {
                return Err(QueryError::new(msg!("chart-unknown-kind", kind = kind.as_str()))
                    .hint(msg!("chart-kinds", kinds = chart::KINDS.join(", "))));
            }
            let stat = Stat::parse(&required(builtin, args, "of")?, inputs.materials)?;
            let by = GroupBy::parse(&required(builtin, args, "by")?)?;
            let data: Vec<Datum> = figures::group(&selected, by, query.period.as_ref())
                .into_iter()
                .map(|g| Datum {
                    value: g.totals.get(&stat),
                    key: g.key,
                    label: g.label,
                })
                .collect();
            context.insert("kind", &kind);
            context.insert("of", &StatName::from(&stat));
            context.insert("by", &args.get("by").map(Arg::text));
            context.insert("chart", &chart::bar_chart(&data));
        }
    }
    Ok(())
}

fn check_args(builtin: Builtin, args: &BTreeMap<String, Arg>) -> Result<(), QueryError> {
    let known: Vec<&str> = builtin.own_args().iter().chain(&QUERY_ARGS).copied().collect();
    match args.keys().find(|k| !known.contains(&k.as_str())) {
        None => Ok(()),
        Some(unknown) => {
            let takes = msg!("shortcode-takes", name = builtin.name(), keys = known.join(", "));
            let hint = match did_you_mean(unknown, &known) {
                Some(near) => msg!("shortcode-did-you-mean-takes", near = near, takes = takes),
                None => takes,
            };
            Err(QueryError::new(msg!(
                "shortcode-unknown-argument",
                key = unknown.as_str(),
                name = builtin.name()
            ))
            .hint(hint))
        }
    }
}

fn required(builtin: Builtin, args: &BTreeMap<String, Arg>, key: &str) -> Result<String, QueryError> {
    args.get(key).map(Arg::text).ok_or_else(|| {
        QueryError::new(msg!("figures-needs-argument", name = builtin.name(), key = key)).hint(
            match builtin {
                Builtin::Stat => msg!("figures-example-stat"),
                Builtin::StatsTable => msg!("figures-example-stats-table"),
                Builtin::Chart => msg!("figures-example-chart"),
            },
        )
    })
}

/// The recaps to count: the `period` argument (`all` for every recap),
/// else the page's own period; a figure with neither is an error, since
/// an all-time total in a report is almost always a mistake.
fn query(args: &BTreeMap<String, Arg>, page_period: Option<&Period>) -> Result<Query, QueryError> {
    let text = |key: &str| args.get(key).map(Arg::text);
    let period = match text("period") {
        Some(period) => figures::period_arg(&period)?,
        None => Some(page_period.cloned().ok_or_else(|| {
            QueryError::new(msg!("figures-no-period")).hint(msg!("figures-no-period-hint"))
        })?),
    };
    Ok(Query::new(period, text("series"), text("category"), text("page")))
}

/// `stats="sessions, materials.科普手册"`.
fn parse_stats(list: &str, materials: &[String]) -> Result<Vec<Stat>, QueryError> {
    list.split([',', '，'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| Stat::parse(name, materials))
        .collect()
}

/// The counts (not materials) that are non-zero, for a grouped table.
fn counts_with_data(totals: &Totals) -> Vec<Stat> {
    Stat::COUNTS
        .iter()
        .filter(|s| totals.get(s) > 0)
        .cloned()
        .collect()
}

/// One table row: a group (or the total) and its value of each stat.
#[derive(Serialize)]
struct Row<'a> {
    key: &'a str,
    label: &'a str,
    values: Vec<u64>,
}

fn row<'a>(key: &'a str, label: &'a str, totals: &Totals, stats: &[Stat]) -> Row<'a> {
    Row {
        key,
        label,
        values: stats.iter().map(|s| totals.get(s)).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::shortcodes::parse::text_args as args;
    use tera::Value;

    fn inputs(recaps: &Recaps) -> Inputs<'_> {
        Inputs {
            recaps,
            materials: &[],
            page_period: None,
        }
    }

    /// The error of a call that is refused before any recap is counted.
    fn refusal(builtin: Builtin, pairs: &[(&str, &str)]) -> QueryError {
        let recaps = Recaps::default();
        add_figures(builtin, &args(pairs), &inputs(&recaps), &mut Context::new()).unwrap_err()
    }

    #[test]
    fn unknown_arguments_are_named_with_the_known_ones() {
        let err = refusal(Builtin::Stat, &[("nmae", "x")]);
        assert_eq!(err.message, "unknown argument `nmae` of shortcode `stat`");
        assert!(err.hint.starts_with("did you mean `name`?"), "{err:?}");
    }

    #[test]
    fn a_figure_needs_a_period() {
        let err = refusal(Builtin::Stat, &[("name", "sessions")]);
        assert!(err.hint.contains("period: 2024-H1"), "{err:?}");
        let recaps = Recaps::default();
        let mut context = Context::new();
        let all = args(&[("name", "sessions"), ("period", "all")]);
        add_figures(Builtin::Stat, &all, &inputs(&recaps), &mut context).unwrap();
        assert_eq!(context.get("value").and_then(Value::as_u64), Some(0));
    }

    #[test]
    fn chart_kind_and_grouping_are_checked() {
        let pie = [
            ("kind", "pie"),
            ("of", "sessions"),
            ("by", "month"),
            ("period", "2024"),
        ];
        assert_eq!(refusal(Builtin::Chart, &pie).hint, "kinds: bar");
        let weekly = [("of", "sessions"), ("by", "week"), ("period", "2024")];
        let err = refusal(Builtin::Chart, &weekly);
        assert!(err.message.contains("`week`"), "{err:?}");
        let err = refusal(Builtin::Chart, &[("by", "month"), ("period", "2024")]);
        assert!(err.message.contains("needs the argument `of`"), "{err:?}");
    }
}
