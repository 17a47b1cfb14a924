//! Site configuration: `kepu.yaml` parsed strictly (unknown keys and wrong
//! types are errors), then resolved into a [`Config`] with validated values and
//! the folders of the site.

use crate::error::{Diagnostic, Error, Result};
use crate::files;
use crate::images;
use crate::messages::msg;
use crate::slug::Slugify;
use crate::text::count::ReadingSpeed;
use crate::urls;
use crate::yaml;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const CONFIG_FILE: &str = "kepu.yaml";

/// `kepu.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    author: String,
    #[serde(default = "default_taxonomies")]
    taxonomies: Vec<String>,
    #[serde(default)]
    paginate_by: usize,
    #[serde(default)]
    feeds: Feeds,
    #[serde(default)]
    outputs: Outputs,
    #[serde(default)]
    wechat: Wechat,
    #[serde(default)]
    screen: Screen,
    #[serde(default)]
    site_info: SiteInfo,
    #[serde(default)]
    audit: Audit,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    slugify: Slugify,
    #[serde(default)]
    cjk_spacing: CjkSpacing,
    #[serde(default)]
    reading_speed: ReadingSpeed,
    #[serde(default)]
    search: SearchSetting,
    #[serde(default = "default_max_output_mb")]
    max_output_mb: u64,
    #[serde(default)]
    images: images::Settings,
    #[serde(default)]
    term_aliases: TermAliases,
    #[serde(default)]
    taxonomy_aliases: TaxonomyAliases,
}

/// Old paths that redirect to a term's page, by taxonomy and term:
/// `{tags: {健康: [/tags/健康/]}}`.
pub type TermAliases = BTreeMap<String, BTreeMap<String, Vec<String>>>;

/// Old paths that redirect to a taxonomy's list of terms, by taxonomy:
/// `{tags: [/tag/]}`.
pub type TaxonomyAliases = BTreeMap<String, Vec<String>>;

/// `search:` as written: `true`, `false`, or the options of a search that
/// is on (`{synonyms: [[台风, 颱風]]}`).
#[derive(Debug)]
struct SearchSetting {
    enabled: bool,
    options: SearchOptions,
}

