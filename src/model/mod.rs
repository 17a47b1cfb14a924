//! The site model: plain data built from loaded content. Pages and sections
//! get their URL paths, sections their sorted pages, children and page size;
//! pages their neighbours and related pages; taxonomies their terms; feeds
//! their pages. Drafts and scheduled pages are held back; URL collisions and
//! broken internal links are reported. No Tera, no locks, no I/O.

pub mod archives;
pub mod feeds;
pub mod figures;
pub mod navigation;
pub mod pagination;
pub mod taxonomy;

use crate::body::Rendered;
use crate::config::Config;
use crate::dates;
use crate::error::{Diagnostic, Error, Result};
use crate::files::CopiedFile;
use crate::messages;
use crate::messages::msg;
use crate::slug::{self, Slugify};
use crate::source::front_matter::{SectionFrontMatter, SortBy};
use crate::source::{Asset, Content, PageSource, SectionSource};
use crate::urls;
use jiff::Timestamp;
use std::collections::HashMap;
use std::sync::Arc;

/// What a build includes besides published pages.
#[derive(Debug, Clone, Copy)]
pub struct Visibility {
    pub drafts: bool,
    pub future: bool,
    /// "Now", for deciding which scheduled pages are due.
    pub now: Timestamp,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub source: PageSource,
    /// The body as the Markdown stage rendered it, after the model is built
    /// (shared, so that a rebuild reuses the rendering of an unchanged body).
    pub rendered: Arc<Rendered>,
    /// URL segment: the `slug`, else the file stem (or bundle folder name).
    pub slug: String,
    /// Site path, without the base path: `/tips/drink-water/`.
    pub path: String,
    /// Index of the section the page belongs to.
    pub section: usize,
    /// True for `…/index.md` page bundles, whose folder's files are its assets.
    pub is_bundle: bool,
    /// 第 N 期, in a section with `issue_numbers: true`.
    pub issue_number: Option<usize>,
    /// The previous and next page of the section in reading order.
    pub lower: Option<usize>,
    pub higher: Option<usize>,
    /// Pages sharing the most tags, best first.
    pub related: Vec<usize>,
    /// Among the newest pages that get a WeChat edition (`wechat.recent`).
    pub wechat_edition: bool,
    /// An event recap whose event starts after the build: an announcement
    /// (活动预告), not counted in figures yet.
    pub upcoming: bool,
}

impl Page {
    /// When the page last changed: `updated`, else `date`.
    pub fn last_change(&self) -> Option<&dates::DateValue> {
        self.source.updated.as_ref().or(self.source.date.as_ref())
    }

    /// A page that is no news (the accessibility statement): `extra:
    /// {unlisted: true}` keeps it out of the home page's list, the search
    /// index and the audit of dates and attribution.
    pub fn is_unlisted(&self) -> bool {
        let unlisted = self.source.front.extra.get("unlisted");
        unlisted.and_then(serde_json::Value::as_bool).unwrap_or(false)
    }
}

#[derive(Debug, Clone)]
pub struct Section {
    pub source: SectionSource,
    /// The body as the Markdown stage rendered it.
    pub rendered: Arc<Rendered>,
    pub path: String,
    pub parent: Option<usize>,
    /// Indexes into `Site::pages`, in the section's sort order.
    pub pages: Vec<usize>,
    pub subsections: Vec<usize>,
    /// The event series among the section's pages, each with a listing page.
    pub series: Vec<archives::Series>,
    /// Where the calendar archive goes, when the section asks for one.
    pub calendar_path: Option<String>,
    /// Pages per pager of the section's list (0 = one list).
    pub paginate_by: usize,
}

/// Which entity a content file became.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Page(usize),
    Section(usize),
}

