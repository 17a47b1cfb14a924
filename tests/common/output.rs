//! What a build left in its output folder, as the output tests compare it.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::{Site, snapshot};

/// Each file under `dir` with its inode and modification time.
pub fn identities(dir: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            (rel, (meta.ino(), meta.mtime(), meta.mtime_nsec()))
        })
        .collect()
}

/// The three numbers of the build's write summary, the line of `stdout`
/// starting with `first_word` (`写入 W 个文件，未变 U 个，删除 D 个`, or
/// `wrote W files, U unchanged, D deleted`).
pub fn write_summary(stdout: &str, first_word: &str) -> (usize, usize, usize) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with(first_word))
        .unwrap_or_else(|| panic!("no summary line:\n{stdout}"));
    let numbers: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .map(|w| w.replace(',', "").parse().unwrap())
        .collect();
    assert_eq!(numbers.len(), 3, "{line}");
    (numbers[0], numbers[1], numbers[2])
}

/// The site built from nothing into a folder of its own: what an
/// incremental or repeat build must equal.
pub fn clean_build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let fresh = site.dir.path().join("fresh-output");
    let _ = std::fs::remove_dir_all(&fresh);
    site.build(&["--output", fresh.to_str().unwrap()]);
    let files = snapshot(&fresh);
    std::fs::remove_dir_all(&fresh).unwrap();
    files
}
