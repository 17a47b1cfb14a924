//! Zola: `config.toml`, `content/` with TOML front matter (`+++`),
//! sections (`_index.md`), page bundles and date-prefixed file names,
//! `static/`; URLs by Zola's paths (folders and names slugified as
//! `[slugify] paths` says, `slug`, `path`, `aliases`). Zola's `@/` links
//! are kepu's already; its shortcodes are theme-made, so the common video
//! ones become links and the rest is kept for review.

use super::body::{self, Index};
use super::front_matter::{self, scalar_text};
use super::messages;
use super::pagers::Pagination;
use super::report::Report;
use super::site::{self, Converted, Entry, NewConfig, OldSite};
use super::urls;
use crate::error::{Error, Result};
use crate::slug::{Slugify, url_segment};
use serde_json::{Map, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub fn read(root: &Path, report: &mut Report) -> Result<OldSite> {
    let file = root.join("config.toml");
    if !file.is_file() {
        return Err(Error::Output(messages::no_config(
            root.display(),
            "Zola",
            "config.toml",
        )));
    }
    let text =
        std::fs::read_to_string(&file).map_err(|e| Error::Output(messages::unreadable(file.display(), e)))?;
    let config = front_matter::config_document(&text, "toml")
        .map_err(|why| Error::Output(messages::bad_config(file.display(), why)))?;
    let get = |key: &str| config.get(key).map(scalar_text).unwrap_or_default();
    let base_url = get("base_url");
    let mut new = NewConfig::new(
        get("title"),
        site::placeholder_base(&base_url, report),
        site::language(&[get("default_language")]),
    );
    new.description = get("description");
    let extra = config
        .get("extra")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    new.author = extra.get("author").map(scalar_text).unwrap_or_default();
    let names: Vec<String> = config
        .get("taxonomies")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .filter_map(|t| t.get("name"))
                .map(scalar_text)
                .collect()
        })
        .unwrap_or_default();
    new.taxonomies = ["tags", "categories"]
        .iter()
        .filter(|k| names.iter().any(|n| n == *k))
        .map(|k| k.to_string())
        .collect();
    let others: Vec<String> = names
        .into_iter()
        .filter(|n| n != "tags" && n != "categories")
        .collect();
    new.set_menu(menu(&extra, report));
    // Zola reads a date without an offset as UTC.
    report.notes.push(messages::zola_time_zone());
    let zone = jiff::tz::TimeZone::UTC;
    let slugify_mode = |of: &str| {
        config
            .get("slugify")
            .and_then(|s| s.get(of))
            .map(scalar_text)
            .unwrap_or_else(|| "on".into())
    };
    let slugify = Slugs {
        paths: slugify_mode("paths"),
        taxonomies: slugify_mode("taxonomies"),
    };
    let content = root.join("content");
    let (entries, content_files) = read_content(root, &content, &slugify, report);
    Ok(OldSite {
        config: new,
        entries,
        static_dirs: vec![root.join("static")]
            .into_iter()
            .filter(|d| d.is_dir())
            .collect(),
        source_root: root.to_path_buf(),
        old_base: (!base_url.is_empty()).then_some(base_url),
        zone,
        other_taxonomies: others,
        implied_sections: Vec::new(),
        content_files,
        not_static: Vec::new(),
        convert,
        // Zola paginates only the sections that ask (`paginate_by`).
        pagination: Pagination::new(0, "page", false),
    })
}

