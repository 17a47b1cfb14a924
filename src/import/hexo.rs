//! Hexo: `_config.yml` (and the theme's menu), posts under
//! `source/_posts/` (front matter with or without its opening `---`),
//! drafts, pages elsewhere under `source/`, which is also the static
//! folder; URLs by the `permalink:` pattern (`:year/:month/:day/:title/`,
//! `:title` the path under `_posts`), and Hexo's tags turned into Markdown.

use super::body::{self, Index};
use super::front_matter::{self, scalar_text};
use super::messages;
use super::pagers::{self, Pagination};
use super::report::Report;
use super::site::{self, Converted, Entry, ImpliedSection, NewConfig, OldSite};
use super::urls;
use crate::error::{Error, Result};
use jiff::tz::TimeZone;
use serde_json::{Map, Value};
use sha1::Digest;
use std::path::{Path, PathBuf};

/// What of `_config.yml` decides URLs.
struct Rules {
    permalink: String,
    /// `new_post_name: :year-:month-:day-:title.md`: file names start with the date.
    dated_names: bool,
    default_category: String,
    asset_folders: bool,
    /// `tag_dir`, `category_dir`: where the term pages were.
    tag_dir: String,
    category_dir: String,
    /// `tag_map`, `category_map`: a term's URL name in place of its own.
    tag_map: Map<String, Value>,
    category_map: Map<String, Value>,
    /// `filename_case`: 1 lower-cases URL names, 2 upper-cases them.
    filename_case: u64,
    /// `permalink_defaults`: values of tokens a post does not give.
    permalink_defaults: Map<String, Value>,
}

pub fn read(root: &Path, report: &mut Report) -> Result<OldSite> {
    let config_file = root.join("_config.yml");
    if !config_file.is_file() {
        return Err(Error::Output(messages::no_config(
            root.display(),
            "Hexo",
            "_config.yml",
        )));
    }
    let config = parse(&config_file)?;
    let text = |key: &str| config.get(key).map(scalar_text).unwrap_or_default();
    let url = text("url");
    let language = match config.get("language") {
        Some(Value::Array(list)) => list.first().map(scalar_text).unwrap_or_default(),
        _ => text("language"),
    };
    let mut new = NewConfig::new(
        text("title"),
        site::placeholder_base(&url, report),
        site::language(&[language]),
    );
    new.description = [text("description"), text("subtitle")]
        .into_iter()
        .find(|t| !t.is_empty())
        .unwrap_or_default();
    new.author = text("author");
    new.paginate_by = config.get("per_page").and_then(Value::as_u64).unwrap_or(10) as usize;
    let pagination = Pagination::new(new.paginate_by, &text("pagination_dir"), true);
    let menu = theme_menu(root, &text("theme"))?;
    new.set_menu(menu_items(menu.as_ref(), report));
    let zone_name = text("timezone");
    let zone = site::zone_or(
        (!zone_name.is_empty()).then_some(zone_name.as_str()),
        "Asia/Shanghai",
        report,
    );
    let rules = Rules {
        permalink: config
            .get("permalink")
            .map(scalar_text)
            .unwrap_or_else(|| ":year/:month/:day/:title/".into()),
        dated_names: text("new_post_name").starts_with(":year-:month-:day-"),
        default_category: config
            .get("default_category")
            .map(scalar_text)
            .unwrap_or_else(|| "uncategorized".into()),
        asset_folders: config.get("post_asset_folder") == Some(&Value::Bool(true)),
        tag_dir: dir_setting(&config, "tag_dir", "tags"),
        category_dir: dir_setting(&config, "category_dir", "categories"),
        tag_map: map_setting(&config, "tag_map"),
        category_map: map_setting(&config, "category_map"),
        filename_case: config.get("filename_case").and_then(Value::as_u64).unwrap_or(0),
        permalink_defaults: map_setting(&config, "permalink_defaults"),
    };
    let archive_dir = dir_setting(&config, "archive_dir", "archives");
    new.list_taxonomy_at("tags", &format!("/{}/", rules.tag_dir));
    new.list_taxonomy_at("categories", &format!("/{}/", rules.category_dir));
    let source = root.join(
        config
            .get("source_dir")
            .map(scalar_text)
            .unwrap_or_else(|| "source".into()),
    );
    let mut entries = Vec::new();
    for (folder, draft) in [("_posts", false), ("_drafts", true)] {
        for file in markdown_files(&source.join(folder)) {
            entries.extend(post(
                root,
                &source.join(folder),
                &file,
                draft,
                &rules,
                &zone,
                report,
            ));
        }
    }
    for file in markdown_files(&source) {
        let rel = site::relative(&source, &file);
        if rel.split('/').any(|part| part.starts_with('_')) {
            continue;
        }
        entries.extend(page(root, &source, &file, &mut new, report));
    }
    site::sort_entries(&mut entries);
    let archives = archive_urls(&entries, &archive_dir, &zone, &pagination);
    Ok(OldSite {
        config: new,
        entries,
        static_dirs: vec![source.clone()].into_iter().filter(|d| d.is_dir()).collect(),
        source_root: root.to_path_buf(),
        old_base: (!url.is_empty()).then_some(url),
        zone,
        other_taxonomies: Vec::new(),
        implied_sections: vec![ImpliedSection {
            folder: "posts".into(),
            title: messages::POSTS_SECTION_TITLE.into(),
            // hexo-generator-archive's list of every post, then its years
            // and months.
            old_urls: archives,
        }],
        // Hexo renders every Markdown file of source/; none is a static file.
        not_static: markdown_files(&source),
        content_files: Vec::new(),
        convert,
        pagination,
    })
}

