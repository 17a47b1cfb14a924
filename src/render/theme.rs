//! Theme loading (I/O, before rendering): templates of the theme overlaid by
//! the site's own `templates/`, and static files of the theme overlaid by the
//! site's `static/`.

use crate::config::Config;
use crate::error::{Diagnostic, Result};
use crate::model::CopiedFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A template's name (`page.html`, `partials/nav.html`), source and file.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub name: String,
    pub source: String,
    pub file: PathBuf,
}

#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    pub static_files: Vec<CopiedFile>,
    /// The stylesheet inlined into the WeChat edition, when it is made.
    pub wechat_stylesheet: Option<String>,
}

impl Theme {
    pub fn load(config: &Config) -> Result<Theme> {
        let theme_dir = config.theme_dir();
        let site_templates = config.root.join("templates");
        if !theme_dir.is_dir() && !site_templates.is_dir() {
            return Err(Diagnostic::new(
                config.root.join(crate::config::CONFIG_FILE),
                format!("theme `{}` not found at {}", config.theme, theme_dir.display()),
            )
            .hint("set `theme:` to a folder under themes/, or add a templates/ folder to the site")
            .into());
        }
        let mut templates = BTreeMap::new();
        for dir in [theme_dir.join("templates"), site_templates] {
            for (name, file) in files_under(&dir) {
                templates.insert(name, file);
            }
        }
        let templates = templates
            .into_iter()
            .map(|(name, file)| {
                let source = crate::source::read_text(&file)?;
                Ok(TemplateSource { name, source, file })
            })
            .collect::<std::result::Result<Vec<_>, Diagnostic>>()?;
        let mut statics = BTreeMap::new();
        for dir in [theme_dir.join("static"), config.root.join("static")] {
            for (dest, file) in files_under(&dir) {
                statics.insert(dest, file);
            }
        }
        let static_files: Vec<CopiedFile> = statics
            .into_iter()
            .map(|(dest, file)| CopiedFile {
                dest,
                file,
                page: None,
            })
            .collect();
        let makes_wechat = config.outputs.wechat
            && templates
                .iter()
                .any(|t| t.name == super::editions::WECHAT_TEMPLATE);
        let wechat_stylesheet = if makes_wechat {
            Some(read_wechat_stylesheet(config, &static_files)?)
        } else {
            None
        };
        Ok(Theme {
            templates,
            static_files,
            wechat_stylesheet,
        })
    }

    /// The file a template name came from, for error messages.
    pub fn file_of(&self, name: &str) -> Option<&Path> {
        self.templates
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.file.as_path())
    }
}

/// The text of `wechat.stylesheet`, a static file of the theme or the site.
fn read_wechat_stylesheet(config: &Config, static_files: &[CopiedFile]) -> Result<String> {
    let name = &config.wechat.stylesheet;
    let Some(file) = static_files
        .iter()
        .find(|f| f.dest == name.trim_start_matches('/'))
    else {
        return Err(config
            .error_at(
                "wechat",
                format!("wechat.stylesheet `{name}` is not a static file of the theme or the site"),
            )
            .hint(format!(
                "name a CSS file under static/ or themes/{}/static/, e.g. `wechat: {{stylesheet: css/style.css}}`, \
                 or switch the edition off with `outputs: {{wechat: false}}`",
                config.theme
            ))
            .into());
    };
    Ok(crate::source::read_text(&file.file)?)
}

/// Files below `dir` as (`/`-separated relative path, file), skipping
/// hidden files and editor leftovers. A missing folder has no files.
fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !crate::source::is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| (crate::source::relative(dir, e.path()), e.path().to_path_buf()))
        .collect()
}
