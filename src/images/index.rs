//! The headers of the originals already read — content key, displayed
//! size, transparency, format — by file, with the size and modification
//! time they were read at. Held in memory while serving, and kept between
//! builds in [`INDEX_FILE`] (written by the output stage), so that a
//! rebuild with nothing changed reads no original: a changed size or
//! modification time reads it again. An original read for its header is
//! also kept in memory ([`Snapshot`], within [`SNAPSHOT_BUDGET`]), so that
//! encoding it does not read it a second time.

use super::cache::SourceKey;
use super::{Probe, probe};
use crate::error::Diagnostic;
use crate::messages::msg;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Where the index is kept, under the site (git-ignored with the rest of
/// `.kepu-cache/`).
pub const INDEX_FILE: &str = ".kepu-cache/photos.json";

/// How many bytes of originals one run keeps in memory after reading
/// their headers: 100 phone photos are some 600 MB, so past about 40 of
/// them the rest are read again to be encoded (and checked to be the
/// bytes whose header was read).
pub const SNAPSHOT_BUDGET: usize = 256 << 20;

/// Raised when what an entry means changes, so that old indexes are not
/// trusted.
const VERSION: u32 = 1;

/// What planning needs of an original's bytes: its header, content hash
/// and size warning.
#[derive(Debug, Clone)]
pub struct Header {
    pub probe: Probe,
    pub key: SourceKey,
    pub warning: Option<Diagnostic>,
}

/// A file's size and modification time.
type Stamp = (u64, SystemTime);

/// The headers read so far (from originals or from the index), by file.
#[derive(Debug, Default)]
pub struct Headers {
    read: Mutex<HashMap<PathBuf, (Stamp, Header)>>,
    /// The index of this site's root has been loaded.
    loaded: Mutex<Option<PathBuf>>,
    /// Originals read since [`Self::take_reads`] was last called.
    reads: AtomicUsize,
    /// Their bytes, within [`SNAPSHOT_BUDGET`], until [`Self::take_snapshots`].
    snapshots: Mutex<Snapshots>,
}

/// The bytes of an original as its header was read, shared.
#[derive(Clone)]
pub struct Snapshot(Arc<[u8]>);

impl Snapshot {
    pub fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Snapshot({} bytes)", self.0.len())
    }
}

/// The originals read in one run, by content key, and their bytes in all.
#[derive(Debug, Default)]
pub struct Snapshots {
    by_key: HashMap<SourceKey, Snapshot>,
    held: usize,
}

impl Snapshots {
    /// Keeps `bytes` of `key` unless they are kept already or would
    /// overrun the budget.
    fn keep(&mut self, key: SourceKey, bytes: Vec<u8>) {
        if self.by_key.contains_key(&key) || self.held + bytes.len() > SNAPSHOT_BUDGET {
            return;
        }
        self.held += bytes.len();
        self.by_key.insert(key, Snapshot(bytes.into()));
    }

    /// The bytes of `key`, if kept.
    pub fn take(&mut self, key: SourceKey) -> Option<Snapshot> {
        self.by_key.remove(&key)
    }
}

