//! Typed YAML parsing with errors editors can act on: the line and column in
//! the user's file (not in the extracted front matter), and a hint in plain
//! words for the mistakes editors really make (an unquoted colon in a title,
//! `yes`/`no` for booleans, a misspelt key).

use crate::error::{Diagnostic, did_you_mean};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text` as `T`. `first_line` is the 1-based line of the file on
/// which `text` starts, so reported lines point into the file.
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path, first_line: usize) -> Result<T, Diagnostic> {
    // An empty document is `null` to YAML; treat it as an empty mapping so
    // that missing required keys are reported as such.
    let source = if text.trim().is_empty() { "{}" } else { text };
    yaml_serde::from_str(source).map_err(|err| to_diagnostic(&err, text, file, first_line))
}

/// The top-level keys of a YAML block mapping (`key:` at the start of a
/// line) with the 0-based index of the line each is written on. Errors
/// found after parsing (a bad date, a section that does not exist) use it
/// to point at the key, since serde no longer knows where a value was.
pub fn top_level_keys(text: &str) -> impl Iterator<Item = (&str, usize)> {
    text.lines().enumerate().filter_map(|(index, line)| {
        let (key, _) = line.split_once(':')?;
        let key = key.trim_end();
        let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        is_key.then_some((key, index))
    })
}

fn to_diagnostic(err: &yaml_serde::Error, text: &str, file: &Path, first_line: usize) -> Diagnostic {
    let full = err.to_string();
    let placed = duplicate_at(&full, text).or_else(|| opened_at(&full, text));
    let (line, column) = match (placed, err.location()) {
        (Some(placed), _) => placed,
        (None, Some(loc)) => line_column(text, loc.index()).unwrap_or((loc.line(), Some(loc.column()))),
        (None, None) => aliases_used(text).map_or((1, None), |(first, _)| (first, None)),
    };
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let (mut message, hint) = explain(&without_positions(&full), line_text);
    if full.starts_with("repetition limit exceeded") {
        if let Some((first, last)) = aliases_used(text) {
            message = format!(
                "{message} (the aliases are used on lines {}–{})",
                first_line + first - 1,
                first_line + last - 1
            );
        }
    }
    Diagnostic::new(file, message)
        .at(first_line + line - 1, column)
        .maybe_hint(hint)
        .code(code_of(&full))
}

/// The kind of a YAML error, for `Diagnostic::code`.
fn code_of(serde_message: &str) -> &'static str {
    const KINDS: &[(&str, &str)] = &[
        ("unknown field", "unknown-key"),
        ("missing field", "missing-key"),
        ("duplicate field", "duplicate-key"),
        ("unknown variant", "unknown-value"),
        ("invalid type", "wrong-type"),
        ("invalid value", "wrong-type"),
    ];
    KINDS
        .iter()
        .find(|(phrase, _)| serde_message.contains(phrase))
        .map_or("yaml-syntax", |(_, code)| code)
}

/// For a key written twice, the second writing (serde sees the mapping,
/// not where the key repeats): the line and column of its name.
fn duplicate_at(message: &str, text: &str) -> Option<(usize, Option<usize>)> {
    let key = message.strip_prefix("duplicate field `")?.split('`').next()?;
    let mut written = text.lines().enumerate().filter_map(|(index, line)| {
        let name = line.trim_start().trim_start_matches("- ");
        let (found, _) = name.split_once(':')?;
        let is_key = found.trim_end().trim_matches(['"', '\'']) == key;
        is_key.then(|| (index + 1, Some(line.len() - name.len() + 1)))
    });
    written.nth(1)
}

/// The first and last lines (1-based) where YAML aliases (`*name`) are
/// used: where an alias bomb is written.
fn aliases_used(text: &str) -> Option<(usize, usize)> {
    let uses_alias = |line: &str| {
        line.match_indices('*').any(|(at, _)| {
            let before = line[..at].trim_end();
            let after_ok = line[at + 1..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
            after_ok && (before.is_empty() || before.ends_with([':', ',', '[', '{', '-']))
        })
    };
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, line)| uses_alias(line))
        .map(|(i, _)| i + 1);
    let first = lines.next()?;
    Some((first, lines.last().unwrap_or(first)))
}

/// The 1-based line and column of byte `index` of `text`, counting only
/// `\n` as a line end like the rest of kepu (YAML also counts `\r`, NEL and
/// the Unicode line separators, so its own line numbers can run ahead).
fn line_column(text: &str, index: usize) -> Option<(usize, Option<usize>)> {
    let before = text.get(..index)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, Some(column)))
}

