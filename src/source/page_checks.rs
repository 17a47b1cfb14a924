//! Front matter that parses but says something no editor means: a title
//! of invisible characters only (an empty `<h1>`), a tag or category
//! listed twice (shown twice), an `updated` before the `date` (a warning:
//! usually the two were swapped).

use super::front_matter::{PageFrontMatter, Split, key_line};
use crate::dates::DateValue;
use crate::error::Diagnostic;
use crate::messages::msg;
use std::path::Path;

/// Characters that take no room on the page: zero-width spaces and joiners,
/// direction marks, the soft hyphen, the BOM.
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The errors of a page's front matter found here.
pub fn problems(front: &PageFrontMatter, split: &Split, file: &Path) -> Vec<Diagnostic> {
    let line = |key: &str| key_line(split, key).unwrap_or(split.yaml_line);
    let mut problems = Vec::new();
    let title = &front.title;
    if !title.trim().is_empty() && title.chars().all(is_invisible) {
        problems.push(
            Diagnostic::new(file, msg!("title-invisible"))
                .at(line("title"), None)
                .hint(msg!("title-invisible-hint")),
        );
    }
    for (key, terms) in [("tags", &front.tags), ("categories", &front.categories)] {
        // Each repeated term once, at its second writing.
        for (index, term) in terms.iter().enumerate() {
            if terms[..index].iter().filter(|t| *t == term).count() == 1 {
                problems.push(
                    Diagnostic::new(file, msg!("term-twice", key = key, term = term.as_str()))
                        .at(line(key), None)
                        .hint(msg!("term-twice-hint")),
                );
            }
        }
    }
    problems
}

/// The warnings of a page's dates.
pub fn warnings(
    date: Option<&DateValue>,
    updated: Option<&DateValue>,
    split: &Split,
    file: &Path,
) -> Vec<Diagnostic> {
    match (date, updated) {
        (Some(date), Some(updated)) if updated < date => vec![
            Diagnostic::new(
                file,
                msg!(
                    "updated-before-date",
                    updated = updated.text(),
                    date = date.text()
                ),
            )
            .at(key_line(split, "updated").unwrap_or(split.yaml_line), None)
            .hint(msg!("updated-before-date-hint")),
        ],
        _ => Vec::new(),
    }
}
