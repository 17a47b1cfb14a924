//! Renditions kept between builds, under the site (`.kepu-cache/images/`,
//! which users keep out of git). A file's name is the hash of the
//! original's bytes and the rendition's settings, so a rebuild finds every
//! unchanged rendition without decoding anything, an edited photo gets new
//! ones, and two pages using the same photo share them. This module names
//! and makes them; the output stage writes them.

use super::{Encoded, Gauge, ImageProblem, Rendition, Shape, render};
use std::path::PathBuf;

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

    /// 32 hex digits, as in the cache's file names.
    pub fn to_hex(self) -> String {
        format!("{:032x}", self.0)
    }

    pub fn from_hex(hex: &str) -> Option<Self> {
        (hex.len() == 32).then(|| u128::from_str_radix(hex, 16).ok().map(SourceKey))?
    }
}

/// The folder of renditions and the count of decoded images. It only
/// names files: the output stage writes them (`output::cache`).
#[derive(Debug)]
pub struct ImageCache {
    dir: PathBuf,
    gauge: Gauge,
}

impl ImageCache {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        ImageCache {
            dir: dir.into(),
            gauge: Gauge::default(),
        }
    }

    /// Where the rendition `rendition` of the original `key` is kept.
    pub fn path(&self, key: SourceKey, rendition: &Rendition) -> PathBuf {
        let hex = key.to_hex();
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

    /// Which of `renditions` of the original `key` the cache lacks.
    pub fn missing(&self, key: SourceKey, renditions: &[Rendition]) -> Vec<Rendition> {
        renditions
            .iter()
            .filter(|r| !self.path(key, r).is_file())
            .copied()
            .collect()
    }

    /// Decodes `bytes` (the original `key`) once and encodes each of
    /// `renditions`, with the path each is kept at. Bytes that are not
    /// those of `key` (the file changed after its header was read) are
    /// refused: their renditions would be kept under the wrong name.
    pub fn render(
        &self,
        key: SourceKey,
        bytes: &[u8],
        renditions: &[Rendition],
    ) -> Result<Vec<(PathBuf, Encoded)>, ImageProblem> {
        if SourceKey::of(bytes) != key {
            return Err(super::messages::changed_meanwhile());
        }
        let encoded = render(bytes, renditions, &self.gauge)?;
        Ok(encoded
            .into_iter()
            .map(|e| (self.path(key, &e.rendition), e))
            .collect())
    }

    /// The count of decoded images, alive and in all.
    pub fn gauge(&self) -> &Gauge {
        &self.gauge
    }
}
