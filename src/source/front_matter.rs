//! Splitting a Markdown file into its YAML front matter and body, and the
//! typed front matter of pages and sections.

use crate::error::Diagnostic;
use crate::messages::msg;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// A file cut at its front matter fences.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub yaml: &'a str,
    /// 1-based line of the file where the YAML starts.
    pub yaml_line: usize,
    pub body: &'a str,
    /// 1-based line of the file where the body starts.
    pub body_line: usize,
}

/// Cuts `text` (already without BOM, with `\n` line ends) at its `---` fences.
pub fn split<'a>(text: &'a str, file: &Path) -> Result<Split<'a>, Diagnostic> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let opening = text[..first_end].trim_end();
    if opening != "---" {
        let hint = if opening == "+++" {
            msg!("front-matter-toml-hint")
        } else {
            msg!("front-matter-missing-hint")
        };
        return Err(Diagnostic::new(file, msg!("front-matter-missing"))
            .at(1, Some(1))
            .hint(hint));
    }
    let after_open = &text[first_end..];
    let mut offset = 0;
    for (index, line) in after_open.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let body = &after_open[offset + line.len()..];
            return Ok(Split {
                yaml: &after_open[..offset],
                yaml_line: 2,
                body,
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Diagnostic::new(file, msg!("front-matter-unclosed"))
        .at(1, Some(1))
        .hint(msg!("front-matter-unclosed-hint")))
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    #[default]
    Date,
    Weight,
    Title,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    pub title: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub sort_by: SortBy,
    pub paginate_by: Option<usize>,
    pub template: Option<String>,
    pub page_template: Option<String>,
    #[serde(default)]
    pub weight: i64,
    /// Number the pages in date order (第 N 期), as `page.issue_number`.
    #[serde(default)]
    pub issue_numbers: bool,
    /// Build a calendar archive of the pages by month at `calendar/`.
    #[serde(default)]
    pub calendar: bool,
    /// Old paths of this site that redirect to the section's list.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFrontMatter {
    pub title: String,
    pub date: Option<String>,
    pub updated: Option<String>,
    #[serde(default)]
    pub draft: bool,
    pub slug: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub weight: i64,
    pub template: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub cover: Option<String>,
    /// Who wrote, supplied, photographed, edited and approved the page
    /// (作者, 来源, 摄影, 责任编辑, 审核), as official sites show them.
    #[serde(default)]
    pub author: String,
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub photographer: String,
    #[serde(default)]
    pub editor: String,
    #[serde(default)]
    pub reviewer: String,
    pub event: Option<EventFrontMatter>,
    /// The period a report's figures cover.
    pub period: Option<PeriodSpec>,
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// `period:` as written: a name (`2024-H1`, `2024`, `2024-Q3`, `2024-03`)
/// or a map of `from` and `to` dates. Checked later, like dates, so the
/// error can say which forms exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeriodSpec {
    Named(String),
    Range { from: String, to: String },
}

impl<'de> Deserialize<'de> for PeriodSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PeriodSpec;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a period such as 2024-H1, 2024, 2024-Q3, 2024-03, or `from:` and `to:` dates")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<PeriodSpec, E> {
                Ok(PeriodSpec::Named(text.to_string()))
            }

            // `period: 2024` is a number to YAML.
            fn visit_u64<E: serde::de::Error>(self, year: u64) -> Result<PeriodSpec, E> {
                Ok(PeriodSpec::Named(year.to_string()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<PeriodSpec, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Range {
                    from: String,
                    to: String,
                }
                let range = Range::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(PeriodSpec::Range {
                    from: range.from,
                    to: range.to,
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// The `event:` block of an event recap, with dates as written (`D =
/// String`) or validated (`D = DateValue`). Counts are unsigned, so a
/// negative number is a type error pointing at its line.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EventFrontMatter<D = String> {
    pub start: D,
    pub end: Option<D>,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub organizer: String,
    #[serde(default)]
    pub partners: Vec<String>,
    pub series: Option<String>,
    #[serde(default = "one")]
    pub sessions: u64,
    #[serde(default)]
    pub participants: u64,
    #[serde(default)]
    pub volunteers: u64,
    #[serde(default)]
    pub consultations: u64,
    #[serde(default)]
    pub awards: u64,
    #[serde(default)]
    pub materials: BTreeMap<String, u64>,
}

fn one() -> u64 {
    1
}

impl EventFrontMatter<String> {
    /// The same event with its dates replaced by validated ones.
    pub fn with_dates<D>(&self, start: D, end: D) -> EventFrontMatter<D> {
        EventFrontMatter {
            start,
            end: Some(end),
            location: self.location.clone(),
            organizer: self.organizer.clone(),
            partners: self.partners.clone(),
            series: self.series.clone(),
            sessions: self.sessions,
            participants: self.participants,
            volunteers: self.volunteers,
            consultations: self.consultations,
            awards: self.awards,
            materials: self.materials.clone(),
        }
    }
}

/// The 1-based line of `key:` at the top level of the front matter, to point
/// errors found after parsing (a bad date) at the right line.
pub fn key_line(split: &Split, key: &str) -> Option<usize> {
    yaml::top_level_keys(split.yaml)
        .find(|(found, _)| *found == key)
        .map(|(_, index)| split.yaml_line + index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body_with_lines() {
        let s = split("---\ntitle: a\n---\n\nbody\n", Path::new("a.md")).unwrap();
        assert_eq!(s.yaml, "title: a\n");
        assert_eq!(s.yaml_line, 2);
        assert_eq!(s.body, "\nbody\n");
        assert_eq!(s.body_line, 4);
        assert_eq!(key_line(&s, "title"), Some(2));
    }

    #[test]
    fn empty_body_and_missing_final_newline() {
        let s = split("---\ntitle: a\n---", Path::new("a.md")).unwrap();
        assert_eq!(s.body, "");
    }

    #[test]
    fn unclosed_and_missing_front_matter_are_errors() {
        let e = split("---\ntitle: a\nbody\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.contains("never closed"));
        let e = split("# just markdown\n", Path::new("a.md")).unwrap_err();
        assert!(e.message.contains("does not start with front matter"));
        let e = split("+++\ntitle = \"a\"\n+++\n", Path::new("a.md")).unwrap_err();
        assert!(e.hint.unwrap().contains("not TOML"));
        assert!(split("--- \ntitle: a\n---\n", Path::new("a.md")).is_ok());
    }
}
