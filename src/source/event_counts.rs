//! What no real recap has, refused where it is written: a count above a
//! sane bound (a typo of a few digits, or `2^64−1` pasted in, which would
//! make a report's totals meaningless), a count written in another base
//! (`sessions: 0x10`, which YAML reads as 16), an empty material or series
//! name. With every count at most [`MAX_COUNT`], the report totals (sums in
//! `u64`) are exact for any number of recaps a site can hold.

use super::front_matter::{EventFrontMatter, Split};
use crate::error::Diagnostic;
use crate::messages::msg;
use crate::yaml;
use std::path::Path;

/// The largest count a recap may give: a billion.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// The count fields of `event:`.
const COUNT_KEYS: [&str; 5] = [
    "sessions",
    "participants",
    "volunteers",
    "consultations",
    "awards",
];

/// Every problem of the counts and names of `event`.
pub fn check(event: &EventFrontMatter, split: &Split, file: &Path) -> Vec<Diagnostic> {
    let block = EventBlock::of(split);
    let mut problems = Vec::new();
    let counts = [
        event.sessions,
        event.participants,
        event.volunteers,
        event.consultations,
        event.awards,
    ];
    for (key, count) in COUNT_KEYS.iter().zip(counts) {
        if count > MAX_COUNT {
            problems.push(too_large(
                file,
                &format!("event.{key}"),
                count,
                block.line_of(key),
            ));
        }
    }
    for (name, &count) in &event.materials {
        if name.trim().is_empty() {
            problems.push(
                Diagnostic::new(file, msg!("event-material-unnamed"))
                    .at(block.line_of("materials"), None)
                    .hint(msg!("event-material-unnamed-hint")),
            );
        } else if count > MAX_COUNT {
            let line = block.line_of(name);
            problems.push(too_large(file, &format!("event.materials.{name}"), count, line));
        }
    }
    if event.series.as_deref().is_some_and(|s| s.trim().is_empty()) {
        problems.push(
            Diagnostic::new(file, msg!("event-series-empty"))
                .at(block.line_of("series"), None)
                .hint(msg!("event-series-empty-hint")),
        );
    }
    for (line, written) in block.non_decimal_counts() {
        problems.push(
            Diagnostic::new(file, msg!("event-count-not-decimal", written = written))
                .at(line, None)
                .hint(msg!("event-count-not-decimal-hint")),
        );
    }
    problems
}

fn too_large(file: &Path, key: &str, count: u64, line: usize) -> Diagnostic {
    // Counts as text: Fluent's numbers are floats, which would round them.
    let said = msg!(
        "event-count-too-large",
        key = key,
        count = count.to_string(),
        max = MAX_COUNT.to_string()
    );
    Diagnostic::new(file, said)
        .at(line, None)
        .hint(msg!("event-count-too-large-hint"))
}

/// The lines of the `event:` block, with their line numbers in the file.
struct EventBlock<'a> {
    /// The line of `event:` itself.
    start: usize,
    /// The block's lines of the front matter, as they are written there
    /// (empty when it has no `event:`).
    text: &'a str,
}