impl Default for SearchSetting {
    fn default() -> Self {
        SearchSetting {
            enabled: true,
            options: SearchOptions::default(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
struct SearchOptions {
    synonyms: Vec<Vec<String>>,
}

impl<'de> Deserialize<'de> for SearchSetting {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Setting;
        impl<'de> serde::de::Visitor<'de> for Setting {
            type Value = SearchSetting;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(&msg!("config-search-expected"))
            }
            fn visit_bool<E>(self, enabled: bool) -> std::result::Result<SearchSetting, E> {
                Ok(SearchSetting {
                    enabled,
                    options: SearchOptions::default(),
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> std::result::Result<SearchSetting, A::Error> {
                let options = SearchOptions::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(SearchSetting {
                    enabled: true,
                    options,
                })
            }
        }
        deserializer.deserialize_any(Setting)
    }
}

/// The largest page a template may write, in MB: far above any real page,
/// low enough that a runaway loop fails fast instead of filling memory.
fn default_max_output_mb() -> u64 {
    50
}
/// The taxonomies pages can name in their front matter.
pub const TAXONOMY_KINDS: [&str; 2] = ["tags", "categories"];

/// `feeds:` — the Atom and RSS feeds of the site and of each section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Feeds {
    /// Newest entries per feed (0 = every dated page).
    pub limit: usize,
    /// The whole article in each entry, else its summary.
    pub full_content: bool,
    /// A feed per section besides the site's own.
    pub sections: bool,
}

impl Default for Feeds {
    fn default() -> Self {
        Feeds {
            limit: 20,
            full_content: true,
            sections: true,
        }
    }
}

/// `outputs:` — the editions and site-wide files besides the web pages, each
/// of which can be switched off (a minimal theme, a benchmark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Outputs {
    /// `/wechat/<path>/` for every page: the public-account (公众号) edition.
    pub wechat: bool,
    /// Printing: the share box's print button, and `/print/<path>/` for
    /// every page where the theme has `print.html` (the default theme's
    /// article pages print as their own A4 edition).
    pub print: bool,
    /// `/screen/` (the lobby-screen page) and `/tips.json`.
    pub screen: bool,
    /// `share.png` beside every page without a picture cover.
    pub share_cards: bool,
    /// `/tags/`, `/tags/jian-kang/`, … for every taxonomy in `taxonomies`.
    pub taxonomies: bool,
    /// `atom.xml` and `rss.xml` (see `feeds`).
    pub feeds: bool,
    pub sitemap: bool,
    pub robots: bool,
    /// Redirect pages at each page's `aliases` (and `…/page/1/`).
    pub aliases: bool,
    /// `404.html`, when the theme has the template.
    pub not_found: bool,
    /// `event.ics` beside every event recap and `events.ics` of them all.
    pub calendars: bool,
}

impl Default for Outputs {
    fn default() -> Self {
        Outputs {
            wechat: true,
            print: true,
            screen: true,
            share_cards: true,
            taxonomies: true,
            feeds: true,
            sitemap: true,
            robots: true,
            aliases: true,
            not_found: true,
            calendars: true,
        }
    }
}

/// `wechat:` — how the WeChat edition is made.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Wechat {
    /// The static file (theme or site) whose styles are inlined into the body.
    pub stylesheet: String,
    /// How many of the newest pages `kepu build` writes a WeChat edition
    /// for (editors paste new articles, not old ones); `kepu serve` makes
    /// every page's.
    pub recent: usize,
}

/// The newest pages that get a WeChat edition in `kepu build`.
pub const WECHAT_RECENT: usize = 50;

impl Default for Wechat {
    fn default() -> Self {
        Wechat {
            stylesheet: "css/style.css".into(),
            recent: WECHAT_RECENT,
        }
    }
}

/// `site_info:` — what the footer of a Chinese public site must carry:
/// who runs it, how to reach them, and its 备案 numbers. Each part shows
/// only when set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SiteInfo {
    /// 主办单位.
    pub sponsor: String,
    /// 承办单位.
    pub organizer: String,
    pub address: String,
    pub phone: String,
    pub email: String,
    /// The ICP 备案 number (`豫ICP备12345678号-1`), linked to beian.miit.gov.cn.
    pub icp: String,
    /// The public-security 备案 number (`豫公网安备41160202000001号`).
    pub police: String,
    /// The 公安备案 badge, a static file of the site (`images/beian.png`).
    pub police_badge: String,
    /// 网站标识码, where one was issued.
    pub site_code: String,
    /// The public account's QR code, a static file of the site.
    pub wechat_qr: String,
    /// The digits of `police`, which its query page takes
    /// (`41160202000001`); made, not written.
    #[serde(skip_deserializing)]
    pub police_code: String,
}

impl SiteInfo {
    /// The site files `site_info` names, with their keys.
    pub fn files(&self) -> impl Iterator<Item = (&'static str, &str)> {
        [
            ("police_badge", &self.police_badge),
            ("wechat_qr", &self.wechat_qr),
        ]
        .into_iter()
        .map(|(key, file)| (key, file.as_str()))
        .filter(|(_, file)| !file.is_empty())
    }
}

/// `audit:` — what `kepu check --audit` holds the site to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Audit {
    /// Days a column may go without a new page.
    #[serde(deserialize_with = "at_least_one")]
    pub stale_days: u32,
    /// The attribution every dated page must carry.
    pub require: Vec<Attribution>,
    /// Wrong words and their right form (`{錯字: 正字}`).
    pub words: BTreeMap<String, String>,
    /// Seconds an external link may take to answer (`--external`).
    #[serde(deserialize_with = "at_least_one")]
    pub link_timeout: u32,
    /// External sites asked at once.
    #[serde(deserialize_with = "at_least_one")]
    pub link_concurrency: u32,
    /// Milliseconds between two requests to one host.
    pub host_pause_ms: u32,
}

impl Default for Audit {
    fn default() -> Self {
        Audit {
            stale_days: 14,
            require: Vec::new(),
            words: BTreeMap::new(),
            link_timeout: 10,
            link_concurrency: 4,
            host_pause_ms: 500,
        }
    }
}

