//! The only stage that writes files. A build goes into a temporary sibling
//! folder which replaces the output folder only once everything is written
//! (swapped in atomically where the system allows, `swap.rs`), so a failed,
//! interrupted or killed build leaves the previous output whole, and a
//! reader of the output folder sees the old site or the new one, never a
//! mix or nothing. Only what changed is written: a file whose bytes equal
//! the previous build's (`previous.rs`) is hard-linked from the old output
//! into the staging folder, keeping its inode and modification time. A
//! mount point, which cannot be swapped (`mount.rs`), gets its changed
//! files put in place once everything is made (`in_place.rs`). kepu
//! refuses output folders that hold anything but its own output
//! (`guard.rs`), removes what killed builds left behind (`leftovers.rs`)
//! and, on Ctrl-C or SIGTERM, its staging folder (`interrupt.rs`). The
//! photo cache under the site (`.kepu-cache/`) is written here too
//! (`cache.rs`).

pub mod cache;
mod fault;
mod guard;
mod in_place;
mod interrupt;
mod leftovers;
pub mod messages;
mod mount;
mod previous;
pub mod record;
mod spare;
mod swap;

pub use fault::VARIABLE as FAULT_VARIABLE;
pub use guard::check_output_dir;
pub use interrupt::clean_up_on_signal;
pub use leftovers::remove_dead as remove_leftovers;

use crate::error::{Error, Result, io_error};
use crate::files::Output;
use previous::Previous;
use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The marker file kepu leaves in every output folder it writes.
pub const MARKER: &str = ".kepu-output";
const MARKER_TEXT: &[u8] = b"This folder is written by kepu and replaced on every build.\n";

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

/// How a finished build takes the old output's place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// The staging folder beside the output holds the whole new output
    /// (unchanged files linked from the old one) and is swapped in.
    Swap,
    /// The output folder is a mount point, which cannot be swapped: the
    /// staging folder inside it holds the changed files only, put in
    /// place once all are made.
    InPlace,
}

/// What a finished build did to the output folder's files (kepu's marker
/// not counted).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// Files written anew: new or changed.
    pub written: usize,
    /// Files whose bytes equal the previous build's, not written again.
    pub unchanged: usize,
    /// Files of the previous build that no output names any more.
    pub deleted: usize,
}

impl Written {
    /// Every file of the new output.
    pub fn files(&self) -> usize {
        self.written + self.unchanged
    }

    /// `写入 37 个文件，未变 51,217 个，删除 2 个`.
    pub fn summary(&self, lang: crate::messages::Lang) -> String {
        use crate::messages::{grouped, say};
        say(
            lang,
            "output-summary",
            &[
                ("written", grouped(self.written).into()),
                ("unchanged", grouped(self.unchanged).into()),
                ("deleted", grouped(self.deleted).into()),
            ],
        )
    }
}

/// The output folder of a build while it is written: a temporary folder
/// beside `out` (the spare output when there is one, `spare.rs`, else a
/// fresh folder), which [`Staging::finish`] swaps in; into a mount point,
/// which cannot be swapped, it holds only the changed files, which
/// `finish` puts in place. Outputs are written as they are made (from
/// several threads), so that a build need not hold them all. The folder is
/// made at the first write; dropped unfinished (a failed build), the
/// staging keeps it as the spare or removes it (and any folder it made for
/// it), so `out` stays as it was.
pub struct Staging {
    staging: PathBuf,
    /// The output folder, absolute and without `.` or `..`.
    out: PathBuf,
    /// The output folder as the user named it, for messages.
    shown: PathBuf,
    mode: Mode,
    /// Made at the first write: `Err` holds what failed (the path and the
    /// error), for every later write to report.
    ready: OnceLock<std::result::Result<(), (PathBuf, SystemError)>>,
    /// The staging folder is the spare output: any path may hold a file.
    reusing: AtomicBool,
    /// The output folder existed at the first write (`has_previous`).
    has_previous: OnceLock<bool>,
    /// The outermost folder above `staging` that did not exist before.
    made_parent: OnceLock<Option<PathBuf>>,
    /// Folders made so far inside `staging`, by their bytes (hashing a
    /// `Path` goes component by component, the most of a write's own cost).
    dirs: Mutex<HashSet<OsString>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    /// Every output's path, and (into a mount point) the changed ones'.
    paths: Mutex<Paths>,
    finished: bool,
    /// Set once swapped in, so that Ctrl-C then says the new output is in place.
    swapped: Arc<AtomicBool>,
}

