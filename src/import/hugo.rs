//! Hugo: `hugo.toml`/`config.toml` (or YAML, or `config/_default/`),
//! `content/` with YAML or TOML front matter, `static/`; URLs by Hugo's
//! rules (content path lower-cased unless `disablePathToLower`,
//! `[permalinks]`, `url:`, `slug:`, `aliases:`), and the built-in
//! shortcodes turned into Markdown.

use super::body::{self, Index};
use super::front_matter::{self, scalar_text};
use super::messages;
use super::pagers::Pagination;
use super::report::Report;
use super::site::{self, Converted, Entry, ImpliedSection, NewConfig, OldSite};
use super::urls;
use crate::error::{Error, Result};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CONFIG_FILES: &[&str] = &[
    "hugo.toml",
    "hugo.yaml",
    "hugo.yml",
    "hugo.json",
    "config.toml",
    "config.yaml",
    "config.yml",
    "config.json",
    "config/_default/hugo.toml",
    "config/_default/config.toml",
    "config/_default/hugo.yaml",
    "config/_default/config.yaml",
];

/// What of Hugo's configuration decides URLs.
struct Rules {
    permalinks: Map<String, Value>,
    /// kepu's taxonomies Hugo named otherwise (`[taxonomies] tag =
    /// "labels"`): kepu's name → Hugo's, its front-matter key and URL folder.
    renamed: BTreeMap<String, String>,
    lower: bool,
    ugly: bool,
    languages: Languages,
}

/// A multilingual site's languages (`[languages]`): kepu's site has one,
/// the default content language; the others are left out and reported.
#[derive(Default)]
struct Languages {
    /// The language imported (`defaultContentLanguage`), if the site has
    /// several.
    chosen: Option<String>,
    /// The other languages with their content folders, if any.
    others: Vec<(String, Option<PathBuf>)>,
}

impl Languages {
    fn read<'c>(config: &'c Map<String, Value>, root: &Path) -> (Languages, Option<&'c Map<String, Value>>) {
        let Some(table) = config
            .get("languages")
            .and_then(Value::as_object)
            .filter(|t| t.len() > 1)
        else {
            return (Languages::default(), None);
        };
        let weight = |key: &str| {
            table[key]
                .get("weight")
                .and_then(Value::as_i64)
                .unwrap_or(i64::MAX)
        };
        let default = config
            .get("defaultcontentlanguage")
            .map(scalar_text)
            .map(|l| l.to_lowercase())
            .filter(|l| table.contains_key(l))
            .or_else(|| table.keys().min_by_key(|k| weight(k)).cloned());
        let chosen = default.unwrap_or_default();
        let others = table
            .iter()
            .filter(|(key, _)| **key != chosen)
            .map(|(key, language)| {
                let dir = language.get("contentDir").or_else(|| language.get("contentdir"));
                (key.clone(), dir.map(|d| root.join(scalar_text(d))))
            })
            .collect();
        let settings = table[&chosen].as_object();
        (
            Languages {
                chosen: Some(chosen),
                others,
            },
            settings,
        )
    }

    /// The language a content file is in by its name (`about.en.md`), with
    /// the name without it; `None` for a name without a language.
    fn of_name<'n>(&self, stem: &'n str) -> Option<(&'n str, &'n str)> {
        let (name, language) = stem.rsplit_once('.')?;
        let known =
            self.chosen.as_deref() == Some(language) || self.others.iter().any(|(l, _)| l == language);
        known.then_some((name, language))
    }

    /// Whether a file belongs to another language: by its name, or by the
    /// content folder of that language.
    fn is_other(&self, file: &Path) -> bool {
        let by_folder = self
            .others
            .iter()
            .any(|(_, dir)| dir.as_ref().is_some_and(|d| file.starts_with(d)));
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        by_folder
            || self
                .of_name(&stem)
                .is_some_and(|(_, l)| Some(l) != self.chosen.as_deref())
    }
}