/// The theme's menu in `[extra]`: the first list of `{name, url}` tables
/// (`menu`, `main_menu`, `menu_items`…), children (`sub_items`, `children`)
/// after their parent; `$BASE_URL` stands for the site's root.
fn menu(extra: &Map<String, Value>, report: &mut Report) -> Vec<(String, String)> {
    let is_item = |v: &Value| {
        v.get("url").or_else(|| v.get("path")).is_some() && v.get("name").or_else(|| v.get("title")).is_some()
    };
    let Some(items) = extra
        .values()
        .filter_map(Value::as_array)
        .find(|list| !list.is_empty() && list.iter().all(is_item))
    else {
        return Vec::new();
    };
    let entry = |v: &Value| {
        let name = v
            .get("name")
            .or_else(|| v.get("title"))
            .map(scalar_text)
            .unwrap_or_default();
        let url = v
            .get("url")
            .or_else(|| v.get("path"))
            .map(scalar_text)
            .unwrap_or_default();
        let url = url.replace("$BASE_URL", "");
        let url = if url.is_empty() { "/".to_string() } else { url };
        (name, url)
    };
    let mut out = Vec::new();
    let mut children = 0;
    for item in items {
        out.push(entry(item));
        for child in ["sub_items", "children", "items"]
            .iter()
            .filter_map(|k| item.get(*k)?.as_array())
            .flatten()
        {
            out.push(entry(child));
            children += 1;
        }
    }
    if children > 0 {
        report.notes.push(messages::menu_flattened(children));
    }
    out
}

fn read_content(
    root: &Path,
    content: &Path,
    slugify: &Slugs,
    report: &mut Report,
) -> (Vec<Entry>, Vec<(PathBuf, String)>) {
    let files = site::files_under(content);
    let is_md = |f: &Path| f.extension().is_some_and(|e| e == "md");
    let bundles: BTreeSet<PathBuf> = files
        .iter()
        .filter(|f| is_md(f) && f.file_name().is_some_and(|n| n == "index.md"))
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect();
    let in_bundle = |f: &Path| bundles.iter().any(|b| f.starts_with(b));
    let mut entries = Vec::new();
    let mut loose = Vec::new();
    for file in &files {
        let is_bundle_page = file.file_name().is_some_and(|n| n == "index.md")
            && file.parent().is_some_and(|p| bundles.contains(p));
        if is_bundle_page || is_md(file) && !in_bundle(file) {
            let assets = if is_bundle_page {
                let dir = file.parent().unwrap_or(content);
                site::bundle_assets(dir, file, &files, content, root, report)
            } else {
                Vec::new()
            };
            entries.extend(entry(root, content, file, assets, slugify, report));
        } else if !in_bundle(file) {
            loose.push((file.clone(), site::relative(content, file)));
        }
    }
    site::sort_entries(&mut entries);
    (entries, loose)
}

