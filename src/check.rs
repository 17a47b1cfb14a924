//! `kepu check`: every stage of a build but the writing, going on past each
//! problem so that one run reports all of them: config, front matter,
//! internal links and anchors, images and files the Markdown refers to,
//! alt text, URL clashes, templates compiling and every page rendering (in
//! memory, then discarded). It runs the build's own pipeline
//! ([`pipeline::run`]) with the policy that collects every problem and a
//! sink that keeps nothing, so it checks exactly what a build would make.
//! What a build only warns about is a problem here too:
//! [`CheckReport::is_clean`] decides the exit code.

use crate::audit::AuditOptions;
use crate::error::{Diagnostic, Error};
use crate::files;
use crate::pipeline::{self, BuildOptions, Memory, Policy, Run, Sink};
use crate::source::SourceUpdate;
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
        "code": d.code.unwrap_or("other"),
        "file": files::relative(Path::new(""), file),
        "line": d.line,
        "column": d.column,
        "message": d.message,
        "hint": d.hint,
    })
}

/// Checks the site of `options` (its output folder is not looked at):
/// the build's pipeline, collecting every problem and writing nothing.
pub fn check(options: &BuildOptions) -> CheckReport {
    check_with(options, None)
}

/// [`check`], and with `audit` what inspections of a public site look for.
pub fn check_with(options: &BuildOptions, audit: Option<AuditOptions>) -> CheckReport {
    let mut run = Run::new(Policy::CollectAll, Sink::Nothing);
    run.audit = audit;
    let outcome = pipeline::run(
        options,
        &mut Memory::default(),
        &SourceUpdate::Other,
        &run,
        &mut |_| {},
    );
    let mut errors = outcome.errors;
    errors.extend(outcome.failure.map(Error::into_diagnostics).unwrap_or_default());
    CheckReport {
        errors,
        warnings: outcome.warnings,
        pages: outcome.pages,
        sections: outcome.sections,
    }
}