pub fn read(root: &Path, report: &mut Report) -> Result<OldSite> {
    let config = read_config(root)?;
    let get = |key: &str| config.get(key).filter(|v| !v.is_null());
    let text = |key: &str| get(key).map(scalar_text).unwrap_or_default();
    let params = get("params")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let base_url = text("baseurl");
    let (languages, chosen) = Languages::read(&config, root);
    // The imported language's own settings win (`[languages.zh] title`).
    let text = |key: &str| {
        chosen
            .and_then(|c| c.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
            .map(|(_, v)| scalar_text(v))
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| text(key))
    };
    let language = site::language(&[
        text("languagecode"),
        languages.chosen.clone().unwrap_or_default(),
        text("defaultcontentlanguage"),
    ]);
    let mut new = NewConfig::new(text("title"), site::placeholder_base(&base_url, report), language);
    new.description = params
        .get("description")
        .map(scalar_text)
        .unwrap_or_else(|| text("description"));
    new.author = author(get("author").or_else(|| params.get("author")));
    new.paginate_by = get("paginate")
        .and_then(Value::as_u64)
        .or_else(|| {
            get("pagination")?
                .get("pagerSize")
                .or_else(|| get("pagination")?.get("pagersize"))?
                .as_u64()
        })
        .unwrap_or(10) as usize;
    let pager_dir = get("paginatepath")
        .or_else(|| get("pagination")?.get("path"))
        .map(scalar_text)
        .unwrap_or_default();
    let mut pagination = Pagination::new(new.paginate_by, &pager_dir, true);
    // Hugo writes `…/page/1/` of every paginated list, leading to the list.
    pagination.first_pager = true;
    let (taxonomies, others, renamed) = taxonomies(get("taxonomies"));
    new.taxonomies = taxonomies;
    for (kepu, hugo) in &renamed {
        new.list_taxonomy_at(kepu, &hugo_path(&urls::folder_path([hugo]), true));
    }
    if let Some(menu) = get("menu").or_else(|| get("menus")) {
        new.set_menu(menu_items(menu, report));
    }
    let zone = site::zone_or(get("timezone").and_then(Value::as_str), "UTC", report);
    let rules = Rules {
        permalinks: get("permalinks")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default(),
        renamed,
        lower: !get("disablepathtolower").is_some_and(|v| v == &Value::Bool(true)),
        ugly: get("uglyurls").is_some_and(|v| v == &Value::Bool(true)),
        languages,
    };
    let content_dir = root.join(
        chosen
            .and_then(|c| c.get("contentDir").or_else(|| c.get("contentdir")))
            .or_else(|| get("contentdir"))
            .map(scalar_text)
            .unwrap_or_else(|| "content".into()),
    );
    let static_dirs = match get("staticdir") {
        Some(Value::Array(dirs)) => dirs.iter().map(|d| root.join(scalar_text(d))).collect(),
        Some(dir) => vec![root.join(scalar_text(dir))],
        None => vec![root.join("static")],
    };
    let (mut entries, content_files) = read_content(root, &content_dir, &rules, &zone, report);
    note_other_languages(root, &content_dir, &rules.languages, report);
    site::sort_entries(&mut entries);
    let implied_sections = implied_sections(&entries, rules.lower);
    Ok(OldSite {
        config: new,
        entries,
        static_dirs: static_dirs.into_iter().filter(|d: &PathBuf| d.is_dir()).collect(),
        source_root: root.to_path_buf(),
        old_base: (!base_url.is_empty()).then_some(base_url),
        zone,
        other_taxonomies: others,
        implied_sections,
        content_files,
        not_static: Vec::new(),
        convert,
        pagination,
    })
}

/// The configuration with top-level keys lower-cased (Hugo reads them
/// case-insensitively); `config/_default/menus.*` and `params.*` merged in.
fn read_config(root: &Path) -> Result<Map<String, Value>> {
    let file = CONFIG_FILES
        .iter()
        .map(|name| root.join(name))
        .find(|f| f.is_file())
        .ok_or_else(|| {
            Error::Output(messages::no_config(
                root.display(),
                "Hugo",
                "hugo.toml、config.toml、config.yaml",
            ))
        })?;
    let mut config = parse_config(&file)?;
    for (name, key) in [("menus", "menu"), ("params", "params")] {
        for ext in ["toml", "yaml"] {
            let part = root.join(format!("config/_default/{name}.{ext}"));
            if part.is_file() {
                config.insert(key.into(), Value::Object(parse_config(&part)?));
            }
        }
    }
    Ok(config
        .into_iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v))
        .collect())
}

