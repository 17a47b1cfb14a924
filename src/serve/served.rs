//! The site being served: every output file by its path, kept in memory
//! (copied files are read from their source on request), and how one
//! build's files differ from the last.

use crate::files::Output;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// One file of the served site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServedFile {
    Bytes(Arc<[u8]>),
    /// A file copied from the site (static files, content assets), with
    /// its size and modification time when the build saw it.
    Copy {
        from: PathBuf,
        stamp: Option<Stamp>,
    },
}

/// What tells a copied file's new version from its old one.
pub type Stamp = (u64, SystemTime);

pub fn stamp(file: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(file).ok()?;
    Some((meta.len(), meta.modified().ok()?))
}

/// A built site, ready to serve: output path (`tips/a/index.html`) → file.
#[derive(Debug, Default, Clone)]
pub struct Served {
    pub files: HashMap<String, ServedFile>,
    /// The path every URL of the site starts with: `/` or `/kexie/`.
    pub base_path: String,
}

impl Served {
    pub fn new(outputs: Vec<Output>, base_path: &str) -> Served {
        Served {
            files: outputs.into_iter().map(served_file).collect(),
            base_path: base_path.to_string(),
        }
    }

    /// Puts `outputs` in (the changed pages, ahead of the rest of a
    /// rebuild); returns the paths whose files changed, sorted.
    pub fn put(&mut self, outputs: Vec<Output>) -> Vec<String> {
        let mut changed = Vec::new();
        for (path, file) in outputs.into_iter().map(served_file) {
            if !self.files.get(&path).is_some_and(|old| same_file(old, &file)) {
                changed.push(path.clone());
            }
            self.files.insert(path, file);
        }
        changed.sort();
        changed
    }

    /// Notes the new versions of the copied files whose source is one of
    /// `files` (photo renditions just made in the cache); returns the
    /// paths that changed, sorted.
    pub fn refresh(&mut self, files: &[PathBuf]) -> Vec<String> {
        let outputs: Vec<Output> = files
            .iter()
            .flat_map(|from| {
                self.copies_of(from).map(|path| Output::Copy {
                    path: path.to_string(),
                    from: from.clone(),
                })
            })
            .collect();
        self.put(outputs)
    }

    /// Whether `path` is a copy of a file that does not exist (yet): a
    /// photo rendition still to be made answers 404, as it did before.
    pub fn is_missing_copy(&self, path: &str) -> bool {
        matches!(self.files.get(path), Some(ServedFile::Copy { stamp: None, .. }))
    }

    /// A stand-in home page until the first good build, so that the
    /// problems show in the browser (the page carries the live-reload script).
    pub fn waiting(base_path: &str, script: &str) -> Served {
        let page = format!(
            "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>kepu</title></head>\
             <body><p>kepu is waiting for a good build.</p>{script}</body></html>"
        );
        Served::new(vec![Output::bytes("index.html", page)], base_path)
    }

    /// Output paths that differ between `self` and `newer` (changed, added
    /// or removed), sorted.
    pub fn changed_paths(&self, newer: &Served) -> Vec<String> {
        let mut changed: Vec<String> = newer
            .files
            .iter()
            .filter(|(path, file)| !self.files.get(*path).is_some_and(|old| same_file(old, file)))
            .map(|(path, _)| path.clone())
            .chain(
                self.files
                    .keys()
                    .filter(|path| !newer.files.contains_key(*path))
                    .cloned(),
            )
            .collect();
        changed.sort();
        changed
    }

    /// The copied files whose source is `file`, if any.
    pub fn copies_of<'a>(&'a self, file: &'a Path) -> impl Iterator<Item = &'a str> + 'a {
        self.files.iter().filter_map(move |(path, served)| match served {
            ServedFile::Copy { from, .. } if from == file => Some(path.as_str()),
            _ => None,
        })
    }

    /// The same site with the stamps of copied files read again.
    pub fn restamped(&self) -> Served {
        let files = self
            .files
            .iter()
            .map(|(path, file)| {
                let file = match file {
                    ServedFile::Copy { from, .. } => ServedFile::Copy {
                        from: from.clone(),
                        stamp: stamp(from),
                    },
                    bytes => bytes.clone(),
                };
                (path.clone(), file)
            })
            .collect();
        Served {
            files,
            base_path: self.base_path.clone(),
        }
    }
}

/// An output as the served site keeps it, by its path.
fn served_file(output: Output) -> (String, ServedFile) {
    match output {
        Output::Bytes { path, bytes } => (path, ServedFile::Bytes(bytes)),
        Output::Copy { path, from } => {
            let stamp = stamp(&from);
            (path, ServedFile::Copy { from, stamp })
        }
    }
}

/// Shared bytes compare by identity first: a page reused from the last
/// build is the same allocation.
fn same_file(old: &ServedFile, new: &ServedFile) -> bool {
    match (old, new) {
        (ServedFile::Bytes(a), ServedFile::Bytes(b)) => Arc::ptr_eq(a, b) || a == b,
        _ => old == new,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changed_paths_lists_changed_added_and_removed_files() {
        let old = Served::new(
            vec![
                Output::bytes("a/index.html", "a"),
                Output::bytes("b/index.html", "b"),
                Output::bytes("gone.html", "x"),
            ],
            "/",
        );
        let new = Served::new(
            vec![
                Output::bytes("a/index.html", "a"),
                Output::bytes("b/index.html", "B"),
                Output::bytes("new.html", "n"),
            ],
            "/",
        );
        assert_eq!(old.changed_paths(&new), ["b/index.html", "gone.html", "new.html"]);
        assert!(new.changed_paths(&new).is_empty());
    }
}