/// A folder setting of `_config.yml` without its slashes.
/// hexo-generator-archive's pages: `/archives/` first, then each year and
/// month that has posts (`/archives/2019/`, `/archives/2019/05/`) with
/// their pagers (`/archives/2019/page/2/`).
fn archive_urls(
    entries: &[Entry],
    archive_dir: &str,
    zone: &TimeZone,
    pagination: &Pagination,
) -> Vec<String> {
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    for entry in entries.iter().filter(|e| e.content_rel.starts_with("posts/")) {
        let Some(date) = entry
            .fields
            .get("date")
            .and_then(|d| super::dates::normalise(&scalar_text(d), zone))
        else {
            continue;
        };
        for period in [&date[..4], &date[..7]] {
            *counts.entry(period.replace('-', "/")).or_default() += 1;
        }
    }
    let mut found = vec![format!("/{archive_dir}/")];
    for (period, count) in counts {
        let list = format!("/{archive_dir}/{period}/");
        let later = pagers::after_first(&list, count, pagination.per_page, &pagination.dir);
        found.push(list);
        found.extend(later);
    }
    found
}

fn dir_setting(config: &Map<String, Value>, key: &str, default: &str) -> String {
    match config.get(key).map(scalar_text) {
        // `category_dir: /` puts the category pages at the root.
        Some(dir) if !dir.trim().is_empty() => dir.trim().trim_matches('/').into(),
        _ => default.into(),
    }
}

fn map_setting(config: &Map<String, Value>, key: &str) -> Map<String, Value> {
    config
        .get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// hexo-util's `slugize`: runs of white space and ASCII punctuation become
/// one `-`, none at the ends; `filename_case` 1 lower-cases, 2 upper-cases.
fn slugize(text: &str, case: u64) -> String {
    const SPECIAL: &str = "~`!@#$%^&*()-_+=[]{}|\\;:\"'<>,.?/";
    let mut out = String::new();
    for c in text.chars().filter(|c| !c.is_control() || c.is_whitespace()) {
        if c.is_whitespace() || SPECIAL.contains(c) {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c);
        }
    }
    let out = out.trim_end_matches('-');
    match case {
        1 => out.to_lowercase(),
        2 => out.to_uppercase(),
        _ => out.to_string(),
    }
}