fn parse_config(file: &Path) -> Result<Map<String, Value>> {
    let text =
        std::fs::read_to_string(file).map_err(|e| Error::Output(messages::unreadable(file.display(), e)))?;
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
    front_matter::config_document(&text, ext)
        .map_err(|why| Error::Output(messages::bad_config(file.display(), why)))
}

fn author(value: Option<&Value>) -> String {
    match value {
        Some(Value::Object(map)) => map.get("name").map(scalar_text).unwrap_or_default(),
        Some(other) => scalar_text(other),
        None => String::new(),
    }
}

/// kepu's taxonomies among Hugo's (`[taxonomies] tag = "tags"`; a
/// singular `tag` or `category` under another plural is kepu's too,
/// renamed), the rest, and the renamed ones (kepu's name → Hugo's).
fn taxonomies(value: Option<&Value>) -> (Vec<String>, Vec<String>, BTreeMap<String, String>) {
    let pairs: Vec<(String, String)> = match value.and_then(Value::as_object) {
        Some(map) => map
            .iter()
            .map(|(k, v)| (k.to_lowercase(), scalar_text(v)))
            .collect(),
        None => vec![
            ("tag".into(), "tags".into()),
            ("category".into(), "categories".into()),
        ],
    };
    let mut kepu = Vec::new();
    let mut others = Vec::new();
    let mut renamed = BTreeMap::new();
    for (singular, plural) in pairs.into_iter().filter(|(_, p)| !p.is_empty()) {
        let name = match (singular.as_str(), plural.as_str()) {
            (_, "tags") | ("tag", _) => "tags",
            (_, "categories") | ("category", _) => "categories",
            _ => {
                others.push(plural);
                continue;
            }
        };
        if kepu.iter().any(|k| k == name) {
            others.push(plural);
            continue;
        }
        if plural != name {
            renamed.insert(name.to_string(), plural);
        }
        kepu.push(name.to_string());
    }
    kepu.sort_by_key(|k| k != "tags");
    (kepu, others, renamed)
}

/// The main menu (else the first), children right after their parent.
fn menu_items(menus: &Value, report: &mut Report) -> Vec<(String, String)> {
    let Some(map) = menus.as_object() else {
        return Vec::new();
    };
    let Some(items) = map
        .get("main")
        .or_else(|| map.values().next())
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    let field = |item: &Value, key: &str| -> String {
        item.as_object()
            .and_then(|m| m.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)))
            .map(|(_, v)| scalar_text(v))
            .unwrap_or_default()
    };
    let weight = |item: &Value| field(item, "weight").parse::<i64>().unwrap_or(0);
    let mut sorted: Vec<&Value> = items.iter().collect();
    sorted.sort_by_key(|item| weight(item));
    let id = |item: &Value| {
        let id = field(item, "identifier");
        if id.is_empty() { field(item, "name") } else { id }
    };
    let link = |item: &Value| {
        let url = field(item, "url");
        let url = if url.is_empty() {
            field(item, "pageRef")
        } else {
            url
        };
        if url.starts_with("http") || url.ends_with('/') || url.contains('.') {
            url
        } else {
            format!("{url}/")
        }
    };
    let mut out = Vec::new();
    let mut children = 0;
    for parent in sorted.iter().filter(|i| field(i, "parent").is_empty()) {
        out.push((field(parent, "name"), link(parent)));
        for child in sorted.iter().filter(|c| field(c, "parent") == id(parent)) {
            out.push((field(child, "name"), link(child)));
            children += 1;
        }
    }
    if children > 0 {
        report.notes.push(messages::menu_flattened(children));
    }
    out
}

