//! Content loading: walks `content/`, reads each file, splits and parses its
//! front matter. Output: [`Content`], a flat list of parsed pages and
//! sections (Markdown bodies not yet rendered) plus the non-Markdown files to
//! copy. Files are parsed in parallel and every problem found is reported,
//! not just the first.

mod event_counts;
mod foreign_syntax;
pub mod front_matter;
mod page_checks;

use crate::dates::{self, DateValue};
use crate::error::{Diagnostic, Error, Result};
use crate::files;
use crate::files::{is_ignored, read_text, relative};
use crate::fingerprint;
use crate::fingerprint::Fingerprint;
use crate::messages::msg;
use crate::period::Period;
use crate::urls;
use crate::yaml;
use front_matter::{EventFrontMatter, PageFrontMatter, PeriodSpec, SectionFrontMatter, Split};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// Old site paths that redirect here, normalised (`/old/path/`, `/old.html`).
    pub aliases: Vec<String>,
    pub body: Body,
    /// What is odd about the file but does not stop a build.
    pub warnings: Vec<Diagnostic>,
}

/// The Markdown after the front matter, and the file line it starts on.
/// The text is shared: the model is rebuilt from kept sources when serving.
#[derive(Debug, Clone, Default)]
pub struct Body {
    pub text: Arc<str>,
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
    /// Old site paths that redirect to the section, normalised.
    pub aliases: Vec<String>,
    pub body: Body,
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
    /// Markdown files that could not be loaded (only [`load_all`] keeps
    /// going past them), so that links to them are not reported as missing.
    pub failed: Vec<String>,
    /// Editor and merge-tool leftovers skipped (`tips/a.md.bak`).
    pub leftovers: Vec<String>,
}

/// Loads everything under `content_dir`; any problem fails the load.
pub fn load(content_dir: &Path) -> Result<Content> {
    let mut cache = SourceCache::default();
    cache.reload(content_dir);
    cache.content()
}

/// Loads every file under `content_dir` that can be loaded and says what is
/// wrong with the others, for `kepu check`, which reports everything.
pub fn load_all(content_dir: &Path) -> (Content, Vec<Diagnostic>) {
    let mut cache = SourceCache::default();
    cache.reload(content_dir);
    cache.content_all()
}

/// The parsed content files, kept between builds when serving so that a
/// rebuild reads and parses only the files that changed. Entries are kept in
/// walk order (by path, folder by folder) so that the content comes out in
/// exactly the order a fresh load gives. Files are found by
/// [`crate::files::walk`] (see there for what is skipped and which symbolic
/// links are followed).
#[derive(Default)]
pub struct SourceCache {
    /// Walk-order key (see [`walk_key`]) → what the file became.
    files: BTreeMap<String, Found>,
    /// What the walks met besides files (links out of the site, loops,
    /// unreadable folders), with the walk key of the path they name.
    walk_problems: Vec<(String, Diagnostic)>,
    loaded: bool,
}

/// One file found under `content/`: parsed if it is Markdown.
#[derive(Clone)]
enum Found {
    Markdown(ParsedFile),
    Asset(Asset),
    /// An editor or merge-tool leftover, never published.
    Leftover,
}

/// A Markdown file as parsed, and the fingerprint of its text before the
/// body: when two versions of a page have the same, only the body changed.
#[derive(Clone)]
struct ParsedFile {
    parsed: std::result::Result<Parsed, Vec<Diagnostic>>,
    /// For a file with problems, what it gives without the keys in error,
    /// so that `kepu check` still checks its links, images and shortcodes.
    partial: Option<Parsed>,
    head: Fingerprint,
}

impl Found {
    /// The head fingerprint of a page that parsed.
    fn page_head(&self) -> Option<Fingerprint> {
        match self {
            Found::Markdown(ParsedFile {
                parsed: Ok(Parsed::Page(_)),
                head,
                ..
            }) => Some(*head),
            _ => None,
        }
    }
}

