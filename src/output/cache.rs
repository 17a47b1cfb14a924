//! The photo cache under the site (`.kepu-cache/`), written here as every
//! other file is: the renditions the cache lacks, made in parallel (one
//! original per task, so never more decoded images than threads) and each
//! written through a temporary file so that an interrupted build never
//! leaves half a rendition to be reused; and the index of the originals'
//! headers, so that the next build reads no unchanged original. An
//! original is encoded from the bytes its header was read from when they
//! were kept, so a first-seen photo is read once.

use crate::error::Diagnostic;
use crate::images::{self, Headers, ImageCache, Job};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// What making the missing renditions cost.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Made {
    /// Renditions encoded and written.
    pub encoded: usize,
    /// Originals read again to encode them (the others' bytes were kept
    /// from reading their headers).
    pub read: usize,
}

/// Makes the renditions of `jobs` in parallel; returns what that cost and
/// every problem (an undecodable original, a disk error), each naming its
/// file.
pub fn make(jobs: Vec<Job>, cache: &ImageCache) -> (Made, Vec<Diagnostic>) {
    let results: Vec<Result<Made, Diagnostic>> = jobs
        .into_par_iter()
        .map(|job| make_job(cache, job).map(|(made, _)| made))
        .collect();
    let mut made = Made::default();
    let mut problems = Vec::new();
    for result in results {
        match result {
            Ok(one) => {
                made.encoded += one.encoded;
                made.read += one.read;
            }
            Err(problem) => problems.push(problem),
        }
    }
    (made, problems)
}

/// Makes the renditions of one original that `cache` still lacks (another
/// run may have made some meanwhile), from its kept bytes or read again;
/// returns what that cost and the cache files written.
pub fn make_job(cache: &ImageCache, job: Job) -> Result<(Made, Vec<PathBuf>), Diagnostic> {
    let Job {
        key,
        source,
        renditions,
        snapshot,
    } = job;
    let renditions = cache.missing(key, &renditions);
    if renditions.is_empty() {
        return Ok((Made::default(), Vec::new()));
    }
    let read_again = snapshot.is_none();
    let read = if read_again {
        Some(std::fs::read(&source).map_err(|e| Diagnostic::new(&source, e.to_string()))?)
    } else {
        None
    };
    let bytes = snapshot
        .as_ref()
        .map_or(read.as_deref().unwrap_or_default(), |s| s.bytes());
    let encoded = cache
        .render(key, bytes, &renditions)
        .map_err(|problem| Diagnostic::new(&source, problem.message).hint(problem.hint))?;
    // The original is not needed while its renditions are written.
    drop((snapshot, read));
    let made = Made {
        encoded: encoded.len(),
        read: usize::from(read_again),
    };
    let mut written = Vec::with_capacity(encoded.len());
    for (path, rendition) in encoded {
        write_whole(&path, &rendition.bytes)?;
        written.push(path);
    }
    Ok((made, written))
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
