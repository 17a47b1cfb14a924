//! Encoding pixels. Nothing but pixels goes in, so nothing of the
//! original's metadata (EXIF, GPS, XMP, ICC) can come out.
//!
//! - WebP: libwebp (the `webp` crate), lossy; the pure-Rust `image-webp`
//!   encodes lossless only, 20× larger for photos (see the commit).
//! - JPEG: `jpeg-encoder` (pure Rust, SIMD, 4:2:0 chroma like libjpeg's
//!   default): 4× faster than `image`'s encoder and a third smaller at
//!   the same quality setting.
//! - PNG: `image`'s encoder (the `png` crate), for graphics with alpha.

use super::decode::ImageProblem;
use super::decode::Pixels;
use super::{Format, messages};
use crate::messages::msg;

/// libwebp's effort (0 fastest – 6 smallest). 4, its default, is 20%
/// smaller than 0 at the same quality and dominates the cost of a photo.
const WEBP_METHOD: i32 = 4;

pub fn encode(pixels: &Pixels, format: Format, quality: u8) -> Result<Vec<u8>, ImageProblem> {
    match format {
        Format::Webp => webp(pixels, quality),
        Format::Jpeg => jpeg(pixels, quality),
        Format::Png => png(pixels),
    }
}

fn webp(pixels: &Pixels, quality: u8) -> Result<Vec<u8>, ImageProblem> {
    let encoder = if pixels.alpha {
        webp::Encoder::from_rgba(&pixels.data, pixels.width, pixels.height)
    } else {
        webp::Encoder::from_rgb(&pixels.data, pixels.width, pixels.height)
    };
    let mut config = webp::WebPConfig::new().map_err(|()| messages::encode_failed("libwebp"))?;
    config.quality = f32::from(quality);
    config.method = WEBP_METHOD;
    encoder
        .encode_advanced(&config)
        .map(|memory| memory.to_vec())
        .map_err(|e| messages::encode_failed(&format!("WebP: {e:?}")))
}

fn jpeg(pixels: &Pixels, quality: u8) -> Result<Vec<u8>, ImageProblem> {
    let too_large = || messages::encode_failed(&msg!("jpeg-too-large"));
    let width = u16::try_from(pixels.width).map_err(|_| too_large())?;
    let height = u16::try_from(pixels.height).map_err(|_| too_large())?;
    let color = if pixels.alpha {
        jpeg_encoder::ColorType::Rgba
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, quality);
    // Progressive: a photo shows whole and blurred first on slow networks.
    encoder.set_progressive(true);
    encoder
        .encode(&pixels.data, width, height, color)
        .map_err(|e| messages::encode_failed(&e.to_string()))?;
    Ok(bytes)
}

fn png(pixels: &Pixels) -> Result<Vec<u8>, ImageProblem> {
    use image::ImageEncoder;
    let color = if pixels.alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let mut bytes = Vec::new();
    image::codecs::png::PngEncoder::new(&mut bytes)
        .write_image(&pixels.data, pixels.width, pixels.height, color)
        .map_err(|e| messages::encode_failed(&e.to_string()))?;
    Ok(bytes)
}
