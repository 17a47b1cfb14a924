//! The output plan: every file a build writes — pages and their editions,
//! list pagers and their redirects, taxonomy and term pages, series and
//! calendar pages, aliases, feeds, sitemap, robots.txt, 404, the search page
//! and index, the lobby screen and `tips.json`, share cards, static and
//! bundle files — computed from the model and the theme before anything
//! renders. The renderer makes exactly these entries, `kepu check` checks
//! them, and two entries on one path (or a file where another entry needs a
//! folder, or a name too long for a disk) are errors naming both sources.
//! This is the one place that knows which outputs exist and where they go.

pub mod photos;

use crate::config::{CONFIG_FILE, Config, Outputs};
use crate::error::Diagnostic;
use crate::files;
use crate::images;
use crate::markdown;
use crate::messages::msg;
use crate::messages::{self, Lang};
use crate::model::{Page, Site, pagination};
use crate::search::SEARCH_PATH;
use crate::templates::theme::{Theme, WECHAT_TEMPLATE};
use crate::text;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

pub const PRINT_TEMPLATE: &str = "print.html";
pub const SCREEN_TEMPLATE: &str = "screen.html";
pub const SERIES_TEMPLATE: &str = "series.html";
pub const CALENDAR_TEMPLATE: &str = "calendar.html";
pub const NOT_FOUND_TEMPLATE: &str = "404.html";
pub const SEARCH_TEMPLATE: &str = "search.html";
pub const TAXONOMY_LIST: &str = "taxonomy_list.html";
pub const TAXONOMY_TERM: &str = "taxonomy_term.html";
pub const TAXONOMY_TEMPLATES: [&str; 2] = [TAXONOMY_LIST, TAXONOMY_TERM];
pub const SHARE_CARD: &str = "share.png";
/// The shortcode whose drawings the WeChat edition shows as PNG.
pub const CHART_SHORTCODE: &str = "chart";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const TIPS_FEED: &str = "tips.json";
pub const SCREEN_PATH: &str = "/screen/";
pub const NOT_FOUND: &str = "404.html";
/// The calendar file beside each event recap, and the one of every event.
pub const EVENT_CALENDAR: &str = "event.ics";
pub const EVENTS_CALENDAR: &str = "events.ics";
/// The feed files written in each feed's folder.
pub const FEED_FILES: [&str; 2] = ["atom.xml", "rss.xml"];

/// The longest file or folder name most disks take, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// What one output is, with the indexes of what it is made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Page(usize),
    Wechat(usize),
    /// Chart `chart` (0-based) of a page's WeChat edition, as PNG.
    WechatChart {
        page: usize,
        chart: usize,
    },
    Print(usize),
    ShareCard(usize),
    /// Pager `pager` (0-based) of a section's list.
    Section {
        section: usize,
        pager: usize,
    },
    TaxonomyList(usize),
    Term {
        taxonomy: usize,
        term: usize,
        pager: usize,
    },
    Series {
        section: usize,
        series: usize,
    },
    Calendar(usize),
    /// Alias `alias` (an old path) of a page, a section or a term.
    Alias {
        to: AliasOf,
        alias: usize,
    },
    /// `…/page/1/` of a paginated list, back to the list.
    PagerRedirect,
    Feed {
        feed: usize,
        format: usize,
    },
    Sitemap,
    Robots,
    NotFound,
    SearchPage,
    /// The search index folder (`search/meta.json`, `t/`, `d/`), as one entry.
    SearchIndex,
    Screen {
        section: usize,
    },
    TipsFeed {
        section: usize,
    },
    /// `event.ics` of an event recap.
    EventCalendar(usize),
    /// `events.ics`, every event of the site, for calendar apps to subscribe to.
    EventsCalendar,
    StaticFile(usize),
    Asset(usize),
    /// File `file` of photo `photo` of [`Plan::photos`] (a resized,
    /// re-encoded copy of an original, which is not published itself).
    Rendition {
        photo: usize,
        file: usize,
    },
}

/// What an alias redirects to, by index into the site's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AliasOf {
    Page(usize),
    Section(usize),
    Term {
        taxonomy: usize,
        term: usize,
    },
    /// A taxonomy's list of terms.
    Taxonomy(usize),
}

