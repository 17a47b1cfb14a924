//! Photos for the web: an original raster image in, its published
//! renditions out — resized (never upscaled), EXIF orientation applied to
//! the pixels, encoded as WebP plus a JPEG (or, with transparency, PNG)
//! fallback, and carrying no metadata at all (no EXIF, GPS, XMP or camera
//! data survives re-encoding from pixels).
//!
//! Pure library: [`probe`] reads what the HTML needs (the displayed size)
//! from the header alone, [`render`] decodes once and makes every
//! rendition asked for; [`cache::ImageCache`] names renditions kept between
//! builds, keyed by the image's bytes and the rendition's settings, and
//! [`index::Headers`] the headers of originals already read, by size and
//! modification time; [`Plan`] decides every original's files before
//! rendering and which the cache lacks; [`html::Pictures`] writes their
//! `<picture>` elements. The output stage (`output::cache`) makes the
//! missing renditions and writes them and the index.

pub mod cache;
mod decode;
mod encode;
pub mod html;
pub mod index;
mod messages;
pub mod plan;
mod resize;
mod settings;

pub use cache::ImageCache;
pub use decode::{ImageProblem, Probe, probe};
pub use index::Headers;
pub use plan::{Job, Original, Plan, Planned};
pub use settings::Settings;

/// Where a site keeps its renditions between builds (git-ignored).
pub const CACHE_DIR: &str = ".kepu-cache/images";

/// Whether a file with this name is a raster image kepu publishes as
/// renditions (HEIC and AVIF included, to be refused with a hint).
pub fn is_raster(name: &str) -> bool {
    let ext = name
        .rsplit_once('.')
        .map_or("", |(_, ext)| ext)
        .to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "jpg" | "jpeg" | "png" | "webp" | "heic" | "heif" | "avif"
    )
}

use std::sync::atomic::{AtomicUsize, Ordering};

/// An encoded file format of a rendition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Webp,
    Jpeg,
    Png,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Webp => "webp",
            Format::Jpeg => "jpg",
            Format::Png => "png",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
        }
    }
}

/// How a rendition is cut from the (oriented) original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// This many pixels wide, the height following the original's aspect.
    /// Never wider than the original.
    Width(u32),
    /// Exactly this size, the original cropped around its centre to the
    /// aspect first (share cards, WeChat cover shapes). Never upscaled:
    /// a smaller original gives the largest crop of that aspect it holds.
    Fill(u32, u32),
}

/// One file to make from an original.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rendition {
    pub shape: Shape,
    pub format: Format,
    /// 1–100, for WebP and JPEG.
    pub quality: u8,
}

impl Rendition {
    /// The pixel size this rendition has for an original of `probe`'s size.
    pub fn size(&self, probe: &Probe) -> (u32, u32) {
        resize::target_size(probe.width, probe.height, self.shape)
    }
}

/// One encoded rendition.
#[derive(Debug, Clone)]
pub struct Encoded {
    pub rendition: Rendition,
    pub width: u32,
    pub height: u32,
    pub bytes: Vec<u8>,
}

/// Decodes `bytes` once and makes each of `renditions` from it, in order.
/// `gauge` counts the decoded image while it lives.
pub fn render(bytes: &[u8], renditions: &[Rendition], gauge: &Gauge) -> Result<Vec<Encoded>, ImageProblem> {
    let _live = gauge.enter();
    let decoded = decode::decode(bytes)?;
    renditions
        .iter()
        .map(|rendition| {
            let pixels = resize::resize(&decoded, rendition.shape);
            let bytes = encode::encode(&pixels, rendition.format, rendition.quality)?;
            Ok(Encoded {
                rendition: *rendition,
                width: pixels.width,
                height: pixels.height,
                bytes,
            })
        })
        .collect()
}

/// Counts decoded images alive at once and the most there ever were, so
/// that the bound on memory (one decoded image per thread: a 12-megapixel
/// photo is 36 MB) is checked, not assumed.
#[derive(Debug, Default)]
pub struct Gauge {
    live: AtomicUsize,
    peak: AtomicUsize,
    decoded: AtomicUsize,
}

impl Gauge {
    fn enter(&self) -> GaugeGuard<'_> {
        let now = self.live.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
        self.decoded.fetch_add(1, Ordering::SeqCst);
        GaugeGuard(self)
    }

    /// The most decoded images that were in memory at one time.
    pub fn peak(&self) -> usize {
        self.peak.load(Ordering::SeqCst)
    }

    /// How many images were decoded.
    pub fn decoded(&self) -> usize {
        self.decoded.load(Ordering::SeqCst)
    }
}

struct GaugeGuard<'a>(&'a Gauge);

impl Drop for GaugeGuard<'_> {
    fn drop(&mut self) {
        self.0.live.fetch_sub(1, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests;
