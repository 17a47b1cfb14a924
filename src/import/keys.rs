//! Old front-matter keys → kepu's: `summary` → `description`, `lastmod` →
//! `updated`, `banner`/`image`/`thumbnail`/`featured_image` → `cover`,
//! strings where lists belong made lists, empty terms dropped, dates
//! normalised; everything kepu has no key for goes under `extra`.

use super::dates;
use super::front_matter::scalar_text;
use super::messages;
use super::report::Report;
use crate::yaml::stands_for;
use jiff::tz::TimeZone;
use serde::Serialize;
use serde_json::{Map, Value};

/// A page's front matter as kepu reads it.
#[derive(Debug, Default, Serialize)]
pub struct PageMeta {
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cover: Option<String>,
    #[serde(flatten)]
    pub attribution: Attribution,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

/// Who wrote, supplied, photographed, edited and approved a page (作者,
/// 来源, 摄影, 责任编辑, 审核): kepu's attribution fields, plain text.
#[derive(Debug, Default, Serialize)]
pub struct Attribution {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub source: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub photographer: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub editor: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
}

impl Attribution {
    /// The field an old key names (`author`, `authors`, `reviewer`…).
    fn field(&mut self, key: &str) -> Option<(&'static str, &mut String)> {
        let singular = key.strip_suffix('s').unwrap_or(key);
        Some(match singular {
            "author" => ("author", &mut self.author),
            "photographer" => ("photographer", &mut self.photographer),
            "editor" => ("editor", &mut self.editor),
            "reviewer" => ("reviewer", &mut self.reviewer),
            _ if key == "source" => ("source", &mut self.source),
            _ => return None,
        })
    }
}

/// A person's name or several as one line of text: a list joined with
/// “、” (`[张三, 李四]` → `张三、李四`), Hexo's `{name: …, link: …}` its
/// name; `None` for what is no name (a number, an address).
pub fn names(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(names).collect();
            (all.len() == items.len()).then(|| all.join("、"))?
        }
        Value::Object(map) => map.get("name").and_then(names)?,
        _ => return None,
    };
    (!text.is_empty() && !text.contains("://")).then_some(text)
}

/// A section's front matter (`_index.md`) as kepu reads it.
#[derive(Debug, Default, Serialize)]
pub struct SectionMeta {
    pub title: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    pub sort_by: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paginate_by: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

/// What the mapping needs to know of the old site.
pub struct Context<'a> {
    /// Dates without an offset are in this zone.
    pub zone: &'a TimeZone,
    /// The source file, relative to SOURCE (for the report).
    pub file: &'a str,
    /// The title when the front matter has none (the file name).
    pub fallback_title: &'a str,
    /// Taxonomies the old site had besides tags and categories (their
    /// values go under `extra`).
    pub other_taxonomies: &'a [String],
}

pub const TAGS: &[&str] = &["tags", "tag"];
pub const CATEGORIES: &[&str] = &["categories", "category"];
/// Maps of free values: their keys join `extra` directly.
const FREE_MAPS: &[&str] = &["extra", "params"];

