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

fn to_diagnostic(err: &yaml_serde::Error, text: &str, file: &Path, first_line: usize) -> Diagnostic {
    let full = err.to_string();
    let message = match full.rfind(" at line ") {
        Some(at) => full[..at].to_string(),
        None => full,
    };
    let (line, column) = match err.location() {
        Some(loc) => (loc.line(), Some(loc.column())),
        None => (1, None),
    };
    let line_text = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let hint = hint_for(&message, line_text);
    let message = plain_message(&message);
    Diagnostic::new(file, message)
        .at(first_line + line - 1, column)
        .maybe_hint(hint)
}

/// Rewrites serde's wording where editors would not understand it.
fn plain_message(message: &str) -> String {
    if message.starts_with("mapping values are not allowed") {
        return "a value contains a `: ` (colon and space), which YAML reads as a new key".into();
    }
    // The list of expected keys goes into the hint, not the message.
    let message = message.split(", expected one of").next().unwrap_or(message);
    message
        .replace("unknown field", "unknown key")
        .replace("missing field", "missing required key")
}

fn hint_for(message: &str, line_text: &str) -> Option<String> {
    if message.starts_with("mapping values are not allowed") {
        let (key, value) = line_text.split_once(':').unwrap_or(("title", line_text));
        let value = value.trim().replace('"', "\\\"");
        return Some(format!(
            "put the value in double quotes: {}: \"{}\"",
            key.trim(),
            value
        ));
    }
    if let Some(rest) = message.split("unknown field `").nth(1) {
        let unknown = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        return Some(match did_you_mean(unknown, &expected) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("known keys are: {}", expected.join(", ")),
        });
    }
    if let Some(rest) = message.split("missing field `").nth(1) {
        let key = rest.split('`').next().unwrap_or("");
        return Some(format!("add a line `{key}: …` to the front matter"));
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
}
