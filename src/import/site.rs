//! From an old site as read ([`OldSite`]) to the files of the new one: the
//! steps every generator shares. Front matter is mapped, old URLs are kept
//! with `slug:` or `aliases:`, bodies are converted by the generator and
//! then relinked, and `kepu.yaml`, section lists and the theme are added.

use super::body::{self, Index, Place};
use super::front_matter::{self, Split};
use super::keys::{self, Context, PageMeta, SectionMeta};
use super::messages;
use super::report::{Converted as ConvertedFile, Report, UrlChange};
use super::urls;
use super::write::Plan;
use crate::files;
use jiff::tz::TimeZone;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// An old site, read.
pub struct OldSite {
    pub config: NewConfig,
    pub entries: Vec<Entry>,
    /// Folders the old site served at its root, copied into `static/`.
    pub static_dirs: Vec<PathBuf>,
    pub source_root: PathBuf,
    pub old_base: Option<String>,
    pub zone: TimeZone,
    /// Taxonomies besides tags and categories (kept under `extra`).
    pub other_taxonomies: Vec<String>,
    /// Sections to create where the old site listed a folder without an
    /// `_index` file: content folder → title.
    pub implied_sections: Vec<(String, String)>,
    /// Files under a static folder that are not static (pages left out).
    pub not_static: Vec<PathBuf>,
    /// Other files of the content folder: source file → path under `content/`.
    pub content_files: Vec<(PathBuf, String)>,
    /// The generator's body conversion (shortcodes, tags).
    pub convert: fn(&Entry, &Index) -> Converted,
}

/// `kepu.yaml` of the new site.
#[derive(Debug, Serialize)]
pub struct NewConfig {
    pub title: String,
    pub base_url: String,
    pub language: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub author: String,
    pub theme: String,
    pub taxonomies: Vec<String>,
    pub paginate_by: usize,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub extra: Map<String, Value>,
}

impl NewConfig {
    pub fn new(title: String, base_url: String, language: String) -> NewConfig {
        NewConfig {
            title,
            base_url,
            language,
            description: String::new(),
            author: String::new(),
            theme: "kepu".into(),
            taxonomies: vec!["tags".into(), "categories".into()],
            paginate_by: 0,
            extra: Map::new(),
        }
    }

    /// The default theme's menu (`extra.menu`).
    pub fn set_menu(&mut self, items: Vec<(String, String)>) {
        let menu = items
            .into_iter()
            .map(|(name, url)| serde_json::json!({"name": name, "url": url}))
            .collect();
        self.extra.insert("menu".into(), Value::Array(menu));
    }

    /// Menu entries that named a page's old URL name its new one.
    fn follow_moves(&mut self, moved: &HashMap<String, String>) {
        let Some(Value::Array(menu)) = self.extra.get_mut("menu") else {
            return;
        };
        for item in menu {
            let Some(url) = item.get("url").and_then(Value::as_str) else {
                continue;
            };
            if url.contains("://") {
                continue;
            }
            if let Some(new) = moved.get(&urls::normalise(url)) {
                item["url"] = Value::from(new.clone());
            }
        }
    }

    fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(self.base_url.as_str(), |(_, r)| r);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        if path.ends_with('/') {
            path.to_string()
        } else {
            format!("{path}/")
        }
    }
}

/// A page or section of the old site.
pub struct Entry {
    pub source: PathBuf,
    /// Relative to SOURCE, for the report.
    pub rel_source: String,
    /// Where it goes under `content/` (`posts/a.md`, `posts/_index.md`).
    pub content_rel: String,
    pub fields: Map<String, Value>,
    pub body: String,
    pub body_line: usize,
    /// Where the old site served it.
    pub old_url: String,
    /// The old front matter's `slug`, if any.
    pub old_slug: Option<String>,
    /// Other old paths that already redirected to it.
    pub aliases: Vec<String>,
    /// Files copied beside it: source file → path under `content/`.
    pub assets: Vec<(PathBuf, String)>,
    /// The title when the front matter has none.
    pub fallback_title: String,
}

