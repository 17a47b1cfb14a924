//! `images:` in `kepu.yaml`: which widths and formats photos are published
//! in, at what quality, and whether the (stripped) originals go out too.

use super::Format;
use crate::messages::msg;
use serde::{Deserialize, Serialize};

/// `images:` — how raster images are published.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// The widths of the `srcset`, in pixels; those wider than a photo are
    /// left out and the photo's own width is used once instead.
    #[serde(deserialize_with = "widths")]
    pub widths: Vec<u32>,
    /// WebP and JPEG quality, 1–100.
    #[serde(deserialize_with = "quality")]
    pub quality: u8,
    /// `webp` and/or `jpeg` (the fallback: PNG for originals in PNG, so
    /// diagrams and transparency stay sharp), in order of preference.
    #[serde(deserialize_with = "formats")]
    pub formats: Vec<Format>,
    /// The `sizes` attribute: how wide the image is shown on the page.
    pub sizes: String,
    /// Also publish each original at its full size (orientation applied,
    /// metadata removed, re-encoded).
    pub keep_originals: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            widths: vec![480, 960, 1600],
            quality: 80,
            formats: vec![Format::Webp, Format::Jpeg],
            sizes: "(min-width: 48rem) 46rem, 100vw".into(),
            keep_originals: false,
        }
    }
}

fn widths<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<u32>, D::Error> {
    let mut widths = Vec::<u32>::deserialize(deserializer)?;
    if widths.is_empty() || widths.iter().any(|w| !(16..=8192).contains(w)) {
        return Err(serde::de::Error::custom(msg!("image-widths-invalid")));
    }
    widths.sort_unstable();
    widths.dedup();
    Ok(widths)
}

fn quality<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<u8, D::Error> {
    let value = u8::deserialize(deserializer)?;
    if !(1..=100).contains(&value) {
        return Err(serde::de::Error::custom(msg!("image-quality-invalid")));
    }
    Ok(value)
}

fn formats<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<Format>, D::Error> {
    let mut formats = Vec::<Format>::deserialize(deserializer)?;
    formats.dedup();
    if formats.is_empty() || formats.contains(&Format::Png) {
        return Err(serde::de::Error::custom(msg!("image-formats-invalid")));
    }
    Ok(formats)
}
