//! From an old site as read ([`OldSite`]) to the files of the new one: the
//! steps every generator shares. Front matter is mapped, old URLs are kept
//! with `slug:` or `aliases:`, bodies are converted by the generator and
//! then relinked, and `kepu.yaml`, section lists and the theme are added.

use super::body::{self, Index, Place};
use super::front_matter::{self, Split};
use super::keys::{self, Context, PageMeta, SectionMeta};
use super::messages;
use super::pagers::{self, Pagination};
use super::report::{Converted as ConvertedFile, Report, UrlChange};
use super::urls;
use super::write::Plan;
use crate::config::{TaxonomyAliases, TermAliases};
use crate::files;
use crate::model::taxonomy;
use crate::slug::Slugify;
use jiff::tz::TimeZone;
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
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
    /// `_index` file.
    pub implied_sections: Vec<ImpliedSection>,
    /// Files under a static folder that are not static (pages left out).
    pub not_static: Vec<PathBuf>,
    /// Other files of the content folder: source file → path under `content/`.
    pub content_files: Vec<(PathBuf, String)>,
    /// The generator's body conversion (shortcodes, tags).
    pub convert: fn(&Entry, &Index) -> Converted,
    /// How the old site cut its lists into pagers.
    pub pagination: Pagination,
}

/// A folder the old site listed as a section without an `_index` file.
pub struct ImpliedSection {
    /// Under `content/`.
    pub folder: String,
    pub title: String,
    /// Where the old site listed it (Hexo's `/archives/` for its posts).
    pub old_urls: Vec<String>,
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
    /// The old sites' term URLs kepu spells differently, which redirect.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub term_aliases: TermAliases,
    /// Where the old site listed a taxonomy's terms, when not at kepu's
    /// `/tags/` (Hexo's `tag_dir: tag`, a Hugo taxonomy renamed).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub taxonomy_aliases: TaxonomyAliases,
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
            term_aliases: TermAliases::new(),
            taxonomy_aliases: TaxonomyAliases::new(),
        }
    }

    /// The old site listed `taxonomy`'s terms at `old` (a folder path);
    /// kept when kepu's list is elsewhere.
    pub fn list_taxonomy_at(&mut self, taxonomy: &str, old: &str) {
        let old = urls::normalise(old);
        if old != format!("/{taxonomy}/") && self.taxonomies.iter().any(|t| t == taxonomy) {
            let aliases = self.taxonomy_aliases.entry(taxonomy.to_string()).or_default();
            if !aliases.contains(&old) {
                aliases.push(old);
            }
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
    /// The term pages the old site listed it on, with their URLs.
    pub old_terms: Vec<OldTerm>,
    /// Where the old site sent readers instead of showing it (Zola's
    /// `redirect_to`): a path, an address, or an `@/` content path.
    pub redirect_to: Option<String>,
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

/// A term of a page and where the old site had its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OldTerm {
    /// `tags` or `categories`.
    pub taxonomy: String,
    pub name: String,
    pub url: String,
}

/// The tags and categories of a page's old front matter (`tags:`,
/// `category:`, Zola's `[taxonomies]`), each with its old URL as `url`
/// spells it from the taxonomy and the term's path: the term alone, or
/// with `hierarchical` (Hexo), a category after its parents
/// (`categories: [后端, Java]` is 后端 › Java, at `/categories/后端/Java/`).
pub fn old_terms(
    fields: &Map<String, Value>,
    hierarchical: bool,
    url: impl Fn(&str, &[String]) -> String,
) -> Vec<OldTerm> {
    let mut found = Vec::new();
    let mut add = |taxonomy: &str, value: &Value| {
        let paths = if hierarchical && taxonomy == "categories" {
            category_paths(value)
        } else {
            term_names(value).into_iter().map(|t| vec![t]).collect()
        };
        for path in paths {
            let term = OldTerm {
                taxonomy: taxonomy.to_string(),
                name: path.last().cloned().unwrap_or_default(),
                url: url(taxonomy, &path),
            };
            if !found.contains(&term) {
                found.push(term);
            }
        }
    };
    for (key, value) in fields {
        let lower = key.to_ascii_lowercase();
        if keys::TAGS.contains(&lower.as_str()) {
            add("tags", value);
        } else if keys::CATEGORIES.contains(&lower.as_str()) {
            add("categories", value);
        } else if let ("taxonomies", Value::Object(map)) = (lower.as_str(), value) {
            for (name, value) in map
                .iter()
                .filter(|(n, _)| matches!(n.as_str(), "tags" | "categories"))
            {
                add(name, value);
            }
        }
    }
    found
}

/// The terms of a front-matter value, as kepu keeps them.
fn term_names(value: &Value) -> Vec<String> {
    keys::terms(value, &mut Report::default())
}

/// Hexo's category paths: a list is one hierarchy (each level a category
/// page), a list of lists several.
fn category_paths(value: &Value) -> Vec<Vec<String>> {
    let hierarchies: Vec<Vec<String>> = match value {
        Value::Array(items) if items.iter().any(Value::is_array) => items.iter().map(term_names).collect(),
        other => vec![term_names(other)],
    };
    let mut paths = Vec::new();
    for hierarchy in hierarchies {
        for depth in 1..=hierarchy.len() {
            paths.push(hierarchy[..depth].to_vec());
        }
    }
    paths
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
        Ok(split) => {
            for (key, line) in &split.duplicates {
                report.review(rel_source, Some(*line), messages::duplicate_key(key));
            }
            split
        }
        Err(unreadable) => {
            report.review(rel_source, Some(1), messages::bad_front_matter(&unreadable.why));
            Split {
                fields: Map::new(),
                body: body::review_block(&unreadable.text),
                body_line: 1,
                duplicates: Vec::new(),
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
    follow_redirects(&mut old, report);
    keep_list_pagers(&mut old, report);
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
    // Sections first: a list the old site served wins over a page's alias
    // at the same address (as it did on the old site).
    let existing: BTreeSet<&str> = old.entries.iter().map(|e| e.content_rel.as_str()).collect();
    for implied in &old.implied_sections {
        let rel = section_rel(&implied.folder);
        if !existing.contains(rel.as_str()) {
            let url = urls::kepu_url(&rel, None);
            claimed.insert(url.clone());
            let mut aliases = Vec::new();
            for old_url in implied.old_urls.iter().map(|u| urls::normalise(u)) {
                if old_url != url && claimed.insert(old_url.clone()) {
                    report.urls_changed.push(UrlChange {
                        old: old_url.clone(),
                        new: url.clone(),
                    });
                    aliases.push(old_url);
                }
            }
            let meta = SectionMeta {
                title: implied.title.clone(),
                sort_by: "date",
                aliases,
                ..SectionMeta::default()
            };
            plan.text(format!("content/{rel}"), keys::write_file(&meta, ""));
        }
    }
    let mut term_aliases = TermAliases::new();
    let pager_terms = keep_term_pagers(&old, &mut claimed, &mut term_aliases, report);
    for (entry, kept) in old.entries.iter().zip(kept) {
        let text = if entry.is_section() {
            section_file(entry, kept, &mut claimed, report)
        } else {
            let (meta, text) = page_file(entry, kept, &old, &index, &place, &mut claimed, report);
            // A draft was never on the old site's term pages.
            if !meta.draft {
                let taxonomies = &old.config.taxonomies;
                keep_term_urls(entry, taxonomies, &mut claimed, &mut term_aliases, report);
            }
            text
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
    for (file, rel) in &old.content_files {
        plan.copy(file.clone(), format!("content/{rel}"));
    }
    for dir in &old.static_dirs {
        plan.copy_tree(dir, "static", &old.static_skip(dir));
    }
    let moved_terms: usize = term_aliases
        .values()
        .flat_map(|t| t.values())
        .map(Vec::len)
        .sum::<usize>()
        - pager_terms;
    if moved_terms > 0 {
        report.notes.push(messages::term_urls(moved_terms));
    }
    old.config.term_aliases = term_aliases;
    keep_taxonomy_lists(&mut old.config, &mut claimed, report);
    plan.text(
        "kepu.yaml".into(),
        yaml_serde::to_string(&old.config).unwrap_or_default(),
    );
    summarise(report, &old.other_taxonomies);
    plan
}

/// The old lists of terms (`/tag/`) no other file took, each listed as
/// changed; one another file took is for review.
fn keep_taxonomy_lists(config: &mut NewConfig, claimed: &mut BTreeSet<String>, report: &mut Report) {
    for (taxonomy, aliases) in &mut config.taxonomy_aliases {
        aliases.retain(|old| {
            if !claimed.insert(old.clone()) {
                report.review("kepu.yaml", None, messages::alias_taken(old));
                return false;
            }
            report.urls_changed.push(UrlChange {
                old: old.clone(),
                new: format!("/{taxonomy}/"),
            });
            true
        });
    }
    config.taxonomy_aliases.retain(|_, aliases| !aliases.is_empty());
}

/// `content/` path of the section in `folder` (`""` is the home page's).
fn section_rel(folder: &str) -> String {
    if folder.is_empty() {
        "_index.md".into()
    } else {
        format!("{folder}/_index.md")
    }
}

/// The old pagers of the home page and every section that kepu does not
/// answer itself become aliases of the list (kepu cuts a list by its own
/// `paginate_by`, so its pagers are left free); a home page without an
/// `_index.md` gets one. Counted in a note.
fn keep_list_pagers(old: &mut OldSite, report: &mut Report) {
    let pagination = old.pagination.clone();
    let count_under = |entries: &[Entry], folder: &str| {
        entries
            .iter()
            .filter(|e| !e.is_section() && e.content_rel.starts_with(folder))
            .count()
    };
    let site_size = old.config.paginate_by;
    let kepu_size =
        |folder: &str, own: Option<usize>| own.unwrap_or(if folder.is_empty() { 0 } else { site_size });
    let mut added = 0;
    let mut first = None;
    let mut keep = |list: &str, folder: &str, own: Option<usize>, dir: Option<String>, entries: &[Entry]| {
        let count = count_under(entries, folder);
        let url = urls::kepu_url(&section_rel(folder), None);
        let kepu = pagers::kepu(&url, count, kepu_size(folder, own));
        let per_page = own.unwrap_or(pagination.per_page);
        let dir = dir.unwrap_or_else(|| pagination.dir.clone());
        let old_pagers: Vec<String> = pagination
            .old(list, count, per_page, &dir)
            .into_iter()
            .filter(|p| !kepu.contains(p))
            .collect();
        added += old_pagers.len();
        if first.is_none() {
            first = old_pagers.first().cloned();
        }
        old_pagers
    };
    let mut home_has_file = false;
    for i in 0..old.entries.len() {
        let entry = &old.entries[i];
        if !entry.is_section() {
            continue;
        }
        let folder = entry.content_rel.trim_end_matches("_index.md").to_string();
        home_has_file |= folder.is_empty();
        if folder.is_empty() && !pagination.home {
            continue;
        }
        let own = paginate_by(&entry.fields);
        // Zola's sections may name their pagers' folder.
        let dir = entry
            .fields
            .get("paginate_path")
            .map(front_matter::scalar_text)
            .map(|d| d.trim_matches('/').to_string())
            .filter(|d| !d.is_empty());
        let list = urls::normalise(&entry.old_url);
        let found = keep(&list, &folder, own, dir, &old.entries);
        let new = urls::kepu_url(&entry.content_rel, None);
        for pager in &found {
            report.urls_changed.push(UrlChange {
                old: pager.clone(),
                new: new.clone(),
            });
        }
        old.entries[i].aliases.extend(found);
    }
    for i in 0..old.implied_sections.len() {
        let folder = format!("{}/", old.implied_sections[i].folder);
        let Some(list) = old.implied_sections[i]
            .old_urls
            .first()
            .map(|u| urls::normalise(u))
        else {
            continue;
        };
        let found = keep(&list, &folder, None, None, &old.entries);
        old.implied_sections[i].old_urls.extend(found);
    }
    if pagination.home && !home_has_file {
        let found = keep("/", "", None, None, &old.entries);
        if !found.is_empty() {
            old.implied_sections.push(ImpliedSection {
                folder: String::new(),
                title: old.config.title.clone(),
                old_urls: found,
            });
        }
    }
    if let Some(example) = first {
        report.notes.push(messages::pagers_kept(added, &example));
    }
}

/// A section's own `paginate_by` (Zola) or `paginate` in its front matter.
fn paginate_by(fields: &Map<String, Value>) -> Option<usize> {
    ["paginate_by", "paginate"]
        .iter()
        .find_map(|key| fields.get(*key)?.as_u64())
        .map(|n| n as usize)
}

/// The old pagers of every term page (`/tags/istio/page/2/`) that kepu
/// does not answer itself, as `term_aliases` of the term; how many.
fn keep_term_pagers(
    old: &OldSite,
    claimed: &mut BTreeSet<String>,
    term_aliases: &mut TermAliases,
    report: &mut Report,
) -> usize {
    let taxonomies = &old.config.taxonomies;
    // Counted by the old URL and by kepu's: names kepu merges (`Istio`,
    // `istio`) are one term page to it, with all their pages.
    let mut by_old: BTreeMap<(String, String), (String, usize)> = BTreeMap::new();
    let mut by_new: BTreeMap<String, usize> = BTreeMap::new();
    for entry in old.entries.iter().filter(|e| !e.is_section() && !is_draft(e)) {
        for term in entry
            .old_terms
            .iter()
            .filter(|t| taxonomies.contains(&t.taxonomy))
        {
            let key = (term.taxonomy.clone(), urls::normalise(&term.url));
            by_old.entry(key).or_insert_with(|| (term.name.clone(), 0)).1 += 1;
            *by_new
                .entry(new_term_path(&term.taxonomy, &term.name))
                .or_default() += 1;
        }
    }
    let pagination = &old.pagination;
    let mut added = 0;
    for ((taxonomy, old_url), (name, count)) in by_old {
        let new = new_term_path(&taxonomy, &name);
        let kepu = pagers::kepu(&new, by_new[&new], old.config.paginate_by);
        for pager in pagination.old(&old_url, count, pagination.per_page, &pagination.dir) {
            if kepu.contains(&pager) || !claimed.insert(pager.clone()) {
                continue;
            }
            report.urls_changed.push(UrlChange {
                old: pager.clone(),
                new: new.clone(),
            });
            term_aliases
                .entry(taxonomy.clone())
                .or_default()
                .entry(name.clone())
                .or_default()
                .push(pager);
            added += 1;
        }
    }
    added
}

/// The path kepu gives the page of term `name` (`/tags/she-qu/`).
fn new_term_path(taxonomy: &str, name: &str) -> String {
    taxonomy::term_path(taxonomy, &taxonomy::term_slug(name, Slugify::Pinyin))
}

fn is_draft(entry: &Entry) -> bool {
    entry
        .fields
        .iter()
        .any(|(k, v)| k.eq_ignore_ascii_case("draft") && v.as_bool() == Some(true))
}

/// Entries the old site only redirected from (Zola's `redirect_to`) are
/// not written: their old URL becomes an alias of the page or section they
/// sent readers to. A redirect to another site, or to nothing imported, is
/// for review (kepu's redirects stay inside the site).
fn follow_redirects(old: &mut OldSite, report: &mut Report) {
    let (redirects, entries): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut old.entries)
        .into_iter()
        .partition(|e| e.redirect_to.is_some());
    old.entries = entries;
    for redirect in redirects {
        let target = redirect.redirect_to.as_deref().unwrap_or_default();
        let found = redirect_target(target, old.old_base.as_deref()).and_then(|target| {
            old.entries.iter().position(|e| match &target {
                RedirectTarget::Content(rel) => &e.content_rel == rel,
                RedirectTarget::Path(path) => &urls::normalise(&e.old_url) == path,
            })
        });
        match found {
            Some(index) => old.entries[index].aliases.push(redirect.old_url.clone()),
            None => report.review(
                &redirect.rel_source,
                None,
                messages::redirect_not_kept(&urls::normalise(&redirect.old_url), target),
            ),
        }
    }
}

enum RedirectTarget {
    /// `@/blog/_index.md`
    Content(String),
    /// A path of the old site, normalised.
    Path(String),
}

/// What `redirect_to` names: a content file, or a path of the old site
/// (an address on the old site's own host counts); `None` for another site.
fn redirect_target(target: &str, old_base: Option<&str>) -> Option<RedirectTarget> {
    let target = target.trim();
    if let Some(rel) = target.strip_prefix("@/") {
        return Some(RedirectTarget::Content(
            rel.split('#').next().unwrap_or(rel).to_string(),
        ));
    }
    let path = match old_base.and_then(|base| target.strip_prefix(base.trim_end_matches('/'))) {
        Some(path) => path,
        None if target.contains("://") || target.starts_with("//") => return None,
        None => target,
    };
    Some(RedirectTarget::Path(urls::normalise(path)))
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

fn section_file(
    entry: &Entry,
    kept: urls::Kept,
    claimed: &mut BTreeSet<String>,
    report: &mut Report,
) -> String {
    let mut meta = keys::section(entry.fields.clone(), &entry.fallback_title, report);
    meta.aliases = keep_aliases(entry, &kept, claimed, report);
    keys::write_file(&meta, &entry.body)
}

/// The old URL of a moved page or section and the aliases it had, as its
/// new `aliases:` (each listed as changed); one another file took already
/// is for review.
fn keep_aliases(
    entry: &Entry,
    kept: &urls::Kept,
    claimed: &mut BTreeSet<String>,
    report: &mut Report,
) -> Vec<String> {
    if let Some(alias) = &kept.alias {
        report.urls_changed.push(UrlChange {
            old: alias.clone(),
            new: kept.url.clone(),
        });
    }
    let mut aliases: Vec<String> = Vec::new();
    for alias in kept.alias.iter().chain(&entry.aliases) {
        let alias = urls::normalise(alias);
        if alias == kept.url || aliases.contains(&alias) {
            continue;
        }
        if claimed.insert(alias.clone()) {
            aliases.push(alias);
        } else {
            report.review(&entry.rel_source, None, messages::alias_taken(&alias));
        }
    }
    aliases
}

/// The old URLs of a page's terms that kepu spells differently (Chinese
/// terms in pinyin, capitals in lower case, Hexo's `tag_map`), as
/// `term_aliases`, each listed as changed once.
fn keep_term_urls(
    entry: &Entry,
    taxonomies: &[String],
    claimed: &mut BTreeSet<String>,
    term_aliases: &mut TermAliases,
    report: &mut Report,
) {
    for term in entry
        .old_terms
        .iter()
        .filter(|t| taxonomies.contains(&t.taxonomy))
    {
        let old = urls::normalise(&term.url);
        let slug = taxonomy::term_slug(&term.name, Slugify::Pinyin);
        let new = taxonomy::term_path(&term.taxonomy, &slug);
        let known = term_aliases.get(&term.taxonomy).and_then(|t| t.get(&term.name));
        if old == new || known.is_some_and(|aliases| aliases.contains(&old)) {
            continue;
        }
        if !claimed.insert(old.clone()) {
            report.review(&entry.rel_source, None, messages::alias_taken(&old));
            continue;
        }
        report.urls_changed.push(UrlChange {
            old: old.clone(),
            new,
        });
        term_aliases
            .entry(term.taxonomy.clone())
            .or_default()
            .entry(term.name.clone())
            .or_default()
            .push(old);
    }
}

/// The front matter of a page, and its text.
fn page_file(
    entry: &Entry,
    kept: urls::Kept,
    old: &OldSite,
    index: &Index,
    place: &Place,
    claimed: &mut BTreeSet<String>,
    report: &mut Report,
) -> (PageMeta, String) {
    let context = Context {
        zone: &old.zone,
        file: &entry.rel_source,
        fallback_title: &entry.fallback_title,
        other_taxonomies: &old.other_taxonomies,
    };
    let mut meta: PageMeta = keys::page(entry.fields.clone(), &context, report);
    meta.slug = kept.slug.clone();
    meta.aliases = keep_aliases(entry, &kept, claimed, report);
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
    // Each link at its own line: the same target twice is found twice.
    let mut searched_from: HashMap<String, usize> = HashMap::new();
    for (_, target) in relinked.unresolved {
        let from = searched_from.entry(target.clone()).or_default();
        let at = entry
            .body
            .get(*from..)
            .and_then(|rest| rest.find(&target))
            .map(|i| *from + i);
        if let Some(at) = at {
            *from = at + target.len();
        }
        let line = at.map(|at| body::line_of(&entry.body, at, entry.body_line));
        report.review(&entry.rel_source, line, messages::unresolved_link(&target));
    }
    for (old, new) in &relinked.guessed {
        let line = entry
            .body
            .find(old.as_str())
            .map(|at| body::line_of(&entry.body, at, entry.body_line));
        report.review(&entry.rel_source, line, messages::link_guessed(old, new));
    }
    let text = body::escape_braces(&body::normalise_more(&relinked.body));
    let file = keys::write_file(&meta, &text);
    (meta, file)
}

fn summarise(report: &mut Report, other_taxonomies: &[String]) {
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