/// What [`SourceCache::update`] changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceUpdate {
    /// Only the bodies of these pages (content-relative paths): their front
    /// matter is as it was and no file came or went, so the site's model
    /// is the same.
    PageBodies(Vec<String>),
    /// Anything else.
    Other,
}

impl SourceCache {
    /// Forgets everything and loads the whole content folder.
    pub fn reload(&mut self, content_dir: &Path) {
        self.files.clear();
        self.walk_problems.clear();
        self.loaded = true;
        if !content_dir.is_dir() {
            let problem = Diagnostic::new(content_dir, msg!("content-folder-missing"))
                .hint(msg!("content-folder-missing-hint"));
            self.walk_problems.push((String::new(), problem));
            return;
        }
        self.insert_walk(content_dir, content_dir);
    }

    /// True once the whole content folder has been loaded.
    pub fn is_loaded(&self) -> bool {
        self.loaded
    }

    /// Re-reads what is now at each of `paths` (files or folders, changed,
    /// created or deleted) and forgets what was there before.
    pub fn update(&mut self, content_dir: &Path, paths: &[PathBuf]) -> SourceUpdate {
        let mut bodies = Some(Vec::new());
        for path in paths {
            let Ok(inside) = path.strip_prefix(content_dir) else {
                continue;
            };
            if inside.as_os_str().is_empty() {
                self.reload(content_dir);
                return SourceUpdate::Other;
            }
            let rel = relative(content_dir, path);
            if rel.split('/').any(is_ignored) {
                continue;
            }
            let key = walk_key(&rel);
            let before = self.files.get(&key).and_then(Found::page_head);
            let problems_before = self.walk_problems.len();
            self.forget_below(&key);
            if path.symlink_metadata().is_ok() {
                self.insert_walk(content_dir, path);
            }
            let after = self.files.get(&key).and_then(Found::page_head);
            let same_head = before.is_some() && before == after;
            match bodies.as_mut() {
                Some(edited) if same_head && self.walk_problems.len() == problems_before => edited.push(rel),
                _ => bodies = None,
            }
        }
        bodies.map_or(SourceUpdate::Other, SourceUpdate::PageBodies)
    }

    /// Forgets the file at walk key `key` and everything below it.
    fn forget_below(&mut self, key: &str) {
        let below = format!("{key}\0");
        let gone = |k: &str| k == key || k.starts_with(below.as_str());
        self.files.retain(|k, _| !gone(k));
        self.walk_problems.retain(|(k, _)| !gone(k));
    }

    /// Walks `start` (the content folder or something in it) and parses the
    /// Markdown files found, in parallel.
    fn insert_walk(&mut self, content_dir: &Path, start: &Path) {
        let site_root = content_dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let walked = files::walk_noting_leftovers(start, site_root);
        let key_of = |file: &Path| walk_key(&relative(content_dir, file));
        let problems = walked.problems.into_iter().map(|d| (key_of(&d.file), d));
        self.walk_problems.extend(problems);
        let leftovers = walked
            .leftovers
            .iter()
            .map(|rel| (key_of(&start.join(rel)), Found::Leftover));
        self.files.extend(leftovers);
        let parsed: Vec<(String, Found)> = walked
            .found
            .into_par_iter()
            .map(|f| {
                // Links name files in NFC; a file name written in NFD is the same file.
                let rel_path = urls::nfc(&relative(content_dir, &f.file));
                let found = if rel_path.ends_with(".md") {
                    Found::Markdown(parse_file(&rel_path, &f.file))
                } else if is_other_markdown(&rel_path) {
                    Found::Markdown(ParsedFile {
                        parsed: Err(vec![other_markdown(&rel_path, &f.file)]),
                        partial: None,
                        head: 0,
                    })
                } else {
                    Found::Asset(Asset {
                        rel_path: rel_path.clone(),
                        file: f.file,
                    })
                };
                (walk_key(&rel_path), found)
            })
            .collect();
        self.files.extend(parsed);
    }

