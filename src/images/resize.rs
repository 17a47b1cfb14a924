//! Scaling and cropping with `fast_image_resize` (SIMD convolution), on
//! the original's pixels as stored; the orientation is applied to the
//! small result, which costs a fraction of turning the whole photo.

use super::Shape;
use super::decode::{Decoded, Pixels, swaps_axes};
use fast_image_resize::images::{Image, ImageRef};
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};

/// The size of `shape` cut from a `width`×`height` original (as displayed),
/// never larger than the original.
pub fn target_size(width: u32, height: u32, shape: Shape) -> (u32, u32) {
    match shape {
        Shape::Width(w) if w >= width => (width, height),
        Shape::Width(w) => (w, scaled(height, w, width)),
        Shape::Fill(w, h) if w <= width && h <= height => (w, h),
        Shape::Fill(w, h) => {
            // The largest crop of aspect w:h the original holds.
            if u64::from(width) * u64::from(h) <= u64::from(height) * u64::from(w) {
                (width, scaled(h, width, w))
            } else {
                (scaled(w, height, h), height)
            }
        }
    }
}

/// `value` × `num` / `den`, rounded, at least 1.
fn scaled(value: u32, num: u32, den: u32) -> u32 {
    let exact = (u64::from(value) * u64::from(num) + u64::from(den) / 2) / u64::from(den);
    u32::try_from(exact).unwrap_or(u32::MAX).max(1)
}

/// `decoded` made into `shape`, oriented as it is displayed.
pub fn resize(decoded: &Decoded, shape: Shape) -> Pixels {
    let source = &decoded.pixels;
    let turned = swaps_axes(decoded.orientation);
    let (shown_w, shown_h) = if turned {
        (source.height, source.width)
    } else {
        (source.width, source.height)
    };
    let (w, h) = target_size(shown_w, shown_h, shape);
    let (stored_w, stored_h) = if turned { (h, w) } else { (w, h) };
    let scaled = scale(source, stored_w, stored_h);
    let mut image = scaled.into_image();
    image.apply_orientation(decoded.orientation);
    let alpha = source.alpha;
    Pixels {
        width: image.width(),
        height: image.height(),
        alpha,
        data: image.into_bytes(),
    }
}

/// `source` scaled to `width`×`height`, cropped around its centre to that
/// aspect when it differs.
fn scale(source: &Pixels, width: u32, height: u32) -> Pixels {
    let pixel_type = if source.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    if (width, height) == (source.width, source.height) {
        return Pixels {
            data: source.data.clone(),
            ..*source
        };
    }
    let from = ImageRef::new(source.width, source.height, &source.data, pixel_type)
        .expect("a buffer of its own size");
    let mut to = Image::new(width, height, pixel_type);
    let options = ResizeOptions::new()
        .resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3))
        .fit_into_destination(Some((0.5, 0.5)));
    Resizer::new()
        .resize(&from, &mut to, &options)
        .expect("same pixel type on both sides");
    Pixels {
        width,
        height,
        alpha: source.alpha,
        data: to.into_vec(),
    }
}
