//! Typed YAML parsing with errors editors can act on: the line and column in
//! the user's file (not in the extracted front matter), every problem of a
//! file at once (not one per run), and the message and hint in plain words
//! of the user's language for the mistakes editors really make (an unquoted
//! colon in a title, `yes`/`no` for booleans, a misspelt key, a list where
//! text belongs), never serde's type names.

use crate::error::{Diagnostic, did_you_mean};
use crate::messages;
use crate::messages::msg;
use serde::de::DeserializeOwned;
use std::path::Path;

/// How many problems of one file are looked for at most (each costs a parse).
const MOST_PROBLEMS: usize = 64;

/// Parses `text` as `T`. `first_line` is the 1-based line of the file on
/// which `text` starts, so reported lines point into the file. Every
/// problem is reported (see [`parse_all`]).
pub fn parse<T: DeserializeOwned>(text: &str, file: &Path, first_line: usize) -> Result<T, Vec<Diagnostic>> {
    match parse_all(text, file, first_line) {
        (Some(value), problems) if problems.is_empty() => Ok(value),
        (_, problems) => Err(problems),
    }
}

/// Parses `text` as `T` and finds every problem in it: after each one that
/// concerns a single key (unknown, of the wrong type, written twice), that
/// key's lines are left out and the rest parsed again. The value is what
/// the text gives without the lines in error (`None` when even that fails:
/// broken YAML syntax, a required key missing), so that a file with a bad
/// key still gets its other checks.
pub fn parse_all<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> (Option<T>, Vec<Diagnostic>) {
    // Most front matter is fine: parsed as it is, without the copy of its
    // lines that leaving keys out needs.
    // A letter or digit rules blank out at once (no blank line holds one).
    let only_blank = !text.bytes().any(|b| b.is_ascii_alphanumeric())
        && text.split('\n').all(|l| l.trim().is_empty() || l == LEFT_OUT);
    if let Ok(value) = yaml_serde::from_str(if only_blank { "{}" } else { text }) {
        return (Some(value), Vec::new());
    }
    let mut lines: Vec<String> = text.split('\n').map(String::from).collect();
    let mut left_out: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    while problems.len() < MOST_PROBLEMS {
        let current = lines.join("\n");
        // An empty document is `null` to YAML; treat it as an empty mapping so
        // that missing required keys are reported as such.
        let only_left_out = lines.iter().all(|l| l.trim().is_empty() || l == LEFT_OUT);
        let source = if only_left_out { "{}" } else { current.as_str() };
        let err = match yaml_serde::from_str(source) {
            Ok(value) => return (Some(value), problems),
            Err(err) => err,
        };
        let problem = Problem::of(&err, &current);
        let first = problems.is_empty();
        if problem.code == "missing-key" && left_out.iter().any(|k| problem.names(k)) {
            // Required, and left out by us: already reported as wrong.
            return (None, problems);
        }
        if !first && problem.code == "yaml-syntax" {
            // Leaving lines out broke what is left; the real problems are reported.
            return (None, problems);
        }
        let block = problem.block(&lines);
        let follows_left_out = block.clone().any(|i| lines[i].trim() == LEFT_OUT);
        if !follows_left_out {
            problems.push(problem.diagnostic(&current, file, first_line));
        }
        if !problem.recoverable() || block.is_empty() {
            return (None, problems);
        }
        if let Some(key) = key_of(&lines[block.start]) {
            left_out.push(key.to_string());
        }
        for i in block {
            lines[i] = LEFT_OUT.to_string();
        }
    }
    (None, problems)
}

/// What a line left out reads as: a YAML comment, so line numbers stay.
const LEFT_OUT: &str = "#";

/// One problem serde met, as located in the text parsed.
struct Problem {
    /// serde's message, with positions.
    full: String,
    code: &'static str,
    /// 1-based line and column in the text.
    line: usize,
    column: Option<usize>,
}