/// An attribution field of the front matter (`source`, `editor`, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    Source,
    Author,
    Photographer,
    Editor,
    Reviewer,
}

impl Attribution {
    /// The front-matter key.
    pub fn key(self) -> &'static str {
        match self {
            Attribution::Source => "source",
            Attribution::Author => "author",
            Attribution::Photographer => "photographer",
            Attribution::Editor => "editor",
            Attribution::Reviewer => "reviewer",
        }
    }
}

/// `screen:` — the lobby-screen page and its tip feed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Screen {
    /// Seconds each tip stays on the screen.
    #[serde(deserialize_with = "at_least_one")]
    pub interval: u32,
    /// Minutes between re-reads of `/tips.json`.
    #[serde(deserialize_with = "at_least_one")]
    pub refresh: u32,
    /// The content folder of the section whose pages are the tips.
    pub section: String,
    /// How many of the newest tips are shown and listed.
    #[serde(deserialize_with = "at_least_one")]
    pub limit: u32,
}

impl Default for Screen {
    fn default() -> Self {
        Screen {
            interval: 10,
            refresh: 5,
            section: "tips".into(),
            limit: 10,
        }
    }
}

/// A whole number of at least 1 (a zero interval or limit shows nothing).
fn at_least_one<'de, D: serde::Deserializer<'de>>(deserializer: D) -> std::result::Result<u32, D::Error> {
    let value = u32::deserialize(deserializer)?;
    if value == 0 {
        return Err(serde::de::Error::custom(msg!("config-at-least-one")));
    }
    Ok(value)
}

fn default_language() -> String {
    "zh-CN".into()
}
fn default_theme() -> String {
    "kepu".into()
}
fn default_taxonomies() -> Vec<String> {
    vec!["tags".into(), "categories".into()]
}

/// `cjk_spacing: true`, or on with words to leave as written:
/// `cjk_spacing: {keep: [i科普, 大爱xx]}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, expecting = "msg:config-cjk-spacing-expected")]
enum CjkSpacing {
    Switch(bool),
    Keeping(KeepWords),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeepWords {
    keep: Vec<String>,
}

impl Default for CjkSpacing {
    fn default() -> Self {
        CjkSpacing::Switch(false)
    }
}

impl CjkSpacing {
    fn is_on(&self) -> bool {
        matches!(self, CjkSpacing::Switch(true) | CjkSpacing::Keeping(_))
    }

    fn keep(&self) -> Vec<String> {
        match self {
            CjkSpacing::Keeping(words) => words.keep.clone(),
            CjkSpacing::Switch(_) => Vec::new(),
        }
    }
}

/// What the command line can override.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
    /// `kepu serve`'s local address: pages link there, while QR codes,
    /// printed addresses and the WeChat body keep the public `base_url`.
    pub preview_url: Option<String>,
}

/// The validated configuration, as templates see it (`config.*`), plus the
/// site's folders (not serialised).
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    /// Where the pages link to: the public address, or `kepu serve`'s local
    /// one. Always ends with `/`.
    pub base_url: String,
    /// The address readers reach the site at, which whatever leaves the
    /// browser carries (QR codes, printed addresses, the WeChat body): the
    /// same as `base_url` but in `kepu serve`.
    pub public_base_url: String,
    pub language: String,
    pub theme: String,
    pub description: String,
    pub author: String,
    pub taxonomies: Vec<String>,
    pub paginate_by: usize,
    pub feeds: Feeds,
    pub outputs: Outputs,
    pub wechat: Wechat,
    pub screen: Screen,
    pub site_info: SiteInfo,
    pub audit: Audit,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// How file and folder names become URL segments.
    pub slugify: Slugify,
    /// Spaces between Chinese and Latin text in the rendered HTML.
    pub cjk_spacing: bool,
    /// Words spacing leaves as written (`cjk_spacing: {keep: [i科普]}`).
    pub cjk_spacing_keep: Vec<String>,
    pub reading_speed: ReadingSpeed,
    /// Write the search index and the `/search/` page.
    pub search: bool,
    /// The site's groups of words a search treats as one (`search:
    /// {synonyms: …}`), besides the built-in ones.
    pub search_synonyms: Vec<Vec<String>>,
    /// The largest file a template may write, in MB.
    pub max_output_mb: u64,
    /// How photos are published (`images:`).
    pub images: crate::images::Settings,
    /// Old paths of term pages (an old site's `/tags/健康/`), normalised.
    pub term_aliases: TermAliases,
    /// Old paths of taxonomies' term lists (an old site's `/tag/`), normalised.
    pub taxonomy_aliases: TaxonomyAliases,
    #[serde(skip)]
    pub root: PathBuf,
    /// `kepu.yaml`, as errors name it.
    #[serde(skip)]
    pub file: PathBuf,
    /// The line of each top-level key in `kepu.yaml`, for later errors.
    #[serde(skip)]
    pub key_lines: BTreeMap<String, usize>,
}

