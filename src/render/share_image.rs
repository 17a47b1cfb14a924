//! The generated share image of a page without a cover: a 1200×630 card (the
//! size chat apps and social sites crop to) in the theme's blue with the
//! page's QR code, so a shared picture still leads to the article. Written
//! by the `png` crate as a 2-bit indexed-colour PNG, deflated at the best
//! level: ~1.4 KB a card, against ~5.5 KB from `fdeflate`, which codes runs
//! of zeros and nothing else (at 10,000 pages, 42 MiB of output). Rows are
//! filtered "Sub": runs of one colour become zeros, which the encoder's
//! match search passes quickly (1.6 ms a card); unfiltered rows deflate
//! 10% smaller but the search over their repeats took 7.8 ms, 78 s of CPU
//! for a 10,000-page site.

use crate::qr::Qr;

const WIDTH: usize = 1200;
const HEIGHT: usize = 630;
/// The white panel behind the code, and the red band at the foot.
const PANEL: usize = 500;
const BAND: usize = 18;
const QUIET_ZONE: usize = 4;

/// Palette indexes.
const BLUE: u8 = 0;
const WHITE: u8 = 1;
const BLACK: u8 = 2;
const RED: u8 = 3;
const PALETTE: [[u8; 3]; 4] = [
    [0x0b, 0x4a, 0x8b],
    [0xff, 0xff, 0xff],
    [0, 0, 0],
    [0xb3, 0x12, 0x1f],
];

/// The PNG file of the share card for `qr`.
pub fn share_card(qr: &Qr) -> Result<Vec<u8>, String> {
    let modules = qr.width() + 2 * QUIET_ZONE;
    let scale = PANEL / modules;
    let code = modules * scale;
    // Centred, rounded down to a whole byte of four pixels.
    let (left, top) = ((WIDTH - code) / 2 / 4 * 4, (HEIGHT - BAND - code) / 2);
    let margin = pack_row(&[BLUE; WIDTH]);
    let band = pack_row(&[RED; WIDTH]);
    // Every pixel row of one module row is the same, so each module row is
    // drawn and packed once.
    let module_rows: Vec<Vec<u8>> = (0..modules)
        .map(|my| {
            let mut pixels = Vec::with_capacity(WIDTH);
            pixels.resize(left, BLUE);
            for mx in 0..modules {
                let dark = (QUIET_ZONE..QUIET_ZONE + qr.width()).contains(&mx)
                    && (QUIET_ZONE..QUIET_ZONE + qr.width()).contains(&my)
                    && qr.is_dark(mx - QUIET_ZONE, my - QUIET_ZONE);
                pixels.resize(pixels.len() + scale, if dark { BLACK } else { WHITE });
            }
            pixels.resize(WIDTH, BLUE);
            pack_row(&pixels)
        })
        .collect();
    let mut image = Vec::with_capacity(HEIGHT * WIDTH / 4);
    for y in 0..HEIGHT {
        image.extend(match y {
            y if y >= HEIGHT - BAND => &band,
            y if (top..top + code).contains(&y) => &module_rows[(y - top) / scale],
            _ => &margin,
        });
    }
    png(&image).map_err(|e| e.to_string())
}

/// Four 2-bit palette indexes per byte, leftmost pixel in the high bits
/// (`WIDTH` is a multiple of four).
fn pack_row(indexes: &[u8]) -> Vec<u8> {
    indexes
        .chunks_exact(4)
        .map(|four| four[0] << 6 | four[1] << 4 | four[2] << 2 | four[3])
        .collect()
}

/// The PNG file of the packed rows `image`.
fn png(image: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut file = Vec::new();
    let mut encoder = png::Encoder::new(&mut file, WIDTH as u32, HEIGHT as u32);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Two);
    encoder.set_palette(PALETTE.as_flattened());
    encoder.set_filter(png::Filter::Sub);
    encoder.set_deflate_compression(png::DeflateCompression::Level(9));
    let mut writer = encoder.write_header()?;
    writer.write_image_data(image)?;
    writer.finish()?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_is_a_small_png_of_the_right_size() {
        let png = share_card(&Qr::encode("https://e.org/tips/a/").unwrap()).unwrap();
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"));
        assert_eq!(&png[16..24], &[0, 0, 4, 176, 0, 0, 2, 118], "1200 × 630");
        assert!(png.len() < 2_000, "{} bytes", png.len());
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
    }
}