/// The pages and sections of `content/`, and its other files outside bundles.
fn read_content(
    root: &Path,
    content: &Path,
    rules: &Rules,
    zone: &jiff::tz::TimeZone,
    report: &mut Report,
) -> (Vec<Entry>, Vec<(PathBuf, String)>) {
    let is_md = |f: &Path| matches!(f.extension().and_then(|e| e.to_str()), Some("md" | "markdown"));
    // Another language's pages and their files are not imported (reported).
    let files: Vec<PathBuf> = site::files_under(content)
        .into_iter()
        .filter(|f| !rules.languages.is_other(f))
        .collect();
    let is_index = |f: &Path| stem_of(f, rules) == "index";
    // Leaf bundles: a folder with index.md; everything below it is its resources.
    let bundles: BTreeSet<PathBuf> = files
        .iter()
        .filter(|f| is_md(f) && is_index(f))
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    let in_bundle = |f: &Path| bundles.iter().any(|b| f.starts_with(b));
    let mut entries = Vec::new();
    let mut loose = Vec::new();
    for file in &files {
        let is_bundle_page = is_md(file) && file.parent().is_some_and(|p| bundles.contains(p));
        if is_bundle_page && is_index(file) || !in_bundle(file) && is_md(file) {
            entries.extend(read_entry(
                root, content, file, &files, &bundles, rules, zone, report,
            ));
        } else if !in_bundle(file) {
            // Files beside pages that are no bundle: copied where they were.
            loose.push((file.clone(), site::relative(content, file)));
        }
    }
    (entries, loose)
}

#[allow(clippy::too_many_arguments)]
fn read_entry(
    root: &Path,
    content: &Path,
    file: &Path,
    files: &[PathBuf],
    bundles: &BTreeSet<PathBuf>,
    rules: &Rules,
    zone: &jiff::tz::TimeZone,
    report: &mut Report,
) -> Option<Entry> {
    let rel_source = site::relative(root, file);
    let rel = site::relative(content, file);
    let stem = stem_of(file, rules);
    // `about.zh.md` of the imported language is `about.md`.
    let content_rel = match rel.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{stem}.md"),
        None => format!("{stem}.md"),
    };
    let split = site::read_entry_text(file, &rel_source, false, report)?;
    let mut fields = split.fields;
    let is_section = stem == "_index";
    let (dir, name) = dir_and_name(&content_rel);
    let url_field = site::take(&mut fields, "url").map(|v| scalar_text(&v));
    let slug = site::take(&mut fields, "slug")
        .map(|v| scalar_text(&v))
        .filter(|s| !s.trim().is_empty());
    let aliases = site::take(&mut fields, "aliases")
        .map(|v| site::string_list(&v))
        .unwrap_or_default();
    let title = fields
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("title"))
        .map(|(_, v)| scalar_text(v));
    let date = fields
        .iter()
        .find(|(k, _)| ["date", "publishdate"].contains(&k.to_ascii_lowercase().as_str()))
        .and_then(|(_, v)| super::dates::normalise(&scalar_text(v), zone));
    let old_url = match (&url_field, is_section) {
        (Some(url), _) if !url.is_empty() => url.clone(),
        (_, true) => hugo_path(&format!("/{dir}/"), rules.lower),
        _ => page_url(
            &dir,
            &name,
            slug.as_deref(),
            title.as_deref(),
            date.as_deref(),
            rules,
        ),
    };
    let old_parent = urls::normalise(&old_url);
    let aliases = aliases
        .into_iter()
        .map(|a| {
            if a.starts_with('/') {
                a
            } else {
                format!("{}{a}", parent_of(&old_parent))
            }
        })
        .collect();
    let bundle = file.parent().filter(|p| bundles.contains(*p) && !is_section);
    let assets = bundle
        .map(|dir| site::bundle_assets(dir, file, files, content, root, report))
        .unwrap_or_default();
    // A renamed taxonomy's terms are kepu's (`labels:` → `tags:`).
    for (kepu, hugo) in &rules.renamed {
        if let Some(values) = site::take(&mut fields, hugo) {
            fields.insert(kepu.clone(), values);
        }
    }
    let old_terms = site::old_terms(&fields, false, |taxonomy, path| {
        term_url(taxonomy, &path.join("/"), rules)
    });
    Some(Entry {
        source: file.to_path_buf(),
        rel_source,
        content_rel,
        fields,
        body: split.body,
        body_line: split.body_line,
        old_url,
        old_slug: slug,
        aliases,
        assets,
        old_terms,
        redirect_to: None,
        fallback_title: if is_section {
            title_case(dir.rsplit('/').next().unwrap_or(&dir))
        } else {
            name
        },
    })
}

