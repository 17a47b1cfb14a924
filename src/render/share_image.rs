//! The generated share image of a page without a cover: a 1200×630 card (the
//! size chat apps and social sites crop to) in the theme's blue with the
//! page's QR code, so a shared picture still leads to the article. Written
//! as a 2-bit indexed-colour PNG whose rows repeat the row above (filter
//! "Up" makes them zeros), so deflating is quick and the file a few KB.

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
pub fn share_card(qr: &Qr) -> Vec<u8> {
    let modules = qr.width() + 2 * QUIET_ZONE;
    let scale = PANEL / modules;
    let code = modules * scale;
    let (left, top) = ((WIDTH - code) / 2, (HEIGHT - BAND - code) / 2);
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
    let rows = (0..HEIGHT).map(|y| match y {
        y if y >= HEIGHT - BAND => &band,
        y if (top..top + code).contains(&y) => &module_rows[(y - top) / scale],
        _ => &margin,
    });
    png(WIDTH as u32, HEIGHT as u32, &filter_up(rows))
}

/// Four 2-bit palette indexes per byte, leftmost pixel in the high bits
/// (`WIDTH` is a multiple of four).
fn pack_row(indexes: &[u8]) -> Vec<u8> {
    indexes
        .chunks_exact(4)
        .map(|four| four[0] << 6 | four[1] << 4 | four[2] << 2 | four[3])
        .collect()
}

/// PNG scanlines: the first row unfiltered (type 0), the others as their
/// difference to the row above (type 2, "Up"): zeros where a row repeats
/// the one above, which is most of them.
fn filter_up<'a>(rows: impl Iterator<Item = &'a Vec<u8>>) -> Vec<u8> {
    let mut data = Vec::with_capacity(HEIGHT * (WIDTH / 4 + 1));
    let mut above: Option<&Vec<u8>> = None;
    for row in rows {
        match above {
            None => {
                data.push(0);
                data.extend(row);
            }
            Some(above) if std::ptr::eq(above, row) => {
                data.push(2);
                data.resize(data.len() + row.len(), 0);
            }
            Some(above) => {
                data.push(2);
                data.extend(row.iter().zip(above).map(|(b, a)| b.wrapping_sub(*a)));
            }
        }
        above = Some(row);
    }
    data
}

/// A 2-bit indexed-colour PNG of the filtered scanlines `scanlines`.
fn png(width: u32, height: u32, scanlines: &[u8]) -> Vec<u8> {
    let mut header = Vec::with_capacity(13);
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    // Bit depth 2, colour type 3 (indexed), deflate, adaptive filtering, no interlace.
    header.extend([2, 3, 0, 0, 0]);
    let palette: Vec<u8> = PALETTE.iter().flatten().copied().collect();
    // fdeflate is made for filtered PNG rows: it codes runs of zeros and
    // nothing else, several times faster than miniz_oxide's fastest level
    // (which was 7% of a default build) for cards of ~5 KB instead of ~3 KB.
    let data = fdeflate::compress_to_vec(scanlines);
    let mut file = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, body) in [
        (b"IHDR", &header),
        (b"PLTE", &palette),
        (b"IDAT", &data),
        (b"IEND", &Vec::new()),
    ] {
        file.extend((body.len() as u32).to_be_bytes());
        let start = file.len();
        file.extend(kind);
        file.extend(body);
        let crc = crc32fast::hash(&file[start..]);
        file.extend(crc.to_be_bytes());
    }
    file
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn card_is_a_small_png_of_the_right_size() {
        let png = share_card(&Qr::encode("https://e.org/tips/a/").unwrap());
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"));
        assert_eq!(&png[16..24], &[0, 0, 4, 176, 0, 0, 2, 118], "1200 × 630");
        assert!(png.len() < 20_000, "{} bytes", png.len());
        assert!(png.ends_with(&[0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82]));
    }
}