impl Kind {
    /// What the kind is called in messages.
    fn name(self) -> String {
        match self {
            Kind::Page(_) => msg!("plan-kind-page"),
            Kind::Wechat(_) => msg!("plan-kind-wechat"),
            Kind::WechatChart { .. } => msg!("plan-kind-wechat-chart"),
            Kind::Print(_) => msg!("plan-kind-print"),
            Kind::ShareCard(_) => msg!("plan-kind-share-card"),
            Kind::Section { .. } => msg!("plan-kind-section"),
            Kind::TaxonomyList(_) => msg!("plan-kind-taxonomy-list"),
            Kind::Term { .. } => msg!("plan-kind-term"),
            Kind::Series { .. } => msg!("plan-kind-series"),
            Kind::Calendar(_) => msg!("plan-kind-calendar"),
            Kind::Alias { .. } => msg!("plan-kind-alias"),
            Kind::PagerRedirect => msg!("plan-kind-pager"),
            Kind::Feed { .. } => msg!("plan-kind-feed"),
            Kind::Sitemap => msg!("plan-kind-sitemap"),
            Kind::Robots => msg!("plan-kind-robots"),
            Kind::NotFound => msg!("plan-kind-not-found"),
            Kind::SearchPage => msg!("plan-kind-search-page"),
            Kind::SearchIndex => msg!("plan-kind-search-index"),
            Kind::Screen { .. } => msg!("plan-kind-screen"),
            Kind::TipsFeed { .. } => msg!("plan-kind-tips-feed"),
            Kind::EventCalendar(_) => msg!("plan-kind-event-calendar"),
            Kind::EventsCalendar => msg!("plan-kind-events-calendar"),
            Kind::StaticFile(_) => msg!("plan-kind-static-file"),
            Kind::Asset(_) => msg!("plan-kind-asset"),
            Kind::Rendition { .. } => msg!("plan-kind-rendition"),
        }
    }

    /// Whether the output is kepu's or the theme's own, made whatever the
    /// content (else it is a content file's: the page itself, its
    /// editions, its aliases, its lists).
    fn is_built_in(self) -> bool {
        matches!(
            self,
            Kind::Feed { .. }
                | Kind::Sitemap
                | Kind::Robots
                | Kind::NotFound
                | Kind::SearchPage
                | Kind::SearchIndex
                | Kind::Screen { .. }
                | Kind::TipsFeed { .. }
                | Kind::EventsCalendar
        )
    }

    /// Whether an editor chose the output's address (a file name, a slug,
    /// an alias, a term): such an output is the one to report in a clash.
    fn is_content(self) -> bool {
        matches!(
            self,
            Kind::Page(_)
                | Kind::Section { .. }
                | Kind::Alias { .. }
                | Kind::Series { .. }
                | Kind::Calendar(_)
                | Kind::Term { .. }
                | Kind::Asset(_)
                | Kind::Rendition { .. }
        )
    }

    fn hint(self) -> String {
        match self {
            Kind::Series { .. } => msg!("plan-hint-series"),
            Kind::Page(_) | Kind::Section { .. } | Kind::Calendar(_) => msg!("plan-hint-page"),
            Kind::Alias { .. } => msg!("plan-hint-alias"),
            Kind::Term { .. } => msg!("plan-hint-term"),
            Kind::PagerRedirect => msg!("plan-hint-pager"),
            Kind::TaxonomyList(_) => msg!("plan-hint-taxonomy-list"),
            Kind::Asset(_) | Kind::StaticFile(_) | Kind::Rendition { .. } => msg!("plan-hint-file"),
            _ => msg!("plan-hint-output"),
        }
    }
}

/// One file of the plan.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Relative to the output folder, `/`-separated: `tips/a/index.html`.
    pub path: String,
    pub kind: Kind,
    /// The file that asked for the output (a content file, a template,
    /// `kepu.yaml`), for messages.
    pub source: PathBuf,
    /// The site path readers open (`/tips/a/`), when it differs from `path`.
    pub url: Option<String>,
}

/// Every output of a build, in the order they are made.
#[derive(Debug, Default)]
pub struct Plan {
    pub entries: Vec<Entry>,
    /// What each published photo becomes (its renditions are entries).
    pub photos: images::Plan,
    /// Which kinds the plan has, for quick questions while rendering.
    has: HashSet<Kind>,
}

impl Plan {
    /// Whether the plan writes an output of `kind`.
    pub fn has(&self, kind: Kind) -> bool {
        self.has.contains(&kind)
    }