#[derive(Default)]
struct Paths {
    all: HashSet<String>,
    staged: Vec<String>,
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
    /// How many files are in the new output so far (written or unchanged).
    pub fn files_written(&self) -> usize {
        self.written.load(Ordering::Relaxed) + self.unchanged.load(Ordering::Relaxed)
    }

    /// The staging of a build into `out`; nothing is made yet.
    pub fn new(out: &Path) -> Staging {
        let absolute = canonical(out);
        // Beside a mount point too: inside it, readers would see it.
        let staging = leftovers::path(&absolute, leftovers::Kind::Staging);
        let mode = if mount::is_mount_point(&absolute) {
            Mode::InPlace
        } else {
            Mode::Swap
        };
        let swapped = interrupt::register(&staging);
        Staging {
            staging,
            out: absolute,
            shown: out.to_path_buf(),
            mode,
            ready: OnceLock::new(),
            reusing: AtomicBool::new(false),
            has_previous: OnceLock::new(),
            made_parent: OnceLock::new(),
            dirs: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            paths: Mutex::default(),
            finished: false,
            swapped,
        }
    }

    fn parent(&self) -> &Path {
        self.staging.parent().unwrap_or(Path::new("/"))
    }

    /// Makes the temporary folder (or takes the spare) with kepu's marker
    /// file, once.
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
            let reusing = self.mode == Mode::Swap && spare::claim(&self.out, &self.staging);
            self.reusing.store(reusing, Ordering::Relaxed);
            if !reusing {
                std::fs::create_dir_all(&self.staging).map_err(failed(&self.staging))?;
            }
            let marker = Output::bytes(MARKER, MARKER_TEXT);
            // Into a mount point the staging folder gets the marker anyway:
            // it is how the next build knows a killed build's folder is kepu's.
            let old = self.out.join(MARKER);
            let same = match self.mode {
                Mode::Swap => previous::compare(&old, &marker) == Previous::Same,
                Mode::InPlace => false,
            };
            let dest = self.staging.join(MARKER);
            self.place(&marker, same.then_some(old.as_path()), &dest)
                .map(drop)
                .map_err(|e| (dest.clone(), SystemError::keep(&e)))
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

    /// Puts one output into the temporary folder: written, or linked from
    /// the previous output when its bytes are the same (into a mount
    /// point, where the old file stays, nothing at all).
    pub fn write(&self, output: &Output) -> Result<()> {
        let dest = self.staging.join(output.path());
        // Into an output folder that did not exist (a clean build) there is
        // nothing to compare with: no path joined and looked up per output.
        let old = self.has_previous().then(|| self.out.join(output.path()));
        let same = old.filter(|old| previous::compare(old, output) == Previous::Same);
        let reused = {
            let _writing = interrupt::writing();
            self.prepare()?;
            let reused = self
                .place(output, same.as_deref(), &dest)
                .map_err(|e| self.failed(&dest, e))?;
            let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
            paths.all.insert(output.path().to_string());
            if self.mode == Mode::InPlace && !reused {
                paths.staged.push(output.path().to_string());
            }
            reused
        };
        let (count, step) = if reused {
            (&self.unchanged, fault::Step::Link)
        } else {
            (&self.written, fault::Step::Write)
        };
        if count.fetch_add(1, Ordering::Relaxed) + 1 == 10 {
            fault::at(step).map_err(|e| self.failed(&dest, e))?;
        }
        Ok(())
    }

    /// True when the output folder existed at the first write: only then
    /// can the previous output hold a file to compare with. Asked once, as
    /// everything the build writes goes into the staging folder.
    fn has_previous(&self) -> bool {
        *self.has_previous.get_or_init(|| self.out.is_dir())
    }

    /// Puts `output` into the temporary folder at `dest`; `same` is the
    /// previous output's file when its bytes are the output's. True when
    /// that file is used (linked, or already there in the spare; into a
    /// mount point, left where it is).
    fn place(&self, output: &Output, same: Option<&Path>, dest: &Path) -> std::io::Result<bool> {
        if self.mode == Mode::InPlace && same.is_some() {
            return Ok(true);
        }
        let reusing = self.reusing.load(Ordering::Relaxed);
        if reusing {
            if same.is_some_and(|old| same_inode(dest, old)) {
                return Ok(true);
            }
            // Never written into: the spare's file may be the output's own.
            clear(dest)?;
        }
        if let Some(dir) = dest.parent() {
            self.make_dir(dir, reusing)?;
        }
        if self.mode == Mode::Swap && same.is_some_and(|old| std::fs::hard_link(old, dest).is_ok()) {
            return Ok(true);
        }
        match output {
            Output::Bytes { bytes, .. } => std::fs::write(dest, &**bytes),
            Output::Copy { from, .. } => std::fs::copy(from, dest).map(drop),
        }?;
        Ok(false)
    }