impl Problem {
    fn of(err: &yaml_serde::Error, text: &str) -> Problem {
        let full = err.to_string();
        let placed = duplicate_at(&full, text).or_else(|| opened_at(&full, text));
        let (line, column) = match (placed, err.location()) {
            (Some(placed), _) => placed,
            (None, Some(loc)) => line_column(text, loc.index()).unwrap_or((loc.line(), Some(loc.column()))),
            (None, None) => aliases_used(text).map_or((1, None), |(first, _)| (first, None)),
        };
        Problem {
            code: code_of(&full),
            full,
            line,
            column,
        }
    }

    /// Whether the rest of the text can still be read without this key.
    fn recoverable(&self) -> bool {
        matches!(
            self.code,
            "unknown-key" | "wrong-type" | "duplicate-key" | "unknown-value"
        )
    }

    /// Whether the problem names `key` (serde's message has it in backquotes).
    fn names(&self, key: &str) -> bool {
        self.full.contains(&format!("`{key}`"))
    }

    /// The 0-based lines of the key in error and everything indented below
    /// it: the key the path of a wrong value ends with, else the line the
    /// problem is on.
    fn block(&self, lines: &[String]) -> std::ops::Range<usize> {
        let at = self.line.saturating_sub(1).min(lines.len().saturating_sub(1));
        let key = serde_path(&without_positions(&self.full))
            .and_then(|path| path.rsplit('.').next())
            .filter(|last| !last.ends_with(']'))
            .map(str::to_string);
        let start = match (&key, self.code) {
            (Some(key), "wrong-type" | "unknown-value") => (0..=at)
                .rev()
                .find(|&i| key_of(&lines[i]) == Some(key.as_str()))
                .unwrap_or(at),
            _ => at,
        };
        if lines
            .get(start)
            .is_none_or(|l| l.trim().is_empty() || l.trim() == LEFT_OUT)
        {
            return start..start;
        }
        let indent = indent_of(&lines[start]);
        // `tags:` may have its `- ` items at its own indentation.
        let is_key = !lines[start].trim_start().starts_with("- ");
        let ends_block = |line: &str| {
            let (trimmed, own) = (line.trim(), indent_of(line));
            let item = trimmed.starts_with("- ") || trimmed == "-";
            !trimmed.is_empty()
                && trimmed != LEFT_OUT
                && (own < indent || (own == indent && !(is_key && item)))
        };
        let end = (start + 1..lines.len())
            .find(|&i| ends_block(&lines[i]))
            .unwrap_or(lines.len());
        start..end
    }

    fn diagnostic(&self, text: &str, file: &Path, first_line: usize) -> Diagnostic {
        let line_text = text.lines().nth(self.line.saturating_sub(1)).unwrap_or("");
        let (mut message, hint) = explain(&without_positions(&self.full), line_text);
        if self.full.starts_with("repetition limit exceeded") {
            if let Some((first, last)) = aliases_used(text) {
                message = msg!(
                    "yaml-alias-lines",
                    message = message,
                    first = first_line + first - 1,
                    last = first_line + last - 1
                );
            }
        }
        Diagnostic::new(file, message)
            .at(first_line + self.line - 1, self.column)
            .maybe_hint(hint)
            .code(self.code)
    }
}

/// The key a line writes (`key:` or `- key:`), if any.
fn key_of(line: &str) -> Option<&str> {
    let name = line.trim_start().trim_start_matches("- ");
    let (key, _) = name.split_once(':')?;
    let key = key.trim_end().trim_matches(['"', '\'']);
    (!key.is_empty() && !key.starts_with('#')).then_some(key)
}

/// How far a line is indented (a list item's `- ` counts as indentation).
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The top-level keys of a YAML block mapping (`key:` at the start of a
/// line) with the 0-based index of the line each is written on. Errors
/// found after parsing (a bad date, a section that does not exist) use it
/// to point at the key, since serde no longer knows where a value was.
pub fn top_level_keys(text: &str) -> impl Iterator<Item = (&str, usize)> {
    top_level_keys_at(text).map(|(key, index, _)| (key, index))
}

/// [`top_level_keys`], each also with the byte offset of its line in `text`.
pub fn top_level_keys_at(text: &str) -> impl Iterator<Item = (&str, usize, usize)> {
    lines_at(text).enumerate().filter_map(|(index, (at, line))| {
        let (key, _) = line.split_once(':')?;
        let key = key.trim_end();
        let is_key = !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        is_key.then_some((key, index, at))
    })
}

/// The lines of `text` as [`str::lines`] gives them (a `\r` before a `\n`
/// dropped), each with its byte offset: found with memchr's search for
/// `\n`, which costs a fraction of what `lines` costs a line (the front
/// matter of every page with a recap is read so each build).
fn lines_at(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let at = start;
        let line = match ends.next() {
            Some(end) => {
                start = end + 1;
                let line = &text[at..end];
                line.strip_suffix('\r').unwrap_or(line)
            }
            None => {
                start = text.len();
                &text[at..]
            }
        };
        Some((at, line))
    })
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