    /// Every output path (the search index as its folder).
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.path.as_str())
    }

    fn push(&mut self, path: String, kind: Kind, source: &Path, url: Option<String>) {
        self.has.insert(kind);
        self.entries.push(Entry {
            path,
            kind,
            source: source.to_path_buf(),
            url,
        });
    }

    /// An HTML page at site path `url` (`/tips/a/`).
    fn page(&mut self, url: &str, kind: Kind, source: &Path) {
        self.push(index_file(url), kind, source, Some(url.to_string()));
    }
}

/// How many charts the WeChat edition of `page` shows as pictures: one
/// per `chart` shortcode call of its body.
pub fn wechat_charts(page: &Page) -> usize {
    markdown::shortcodes::count_calls(&page.source.body.text, CHART_SHORTCODE)
}

/// The PNG of chart `chart` (0-based) of the WeChat edition at `wechat`
/// (`/wechat/tips/a/`), relative to the output folder.
pub fn wechat_chart_path(wechat: &str, chart: usize) -> String {
    format!("{}chart-{}.png", wechat.trim_start_matches('/'), chart + 1)
}

/// The outputs the theme can render: taxonomy pages need both taxonomy
/// templates; without them they are switched off, with a warning. The
/// pipeline applies this to the config before the model is built, so the
/// model never learns about the theme.
pub fn renderable_outputs(config: &Config, theme: &Theme) -> (Outputs, Vec<Diagnostic>) {
    let mut outputs = config.outputs;
    let missing: Vec<&str> = TAXONOMY_TEMPLATES
        .into_iter()
        .filter(|name| theme.file_of(name).is_none())
        .collect();
    if !outputs.taxonomies || config.taxonomies.is_empty() || missing.is_empty() {
        return (outputs, Vec::new());
    }
    outputs.taxonomies = false;
    let names: Vec<String> = config.taxonomies.iter().map(|t| format!("/{t}/")).collect();
    let said = msg!(
        "plan-no-taxonomy-templates",
        templates = missing.join(&msg!("plan-or")),
        pages = names.join(&msg!("list-separator"))
    );
    let warning =
        Diagnostic::new(config.root.join(CONFIG_FILE), said).hint(msg!("plan-no-taxonomy-templates-hint"));
    (outputs, vec![warning])
}