impl Headers {
    /// Adds the entries of the index of the site at `root`, once: a
    /// missing or unreadable index (an older kepu's, a damaged one) is
    /// an empty one, the originals then read again.
    pub fn load(&self, root: &Path) {
        let mut loaded = lock(&self.loaded);
        if loaded.as_deref() == Some(root) {
            return;
        }
        *loaded = Some(root.to_path_buf());
        let Some(index) = std::fs::read(root.join(INDEX_FILE))
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Index>(&bytes).ok())
            .filter(|index| index.version == VERSION)
        else {
            return;
        };
        let mut known = self.lock();
        for entry in index.photos {
            if let Some((file, at, header)) = entry.into_header(root) {
                known.entry(file).or_insert((at, header));
            }
        }
    }

    /// The header of `file`, read from it unless known at its present
    /// size and modification time.
    pub fn read(&self, file: &Path) -> Result<Header, Diagnostic> {
        let failed =
            |e: std::io::Error| Diagnostic::new(file, msg!("image-unreadable", reason = e.to_string()));
        let meta = std::fs::metadata(file).map_err(failed)?;
        let stamp = (meta.len(), meta.modified().map_err(failed)?);
        if let Some((_, header)) = self.lock().get(file).filter(|(at, _)| *at == stamp) {
            return Ok(header.clone());
        }
        self.reads.fetch_add(1, Ordering::SeqCst);
        let bytes = std::fs::read(file).map_err(failed)?;
        let probe =
            probe(&bytes).map_err(|problem| Diagnostic::new(file, problem.message).hint(problem.hint))?;
        let header = Header {
            warning: large_warning(file, &probe, bytes.len() as u64),
            key: SourceKey::of(&bytes),
            probe,
        };
        self.lock().insert(file.to_path_buf(), (stamp, header.clone()));
        lock(&self.snapshots).keep(header.key, bytes);
        Ok(header)
    }

    /// How many originals were read since the last call.
    pub fn take_reads(&self) -> usize {
        self.reads.swap(0, Ordering::SeqCst)
    }

    /// The bytes of the originals read since the last call, as far as
    /// the budget kept them.
    pub fn take_snapshots(&self) -> Snapshots {
        std::mem::take(&mut *lock(&self.snapshots))
    }

    /// The index of `files` (the originals the site uses now, so that
    /// removed photos leave it) under the site at `root`, as its file's
    /// bytes.
    pub fn index<'f>(&self, root: &Path, files: impl Iterator<Item = &'f Path>) -> Vec<u8> {
        let known = self.lock();
        let mut photos: Vec<Entry> = files
            .filter_map(|file| {
                let (stamp, header) = known.get(file)?;
                // A theme's photo outside the site keeps its full path.
                Entry::of(file.strip_prefix(root).unwrap_or(file), *stamp, header)
            })
            .collect();
        photos.sort_by(|a, b| a.path.cmp(&b.path));
        photos.dedup_by(|a, b| a.path == b.path);
        let index = Index {
            version: VERSION,
            photos,
        };
        serde_json::to_vec_pretty(&index).expect("an index serialises")
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, (Stamp, Header)>> {
        lock(&self.read)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

fn large_warning(file: &Path, probe: &Probe, len: u64) -> Option<Diagnostic> {
    probe
        .large_warning(usize::try_from(len).unwrap_or(usize::MAX))
        .map(|problem| Diagnostic::new(file, problem.message).hint(problem.hint))
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Index {
    version: u32,
    photos: Vec<Entry>,
}

/// One original as the index keeps it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    /// Relative to the site's root (or, outside it, absolute), `/`-separated.
    path: String,
    len: u64,
    /// Modification time since the Unix epoch: seconds and nanoseconds.
    mtime: (u64, u32),
    /// The content key, 32 hex digits.
    key: String,
    width: u32,
    height: u32,
    alpha: bool,
    /// The original's format, by its usual extension.
    format: String,
}

impl Entry {
    fn of(path: &Path, (len, modified): Stamp, header: &Header) -> Option<Entry> {
        let since = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
        let path = path
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect::<Option<Vec<_>>>()?
            .join("/");
        Some(Entry {
            path,
            len,
            mtime: (since.as_secs(), since.subsec_nanos()),
            key: header.key.to_hex(),
            width: header.probe.width,
            height: header.probe.height,
            alpha: header.probe.alpha,
            format: header.probe.format.extensions_str().first()?.to_string(),
        })
    }

    fn into_header(self, root: &Path) -> Option<(PathBuf, Stamp, Header)> {
        let file = root.join(&self.path);
        let modified = SystemTime::UNIX_EPOCH.checked_add(Duration::new(self.mtime.0, self.mtime.1))?;
        let probe = Probe {
            width: self.width,
            height: self.height,
            alpha: self.alpha,
            format: image::ImageFormat::from_extension(&self.format)?,
        };
        let header = Header {
            warning: large_warning(&file, &probe, self.len),
            key: SourceKey::from_hex(&self.key)?,
            probe,
        };
        Some((file, (self.len, modified), header))
    }
}