/// A content file's name without its extension and language (`about.zh.md`
/// → `about`).
fn stem_of(file: &Path, rules: &Rules) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match rules.languages.of_name(&stem) {
        Some((name, _)) => name.to_string(),
        None => stem,
    }
}

/// The report's line for each language left out, with its page count.
fn note_other_languages(root: &Path, content: &Path, languages: &Languages, report: &mut Report) {
    let Some(chosen) = &languages.chosen else { return };
    for (language, dir) in &languages.others {
        let mut pages = BTreeSet::new();
        for folder in std::iter::once(content).chain(dir.as_deref()) {
            for file in site::files_under(folder) {
                let stem = file
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let by_name = languages.of_name(&stem).is_some_and(|(_, l)| l == language);
                let in_dir = dir.as_ref().is_some_and(|d| file.starts_with(d));
                let is_md = file.extension().is_some_and(|e| e == "md" || e == "markdown");
                if is_md && (by_name || in_dir) {
                    pages.insert(site::relative(root, &file));
                }
            }
        }
        report.notes.push(messages::language_left_out(
            language,
            chosen,
            &pages.into_iter().collect::<Vec<_>>(),
        ));
    }
}

/// The URL Hugo gives a page: `[permalinks]` of its section, else its
/// folder and file (or slug) name.
fn page_url(
    dir: &str,
    name: &str,
    slug: Option<&str>,
    title: Option<&str>,
    date: Option<&str>,
    rules: &Rules,
) -> String {
    let section = dir.split('/').next().unwrap_or("");
    let pattern = rules
        .permalinks
        .get("page")
        .and_then(|p| p.get(section))
        .or_else(|| rules.permalinks.get(section))
        .and_then(Value::as_str);
    let Some(pattern) = pattern else {
        let leaf = slug.unwrap_or(name);
        let path = if dir.is_empty() {
            format!("/{leaf}/")
        } else {
            format!("/{dir}/{leaf}/")
        };
        let path = hugo_path(&path, rules.lower);
        return if rules.ugly {
            format!("{}.html", path.trim_end_matches('/'))
        } else {
            path
        };
    };
    let date = date.and_then(|d| d.get(..10)).unwrap_or("0001-01-01");
    let title_slug = urlize(title.unwrap_or(name));
    let expanded = urls::expand(pattern, |token| {
        Some(match token {
            "year" => date[..4].to_string(),
            "month" => date[5..7].to_string(),
            "day" => date[8..10].to_string(),
            "section" => section.to_string(),
            "sections" => dir.to_string(),
            "title" => title_slug.clone(),
            "slug" => slug.map_or_else(|| title_slug.clone(), urlize),
            "filename" | "contentbasename" => name.to_string(),
            "slugorfilename" | "slugorcontentbasename" => {
                slug.map_or_else(|| name.to_string(), str::to_string)
            }
            _ => return None,
        })
    });
    hugo_path(&expanded, rules.lower)
}

/// The URL Hugo gives a term's page: `[permalinks.term]` or
/// `[permalinks]` of its taxonomy (`/tag/:slug/`), else `/tags/<term>/`.
fn term_url(taxonomy: &str, term: &str, rules: &Rules) -> String {
    let taxonomy = rules.renamed.get(taxonomy).map_or(taxonomy, String::as_str);
    let pattern = rules
        .permalinks
        .get("term")
        .and_then(|p| p.get(taxonomy))
        .or_else(|| rules.permalinks.get(taxonomy))
        .and_then(Value::as_str);
    let name = hugo_path(term.trim(), rules.lower).replace('/', "");
    match pattern {
        Some(pattern) => {
            let expanded = urls::expand(pattern, |token| {
                matches!(token, "slug" | "title" | "filename" | "contentbasename").then(|| name.clone())
            });
            hugo_path(&expanded, rules.lower)
        }
        None => hugo_path(&urls::folder_path([taxonomy, &name]), rules.lower),
    }
}

