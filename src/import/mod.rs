//! `kepu import hugo|hexo|zola SOURCE DEST` and `kepu import wechat PAGE|FOLDER DEST`:
//! an existing site (or saved WeChat articles) in, a kepu site out.
//!
//! Each generator's module reads the old site into an [`OldSite`] (its
//! configuration mapped to `kepu.yaml`, each content file with its front
//! matter, body, old URL and assets) and converts its bodies' shortcodes or
//! tags; [`site`] does what all share (front-matter keys, URLs kept, links
//! and images relinked) and [`write`] writes DEST, never touching SOURCE.
//! The imported site is then checked like `kepu check` does, and the
//! [`Report`] says what was done and what needs an editor.

mod body;
mod dates;
mod front_matter;
mod hexo;
mod hugo;
mod keys;
mod messages;
mod pagers;
pub mod report;
mod site;
mod urls;
mod wechat;
mod write;
mod zola;

pub use report::Report;

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Which kind of source to import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Hugo,
    Hexo,
    Zola,
    /// A saved WeChat article page, or a folder of them.
    Wechat,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Hugo => "hugo",
            Kind::Hexo => "hexo",
            Kind::Zola => "zola",
            Kind::Wechat => "wechat",
        }
    }
}

#[derive(Debug, Clone)]
pub struct ImportOptions {
    pub kind: Kind,
    pub source: PathBuf,
    pub dest: PathBuf,
    /// The section WeChat articles go into (`events`).
    pub section: String,
}

/// Imports `options.source` into `options.dest` and checks the result.
/// Errors are problems before anything was written (DEST not empty, no
/// configuration in SOURCE); problems of the imported site are in the
/// report's `build`.
pub fn import(options: &ImportOptions) -> Result<Report> {
    let source = std::fs::canonicalize(&options.source)
        .map_err(|e| Error::Output(messages::unreadable(options.source.display(), e)))?;
    let dest = absolute(&options.dest);
    if dest.starts_with(&source) && source.is_dir() {
        return Err(Error::Output(messages::dest_inside_source(
            options.dest.display(),
        )));
    }
    let mut report = Report::new(
        options.kind.name(),
        &options.source.display().to_string(),
        &options.dest.display().to_string(),
    );
    let plan = match options.kind {
        Kind::Hugo | Kind::Hexo | Kind::Zola => {
            write::require_empty(&dest)?;
            let old = match options.kind {
                Kind::Hugo => hugo::read(&source, &mut report)?,
                Kind::Hexo => hexo::read(&source, &mut report)?,
                _ => zola::read(&source, &mut report)?,
            };
            site::convert(old, &mut report)
        }
        Kind::Wechat => wechat::import(&source, &dest, &options.section, &mut report)?,
    };
    write::write(&plan, &dest)?;
    report.copied = plan.copies.len();
    report.build = write::check(&dest);
    Ok(report)
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    }
}

pub use site::OldSite;