/// Maps a page's old front matter; URL keys (`slug`, `url`, `aliases`…)
/// have been taken out by the caller.
pub fn page(fields: Map<String, Value>, context: &Context, report: &mut Report) -> PageMeta {
    let mut meta = PageMeta::default();
    for (key, value) in fields {
        let lower = key.to_ascii_lowercase();
        let lower = lower.as_str();
        match lower {
            "title" if !scalar_text(&value).trim().is_empty() => {
                meta.title = scalar_text(&value).trim().into()
            }
            "published" if value.is_boolean() => {
                meta.draft = value == Value::Bool(false);
                report.mapped(&key, "draft");
            }
            _ if stands_for(lower, "date") && meta.date.is_none() => {
                meta.date = date(&key, &value, context, report, &mut meta.extra);
                note_mapping(&key, "date", report);
            }
            _ if stands_for(lower, "updated") && meta.updated.is_none() => {
                meta.updated = date(&key, &value, context, report, &mut meta.extra);
                note_mapping(&key, "updated", report);
            }
            "draft" => meta.draft = truthy(&value),
            _ if stands_for(lower, "description") && meta.description.is_empty() && value.is_string() => {
                meta.description = scalar_text(&value).trim().into();
                note_mapping(&key, "description", report);
            }
            _ if stands_for(lower, "cover") && meta.cover.is_none() && cover(&value).is_some() => {
                meta.cover = cover(&value);
                note_mapping(&key, "cover", report);
            }
            _ if TAGS.contains(&lower) => {
                meta.tags.extend(terms(&value, report));
                note_mapping(&key, "tags", report);
            }
            _ if CATEGORIES.contains(&lower) => {
                if value
                    .as_array()
                    .is_some_and(|items| items.iter().any(Value::is_array))
                {
                    report.nested_categories += 1;
                }
                meta.categories.extend(terms(&value, report));
                note_mapping(&key, "categories", report);
            }
            "weight" if weight(&value).is_some() => meta.weight = weight(&value),
            // 作者, 审核…; what is no name (an address) goes under extra.
            _ if attribute(&key, &value, &mut meta.attribution, report) => {}
            "taxonomies" if value.is_object() => taxonomies(value, &mut meta, report),
            _ if FREE_MAPS.contains(&lower) && value.is_object() => {
                if let Value::Object(map) = value {
                    meta.extra.extend(map);
                }
            }
            _ => {
                if context
                    .other_taxonomies
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(&key))
                {
                    report.moved(&key);
                    meta.extra.insert(
                        key,
                        Value::Array(terms(&value, report).into_iter().map(Value::from).collect()),
                    );
                } else if !value.is_null() {
                    report.moved(&key);
                    meta.extra.insert(key, value);
                }
            }
        }
    }
    dedup(&mut meta.tags);
    dedup(&mut meta.categories);
    if meta.title.is_empty() {
        meta.title = context.fallback_title.to_string();
        report.review(context.file, None, messages::title_from_file_name(&meta.title));
    }
    meta
}

/// Maps a section's old front matter (`_index.md`): title and description
/// are kept, the rest goes under `extra`.
pub fn section(fields: Map<String, Value>, fallback_title: &str, report: &mut Report) -> SectionMeta {
    let mut meta = SectionMeta {
        title: fallback_title.to_string(),
        sort_by: "date",
        ..SectionMeta::default()
    };
    for (key, value) in fields {
        let lower = key.to_ascii_lowercase();
        match lower.as_str() {
            "title" if !scalar_text(&value).trim().is_empty() => {
                meta.title = scalar_text(&value).trim().into()
            }
            l if stands_for(l, "description") && value.is_string() => meta.description = scalar_text(&value),
            "weight" if weight(&value).is_some() => meta.weight = weight(&value),
            "paginate_by" | "paginate" if value.as_u64().is_some() => {
                meta.paginate_by = value.as_u64().map(|n| n as usize);
            }
            l if FREE_MAPS.contains(&l) && value.is_object() => {
                if let Value::Object(map) = value {
                    meta.extra.extend(map);
                }
            }
            "sort_by" => {
                meta.sort_by = match scalar_text(&value).as_str() {
                    "weight" => "weight",
                    "title" | "title_bytes" => "title",
                    _ => "date",
                }
            }
            // How the old generator rendered the list.
            "template"
            | "page_template"
            | "layout"
            | "type"
            | "cascade"
            | "draft"
            | "insert_anchor_links"
            | "paginate_path"
            | "paginate_reversed"
            | "render"
            | "transparent" => {}
            _ if !value.is_null() => {
                report.moved(&key);
                meta.extra.insert(key, value);
            }
            _ => {}
        }
    }
    meta
}

/// Puts `value` into the attribution field `key` names, if it is a name
/// and the field is still empty; whether that took all of it. A map with
/// more than a name (Hexo's `author: {name, link}`) gives its name and is
/// kept under `extra` too, so the link is not lost.
fn attribute(key: &str, value: &Value, attribution: &mut Attribution, report: &mut Report) -> bool {
    let lower = key.to_ascii_lowercase();
    let Some((field, slot)) = attribution.field(&lower) else {
        return false;
    };
    let Some(text) = names(value).filter(|_| slot.is_empty()) else {
        return false;
    };
    *slot = text;
    note_mapping(key, field, report);
    value.as_object().is_none_or(|m| m.len() <= 1)
}