/// Hugo's path sanitising: spaces become `-`, characters outside letters,
/// digits and `./_-#+~%` go; lower-cased unless `disablePathToLower`.
fn hugo_path(path: &str, lower: bool) -> String {
    let clean: String = path
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || "./_-#+~%".contains(c) || c == '/' => Some(c),
            _ => None,
        })
        .collect();
    if lower { clean.to_lowercase() } else { clean }
}

fn urlize(text: &str) -> String {
    hugo_path(text.trim(), true).replace('/', "")
}

fn parent_of(url: &str) -> String {
    let trimmed = url.trim_end_matches('/');
    trimmed
        .rsplit_once('/')
        .map_or("/".into(), |(p, _)| format!("{p}/"))
}

fn dir_and_name(content_rel: &str) -> (String, String) {
    let stem = content_rel.trim_end_matches(".md");
    let stem = stem
        .strip_suffix("/index")
        .or_else(|| stem.strip_suffix("/_index"))
        .unwrap_or(stem);
    let stem = if stem == "_index" { "" } else { stem };
    if content_rel.ends_with("_index.md") {
        return (stem.to_string(), String::new());
    }
    match stem.rsplit_once('/') {
        Some((dir, name)) => (dir.to_string(), name.to_string()),
        None => (String::new(), stem.to_string()),
    }
}

/// Hugo titles a section without `_index.md` by its folder name.
fn title_case(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => name.to_string(),
    }
}

/// Top-level folders with pages: Hugo lists each as a section.
fn implied_sections(entries: &[Entry], lower: bool) -> Vec<ImpliedSection> {
    let folders: BTreeSet<&str> = entries
        .iter()
        .filter(|e| !e.is_section())
        .filter_map(|e| e.content_rel.split_once('/').map(|(top, _)| top))
        .collect();
    folders
        .into_iter()
        .map(|f| ImpliedSection {
            folder: f.to_string(),
            title: title_case(f),
            old_urls: vec![hugo_path(&urls::folder_path([f]), lower)],
        })
        .collect()
}

/// Hugo's built-in shortcodes → Markdown; any other kept for review.
fn convert(entry: &Entry, index: &Index) -> Converted {
    let body = &entry.body;
    let mut out = Converted::default();
    let mut at = 0;
    while let Some(found) = next_shortcode(body, at) {
        out.body.push_str(&body[at..found.start]);
        at = found.end;
        if found.literal {
            out.body.push_str(
                &found
                    .text(body)
                    .replace("{{</*", "{{<")
                    .replace("*/>}}", ">}}")
                    .replace("{{%/*", "{{%")
                    .replace("*/%}}", "%}}"),
            );
            continue;
        }
        let call = &found.call;
        let closing = find_closing(body, at, &call.name);
        let closing_end = closing.as_ref().map(|(_, end)| *end);
        let replacement = match call.name.as_str() {
            "figure" => Some(figure(call)),
            "ref" | "relref" => call.arg(0, "path").and_then(|p| {
                let (path, anchor) = p
                    .split_once('#')
                    .map_or((p.as_str(), String::new()), |(p, a)| (p, format!("#{a}")));
                site::find_page(index, path).map(|rel| format!("@/{rel}{anchor}"))
            }),
            "highlight" => closing.map(|(inner, end)| {
                at = end;
                body::code_block(&call.arg(0, "lang").unwrap_or_default(), &body[inner])
            }),
            "youtube" | "vimeo" | "bilibili" | "gist" => embed(call).inspect(|_| {
                out.review
                    .push((found.start, messages::embed_as_link(&call.name)));
            }),
            _ => None,
        };
        match replacement {
            Some(text) => out.body.push_str(&text),
            None => {
                let end = match closing_end {
                    Some(end) if call.name != "highlight" => end,
                    _ => found.end,
                };
                out.body.push_str(&body::review_block(&body[found.start..end]));
                out.review.push((
                    found.start,
                    messages::unknown_shortcode("Hugo 短代码", &call.name),
                ));
                at = end;
            }
        }
    }
    out.body.push_str(&body[at..]);
    out
}

