//! Reading originals: the format from the first bytes (so a HEIC photo
//! renamed `.jpg` is still named for what it is), the size and orientation
//! from the header, and the pixels, within limits that keep a
//! decompression bomb from taking the machine's memory.

use super::messages;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Originals above this many pixels are refused: decoding one would take
/// over 1 GB.
pub const MAX_PIXELS: u64 = 250_000_000;

/// Originals above this many pixels are processed with a warning: they
/// slow every cold build and no reader's screen needs them.
pub const LARGE_PIXELS: u64 = 40_000_000;

/// What is wrong with an original, in words for the editor.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ImageProblem {
    pub message: String,
    pub hint: String,
}

/// What the header of a decodable original says: its size as displayed
/// (orientation applied), whether it has an alpha channel, its format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub format: ImageFormat,
}

impl Probe {
    /// The warning for an original so large that the editor should be
    /// told (`len`: its size in bytes).
    pub fn large_warning(&self, len: usize) -> Option<ImageProblem> {
        (u64::from(self.width) * u64::from(self.height) > LARGE_PIXELS)
            .then(|| messages::large(self.width, self.height, len))
    }
}

/// The decoded pixels of an original, not yet oriented.
pub struct Decoded {
    pub pixels: Pixels,
    pub orientation: Orientation,
}

/// 8-bit pixels, RGB or (with an alpha channel) RGBA, row by row.
pub struct Pixels {
    pub width: u32,
    pub height: u32,
    pub alpha: bool,
    pub data: Vec<u8>,
}

impl Pixels {
    fn from_image(image: DynamicImage) -> Self {
        let (width, height) = (image.width(), image.height());
        let alpha = image.color().has_alpha();
        let data = if alpha {
            image.into_rgba8().into_raw()
        } else {
            image.into_rgb8().into_raw()
        };
        Pixels {
            width,
            height,
            alpha,
            data,
        }
    }

    pub fn into_image(self) -> DynamicImage {
        let Pixels {
            width,
            height,
            alpha,
            data,
        } = self;
        let image = if alpha {
            image::RgbaImage::from_raw(width, height, data).map(DynamicImage::ImageRgba8)
        } else {
            image::RgbImage::from_raw(width, height, data).map(DynamicImage::ImageRgb8)
        };
        image.expect("a buffer of its own size")
    }
}

/// Reads the header of `bytes` without decoding the pixels.
pub fn probe(bytes: &[u8]) -> Result<Probe, ImageProblem> {
    let format = sniff(bytes)?;
    if format == ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        return Err(messages::truncated());
    }
    let mut decoder = decoder(bytes, format)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = decoder.dimensions();
    check_pixels(width, height)?;
    let (width, height) = if swaps_axes(orientation) {
        (height, width)
    } else {
        (width, height)
    };
    Ok(Probe {
        width,
        height,
        alpha: decoder.color_type().has_alpha(),
        format,
    })
}

/// Decodes the pixels of `bytes`.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImageProblem> {
    let format = sniff(bytes)?;
    let mut decoder = decoder(bytes, format)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (width, height) = decoder.dimensions();
    check_pixels(width, height)?;
    let image = DynamicImage::from_decoder(decoder).map_err(|e| messages::undecodable(&e.to_string()))?;
    Ok(Decoded {
        pixels: Pixels::from_image(image),
        orientation,
    })
}

/// Whether `orientation` turns the image by a quarter.
pub fn swaps_axes(orientation: Orientation) -> bool {
    use Orientation::*;
    matches!(orientation, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
}

fn decoder(bytes: &[u8], format: ImageFormat) -> Result<impl ImageDecoder + '_, ImageProblem> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_alloc = Some(MAX_PIXELS * 4);
    reader.limits(limits);
    reader
        .into_decoder()
        .map_err(|e| messages::undecodable(&e.to_string()))
}

fn check_pixels(width: u32, height: u32) -> Result<(), ImageProblem> {
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(messages::too_large(width, height, MAX_PIXELS));
    }
    Ok(())
}

/// The format `bytes` are in, from their first bytes; a clear problem for
/// formats kepu does not read (HEIC and AVIF from phones, TIFF, BMP…).
pub fn sniff(bytes: &[u8]) -> Result<ImageFormat, ImageProblem> {
    if let Some(brand) = iso_brand(bytes) {
        return Err(match brand {
            b"avif" | b"avis" => messages::unsupported("AVIF"),
            _ => messages::heic(),
        });
    }
    match image::guess_format(bytes) {
        Ok(format @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => Ok(format),
        Ok(other) => Err(messages::unsupported(
            other.extensions_str().first().copied().unwrap_or("?"),
        )),
        Err(_) => Err(messages::not_an_image()),
    }
}

/// Whether a JPEG's last scan is followed by its end marker. A photo cut
/// off while downloading decodes without error, grey below the cut; its
/// last start-of-scan (`FF DA`; an EXIF thumbnail's scans come before the
/// photo's) has no `FF D9` after it (entropy-coded data never holds one).
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let marker = |m: u8| move |w: &[u8]| w == [0xFF, m];
    let Some(last_scan) = bytes.windows(2).rposition(marker(0xDA)) else {
        return false;
    };
    bytes[last_scan..].windows(2).any(marker(0xD9))
}

/// The major brand of an ISO media file (HEIC, HEIF, AVIF: `....ftypheic`).
fn iso_brand(bytes: &[u8]) -> Option<&[u8; 4]> {
    (bytes.get(4..8)? == b"ftyp")
        .then(|| bytes[8..12].try_into().ok())
        .flatten()
}