/// The `language` of the site at `root`, read leniently (the rest of
/// `kepu.yaml` may be broken): messages about a broken site are still in
/// its language. `None` when the file cannot be read at all.
pub fn site_language(root: &Path) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct LanguageOnly {
        #[serde(default = "default_language")]
        language: String,
    }
    let text = std::fs::read_to_string(root.join(CONFIG_FILE)).ok()?;
    let language = yaml_serde::from_str::<LanguageOnly>(&text).map(|c| c.language);
    Some(language.unwrap_or_else(|_| default_language()))
}

/// Said when there is no `kepu.yaml` where a site should be.
pub fn no_site(file: &Path) -> Diagnostic {
    Diagnostic::new(file, msg!("config-missing")).hint(msg!("config-missing-hint"))
}

impl Config {
    /// Reads and validates `ROOT/kepu.yaml`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let file = root.join(CONFIG_FILE);
        if !file.exists() {
            return Err(no_site(&file).into());
        }
        let text = files::read_text(&file)?;
        Config::parse(&text, &file, root, overrides)
    }

    pub fn parse(text: &str, file: &Path, root: &Path, overrides: &Overrides) -> Result<Config> {
        let raw: RawConfig = yaml::parse(text, file, 1).map_err(Error::from_diagnostics)?;
        let key_lines: BTreeMap<String, usize> = yaml::top_level_keys(text)
            .map(|(key, index)| (key.to_string(), index + 1))
            .collect();
        let public_base_url = match &overrides.base_url {
            // Given on the command line: the error names the option, not kepu.yaml.
            Some(url) => validate_base_url(url).map_err(|hint| {
                Diagnostic::new("--base-url", msg!("config-base-url-invalid", url = url.as_str())).hint(hint)
            })?,
            None => validate_base_url(&raw.base_url).map_err(|hint| {
                let problem =
                    Diagnostic::new(file, msg!("config-base-url-invalid", url = raw.base_url.as_str()))
                        .hint(hint);
                match key_lines.get("base_url") {
                    Some(line) => problem.at(*line, None),
                    None => problem,
                }
            })?,
        };
        // `kepu serve`'s own address, which kepu makes: pages link there.
        let base_url = match &overrides.preview_url {
            Some(local) => validate_base_url(local).map_err(|hint| {
                Diagnostic::new("serve", msg!("config-preview-url-invalid", url = local.as_str())).hint(hint)
            })?,
            None => public_base_url.clone(),
        };
        // 备案 numbers are shown exactly as issued (`豫ICP备…`).
        let beian = [&raw.site_info.icp, &raw.site_info.police];
        let cjk_spacing_keep = (raw.cjk_spacing.keep().into_iter())
            .chain(beian.into_iter().filter(|n| !n.is_empty()).cloned())
            .collect();
        let mut wechat = raw.wechat;
        if overrides.preview_url.is_some() {
            // The preview makes the edition of any page an editor asks for.
            wechat.recent = usize::MAX;
        }
        let mut config = Config {
            title: raw.title,
            base_url,
            public_base_url,
            language: raw.language,
            theme: raw.theme,
            description: raw.description,
            author: raw.author,
            taxonomies: raw.taxonomies,
            paginate_by: raw.paginate_by,
            feeds: raw.feeds,
            outputs: raw.outputs,
            wechat,
            screen: raw.screen,
            site_info: SiteInfo {
                police_code: raw
                    .site_info
                    .police
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect(),
                ..raw.site_info
            },
            audit: raw.audit,
            extra: raw.extra,
            slugify: raw.slugify,
            cjk_spacing: raw.cjk_spacing.is_on(),
            cjk_spacing_keep,
            reading_speed: raw.reading_speed,
            search: raw.search.enabled,
            search_synonyms: raw.search.options.synonyms,
            max_output_mb: raw.max_output_mb,
            images: raw.images,
            term_aliases: raw.term_aliases,
            taxonomy_aliases: raw.taxonomy_aliases,
            root: root.to_path_buf(),
            file: file.to_path_buf(),
            key_lines,
        };
        if config.reading_speed.cjk == 0 || config.reading_speed.latin == 0 {
            return Err(config
                .error_at("reading_speed", msg!("config-reading-speed-zero"))
                .hint(msg!("config-reading-speed-zero-hint"))
                .into());
        }
        if let Some(group) = config
            .search_synonyms
            .iter()
            .find(|group| group.iter().filter(|word| !word.trim().is_empty()).count() < 2)
        {
            return Err(config
                .error_at(
                    "search",
                    msg!("config-synonyms-too-few", group = format!("{group:?}")),
                )
                .hint(msg!("config-synonyms-too-few-hint"))
                .into());
        }
        if config.max_output_mb == 0 {
            return Err(config
                .error_at("max_output_mb", msg!("config-max-output-zero"))
                .hint(msg!("config-max-output-zero-hint"))
                .into());
        }
        if !is_folder_name(&config.theme) {
            return Err(config
                .error_at(
                    "theme",
                    msg!("config-theme-not-a-folder", theme = config.theme.as_str()),
                )
                .hint(msg!("config-theme-not-a-folder-hint"))
                .into());
        }
        config.taxonomies =
            validate_taxonomies(std::mem::take(&mut config.taxonomies)).map_err(|unknown| {
                config
                    .error_at("taxonomies", msg!("config-taxonomy-unknown", name = unknown))
                    .hint(msg!(
                        "config-taxonomy-unknown-hint",
                        kinds = TAXONOMY_KINDS.join(", ")
                    ))
            })?;
        config.term_aliases = validate_term_aliases(&config)?;
        config.taxonomy_aliases = validate_taxonomy_aliases(&config)?;
        Ok(config)
    }

    /// An error about the value of the top-level key `key` of `kepu.yaml`,
    /// at its line when the file has it (no column: the value is wrong, and
    /// it may span lines).
    pub fn error_at(&self, key: &str, message: impl Into<String>) -> Diagnostic {
        let diagnostic = Diagnostic::new(&self.file, message);
        match self.key_lines.get(key) {
            Some(line) => diagnostic.at(*line, None),
            None => diagnostic,
        }
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn theme_dir(&self) -> PathBuf {
        self.root.join("themes").join(&self.theme)
    }

    /// The path part of `base_url` (`/` or `/kexie/`), which every site URL starts with.
    pub fn base_path(&self) -> &str {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    /// The absolute URL of a site path such as `/tips/` or `css/style.css`.
    pub fn absolute_url(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path.trim_start_matches('/'))
    }

    /// The spacing of rendered text: `None` when off, else the words to keep.
    pub fn spacing(&self) -> Option<&[String]> {
        self.cjk_spacing.then_some(self.cjk_spacing_keep.as_slice())
    }

    /// [`Config::absolute_url`] at the public address, for what leaves the
    /// browser.
    pub fn public_url(&self, path: &str) -> String {
        format!("{}{}", self.public_base_url, path.trim_start_matches('/'))
    }

    /// The site's local and public base URLs, to carry a link from the one
    /// to the other.
    pub fn bases(&self) -> urls::Bases<'_> {
        urls::Bases {
            local: &self.base_url,
            public: &self.public_base_url,
        }
    }
}