#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    pub assets: Vec<CopiedFile>,
    /// Every page, newest first (undated pages last).
    pub newest_first: Vec<usize>,
    /// The taxonomies whose pages are written (`taxonomies`, unless
    /// `outputs.taxonomies` is off).
    pub taxonomies: Vec<taxonomy::Taxonomy>,
    /// The feeds to write (none when `outputs.feeds` is off).
    pub feeds: Vec<feeds::Feed>,
    /// Content-relative source path → entity.
    pub by_source: HashMap<String, Entity>,
    pub held_back: HeldBack,
    /// Pages left out (drafts, scheduled) → the catalogue id of the link
    /// error saying why (`link-to-draft`), for precise link errors.
    pub excluded: HashMap<String, &'static str>,
    pub warnings: Vec<Diagnostic>,
    /// What the last link check warned about (anchors no heading has).
    pub link_warnings: Vec<Diagnostic>,
    /// The event recaps among the pages, for report figures (shared: the
    /// Markdown stage and the templates read them).
    pub recaps: Arc<figures::Recaps>,
}

/// Pages left out of this build.
#[derive(Debug, Clone, Default)]
pub struct HeldBack {
    pub drafts: usize,
    pub scheduled: usize,
    /// The earliest date among scheduled pages.
    pub next_date: Option<String>,
    /// When that page comes out: a model built before then is out of
    /// date after.
    pub next_release: Option<Timestamp>,
    /// Editor and merge-tool leftovers under `content/`, never published
    /// (`tips/a.md.bak`).
    pub leftovers: Vec<String>,
}

impl Site {
    /// Builds the model from loaded content; any problem fails it.
    pub fn build(config: Config, content: Content, visibility: Visibility) -> Result<Site> {
        let (site, problems) = Site::build_all(config, content, visibility);
        if problems.is_empty() {
            Ok(site)
        } else {
            Err(Error::from_diagnostics(problems))
        }
    }

    /// Builds the model and says what is wrong with it (clashing or
    /// unusable URLs), for `kepu check`, which goes on to check the rest.
    pub fn build_all(config: Config, content: Content, visibility: Visibility) -> (Site, Vec<Diagnostic>) {
        let Content {
            pages,
            sections,
            assets,
            failed,
            leftovers,
        } = content;
        let mut held_back = HeldBack {
            leftovers,
            ..HeldBack::default()
        };
        let (pages, mut excluded) = filter_visible(pages, visibility, &mut held_back);
        excluded.extend(failed.into_iter().map(|f| (f, "link-to-failed-file")));
        let mut sections = build_sections(sections, &config);
        let mut problems = Vec::new();
        let mut pages: Vec<Page> = pages
            .into_iter()
            .map(|source| make_page(source, &sections, config.slugify))
            .collect();
        mark_upcoming(&mut pages, visibility.now, &mut held_back);
        check_slugs(&pages, &mut problems);
        for (index, page) in pages.iter().enumerate() {
            sections[page.section].pages.push(index);
        }
        for section in &mut sections {
            let sort_by = section.source.front.sort_by;
            section
                .pages
                .sort_by(|a, b| compare_pages(&pages[*a], &pages[*b], sort_by));
            section.series = archives::series_of(section, &pages, config.slugify);
            section.calendar_path = archives::calendar_path(section);
        }
        archives::number_issues(&mut pages, &sections);
        let mut newest_first: Vec<usize> = (0..pages.len()).collect();
        newest_first.sort_by(|a, b| compare_pages(&pages[*a], &pages[*b], SortBy::Date));
        for &newest in newest_first.iter().take(config.wechat.recent) {
            pages[newest].wechat_edition = true;
        }
        navigation::link_neighbours(&sections, &mut pages);
        let tags = taxonomy::build("tags", &pages, &newest_first, config.slugify);
        let related = navigation::related(&pages, &tags);
        for (page, related) in pages.iter_mut().zip(related) {
            page.related = related;
        }
        let mut taxonomies: Vec<taxonomy::Taxonomy> = if config.outputs.taxonomies {
            config
                .taxonomies
                .iter()
                .map(|name| match name.as_str() {
                    "tags" => tags.clone(),
                    other => taxonomy::build(other, &pages, &newest_first, config.slugify),
                })
                .collect()
        } else {
            Vec::new()
        };
        let feeds = if config.outputs.feeds {
            feeds::plan(&sections, &pages, &newest_first, config.feeds)
        } else {
            Vec::new()
        };
        let by_source = index_sources(&pages, &sections);
        check_paths_are_usable(&pages, &sections, &mut problems);
        let assets = place_assets(assets, &pages, &by_source, config.slugify);
        let term_warnings = taxonomy::attach_aliases(&mut taxonomies, &config);
        let warnings = pages
            .iter()
            .flat_map(|p| p.source.warnings.iter().cloned())
            .chain(term_warnings)
            .collect();
        let mut site = Site {
            config,
            pages,
            sections,
            assets,
            newest_first,
            taxonomies,
            feeds,
            by_source,
            held_back,
            excluded,
            warnings,
            link_warnings: Vec::new(),
            recaps: Default::default(),
        };
        site.recaps = Arc::new(figures::Recaps::of_site(&site));
        (site, problems)
    }

