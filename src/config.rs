//! Site configuration: `kepu.yaml` parsed strictly (unknown keys and wrong
//! types are errors), then resolved into a [`Config`] with validated values and
//! the folders of the site.

use crate::error::{Diagnostic, Result, io_error};
use crate::slug::Slugify;
use crate::text::count::ReadingSpeed;
use serde::{Deserialize, Serialize};
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
    extra: serde_json::Map<String, serde_json::Value>,
    #[serde(default)]
    slugify: Slugify,
    #[serde(default)]
    cjk_spacing: bool,
    #[serde(default)]
    reading_speed: ReadingSpeed,
    #[serde(default = "default_true")]
    search: bool,
}

fn default_true() -> bool {
    true
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

/// What the command line can override.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub base_url: Option<String>,
}

/// The validated configuration, as templates see it (`config.*`), plus the
/// site's folders (not serialised).
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`.
    pub base_url: String,
    pub language: String,
    pub theme: String,
    pub description: String,
    pub author: String,
    pub taxonomies: Vec<String>,
    pub paginate_by: usize,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// How file and folder names become URL segments.
    pub slugify: Slugify,
    /// Spaces between Chinese and Latin text in the rendered HTML.
    pub cjk_spacing: bool,
    pub reading_speed: ReadingSpeed,
    /// Write the search index and the `/search/` page.
    pub search: bool,
    #[serde(skip)]
    pub root: PathBuf,
}

impl Config {
    /// Reads and validates `ROOT/kepu.yaml`.
    pub fn load(root: &Path, overrides: &Overrides) -> Result<Config> {
        let file = root.join(CONFIG_FILE);
        let text = std::fs::read_to_string(&file).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Diagnostic::new(&file, "no site configuration found")
                    .hint("run kepu in a site folder, pass --root DIR, or create one with `kepu init DIR`")
                    .into()
            } else {
                io_error(&file)(e)
            }
        })?;
        Config::parse(&text, &file, root, overrides)
    }

    pub fn parse(text: &str, file: &Path, root: &Path, overrides: &Overrides) -> Result<Config> {
        let raw: RawConfig = crate::yaml::parse(text, file, 1)?;
        let base_url = overrides.base_url.clone().unwrap_or(raw.base_url);
        let base_url = validate_base_url(&base_url)
            .map_err(|hint| Diagnostic::new(file, format!("invalid base_url `{base_url}`")).hint(hint))?;
        if raw.reading_speed.cjk == 0 || raw.reading_speed.latin == 0 {
            return Err(Diagnostic::new(file, "reading_speed must be above 0")
                .at(line_of(text, "reading_speed"), None)
                .hint("the defaults are `reading_speed: {cjk: 400, latin: 200}` (characters and words per minute)")
                .into());
        }
        Ok(Config {
            title: raw.title,
            base_url,
            language: raw.language,
            theme: raw.theme,
            description: raw.description,
            author: raw.author,
            taxonomies: raw.taxonomies,
            paginate_by: raw.paginate_by,
            extra: raw.extra,
            slugify: raw.slugify,
            cjk_spacing: raw.cjk_spacing,
            reading_speed: raw.reading_speed,
            search: raw.search,
            root: root.to_path_buf(),
        })
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
}

/// The 1-based line on which `key:` is written (1 when it is not found).
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| line.trim_start().starts_with(&format!("{key}:")))
        .map_or(1, |i| i + 1)
}

/// `http(s)://host[/path]`, returned with a trailing slash.
fn validate_base_url(url: &str) -> std::result::Result<String, &'static str> {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err("write a full address such as https://example.org/ or https://example.org/kexie/");
    };
    if scheme != "http" && scheme != "https" {
        return Err("base_url must start with http:// or https://");
    }
    if rest.is_empty() || rest.starts_with('/') || rest.contains(char::is_whitespace) {
        return Err("base_url needs a host name and no spaces, e.g. https://example.org/");
    }
    if url.contains(['?', '#']) {
        return Err("base_url cannot have a query (?) or fragment (#)");
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
    fn bad_base_url_is_explained() {
        let err = parse("title: a\nbase_url: example.org\n").unwrap_err();
        assert!(err.to_string().contains("invalid base_url"));
    }
}