/// A YAML error recognised by a phrase of its message, and the catalogue
/// ids of what kepu says instead.
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
        message: "yaml-unclosed-quote",
        hint: "yaml-unclosed-quote-hint",
    },
    Explained {
        phrase: Phrase::Contains("cannot start any token"),
        message: "yaml-reserved-character",
        hint: "hint-quote",
    },
    Explained {
        phrase: Phrase::Starts("recursion limit exceeded"),
        message: "yaml-too-deep",
        hint: "yaml-too-deep-hint",
    },
    Explained {
        phrase: Phrase::Starts("repetition limit exceeded"),
        message: "yaml-alias-bomb",
        hint: "yaml-alias-bomb-hint",
    },
    Explained {
        phrase: Phrase::Starts("control characters are not allowed"),
        message: "yaml-control-character",
        hint: "yaml-control-character-hint",
    },
    Explained {
        phrase: Phrase::Contains("more than one document"),
        message: "yaml-not-one-block",
        hint: "yaml-not-one-block-hint",
    },
    Explained {
        phrase: Phrase::Contains("while parsing a flow"),
        message: "yaml-unclosed-list",
        hint: "yaml-unclosed-list-hint",
    },
    Explained {
        phrase: Phrase::Starts("did not find expected key"),
        message: "yaml-broken-line",
        hint: "yaml-broken-line-hint",
    },
];

/// The message in plain words and a hint for the mistakes editors make.
fn explain(message: &str, line_text: &str) -> (String, Option<String>) {
    if message.starts_with("mapping values are not allowed") {
        return (msg!("yaml-colon"), Some(colon_hint(line_text)));
    }
    if message.contains("tab character")
        || (message.contains("cannot start any token") && line_text.contains('\t'))
    {
        return (msg!("yaml-tab"), Some(msg!("yaml-tab-hint")));
    }
    if let Some(explained) = EXPLAINED.iter().find(|e| e.phrase.is_in(message)) {
        return (
            messages::text(explained.message, &[]),
            Some(messages::text(explained.hint, &[])),
        );
    }
    if message.starts_with("could not find expected ':'") {
        return (msg!("yaml-not-key-value-line"), Some(key_value_hint(line_text)));
    }
    let (path, said) = split_path(message);
    // The key in error: serde's path, else the key written on the line.
    let key = path.or_else(|| key_of(line_text)).unwrap_or("");
    if path.is_none() && (said.contains("expected struct") || said.contains("expected a map")) {
        return (msg!("yaml-not-key-value"), Some(key_value_hint(line_text)));
    }
    if let Some(rest) = said.strip_prefix("unknown field `") {
        let (unknown, hint) = unknown_word_hint(rest, |all| msg!("known-keys", keys = all));
        let message = match path {
            Some(parent) => msg!("key-unknown-in", key = unknown, parent = parent),
            None => msg!("key-unknown", key = unknown),
        };
        return (message, Some(hint));
    }
    if let Some(rest) = said.strip_prefix("missing field `") {
        let missing = rest.split('`').next().unwrap_or("");
        let message = match path {
            Some(parent) => msg!("key-missing-in", key = missing, parent = parent),
            None => msg!("key-missing", key = missing),
        };
        return (message, Some(msg!("key-missing-hint", key = missing)));
    }
    if let Some(rest) = said.strip_prefix("duplicate field `") {
        let twice = rest.split('`').next().unwrap_or("");
        return (
            msg!("key-twice", key = twice),
            Some(msg!("key-twice-hint", key = twice)),
        );
    }
    if let Some(rest) = said.strip_prefix("unknown variant `") {
        let (unknown, hint) = unknown_word_hint(rest, |all| msg!("value-one-of", words = all));
        return (msg!("value-unknown", key = key, value = unknown), Some(hint));
    }
    let wrong = said
        .strip_prefix("invalid type: ")
        .or_else(|| said.strip_prefix("invalid value: "));
    if let Some((found, expected)) = wrong.and_then(|w| w.rsplit_once(", expected ")) {
        let (expected, hint) = expected_in_words(expected);
        let found = found_in_words(found);
        let message = if key.is_empty() {
            msg!("value-wrong", expected = expected, found = found)
        } else {
            msg!("value-wrong-of", key = key, expected = expected, found = found)
        };
        return (message, hint);
    }
    // A check of kepu's own (`must be 1 or more`), said in the user's language.
    let said = own_words(said);
    match path {
        Some(path) => (msg!("value-problem", key = path, problem = said), None),
        None => (said, None),
    }
}

