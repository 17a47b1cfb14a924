//! Content loading: walks `content/`, reads each file, splits and parses its
//! front matter. Output: [`Content`], a flat list of parsed pages and
//! sections (Markdown bodies not yet rendered) plus the non-Markdown files to
//! copy. Files are parsed in parallel and every problem found is reported,
//! not just the first.

pub mod front_matter;

use crate::dates::{self, DateValue};
use crate::error::{Diagnostic, Error, Result};
use crate::markdown::Rendered;
use crate::period::Period;
use front_matter::{EventFrontMatter, PageFrontMatter, PeriodSpec, SectionFrontMatter, Split};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// A parsed page (any `.md` file but `_index.md`).
#[derive(Debug, Clone)]
pub struct PageSource {
    /// Content-relative path with `/` separators: `tips/drink-water.md`.
    pub rel_path: String,
    pub file: PathBuf,
    pub front: PageFrontMatter,
    pub date: Option<DateValue>,
    pub updated: Option<DateValue>,
    pub event: Option<Event>,
    /// The period a report covers (`period:`), validated.
    pub period: Option<Period>,
    pub body: Body,
    /// Filled by the Markdown stage, after the site model is built.
    pub rendered: Rendered,
}

/// The Markdown after the front matter, and the file line it starts on.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub text: String,
    pub first_line: usize,
}

/// Validated event data of a recap (`end` is always set).
pub type Event = EventFrontMatter<DateValue>;

/// A parsed `_index.md`.
#[derive(Debug, Clone)]
pub struct SectionSource {
    /// `_index.md` for the home page, `tips/_index.md` for a section.
    pub rel_path: String,
    pub file: PathBuf,
    pub front: SectionFrontMatter,
    pub body: Body,
    /// Filled by the Markdown stage, after the site model is built.
    pub rendered: Rendered,
}

/// A non-Markdown file under `content/`, copied to the output.
#[derive(Debug, Clone)]
pub struct Asset {
    pub rel_path: String,
    pub file: PathBuf,
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub pages: Vec<PageSource>,
    pub sections: Vec<SectionSource>,
    pub assets: Vec<Asset>,
}

/// Loads everything under `content_dir`.
pub fn load(content_dir: &Path) -> Result<Content> {
    let (markdown, assets) = walk(content_dir)?;
    let parsed: Vec<std::result::Result<Parsed, Vec<Diagnostic>>> = markdown
        .par_iter()
        .map(|(rel_path, file)| parse_file(rel_path, file))
        .collect();
    let mut content = Content {
        assets,
        ..Content::default()
    };
    let mut problems = Vec::new();
    for result in parsed {
        match result {
            Ok(Parsed::Page(page)) => content.pages.push(*page),
            Ok(Parsed::Section(section)) => content.sections.push(*section),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if problems.is_empty() {
        Ok(content)
    } else {
        Err(Error::from_diagnostics(problems))
    }
}

/// Markdown files and assets under `content_dir`, sorted by path so that
/// builds are deterministic. Hidden files and editor leftovers are skipped;
/// symlinks are followed only when they stay inside the content folder.
type Walked = (Vec<(String, PathBuf)>, Vec<Asset>);

fn walk(content_dir: &Path) -> Result<Walked> {
    if !content_dir.is_dir() {
        return Err(Diagnostic::new(content_dir, "the content folder does not exist")
            .hint("create content/_index.md, or run `kepu init DIR` for a working example")
            .into());
    }
    let root = content_dir
        .canonicalize()
        .map_err(crate::error::io_error(content_dir))?;
    let mut markdown = Vec::new();
    let mut assets = Vec::new();
    let mut problems = Vec::new();
    let walker = walkdir::WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(e.file_name().to_str().unwrap_or("")));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(content_dir).to_path_buf();
                problems.push(Diagnostic::new(path, format!("cannot read: {err}")));
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&root) && target.is_file() => {}
                Ok(target) if target.starts_with(&root) => continue,
                _ => {
                    problems.push(
                        Diagnostic::new(path, "symbolic link points outside the content folder")
                            .hint("kepu only reads files inside the site; copy the file in instead"),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let rel_path = relative(content_dir, path);
        if rel_path.ends_with(".md") {
            markdown.push((rel_path, path.to_path_buf()));
        } else {
            assets.push(Asset {
                rel_path,
                file: path.to_path_buf(),
            });
        }
    }
    if problems.is_empty() {
        Ok((markdown, assets))
    } else {
        Err(Error::from_diagnostics(problems))
    }
}

/// Hidden files, vim swap files, emacs and other editors' backups.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
}