/// For a quote or list never closed, YAML notices at the end of the text;
/// the line it was opened on (the last position in the message) is where
/// the editor has to look. YAML's line number is turned into kepu's, which
/// counts only `\n`.
fn opened_at(message: &str, text: &str) -> Option<(usize, Option<usize>)> {
    let unclosed = ["while scanning a quoted scalar", "while parsing a flow"];
    if !unclosed.iter().any(|u| message.contains(u)) {
        return None;
    }
    let (_, position) = message.rsplit_once(" at line ")?;
    let (line, column) = position.split_once(" column ")?;
    let (line, _) = line_column(text, yaml_line_start(text, line.trim().parse().ok()?)?)?;
    Some((line, column.trim().parse().ok()))
}

/// The byte offset where YAML's 1-based `line` starts: YAML ends a line at
/// `\n`, `\r`, `\r\n`, NEL and the Unicode line and paragraph separators.
fn yaml_line_start(text: &str, line: usize) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    let mut current = 1;
    while current < line {
        let (_, c) = chars.next()?;
        let is_break = match c {
            '\r' => {
                chars.next_if(|(_, next)| *next == '\n');
                true
            }
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
            _ => false,
        };
        current += usize::from(is_break);
    }
    Some(chars.peek().map_or(text.len(), |(at, _)| *at))
}

/// The message without the scanner's ` at line N column M` positions, which
/// count from the front matter, not the file (the diagnostic has the right one).
fn without_positions(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        let skipped = after
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(after.len());
        rest = &after[skipped..];
    }
    out.push_str(rest);
    out.trim_end().to_string()
}