/// What kepu's own deserializers say: text already in the user's language,
/// or `msg:ID` where only a fixed text fits (serde's `expecting` attribute).
fn own_words(text: &str) -> String {
    match text.strip_prefix("msg:") {
        Some(id) => messages::text(id, &[]),
        None => text.to_string(),
    }
}

/// serde's message split into the path of the value it is about
/// (`event.volunteers`, `tags[0]`; `None` at the top) and what it says.
fn split_path(message: &str) -> (Option<&str>, &str) {
    let is_path = |path: &str| {
        !path.is_empty()
            && path
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']'))
    };
    match message.split_once(": ") {
        Some((path, said)) if is_path(path) => (Some(path), said),
        _ => (None, message),
    }
}

/// The path of the value serde's message is about (see [`split_path`]).
fn serde_path(message: &str) -> Option<&str> {
    split_path(message).0
}

/// What serde expected (`a string`, `u64`, `a sequence`) in an editor's
/// words, and the hint for writing it.
fn expected_in_words(expected: &str) -> (String, Option<String>) {
    let unsigned = ["u8", "u16", "u32", "u64", "u128", "usize"];
    let signed = ["i8", "i16", "i32", "i64", "i128", "isize", "an integer"];
    match expected {
        "a string" | "a borrowed string" | "string" | "a character" | "char" => {
            (msg!("type-text"), Some(msg!("hint-quote")))
        }
        "a sequence" => (msg!("type-list"), Some(msg!("hint-list"))),
        "a boolean" => (msg!("type-yes-no"), Some(msg!("hint-yes-no"))),
        e if unsigned.contains(&e) => (msg!("type-count"), Some(msg!("hint-whole-number"))),
        e if signed.contains(&e) => (msg!("type-whole-number"), Some(msg!("hint-whole-number"))),
        "f32" | "f64" | "a float" => (msg!("type-number"), Some(msg!("hint-number"))),
        e if e == "a map" || e == "map" || e.starts_with("struct ") => {
            (msg!("type-fields"), Some(msg!("hint-fields")))
        }
        e if e.starts_with("a sequence") || e.starts_with("tuple") => {
            (msg!("type-list"), Some(msg!("hint-list")))
        }
        // kepu's own descriptions (a period, search options).
        other => (own_words(other), None),
    }
}

/// What serde found (`sequence`, `integer `3``, `string "a"`) in an
/// editor's words.
fn found_in_words(found: &str) -> String {
    let quoted = |prefix: &str| found.strip_prefix(prefix).map(|rest| rest.trim_matches('`'));
    if let Some(value) = quoted("boolean ") {
        return msg!("found-yes-no", value = value);
    }
    if let Some(value) = quoted("integer ") {
        return msg!("found-whole-number", value = value);
    }
    if let Some(value) = quoted("floating point ") {
        return msg!("found-number", value = value);
    }
    if let Some(value) = found
        .strip_prefix("string ")
        .or_else(|| found.strip_prefix("character "))
    {
        return msg!("found-text", value = value);
    }
    match found {
        "sequence" => msg!("found-list"),
        "map" => msg!("found-fields"),
        "unit value" => msg!("found-nothing"),
        other => other.to_string(),
    }
}