/// `path` relative to `base`, with `/` separators on every platform.
pub fn relative(base: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(base).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

enum Parsed {
    Page(Box<PageSource>),
    Section(Box<SectionSource>),
}

/// Reads a file as UTF-8, accepting a BOM and CRLF line endings.
pub fn read_text(file: &Path) -> std::result::Result<String, Diagnostic> {
    let bytes =
        std::fs::read(file).map_err(|e| Diagnostic::new(file, format!("cannot read the file: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let line = bytes[..valid].iter().filter(|b| **b == b'\n').count() + 1;
        let column = bytes[..valid]
            .rsplit(|b| *b == b'\n')
            .next()
            .map_or(0, |l| String::from_utf8_lossy(l).chars().count())
            + 1;
        Diagnostic::new(file, "the file is not valid UTF-8 text")
            .at(line, Some(column))
            .hint("save the file with UTF-8 encoding (in most editors: “Save with encoding” → UTF-8)")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n")
    } else {
        text.to_string()
    })
}

fn parse_file(rel_path: &str, file: &Path) -> std::result::Result<Parsed, Vec<Diagnostic>> {
    let text = read_text(file).map_err(|d| vec![d])?;
    let split = front_matter::split(&text, file).map_err(|d| vec![d])?;
    let is_section = rel_path == "_index.md" || rel_path.ends_with("/_index.md");
    let body = || Body {
        text: split.body.to_string(),
        first_line: split.body_line,
    };
    if is_section {
        let front: SectionFrontMatter =
            crate::yaml::parse(split.yaml, file, split.yaml_line).map_err(|d| vec![d])?;
        return Ok(Parsed::Section(Box::new(SectionSource {
            rel_path: rel_path.to_string(),
            file: file.to_path_buf(),
            front,
            body: body(),
            rendered: Rendered::default(),
        })));
    }
    let front: PageFrontMatter =
        crate::yaml::parse(split.yaml, file, split.yaml_line).map_err(|d| vec![d])?;
    let mut problems = Vec::new();
    let mut date_of = |key: &str, value: Option<&String>| {
        let value = value?;
        dates::parse(value)
            .map_err(|hint| {
                problems.push(
                    Diagnostic::new(file, format!("invalid `{key}`"))
                        .at(
                            front_matter::key_line(&split, key).unwrap_or(split.yaml_line),
                            None,
                        )
                        .hint(hint),
                )
            })
            .ok()
    };
    let date = date_of("date", front.date.as_ref());
    let updated = date_of("updated", front.updated.as_ref());
    let event = front
        .event
        .as_ref()
        .and_then(|e| match validate_event(e, &split, file) {
            Ok(event) => Some(event),
            Err(d) => {
                problems.push(d);
                None
            }
        });
    let period = front
        .period
        .as_ref()
        .and_then(|spec| match validate_period(spec, &split, file) {
            Ok(period) => Some(period),
            Err(d) => {
                problems.push(d);
                None
            }
        });
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Parsed::Page(Box::new(PageSource {
        rel_path: rel_path.to_string(),
        file: file.to_path_buf(),
        date,
        updated,
        event,
        period,
        body: body(),
        rendered: Rendered::default(),
        front,
    })))
}

fn validate_event(
    event: &EventFrontMatter,
    split: &Split,
    file: &Path,
) -> std::result::Result<Event, Diagnostic> {
    let line = front_matter::key_line(split, "event").unwrap_or(split.yaml_line);
    let at = |message: String, hint: String| Diagnostic::new(file, message).at(line, None).hint(hint);
    let start = dates::parse(&event.start).map_err(|hint| at("invalid `event.start`".into(), hint))?;
    let end = match &event.end {
        Some(end) => dates::parse(end).map_err(|hint| at("invalid `event.end`".into(), hint))?,
        None => start.clone(),
    };
    if end < start {
        return Err(at(
            format!(
                "the event ends ({}) before it starts ({})",
                end.text(),
                start.text()
            ),
            "swap `start` and `end`, or fix the date".into(),
        ));
    }
    Ok(event.with_dates(start, end))
}

fn validate_period(spec: &PeriodSpec, split: &Split, file: &Path) -> std::result::Result<Period, Diagnostic> {
    let line = front_matter::key_line(split, "period").unwrap_or(split.yaml_line);
    let at = |key: &str, hint: String| {
        Diagnostic::new(file, format!("invalid `{key}`"))
            .at(line, None)
            .hint(hint)
    };
    match spec {
        PeriodSpec::Named(name) => Period::parse(name).map_err(|hint| at("period", hint)),
        PeriodSpec::Range { from, to } => {
            let from = dates::parse(from).map_err(|hint| at("period.from", hint))?;
            let to = dates::parse(to).map_err(|hint| at("period.to", hint))?;
            Period::between(dates::site_date(&from), dates::site_date(&to)).map_err(|hint| at("period", hint))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [".a.md.swp", "a.md~", "#a.md#", ".hidden", "4913.tmp"] {
            assert!(is_ignored(name), "{name}");
        }
        assert!(!is_ignored("a.md"));
    }
}
