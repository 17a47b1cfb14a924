//! The only stage that writes files. A build goes into a temporary sibling
//! folder which replaces the output folder only once everything is written
//! (swapped in atomically where the system allows, `swap.rs`), so a failed,
//! interrupted or killed build leaves the previous output whole, and a
//! reader of the output folder sees the old site or the new one, never a
//! mix or nothing. kepu refuses output folders that hold anything but its
//! own output (`guard.rs`), removes what killed builds left behind
//! (`leftovers.rs`) and, on Ctrl-C or SIGTERM, its staging folder
//! (`interrupt.rs`).

mod fault;
mod guard;
mod interrupt;
mod leftovers;
pub mod messages;
mod swap;

pub use fault::VARIABLE as FAULT_VARIABLE;
pub use guard::check_output_dir;
pub use interrupt::clean_up_on_signal;
pub use leftovers::remove_dead as remove_leftovers;

use crate::error::{Error, Result, io_error};
use crate::files::Output;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The marker file kepu leaves in every output folder it writes.
pub const MARKER: &str = ".kepu-output";

/// `path` made absolute and free of `..`, following symlinks where it exists.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.components().next_back()) {
        (Some(parent), Some(std::path::Component::ParentDir)) => {
            let above = canonical(parent);
            above.parent().map_or(above.clone(), Path::to_path_buf)
        }
        (Some(parent), Some(std::path::Component::Normal(name))) => canonical(parent).join(name),
        _ => absolute,
    }
}

/// The output folder of a build while it is written: a fresh temporary
/// folder beside `out`, which [`Staging::finish`] swaps in. Outputs are
/// written as they are made (from several threads), so that a build need
/// not hold them all. The folder is made at the first write; dropped
/// unfinished (a failed build), the staging removes it and any folder it
/// made for it, so `out` and its surroundings stay as they were.
pub struct Staging {
    staging: PathBuf,
    /// The output folder, absolute and without `.` or `..`.
    out: PathBuf,
    /// The output folder as the user named it, for messages.
    shown: PathBuf,
    /// Made at the first write: `Err` holds what failed (the path and the
    /// error), for every later write to report.
    ready: OnceLock<std::result::Result<(), (PathBuf, SystemError)>>,
    /// The outermost folder above `staging` that did not exist before.
    made_parent: OnceLock<Option<PathBuf>>,
    /// Folders made so far inside `staging`.
    dirs: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    finished: bool,
}

/// An I/O error kept to be reported again: its OS error number when it
/// has one (so that it reads the same), else its kind and text.
#[derive(Debug, Clone)]
enum SystemError {
    Os(i32),
    Other(std::io::ErrorKind, String),
}

impl SystemError {
    fn keep(e: &std::io::Error) -> Self {
        match e.raw_os_error() {
            Some(code) => SystemError::Os(code),
            None => SystemError::Other(e.kind(), e.to_string()),
        }
    }

    fn error(&self) -> std::io::Error {
        match self {
            SystemError::Os(code) => std::io::Error::from_raw_os_error(*code),
            SystemError::Other(kind, text) => std::io::Error::new(*kind, text.clone()),
        }
    }
}

impl Staging {
    /// How many files were written so far.
    pub fn files_written(&self) -> usize {
        self.files.load(Ordering::Relaxed)
    }

    /// The staging of a build into `out`; nothing is made yet.
    pub fn new(out: &Path) -> Staging {
        let absolute = canonical(out);
        let staging = leftovers::path(&absolute, leftovers::Kind::Staging);
        interrupt::register(&staging);
        Staging {
            staging,
            out: absolute,
            shown: out.to_path_buf(),
            ready: OnceLock::new(),
            made_parent: OnceLock::new(),
            dirs: Mutex::default(),
            files: AtomicUsize::new(0),
            finished: false,
        }
    }

    fn parent(&self) -> &Path {
        self.out.parent().unwrap_or(Path::new("/"))
    }

    /// Makes the temporary folder with kepu's marker file, once.
    fn prepare(&self) -> Result<()> {
        let ready = self.ready.get_or_init(|| {
            let failed = |path: &Path| {
                let path = path.to_path_buf();
                move |e: std::io::Error| (path, SystemError::keep(&e))
            };
            let parent = self.parent();
            let missing = parent.ancestors().take_while(|p| !p.exists()).last();
            let _ = self.made_parent.set(missing.map(Path::to_path_buf));
            fault::at(fault::Step::Prepare).map_err(failed(&self.staging))?;
            std::fs::create_dir_all(parent).map_err(failed(parent))?;
            if self.staging.exists() {
                std::fs::remove_dir_all(&self.staging).map_err(failed(&self.staging))?;
            }
            std::fs::create_dir_all(&self.staging).map_err(failed(&self.staging))?;
            std::fs::write(
                self.staging.join(MARKER),
                b"This folder is written by kepu and replaced on every build.\n",
            )
            .map_err(failed(&self.staging))
        });
        ready
            .as_ref()
            .map_err(|(path, error)| self.failed(path, error.error()))
            .copied()
    }

