//! The photo cache under the site (`.kepu-cache/`), written here as every
//! other file is: the renditions the cache lacks, made in parallel (one
//! original per task, so never more decoded images than threads) and each
//! written through a temporary file so that an interrupted build never
//! leaves half a rendition to be reused; and the index of the originals'
//! headers, so that the next build reads no unchanged original.

use crate::error::Diagnostic;
use crate::images::{self, Headers, ImageCache, Job};
use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What making the missing renditions cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Made {
    /// Renditions encoded and written.
    pub encoded: usize,
    /// Originals read to encode them.
    pub read: usize,
}

/// Makes every rendition of `plan` that `cache` lacks; returns what that
/// cost and every problem (an undecodable original, a disk error), each
/// naming its file.
pub fn make_missing(plan: &images::Plan, cache: &ImageCache) -> (Made, Vec<Diagnostic>) {
    let encoded = AtomicUsize::new(0);
    let jobs = plan.missing(cache);
    let read = jobs.len();
    let problems = jobs
        .into_par_iter()
        .filter_map(|job| make_one(cache, &job, &encoded).err())
        .collect();
    let made = Made {
        encoded: encoded.into_inner(),
        read,
    };
    (made, problems)
}

fn make_one(cache: &ImageCache, job: &Job, encoded: &AtomicUsize) -> Result<(), Diagnostic> {
    let source = &job.source;
    let bytes = std::fs::read(source).map_err(|e| Diagnostic::new(source, e.to_string()))?;
    let renditions = cache
        .render(job.key, &bytes, &job.renditions)
        .map_err(|problem| Diagnostic::new(source, problem.message).hint(problem.hint))?;
    drop(bytes);
    for (path, rendition) in renditions {
        write_whole(&path, &rendition.bytes)?;
        encoded.fetch_add(1, Ordering::SeqCst);
    }
    Ok(())
}

/// Writes the index of the originals `plan` uses under the site at
/// `root`, when it differs from the one there.
pub fn save_index(root: &Path, headers: &Headers, plan: &images::Plan) -> Result<(), Diagnostic> {
    let sources = plan.photos().iter().map(|p| p.source.as_path());
    let bytes = headers.index(root, sources);
    let path = root.join(images::index::INDEX_FILE);
    if std::fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    write_whole(&path, &bytes)
}

/// Writes `bytes` at `path` through a temporary file beside it, so that
/// the file is either the old one or all of the new one.
pub(super) fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let failed = |e: std::io::Error| Diagnostic::new(path, e.to_string());
    let dir = path.parent().expect("cache files sit in a folder");
    std::fs::create_dir_all(dir).map_err(failed)?;
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("cache");
    let unique = NEXT.fetch_add(1, Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}.{unique}.tmp", std::process::id()));
    std::fs::write(&temp, bytes).map_err(failed)?;
    std::fs::rename(&temp, path).map_err(failed)
}