/// A line YAML read as a second key: quote its value, unless it is a key
/// that was indented by mistake.
fn colon_hint(line_text: &str) -> String {
    let (key, value) = line_text.split_once(':').unwrap_or(("title", line_text));
    if line_text.starts_with(' ') && !key.trim().contains(' ') {
        return msg!("yaml-indented-key-hint", key = key.trim());
    }
    let value = value.trim().replace('"', "\\\"");
    msg!("yaml-colon-hint", key = key.trim(), value = value)
}

/// Why a line is not `key: value`: a full-width colon, or no space after `:`.
fn key_value_hint(line_text: &str) -> String {
    let key = line_text.split(['：', ':']).next().unwrap_or("title").trim();
    if line_text.contains('：') {
        msg!("yaml-full-width-colon-hint", key = key)
    } else if line_text.contains(':') {
        msg!("yaml-space-after-colon-hint", key = key)
    } else {
        msg!("yaml-one-per-line-hint")
    }
}

/// The unknown word at the start of `rest` (what follows serde's ``unknown
/// field ` `` or ``unknown variant ` ``) and a hint: the expected word it is
/// nearest to, else all of them (said by `all`).
fn unknown_word_hint(rest: &str, all: impl Fn(String) -> String) -> (&str, String) {
    let unknown = rest.split('`').next().unwrap_or("");
    let expected = quoted_words(rest.split_once("expected").map_or("", |(_, e)| e));
    let hint = if let Some(ours) = kepu_key_for(unknown).filter(|k| expected.contains(k)) {
        msg!("key-of-other-generators", key = unknown, ours = ours)
    } else if let Some(near) = did_you_mean(unknown, &expected) {
        msg!("did-you-mean", word = near)
    } else {
        all(expected.join(", "))
    };
    (unknown, hint)
}

/// What Hugo, Hexo, Jekyll, Zola and WordPress exports call kepu's keys,
/// lower case: an editor's old habit gets kepu's word in the hint, and
/// `kepu import` maps the same names.
const KEYS_OF_OTHER_GENERATORS: &[(&str, &[&str])] = &[
    ("date", &["publishdate", "pubdate", "published"]),
    ("updated", &["lastmod", "modified", "lastmodified"]),
    ("description", &["summary", "excerpt", "abstract"]),
    (
        "cover",
        &[
            "banner",
            "image",
            "thumbnail",
            "featured_image",
            "featuredimage",
            "images",
            "cover_image",
        ],
    ),
    ("base_url", &["baseurl"]),
    ("language", &["languagecode", "lang", "defaultcontentlanguage"]),
];

/// Whether `key` (lower case) is kepu's key `ours` or another generator's
/// name of it (`lastmod` stands for `updated`).
pub fn stands_for(key: &str, ours: &str) -> bool {
    key == ours || kepu_key_for(key) == Some(ours)
}

/// kepu's key for another generator's name of it (`banner` → `cover`).
fn kepu_key_for(key: &str) -> Option<&'static str> {
    let lower = key.to_ascii_lowercase();
    KEYS_OF_OTHER_GENERATORS
        .iter()
        .find(|(_, theirs)| theirs.contains(&lower.as_str()))
        .map(|(ours, _)| *ours)
}

