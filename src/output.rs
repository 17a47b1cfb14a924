//! The only stage that writes files. A build goes into a temporary sibling
//! folder which replaces the output folder only once everything is written,
//! so a failed build leaves the previous output untouched. kepu refuses an
//! output folder that is the site root, holds the content, or was not made
//! by kepu (it carries a marker file).

use crate::error::{Error, Result, io_error};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// The marker file kepu leaves in every output folder it writes.
pub const MARKER: &str = ".kepu-output";

/// One file of the built site, at `path` (relative, `/`-separated). Bytes
/// are shared so that a rebuild can hand on unchanged pages without copying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Output {
    Bytes { path: String, bytes: Arc<[u8]> },
    Copy { path: String, from: PathBuf },
}

impl Output {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Output::Bytes {
            path: path.into(),
            bytes: Arc::from(bytes.into()),
        }
    }

    pub fn copy(path: &str, from: &Path) -> Self {
        Output::Copy {
            path: path.to_string(),
            from: from.to_path_buf(),
        }
    }

    pub fn path(&self) -> &str {
        match self {
            Output::Bytes { path, .. } | Output::Copy { path, .. } => path,
        }
    }

    /// The path, dropping the contents.
    pub fn into_path(self) -> String {
        match self {
            Output::Bytes { path, .. } | Output::Copy { path, .. } => path,
        }
    }
}

/// Checks that `out` may be replaced by a build of the site at `root`.
/// With `force`, a folder without kepu's marker is accepted (the caller
/// says what it replaces).
pub fn check_output_dir(root: &Path, out: &Path, force: bool) -> Result<()> {
    if let Ok(target) = std::fs::read_link(out) {
        return Err(refuse(
            out,
            &format!("is a symbolic link (to {})", target.display()),
            "pass the folder it points to with --output, so that kepu replaces that folder, not the link",
        ));
    }
    let root = canonical(root);
    let out_abs = canonical(out);
    let content = root.join("content");
    if out_abs == root {
        return Err(refuse(
            out,
            "is the site root",
            "choose a folder inside it, e.g. --output public",
        ));
    }
    if content.starts_with(&out_abs) {
        return Err(refuse(
            out,
            "holds the site's content",
            "choose a separate folder, e.g. --output public",
        ));
    }
    if out_abs.starts_with(&content) {
        return Err(refuse(
            out,
            "is inside content/",
            "choose a folder outside content/, e.g. --output public",
        ));
    }
    if out.exists() && !out.is_dir() {
        return Err(refuse(
            out,
            "is a file, not a folder",
            "remove it or choose another --output",
        ));
    }
    if out.is_dir() && !out.join(MARKER).exists() && !force && !is_empty_dir(out) {
        return Err(refuse(
            out,
            "already exists and was not created by kepu",
            "choose another --output, or pass --force to replace it",
        ));
    }
    Ok(())
}

fn refuse(out: &Path, why: &str, hint: &str) -> Error {
    Error::Output(format!(
        "refusing to write to {}: it {why}\n  hint: {hint}",
        out.display()
    ))
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

/// `path` made absolute and free of `..`, following symlinks where it exists.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = path.canonicalize() {
        return p;
    }
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => canonical(parent).join(name),
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
    out: PathBuf,
    parent: PathBuf,
    name: String,
    /// Made at the first write: `Err` holds what failed (the path, the
    /// error's kind and text), for every later write to report.
    ready: OnceLock<std::result::Result<(), (PathBuf, std::io::ErrorKind, String)>>,
    /// The outermost folder above `staging` that did not exist before.
    made_parent: OnceLock<Option<PathBuf>>,
    /// Folders made so far inside `staging`.
    dirs: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    finished: bool,
}

