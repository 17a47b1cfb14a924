//! Reading an old site's front matter (YAML between `---`, TOML between
//! `+++`, Hexo's YAML without its opening `---`) into plain JSON values,
//! and converting TOML and YAML documents to the same values.

use serde_json::{Map, Value};

/// A content file split into its front matter and body.
#[derive(Debug, Default)]
pub struct Split {
    pub fields: Map<String, Value>,
    pub body: String,
    /// The 1-based line of the source file on which the body starts.
    pub body_line: usize,
    /// Keys written twice, with the line of the value left out (the old
    /// generators read the last one).
    pub duplicates: Vec<(String, usize)>,
}

/// Why a front matter could not be read; the file is imported with its
/// front matter kept in the body for review.
#[derive(Debug)]
pub struct Unreadable {
    pub why: String,
    /// The whole text after the byte-order mark, line ends made `\n`.
    pub text: String,
}

/// Splits `text`; with `headless_yaml` (Hexo), YAML ending in a `---` line
/// without an opening one is front matter too.
pub fn split(text: &str, headless_yaml: bool) -> Result<Split, Unreadable> {
    let text = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let fail = |why: String| Unreadable {
        why,
        text: text.clone(),
    };
    let fenced = |fence: &str| -> Option<(usize, usize)> {
        let rest = text.strip_prefix(fence)?.strip_prefix('\n')?;
        let start = fence.len() + 1;
        let mut at = start;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                return Some((start, at));
            }
            at += line.len();
        }
        None
    };
    let (kind, start, end) = if let Some((s, e)) = fenced("---") {
        (Kind::Yaml, s, e)
    } else if let Some((s, e)) = fenced("+++") {
        (Kind::Toml, s, e)
    } else if text.starts_with("---\n") || text.starts_with("+++\n") {
        return Err(fail("开头的分隔线没有结束的那一行".into()));
    } else if let Some(end) = headless_yaml.then(|| headless_end(&text)).flatten() {
        (Kind::Yaml, 0, end)
    } else {
        return Ok(Split {
            fields: Map::new(),
            body: text.clone(),
            body_line: 1,
            duplicates: Vec::new(),
        });
    };
    let head = &text[start..end];
    let head_line = text[..start].matches('\n').count() + 1;
    let (fields, duplicates) = match kind {
        Kind::Yaml => yaml_last_wins(head),
        Kind::Toml => toml(head).map(|fields| (fields, Vec::new())),
    }
    .map_err(fail)?;
    let duplicates = duplicates
        .into_iter()
        .map(|(key, line)| (key, head_line + line))
        .collect();
    let after = end + text[end..].find('\n').map_or(text.len() - end, |i| i + 1);
    let body = text.get(after..).unwrap_or("").to_string();
    Ok(Split {
        fields,
        body_line: text[..after].matches('\n').count() + 1,
        body,
        duplicates,
    })
}

/// YAML front matter where a key written twice is read as Hugo and Hexo
/// read it (the last value wins; strict YAML refuses it), with the keys
/// and the 0-based lines of the values left out.
fn yaml_last_wins(text: &str) -> Result<(Map<String, Value>, LeftOut), String> {
    match yaml(text) {
        Ok(fields) => Ok((fields, Vec::new())),
        Err(why) if why.contains("duplicate") => {
            let (kept, left_out) = last_of_each_key(text);
            Ok((yaml(&kept)?, left_out))
        }
        Err(why) => Err(why),
    }
}

/// Keys written twice, each with the 0-based line of the entry left out.
type LeftOut = Vec<(String, usize)>;

/// The text with only the last entry of each top-level key (its line and
/// the indented or list lines below it), and the keys left out with the
/// 0-based line where each left-out entry started.
fn last_of_each_key(text: &str) -> (String, LeftOut) {
    let mut entries: Vec<(Option<String>, usize, String)> = Vec::new();
    for (number, line) in text.split_inclusive('\n').enumerate() {
        let key = top_level_key(line);
        match (key, entries.last_mut()) {
            (None, Some((_, _, lines))) => lines.push_str(line),
            (key, _) => entries.push((key, number, line.to_string())),
        }
    }
    let mut kept = String::new();
    let mut left_out = Vec::new();
    for (i, (key, line, lines)) in entries.iter().enumerate() {
        let written_again = key.as_ref().is_some_and(|k| {
            entries[i + 1..]
                .iter()
                .any(|(later, _, _)| later.as_ref() == Some(k))
        });
        if written_again {
            left_out.push((key.clone().unwrap_or_default(), *line));
        } else {
            kept.push_str(lines);
        }
    }
    (kept, left_out)
}

/// `key` of a line `key: value` at the top level (not indented, not a list
/// item or comment), its quotes removed.
fn top_level_key(line: &str) -> Option<String> {
    if line.starts_with([' ', '\t', '-', '#']) {
        return None;
    }
    let (key, _) = line.split_once(':')?;
    let key = key.trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then(|| key.to_string())
}

