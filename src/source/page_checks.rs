//! Front matter that parses but says something no editor means: a title
//! of invisible characters only (an empty `<h1>`), a tag or category
//! listed twice (shown twice), an `updated` before the `date` (a warning:
//! usually the two were swapped).

use super::front_matter::{PageFrontMatter, Split, key_line};
use crate::dates::DateValue;
use crate::error::Diagnostic;
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
            Diagnostic::new(
                file,
                "标题只有看不见的字符（零宽空格之类），页面上会是一个空白的标题",
            )
            .at(line("title"), None)
            .hint("写一个看得见的标题；这些字符常是从网页或聊天软件复制标题时带进来的"),
        );
    }
    for (key, terms) in [("tags", &front.tags), ("categories", &front.categories)] {
        // Each repeated term once, at its second writing.
        for (index, term) in terms.iter().enumerate() {
            if terms[..index].iter().filter(|t| *t == term).count() == 1 {
                problems.push(
                    Diagnostic::new(file, format!("`{key}` 里 `{term}` 写了不止一次"))
                        .at(line(key), None)
                        .hint("删掉重复的那个：每个标签（分类）只写一次"),
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
                format!(
                    "`updated`（{}）早于 `date`（{}）：更新时间不会在发布之前",
                    updated.text(),
                    date.text()
                ),
            )
            .at(key_line(split, "updated").unwrap_or(split.yaml_line), None)
            .hint("检查两个日期是不是写反了：date 是首次发布的日期，updated 是最后修改的日期"),
        ],
        _ => Vec::new(),
    }
}
