//! Renditions kept between builds, under the site (`.kepu-cache/images/`,
//! which users keep out of git). A file's name is the hash of the
//! original's bytes and the rendition's settings, so a rebuild finds every
//! unchanged rendition without decoding anything, an edited photo gets new
//! ones, and two pages using the same photo share them.

use super::{Encoded, Gauge, ImageProblem, Rendition, Shape, render};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Raised when encoders or their settings change, so that old renditions
/// are not reused.
const VERSION: &str = "v1";

/// The content hash of an original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceKey(u128);

impl SourceKey {
    pub fn of(bytes: &[u8]) -> Self {
        SourceKey(xxhash_rust::xxh3::xxh3_128(bytes))
    }
}

/// The folder of renditions, and counts of the work it did.
#[derive(Debug)]
pub struct ImageCache {
    dir: PathBuf,
    encoded: AtomicUsize,
    gauge: Gauge,
}

impl ImageCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        ImageCache {
            dir: dir.into(),
            encoded: AtomicUsize::new(0),
            gauge: Gauge::default(),
        }
    }

    /// Where the rendition `rendition` of the original `key` is kept.
    pub fn path(&self, key: SourceKey, rendition: &Rendition) -> PathBuf {
        let hex = format!("{:032x}", key.0);
        let shape = match rendition.shape {
            Shape::Width(w) => format!("{w}w"),
            Shape::Fill(w, h) => format!("{w}x{h}"),
        };
        let name = format!(
            "{hex}-{shape}-q{}.{}",
            rendition.quality,
            rendition.format.extension()
        );
        self.dir.join(VERSION).join(&hex[..2]).join(name)
    }

    /// The cached files of `renditions` of the original `bytes`, making
    /// the missing ones (decoding the original once for all of them).
    pub fn ensure(&self, bytes: &[u8], renditions: &[Rendition]) -> Result<Vec<PathBuf>, CacheError> {
        self.ensure_with(SourceKey::of(bytes), renditions, || Ok(bytes.to_vec()))
    }

    /// [`Self::ensure`] for the original whose content hash is `key`,
    /// read by `load` only when a rendition is missing (a rebuild reads
    /// no original twice).
    pub fn ensure_with(
        &self,
        key: SourceKey,
        renditions: &[Rendition],
        load: impl FnOnce() -> std::io::Result<Vec<u8>>,
    ) -> Result<Vec<PathBuf>, CacheError> {
        let paths: Vec<PathBuf> = renditions.iter().map(|r| self.path(key, r)).collect();
        let missing: Vec<Rendition> = renditions
            .iter()
            .zip(&paths)
            .filter(|(_, path)| !path.is_file())
            .map(|(r, _)| *r)
            .collect();
        if !missing.is_empty() {
            let bytes = load().map_err(|source| CacheError::Io {
                path: PathBuf::new(),
                source,
            })?;
            for encoded in render(&bytes, &missing, &self.gauge).map_err(CacheError::Image)? {
                self.store(&self.path(key, &encoded.rendition), &encoded)?;
            }
        }
        Ok(paths)
    }

    /// Writes `encoded` at `path` through a temporary file, so that an
    /// interrupted build never leaves half a rendition to be reused.
    fn store(&self, path: &Path, encoded: &Encoded) -> Result<(), CacheError> {
        let io = |source| CacheError::Io {
            path: path.to_path_buf(),
            source,
        };
        let dir = path.parent().expect("cache files sit in a folder");
        std::fs::create_dir_all(dir).map_err(io)?;
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("rendition");
        let unique = NEXT.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}.{unique}.tmp", std::process::id()));
        std::fs::write(&temp, &encoded.bytes).map_err(io)?;
        std::fs::rename(&temp, path).map_err(io)?;
        self.encoded.fetch_add(1, Ordering::SeqCst);
        Ok(())
    }

    /// How many renditions this cache has encoded since it was made.
    pub fn encoded(&self) -> usize {
        self.encoded.load(Ordering::SeqCst)
    }

    /// The count of decoded images, alive and in all.
    pub fn gauge(&self) -> &Gauge {
        &self.gauge
    }
}

/// Why a rendition could not be had.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    #[error("{0}")]
    Image(ImageProblem),
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}