enum Kind {
    Yaml,
    Toml,
}

/// Where the YAML of a Hexo file without its opening `---` ends: the first
/// `---` line, when every line before it is a key, a list item, an
/// indented continuation or empty.
fn headless_end(text: &str) -> Option<usize> {
    let mut at = 0;
    let mut keys = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if trimmed == "---" {
            return (keys > 0).then_some(at);
        }
        let is_key = line.split_once(':').is_some_and(|(key, _)| {
            !key.is_empty() && !key.starts_with([' ', '-', '#']) && !key.contains(' ')
        });
        let continues = trimmed.is_empty() || line.starts_with([' ', '\t', '-']);
        if !is_key && !continues {
            return None;
        }
        keys += usize::from(is_key);
        at += line.len();
    }
    None
}

fn yaml(text: &str) -> Result<Map<String, Value>, String> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: yaml_serde::Value = yaml_serde::from_str(text).map_err(|e| e.to_string())?;
    match yaml_to_json(value) {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err("头部信息不是“键: 值”的形式".into()),
    }
}

fn toml(text: &str) -> Result<Map<String, Value>, String> {
    let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
    match toml_to_json(toml::Value::Table(table)) {
        Value::Object(map) => Ok(map),
        _ => Ok(Map::new()),
    }
}

/// A parsed configuration file (`.toml`, `.yaml`/`.yml` or `.json`).
pub fn config_document(text: &str, extension: &str) -> Result<Map<String, Value>, String> {
    match extension {
        "toml" => toml(text),
        "json" => serde_json::from_str(text).map_err(|e| e.to_string()),
        _ => yaml(text),
    }
}

/// YAML's values as JSON: keys that are numbers or booleans become text.
pub fn yaml_to_json(value: yaml_serde::Value) -> Value {
    use yaml_serde::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (scalar_text(&yaml_to_json(k)), yaml_to_json(v)))
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

/// TOML's values as JSON: dates become their text (`2024-06-25T08:30:00+08:00`).
pub fn toml_to_json(value: toml::Value) -> Value {
    use toml::Value as T;
    match value {
        T::String(s) => Value::String(s),
        T::Integer(i) => Value::from(i),
        T::Float(f) => Value::from(f),
        T::Boolean(b) => Value::Bool(b),
        T::Datetime(d) => Value::String(d.to_string()),
        T::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        T::Table(table) => Value::Object(table.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect()),
    }
}

/// A scalar as text (`7` → `"7"`); `""` for null, lists and maps.
pub fn scalar_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_between_dashes() {
        let split = split("---\ntitle: 你好\ntags: [a]\n---\n正文\n", false).unwrap();
        assert_eq!(split.fields["title"], "你好");
        assert_eq!(split.body, "正文\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn toml_between_pluses_with_dates() {
        let split = split(
            "+++\ntitle = \"你好\"\ndate = 2019-05-28T07:15:43+08:00\n+++\n正文",
            false,
        )
        .unwrap();
        assert_eq!(split.fields["date"], "2019-05-28T07:15:43+08:00");
        assert_eq!(split.body, "正文");
    }

    #[test]
    fn hexo_without_the_opening_dashes() {
        let text = "title: 没有开头的分隔线\ndate: 2016-08-11 19:55:50\ntags:\n  - java\n---\n正文\n";
        let split = split(text, true).unwrap();
        assert_eq!(split.fields["title"], "没有开头的分隔线");
        assert_eq!(split.body, "正文\n");
        assert_eq!(split.body_line, 6);
        // Elsewhere, or when the text is prose, it stays body.
        assert!(super::split(text, false).unwrap().fields.is_empty());
        let prose = "这是一段话：不是头部\n---\n";
        assert!(super::split(prose, true).unwrap().fields.is_empty());
    }

    #[test]
    fn unclosed_or_broken_front_matter_is_reported() {
        assert!(split("---\ntitle: x\n", false).is_err());
        let err = split("---\ntitle: [x\n---\n", false).unwrap_err();
        assert!(err.text.contains("title: [x"));
    }

    #[test]
    fn a_key_written_twice_keeps_its_last_value() {
        // servicemesher: `reviewer` twice, the second one a list.
        let text = "---\ntitle: 你好\nreviewer: 张三\nkeywords:\n  - a\nreviewer:\n  - 李四\n---\n正文\n";
        let split = split(text, false).unwrap();
        assert_eq!(split.fields["title"], "你好");
        assert_eq!(split.fields["reviewer"], serde_json::json!(["李四"]));
        assert_eq!(split.fields["keywords"], serde_json::json!(["a"]));
        assert_eq!(split.duplicates, [("reviewer".to_string(), 3)]);
        assert_eq!(split.body, "正文\n");
    }

    #[test]
    fn crlf_and_bom_are_read() {
        let split = split("\u{feff}---\r\ntitle: x\r\n---\r\nbody\r\n", false).unwrap();
        assert_eq!(split.fields["title"], "x");
        assert_eq!(split.body, "body\n");
    }
}
