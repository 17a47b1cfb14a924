//! `kepu check --audit`: what inspections of a public site fail it for,
//! found in the loaded site — columns (sections) without a new page for
//! longer than `audit.stale_days`, empty columns, published pages without a
//! date or without the attribution `audit.require` names, the wrong words
//! of `audit.words` in titles and bodies — and, with `--external`, links to
//! other sites that are dead, slow, moved or failing ([`external`]). Each
//! finding is a [`Diagnostic`] with its own code, reported as every other
//! problem of `kepu check` is.

pub mod external;

use crate::config::Attribution;
use crate::dates;
use crate::error::Diagnostic;
use crate::files;
use crate::messages::msg;
use crate::model::{Page, Section, Site};
use crate::source::front_matter::PageFrontMatter;
use jiff::civil::Date;
use std::collections::BTreeMap;
use std::path::Path;

/// What `--audit` is asked to do besides the site's own findings.
#[derive(Debug, Clone, Copy, Default)]
pub struct AuditOptions {
    /// Ask other sites whether the links to them still work.
    pub external: bool,
}

/// What an audit found: errors fail a check; warnings (a link that moved
/// for good) are hints.
#[derive(Debug, Default)]
pub struct Findings {
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Audits `site` as of `today`.
pub fn audit(site: &Site, options: AuditOptions, today: Date) -> Findings {
    let rules = &site.config.audit;
    let mut errors = columns(site, rules.stale_days, today);
    let articles = site.pages.iter().filter(|page| !page.is_unlisted());
    for page in articles {
        errors.extend(missing_date(page));
        errors.extend(missing_attribution(page, &rules.require));
    }
    let files = (site
        .pages
        .iter()
        .map(|p| (&p.source.file, p.source.body.first_line)))
    .chain(
        site.sections
            .iter()
            .map(|s| (&s.source.file, s.source.body.first_line)),
    );
    for (file, body_line) in files {
        errors.extend(wrong_words(file, body_line, &rules.words));
    }
    let mut findings = Findings {
        errors,
        warnings: Vec::new(),
    };
    if options.external {
        let found = external::check(&external::links(site), &external::Settings::of(rules));
        findings.errors.extend(found.errors);
        findings.warnings.extend(found.warnings);
    }
    findings
}

/// Stale and empty columns. A column counts the pages of its subsections,
/// so the home page is as fresh as the freshest column.
fn columns(site: &Site, stale_days: u32, today: Date) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for section in &site.sections {
        let title = section_title(section);
        let mut pages = Vec::new();
        pages_under(site, section, &mut pages);
        if pages.is_empty() {
            problems.push(
                Diagnostic::new(&section.source.file, msg!("audit-empty-column", column = title))
                    .hint(msg!("audit-empty-column-hint"))
                    .code("empty-column"),
            );
            continue;
        }
        let newest = pages.iter().filter_map(|page| page.source.date.as_ref()).max();
        let Some(newest) = newest else { continue };
        let days = dates::site_date(newest)
            .until(today)
            .map_or(0, |span| span.get_days());
        if i64::from(days) > i64::from(stale_days) {
            let message = msg!(
                "audit-stale-column",
                column = title,
                days = days,
                date = newest.text(),
                limit = stale_days
            );
            problems.push(
                Diagnostic::new(&section.source.file, message)
                    .hint(msg!("audit-stale-column-hint", limit = stale_days))
                    .code("stale-column"),
            );
        }
    }
    problems
}

/// The listed pages of `section` and its subsections.
fn pages_under<'s>(site: &'s Site, section: &Section, pages: &mut Vec<&'s Page>) {
    let listed = section.pages.iter().map(|&i| &site.pages[i]);
    pages.extend(listed.filter(|page| !page.is_unlisted()));
    for &sub in &section.subsections {
        pages_under(site, &site.sections[sub], pages);
    }
}

fn section_title(section: &Section) -> String {
    (section.source.front.title.clone()).unwrap_or_else(|| section.path.clone())
}

fn missing_date(page: &Page) -> Option<Diagnostic> {
    page.source.date.is_none().then(|| {
        Diagnostic::new(&page.source.file, msg!("audit-missing-date"))
            .hint(msg!("audit-missing-date-hint"))
            .code("missing-date")
    })
}

fn missing_attribution(page: &Page, required: &[Attribution]) -> Option<Diagnostic> {
    let front = &page.source.front;
    let missing: Vec<&str> = required
        .iter()
        .filter(|field| attribution(front, **field).trim().is_empty())
        .map(|field| field.key())
        .collect();
    let first = missing.first()?;
    let message = msg!("audit-missing-attribution", fields = missing.join(", "));
    Some(
        Diagnostic::new(&page.source.file, message)
            .hint(msg!("audit-missing-attribution-hint", key = *first))
            .code("missing-attribution"),
    )
}

fn attribution(front: &PageFrontMatter, field: Attribution) -> &str {
    match field {
        Attribution::Source => &front.source,
        Attribution::Author => &front.author,
        Attribution::Photographer => &front.photographer,
        Attribution::Editor => &front.editor,
        Attribution::Reviewer => &front.reviewer,
    }
}

/// The wrong words of `words` in the title and body of the content file
/// `file`, whose body starts on line `body_line`, each at its line and
/// column. A file that cannot be read (a home page kepu made up) has none.
fn wrong_words(file: &Path, body_line: usize, words: &BTreeMap<String, String>) -> Vec<Diagnostic> {
    if words.is_empty() {
        return Vec::new();
    }
    let Ok(text) = files::read_text(file) else {
        return Vec::new();
    };
    let mut problems = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if number < body_line && !line.starts_with("title:") {
            continue;
        }
        for (wrong, right) in words {
            for offset in occurrences(line, wrong, right) {
                let column = line[..offset].chars().count() + 1;
                let message = msg!("audit-wrong-word", wrong = wrong.as_str(), right = right.as_str());
                problems.push(
                    Diagnostic::new(file, message)
                        .at(number, Some(column))
                        .hint(msg!("audit-wrong-word-hint", right = right.as_str()))
                        .code("wrong-word"),
                );
            }
        }
    }
    problems
}

/// Where `wrong` stands in `line`, leaving out the places where it is part
/// of its own right form (`国强` inside `张国强`).
fn occurrences<'l>(line: &'l str, wrong: &'l str, right: &'l str) -> impl Iterator<Item = usize> + 'l {
    let inside_right = right.find(wrong).filter(|_| !wrong.is_empty());
    line.match_indices(wrong)
        .map(|(offset, _)| offset)
        .filter(move |&offset| {
            inside_right.is_none_or(|at| {
                let start = offset.checked_sub(at);
                !start.is_some_and(|start| line.get(start..).is_some_and(|rest| rest.starts_with(right)))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::occurrences;

    #[test]
    fn a_wrong_word_inside_its_right_form_is_right() {
        let found: Vec<usize> = occurrences("张国强和国强", "国强", "张国强").collect();
        assert_eq!(found, ["张国强和".len()]);
        let found: Vec<usize> = occurrences("錯字，錯字", "錯字", "错字").collect();
        assert_eq!(found, [0, "錯字，".len()]);
    }
}