    /// Makes `dir` (inside the temporary folder) unless it was made
    /// already; in the spare, files in its way are removed first.
    fn make_dir(&self, dir: &Path, reusing: bool) -> std::io::Result<()> {
        if self
            .dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(dir.as_os_str())
        {
            return Ok(());
        }
        if let Err(e) = std::fs::create_dir_all(dir) {
            if !reusing {
                return Err(e);
            }
            for above in dir.ancestors().take_while(|p| *p != self.staging) {
                if std::fs::symlink_metadata(above).is_ok_and(|m| !m.is_dir()) {
                    std::fs::remove_file(above)?;
                }
            }
            std::fs::create_dir_all(dir)?;
        }
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.as_os_str().to_owned());
        Ok(())
    }

    /// Puts the new output in the place of `out`: swapped in, the old
    /// output kept as the spare; or, into a mount point, the changed files
    /// put in place and the stale ones removed.
    pub fn finish(mut self) -> Result<Written> {
        let mut written = Written {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
            deleted: 0,
        };
        written.deleted = match self.mode {
            Mode::Swap => self.swap_in()?,
            Mode::InPlace => self.put_in_place()?,
        };
        Ok(written)
    }

    /// Swaps the staging folder in; returns how many old files are gone.
    fn swap_in(&mut self) -> Result<usize> {
        let deleted = {
            let _swapping = interrupt::writing();
            self.prepare()?;
            let all = std::mem::take(&mut self.paths.lock().unwrap_or_else(|e| e.into_inner()).all);
            if self.reusing.load(Ordering::Relaxed) {
                in_place::prune(&self.staging, &all).map_err(|e| self.failed(&self.staging, e))?;
            }
            let deleted = in_place::stale(&self.out, &all).map_or(0, |stale| stale.len());
            swap::swap_in(&self.staging, &self.out).map_err(|e| self.failed(&self.out, e))?;
            self.swapped.store(true, Ordering::SeqCst);
            self.finished = true;
            deleted
        };
        // The new output is in place: a failure from here on (or a kill)
        // leaves only the old output under the staging name, which the
        // next build removes.
        fault::at(fault::Step::Swapped).map_err(|e| self.failed(&self.staging, e))?;
        let old_there = std::fs::symlink_metadata(&self.staging).is_ok();
        if old_there && !spare::keep(&self.out, &self.staging) {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
        Ok(deleted)
    }

    /// Into a mount point: the changed files put in place, then the stale
    /// ones removed; returns how many old files are gone.
    fn put_in_place(&mut self) -> Result<usize> {
        let _placing = interrupt::writing();
        self.prepare()?;
        let failed = |e| self.failed(&self.out, e);
        fault::at(fault::Step::Swap).map_err(failed)?;
        let mut paths = std::mem::take(&mut *self.paths.lock().unwrap_or_else(|e| e.into_inner()));
        let mut deleted = in_place::place(&self.staging, &self.out, &mut paths.staged).map_err(failed)?;
        deleted += in_place::prune(&self.out, &paths.all).map_err(failed)?;
        if !self.out.join(MARKER).exists() {
            in_place::move_into(&self.staging.join(MARKER), &self.out.join(MARKER)).map_err(failed)?;
        }
        self.finished = true;
        let _ = std::fs::remove_dir_all(&self.staging);
        Ok(deleted)
    }
}

/// True when `a` and `b` are the same file (one inode, two names).
fn same_inode(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Removes whatever is at `path` (a file, or a folder and all in it).
fn clear(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
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
    /// Keeps the staging folder of a failed build as the spare (its files
    /// are the output's own or replaced before use) or removes it, and
    /// the folders made only to hold it (if still empty).
    fn remove_unfinished(&self) {
        {
            let _removing = interrupt::writing();
            let kept = self.mode == Mode::Swap && self.out.is_dir() && spare::keep(&self.out, &self.staging);
            if !kept {
                let _ = std::fs::remove_dir_all(&self.staging);
            }
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
        assert_eq!(staging.finish().unwrap().files(), 1);
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
