//! The generated share image of a page without a cover: a 1200×630 card (the
//! size chat apps and social sites crop to) in the theme's blue with the
//! page's QR code, so a shared picture still leads to the article. A 2-bit
//! indexed-colour PNG whose image data `zlib` codes from the rows' own
//! repeats: ~1.65 KB a card in 0.08 ms. (`png`'s best deflate level made
//! 1.4 KB in 1.6 ms, 16 s of CPU for a 10,000-page site; `fdeflate`, which
//! codes runs of zeros only, 5.5 KB.)

mod zlib;

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
    let rows: Vec<&[u8]> = (0..HEIGHT)
        .map(|y| match y {
            y if y >= HEIGHT - BAND => &band[..],
            y if (top..top + code).contains(&y) => &module_rows[(y - top) / scale][..],
            _ => &margin[..],
        })
        .collect();
    png(&zlib::scanlines(&rows)).map_err(|e| e.to_string())
}

/// Four 2-bit palette indexes per byte, leftmost pixel in the high bits
/// (`WIDTH` is a multiple of four).
fn pack_row(indexes: &[u8]) -> Vec<u8> {
    indexes
        .chunks_exact(4)
        .map(|four| four[0] << 6 | four[1] << 4 | four[2] << 2 | four[3])
        .collect()
}

/// The PNG file of the image data `zlib_stream`.
fn png(zlib_stream: &[u8]) -> Result<Vec<u8>, png::EncodingError> {
    let mut file = Vec::new();
    let mut encoder = png::Encoder::new(&mut file, WIDTH as u32, HEIGHT as u32);
    encoder.set_color(png::ColorType::Indexed);
    encoder.set_depth(png::BitDepth::Two);
    encoder.set_palette(PALETTE.as_flattened());
    let mut writer = encoder.write_header()?;
    writer.write_chunk(png::chunk::IDAT, zlib_stream)?;
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

    /// Short and long addresses (a module 13 down to 6 pixels wide, so
    /// module edges fall anywhere in a packed byte).
    #[test]
    fn cards_decode_to_the_code_on_their_panel() {
        let mut widths = Vec::new();
        for length in [1, 20, 60, 120, 200, 320] {
            let url = format!("https://kexie.example.org/tips/{}/", "a".repeat(length));
            let qr = Qr::encode(&url).unwrap();
            assert_card_shows(&qr);
            widths.push(PANEL / (qr.width() + 2 * QUIET_ZONE));
        }
        assert_eq!(
            widths.first().zip(widths.last()),
            Some((&13, &6)),
            "module widths {widths:?}"
        );
    }

    fn assert_card_shows(qr: &Qr) {
        let png = share_card(qr).unwrap();
        let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((frame.width, frame.height, frame.line_size), (1200, 630, 300));
        let index = |x: usize, y: usize| pixels[y * 300 + x / 4] >> (6 - 2 * (x % 4)) & 3;
        assert_eq!(
            (index(0, 0), index(1199, 629), index(600, 629 - BAND)),
            (BLUE, RED, BLUE)
        );
        let scale = PANEL / (qr.width() + 2 * QUIET_ZONE);
        let code = (qr.width() + 2 * QUIET_ZONE) * scale;
        let (left, top) = ((WIDTH - code) / 2 / 4 * 4, (HEIGHT - BAND - code) / 2);
        for my in 0..qr.width() {
            for mx in 0..qr.width() {
                // Every pixel of the module, edges included.
                for (dx, dy) in [(0, 0), (scale - 1, scale - 1), (scale / 2, 0), (0, scale - 1)] {
                    let (x, y) = (
                        left + (mx + QUIET_ZONE) * scale + dx,
                        top + (my + QUIET_ZONE) * scale + dy,
                    );
                    let expected = if qr.is_dark(mx, my) { BLACK } else { WHITE };
                    assert_eq!(index(x, y), expected, "width {}, module {mx}, {my}", qr.width());
                }
            }
        }
    }
}