    /// The content as a fresh load gives it, or every problem found.
    pub fn content(&self) -> Result<Content> {
        let (content, problems) = self.content_all();
        if problems.is_empty() {
            Ok(content)
        } else {
            Err(Error::from_diagnostics(problems))
        }
    }

    /// Every file that could be loaded, and the problems of the others
    /// (the walk's first, as a fresh load reports them).
    pub fn content_all(&self) -> (Content, Vec<Diagnostic>) {
        let mut content = Content::default();
        let mut problems: Vec<Diagnostic> = self.walk_problems.iter().map(|(_, d)| d.clone()).collect();
        for (key, found) in &self.files {
            match found {
                Found::Markdown(ParsedFile { parsed, partial, .. }) => match (parsed, partial) {
                    (Ok(parsed), _) => content.add(parsed),
                    (Err(found), partial) => {
                        match partial {
                            Some(partial) => content.add(partial),
                            None => content.failed.push(key.replace('\0', "/")),
                        }
                        problems.extend(found.iter().cloned());
                    }
                },
                Found::Asset(asset) => content.assets.push(asset.clone()),
                Found::Leftover => content.leftovers.push(key.replace('\0', "/")),
            }
        }
        (content, problems)
    }

    /// The page parsed from `rel_path`, if it parsed.
    pub fn page(&self, rel_path: &str) -> Option<&PageSource> {
        match self.files.get(&walk_key(rel_path))? {
            Found::Markdown(ParsedFile {
                parsed: Ok(Parsed::Page(page)),
                ..
            }) => Some(page),
            _ => None,
        }
    }
}

/// A key that sorts relative paths in walk order: a folder's files sort
/// among its siblings by the folder's name (`a/b.md` before `a-b.md`).
fn walk_key(rel_path: &str) -> String {
    rel_path.replace('/', "\0")
}

/// What a build says of the leftovers it skipped under `content/`.
pub fn leftovers_note(leftovers: &[String]) -> String {
    let shown: Vec<String> = leftovers.iter().map(|rel| format!("content/{rel}")).collect();
    let separator = msg!("list-separator");
    msg!(
        "leftovers-skipped",
        count = leftovers.len(),
        files = shown.join(&separator)
    )
}

/// A name that says Markdown but not as `.md` (`X.MD`, `a.markdown`): kepu
/// would otherwise copy the source, drafts included, into the output.
fn is_other_markdown(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".md", ".markdown", ".mdown", ".mkd", ".mkdn"]
        .iter()
        .any(|end| lower.ends_with(end))
        && !name.ends_with(".md")
}

fn other_markdown(rel_path: &str, file: &Path) -> Diagnostic {
    let stem = rel_path.rsplit('/').next().unwrap_or(rel_path);
    let stem = stem.rsplit_once('.').map_or(stem, |(stem, _)| stem);
    Diagnostic::new(file, msg!("other-markdown")).hint(msg!("other-markdown-hint", stem = stem))
}

/// One content file parsed: a page, or a section (`_index.md`).
#[derive(Debug, Clone)]
pub enum Parsed {
    Page(Box<PageSource>),
    Section(Box<SectionSource>),
}

fn parse_file(rel_path: &str, file: &Path) -> ParsedFile {
    let text = match read_text(file) {
        Ok(text) => text,
        Err(problem) => {
            return ParsedFile {
                parsed: Err(vec![problem]),
                partial: None,
                head: 0,
            };
        }
    };
    let (parsed, problems) = parse_source_all(rel_path, file, &text);
    let body = match &parsed {
        Some(Parsed::Page(page)) if problems.is_empty() => page.body.text.len(),
        Some(Parsed::Section(section)) if problems.is_empty() => section.body.text.len(),
        _ => 0,
    };
    let head = fingerprint::of_strs([&text[..text.len() - body]]);
    match parsed {
        Some(parsed) if problems.is_empty() => ParsedFile {
            parsed: Ok(parsed),
            partial: None,
            head,
        },
        partial => ParsedFile {
            parsed: Err(problems),
            partial,
            head,
        },
    }
}