fn entry(
    root: &Path,
    content: &Path,
    file: &Path,
    assets: Vec<(PathBuf, String)>,
    slugify: &Slugs,
    report: &mut Report,
) -> Option<Entry> {
    let rel_source = site::relative(root, file);
    let content_rel = site::relative(content, file);
    let split = site::read_entry_text(file, &rel_source, false, report)?;
    let mut fields = split.fields;
    let is_section = content_rel.ends_with("_index.md");
    let (dir, file_name) = match content_rel.rsplit_once('/') {
        Some((dir, name)) => (dir.to_string(), name.to_string()),
        None => (String::new(), content_rel.clone()),
    };
    let (folders, name) = if file_name == "index.md" {
        match dir.rsplit_once('/') {
            Some((parent, bundle)) => (parent.to_string(), bundle.to_string()),
            None => (String::new(), dir.clone()),
        }
    } else {
        (dir.clone(), file_name.trim_end_matches(".md").to_string())
    };
    let section_slugs: Vec<String> = folders.split('/').map(|s| zola_slug(s, &slugify.paths)).collect();
    let (date, name) = date_prefix(&name);
    if let Some(date) = date.filter(|_| !fields.contains_key("date")) {
        fields.insert("date".into(), Value::from(date));
    }
    let slug = site::take(&mut fields, "slug")
        .map(|v| scalar_text(&v))
        .filter(|s| !s.is_empty());
    let path = site::take(&mut fields, "path")
        .map(|v| scalar_text(&v))
        .filter(|p| !p.is_empty());
    let aliases = site::take(&mut fields, "aliases")
        .map(|v| site::string_list(&v))
        .unwrap_or_default();
    let redirect_to = site::take(&mut fields, "redirect_to")
        .map(|v| scalar_text(&v))
        .filter(|r| !r.trim().is_empty());
    let old_url = match (path, is_section) {
        (Some(path), false) => format!("/{}/", path.trim_matches('/')),
        (_, true) => urls::folder_path(dir.split('/').map(|s| zola_slug(s, &slugify.paths))),
        _ => urls::folder_path(
            section_slugs
                .iter()
                .cloned()
                .chain([zola_slug(slug.as_deref().unwrap_or(name), &slugify.paths)]),
        ),
    };
    let fallback_title = if is_section {
        dir.rsplit('/').next().unwrap_or(&dir).to_string()
    } else {
        name.to_string()
    };
    let old_terms = site::old_terms(&fields, false, |taxonomy, path| {
        urls::folder_path([
            taxonomy.to_string(),
            zola_slug(&path.join("/"), &slugify.taxonomies),
        ])
    });
    Some(Entry {
        source: file.to_path_buf(),
        rel_source,
        content_rel,
        fields,
        body: split.body,
        body_line: split.body_line,
        old_url,
        // The date-prefixed name is only a date and a slug to Zola.
        old_slug: slug
            .or_else(|| (name != file_name.trim_end_matches(".md") && !is_section).then(|| name.to_string())),
        aliases,
        assets,
        old_terms,
        redirect_to,
        fallback_title,
    })
}

/// `2024-01-05-name` or `2024-01-05_name` (or with a `T10:00:00` time) →
/// the date and the rest, which Zola uses as the slug.
fn date_prefix(name: &str) -> (Option<String>, &str) {
    let bytes = name.as_bytes();
    let is_date = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !is_date {
        return (None, name);
    }
    let mut end = 10;
    if bytes.get(10) == Some(&b'T')
        && bytes.len() > 19
        && bytes[11..19].iter().enumerate().all(|(i, b)| {
            if i == 2 || i == 5 {
                *b == b':'
            } else {
                b.is_ascii_digit()
            }
        })
    {
        end = 19;
    }
    match bytes.get(end) {
        Some(b'-' | b'_') if bytes.len() > end + 1 => (Some(name[..end].to_string()), &name[end + 1..]),
        _ => (None, name),
    }
}

/// Zola's `[slugify]` modes of paths and of term names.
struct Slugs {
    paths: String,
    taxonomies: String,
}

/// A name as Zola's `[slugify] paths` makes it: `on` transliterates to
/// ASCII (kepu's pinyin spells Chinese the same way), `safe` keeps letters
/// of any script, `off` keeps the name.
fn zola_slug(name: &str, mode: &str) -> String {
    match mode {
        "off" => name.to_string(),
        "safe" => url_segment(name, Slugify::Safe),
        _ => url_segment(name, Slugify::Pinyin),
    }
}

