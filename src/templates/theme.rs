//! Theme loading (I/O, before rendering): templates of the theme overlaid by
//! the site's own `templates/`, and static files of the theme overlaid by the
//! site's `static/`.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::files;
use crate::files::CopiedFile;
use crate::messages::msg;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The template of the WeChat edition: a theme that has it gets its
/// stylesheet read for inlining.
pub const WECHAT_TEMPLATE: &str = "wechat.html";

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
    pub wechat_stylesheet: Option<StaticText>,
}

/// A static file whose text the build also reads, so that an edit to it
/// changes other outputs besides its copy.
#[derive(Debug, Clone)]
pub struct StaticText {
    pub file: PathBuf,
    pub text: String,
}

impl Theme {
    pub fn load(config: &Config) -> Result<Theme> {
        let theme_dir = config.theme_dir();
        let site_templates = config.root.join("templates");
        if !theme_dir.is_dir() && !site_templates.is_dir() {
            return Err(config
                .error_at(
                    "theme",
                    msg!(
                        "theme-not-found",
                        theme = config.theme.as_str(),
                        folder = theme_dir.display().to_string()
                    ),
                )
                .hint(msg!("theme-not-found-hint"))
                .into());
        }
        let mut problems = Vec::new();
        let mut found = |dirs: [PathBuf; 2]| {
            // Later folders override earlier ones file by file.
            let mut files = BTreeMap::new();
            for dir in dirs {
                let (found, mut unreadable) = files::walk(&dir, &config.root);
                files.extend(found.into_iter().map(|f| (f.rel_path, f.file)));
                problems.append(&mut unreadable);
            }
            files
        };
        let template_files = found([theme_dir.join("templates"), site_templates]);
        let static_files: Vec<CopiedFile> = found([theme_dir.join("static"), config.root.join("static")])
            .into_iter()
            .map(|(dest, file)| CopiedFile {
                dest,
                file,
                page: None,
            })
            .collect();
        let mut templates = Vec::with_capacity(template_files.len());
        for (name, file) in template_files {
            match files::read_text(&file) {
                Ok(source) => templates.push(TemplateSource { name, source, file }),
                Err(problem) => problems.push(problem),
            }
        }
        if !problems.is_empty() {
            return Err(Error::from_diagnostics(problems));
        }
        let makes_wechat = config.outputs.wechat && templates.iter().any(|t| t.name == WECHAT_TEMPLATE);
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

    /// The source of a template, for pointing at its lines.
    pub fn source_of(&self, name: &str) -> Option<&str> {
        self.templates
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.source.as_str())
    }

    /// The names of all templates, for hints.
    pub fn names(&self) -> Vec<&str> {
        self.templates.iter().map(|t| t.name.as_str()).collect()
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
fn read_wechat_stylesheet(config: &Config, static_files: &[CopiedFile]) -> Result<StaticText> {
    let name = &config.wechat.stylesheet;
    let Some(file) = static_files
        .iter()
        .find(|f| f.dest == name.trim_start_matches('/'))
    else {
        return Err(config
            .error_at("wechat", msg!("wechat-stylesheet-missing", name = name.as_str()))
            .hint(msg!(
                "wechat-stylesheet-missing-hint",
                theme = config.theme.as_str()
            ))
            .into());
    };
    Ok(StaticText {
        file: file.file.clone(),
        text: files::read_text(&file.file)?,
    })
}