impl Entry {
    pub fn is_section(&self) -> bool {
        self.content_rel.ends_with("_index.md")
    }

    /// Its title as the front matter gives it, else the fallback.
    pub fn title(&self) -> String {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("title"))
            .map(|(_, v)| front_matter::scalar_text(v))
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| self.fallback_title.clone())
    }

    /// The name links use for it: the file name, or a bundle's folder name.
    pub fn name(&self) -> &str {
        let rel = self.content_rel.trim_end_matches(".md");
        let rel = rel.strip_suffix("/index").unwrap_or(rel);
        rel.rsplit('/').next().unwrap_or(rel)
    }
}

/// A body converted by its generator, with what needs review (byte offsets
/// into the original body).
#[derive(Default)]
pub struct Converted {
    pub body: String,
    pub review: Vec<(usize, String)>,
}

/// Reads the text of a content file, splitting its front matter; a front
/// matter that cannot be read is kept in the body for review.
pub fn read_entry_text(
    file: &Path,
    rel_source: &str,
    headless_yaml: bool,
    report: &mut Report,
) -> Option<Split> {
    let text = match files::read_text(file) {
        Ok(text) => text,
        Err(problem) => {
            report.review(rel_source, None, problem.to_string());
            return None;
        }
    };
    Some(match front_matter::split(&text, headless_yaml) {
        Ok(split) => split,
        Err(unreadable) => {
            report.review(rel_source, Some(1), messages::bad_front_matter(&unreadable.why));
            Split {
                fields: Map::new(),
                body: body::review_block(&unreadable.text),
                body_line: 1,
            }
        }
    })
}

/// The new site's files, from the old site.
pub fn convert(mut old: OldSite, report: &mut Report) -> Plan {
    let mut plan = Plan {
        theme: true,
        ..Plan::default()
    };
    let mut index = Index::default();
    for entry in old.entries.iter().filter(|e| !e.is_section()) {
        index.add(
            &entry.source,
            entry.name(),
            &entry.old_url,
            &entry.content_rel,
            &entry.title(),
        );
    }
    let kept: Vec<urls::Kept> = old
        .entries
        .iter()
        .map(|e| urls::keep(&e.old_url, &e.content_rel, e.old_slug.as_deref()))
        .collect();
    let mut claimed: BTreeSet<String> = kept.iter().map(|k| k.url.clone()).collect();
    let moved: HashMap<String, String> = old
        .entries
        .iter()
        .zip(&kept)
        .map(|(e, k)| (urls::normalise(&e.old_url), k.url.clone()))
        .collect();
    old.config.follow_moves(&moved);
    let base_path = old.config.base_path();
    let place = Place {
        source_root: &old.source_root,
        static_dirs: &old.static_dirs,
        old_base: old.old_base.as_deref(),
        base_path: &base_path,
    };
    let mut authors = 0;
    for (entry, kept) in old.entries.iter().zip(kept) {
        let text = if entry.is_section() {
            section_file(entry, report)
        } else {
            let (meta, has_author) = page_file(entry, kept, &old, &index, &place, &mut claimed, report);
            authors += usize::from(has_author);
            meta
        };
        plan.text(format!("content/{}", entry.content_rel), text);
        report.converted.push(ConvertedFile {
            from: entry.rel_source.clone(),
            to: format!("content/{}", entry.content_rel),
        });
        for (file, rel) in &entry.assets {
            plan.copy(file.clone(), format!("content/{rel}"));
        }
    }
    let existing: BTreeSet<&str> = old.entries.iter().map(|e| e.content_rel.as_str()).collect();
    for (folder, title) in &old.implied_sections {
        let rel = format!("{folder}/_index.md");
        if !existing.contains(rel.as_str()) {
            let meta = SectionMeta {
                title: title.clone(),
                sort_by: "date",
                ..SectionMeta::default()
            };
            plan.text(format!("content/{rel}"), keys::write_file(&meta, ""));
        }
    }
    for (file, rel) in &old.content_files {
        plan.copy(file.clone(), format!("content/{rel}"));
    }
    for dir in &old.static_dirs {
        plan.copy_tree(dir, "static", &old.static_skip(dir));
    }
    plan.text(
        "kepu.yaml".into(),
        yaml_serde::to_string(&old.config).unwrap_or_default(),
    );
    summarise(report, authors, &old.other_taxonomies);
    plan
}