fn note_mapping(from: &str, to: &str, report: &mut Report) {
    if from != to {
        report.mapped(from, to);
    }
}

fn date(
    key: &str,
    value: &Value,
    context: &Context,
    report: &mut Report,
    extra: &mut Map<String, Value>,
) -> Option<String> {
    let text = scalar_text(value);
    let normalised = dates::normalise(&text, context.zone);
    if normalised.is_none() && !text.trim().is_empty() {
        report.review(context.file, None, messages::bad_date(key, &text));
        extra.insert(key.to_string(), value.clone());
    }
    normalised
}

fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(b) => *b,
        Value::String(s) => matches!(s.trim(), "true" | "yes" | "True" | "TRUE"),
        _ => false,
    }
}

fn weight(value: &Value) -> Option<i64> {
    value.as_i64().or_else(|| value.as_str()?.trim().parse().ok())
}

/// A cover image: a path, the first of a list, or `{image: …}` (PaperMod).
fn cover(value: &Value) -> Option<String> {
    let text = match value {
        Value::String(s) => s.trim().to_string(),
        Value::Array(items) => items.first().map(scalar_text)?,
        Value::Object(map) => map.get("image").or_else(|| map.get("src")).map(scalar_text)?,
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// Terms from a list or a string (`tags: java`, `tags: a, b`); nested lists
/// (Hexo's category hierarchies) are flattened. Terms without a letter or
/// digit are dropped and counted.
pub fn terms(value: &Value, report: &mut Report) -> Vec<String> {
    let mut raw = Vec::new();
    collect_terms(value, &mut raw);
    let mut kept = Vec::new();
    for term in raw {
        let term = term.trim();
        if term.chars().any(char::is_alphanumeric) {
            kept.push(term.to_string());
        } else {
            report.terms_dropped += 1;
        }
    }
    kept
}

fn collect_terms(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.extend(s.split([',', '，', '、']).map(str::to_string)),
        Value::Array(items) => items.iter().for_each(|item| collect_terms(item, out)),
        Value::Null => out.push(String::new()),
        other => out.push(scalar_text(other)),
    }
}

/// Zola's `[taxonomies]` table.
fn taxonomies(value: Value, meta: &mut PageMeta, report: &mut Report) {
    let Value::Object(map) = value else { return };
    for (name, values) in map {
        match name.as_str() {
            "tags" => meta.tags.extend(terms(&values, report)),
            "categories" => meta.categories.extend(terms(&values, report)),
            // Zola sites list their authors as a taxonomy: the page's author.
            _ if attribute(&name, &values, &mut meta.attribution, report) => {}
            _ => {
                report.moved(&name);
                meta.extra.insert(
                    name,
                    Value::Array(terms(&values, report).into_iter().map(Value::from).collect()),
                );
            }
        }
    }
}

fn dedup(terms: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    terms.retain(|t| seen.insert(t.to_lowercase()));
}

/// The front matter block and body of a kepu content file.
pub fn write_file(meta: &impl Serialize, body: &str) -> String {
    let yaml = yaml_serde::to_string(meta).unwrap_or_default();
    let body = body.trim_start_matches('\n');
    format!("---\n{yaml}---\n\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(yaml: &str) -> Map<String, Value> {
        match super::super::front_matter::yaml_to_json(yaml_serde::from_str(yaml).unwrap()) {
            Value::Object(m) => m,
            _ => panic!("not a map"),
        }
    }

    fn mapped(yaml: &str) -> (PageMeta, Report) {
        let mut report = Report::default();
        let zone = dates::zone("Asia/Shanghai").unwrap();
        let context = Context {
            zone: &zone,
            file: "content/posts/a.md",
            fallback_title: "文件名",
            other_taxonomies: &["series".to_string()],
        };
        (page(map(yaml), &context, &mut report), report)
    }

    #[test]
    fn kepu_keys_where_they_exist() {
        let (meta, report) = mapped(
            "title: 服务网格\nsummary: 简介\nlastmod: 2019-05-28T7:15:43+08:00\nbanner: /img/b.jpg\ndate: 2016-08-11 19:55:50\n",
        );
        assert_eq!(meta.description, "简介");
        assert_eq!(meta.updated.as_deref(), Some("2019-05-28T07:15:43+08:00"));
        assert_eq!(meta.date.as_deref(), Some("2016-08-11T19:55:50+08:00"));
        assert_eq!(meta.cover.as_deref(), Some("/img/b.jpg"));
        assert_eq!(report.keys_mapped["summary → description"], 1);
        assert_eq!(report.keys_mapped["banner → cover"], 1);
        assert!(report.keys_moved.is_empty());
    }

    #[test]
    fn everything_else_under_extra_counted() {
        let (meta, report) =
            mapped("title: x\nkeywords: [a, b]\ntranslator: 崔秀龙\ntoc: true\nseries: [入门]\n");
        assert_eq!(meta.extra["keywords"], serde_json::json!(["a", "b"]));
        assert_eq!(meta.extra["translator"], "崔秀龙");
        assert_eq!(meta.extra["series"], serde_json::json!(["入门"]));
        assert_eq!(report.keys_moved["toc"], 1);
        assert_eq!(report.keys_moved.len(), 4);
    }

    #[test]
    fn attribution_fields_take_names_and_lists_of_names() {
        let (meta, report) = mapped(
            "title: x\nauthor: [宋净超, 马若飞]\nreviewer: 孙海洲\neditors: [张敏]\nphotographer: 王工\nsource: 市科协科普部\ntranslator: 崔秀龙\n",
        );
        let a = &meta.attribution;
        assert_eq!(a.author, "宋净超、马若飞");
        assert_eq!(a.reviewer, "孙海洲");
        assert_eq!(a.editor, "张敏");
        assert_eq!(a.photographer, "王工");
        assert_eq!(a.source, "市科协科普部");
        assert_eq!(meta.extra["translator"], "崔秀龙");
        assert_eq!(report.keys_mapped["editors → editor"], 1);
        assert_eq!(report.keys_moved.len(), 1);
    }

    #[test]
    fn what_is_no_name_stays_under_extra() {
        // An address is no 来源; a map with a link gives its name and is kept.
        let (meta, _) = mapped(
            "title: x\nsource: https://istio.io/blog/\nauthor: {name: 张小龙, link: https://example.org/}\n",
        );
        assert_eq!(meta.attribution.source, "");
        assert_eq!(meta.extra["source"], "https://istio.io/blog/");
        assert_eq!(meta.attribution.author, "张小龙");
        assert_eq!(meta.extra["author"]["link"], "https://example.org/");
        let text = write_file(&meta, "");
        assert!(text.contains("\nauthor: 张小龙\n"), "{text}");
    }

    #[test]
    fn strings_become_lists_and_empty_terms_go() {
        let (meta, report) =
            mapped("title: x\ntags: java\ncategories: [后端, '', ~, '  ', [框架, Spring]]\n");
        assert_eq!(meta.tags, ["java"]);
        assert_eq!(meta.categories, ["后端", "框架", "Spring"]);
        assert_eq!(report.terms_dropped, 3);
        assert_eq!(report.nested_categories, 1);
    }

    #[test]
    fn a_missing_title_comes_from_the_file_name() {
        let (meta, report) = mapped("date: 2015/3/21\n");
        assert_eq!(meta.title, "文件名");
        assert_eq!(meta.date.as_deref(), Some("2015-03-21"));
        assert_eq!(report.review.len(), 1);
    }

    #[test]
    fn unreadable_dates_are_kept_and_listed() {
        let (meta, report) = mapped("title: x\ndate: 去年春天\n");
        assert_eq!(meta.date, None);
        assert_eq!(meta.extra["date"], "去年春天");
        assert!(report.review[0].what.contains("去年春天"));
    }

    #[test]
    fn the_written_file_is_kepu_front_matter() {
        let (meta, _) = mapped("title: '冒号: 也行'\ntags: [a]\n");
        let text = write_file(&meta, "\n正文\n");
        assert!(
            text.starts_with("---\ntitle: '冒号: 也行'\ntags:\n- a\n---\n\n正文"),
            "{text}"
        );
    }
}