impl<'a> EventBlock<'a> {
    fn of(split: &'a Split<'a>) -> EventBlock<'a> {
        // Nothing collected: a page with a recap is read here each build.
        let mut keys = yaml::top_level_keys_at(split.yaml);
        let Some((_, first, from)) = keys.by_ref().find(|(key, ..)| *key == "event") else {
            return EventBlock {
                start: split.yaml_line,
                text: "",
            };
        };
        let to = keys.next().map_or(split.yaml.len(), |(_, _, at)| at);
        EventBlock {
            start: split.yaml_line + first,
            text: &split.yaml[from..to],
        }
    }

    /// The block's lines, with their line numbers in the file.
    fn lines(&self) -> impl Iterator<Item = (usize, &'a str)> {
        let start = self.start;
        self.text
            .lines()
            .enumerate()
            .map(move |(index, line)| (start + index, line))
    }

    /// The line where `key:` is written in the block (else the block's).
    fn line_of(&self, key: &str) -> usize {
        let names_key = |part: &str| {
            part.split_once(':')
                .is_some_and(|(name, _)| name.trim().trim_matches(['"', '\'']) == key)
        };
        self.lines()
            .find(|(_, text)| text.split(['{', ',']).any(names_key))
            .map_or(self.start, |(line, _)| line)
    }

    /// Counts written as hexadecimal, octal or binary numbers or with a
    /// sign (`0x10`, `0o20`, `+16`): the line and the text as written.
    fn non_decimal_counts(&self) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        // Such a count has a `+` or a `0x`, `0o`, `0b` in its line; most
        // blocks have neither, and need not be read line by line (nor
        // cut into lines to find out: no line end is part of either).
        if !may_be_non_decimal(self.text) {
            return found;
        }
        let mut in_materials = false;
        for (line, text) in self.lines() {
            let code = &text[..memchr::memmem::find(text.as_bytes(), b" #").unwrap_or(text.len())];
            let trimmed = code.trim_start();
            let indent = code.len() - trimmed.len();
            if indent <= 2 {
                in_materials = trimmed.starts_with("materials:");
            }
            let is_count_line = in_materials
                || COUNT_KEYS
                    .iter()
                    .any(|k| trimmed.strip_prefix(k).is_some_and(|rest| rest.starts_with(':')));
            if !is_count_line {
                continue;
            }
            for part in code.split([',', '{', '}', '[', ']']) {
                let Some((_, value)) = part.split_once(':') else {
                    continue;
                };
                let value = value.trim();
                if is_non_decimal(value) {
                    found.push((line, value.to_string()));
                }
            }
        }
        found
    }
}

/// False when no part of `text` can be [`is_non_decimal`].
fn may_be_non_decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr(b'+', bytes).is_some()
        || memchr::memchr_iter(b'0', bytes).any(|i| {
            bytes
                .get(i + 1)
                .is_some_and(|b| matches!(b.to_ascii_lowercase(), b'x' | b'o' | b'b'))
        })
}

fn is_non_decimal(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let digits = lower.strip_prefix(['+', '-']).unwrap_or(&lower);
    let prefixed = ["0x", "0o", "0b"].iter().any(|p| digits.starts_with(p));
    let signed = lower.starts_with('+') && digits.starts_with(|c: char| c.is_ascii_digit());
    prefixed || signed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::front_matter::split;

    fn problems(yaml: &str) -> Vec<String> {
        let text = format!("---\ntitle: 活动\n{yaml}---\n");
        let split = split(&text, Path::new("a.md")).unwrap();
        let front: crate::source::PageFrontMatter =
            crate::yaml::parse(split.yaml, Path::new("a.md"), split.yaml_line)
                .unwrap_or_else(|d| panic!("{d:?}"));
        check(front.event.as_ref().unwrap(), &split, Path::new("a.md"))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn refuses_what_no_real_recap_has() {
        let found = problems(
            "event:\n  start: 2024-03-06\n  series: \"\"\n  sessions: 0x10\n  participants: 18446744073709551615\n  materials: {科普手册: 2000000000, \"\": 3}\ntags: [a]\n",
        );
        let all = found.join("\n");
        assert!(
            all.contains("a.md:7: `event.participants` is 18446744073709551615, beyond"),
            "{all}"
        );
        assert!(
            all.contains("a.md:8: `event.materials.科普手册` is 2000000000, beyond"),
            "{all}"
        );
        assert!(
            all.contains("a.md:8: an item of `event.materials` has no name"),
            "{all}"
        );
        assert!(all.contains("a.md:5: `event.series` is empty"), "{all}");
        assert!(
            all.contains("a.md:6: the count `0x10` is not a decimal number"),
            "{all}"
        );
        assert_eq!(found.len(), 5, "{all}");
    }

    #[test]
    fn ordinary_recaps_pass() {
        let found = problems(
            "event:\n  start: 2024-03-06\n  series: 学雷锋i科普\n  sessions: 6   # 场次\n  participants: 1000000000\n  materials:\n    科普手册: 6000\n    周边礼品: 15000\n  location: 0x空间\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