impl Rules {
    /// A term's old URL: `/tags/<slug>/`, a category after its parents'
    /// slugs (`/categories/后端/Java/`), `tag_map`/`category_map` applied.
    fn term_url(&self, taxonomy: &str, path: &[String]) -> String {
        let (dir, map) = match taxonomy {
            "tags" => (&self.tag_dir, &self.tag_map),
            _ => (&self.category_dir, &self.category_map),
        };
        let slugs: Vec<String> = path
            .iter()
            .map(|name| {
                let mapped = map.get(name).map(scalar_text).filter(|m| !m.is_empty());
                slugize(mapped.as_deref().unwrap_or(name), self.filename_case)
            })
            .collect();
        urls::folder_path(std::iter::once(dir.clone()).chain(slugs))
    }
}

fn parse(file: &Path) -> Result<Map<String, Value>> {
    let text =
        std::fs::read_to_string(file).map_err(|e| Error::Output(messages::unreadable(file.display(), e)))?;
    front_matter::config_document(&text, "yml")
        .map_err(|why| Error::Output(messages::bad_config(file.display(), why)))
}

/// The theme's `menu:` (`_config.THEME.yml`, else the theme's own
/// `_config.yml`), else the site's; read as YAML keeps it, in order.
fn theme_menu(root: &Path, theme: &str) -> Result<Option<yaml_serde::Value>> {
    let site = root.join("_config.yml");
    let theme_files = [
        root.join(format!("_config.{theme}.yml")),
        root.join("themes").join(theme).join("_config.yml"),
    ];
    let files = theme_files
        .iter()
        .filter(|_| !theme.is_empty())
        .chain(std::iter::once(&site));
    for file in files.filter(|f| f.is_file()) {
        let text = std::fs::read_to_string(file)
            .map_err(|e| Error::Output(messages::unreadable(file.display(), e)))?;
        let config: yaml_serde::Value = yaml_serde::from_str(&text)
            .map_err(|e| Error::Output(messages::bad_config(file.display(), e)))?;
        if let Some(menu) = config.get("menu").filter(|m| m.is_mapping()) {
            return Ok(Some(menu.clone()));
        }
    }
    Ok(None)
}

/// NexT's menu keys, which its language files translate.
const MENU_NAMES: &[(&str, &str)] = &[
    ("home", "首页"),
    ("archives", "归档"),
    ("categories", "分类"),
    ("tags", "标签"),
    ("about", "关于"),
    ("search", "搜索"),
    ("sitemap", "站点地图"),
];

/// `menu: {首页: / || fa fa-home, 文档: {default: /docs/, 入门: /docs/start/}}`
/// (NexT's nested form) → one level, children after their parent. Hexo's
/// `/archives/` is kepu's list of posts.
fn menu_items(menu: Option<&yaml_serde::Value>, report: &mut Report) -> Vec<(String, String)> {
    let Some(yaml_serde::Value::Mapping(menu)) = menu else {
        return Vec::new();
    };
    let text =
        |value: &yaml_serde::Value| front_matter::scalar_text(&front_matter::yaml_to_json(value.clone()));
    let path = |value: &yaml_serde::Value| {
        let path = text(value).split("||").next().unwrap_or("").trim().to_string();
        if path == "/archives/" || path == "/archives" {
            "/posts/".to_string()
        } else {
            path
        }
    };
    let name = |key: &yaml_serde::Value| {
        let key = text(key);
        MENU_NAMES
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(key, |(_, zh)| zh.to_string())
    };
    let mut out = Vec::new();
    let mut children = 0;
    for (key, value) in menu {
        match value {
            yaml_serde::Value::Mapping(sub) => {
                if let Some(default) = sub.get("default") {
                    out.push((name(key), path(default)));
                }
                for (child, value) in sub.iter().filter(|(k, _)| k.as_str() != Some("default")) {
                    out.push((name(child), path(value)));
                    children += 1;
                }
            }
            value => out.push((name(key), path(value))),
        }
    }
    if children > 0 {
        report.notes.push(messages::menu_flattened(children));
    }
    out.retain(|(_, url)| !url.is_empty());
    out
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    site::files_under(dir)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|x| x == "md" || x == "markdown"))
        .collect()
}