impl Staging {
    /// The staging of a build into `out`; nothing is made yet.
    pub fn new(out: &Path) -> Staging {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = out
            .file_name()
            .map_or("public".into(), |n| n.to_string_lossy().into_owned());
        Staging {
            staging: parent.join(format!(".{name}.kepu-tmp-{}", std::process::id())),
            out: out.to_path_buf(),
            parent: parent.to_path_buf(),
            name,
            ready: OnceLock::new(),
            made_parent: OnceLock::new(),
            dirs: Mutex::default(),
            files: AtomicUsize::new(0),
            finished: false,
        }
    }

    /// Makes the temporary folder with kepu's marker file, once.
    fn prepare(&self) -> Result<()> {
        let ready = self.ready.get_or_init(|| {
            fn failed(
                path: &Path,
            ) -> impl FnOnce(std::io::Error) -> (PathBuf, std::io::ErrorKind, String) + '_ {
                move |e| (path.to_path_buf(), e.kind(), e.to_string())
            }
            let missing = self
                .parent
                .ancestors()
                .take_while(|p| !p.as_os_str().is_empty() && !p.exists())
                .last();
            let _ = self.made_parent.set(missing.map(Path::to_path_buf));
            std::fs::create_dir_all(&self.parent).map_err(failed(&self.parent))?;
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
        ready.clone().map_err(|(path, kind, text)| Error::Io {
            path,
            source: std::io::Error::new(kind, text),
        })
    }

    /// Writes one output into the temporary folder.
    pub fn write(&self, output: &Output) -> Result<()> {
        self.prepare()?;
        let dest = self.staging.join(output.path());
        if let Some(dir) = dest.parent() {
            self.make_dir(dir)?;
        }
        match output {
            Output::Bytes { bytes, .. } => std::fs::write(&dest, &**bytes).map_err(io_error(&dest))?,
            Output::Copy { from, .. } => std::fs::copy(from, &dest).map(drop).map_err(io_error(from))?,
        }
        self.files.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Makes `dir` (inside the temporary folder) unless it was made already.
    fn make_dir(&self, dir: &Path) -> Result<()> {
        if self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(dir) {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        self.dirs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf());
        Ok(())
    }

    /// Swaps the temporary folder in for `out`. Returns the number of files
    /// written.
    pub fn finish(mut self) -> Result<usize> {
        self.prepare()?;
        swap_in(&self.staging, &self.out, &self.parent, &self.name)?;
        self.finished = true;
        Ok(self.files.load(Ordering::Relaxed))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if self.finished || self.ready.get().is_none() {
            return;
        }
        let _ = std::fs::remove_dir_all(&self.staging);
        // Folders made only to hold the staging go too (if still empty).
        if let Some(Some(outermost)) = self.made_parent.get() {
            for dir in self.parent.ancestors() {
                if std::fs::remove_dir(dir).is_err() || dir == outermost {
                    break;
                }
            }
        }
    }
}

/// Replaces `out` with `staging`: the old folder is moved aside, the new one
/// renamed into place, then the old one removed.
fn swap_in(staging: &Path, out: &Path, parent: &Path, name: &str) -> Result<()> {
    let old = parent.join(format!(".{name}.kepu-old-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        std::fs::rename(out, &old).map_err(io_error(out))?;
    }
    if let Err(e) = std::fs::rename(staging, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        return Err(io_error(out)(e));
    }
    if had_old {
        std::fs::remove_dir_all(&old).map_err(io_error(&old))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_content_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, root, true).is_err());
        assert!(check_output_dir(root, &root.join("content/x"), true).is_err());
        let foreign = root.join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "x").unwrap();
        let err = check_output_dir(root, &foreign, false).unwrap_err().to_string();
        assert!(err.contains("not created by kepu"), "{err}");
        assert!(check_output_dir(root, &foreign, true).is_ok());
        assert!(check_output_dir(root, &root.join("public"), false).is_ok());
        std::os::unix::fs::symlink(&foreign, root.join("linked")).unwrap();
        let err = check_output_dir(root, &root.join("linked"), true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a symbolic link"), "{err}");
    }

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