/// Zola's shortcodes (`{{ name(k=v) }}`, `{% name(k=v) %}…{% end %}`)
/// outside code: videos and gists become links, others are kept for review.
fn convert(entry: &Entry, _: &Index) -> Converted {
    let body = &entry.body;
    let code = body::Code::of(body);
    let mut out = Converted::default();
    let mut at = 0;
    let mut from = 0;
    while let Some(start) = code.next_outside(from, |from| find_call(body, from)) {
        from = start + 2;
        let Some(Call { name, args, mut end }) = parse_call(body, start) else {
            continue;
        };
        if body[start..].starts_with("{%") {
            end = body[end..]
                .find("{% end %}")
                .map_or(end, |i| end + i + "{% end %}".len());
        }
        out.body.push_str(&body[at..start]);
        let arg = |key: &str| args.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        let link = match name.as_str() {
            "youtube" => arg("id").map(|id| format!("[YouTube 视频](https://www.youtube.com/watch?v={id})")),
            "vimeo" => arg("id").map(|id| format!("[Vimeo 视频](https://vimeo.com/{id})")),
            "bilibili" => arg("id")
                .or_else(|| arg("bvid"))
                .map(|id| format!("[哔哩哔哩视频](https://www.bilibili.com/video/{id}/)")),
            "gist" => arg("url").map(|url| format!("[GitHub Gist]({url})")),
            _ => None,
        };
        match link {
            Some(link) => {
                out.review.push((start, messages::embed_as_link(&name)));
                out.body.push_str(&link);
            }
            None => {
                out.review
                    .push((start, messages::unknown_shortcode("Zola 短代码", &name)));
                out.body.push_str(&body::review_block(&body[start..end]));
            }
        }
        at = end;
        from = end;
    }
    out.body.push_str(&body[at..]);
    out
}

/// The next `{{ name(` or `{% name(` at or after `from`.
fn find_call(body: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        let start = at + body[at..].find(['{'])?;
        let rest = &body[start..];
        if (rest.starts_with("{{") || rest.starts_with("{%")) && parse_call(body, start).is_some() {
            return Some(start);
        }
        at = start + 1;
    }
}

/// A shortcode call: its name, its `key=value` arguments and where it ends.
struct Call {
    name: String,
    args: Vec<(String, String)>,
    end: usize,
}

/// `{{ name(key="v", n=3) }}` at `start`.
fn parse_call(body: &str, start: usize) -> Option<Call> {
    let close = if body[start..].starts_with("{{") {
        "}}"
    } else {
        "%}"
    };
    let line_end = body[start..].find('\n').map_or(body.len(), |i| start + i);
    let end = start + body[start..line_end].find(close)? + 2;
    let inner = body[start + 2..end - 2].trim();
    let open = inner.find('(')?;
    let name = inner[..open].trim();
    if name.is_empty()
        || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        || !inner.ends_with(')')
    {
        return None;
    }
    let args = split_args(&inner[open + 1..inner.len() - 1])
        .into_iter()
        .filter_map(|a| {
            a.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), body::unquote(v)))
        })
        .collect();
    Some(Call {
        name: name.to_string(),
        args,
        end,
    })
}

/// Arguments separated by commas outside quotes.
fn split_args(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    for c in text.chars() {
        match (quote, c) {
            (None, '"' | '\'' | '`') => {
                quote = Some(c);
                current.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                current.push(c);
            }
            (None, ',') => out.push(std::mem::take(&mut current)),
            (_, c) => current.push(c),
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefixes_give_date_and_slug() {
        assert_eq!(
            date_prefix("2024-01-05-first-post"),
            (Some("2024-01-05".into()), "first-post")
        );
        assert_eq!(
            date_prefix("2024-01-05T10:30:00_早安"),
            (Some("2024-01-05T10:30:00".into()), "早安")
        );
        assert_eq!(date_prefix("2024-notes"), (None, "2024-notes"));
    }

    #[test]
    fn slugify_modes() {
        assert_eq!(zola_slug("科普 活动", "on"), "ke-pu-huo-dong");
        assert_eq!(zola_slug("科普 活动", "safe"), "科普-活动");
        assert_eq!(zola_slug("科普 活动", "off"), "科普 活动");
    }

    #[test]
    fn shortcode_calls_and_arguments() {
        let body = r#"看 {{ youtube(id="abc", autoplay=true) }} 吧"#;
        let start = find_call(body, 0).unwrap();
        let call = parse_call(body, start).unwrap();
        assert_eq!(call.name, "youtube");
        assert_eq!(call.args[0], ("id".to_string(), "abc".to_string()));
        assert_eq!(&body[call.end..], " 吧");
        assert_eq!(find_call("{{ not a call }}", 0), None);
    }
}