/// The plan of `site` rendered with `theme`, its photos published as
/// `photos` says, and every problem of it: collisions, names too long, a
/// `screen.section` that is no section.
pub fn plan(site: &Site, theme: &Theme, photos: images::Plan) -> (Plan, Vec<Diagnostic>) {
    let mut plan = Plan {
        photos,
        ..Plan::default()
    };
    let mut problems = Vec::new();
    let config = &site.config;
    let wanted = config.outputs;
    let config_file = config.root.join(CONFIG_FILE);
    let has = |template: &str| theme.file_of(template).is_some();
    let template_file = |template: &str| {
        theme
            .file_of(template)
            .unwrap_or(Path::new(template))
            .to_path_buf()
    };

    // A site's static file of the name of one of kepu's own files
    // (`static/robots.txt`) is the site's choice: it replaces kepu's.
    let copied: HashSet<&str> = theme.static_files.iter().map(|f| f.dest.as_str()).collect();
    let wanted_file = |on: bool, path: &str| on && !copied.contains(path);
    // kepu's own outputs first: a content file that collides with one is
    // the one reported, since it is the one an editor can rename.
    if wanted_file(wanted.not_found && has(NOT_FOUND_TEMPLATE), NOT_FOUND) {
        plan.push(
            NOT_FOUND.into(),
            Kind::NotFound,
            &template_file(NOT_FOUND_TEMPLATE),
            None,
        );
    }
    for (feed_index, feed) in site.feeds.iter().enumerate() {
        let section = &site.sections[feed.section];
        for (format, file) in FEED_FILES.into_iter().enumerate() {
            let path = format!("{}{file}", section.path.trim_start_matches('/'));
            let kind = Kind::Feed {
                feed: feed_index,
                format,
            };
            plan.push(path, kind, &section.source.file, None);
        }
    }
    if wanted_file(wanted.sitemap, SITEMAP) {
        plan.push(SITEMAP.into(), Kind::Sitemap, &config_file, None);
    }
    if wanted_file(wanted.robots, ROBOTS) {
        plan.push(ROBOTS.into(), Kind::Robots, &config_file, None);
    }
    let has_events = site.pages.iter().any(|p| p.source.event.is_some());
    if wanted_file(wanted.calendars && has_events, EVENTS_CALENDAR) {
        plan.push(EVENTS_CALENDAR.into(), Kind::EventsCalendar, &config_file, None);
    }
    if config.search {
        let index = SEARCH_PATH.trim_start_matches('/').to_string();
        plan.push(index, Kind::SearchIndex, &config_file, Some(SEARCH_PATH.into()));
        if has(SEARCH_TEMPLATE) {
            plan.page(SEARCH_PATH, Kind::SearchPage, &template_file(SEARCH_TEMPLATE));
        }
    }
    if wanted.screen {
        match tips_section(site) {
            Ok(Some(section)) => {
                let source = &site.sections[section].source.file;
                if wanted_file(true, TIPS_FEED) {
                    plan.push(TIPS_FEED.into(), Kind::TipsFeed { section }, source, None);
                }
                if has(SCREEN_TEMPLATE) {
                    plan.page(SCREEN_PATH, Kind::Screen { section }, source);
                }
            }
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
    }
    // A photo's original gives way to its renditions.
    let published_as_is =
        |file: &files::CopiedFile| plan.photos.get(&file.dest).is_none_or(|p| p.source != file.file);
    let static_files: Vec<usize> = (0..theme.static_files.len())
        .filter(|i| published_as_is(&theme.static_files[*i]))
        .collect();
    let assets: Vec<usize> = (0..site.assets.len())
        .filter(|i| published_as_is(&site.assets[*i]))
        .collect();
    for i in static_files {
        let file = &theme.static_files[i];
        plan.push(file.dest.clone(), Kind::StaticFile(i), &file.file, None);
    }

    let makes_wechat = theme.wechat_stylesheet.is_some() && has(WECHAT_TEMPLATE);
    let makes_print = wanted.print && has(PRINT_TEMPLATE);
    for (i, page) in site.pages.iter().enumerate() {
        let source = &page.source.file;
        plan.page(&page.path, Kind::Page(i), source);
        let has_picture = page.source.front.cover.as_deref().is_some_and(is_raster);
        if wanted.share_cards && !has_picture {
            let path = format!("{}{SHARE_CARD}", page.path.trim_start_matches('/'));
            plan.push(path, Kind::ShareCard(i), source, None);
        }
        if makes_wechat && page.wechat_edition {
            let wechat = format!("/wechat{}", page.path);
            plan.page(&wechat, Kind::Wechat(i), source);
            for chart in 0..wechat_charts(page) {
                let kind = Kind::WechatChart { page: i, chart };
                plan.push(wechat_chart_path(&wechat, chart), kind, source, None);
            }
        }
        if makes_print {
            plan.page(&format!("/print{}", page.path), Kind::Print(i), source);
        }
        if wanted.calendars && page.source.event.is_some() {
            let path = format!("{}{EVENT_CALENDAR}", page.path.trim_start_matches('/'));
            plan.push(path, Kind::EventCalendar(i), source, None);
        }
    }
    for (index, section) in site.sections.iter().enumerate() {
        let source = &section.source.file;
        let pagers = site.section_pagers(index);
        for (pager, each) in pagers.iter().enumerate() {
            plan.page(
                &each.path,
                Kind::Section {
                    section: index,
                    pager,
                },
                source,
            );
        }
        redirect_first_pager(&mut plan, wanted, &section.path, pagers.len(), source);
        if has(SERIES_TEMPLATE) {
            // A series page is asked for by its first recap: two series
            // whose names share a pinyin clash there.
            for (series, each) in section.series.iter().enumerate() {
                let first = &site.pages[each.pages[0]].source.file;
                let kind = Kind::Series {
                    section: index,
                    series,
                };
                plan.page(&each.path, kind, first);
            }
        }
        if let Some(path) = section.calendar_path.as_ref().filter(|_| has(CALENDAR_TEMPLATE)) {
            plan.page(path, Kind::Calendar(index), source);
        }
    }
    for (t, taxonomy) in site.taxonomies.iter().enumerate() {
        plan.page(&taxonomy.path, Kind::TaxonomyList(t), &config_file);
        for (term_index, term) in taxonomy.terms.iter().enumerate() {
            let source = &site.pages[term.pages[0]].source.file;
            let pagers = site.term_pagers(term);
            for (pager, each) in pagers.iter().enumerate() {
                let kind = Kind::Term {
                    taxonomy: t,
                    term: term_index,
                    pager,
                };
                plan.page(&each.path, kind, source);
            }
            redirect_first_pager(&mut plan, wanted, &term.path, pagers.len(), source);
        }
    }
    if wanted.aliases {
        plan_aliases(&mut plan, site, &config_file);
    }
    for i in assets {
        let file = &site.assets[i];
        plan.push(file.dest.clone(), Kind::Asset(i), &file.file, None);
    }
    let renditions: Vec<(String, Kind, std::path::PathBuf)> = (plan.photos.photos().iter().enumerate())
        .flat_map(|(photo, planned)| {
            planned.files.iter().enumerate().map(move |(file, each)| {
                (
                    each.path.clone(),
                    Kind::Rendition { photo, file },
                    planned.source.clone(),
                )
            })
        })
        .collect();
    for (path, kind, source) in renditions {
        plan.push(path, kind, &source, None);
    }
    problems.extend(collisions(&plan, config));
    problems.extend(missing_site_info_files(&plan, config));
    (plan, problems)
}

/// A picture `site_info` names (the 备案 badge, the account's QR code)
/// that no file of the site provides.
fn missing_site_info_files(plan: &Plan, config: &Config) -> Vec<Diagnostic> {
    let paths: HashSet<&str> = plan.paths().collect();
    config
        .site_info
        .files()
        .filter(|(_, file)| !paths.contains(file.trim_start_matches('/')))
        .map(|(key, file)| {
            let lang = Lang::choose(Some(&config.language));
            let args = [("key", key.into()), ("file", file.into())];
            config
                .error_at("site_info", messages::say(lang, "site-info-file-missing", &args))
                .hint(messages::say(lang, "site-info-file-missing-hint", &args))
        })
        .collect()
}

/// The redirect pages of every page's, section's, term's and taxonomy
/// list's old paths; a term's and a list's are asked for by `kepu.yaml`,
/// where they are written.
fn plan_aliases(plan: &mut Plan, site: &Site, config_file: &Path) {
    let mut add = |paths: &[String], to: AliasOf, source: &Path| {
        for (alias, path) in paths.iter().enumerate() {
            plan.page(path, Kind::Alias { to, alias }, source);
        }
    };
    for (i, page) in site.pages.iter().enumerate() {
        add(&page.source.aliases, AliasOf::Page(i), &page.source.file);
    }
    for (i, section) in site.sections.iter().enumerate() {
        add(&section.source.aliases, AliasOf::Section(i), &section.source.file);
    }
    for (taxonomy, each) in site.taxonomies.iter().enumerate() {
        for (term, t) in each.terms.iter().enumerate() {
            add(&t.aliases, AliasOf::Term { taxonomy, term }, config_file);
        }
        if let Some(paths) = site.config.taxonomy_aliases.get(&each.name) {
            add(paths, AliasOf::Taxonomy(taxonomy), config_file);
        }
    }
}

/// `…/page/1/` of a list with more than one pager leads back to the list.
fn redirect_first_pager(plan: &mut Plan, wanted: Outputs, list: &str, pagers: usize, source: &Path) {
    if pagers > 1 && wanted.aliases {
        plan.page(
            &pagination::first_pager_redirect(list),
            Kind::PagerRedirect,
            source,
        );
    }
}

/// A cover that is a picture (the share card then is not made).
pub fn is_raster(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url).to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp"]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// The output file of the site path `/tips/a/`: `tips/a/index.html`; an
/// `.html` path (an alias such as `/2019/old.html`) is written as it is.
pub fn index_file(path: &str) -> String {
    let path = path.trim_start_matches('/');
    if path.ends_with(".html") || path.ends_with(".htm") {
        path.to_string()
    } else {
        format!("{path}index.html")
    }
}

/// The section of `screen.section`; its absence is an error only when
/// `kepu.yaml` sets `screen:`.
fn tips_section(site: &Site) -> Result<Option<usize>, Diagnostic> {
    let config = &site.config;
    let name = config.screen.section.trim_matches('/');
    let rel = format!("{name}/_index.md");
    let section = site.sections.iter().position(|s| s.source.rel_path == rel);
    if section.is_some() || !config.key_lines.contains_key("screen") {
        return Ok(section);
    }
    let folders: Vec<&str> = site
        .sections
        .iter()
        .filter_map(|s| s.source.rel_path.strip_suffix("/_index.md"))
        .collect();
    Err(config
        .error_at("screen", msg!("screen-section-unknown", name = name))
        .hint(msg!("screen-section-unknown-hint", folders = folders.join(", "))))
}

/// Two entries on one path, a file where another entry needs a folder, and
/// names no disk takes; the later entry is the one reported.
fn collisions<'p>(plan: &'p Plan, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // Two files clash once: a page's share card clashes where the page does.
    let mut clashed: HashSet<(&Path, &Path)> = HashSet::new();
    let mut report = |later: &'p Entry, first: &'p Entry, problems: &mut Vec<Diagnostic>| {
        if clashed.insert((&later.source, &first.source)) {
            problems.push(clash(later, first, config));
        }
    };
    let mut by_path: HashMap<&str, &Entry> = HashMap::with_capacity(plan.entries.len());
    for entry in &plan.entries {
        if let Some(first) = by_path.insert(&entry.path, entry) {
            by_path.insert(&first.path, first);
            report(entry, first, &mut problems);
        }
    }
    for entry in &plan.entries {
        if let Some(long) = entry.path.split('/').find(|name| name.len() > MAX_NAME_BYTES) {
            problems.push(
                Diagnostic::new(
                    &entry.source,
                    msg!(
                        "plan-long-segment",
                        what = describe(entry, config),
                        bytes = long.len(),
                        start = long.chars().take(20).collect::<String>(),
                        max = MAX_NAME_BYTES
                    ),
                )
                .hint(msg!("plan-long-segment-hint")),
            );
        }
        // Every folder on the way must not be a file of the plan.
        let mut folder_end = 0;
        while let Some(slash) = entry.path[folder_end..].find('/') {
            folder_end += slash;
            let folder = &entry.path[..folder_end];
            if let Some(file) = by_path.get(folder).filter(|f| f.kind != Kind::SearchIndex) {
                report(entry, file, &mut problems);
                break;
            }
            folder_end += 1;
        }
    }
    problems
}