/// Where a phrase stands in YAML's message.
enum Phrase {
    Starts(&'static str),
    Contains(&'static str),
}

impl Phrase {
    fn is_in(&self, message: &str) -> bool {
        match self {
            Phrase::Starts(phrase) => message.starts_with(phrase),
            Phrase::Contains(phrase) => message.contains(phrase),
        }
    }
}

/// A YAML error recognised by a phrase of its message, in plain words.
struct Explained {
    phrase: Phrase,
    message: &'static str,
    hint: &'static str,
}

/// The YAML errors whose explanation does not depend on the line; the
/// first whose phrase is in the message explains it.
const EXPLAINED: &[Explained] = &[
    Explained {
        phrase: Phrase::Contains("while scanning a quoted scalar"),
        message: "a quoted value is never closed",
        hint: "end the value with the same quote mark on the same line, e.g. title: \"科普知识\"",
    },
    Explained {
        phrase: Phrase::Contains("cannot start any token"),
        message: "a value starts with a character YAML reserves (`@`, `` ` ``, `%`)",
        hint: "put the value in double quotes",
    },
    Explained {
        phrase: Phrase::Starts("recursion limit exceeded"),
        message: "the values are nested too deeply",
        hint: "front matter needs a few levels of lists and keys at most; flatten the nesting",
    },
    Explained {
        phrase: Phrase::Starts("repetition limit exceeded"),
        message: "the YAML aliases (`*name`) expand to too much data",
        hint: "write the values out instead of repeating `*name` references",
    },
    Explained {
        phrase: Phrase::Starts("control characters are not allowed"),
        message: "the front matter contains an invisible control character",
        hint: "retype the line; such characters come with text pasted from Word or a web page",
    },
    Explained {
        phrase: Phrase::Contains("more than one document"),
        message: "the front matter is not one block of `key: value` lines",
        hint: "start every key at the beginning of its line, and use `---` only as the two fences",
    },
    Explained {
        phrase: Phrase::Contains("while parsing a flow"),
        message: "a list `[` or map `{` is never closed",
        hint: "close it on the same line, e.g. tags: [健康, 安全]; put a value containing `,`, `[` or `]` in double quotes",
    },
    Explained {
        phrase: Phrase::Starts("did not find expected key"),
        message: "the YAML syntax of this line is broken",
        hint: "put a value with quotes, `: `, `[`, `]` or `,` in quotes (title: '他说\"你好\"'), close every `[` with `]`, and line keys up with spaces",
    },
];

/// The message in plain words and a hint for the mistakes editors make.
fn explain(message: &str, line_text: &str) -> (String, Option<String>) {
    let plain = |m: &str, h: &str| (m.to_string(), Some(h.to_string()));
    if message.starts_with("mapping values are not allowed") {
        return (
            "a value contains a `: ` (colon and space), which YAML reads as a new key".into(),
            Some(colon_hint(line_text)),
        );
    }
    if message.contains("tab character")
        || (message.contains("cannot start any token") && line_text.contains('\t'))
    {
        return plain(
            "a tab character in the front matter",
            "YAML does not allow tabs: indent with spaces",
        );
    }
    if let Some(explained) = EXPLAINED.iter().find(|e| e.phrase.is_in(message)) {
        return plain(explained.message, explained.hint);
    }
    if let Some(rest) = message.split("unknown variant `").nth(1) {
        let (field, _) = message.split_once(": ").unwrap_or(("", ""));
        let (unknown, hint) = unknown_word_hint(rest, "write one of");
        return (format!("{field}: unknown value `{unknown}`"), Some(hint));
    }
    if message.starts_with("could not find expected ':'") {
        return plain("a line is not `key: value`", &key_value_hint(line_text));
    }
    if message.contains("expected struct") || message.contains("expected a map") {
        return plain(
            "the front matter is not `key: value` lines",
            &key_value_hint(line_text),
        );
    }
    (plain_message(message), hint_for(message))
}

/// A line YAML read as a second key: quote its value, unless it is a key
/// that was indented by mistake.
fn colon_hint(line_text: &str) -> String {
    let (key, value) = line_text.split_once(':').unwrap_or(("title", line_text));
    if line_text.starts_with(' ') && !key.trim().contains(' ') {
        return format!(
            "remove the spaces before `{}:` (top-level keys start the line), or put the value of the line above in double quotes",
            key.trim()
        );
    }
    let value = value.trim().replace('"', "\\\"");
    format!("put the value in double quotes: {}: \"{}\"", key.trim(), value)
}

/// Why a line is not `key: value`: a full-width colon, or no space after `:`.
fn key_value_hint(line_text: &str) -> String {
    let key = line_text.split(['：', ':']).next().unwrap_or("title").trim();
    if line_text.contains('：') {
        format!("write a half-width colon and a space after the key (`{key}: …`), not the full-width `：`")
    } else if line_text.contains(':') {
        format!("put a space after the colon: `{key}: …`")
    } else {
        "write one `key: value` per line, e.g. `title: 冬季如何预防流感`".into()
    }
}

/// The unknown word at the start of `rest` (what follows serde's ``unknown
/// field ` `` or ``unknown variant ` ``) and a hint: the expected word it is
/// nearest to, else all of them after `all_intro`.
fn unknown_word_hint<'m>(rest: &'m str, all_intro: &str) -> (&'m str, String) {
    let unknown = rest.split('`').next().unwrap_or("");
    let expected = quoted_words(rest.split_once("expected").map_or("", |(_, e)| e));
    let hint = match did_you_mean(unknown, &expected) {
        Some(near) => format!("did you mean `{near}`?"),
        None => format!("{all_intro}: {}", expected.join(", ")),
    };
    (unknown, hint)
}

/// The words in backquotes of serde's `expected one of `a`, `b`` lists.
fn quoted_words(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// Rewrites serde's wording where editors would not understand it.
fn plain_message(message: &str) -> String {
    // The list of expected keys goes into the hint, not the message.
    let message = message.split(", expected one of").next().unwrap_or(message);
    let message = match message.split_once(" as u128") {
        Some((before, after)) => format!("{before}{after}"),
        None => message.to_string(),
    };
    ["i64", "u64", "usize"]
        .iter()
        .fold(message, |m, int| {
            m.replace(&format!("expected {int}"), "expected a whole number")
        })
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing required key")
}

fn hint_for(message: &str) -> Option<String> {
    if let Some(rest) = message.split("unknown field `").nth(1) {
        return Some(unknown_word_hint(rest, "known keys are").1);
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let key = rest.split('`').next().unwrap_or("");
        return Some(format!("add a line `{key}: …` to the front matter"));
    }
    if let Some(rest) = message.split("duplicate field `").nth(1) {
        let key = rest.split('`').next().unwrap_or("");
        return Some(format!("keep only one `{key}:` line"));
    }
    if message.contains("expected a boolean") {
        return Some(
            "only `true` and `false` are booleans in YAML; `yes`, `no`, `on` and `off` are text".into(),
        );
    }
    if message.contains("expected a sequence") {
        return Some("write a list, e.g. `tags: [健康, 安全]`".into());
    }
    if message.contains("expected a string") || message.contains("expected a borrowed string") {
        return Some("put the value in double quotes".into());
    }
    if ["i64", "u64", "usize"]
        .iter()
        .any(|int| message.contains(&format!("expected {int}")))
    {
        return Some("write a whole number without quotes, e.g. `weight: 3` (counts are 0 or more)".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Meta {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        draft: bool,
    }

    #[test]
    fn top_level_keys_are_found_with_their_lines() {
        let text = "title: a\nevent:\n  start: 2024-03-06\n# note: x\ndate : 2024-06-25\n";
        let keys: Vec<(&str, usize)> = top_level_keys(text).collect();
        assert_eq!(keys, [("title", 0), ("event", 1), ("date", 4)]);
    }

    fn err(text: &str) -> Diagnostic {
        parse::<Meta>(text, Path::new("a.md"), 2).unwrap_err()
    }

    #[test]
    fn unquoted_colon_in_title_says_to_quote_it() {
        let d = err("title: 每日科普: 冬季如何预防流感\n");
        assert_eq!(d.line, Some(2));
        assert!(d.message.contains("colon"), "{d}");
        assert_eq!(
            d.hint.as_deref(),
            Some("put the value in double quotes: title: \"每日科普: 冬季如何预防流感\"")
        );
    }

    #[test]
    fn yes_is_not_a_boolean() {
        let d = err("title: a\ndraft: yes\n");
        assert_eq!(d.line, Some(3));
        assert!(d.hint.unwrap().contains("only `true` and `false`"));
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let d = err("title: a\ntag: [x]\n");
        assert_eq!(d.line, Some(3));
        assert!(d.message.starts_with("unknown key `tag`"), "{d}");
        assert_eq!(d.hint.as_deref(), Some("did you mean `tags`?"));
    }

    #[test]
    fn missing_title_and_wrong_type() {
        assert!(
            err("tags: [a]\n")
                .message
                .contains("missing required key `title`")
        );
        let d = err("title: a\ntags: 3\n");
        assert_eq!(d.line, Some(3));
        assert!(d.hint.unwrap().contains("tags: ["));
    }

    #[test]
    fn editors_mistakes_get_plain_messages_and_hints() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "title：标题\n",
                "not `key: value` lines",
                "not the full-width `：`",
            ),
            (
                "title:标题\n",
                "not `key: value` lines",
                "put a space after the colon",
            ),
            ("title: a\n\tdraft: true\n", "tab", "indent with spaces"),
            ("title: a\ntitle: b\n", "duplicate", "keep only one `title:` line"),
            ("title: \"标题\ndraft: true\n", "never closed", "same quote mark"),
            (
                "title: a\ntags: [x, y\ndraft: true\n",
                "never closed",
                "close it on the same line",
            ),
            ("title: `a`\n", "reserves", "double quotes"),
            (
                "title: a\n  draft: true\n",
                "colon",
                "remove the spaces before `draft:`",
            ),
        ];
        for (text, message, hint) in cases {
            let d = err(text);
            assert!(d.message.contains(message), "{text:?}: {d}");
            assert!(d.hint.as_deref().unwrap_or("").contains(hint), "{text:?}: {d}");
            assert!(!d.message.contains("at line"), "{text:?}: {d}");
            assert!(
                d.line.is_some_and(|l| l >= 2 && l <= text.lines().count() + 1),
                "{text:?}: {d}"
            );
        }
    }

    #[test]
    fn numbers_and_choices_are_explained() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Numbers {
            weight: i64,
            #[serde(default)]
            sort_by: Option<crate::source::front_matter::SortBy>,
        }
        let d = parse::<Numbers>("weight: heavy\n", Path::new("a.md"), 2).unwrap_err();
        assert!(d.message.contains("expected a whole number"), "{d}");
        assert!(d.hint.unwrap().contains("whole number"));
        let d = parse::<Numbers>("weight: 1\nsort_by: wieght\n", Path::new("a.md"), 2).unwrap_err();
        assert!(d.message.contains("unknown value `wieght`"), "{d}");
        assert_eq!(d.hint.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn deep_nesting_and_alias_bombs_are_refused_plainly() {
        let deep = format!("title: a\nx: {}{}\n", "[".repeat(1000), "]".repeat(1000));
        let any = |text: &str| parse::<serde_json::Value>(text, Path::new("a.md"), 2).unwrap_err();
        assert!(any(&deep).message.contains("nested too deeply"), "{}", any(&deep));
        let mut bomb = String::from("title: a\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let previous = if i == 1 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            bomb.push_str(&format!(
                "b{i}: &b{i} [{}]\n",
                vec![format!("*{previous}"); 9].join(", ")
            ));
        }
        assert!(any(&bomb).message.contains("aliases"), "{}", any(&bomb));
    }

    #[test]
    fn unclosed_quotes_and_lists_point_where_they_open() {
        assert_eq!(err("title: a\ntags: [x, y\ndraft: true\n").line, Some(3));
        assert_eq!(err("title: \"标题\ndraft: true\n").line, Some(2));
    }

    #[test]
    fn an_unclosed_quote_after_carriage_returns_points_inside_the_text() {
        let d = err("title: a\r\r\rx: '\r\r[\n");
        assert_eq!(d.line, Some(2), "one line to kepu: {d}");
        assert_eq!(yaml_line_start("a\r\nb\u{2028}c", 3), Some(7));
    }

    #[test]
    fn lines_count_only_newlines() {
        let d = err("title: 旧\u{2028}文\rx: [\n");
        assert_eq!(d.line, Some(2), "one line to kepu, three to YAML: {d}");
    }
}