    /// The error of writing `path`: in words naming the output folder when
    /// the user can act on it, else the system's, with `path` as it will be
    /// in the output folder (never the hidden staging folder's name).
    fn failed(&self, path: &Path, error: std::io::Error) -> Error {
        if let Some(readable) = messages::system_refused(&self.shown, &error) {
            return readable;
        }
        let path = match path.strip_prefix(&self.staging) {
            Ok(inside) => self.shown.join(inside),
            Err(_) => path.to_path_buf(),
        };
        io_error(&path)(error)
    }

    /// Writes one output into the temporary folder.
    pub fn write(&self, output: &Output) -> Result<()> {
        let dest = self.staging.join(output.path());
        {
            let _writing = interrupt::writing();
            self.prepare()?;
            if let Some(dir) = dest.parent() {
                self.make_dir(dir)?;
            }
            match output {
                Output::Bytes { bytes, .. } => {
                    std::fs::write(&dest, &**bytes).map_err(|e| self.failed(&dest, e))?
                }
                Output::Copy { from, .. } => std::fs::copy(from, &dest).map(drop).map_err(|e| {
                    messages::system_refused(&self.shown, &e).unwrap_or_else(|| io_error(from)(e))
                })?,
            }
        }
        if self.files.fetch_add(1, Ordering::Relaxed) + 1 == 10 {
            fault::at(fault::Step::Write).map_err(|e| self.failed(&dest, e))?;
        }
        Ok(())
    }

    /// Makes `dir` (inside the temporary folder) unless it was made already.
    fn make_dir(&self, dir: &Path) -> Result<()> {
        if self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(dir) {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|e| self.failed(dir, e))?;
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Swaps the temporary folder in for `out`, then removes the old
    /// output. Returns the number of files written.
    pub fn finish(mut self) -> Result<usize> {
        {
            let _swapping = interrupt::writing();
            self.prepare()?;
            swap::swap_in(&self.staging, &self.out).map_err(|e| self.failed(&self.out, e))?;
            self.finished = true;
        }
        // The new output is in place: a failure from here on (or a kill)
        // leaves only the old output under the staging name, which the
        // next build removes.
        fault::at(fault::Step::Swapped).map_err(|e| self.failed(&self.staging, e))?;
        let _ = std::fs::remove_dir_all(&self.staging);
        Ok(self.files.load(Ordering::Relaxed))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.finished && self.ready.get().is_some() {
            self.remove_unfinished();
        }
        interrupt::unregister(&self.staging);
    }
}

impl Staging {
    /// Removes the staging folder of a failed build, and the folders made
    /// only to hold it (if still empty).
    fn remove_unfinished(&self) {
        {
            let _removing = interrupt::writing();
            let _ = std::fs::remove_dir_all(&self.staging);
        }
        if let Some(Some(outermost)) = self.made_parent.get() {
            for dir in self.parent().ancestors() {
                if std::fs::remove_dir(dir).is_err() || dir == outermost {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unfinished_staging_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site/build/public");
        let staging = Staging::new(&out);
        assert!(
            !dir.path().join("site").exists(),
            "nothing is made before the first write"
        );
        staging.write(&Output::bytes("a/index.html", "x")).unwrap();
        assert!(dir.path().join("site/build").is_dir());
        drop(staging);
        assert!(
            !dir.path().join("site").exists(),
            "the folders made for it are gone"
        );
        let staging = Staging::new(&out);
        staging.write(&Output::bytes("a/index.html", "x")).unwrap();
        assert_eq!(staging.finish().unwrap(), 1);
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "x");
        assert!(out.join(MARKER).exists());
    }

    #[test]
    fn swap_replaces_old_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let build = |output: Output| {
            let staging = Staging::new(&out);
            staging.write(&output).unwrap();
            staging.finish().unwrap();
        };
        build(Output::bytes("old.html", "old"));
        build(Output::bytes("a/index.html", "new"));
        assert!(!out.join("old.html").exists());
        assert_eq!(std::fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert!(out.join(MARKER).exists());
    }
}