/// A plain folder name: not a path, not hidden, not `.` or `..`.
fn is_folder_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\'])
        && !name.chars().any(char::is_control)
}

/// Taxonomy names without repeats; the error is the first unknown one.
fn validate_taxonomies(names: Vec<String>) -> std::result::Result<Vec<String>, String> {
    let mut valid: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        if !TAXONOMY_KINDS.contains(&name.as_str()) {
            return Err(name);
        }
        if !valid.contains(&name) {
            valid.push(name);
        }
    }
    Ok(valid)
}

/// `term_aliases` with each path normalised; a taxonomy the site does not
/// have, or a path that is no path of the site, is an error at the key.
fn validate_term_aliases(config: &Config) -> std::result::Result<TermAliases, Diagnostic> {
    let mut valid = TermAliases::new();
    for (taxonomy, terms) in &config.term_aliases {
        known_taxonomy(config, "term_aliases", taxonomy, "{tags: {健康: [/tags/健康/]}}")?;
        for (term, aliases) in terms {
            let paths = normalised_aliases(config, "term_aliases", aliases, &format!("{taxonomy} `{term}`"))?;
            valid
                .entry(taxonomy.clone())
                .or_default()
                .insert(term.clone(), paths);
        }
    }
    Ok(valid)
}

/// `taxonomy_aliases` checked like `term_aliases`: taxonomies of the site,
/// paths of the site, normalised.
fn validate_taxonomy_aliases(config: &Config) -> std::result::Result<TaxonomyAliases, Diagnostic> {
    let mut valid = TaxonomyAliases::new();
    for (taxonomy, aliases) in &config.taxonomy_aliases {
        known_taxonomy(config, "taxonomy_aliases", taxonomy, "{tags: [/tag/]}")?;
        let paths = normalised_aliases(config, "taxonomy_aliases", aliases, &format!("`{taxonomy}`"))?;
        valid.insert(taxonomy.clone(), paths);
    }
    Ok(valid)
}