/// A post: `content/posts/<path under _posts>.md`, or a bundle with its
/// asset folder.
fn post(
    root: &Path,
    posts: &Path,
    file: &Path,
    draft: bool,
    rules: &Rules,
    zone: &TimeZone,
    report: &mut Report,
) -> Option<Entry> {
    let rel_source = site::relative(root, file);
    let split = site::read_entry_text(file, &rel_source, true, report)?;
    let mut fields = split.fields;
    let rel = site::relative(posts, file);
    let stem = rel
        .trim_end_matches(".md")
        .trim_end_matches(".markdown")
        .to_string();
    let asset_dir = file.with_extension("");
    let assets: Vec<(PathBuf, String)> = if rules.asset_folders && asset_dir.is_dir() {
        walkdir::WalkDir::new(&asset_dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                (
                    e.path().to_path_buf(),
                    format!("posts/{stem}/{}", site::relative(&asset_dir, e.path())),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let content_rel = if assets.is_empty() {
        format!("posts/{stem}.md")
    } else {
        format!("posts/{stem}/index.md")
    };
    if draft {
        fields.insert("draft".into(), Value::Bool(true));
    }
    let permalink = site::take(&mut fields, "permalink").map(|v| scalar_text(&v));
    let title = stem_title(&stem, rules.dated_names);
    let old_url = match permalink {
        // A draft was never published: it had no URL to keep.
        _ if draft => urls::kepu_url(&content_rel, None),
        Some(p) if !p.trim().is_empty() => format!("/{}", p.trim_start_matches('/')),
        _ => post_url(&fields, &stem, &title, rules, zone),
    };
    // A token the post gives no value for (`:id` is Hexo's database id
    // without an `id:`, `:hash` needs a date): no old URL to keep.
    let old_url = match old_url.split('/').find(|part| part.starts_with(':')) {
        Some(token) => {
            report.review(
                &rel_source,
                None,
                messages::permalink_unknown(token, &rules.permalink),
            );
            urls::kepu_url(&content_rel, None)
        }
        None => old_url,
    };
    let old_terms = site::old_terms(&fields, true, |taxonomy, path| rules.term_url(taxonomy, path));
    Some(Entry {
        source: file.to_path_buf(),
        rel_source,
        content_rel,
        fields,
        body: split.body,
        body_line: split.body_line,
        old_url,
        old_slug: None,
        aliases: Vec::new(),
        assets,
        old_terms,
        redirect_to: None,
        fallback_title: title.rsplit('/').next().unwrap_or(&title).to_string(),
    })
}

/// `:title` of a post: its path under `_posts` without the extension, and
/// without the date a dated `new_post_name` puts first.
fn stem_title(stem: &str, dated: bool) -> String {
    let (dir, name) = stem.rsplit_once('/').map_or(("", stem), |(d, n)| (d, n));
    let dated_prefix = name.len() > 11
        && name.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && name.as_bytes()[10] == b'-';
    let name = if dated && dated_prefix { &name[11..] } else { name };
    if dir.is_empty() {
        name.to_string()
    } else {
        format!("{dir}/{name}")
    }
}

fn post_url(fields: &Map<String, Value>, stem: &str, title: &str, rules: &Rules, zone: &TimeZone) -> String {
    let date = fields
        .get("date")
        .and_then(|d| super::dates::normalise(&scalar_text(d), zone))
        .unwrap_or_else(|| "1970-01-01T00:00:00".into());
    let date = date.as_str();
    let time = |from: usize| date.get(from..from + 2).unwrap_or("00").to_string();
    // Hexo's `:category`: the slug path of the post's last category.
    let category = site::old_terms(fields, true, |taxonomy, path| {
        if taxonomy == "categories" {
            rules.term_url(taxonomy, path)
        } else {
            String::new()
        }
    })
    .into_iter()
    .rfind(|t| t.taxonomy == "categories")
    .map(|t| {
        let dir = format!("/{}/", rules.category_dir);
        t.url
            .strip_prefix(&dir)
            .unwrap_or(&t.url)
            .trim_matches('/')
            .to_string()
    })
    .unwrap_or_else(|| rules.default_category.clone());
    // Hexo's `:hash`: the first 12 hex digits of SHA-1 of `:title` and the
    // date in Unix seconds.
    let hash = fields
        .get("date")
        .and_then(|d| super::dates::unix_seconds(&scalar_text(d), zone))
        .map(|seconds| {
            let digest = sha1::Sha1::digest(format!("{title}{seconds}").as_bytes());
            digest
                .iter()
                .take(6)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        });
    let expanded = urls::expand(&rules.permalink, |token| {
        Some(match token {
            "year" => date[..4].to_string(),
            "month" => date[5..7].to_string(),
            "i_month" => date[5..7].trim_start_matches('0').to_string(),
            "day" => date[8..10].to_string(),
            "i_day" => date[8..10].trim_start_matches('0').to_string(),
            "hour" => time(11),
            "minute" => time(14),
            "second" => time(17),
            "title" => title.to_string(),
            "name" => title.rsplit('/').next().unwrap_or(title).to_string(),
            "post_title" => fields
                .get("title")
                .map(scalar_text)
                .unwrap_or_else(|| stem.to_string()),
            "category" => category.clone(),
            "hash" => hash.clone()?,
            // Any other token is a front-matter key (`:abbrlink` of
            // hexo-abbrlink, `:id`), else a `permalink_defaults` value.
            other => fields
                .get(other)
                .or_else(|| rules.permalink_defaults.get(other))
                .map(scalar_text)
                .filter(|v| !v.is_empty())?,
        })
    });
    format!("/{}", expanded.trim_start_matches('/'))
}

/// A page: `source/about/index.md` → `content/about/index.md` (served at
/// `/about/`), `source/links.md` → `content/links.md` (was `/links.html`).
/// Hexo's own list pages (`type: tags`, `type: categories`) are kepu's
/// term lists already and are left out.
fn page(
    root: &Path,
    source: &Path,
    file: &Path,
    config: &mut NewConfig,
    report: &mut Report,
) -> Option<Entry> {
    let rel_source = site::relative(root, file);
    let split = site::read_entry_text(file, &rel_source, true, report)?;
    let mut fields = split.fields;
    let rel = site::relative(source, file);
    if let Some(kind) = fields
        .get("type")
        .and_then(Value::as_str)
        .filter(|t| matches!(*t, "tags" | "categories" | "archives"))
    {
        report.notes.push(messages::list_page_left_out(&rel_source));
        // Where the theme's list was, kepu's answers (the archive is the posts' list).
        let folder = rel.rsplit_once('/').map_or("", |(dir, _)| dir);
        config.list_taxonomy_at(kind, &format!("/{folder}/"));
        return None;
    }
    let content_rel = match rel.strip_suffix(".markdown") {
        Some(stem) => format!("{stem}.md"),
        None => rel.clone(),
    };
    let html = format!("/{}", rel.trim_end_matches(".md").trim_end_matches(".markdown"));
    let default_url = match html.strip_suffix("/index") {
        Some(folder) => format!("{folder}/"),
        None if html == "/index" => "/".into(),
        None => format!("{html}.html"),
    };
    let old_url = site::take(&mut fields, "permalink")
        .map(|v| scalar_text(&v))
        .filter(|p| !p.trim().is_empty())
        .map_or(default_url, |p| format!("/{}", p.trim_start_matches('/')));
    let name = Path::new(&content_rel)
        .with_extension("")
        .iter()
        .rfind(|part| *part != "index")
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let bundle = file
        .parent()
        .filter(|p| file.file_stem().is_some_and(|s| s == "index") && *p != source);
    let assets = bundle
        .map(|dir| {
            walkdir::WalkDir::new(dir)
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file() && e.path() != file)
                .map(|e| (e.path().to_path_buf(), site::relative(source, e.path())))
                .collect()
        })
        .unwrap_or_default();
    Some(Entry {
        source: file.to_path_buf(),
        rel_source,
        content_rel,
        fields,
        body: split.body,
        body_line: split.body_line,
        old_url,
        old_slug: None,
        aliases: Vec::new(),
        assets,
        // Hexo's pages have no tags or categories.
        old_terms: Vec::new(),
        redirect_to: None,
        fallback_title: name,
    })
}

/// Hexo's tags (`{% name args %}`, with `{% endname %}` for those with a
/// body) outside code → Markdown; any other kept for review.
fn convert(entry: &Entry, index: &Index) -> Converted {
    let body = &entry.body;
    let code = body::Code::of(body);
    let mut out = Converted::default();
    let mut at = 0;
    let mut from = 0;
    while let Some(start) = code.next_outside(from, |from| body[from..].find("{%").map(|i| from + i)) {
        from = start + 2;
        let Some(len) = body[start..].find("%}") else {
            break;
        };
        let end = start + len + 2;
        let inner = body[start + 2..end - 2].trim();
        let words = body::words(inner);
        let Some(name) = words.first().cloned() else {
            continue;
        };
        let raw = &words[1..];
        let args: Vec<String> = raw.iter().map(|w| body::unquote(w)).collect();
        let closing = format!("end{name}");
        let paired = PAIRED.contains(&name.as_str()) || find_tag(body, end, &closing).is_some();
        let (inner_range, tag_end) = if paired {
            match find_tag(body, end, &closing) {
                Some((close_start, close_end)) => (end..close_start, close_end),
                None => (end..end, end),
            }
        } else {
            (end..end, end)
        };
        let inner_text = &body[inner_range];
        let replacement = match name.as_str() {
            "asset_img" => Some(asset_img(raw)),
            "asset_link" => args
                .first()
                .map(|slug| format!("[{}]({slug})", title_words(&raw[1..]).unwrap_or(slug.clone()))),
            "asset_path" => args.first().cloned(),
            "img" | "image" => image_tag(raw),
            "link" => (args.len() >= 2)
                .then(|| format!("[{}]({})", args[..args.len() - 1].join(" "), args[args.len() - 1])),
            "codeblock" | "code" => Some(codeblock(&args, inner_text)),
            "blockquote" | "quote" => Some(blockquote(&args, inner_text)),
            "raw" => Some(inner_text.trim_matches('\n').to_string()),
            "post_link" | "post_path" => args.first().and_then(|slug| {
                let rel = site::find_page(index, slug)?;
                if name == "post_path" {
                    return Some(format!("@/{rel}"));
                }
                let title = title_words(&raw[1..])
                    .or_else(|| index.titles.get(rel).cloned())
                    .unwrap_or_else(|| slug.clone());
                Some(format!("[{title}](@/{rel})"))
            }),
            "youtube" | "vimeo" | "iframe" => embed(&name, &args).inspect(|_| {
                out.review.push((start, messages::embed_as_link(&name)));
            }),
            _ => None,
        };
        out.body.push_str(&body[at..start]);
        match replacement {
            Some(text) => out.body.push_str(&text),
            None => {
                out.body.push_str(&body::review_block(&body[start..tag_end]));
                out.review
                    .push((start, messages::unknown_shortcode("Hexo 标签", &name)));
            }
        }
        at = tag_end;
        from = tag_end;
    }
    out.body.push_str(&body[at..]);
    out
}

/// Tags that always have a body and an `{% endNAME %}`.
const PAIRED: &[&str] = &[
    "codeblock",
    "code",
    "blockquote",
    "quote",
    "raw",
    "pullquote",
    "note",
    "tabs",
];

/// The start and end of `{% name %}` at or after `from`.
fn find_tag(body: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(start) = body[at..].find("{%").map(|i| at + i) {
        let len = body[start..].find("%}")?;
        if body[start + 2..start + len].trim() == name {
            return Some((start, start + len + 2));
        }
        at = start + 2;
    }
    None
}

/// The title a tag's last words give (`{% post_link slug 我的 Git 笔记 %}`),
/// without Hexo's trailing `true`/`false` (whether to escape it).
fn title_words(words: &[String]) -> Option<String> {
    let words = match words.last().map(String::as_str) {
        Some("true" | "false") => &words[..words.len() - 1],
        _ => words,
    };
    let title: Vec<String> = words.iter().map(|w| body::unquote(w)).collect();
    (!title.is_empty()).then(|| title.join(" "))
}

/// `{% asset_img slug [title words] %}` (Hexo 4: `"title" "alt"` quoted).
fn asset_img(raw: &[String]) -> String {
    let i = raw
        .iter()
        .position(|a| is_image_path(&body::unquote(a)))
        .unwrap_or(0);
    let slug = raw.get(i).map(|s| body::unquote(s)).unwrap_or_default();
    image_markdown(&slug, raw.get(i + 1..).unwrap_or(&[]))
}

/// `{% img [class] /path/to/image [width] [height] [title [alt]] %}`.
fn image_tag(raw: &[String]) -> Option<String> {
    let i = raw.iter().position(|a| a.contains('/') || is_image_path(a))?;
    let rest: Vec<String> = raw[i + 1..]
        .iter()
        .filter(|a| !a.bytes().all(|b| b.is_ascii_digit()))
        .cloned()
        .collect();
    Some(image_markdown(&body::unquote(&raw[i]), &rest))
}

/// An image with a title and alt text from the words after its path:
/// quoted, `"title" "alt"`; else all the words are both.
fn image_markdown(src: &str, rest: &[String]) -> String {
    let quoted = rest.first().is_some_and(|w| w.starts_with(['"', '\'']));
    let (title, alt) = if quoted {
        let title = body::unquote(&rest[0]);
        let alt = rest
            .get(1)
            .map(|a| body::unquote(a))
            .unwrap_or_else(|| title.clone());
        (title, alt)
    } else {
        let all = title_words(rest).unwrap_or_default();
        (all.clone(), all)
    };
    let title_part = if title.is_empty() || title == alt {
        String::new()
    } else {
        format!(" \"{}\"", title.replace('"', "'"))
    };
    format!("![{}]({src}{title_part})", alt.replace(['[', ']'], ""))
}

fn is_image_path(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".bmp"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// `{% codeblock [title] [lang:language] [url] [link text] %}`.
fn codeblock(args: &[String], code: &str) -> String {
    let language = args.iter().find_map(|a| a.strip_prefix("lang:")).unwrap_or("");
    let title: Vec<&str> = args
        .iter()
        .filter(|a| !a.starts_with("lang:") && !a.contains("://") && !a.contains(':'))
        .map(String::as_str)
        .collect();
    let caption = if title.is_empty() {
        String::new()
    } else {
        format!("\n*{}*\n", title.join(" "))
    };
    format!("{caption}{}", body::code_block(language, code))
}

/// `{% blockquote [author[, source]] [link] [source_link_title] %}`.
fn blockquote(args: &[String], quote: &str) -> String {
    let mut lines: Vec<String> = quote
        .trim_matches('\n')
        .lines()
        .map(|l| format!("> {l}").trim_end().to_string())
        .collect();
    let words: Vec<&str> = args
        .iter()
        .filter(|a| !a.contains("://"))
        .map(String::as_str)
        .collect();
    let link = args.iter().find(|a| a.contains("://"));
    let who = words.join(" ");
    if !who.is_empty() || link.is_some() {
        let who = if who.is_empty() {
            link.cloned().unwrap_or_default()
        } else {
            who
        };
        let attribution = match link {
            Some(link) => format!("[{who}]({link})"),
            None => who,
        };
        lines.push(">".into());
        lines.push(format!("> —— {attribution}"));
    }
    format!("\n{}\n", lines.join("\n"))
}

fn embed(name: &str, args: &[String]) -> Option<String> {
    let id = args.first()?;
    Some(match name {
        "youtube" => format!("[YouTube 视频](https://www.youtube.com/watch?v={id})"),
        "vimeo" => format!("[Vimeo 视频](https://vimeo.com/{id})"),
        _ => format!("[{}]({id})", messages::EMBEDDED_PAGE),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(permalink: &str) -> Rules {
        Rules {
            permalink: permalink.into(),
            dated_names: false,
            default_category: "uncategorized".into(),
            asset_folders: false,
            tag_dir: "tags".into(),
            category_dir: "categories".into(),
            tag_map: Map::new(),
            category_map: Map::new(),
            filename_case: 0,
            permalink_defaults: Map::new(),
        }
    }

    fn fields(yaml: &str) -> Map<String, Value> {
        front_matter::config_document(yaml, "yml").unwrap()
    }

    #[test]
    fn permalink_patterns_use_the_path_under_posts() {
        let zone = super::super::dates::zone("Asia/Shanghai").unwrap();
        let f = fields("date: 2016-08-11 19:55:50\ncategories: [后端, Java]\n");
        assert_eq!(
            post_url(
                &f,
                "java/你好",
                "java/你好",
                &rules(":year/:month/:day/:title/"),
                &zone
            ),
            "/2016/08/11/java/你好/"
        );
        // Hexo's `:category` is the last category's slug, after its parents'.
        assert_eq!(
            post_url(&f, "a", "a", &rules(":category/:name.html"), &zone),
            "/后端/Java/a.html"
        );
        assert_eq!(
            post_url(&f, "a", "a", &rules("p/:i_month/:hour:minute/"), &zone),
            "/p/8/1955/"
        );
    }

    #[test]
    fn hash_id_and_front_matter_tokens() {
        let zone = super::super::dates::zone("Asia/Shanghai").unwrap();
        // SHA-1 of `:title` and the Unix seconds, as Hexo's post_permalink
        // filter makes it (checked with Python's hashlib).
        let f = fields("date: 2019-05-28T7:15:43+08:00\nid: 42\nabbrlink: 4a17b156\n");
        let url = |rules: &Rules| post_url(&f, "notes/git-tips", "notes/git-tips", rules, &zone);
        assert_eq!(url(&rules("posts/:hash/")), "/posts/4a6d78e9a9b6/");
        let day = fields("date: 2015/3/21\n");
        assert_eq!(
            post_url(&day, "hello", "hello", &rules(":hash.html"), &zone),
            "/0e7b1600cc3b.html"
        );
        // `:id` and hexo-abbrlink's `:abbrlink` are front-matter keys.
        assert_eq!(url(&rules(":id/")), "/42/");
        assert_eq!(url(&rules("posts/:abbrlink/")), "/posts/4a17b156/");
        let mut with_default = rules(":lang/:title/");
        with_default
            .permalink_defaults
            .insert("lang".into(), Value::from("zh"));
        assert_eq!(url(&with_default), "/zh/notes/git-tips/");
    }

    #[test]
    fn term_urls_follow_maps_case_and_parents() {
        let mut r = rules("");
        r.tag_map.insert("工具".into(), Value::from("Dev Tools"));
        assert_eq!(r.term_url("tags", &["工具".into()]), "/tags/Dev-Tools/");
        assert_eq!(r.term_url("tags", &["C++ 入门!".into()]), "/tags/C-入门/");
        r.filename_case = 1;
        assert_eq!(
            r.term_url("categories", &["后端".into(), "Spring Boot".into()]),
            "/categories/后端/spring-boot/"
        );
        r.category_dir = String::new();
        assert_eq!(r.term_url("categories", &["Java".into()]), "/java/");
    }

    #[test]
    fn dated_file_names_lose_their_date_in_the_title() {
        assert_eq!(stem_title("2019-05-28-hello", true), "hello");
        assert_eq!(stem_title("2019-05-28-hello", false), "2019-05-28-hello");
        assert_eq!(stem_title("java/2019-05-28-你好", true), "java/你好");
    }

    #[test]
    fn nested_menus_are_flattened() {
        let mut report = Report::default();
        let config: yaml_serde::Value = yaml_serde::from_str(
            "menu:\n  home: / || fa fa-home\n  文档:\n    default: /docs/ || fa fa-book\n    入门: /docs/start/\n  archives: /archives/\n",
        )
        .unwrap();
        let items = menu_items(config.get("menu"), &mut report);
        assert_eq!(
            items,
            [
                ("首页", "/"),
                ("文档", "/docs/"),
                ("入门", "/docs/start/"),
                ("归档", "/posts/")
            ]
            .map(|(a, b)| (a.to_string(), b.to_string()))
        );
        assert_eq!(report.notes.len(), 1);
    }

    #[test]
    fn blockquotes_keep_their_author_and_link() {
        let quote = blockquote(
            &["鲁迅".into(), "https://example.org/luxun".into()],
            "\n其实地上本没有路\n",
        );
        assert_eq!(
            quote,
            "\n> 其实地上本没有路\n>\n> —— [鲁迅](https://example.org/luxun)\n"
        );
    }
}