impl Content {
    fn add(&mut self, parsed: &Parsed) {
        match parsed {
            Parsed::Page(page) => self.pages.push((**page).clone()),
            Parsed::Section(section) => self.sections.push((**section).clone()),
        }
    }
}

/// Parses the text of the content file at `rel_path` (read from `file`,
/// named in diagnostics): front matter split and typed, dates and event
/// validated. Pure, so it can be fuzzed and used on in-memory sources.
pub fn parse_source(rel_path: &str, file: &Path, text: &str) -> std::result::Result<Parsed, Vec<Diagnostic>> {
    match parse_source_all(rel_path, file, text) {
        (Some(parsed), problems) if problems.is_empty() => Ok(parsed),
        (_, problems) => Err(problems),
    }
}

/// [`parse_source`], and for a file with problems what it gives without
/// the keys in error (`None` when nothing usable is left).
fn parse_source_all(rel_path: &str, file: &Path, text: &str) -> (Option<Parsed>, Vec<Diagnostic>) {
    let split = match front_matter::split(text, file) {
        Ok(split) => split,
        Err(problem) => return (None, vec![problem]),
    };
    let is_section = rel_path == "_index.md" || rel_path.ends_with("/_index.md");
    let body = || Body {
        text: Arc::from(split.body),
        first_line: split.body_line,
    };
    if is_section {
        let (front, mut problems) = yaml::parse_all::<SectionFrontMatter>(split.yaml, file, split.yaml_line);
        let section = front.map(|front| {
            let aliases = site_aliases(&front.aliases, &split, file, &mut problems);
            Parsed::Section(Box::new(SectionSource {
                rel_path: rel_path.to_string(),
                file: file.to_path_buf(),
                front,
                aliases,
                body: body(),
            }))
        });
        return (section, problems);
    }
    let (front, mut problems) = yaml::parse_all::<PageFrontMatter>(split.yaml, file, split.yaml_line);
    let Some(front) = front else {
        // Broken YAML or a missing `title`: the body is still checked (its
        // links, images, shortcodes) under empty front matter, and links to
        // the page resolve; its problems keep it out of every build.
        let stand_in = Parsed::Page(Box::new(PageSource {
            rel_path: rel_path.to_string(),
            file: file.to_path_buf(),
            front: PageFrontMatter::default(),
            date: None,
            updated: None,
            event: None,
            period: None,
            aliases: Vec::new(),
            body: body(),
            warnings: foreign_syntax::warnings(split.body, split.body_line, file),
        }));
        return (Some(stand_in), problems);
    };
    if front.title.trim().is_empty() {
        problems.push(
            Diagnostic::new(file, msg!("title-empty"))
                .at(
                    front_matter::key_line(&split, "title").unwrap_or(split.yaml_line),
                    None,
                )
                .hint(msg!("title-empty-hint")),
        );
    }
    let mut date_of = |key: &str, value: Option<&String>| {
        let value = value?;
        dates::parse(value)
            .map_err(|hint| {
                problems.push(
                    Diagnostic::new(file, msg!("value-invalid", key = key))
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
    problems.extend(page_checks::problems(&front, &split, file));
    let mut warnings = page_checks::warnings(date.as_ref(), updated.as_ref(), &split, file);
    warnings.extend(foreign_syntax::warnings(split.body, split.body_line, file));
    let event = front
        .event
        .as_ref()
        .and_then(|e| value_or_note(validate_event(e, &split, file), &mut problems));
    if let Some(event) = &front.event {
        problems.extend(event_counts::check(event, &split, file));
    }
    let period = front
        .period
        .as_ref()
        .and_then(|spec| value_or_note(validate_period(spec, &split, file), &mut problems));
    for (key, terms) in [("tags", &front.tags), ("categories", &front.categories)] {
        // A term becomes a URL segment, which needs a letter or digit.
        for term in terms.iter().filter(|t| !t.chars().any(char::is_alphanumeric)) {
            problems.push(
                Diagnostic::new(file, msg!("term-no-letters", term = term.as_str(), key = key))
                    .at(
                        front_matter::key_line(&split, key).unwrap_or(split.yaml_line),
                        None,
                    )
                    .hint(msg!("term-no-letters-hint", key = key)),
            );
        }
    }
    let aliases = site_aliases(&front.aliases, &split, file, &mut problems);
    let page = Parsed::Page(Box::new(PageSource {
        rel_path: rel_path.to_string(),
        file: file.to_path_buf(),
        date,
        updated,
        event,
        period,
        aliases,
        body: body(),
        warnings,
        front,
    }));
    (Some(page), problems)
}

/// The `aliases:` of a page or section as site paths; each invalid one is
/// a problem at the key's line.
fn site_aliases(
    aliases: &[String],
    split: &Split,
    file: &Path,
    problems: &mut Vec<Diagnostic>,
) -> Vec<String> {
    // Looked up for a problem only: it reads the front matter's lines.
    let line = || front_matter::key_line(split, "aliases").unwrap_or(split.yaml_line);
    aliases
        .iter()
        .filter_map(|alias| {
            urls::normalise_alias(alias)
                .map_err(|hint| {
                    problems.push(
                        Diagnostic::new(file, msg!("alias-invalid", alias = alias.as_str()))
                            .at(line(), None)
                            .hint(hint),
                    )
                })
                .ok()
        })
        .collect()
}

/// The value of a check that passed; a failed check's problem joins the
/// others, so that one reading of a file reports all of them.
fn value_or_note<T>(checked: Result<T, Diagnostic>, problems: &mut Vec<Diagnostic>) -> Option<T> {
    checked.map_err(|problem| problems.push(problem)).ok()
}

fn validate_event(
    event: &EventFrontMatter,
    split: &Split,
    file: &Path,
) -> std::result::Result<Event, Diagnostic> {
    // The key's line is looked up for a problem only.
    let line = || front_matter::key_line(split, "event").unwrap_or(split.yaml_line);
    let at = |message: String, hint: String| Diagnostic::new(file, message).at(line(), None).hint(hint);
    let start =
        dates::parse(&event.start).map_err(|hint| at(msg!("value-invalid", key = "event.start"), hint))?;
    let end = match &event.end {
        Some(end) => dates::parse(end).map_err(|hint| at(msg!("value-invalid", key = "event.end"), hint))?,
        None => start.clone(),
    };
    if end < start {
        return Err(at(
            msg!("event-ends-before-start", end = end.text(), start = start.text()),
            msg!("event-ends-before-start-hint"),
        ));
    }
    Ok(event.with_dates(start, end))
}

fn validate_period(spec: &PeriodSpec, split: &Split, file: &Path) -> std::result::Result<Period, Diagnostic> {
    let line = front_matter::key_line(split, "period").unwrap_or(split.yaml_line);
    let at = |key: &str, hint: String| {
        Diagnostic::new(file, msg!("value-invalid", key = key))
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
        for name in [
            ".a.md.swp",
            "a.md~",
            "#a.md#",
            ".hidden",
            "4913.tmp",
            "X.MD.BAK",
            "科普.md.Orig",
            "a.md.rej",
            // The Kelvin sign lowers to `k`, as `to_lowercase` has it.
            "a.BA\u{212A}",
        ] {
            assert!(is_ignored(name), "{name}");
        }
        for name in ["a.md", "bak", "a.bak.md", "orig", "科普.md", "a.swpx"] {
            assert!(!is_ignored(name), "{name}");
        }
    }
}
