//! How problems reach a person, the same for `kepu build`, `check` and
//! `serve`: each problem as `file:line:column: message` and its hint, in the
//! user's language; more than [`GROUP_LIMIT`] problems of one kind grouped
//! (the first [`SHOWN_OF_GROUP`] in full, then one line with the count, the
//! files and the one hint); and a count line.

use crate::error::Diagnostic;
use crate::messages::{Lang, lookup, say};
use std::collections::HashMap;

/// More problems of one kind than this are grouped.
pub const GROUP_LIMIT: usize = 10;
/// How many of a group are shown in full before its summary line.
pub const SHOWN_OF_GROUP: usize = 3;
/// How many files a group's summary line names.
const FILES_NAMED: usize = 3;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// Prints problems for a person in one language.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    pub lang: Lang,
    /// Leave warnings out (their count still shows).
    pub quiet: bool,
}

impl Reporter {
    /// Every error, then every warning unless quiet, grouped by kind; each
    /// entry ends with a newline.
    pub fn problems(&self, errors: &[Diagnostic], warnings: &[Diagnostic]) -> String {
        self.entries(errors, warnings).concat()
    }

    /// What [`Reporter::problems`] prints, one entry (a problem and its
    /// hint, or a group's summary line and its hint) at a time, for the
    /// serve overlay, which shows each in a box of its own.
    pub fn entries(&self, errors: &[Diagnostic], warnings: &[Diagnostic]) -> Vec<String> {
        let mut entries = self.grouped(Severity::Error, errors);
        if !self.quiet {
            entries.extend(self.grouped(Severity::Warning, warnings));
        }
        entries
    }

    /// `3 个错误，897 个警告`.
    pub fn count(&self, errors: usize, warnings: usize) -> String {
        say(
            self.lang,
            "count",
            &[("errors", errors.into()), ("warnings", warnings.into())],
        )
    }

    /// One problem in full: its place and message, and its hint below.
    pub fn entry(&self, severity: Severity, problem: &Diagnostic) -> String {
        let mut text = self.line(severity, &place_and_message(problem));
        if let Some(hint) = &problem.hint {
            text.push_str(&self.hint_line(hint));
        }
        text
    }

    fn line(&self, severity: Severity, text: &str) -> String {
        let severity = say(self.lang, severity_id(severity), &[]);
        let mut line = say(
            self.lang,
            "problem",
            &[("severity", severity.into()), ("text", text.into())],
        );
        line.push('\n');
        line
    }

    fn hint_line(&self, hint: &str) -> String {
        format!("  {}\n", say(self.lang, "hint-line", &[("hint", hint.into())]))
    }

    /// The problems of one severity in the order found, the members of a
    /// large group after its first few replaced by one summary line.
    fn grouped(&self, severity: Severity, all: &[Diagnostic]) -> Vec<String> {
        let keys = group_keys(all);
        let mut members: HashMap<&Key, Vec<&Diagnostic>> = HashMap::new();
        for (problem, key) in all.iter().zip(&keys) {
            members.entry(key).or_default().push(problem);
        }
        let mut shown: HashMap<&Key, usize> = HashMap::new();
        let mut entries = Vec::new();
        for (problem, key) in all.iter().zip(&keys) {
            let group = &members[key];
            let seen = shown.entry(key).or_default();
            *seen += 1;
            if group.len() <= GROUP_LIMIT || *seen <= SHOWN_OF_GROUP {
                entries.push(self.entry(severity, problem));
            }
            if group.len() > GROUP_LIMIT && *seen == SHOWN_OF_GROUP {
                entries.push(self.rest_of_group(severity, key, &group[SHOWN_OF_GROUP..]));
            }
        }
        entries
    }

    /// `…… 另有 292 处同样的问题（unknown key `banner`），在 292 个文件中：…`
    fn rest_of_group(&self, severity: Severity, key: &Key, rest: &[&Diagnostic]) -> String {
        let what = match key {
            Key::Message(_, message) => message.clone(),
            Key::Code(code) => {
                lookup(self.lang, &format!("kind-{code}"), &[]).unwrap_or_else(|| code.to_string())
            }
            Key::Alone(_) => unreachable!("a problem alone is never grouped"),
        };
        // In the order first met; a set, since a group may span 10,000 files.
        let mut seen = std::collections::HashSet::new();
        let files: Vec<String> = rest
            .iter()
            .filter(|problem| seen.insert(problem.file.as_path()))
            .map(|problem| problem.file.display().to_string())
            .collect();
        let separator = say(self.lang, "list-separator", &[]);
        let mut named = files[..files.len().min(FILES_NAMED)].join(&separator);
        if files.len() > FILES_NAMED {
            let more = files.len() - FILES_NAMED;
            named = say(
                self.lang,
                "more-files",
                &[("files", named.into()), ("count", more.into())],
            );
        }
        let args = [
            ("count", rest.len().into()),
            ("what", what.into()),
            ("file-count", files.len().into()),
            ("files", named.into()),
        ];
        let mut text = self.line(severity, &say(self.lang, "more-of-kind", &args));
        let first_hint = &rest[0].hint;
        if let Some(hint) = first_hint
            .as_ref()
            .filter(|_| rest.iter().all(|p| &p.hint == first_hint))
        {
            text.push_str(&self.hint_line(hint));
        }
        text
    }
}