impl OldSite {
    /// Files under a static folder that are not static (Hexo's `_posts`
    /// inside `source/`, pages converted separately).
    fn static_skip(&self, dir: &Path) -> Vec<PathBuf> {
        self.entries
            .iter()
            .filter(|e| e.source.starts_with(dir))
            .map(|e| e.source.clone())
            .chain(self.not_static.iter().cloned())
            .chain(std::iter::once(dir.join("_posts")))
            .chain(std::iter::once(dir.join("_drafts")))
            .collect()
    }
}

fn section_file(entry: &Entry, report: &mut Report) -> String {
    let meta = keys::section(entry.fields.clone(), &entry.fallback_title, report);
    keys::write_file(&meta, &entry.body)
}

/// The text of a page, and whether it named an author.
fn page_file(
    entry: &Entry,
    kept: urls::Kept,
    old: &OldSite,
    index: &Index,
    place: &Place,
    claimed: &mut BTreeSet<String>,
    report: &mut Report,
) -> (String, bool) {
    let context = Context {
        zone: &old.zone,
        file: &entry.rel_source,
        fallback_title: &entry.fallback_title,
        other_taxonomies: &old.other_taxonomies,
    };
    let mut meta: PageMeta = keys::page(entry.fields.clone(), &context, report);
    let has_author = meta.extra.contains_key("author");
    meta.slug = kept.slug.clone();
    if let Some(alias) = &kept.alias {
        report.urls_changed.push(UrlChange {
            old: alias.clone(),
            new: kept.url.clone(),
        });
    }
    for alias in kept.alias.iter().chain(&entry.aliases) {
        let alias = urls::normalise(alias);
        if alias == kept.url || meta.aliases.contains(&alias) {
            continue;
        }
        if claimed.insert(alias.clone()) {
            meta.aliases.push(alias);
        } else {
            report.review(&entry.rel_source, None, messages::alias_taken(&alias));
        }
    }
    let page = body::Page {
        source: &entry.source,
        old_url: &entry.old_url,
    };
    if let Some(cover) = &meta.cover {
        meta.cover = Some(body::file_url(cover, place, &page).unwrap_or_else(|| cover.clone()));
    }
    let converted = (old.convert)(entry, index);
    for (offset, what) in converted.review {
        let line = body::line_of(&entry.body, offset, entry.body_line);
        report.review(&entry.rel_source, Some(line), what);
    }
    let relinked = body::relink(&converted.body, index, place, &page);
    for (_, target) in relinked.unresolved {
        let line = entry
            .body
            .find(&target)
            .map(|at| body::line_of(&entry.body, at, entry.body_line));
        report.review(&entry.rel_source, line, messages::unresolved_link(&target));
    }
    let text = body::escape_braces(&body::normalise_more(&relinked.body));
    (keys::write_file(&meta, &text), has_author)
}

fn summarise(report: &mut Report, authors: usize, other_taxonomies: &[String]) {
    if authors > 0 {
        report.notes.push(messages::author_in_extra(authors));
    }
    for name in other_taxonomies {
        report.notes.push(messages::taxonomy_dropped(name));
    }
    if report.terms_dropped > 0 {
        report.notes.push(messages::terms_dropped(report.terms_dropped));
    }
    if report.nested_categories > 0 {
        report
            .notes
            .push(messages::nested_categories(report.nested_categories));
    }
}

