//! The new site on disk: DEST must be absent or empty (or, for WeChat, a
//! kepu site), gets every planned file and the default theme, and is then
//! checked like `kepu check` does. Nothing is ever written to SOURCE: its
//! files are only read, and copied from.

use super::messages;
use super::report::BuildResult;
use crate::check;
use crate::error;
use crate::error::{Error, Result, io_error};
use crate::pipeline;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod theme {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// What to write: texts made by the import, and files copied as they are.
#[derive(Debug, Default)]
pub struct Plan {
    /// Path under DEST → text.
    pub texts: BTreeMap<String, String>,
    /// Path under DEST → source file.
    pub copies: BTreeMap<String, PathBuf>,
    /// Write the default theme into `themes/kepu/`.
    pub theme: bool,
}

impl Plan {
    pub fn text(&mut self, dest: String, text: String) {
        self.texts.insert(dest, text);
    }

    pub fn copy(&mut self, source: PathBuf, dest: String) {
        self.copies.insert(dest, source);
    }

    /// Every file under `dir` into `dest` (a path under DEST), except
    /// those at or under a path of `skip`; hidden files are left out.
    pub fn copy_tree(&mut self, dir: &Path, dest: &str, skip: &[PathBuf]) {
        let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
        let walk = walk.filter_entry(|e| {
            let hidden = e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
            !hidden && !skip.iter().any(|s| e.path().starts_with(s))
        });
        for entry in walk.flatten().filter(|e| e.file_type().is_file()) {
            if let Ok(rel) = entry.path().strip_prefix(dir)
                && let Some(rel) = rel.to_str()
            {
                self.copy(
                    entry.path().to_path_buf(),
                    format!("{dest}/{}", rel.replace('\\', "/")),
                );
            }
        }
    }
}

/// DEST must not exist yet, or be an empty folder.
pub fn require_empty(dest: &Path) -> Result<()> {
    if dest.exists() && (!dest.is_dir() || std::fs::read_dir(dest).map_err(io_error(dest))?.next().is_some())
    {
        return Err(Error::Output(messages::dest_not_empty(dest.display())));
    }
    Ok(())
}

/// Writes `plan` into `dest`; on failure, what this call wrote is removed.
pub fn write(plan: &Plan, dest: &Path) -> Result<()> {
    let mut written = Vec::new();
    let result = write_all(plan, dest, &mut written);
    if result.is_err() {
        for file in written.iter().rev() {
            let _ = std::fs::remove_file(file);
        }
    }
    result
}

fn write_all(plan: &Plan, dest: &Path, written: &mut Vec<PathBuf>) -> Result<()> {
    let mut put = |rel: &str, bytes: &[u8]| -> Result<()> {
        let file = dest.join(rel);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        }
        std::fs::write(&file, bytes).map_err(io_error(&file))?;
        written.push(file);
        Ok(())
    };
    if plan.theme {
        for (rel, bytes) in theme::DEFAULT_THEME {
            put(&format!("themes/kepu/{rel}"), bytes)?;
        }
    }
    for (rel, text) in &plan.texts {
        put(rel, text.as_bytes())?;
    }
    for (rel, source) in &plan.copies {
        let bytes = std::fs::read(source).map_err(io_error(source))?;
        put(rel, &bytes)?;
    }
    Ok(())
}

/// Checks the site at `dest` as `kepu check` does (drafts and future pages
/// included: they are imported content too).
pub fn check(dest: &Path) -> BuildResult {
    let mut options = pipeline::BuildOptions::new(dest);
    options.drafts = true;
    options.future = true;
    let report = check::check(&options);
    let relative = |d: &error::Diagnostic| {
        let text = d.to_string();
        let prefix = format!("{}/", dest.display());
        text.replace(&prefix, "")
    };
    BuildResult {
        ok: report.errors.is_empty(),
        errors: report.errors.iter().map(relative).collect(),
        warnings: report.warnings.iter().map(relative).collect(),
    }
}