/// An error at `key` unless `taxonomy` is one of the site's; `example` is
/// how `key` is written.
fn known_taxonomy(
    config: &Config,
    key: &str,
    taxonomy: &str,
    example: &str,
) -> std::result::Result<(), Diagnostic> {
    if config.taxonomies.iter().any(|t| t == taxonomy) {
        return Ok(());
    }
    Err(config
        .error_at(
            key,
            msg!("config-alias-taxonomy-unknown", key = key, taxonomy = taxonomy),
        )
        .hint(msg!(
            "config-alias-taxonomy-unknown-hint",
            taxonomies = config.taxonomies.join(", "),
            key = key,
            example = example
        )))
}

/// `aliases` (of `owner`, for messages) normalised; the first that is no
/// path of the site is an error at `key`.
fn normalised_aliases(
    config: &Config,
    key: &str,
    aliases: &[String],
    owner: &str,
) -> std::result::Result<Vec<String>, Diagnostic> {
    aliases
        .iter()
        .map(|alias| {
            urls::normalise_alias(alias).map_err(|hint| {
                config
                    .error_at(
                        key,
                        msg!("config-alias-invalid", alias = alias.as_str(), owner = owner),
                    )
                    .hint(hint)
            })
        })
        .collect()
}

/// `http(s)://host[/path]`, returned with a trailing slash. It is written
/// into every page's links, so it may hold nothing that could end an HTML
/// attribute or a URL (quotes, `<`, `>`, spaces) and no credentials.
fn validate_base_url(url: &str) -> std::result::Result<String, String> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err(msg!("config-base-url-not-full"));
    };
    if scheme != "http" && scheme != "https" {
        return Err(msg!("config-base-url-scheme"));
    }
    if let Some(bad) = url
        .chars()
        .find(|c| matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\' | '{' | '}' | '|' | '^') || c.is_control())
    {
        return Err(msg!(
            "config-base-url-character",
            character = bad.escape_default().to_string()
        ));
    }
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return Err(msg!("config-base-url-host"));
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(msg!("config-base-url-credentials"));
    }
    if url.contains(['?', '#']) {
        return Err(msg!("config-base-url-query"));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config> {
        Config::parse(
            text,
            Path::new("kepu.yaml"),
            Path::new("."),
            &Overrides::default(),
        )
    }

    #[test]
    fn defaults_and_sub_path() {
        let c = parse("title: 科协\nbase_url: https://example.org/kexie\n").unwrap();
        assert_eq!(c.base_url, "https://example.org/kexie/");
        assert_eq!(c.base_path(), "/kexie/");
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.taxonomies, ["tags", "categories"]);
        assert_eq!(c.absolute_url("/tips/"), "https://example.org/kexie/tips/");
    }

    #[test]
    fn unknown_key_is_an_error_with_a_hint() {
        let err = parse("title: a\nbase_url: https://e.org/\ntheem: x\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("kepu.yaml:3:1: unknown key `theem`"), "{text}");
        assert!(text.contains("did you mean `theme`?"), "{text}");
    }

    #[test]
    fn chinese_text_settings_default_and_parse() {
        let c = parse("title: a\nbase_url: https://e.org/\n").unwrap();
        assert_eq!(c.slugify, Slugify::Pinyin);
        assert!(!c.cjk_spacing);
        assert!(c.search);
        assert_eq!(c.reading_speed, ReadingSpeed { cjk: 400, latin: 200 });
        let c = parse(
            "title: a\nbase_url: https://e.org/\nslugify: unicode\ncjk_spacing: true\nsearch: false\nreading_speed: {cjk: 300}\n",
        )
        .unwrap();
        assert_eq!(c.slugify, Slugify::Unicode);
        assert!(c.cjk_spacing && !c.search);
        assert_eq!(c.reading_speed, ReadingSpeed { cjk: 300, latin: 200 });
    }

    #[test]
    fn search_takes_synonyms() {
        let c =
            parse("title: a\nbase_url: https://e.org/\nsearch:\n  synonyms: [[台风, 颱風], [AED, 除颤仪]]\n")
                .unwrap();
        assert!(c.search);
        assert_eq!(c.search_synonyms, [vec!["台风", "颱風"], vec!["AED", "除颤仪"]]);
        let err = parse("title: a\nbase_url: https://e.org/\nsearch: {synonyms: [[台风]]}\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("kepu.yaml:3: each group of synonyms needs at least two words"),
            "{err}"
        );
        let err = parse("title: a\nbase_url: https://e.org/\nsearch: {synonym: []}\n").unwrap_err();
        assert!(err.to_string().contains("did you mean `synonyms`?"), "{err}");
    }

    #[test]
    fn bad_chinese_text_settings_name_the_line() {
        let err = parse("title: a\nbase_url: https://e.org/\nslugify: pinyn\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("kepu.yaml:3:"), "{err}");
        assert!(err.contains("pinyn"), "{err}");
        let err = parse("title: a\nbase_url: https://e.org/\nreading_speed: {cjk: 0}\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("kepu.yaml:3: reading_speed must be above 0"),
            "{err}"
        );
    }

    #[test]
    fn editions_and_screen_parse_strictly_with_defaults() {
        let c = parse("title: a\nbase_url: https://e.org/\n").unwrap();
        assert_eq!(c.outputs, Outputs::default());
        assert_eq!(c.screen.interval, 10);
        assert_eq!(c.wechat.stylesheet, "css/style.css");
        let c =
            parse("title: a\nbase_url: https://e.org/\nscreen: {interval: 20}\noutputs: {print: false}\n")
                .unwrap();
        assert_eq!((c.screen.interval, c.screen.section.as_str()), (20, "tips"));
        assert!(!c.outputs.print && c.outputs.wechat);
        assert_eq!(c.key_lines.get("screen"), Some(&3));
        let err = parse("title: a\nbase_url: https://e.org/\nscreen:\n  interval: 0\n").unwrap_err();
        assert!(err.to_string().starts_with("kepu.yaml:4:"), "{err}");
        assert!(err.to_string().contains("must be 1 or more"), "{err}");
        let err = parse("title: a\nbase_url: https://e.org/\nscreen:\n  intervall: 5\n").unwrap_err();
        assert!(err.to_string().contains("did you mean `interval`?"), "{err}");
    }

    #[test]
    fn feeds_and_outputs_default_on_and_parse_strictly() {
        let c = parse("title: a\nbase_url: https://e.org/\n").unwrap();
        assert_eq!(c.feeds, Feeds::default());
        assert_eq!(c.feeds.limit, 20);
        assert!(c.outputs.sitemap && c.outputs.feeds && c.outputs.taxonomies);
        let c = parse(
            "title: a\nbase_url: https://e.org/\nfeeds: {limit: 5, full_content: false}\noutputs: {sitemap: false}\n",
        )
        .unwrap();
        assert_eq!(
            (c.feeds.limit, c.feeds.full_content, c.feeds.sections),
            (5, false, true)
        );
        assert!(!c.outputs.sitemap && c.outputs.robots && c.outputs.wechat);
        let err = parse("title: a\nbase_url: https://e.org/\noutputs:\n  sitemaps: false\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("kepu.yaml:4:"), "{text}");
        assert!(text.contains("did you mean `sitemap`?"), "{text}");
    }

    #[test]
    fn taxonomy_aliases_are_site_paths_of_known_taxonomies() {
        let c = parse(
            "title: a\nbase_url: https://e.org/\ntaxonomy_aliases: {tags: [tag, /%E6%A0%87%E7%AD%BE/]}\n",
        )
        .unwrap();
        assert_eq!(c.taxonomy_aliases["tags"], ["/tag/", "/标签/"]);
        let err = parse(
            "title: a\nbase_url: https://e.org/\ntaxonomies: [tags]\ntaxonomy_aliases: {categories: [/c/]}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("taxonomy_aliases"), "{err}");
    }

    #[test]
    fn term_aliases_are_site_paths_of_known_taxonomies() {
        let c = parse("title: a\nbase_url: https://e.org/\nterm_aliases:\n  tags: {健康: [/tags/%E5%81%A5%E5%BA%B7, tags/Health/]}\n").unwrap();
        assert_eq!(c.term_aliases["tags"]["健康"], ["/tags/健康/", "/tags/Health/"]);
        let err = parse("title: a\nbase_url: https://e.org/\ntaxonomies: [tags]\nterm_aliases: {categories: {a: [/c/a/]}}\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("kepu.yaml:4") && err.contains("`categories`"),
            "{err}"
        );
        let err = parse(
            "title: a\nbase_url: https://e.org/\nterm_aliases: {tags: {a: ['https://old.org/tags/a/']}}\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("kepu.yaml:3") && err.contains("not a full address"),
            "{err}"
        );
    }

    #[test]
    fn unknown_taxonomy_names_its_line() {
        let err = parse("title: a\nbase_url: https://e.org/\ntaxonomies: [tags, series]\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("kepu.yaml:3: unknown taxonomy `series`"),
            "{text}"
        );
        assert!(text.contains("tags and categories"), "{text}");
        let c = parse("title: a\nbase_url: https://e.org/\ntaxonomies: [tags, tags]\n").unwrap();
        assert_eq!(c.taxonomies, ["tags"]);
    }

    #[test]
    fn cjk_spacing_takes_words_to_keep() {
        let c = parse("title: a\nbase_url: https://e.org/\ncjk_spacing: {keep: [i科普]}\n").unwrap();
        assert_eq!(c.spacing(), Some(&["i科普".to_string()][..]));
        let c = parse("title: a\nbase_url: https://e.org/\ncjk_spacing: true\n").unwrap();
        assert_eq!(c.spacing(), Some(&[][..]));
        let err = parse("title: a\nbase_url: https://e.org/\ncjk_spacing: {kep: [x]}\n").unwrap_err();
        assert!(err.to_string().contains("{keep: [i科普]}"), "{err}");
    }

    #[test]
    fn bad_base_url_is_explained() {
        let err = parse("title: a\nbase_url: example.org\n").unwrap_err();
        assert!(err.to_string().contains("invalid base_url"));
    }
}