    /// After the Markdown stage: every internal link must name an included
    /// page or section (an error); a missing `#anchor` is a warning.
    pub fn check_links(&mut self) -> Result<()> {
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        check_links(self, &mut problems, &mut warnings);
        self.link_warnings = warnings;
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::from_diagnostics(problems))
        }
    }

    /// Every warning: the model's, then the last link check's.
    pub fn all_warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.warnings.iter().chain(&self.link_warnings)
    }

    pub fn page(&self, rel_path: &str) -> Option<&Page> {
        self.page_index(rel_path).map(|i| &self.pages[i])
    }

    /// The index in `pages` of the page from `rel_path`.
    pub fn page_index(&self, rel_path: &str) -> Option<usize> {
        match self.by_source.get(rel_path)? {
            Entity::Page(i) => Some(*i),
            Entity::Section(_) => None,
        }
    }

    pub fn section(&self, rel_path: &str) -> Option<&Section> {
        match self.by_source.get(rel_path)? {
            Entity::Section(i) => Some(&self.sections[*i]),
            Entity::Page(_) => None,
        }
    }

    /// The site path of a content file (`tips/a.md` → `/tips/a/`).
    pub fn path_of(&self, rel_path: &str) -> Option<&str> {
        Some(match self.by_source.get(rel_path)? {
            Entity::Page(i) => &self.pages[*i].path,
            Entity::Section(i) => &self.sections[*i].path,
        })
    }

    /// The absolute URL of a site path.
    pub fn permalink(&self, path: &str) -> String {
        self.config.absolute_url(path)
    }

    /// The absolute URL of a page's `cover:`: an address stays as it is,
    /// `/x` is site-relative, and a bare name in a bundle is beside the page.
    pub fn cover_url(&self, page: &Page) -> Option<String> {
        let url = page.source.front.cover.as_deref()?;
        Some(if url.contains("://") {
            url.to_string()
        } else if url.starts_with('/') || !page.is_bundle {
            self.permalink(url)
        } else {
            self.permalink(&format!("{}{url}", page.path))
        })
    }

    /// The absolute URL of content file `rel_path` (`tips/a.md`).
    pub fn url_of(&self, rel_path: &str) -> Option<String> {
        Some(self.permalink(self.path_of(rel_path)?))
    }

    /// The absolute URL of every page and section, by content-relative path.
    pub fn urls_by_source(&self) -> HashMap<String, String> {
        self.by_source
            .keys()
            .filter_map(|rel| Some((rel.clone(), self.url_of(rel)?)))
            .collect()
    }

    /// The pagers of section `index`'s page list.
    pub fn section_pagers(&self, index: usize) -> Vec<pagination::Pager> {
        let section = &self.sections[index];
        pagination::paginate(&section.path, section.pages.len(), section.paginate_by)
    }

    /// The pagers of a term's page list (sized by the site's `paginate_by`).
    pub fn term_pagers(&self, term: &taxonomy::Term) -> Vec<pagination::Pager> {
        pagination::paginate(&term.path, term.pages.len(), self.config.paginate_by)
    }
}