fn severity_id(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// `content/a.md:3:1: message` (just the message when the problem has no file).
fn place_and_message(problem: &Diagnostic) -> String {
    let mut text = problem.file.display().to_string();
    if let Some(line) = problem.line {
        text.push_str(&format!(":{line}"));
        if let Some(column) = problem.column {
            text.push_str(&format!(":{column}"));
        }
    }
    if text.is_empty() {
        return problem.message.clone();
    }
    format!("{text}: {}", problem.message)
}

/// Which group a problem is counted in.
#[derive(Debug, PartialEq, Eq, Hash)]
enum Key {
    /// Problems with the same message (`unknown key `banner``).
    Message(Option<&'static str>, String),
    /// Problems of one kind whose messages differ (`the image a.png has no
    /// alt text`, `… b.png …`).
    Code(&'static str),
    /// A problem shown on its own (its index keeps it apart).
    Alone(usize),
}

/// The group of each problem: the same message if more than
/// [`GROUP_LIMIT`] share it, else the same kind if more than that many
/// share it, else its own.
fn group_keys(all: &[Diagnostic]) -> Vec<Key> {
    let message_key = |p: &Diagnostic| (p.code, p.message.clone());
    let mut by_message: HashMap<(Option<&'static str>, String), usize> = HashMap::new();
    for problem in all {
        *by_message.entry(message_key(problem)).or_default() += 1;
    }
    let large_message = |p: &Diagnostic| by_message[&message_key(p)] > GROUP_LIMIT;
    let mut by_code: HashMap<&'static str, usize> = HashMap::new();
    for problem in all.iter().filter(|p| !large_message(p)) {
        if let Some(code) = problem.code {
            *by_code.entry(code).or_default() += 1;
        }
    }
    all.iter()
        .enumerate()
        .map(|(index, problem)| {
            if large_message(problem) {
                return Key::Message(problem.code, problem.message.clone());
            }
            match problem.code {
                Some(code) if by_code[code] > GROUP_LIMIT => Key::Code(code),
                _ => Key::Alone(index),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown_banner(i: usize) -> Diagnostic {
        Diagnostic::new(format!("content/p{i}.md"), "unknown key `banner`")
            .at(3, Some(1))
            .hint("known keys are title, date")
            .code("unknown-key")
    }

    fn reporter(lang: Lang) -> Reporter {
        Reporter { lang, quiet: false }
    }

    #[test]
    fn few_problems_are_shown_in_full() {
        let all: Vec<_> = (0..GROUP_LIMIT).map(unknown_banner).collect();
        let text = reporter(Lang::En).problems(&all, &[]);
        assert_eq!(text.matches("error: content/p").count(), GROUP_LIMIT, "{text}");
        assert_eq!(text.matches("  hint: known keys").count(), GROUP_LIMIT, "{text}");
    }

    #[test]
    fn many_of_one_message_are_summarised_with_one_hint() {
        let all: Vec<_> = (0..295).map(unknown_banner).collect();
        let text = reporter(Lang::Zh).problems(&all, &[]);
        assert_eq!(text.matches("错误：content/p").count(), SHOWN_OF_GROUP, "{text}");
        assert!(
            text.contains("错误：…… 另有 292 处同样的问题（unknown key `banner`），在 292 个文件中：content/p3.md、content/p4.md、content/p5.md 等\n  提示：known keys are title, date\n"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 2 * SHOWN_OF_GROUP + 2, "{text}");
    }

    #[test]
    fn many_of_one_kind_with_different_messages_are_summarised() {
        let missing_alt = |i: usize| {
            Diagnostic::new("content/a.md", format!("the image {i}.png has no alt text"))
                .at(i + 1, None)
                .hint("describe the image")
                .code("missing-alt")
        };
        let all: Vec<_> = (0..12).map(missing_alt).collect();
        let text = reporter(Lang::En).problems(&[], &all);
        assert!(
            text.contains("warning: … and 9 more of the same (images without alt text) in 1 file: content/a.md\n  hint: describe the image\n"),
            "{text}"
        );
    }

    #[test]
    fn quiet_leaves_warnings_out() {
        let warning = Diagnostic::new("content/a.md", "a warning");
        let error = Diagnostic::new("content/b.md", "an error").at(2, None);
        let quiet = Reporter {
            lang: Lang::En,
            quiet: true,
        };
        assert_eq!(
            quiet.problems(&[error], &[warning]),
            "error: content/b.md:2: an error\n"
        );
    }
}
