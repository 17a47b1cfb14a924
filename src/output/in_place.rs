//! Finishing a build into a mount point, which cannot be swapped: the
//! changed files, already written in full into a staging folder beside
//! the output folder, are moved into place one by one (each replaces one
//! file in one rename, so no file is ever seen half-written; across file
//! systems a file is copied first to a hidden name beside its place),
//! files before the pages that refer to them; then the files no planned
//! output names are removed. Readers see the old and the new files side
//! by side only while the moves run; a build killed then leaves such a
//! mix, each file whole, which the next build completes. Removing the
//! stale files is also how the spare output (`spare.rs`) is made a whole
//! new output before it is swapped in.

use super::MARKER;
use super::fault::{self, Step};
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

/// Moves the files `staged` (paths inside both folders) from `staging`
/// into `out`. Returns how many old files were removed to make room (a
/// file where a folder is now needed, or a folder where a file is).
pub(super) fn place(staging: &Path, out: &Path, staged: &mut [String]) -> io::Result<usize> {
    // Pages last, so that a page never names a stylesheet or image that
    // is not there yet.
    staged.sort_by_key(|path| (path.ends_with(".html"), path.clone()));
    let mut removed = 0;
    for (placed, path) in staged.iter().enumerate() {
        let dest = out.join(path);
        removed += make_room(out, &dest)?;
        move_into(&staging.join(path), &dest)?;
        if placed == 0 {
            fault::at(Step::Place)?;
        }
    }
    Ok(removed)
}

/// Moves the file `from` to `dest` in one rename: on another file system
/// (the output folder is a mount point), through a copy beside `dest`,
/// so that `dest` is at every moment the old file or the whole new one.
pub(super) fn move_into(from: &Path, dest: &Path) -> io::Result<()> {
    match std::fs::rename(from, dest) {
        Err(e) if e.raw_os_error() == Some(rustix::io::Errno::XDEV.raw_os_error()) => {
            let name = dest.file_name().unwrap_or_default().to_string_lossy();
            let part = dest.with_file_name(format!(".{name}.kepu-part-{}", std::process::id()));
            std::fs::copy(from, &part)?;
            std::fs::rename(&part, dest).inspect_err(|_| {
                let _ = std::fs::remove_file(&part);
            })
        }
        done => done,
    }
}

/// Clears the way for a file at `dest`: folders made above it, stale files
/// in their way removed, a stale folder at its place removed. Returns how
/// many files were removed.
fn make_room(out: &Path, dest: &Path) -> io::Result<usize> {
    let mut removed = 0;
    let Some(parent) = dest.parent() else {
        return Ok(0);
    };
    if !parent.is_dir() {
        for above in parent.ancestors().take_while(|p| *p != out) {
            if std::fs::symlink_metadata(above).is_ok_and(|m| !m.is_dir()) {
                std::fs::remove_file(above)?;
                removed += 1;
            }
        }
        std::fs::create_dir_all(parent)?;
    }
    if std::fs::symlink_metadata(dest).is_ok_and(|m| m.is_dir()) {
        removed += remove_tree(dest)?;
    }
    Ok(removed)
}

/// Removes every file inside `out` that is not in `keep` (paths inside
/// `out`), except kepu's marker and a file system's `lost+found`, then
/// the folders left empty. Returns how many files were removed.
pub(super) fn prune(out: &Path, keep: &HashSet<String>) -> io::Result<usize> {
    fault::at(Step::Prune)?;
    let (stale, folders) = walk(out, keep)?;
    for file in &stale {
        std::fs::remove_file(file)?;
    }
    // Deepest first; fails, as it should, while a folder holds something.
    for folder in folders.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
    Ok(stale.len())
}

/// The files inside `out` that [`prune`] would remove.
pub(super) fn stale(out: &Path, keep: &HashSet<String>) -> io::Result<Vec<PathBuf>> {
    walk(out, keep).map(|(stale, _)| stale)
}

/// The files inside `out` not in `keep` (nor kepu's marker, nor in
/// `lost+found`), and every folder, parents first.
fn walk(out: &Path, keep: &HashSet<String>) -> io::Result<(Vec<PathBuf>, Vec<PathBuf>)> {
    let (mut stale, mut folders) = (Vec::new(), Vec::new());
    let entries = walkdir::WalkDir::new(out)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !(e.depth() == 1 && e.file_name() == "lost+found"));
    for entry in entries {
        let entry = entry.map_err(io::Error::other)?;
        let inside = entry.path().strip_prefix(out).unwrap_or(entry.path());
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if inside != Path::new(MARKER) && !keep.contains(inside.to_string_lossy().as_ref()) {
            stale.push(entry.into_path());
        }
    }
    Ok((stale, folders))
}

/// Removes the folder `dir` and everything in it; returns how many files
/// (not folders) it held, leaving out kepu's marker at its top.
fn remove_tree(dir: &Path) -> io::Result<usize> {
    let mut files = 0;
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            std::fs::remove_dir(entry.path())?;
        } else {
            std::fs::remove_file(entry.path())?;
            files += usize::from(entry.path() != dir.join(MARKER));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn changed_files_go_in_place_and_stale_ones_go() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = dir.path().join(".staging");
        write(&out.join(MARKER), "");
        write(&out.join("index.html"), "old");
        write(&out.join("kept.css"), "same");
        write(&out.join("gone/index.html"), "stale");
        write(&out.join("was-a-file"), "a file where a folder is now");
        write(&out.join("was-a-folder/a.html"), "a folder where a file is now");
        write(&out.join("lost+found/x"), "the file system's");
        write(&staging.join("index.html"), "new");
        write(&staging.join("was-a-file/index.html"), "new");
        write(&staging.join("was-a-folder"), "new");
        let mut staged = vec![
            "index.html".into(),
            "was-a-file/index.html".into(),
            "was-a-folder".into(),
        ];
        assert_eq!(
            place(&staging, &out, &mut staged).unwrap(),
            2,
            "removed to make room"
        );
        let keep: HashSet<String> = staged.iter().cloned().chain(["kept.css".into()]).collect();
        assert_eq!(prune(&out, &keep).unwrap(), 1, "stale");
        let read = |p: &str| std::fs::read_to_string(out.join(p)).unwrap();
        assert_eq!(read("index.html"), "new");
        assert_eq!(read("was-a-file/index.html"), "new");
        assert_eq!(read("was-a-folder"), "new");
        assert_eq!(read("kept.css"), "same");
        assert!(!out.join("gone").exists(), "emptied folders are removed");
        assert!(out.join(MARKER).exists() && out.join("lost+found/x").exists());
        assert_eq!(remove_tree(&staging).unwrap(), 0);
        assert!(!staging.exists());
    }
}