/// A shortcode call: `{{< name "pos" key="value" >}}` or `{{% … %}}`.
#[derive(Debug, Default)]
struct Call {
    name: String,
    positional: Vec<String>,
    named: Vec<(String, String)>,
}

impl Call {
    /// The `index`th positional argument, else the named one.
    fn arg(&self, index: usize, name: &str) -> Option<String> {
        self.named
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .or_else(|| self.positional.get(index).cloned())
    }

    fn named(&self, name: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }
}

struct Found {
    start: usize,
    end: usize,
    literal: bool,
    call: Call,
}

impl Found {
    fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

/// The next opening shortcode at or after `from` (closing tags are found
/// by [`find_closing`]).
fn next_shortcode(body: &str, mut from: usize) -> Option<Found> {
    loop {
        let start = from + body[from..].find("{{")?;
        let rest = &body[start + 2..];
        let Some(delim) = rest.chars().next().filter(|c| *c == '<' || *c == '%') else {
            from = start + 2;
            continue;
        };
        let close = if delim == '<' { ">}}" } else { "%}}" };
        let Some(end) = rest.find(close).map(|i| start + 2 + i + close.len()) else {
            from = start + 2;
            continue;
        };
        let inner = body[start + 3..end - 3].trim();
        if inner.starts_with("/*") {
            return Some(Found {
                start,
                end,
                literal: true,
                call: Call::default(),
            });
        }
        if inner.starts_with('/') {
            from = end;
            continue;
        }
        return Some(Found {
            start,
            end,
            literal: false,
            call: parse_call(inner),
        });
    }
}

/// The inner range and end of `{{< /name >}}` after `from`, if the call is paired.
fn find_closing(body: &str, from: usize, name: &str) -> Option<(std::ops::Range<usize>, usize)> {
    let mut at = from;
    while let Some(start) = body[at..].find("{{").map(|i| at + i) {
        let rest = &body[start + 2..];
        let delim = rest.chars().next()?;
        if delim == '<' || delim == '%' {
            let close = if delim == '<' { ">}}" } else { "%}}" };
            if let Some(len) = rest.find(close) {
                let inner = rest[1..len].trim();
                if inner.strip_prefix('/').is_some_and(|n| n.trim() == name) {
                    return Some((from..start, start + 2 + len + close.len()));
                }
            }
        }
        at = start + 2;
    }
    None
}

fn parse_call(inner: &str) -> Call {
    let mut tokens = body::words(inner).into_iter();
    let mut call = Call {
        name: tokens.next().unwrap_or_default(),
        ..Call::default()
    };
    for token in tokens {
        match token.split_once('=') {
            Some((key, value))
                if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') =>
            {
                call.named.push((key.to_string(), body::unquote(value)));
            }
            _ => call.positional.push(body::unquote(&token)),
        }
    }
    call
}

/// `{{< figure src="a.jpg" alt="…" caption="…" link="…" >}}` → an image
/// (linked if it was), its caption in italics below.
fn figure(call: &Call) -> String {
    let src = call.arg(0, "src").unwrap_or_default();
    let caption = call.named("caption").map(strip_markdown_emphasis);
    let alt = call
        .named("alt")
        .or(call.named("title"))
        .map(str::to_string)
        .or_else(|| caption.clone())
        .unwrap_or_default();
    let title = call
        .named("title")
        .filter(|t| *t != alt)
        .map(|t| format!(" \"{}\"", t.replace('"', "'")))
        .unwrap_or_default();
    let image = format!("![{}]({src}{title})", alt.replace(['[', ']'], ""));
    let image = match call.named("link") {
        Some(link) => format!("[{image}]({link})"),
        None => image,
    };
    match caption.filter(|c| *c != alt) {
        Some(caption) => format!("{image}\n*{caption}*"),
        None => image,
    }
}

fn strip_markdown_emphasis(text: &str) -> String {
    text.trim_matches(['*', '_']).to_string()
}

/// Video and gist embeds as links (kepu has no video block yet).
fn embed(call: &Call) -> Option<String> {
    let id = call.arg(0, "id")?;
    let title = call.named("title");
    let (label, url) = match call.name.as_str() {
        "youtube" => ("YouTube 视频", format!("https://www.youtube.com/watch?v={id}")),
        "vimeo" => ("Vimeo 视频", format!("https://vimeo.com/{id}")),
        "bilibili" => ("哔哩哔哩视频", format!("https://www.bilibili.com/video/{id}/")),
        _ => {
            let gist = call.arg(1, "id")?;
            ("GitHub Gist", format!("https://gist.github.com/{id}/{gist}"))
        }
    };
    let text = title.map_or_else(|| label.to_string(), |t| format!("{label}：{t}"));
    Some(format!("[{text}]({url})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(lower: bool) -> Rules {
        Rules {
            permalinks: Map::new(),
            renamed: BTreeMap::new(),
            lower,
            ugly: false,
            languages: Languages::default(),
        }
    }

    #[test]
    fn default_paths_are_lower_cased_unless_disabled() {
        assert_eq!(
            page_url("posts", "Hello World", None, None, None, &rules(true)),
            "/posts/hello-world/"
        );
        assert_eq!(
            page_url("posts", "Hello World", None, None, None, &rules(false)),
            "/posts/Hello-World/"
        );
        assert_eq!(
            page_url("posts", "你好", Some("Ni-Hao"), None, None, &rules(true)),
            "/posts/ni-hao/"
        );
    }

    #[test]
    fn permalinks_patterns() {
        let mut r = rules(true);
        r.permalinks
            .insert("posts".into(), Value::from("/:year/:month/:slug/"));
        let url = page_url(
            "posts",
            "a",
            None,
            Some("Service Mesh 入门"),
            Some("2018-05-28T10:00:00+08:00"),
            &r,
        );
        assert_eq!(url, "/2018/05/service-mesh-入门/");
    }

    #[test]
    fn a_renamed_taxonomy_is_kepus_with_its_old_folder() {
        let config = serde_json::json!({"tag": "labels", "category": "categories", "series": "series"});
        let (kepu, others, renamed) = taxonomies(Some(&config));
        assert_eq!(kepu, ["tags", "categories"]);
        assert_eq!(others, ["series"]);
        assert_eq!(renamed["tags"], "labels");
        let mut r = rules(true);
        r.renamed = renamed;
        assert_eq!(term_url("tags", "Istio", &r), "/labels/istio/");
    }

    #[test]
    fn term_urls_lower_case_and_follow_taxonomy_permalinks() {
        let mut r = rules(true);
        assert_eq!(term_url("tags", "Service Mesh", &r), "/tags/service-mesh/");
        assert_eq!(term_url("tags", "健康", &r), "/tags/健康/");
        r.permalinks
            .insert("term".into(), serde_json::json!({"categories": "/cat/:slug/"}));
        r.permalinks.insert("tags".into(), Value::from("/tag/:slug/"));
        assert_eq!(term_url("categories", "Cloud Native", &r), "/cat/cloud-native/");
        assert_eq!(term_url("tags", "Istio", &r), "/tag/istio/");
        assert_eq!(term_url("tags", "Istio", &rules(false)), "/tags/Istio/");
    }

    #[test]
    fn languages_are_cased_as_bcp47() {
        assert_eq!(site::language(&["zh-cn".into()]), "zh-CN");
        assert_eq!(site::language(&["".into(), "zh-hans".into()]), "zh-hans");
        assert_eq!(site::language(&[]), "zh-CN");
    }

    #[test]
    fn shortcode_arguments() {
        let call = parse_call(r#"figure src="/img/a.png" caption="一张 图" class=big"#);
        assert_eq!(call.name, "figure");
        assert_eq!(call.named("caption"), Some("一张 图"));
        assert_eq!(call.named("class"), Some("big"));
        let call = parse_call(r#"highlight go "linenos=table""#);
        assert_eq!(call.positional, ["go", "linenos=table"]);
    }
}