/// The words in backquotes of serde's `expected one of `a`, `b`` lists.
fn quoted_words(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
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
    fn lines_are_those_of_str_lines_with_their_offsets() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\n",
            "a\r\nb\r",
            "\r\n\r\nx",
            "科\n普\n\n活动",
            "a\rb\n",
        ] {
            let lines: Vec<&str> = lines_at(text).map(|(_, line)| line).collect();
            assert_eq!(lines, text.lines().collect::<Vec<_>>(), "{text:?}");
            for (at, line) in lines_at(text) {
                assert!(text[at..].starts_with(line), "{text:?} {at}");
            }
        }
    }

    #[test]
    fn top_level_keys_are_found_with_their_lines() {
        let text = "title: a\nevent:\n  start: 2024-03-06\n# note: x\ndate : 2024-06-25\n";
        let keys: Vec<(&str, usize)> = top_level_keys(text).collect();
        assert_eq!(keys, [("title", 0), ("event", 1), ("date", 4)]);
    }

    fn err(text: &str) -> Diagnostic {
        let mut all = parse::<Meta>(text, Path::new("a.md"), 2).unwrap_err();
        assert!(!all.is_empty(), "{text:?}");
        all.remove(0)
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
        assert_eq!(
            d.message,
            "`draft` should be yes or no (true or false), not the text \"yes\""
        );
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
        assert_eq!(d.message, "`tags` should be a list, not the whole number `3`");
        assert!(d.hint.unwrap().contains("tags: ["));
        let d = err("title: [a, b]\n");
        assert_eq!(d.message, "`title` should be text, not a list");
        assert_eq!(d.hint.as_deref(), Some("put the value in double quotes"));
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
        let d = parse::<Numbers>("weight: heavy\n", Path::new("a.md"), 2)
            .unwrap_err()
            .remove(0);
        assert_eq!(
            d.message,
            "`weight` should be a whole number, not the text \"heavy\""
        );
        assert!(d.hint.unwrap().contains("whole number"));
        let d = parse::<Numbers>("weight: 1\nsort_by: wieght\n", Path::new("a.md"), 2)
            .unwrap_err()
            .remove(0);
        assert!(d.message.contains("unknown value `wieght`"), "{d}");
        assert_eq!(d.hint.as_deref(), Some("did you mean `weight`?"));
    }

    #[test]
    fn deep_nesting_and_alias_bombs_are_refused_plainly() {
        let deep = format!("title: a\nx: {}{}\n", "[".repeat(1000), "]".repeat(1000));
        let any = |text: &str| {
            parse::<serde_json::Value>(text, Path::new("a.md"), 2)
                .unwrap_err()
                .remove(0)
        };
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

    #[test]
    fn every_problem_of_a_file_is_reported_at_once() {
        let text = "title: a\nbanner: x\ntags: 3\nthumbnail: y\ndraft: yes\ntitle: b\nauthor: z\n";
        let (value, all) = parse_all::<Meta>(text, Path::new("a.md"), 2);
        let said: Vec<(Option<usize>, &str)> = all.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(
            said,
            [
                (Some(3), "unknown key `banner`"),
                (Some(4), "`tags` should be a list, not the whole number `3`"),
                (Some(5), "unknown key `thumbnail`"),
                (
                    Some(6),
                    "`draft` should be yes or no (true or false), not the text \"yes\""
                ),
                (Some(7), "duplicate key `title`"),
                (Some(8), "unknown key `author`"),
            ]
        );
        // The rest still reads, for the file's other checks.
        assert_eq!(value.expect("the good keys parse").title, "a");
    }

    #[test]
    fn nested_and_block_values_in_error_are_reported_once_each() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Event {
            start: String,
            #[serde(default)]
            volunteers: u64,
        }
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Page {
            title: String,
            #[serde(default)]
            tags: Vec<String>,
            event: Option<Event>,
        }
        let text =
            "title: a\ntags:\n- [x]\n- y\nevent:\n  start: 2024-03-06\n  place: 馆\n  volunteers: many\n";
        let (value, all) = parse_all::<Page>(text, Path::new("a.md"), 2);
        let said: Vec<String> = all
            .iter()
            .map(|d| format!("{:?} {}", d.line, d.message))
            .collect();
        assert_eq!(
            said,
            [
                "Some(4) `tags[0]` should be text, not a list",
                "Some(8) unknown key `place` in `event`",
                "Some(9) `event.volunteers` should be a whole number of 0 or more, not the text \"many\"",
            ]
        );
        assert!(value.is_some());
        // A required key in error is reported once, not again as missing.
        let (value, all) = parse_all::<Meta>("title: [a]\n", Path::new("a.md"), 2);
        assert!(value.is_none());
        assert_eq!(all.len(), 1, "{all:?}");
    }

    #[test]
    fn every_explained_message_is_in_the_catalogues() {
        for lang in [crate::messages::Lang::Zh, crate::messages::Lang::En] {
            for explained in EXPLAINED {
                for id in [explained.message, explained.hint] {
                    assert!(crate::messages::lookup(lang, id, &[]).is_some(), "{id}");
                }
            }
        }
    }
}
