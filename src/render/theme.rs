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
        let static_files = statics
            .into_iter()
            .map(|(dest, file)| CopiedFile {
                dest,
                file,
                page: None,
            })
            .collect();
        Ok(Theme {
            templates,
            static_files,
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