/// Drops drafts and not-yet-due pages, counting them; returns the dropped
/// pages' source paths too, so links to them get a precise message.
fn filter_visible(
    pages: Vec<PageSource>,
    visibility: Visibility,
    held_back: &mut HeldBack,
) -> (Vec<PageSource>, HashMap<String, &'static str>) {
    let mut excluded = HashMap::new();
    let mut next: Option<dates::DateValue> = None;
    let kept = pages
        .into_iter()
        .filter(|page| {
            if page.front.draft && !visibility.drafts {
                held_back.drafts += 1;
                excluded.insert(page.rel_path.clone(), "link-to-draft");
                return false;
            }
            match &page.date {
                Some(date) if !visibility.future && date.timestamp() > visibility.now => {
                    held_back.scheduled += 1;
                    if next.as_ref().is_none_or(|n| date < n) {
                        next = Some(date.clone());
                    }
                    excluded.insert(page.rel_path.clone(), "link-to-scheduled");
                    false
                }
                _ => true,
            }
        })
        .collect();
    held_back.next_release = next.as_ref().map(|d| d.timestamp());
    held_back.next_date = next.map(|d| d.text());
    (kept, excluded)
}

/// Sections with their paths and parents; a home section is made up when
/// `content/_index.md` is missing, so every page has a section.
fn build_sections(mut sources: Vec<SectionSource>, config: &Config) -> Vec<Section> {
    if !sources.iter().any(|s| s.rel_path == "_index.md") {
        sources.push(SectionSource {
            rel_path: "_index.md".into(),
            file: config.content_dir().join("_index.md"),
            front: SectionFrontMatter {
                title: Some(config.title.clone()),
                ..Default::default()
            },
            aliases: Vec::new(),
            body: Default::default(),
        });
    }
    // Parents before children: sort by depth, then path.
    sources.sort_by(|a, b| (depth(&a.rel_path), &a.rel_path).cmp(&(depth(&b.rel_path), &b.rel_path)));
    let mut sections: Vec<Section> = Vec::with_capacity(sources.len());
    for source in sources {
        let dir = source
            .rel_path
            .trim_end_matches("_index.md")
            .trim_end_matches('/')
            .to_string();
        let parent = (!dir.is_empty()).then(|| nearest_section(&sections, parent_dir(&dir)));
        let path = url_prefix(&dir, config.slugify);
        let index = sections.len();
        if let Some(parent) = parent {
            sections[parent].subsections.push(index);
        }
        // The home page is a landing page: only its own front matter paginates it.
        let default_page_size = if parent.is_some() { config.paginate_by } else { 0 };
        let paginate_by = source.front.paginate_by.unwrap_or(default_page_size);
        sections.push(Section {
            source,
            rendered: Default::default(),
            path,
            parent,
            pages: Vec::new(),
            subsections: Vec::new(),
            series: Vec::new(),
            calendar_path: None,
            paginate_by,
        });
    }
    for i in 0..sections.len() {
        let mut children = std::mem::take(&mut sections[i].subsections);
        children.sort_by_key(|c| {
            (
                sections[*c].source.front.weight,
                sections[*c].source.rel_path.clone(),
            )
        });
        sections[i].subsections = children;
    }
    sections
}

fn depth(rel_path: &str) -> usize {
    rel_path.matches('/').count()
}

fn parent_dir(dir: &str) -> &str {
    dir.rsplit_once('/').map_or("", |(parent, _)| parent)
}

/// The section whose folder is `dir` or its nearest ancestor (the home
/// section, index 0 after sorting, at the latest).
fn nearest_section(sections: &[Section], mut dir: &str) -> usize {
    loop {
        let index_path = if dir.is_empty() {
            "_index.md".to_string()
        } else {
            format!("{dir}/_index.md")
        };
        if let Some(i) = sections.iter().position(|s| s.source.rel_path == index_path) {
            return i;
        }
        if dir.is_empty() {
            return 0;
        }
        dir = parent_dir(dir);
    }
}

