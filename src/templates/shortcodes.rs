//! The shortcode templates (`templates/shortcodes/NAME.html`; the site's
//! override the theme's), compiled once for the Markdown stage. Rendering
//! one is pure: a name and a context in, HTML out.

use super::theme::Theme;
use crate::error::{Diagnostic, Result};
use std::path::Path;
use tera::{Context, Tera};

const DIR: &str = "shortcodes/";
const EXT: &str = ".html";

pub struct ShortcodeTemplates<'t> {
    tera: Tera,
    theme: &'t Theme,
    /// Names callable from Markdown (`stat` for `shortcodes/stat.html`);
    /// files starting with `_` are helpers (shared components), not shortcodes.
    names: Vec<String>,
}

impl<'t> ShortcodeTemplates<'t> {
    pub fn new(theme: &'t Theme) -> Result<Self> {
        let templates: Vec<_> = theme
            .templates
            .iter()
            .filter(|t| t.name.starts_with(DIR))
            .collect();
        let mut tera = super::new_tera(&[EXT], Default::default());
        tera.add_raw_templates(templates.iter().map(|t| (t.name.as_str(), t.source.as_str())))
            .map_err(|e| super::template_error(&e, theme, None))?;
        let names = templates
            .iter()
            .filter_map(|t| t.name.strip_prefix(DIR)?.strip_suffix(EXT))
            .filter(|name| !name.starts_with('_') && !name.contains('/'))
            .map(str::to_string)
            .collect();
        Ok(ShortcodeTemplates { tera, theme, names })
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn contains(&self, name: &str) -> bool {
        self.names.iter().any(|n| n == name)
    }

    /// Renders shortcode `name`; `rendering` is the content file, for errors.
    pub fn render(&self, name: &str, context: &Context, rendering: &Path) -> Result<String, Diagnostic> {
        self.tera
            .render(&format!("{DIR}{name}{EXT}"), context)
            .map_err(|e| super::template_diagnostic(&e, self.theme, Some(rendering)))
    }
}