/// `later` and `first` want one place of the output folder.
fn clash(later: &Entry, first: &Entry, config: &Config) -> Diagnostic {
    // The content file is the one to change: report at it.
    let (reported, other) = if !later.kind.is_content() && first.kind.is_content() {
        (first, later)
    } else {
        (later, first)
    };
    let place = reported
        .url
        .as_deref()
        .map_or_else(|| format!("/{}", reported.path), str::to_string);
    Diagnostic::new(
        &reported.source,
        msg!(
            "plan-clash",
            what = describe(reported, config),
            place = place,
            other = describe(other, config),
            path = other.path.as_str()
        ),
    )
    .hint(hint(reported, other))
}

/// `` `content/tips/a.md` 的页面 `` or `大屏页面`.
fn describe(entry: &Entry, config: &Config) -> String {
    let file = entry.source.strip_prefix(&config.root).unwrap_or(&entry.source);
    let file = files::relative(Path::new(""), file);
    match entry.kind {
        Kind::StaticFile(_) | Kind::Asset(_) | Kind::Rendition { .. } => {
            msg!("plan-describe-file", kind = entry.kind.name(), file = file)
        }
        kind if kind.is_built_in() => msg!("plan-describe-built-in", kind = kind.name()),
        kind => msg!("plan-describe-of", kind = kind.name(), file = file),
    }
}

fn hint(reported: &Entry, other: &Entry) -> String {
    let base = match other.kind {
        Kind::TaxonomyList(_) => other.kind.hint(),
        Kind::SearchPage | Kind::SearchIndex => msg!("plan-hint-search"),
        kind if kind.is_built_in() => msg!("plan-hint-built-in"),
        _ => reported.kind.hint(),
    };
    let sounds_alike = [reported, other].iter().any(|e| {
        e.source
            .iter()
            .rev()
            .take(2)
            .any(|name| name.to_string_lossy().chars().any(text::is_cjk))
    });
    if sounds_alike && reported.kind.is_content() && other.kind.is_content() {
        msg!("plan-hint-sounds-alike", hint = base)
    } else {
        base
    }
}