fn make_page(source: PageSource, sections: &[Section], slugify: Slugify) -> Page {
    let (dir, file) = source
        .rel_path
        .rsplit_once('/')
        .unwrap_or(("", source.rel_path.as_str()));
    let is_bundle = file == "index.md" && !dir.is_empty();
    // A bundle is named by its folder and belongs to the folder's parent.
    let (dir, stem) = if is_bundle {
        (parent_dir(dir), dir.rsplit('/').next().unwrap_or(dir))
    } else {
        (dir, file.trim_end_matches(".md"))
    };
    let slug = slug::url_segment(source.front.slug.as_deref().unwrap_or(stem), slugify);
    let section = nearest_section(sections, dir);
    let path = format!("{}{}/", url_prefix(dir, slugify), slug);
    Page {
        source,
        rendered: Default::default(),
        slug,
        path,
        section,
        is_bundle,
        issue_number: None,
        lower: None,
        higher: None,
        related: Vec::new(),
        wechat_edition: false,
        upcoming: false,
    }
}

/// Marks the recaps whose event starts after `now` as announcements; the
/// first to start is when a model built now goes out of date, as for a
/// scheduled page.
fn mark_upcoming(pages: &mut [Page], now: Timestamp, held_back: &mut HeldBack) {
    for page in pages {
        let Some(start) = page.source.event.as_ref().map(|e| e.start.timestamp()) else {
            continue;
        };
        if start > now {
            page.upcoming = true;
            held_back.next_release = Some(held_back.next_release.map_or(start, |next| next.min(start)));
        }
    }
}

/// The URL folder of content folder `dir`, each folder name slugified
/// (pages in folders without `_index.md` keep their folder).
fn url_prefix(dir: &str, slugify: Slugify) -> String {
    if dir.is_empty() {
        return "/".into();
    }
    let segments: Vec<String> = dir
        .split('/')
        .map(|name| slug::url_segment(name, slugify))
        .collect();
    format!("/{}/", segments.join("/"))
}

/// A name that slugifies to nothing (`！！.md`) would give a page the URL of
/// its folder.
fn check_slugs(pages: &[Page], problems: &mut Vec<Diagnostic>) {
    for page in pages.iter().filter(|p| p.slug.is_empty()) {
        problems.push(Diagnostic::new(&page.source.file, msg!("slug-empty")).hint(msg!("slug-empty-hint")));
    }
}

fn compare_pages(a: &Page, b: &Page, sort_by: SortBy) -> std::cmp::Ordering {
    let (fa, fb) = (&a.source.front, &b.source.front);
    let primary = match sort_by {
        // Newest first; undated pages last.
        SortBy::Date => b.source.date.cmp(&a.source.date),
        SortBy::Weight => fa.weight.cmp(&fb.weight),
        SortBy::Title => fa.title.cmp(&fb.title),
    };
    primary.then_with(|| a.source.rel_path.cmp(&b.source.rel_path))
}

fn index_sources(pages: &[Page], sections: &[Section]) -> HashMap<String, Entity> {
    let mut map = HashMap::with_capacity(pages.len() + sections.len());
    for (i, page) in pages.iter().enumerate() {
        map.insert(page.source.rel_path.clone(), Entity::Page(i));
    }
    for (i, section) in sections.iter().enumerate() {
        map.insert(section.source.rel_path.clone(), Entity::Section(i));
    }
    map
}

/// A URL path with an empty, `.` or `..` segment (from a slug such as `..`
/// or a file name of punctuation only) would be written outside its folder
/// or over another page: refuse it.
fn check_paths_are_usable(pages: &[Page], sections: &[Section], problems: &mut Vec<Diagnostic>) {
    let unusable = |path: &str| {
        let inner = path.strip_prefix('/').and_then(|p| p.strip_suffix('/'));
        path != "/" && inner.is_none_or(|inner| inner.split('/').any(|s| matches!(s, "" | "." | "..")))
    };
    // An empty slug is `check_slugs`' to report.
    for page in pages.iter().filter(|p| !p.slug.is_empty() && unusable(&p.path)) {
        let origin = if page.source.front.slug.is_some() {
            msg!("page-url-from-slug")
        } else {
            msg!("page-url-from-file-name")
        };
        problems.push(
            Diagnostic::new(
                &page.source.file,
                msg!("page-url-unusable", path = page.path.as_str(), origin = origin),
            )
            .hint(msg!("page-url-unusable-hint")),
        );
    }
    for section in sections.iter().filter(|s| unusable(&s.path)) {
        problems.push(
            Diagnostic::new(
                &section.source.file,
                msg!("section-url-unusable", path = section.path.as_str()),
            )
            .hint(msg!("section-url-unusable-hint")),
        );
    }
}

