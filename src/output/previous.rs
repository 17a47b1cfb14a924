//! The previous build's file at an output's path, compared with what the
//! new build made: equal bytes mean the file need not be written again
//! (it keeps its inode and modification time, so `rsync`, `ossutil` or
//! `aws s3 sync` leave it alone). The comparison reads the old file; a
//! size that differs settles it without reading. An output that is the
//! old file itself (the output record found its recipe unchanged, so it
//! was not rendered again: `record.rs`) is the same without reading.

use crate::files::Output;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// What the previous output holds at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Previous {
    /// No file there (nothing, or a folder).
    Missing,
    /// A file with other bytes (or one that cannot be read).
    Different,
    /// A file with the same bytes.
    Same,
}

/// Compares `output` with the file at `old`.
pub(super) fn compare(old: &Path, output: &Output) -> Previous {
    let Ok(meta) = std::fs::symlink_metadata(old) else {
        return Previous::Missing;
    };
    if !meta.is_file() {
        return Previous::Missing;
    }
    let same = match output {
        Output::Bytes { bytes, .. } => meta.len() == bytes.len() as u64 && file_holds(old, bytes),
        Output::Copy { from, .. } if from == old => true,
        Output::Copy { from, .. } => {
            std::fs::metadata(from).is_ok_and(|m| m.len() == meta.len()) && same_files(old, from)
        }
    };
    if same { Previous::Same } else { Previous::Different }
}

const CHUNK: usize = 64 * 1024;

/// True when the file at `path` holds exactly `expected`.
fn file_holds(path: &Path, expected: &[u8]) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let mut buffer = vec![0; CHUNK.min(expected.len() + 1)];
    let mut rest = expected;
    loop {
        match read_full(&mut file, &mut buffer) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && buffer[..n] == rest[..n] => rest = &rest[n..],
            _ => return false,
        }
    }
}

/// True when the files at `a` and `b` hold the same bytes.
fn same_files(a: &Path, b: &Path) -> bool {
    let (Ok(mut a), Ok(mut b)) = (File::open(a), File::open(b)) else {
        return false;
    };
    let (mut left, mut right) = (vec![0; CHUNK], vec![0; CHUNK]);
    loop {
        match (read_full(&mut a, &mut left), read_full(&mut b, &mut right)) {
            (Ok(0), Ok(0)) => return true,
            (Ok(n), Ok(m)) if n == m && left[..n] == right[..m] => {}
            _ => return false,
        }
    }
}

/// Reads until `buffer` is full or the file ends; the number of bytes read.
fn read_full(file: &mut File, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match file.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_bytes_and_equal_copies_are_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("old.html");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&old, &big).unwrap();
        assert_eq!(compare(&old, &Output::bytes("x", big.clone())), Previous::Same);
        let mut changed = big.clone();
        changed[150_000] ^= 1;
        assert_eq!(
            compare(&old, &Output::bytes("x", changed.clone())),
            Previous::Different
        );
        assert_eq!(
            compare(&old, &Output::bytes("x", &big[..1000])),
            Previous::Different
        );
        assert_eq!(compare(&old, &Output::bytes("x", "")), Previous::Different);

        let source = dir.path().join("source.png");
        std::fs::write(&source, &big).unwrap();
        assert_eq!(compare(&old, &Output::copy("x", &source)), Previous::Same);
        std::fs::write(&source, &changed).unwrap();
        assert_eq!(compare(&old, &Output::copy("x", &source)), Previous::Different);

        assert_eq!(
            compare(&dir.path().join("none"), &Output::bytes("x", "")),
            Previous::Missing
        );
        assert_eq!(compare(dir.path(), &Output::bytes("x", "")), Previous::Missing);
        let empty = dir.path().join("empty");
        std::fs::write(&empty, "").unwrap();
        assert_eq!(compare(&empty, &Output::bytes("x", "")), Previous::Same);
    }
}