/// Pages of the old site by the content path kepu gives them, for
/// generators resolving their own cross-references (`ref`, `post_link`).
pub fn find_page<'a>(index: &'a Index, target: &str) -> Option<&'a str> {
    let target = target.trim_start_matches('/');
    let (path, _) = target.split_once('#').unwrap_or((target, ""));
    index
        .by_source
        .values()
        .find(|rel| rel.as_str() == path || rel.trim_end_matches(".md") == path.trim_end_matches(".md"))
        .map(String::as_str)
        .or_else(|| index.by_file_name(path))
}

/// The old site's time zone by name, with a note saying which was used.
pub fn zone_or(name: Option<&str>, assumed: &str, report: &mut Report) -> TimeZone {
    if let Some(zone) = name.and_then(super::dates::zone) {
        report
            .notes
            .push(messages::time_zone(name.unwrap_or(assumed), false));
        return zone;
    }
    report.notes.push(messages::time_zone(assumed, true));
    super::dates::zone(assumed).unwrap_or(TimeZone::UTC)
}

/// Sorted and grouped by old path, for stable output.
pub fn sort_entries(entries: &mut [Entry]) {
    entries.sort_by(|a, b| a.rel_source.cmp(&b.rel_source));
}

/// `zh-cn` → `zh-CN`; the first of the candidates that is set.
pub fn language(candidates: &[String]) -> String {
    let code = candidates
        .iter()
        .find(|c| !c.trim().is_empty())
        .map_or("zh-CN", |c| c.trim());
    match code.split_once(['-', '_']) {
        Some((lang, region)) if region.len() == 2 => {
            format!("{}-{}", lang.to_lowercase(), region.to_uppercase())
        }
        Some((lang, rest)) => format!("{}-{rest}", lang.to_lowercase()),
        None => code.to_lowercase(),
    }
}

/// The old base URL, or a placeholder (noted) when the site had none.
pub fn placeholder_base(base_url: &str, report: &mut Report) -> String {
    let base = base_url.trim();
    if base.starts_with("http://") || base.starts_with("https://") {
        return if base.ends_with('/') {
            base.to_string()
        } else {
            format!("{base}/")
        };
    }
    let placeholder = "https://example.org/".to_string();
    report.notes.push(messages::base_url_placeholder(&placeholder));
    placeholder
}

/// Removes `key` (any case) from the front matter.
pub fn take(fields: &mut Map<String, Value>, key: &str) -> Option<Value> {
    let found = fields.keys().find(|k| k.eq_ignore_ascii_case(key))?.clone();
    fields.remove(&found)
}

pub fn string_list(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items
            .iter()
            .map(front_matter::scalar_text)
            .filter(|s| !s.is_empty())
            .collect(),
        Value::String(s) if !s.is_empty() => vec![s.clone()],
        _ => Vec::new(),
    }
}

pub fn relative(base: &Path, file: &Path) -> String {
    file.strip_prefix(base)
        .unwrap_or(file)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Every file under `dir` in name order, hidden files and folders left out.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect()
}

/// The files of the bundle in `dir` (whose page is `page`), by their path
/// under `content/`. Markdown files there are the old generator's page
/// resources: kepu would make them pages, so they are listed for review
/// instead of copied.
pub fn bundle_assets(
    dir: &Path,
    page: &Path,
    files: &[PathBuf],
    content: &Path,
    root: &Path,
    report: &mut Report,
) -> Vec<(PathBuf, String)> {
    let mut assets = Vec::new();
    for file in files.iter().filter(|f| f.starts_with(dir) && f.as_path() != page) {
        if file.extension().is_some_and(|e| e == "md" || e == "markdown") {
            report.review(&relative(root, file), None, messages::bundle_markdown_left_out());
        } else {
            assets.push((file.clone(), relative(content, file)));
        }
    }
    assets
}
