//! `kepu check`: every stage of a build but the writing, going on past each
//! problem so that one run reports all of them: config, front matter,
//! internal links and anchors, images and files the Markdown refers to,
//! alt text, URL clashes, templates compiling and every page rendering (in
//! memory, then discarded). What a build only warns about is a problem here
//! too: [`CheckReport::is_clean`] decides the exit code.

use crate::error::Diagnostic;
use crate::pipeline::{self, BuildOptions};
use crate::templates::theme::Theme;
use crate::{config, dates, model, references, render, source};
use serde_json::{Value, json};
use std::path::Path;

/// Version of the `--format json` schema (see the README); bumped on any
/// change that could break a reader.
pub const JSON_VERSION: u32 = 1;

/// Everything `kepu check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// What makes a build fail.
    pub errors: Vec<Diagnostic>,
    /// What a build prints as a warning.
    pub warnings: Vec<Diagnostic>,
    pub pages: usize,
    pub sections: usize,
}

impl CheckReport {
    pub fn is_clean(&self) -> bool {
        self.errors.is_empty() && self.warnings.is_empty()
    }

    /// The report as the `--format json` document; file paths are relative
    /// to `root` where they are inside it.
    pub fn to_json(&self, root: &Path) -> Value {
        let entries = |severity: &str, all: &[Diagnostic]| -> Vec<Value> {
            all.iter().map(|d| diagnostic_json(severity, d, root)).collect()
        };
        let mut problems = entries("error", &self.errors);
        problems.extend(entries("warning", &self.warnings));
        json!({
            "version": JSON_VERSION,
            "root": std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()),
            "ok": self.is_clean(),
            "pages": self.pages,
            "sections": self.sections,
            "errors": self.errors.len(),
            "warnings": self.warnings.len(),
            "problems": problems,
        })
    }
}

fn diagnostic_json(severity: &str, d: &Diagnostic, root: &Path) -> Value {
    let file = d.file.strip_prefix(root).unwrap_or(&d.file);
    json!({
        "severity": severity,
        "file": crate::files::relative(Path::new(""), file),
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "hint": d.hint,
    })
}

/// Checks the site of `options` (its output folder is not looked at).
pub fn check(options: &BuildOptions) -> CheckReport {
    let mut report = CheckReport::default();
    let overrides = config::Overrides {
        base_url: options.base_url.clone(),
    };
    let config = match config::Config::load(&options.root, &overrides) {
        Ok(config) => config,
        Err(err) => {
            report.errors = err.into_diagnostics();
            return report;
        }
    };
    let theme = Theme::load(&config)
        .map_err(|err| report.errors.extend(err.into_diagnostics()))
        .ok();
    let (content, problems) = source::load_all(&config.content_dir());
    report.errors.extend(problems);
    let visibility = model::Visibility {
        drafts: options.drafts,
        future: options.future,
        now: dates::now().timestamp(),
    };
    let (mut site, problems) = model::Site::build_all(config, content, visibility);
    report.errors.extend(problems);
    // Without a theme there are no shortcodes to expand: Markdown is skipped.
    if let Some(theme) = &theme {
        report.errors.extend(pipeline::prepare(&mut site, theme));
    }
    let outputs = theme
        .as_ref()
        .map(|theme| render_in_memory(&site, theme, &mut report));
    let output_paths: Vec<String> = match outputs {
        Some(Some(outputs)) => outputs.iter().map(|o| o.path().to_string()).collect(),
        // Templates failed: judge links against what the site would contain.
        _ => planned_paths(&site, theme.as_ref()),
    };
    report.warnings = site.all_warnings().cloned().collect();
    report
        .warnings
        .extend(references::check(&site, output_paths.iter().map(String::as_str)));
    report.pages = site.pages.len();
    report.sections = site.sections.len();
    report
}

/// Compiles the templates and renders every page; the outputs are dropped
/// by the caller once their paths are checked.
fn render_in_memory(
    site: &model::Site,
    theme: &Theme,
    report: &mut CheckReport,
) -> Option<Vec<crate::files::Output>> {
    let rendered = render::Renderer::new(site, theme)
        .and_then(|renderer| renderer.render_all(&render::RenderOptions::default()));
    rendered
        .map_err(|err| report.errors.extend(err.into_diagnostics()))
        .ok()
}

/// The output paths of the site's pages, sections and files, for when
/// rendering failed.
fn planned_paths(site: &model::Site, theme: Option<&Theme>) -> Vec<String> {
    let pages = site.pages.iter().map(|p| p.path.as_str());
    let sections = site.sections.iter().map(|s| s.path.as_str());
    let files = site
        .assets
        .iter()
        .chain(theme.into_iter().flat_map(|t| &t.static_files))
        .map(|f| f.dest.clone());
    pages
        .chain(sections)
        .map(|path| format!("{}index.html", path.trim_start_matches('/')))
        .chain(files)
        .collect()
}