fn check_links(site: &Site, problems: &mut Vec<Diagnostic>, warnings: &mut Vec<Diagnostic>) {
    let Site {
        pages,
        sections,
        by_source,
        excluded,
        ..
    } = site;
    let rendered_of = |entity: &Entity| match entity {
        Entity::Page(i) => &pages[*i].rendered,
        Entity::Section(i) => &sections[*i].rendered,
    };
    let sources = pages
        .iter()
        .map(|p| (&p.source.file, &p.rendered))
        .chain(sections.iter().map(|s| (&s.source.file, &s.rendered)));
    for (file, rendered) in sources {
        for link in &rendered.links {
            let Some(target) = by_source.get(&link.target) else {
                let target = link.target.as_str();
                let why = excluded.get(&link.target).map_or_else(
                    || msg!("link-to-nothing", target = target),
                    |reason| messages::text(reason, &[("target", target.into())]),
                );
                problems.push(
                    Diagnostic::new(file, why)
                        .at(link.line, Some(link.column))
                        .code("broken-link")
                        .hint(msg!("link-to-nothing-hint")),
                );
                continue;
            };
            if let Some(anchor) = &link.anchor {
                let anchor = urls::percent_decode(anchor).unwrap_or_else(|| anchor.clone());
                if !rendered_of(target).heading_ids.contains(&anchor) {
                    let message = msg!(
                        "anchor-missing",
                        target = link.target.as_str(),
                        anchor = anchor.as_str()
                    );
                    warnings.push(
                        Diagnostic::new(file, message)
                            .at(link.line, Some(link.column))
                            .code("missing-anchor")
                            .hint(msg!("anchor-missing-hint")),
                    );
                }
            }
        }
    }
}

/// Where each content asset goes: bundle files beside their page, other
/// files at their own path under their section's URL.
fn place_assets(
    assets: Vec<Asset>,
    pages: &[Page],
    by_source: &HashMap<String, Entity>,
    slugify: Slugify,
) -> Vec<CopiedFile> {
    assets
        .into_iter()
        .map(|asset| {
            let (dir, name) = asset
                .rel_path
                .rsplit_once('/')
                .unwrap_or(("", asset.rel_path.as_str()));
            let bundle = bundle_of(dir, by_source);
            let dest = match bundle {
                Some((page, inner)) => format!(
                    "{}{}",
                    pages[page].path.trim_start_matches('/'),
                    join(inner, name)
                ),
                None => format!("{}{}", url_prefix(dir, slugify).trim_start_matches('/'), name),
            };
            CopiedFile {
                dest,
                file: asset.file,
                page: bundle.map(|(page, _)| page),
            }
        })
        .collect()
}

fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

/// The bundle page containing folder `dir`, and the path inside the bundle.
fn bundle_of<'d>(dir: &'d str, by_source: &HashMap<String, Entity>) -> Option<(usize, &'d str)> {
    let mut candidate = dir;
    loop {
        if candidate.is_empty() {
            return None;
        }
        if let Some(Entity::Page(i)) = by_source.get(&format!("{candidate}/index.md")) {
            let inner = dir[candidate.len()..].trim_start_matches('/');
            return Some((*i, inner));
        }
        candidate = parent_dir(candidate);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::source::front_matter::PageFrontMatter;

    /// A page with a date and tags, for unit tests of the model.
    pub fn page(rel_path: &str, date: &str, tags: &[&str]) -> Page {
        let source = PageSource {
            rel_path: rel_path.into(),
            file: rel_path.into(),
            front: PageFrontMatter {
                title: rel_path.into(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                ..Default::default()
            },
            date: Some(crate::dates::parse(date).unwrap()),
            updated: None,
            event: None,
            period: None,
            aliases: Vec::new(),
            body: Default::default(),
            warnings: Vec::new(),
        };
        make_page(source, &[], Slugify::Unicode)
    }
}
