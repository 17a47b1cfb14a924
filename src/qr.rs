//! QR codes of page addresses, made at build time (offline: no service, no
//! script). The `fast_qr` crate encodes (still scoring all eight masks, but
//! several times faster than `qrcode`, whose mask scoring was over a third
//! of a default build); the SVG is written here because inline HTML wants
//! no fixed pixel sizes.

use crate::messages::msg;
use fast_qr::{ECL, QRBuilder};
use pulldown_cmark_escape::escape_html;
use std::collections::HashMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The white border scanners need around the code, in modules.
const QUIET_ZONE: usize = 4;

/// The modules of one QR code.
pub struct Qr {
    width: usize,
    dark: Vec<bool>,
    /// The SVG path of the dark modules, drawn on first use: the web page
    /// and the print edition show the same code with different labels.
    path: OnceLock<String>,
}

impl Qr {
    /// Encodes `url`, with non-ASCII characters percent-encoded so that
    /// every phone scanner reads one and the same address.
    pub fn encode(url: &str) -> Result<Qr, String> {
        let ascii = percent_encode_non_ascii(url);
        let code = QRBuilder::new(ascii)
            .ecl(ECL::M)
            .build()
            .map_err(|e| msg!("qr-failed", url = url, reason = e.to_string()))?;
        let modules = &code.data[..code.size * code.size];
        Ok(Qr {
            width: code.size,
            dark: modules.iter().map(|module| module.value()).collect(),
            path: OnceLock::new(),
        })
    }

    /// Modules per side, without the quiet zone.
    pub fn width(&self) -> usize {
        self.width
    }

    pub fn is_dark(&self, x: usize, y: usize) -> bool {
        self.dark[y * self.width + x]
    }

    /// An inline `<svg>` (one module = one unit; CSS gives the size) with
    /// the quiet zone and `label` as its accessible name.
    pub fn to_svg(&self, label: &str) -> String {
        let size = self.width + 2 * QUIET_ZONE;
        let mut svg = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 {size} {size}" role="img" aria-label=""#
        );
        let _ = escape_html(&mut svg, label);
        let _ = write!(
            svg,
            r##"" shape-rendering="crispEdges"><rect width="{size}" height="{size}" fill="#fff"/><path stroke="#000" d="{}"/></svg>"##,
            self.path.get_or_init(|| self.path_data())
        );
        svg
    }

    /// `M4 4.5h7m2 0h1m-13 1h1…`: each horizontal run of dark modules a
    /// stroke one module wide along the middle of its row, every move
    /// after the first relative to where the last run ended. Half the
    /// bytes of a rectangle per run (`M4 4h7v1h-7z`), on every page.
    fn path_data(&self) -> String {
        let mut path = String::with_capacity(self.width * self.width / 2);
        let mut pen: Option<(usize, usize)> = None;
        for y in 0..self.width {
            for (x, run) in self.dark_runs(y) {
                let _ = match pen {
                    None => write!(path, "M{} {}.5h{run}", x + QUIET_ZONE, y + QUIET_ZONE),
                    Some((px, py)) => write!(path, "m{} {}h{run}", x as isize - px as isize, y - py),
                };
                pen = Some((x + run, y));
            }
        }
        path
    }

    /// The horizontal runs of dark modules in row `y`: (first column, length).
    fn dark_runs(&self, y: usize) -> Vec<(usize, usize)> {
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for x in (0..self.width).filter(|x| self.is_dark(*x, y)) {
            match runs.last_mut() {
                Some((start, len)) if *start + *len == x => *len += 1,
                _ => runs.push((x, 1)),
            }
        }
        runs
    }
}

/// QR codes already made in this build, by address. A page's code is drawn
/// on its web page, its print edition and its share card, and encoding
/// (scoring all eight masks) is what costs: profiles showed the same code
/// encoded three times per page.
#[derive(Default)]
pub struct QrCache {
    codes: Mutex<HashMap<String, Arc<Qr>>>,
}

impl QrCache {
    /// The code of `url`, encoded on first use.
    pub fn encode(&self, url: &str) -> Result<Arc<Qr>, String> {
        let cached = |codes: &HashMap<String, Arc<Qr>>| codes.get(url).cloned();
        if let Some(qr) = cached(&self.codes.lock().unwrap_or_else(PoisonError::into_inner)) {
            return Ok(qr);
        }
        // Encoded outside the lock: other threads keep going meanwhile.
        let qr = Arc::new(Qr::encode(url)?);
        self.codes
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(url.to_string(), Arc::clone(&qr));
        Ok(qr)
    }
}

fn percent_encode_non_ascii(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for byte in url.bytes() {
        if byte.is_ascii_graphic() {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_has_finder_patterns_and_a_label() {
        let qr = Qr::encode("https://e.org/tips/喝水/").unwrap();
        assert_eq!(qr.width(), 29, "version 3 for this length at level M");
        // The top-left finder pattern: a 7-module dark row.
        assert_eq!(qr.dark_runs(0)[0], (0, 7));
        let svg = qr.to_svg("扫码阅读 \"全文\"");
        assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 37 37""#));
        assert!(svg.contains(r#"aria-label="扫码阅读 &quot;全文&quot;""#), "{svg}");
        assert!(svg.contains(r##"<path stroke="#000" d="M4 4.5h7m"##), "{svg}");
    }

    /// The modules a path of `path_data` draws, read back.
    fn drawn(path: &str, width: usize) -> Vec<bool> {
        let mut dark = vec![false; width * width];
        let number = |text: &str| text.trim_end_matches(".5").parse::<f64>().unwrap() as isize;
        let (mut x, mut y) = (0isize, 0isize);
        let mut rest = path;
        while let Some(command) = rest.chars().next() {
            let end = rest[1..]
                .find(|c: char| c.is_ascii_alphabetic())
                .map_or(rest.len(), |i| i + 1);
            let args: Vec<isize> = rest[1..end].split(' ').map(number).collect();
            match command {
                'M' => (x, y) = (args[0] - QUIET_ZONE as isize, args[1] - QUIET_ZONE as isize),
                'm' => (x, y) = (x + args[0], y + args[1]),
                'h' => {
                    for i in 0..args[0] {
                        dark[y as usize * width + (x + i) as usize] = true;
                    }
                    x += args[0];
                }
                other => panic!("unexpected command {other} in {path}"),
            }
            rest = &rest[end..];
        }
        dark
    }

    #[test]
    fn the_path_draws_exactly_the_dark_modules() {
        for url in [
            "https://e.org/tips/喝水/",
            "https://example.org/anti-cult/article-00003/",
        ] {
            let qr = Qr::encode(url).unwrap();
            assert_eq!(drawn(&qr.path_data(), qr.width()), qr.dark, "{url}");
            let rectangles: usize = (0..qr.width())
                .flat_map(|y| qr.dark_runs(y).into_iter().map(move |(x, run)| (x, y, run)))
                .map(|(x, y, run)| format!("M{} {}h{run}v1h-{run}z", x + 4, y + 4).len())
                .sum();
            let strokes = qr.path_data().len();
            assert!(
                strokes * 100 < rectangles * 60,
                "{strokes} bytes against {rectangles} as rectangles"
            );
        }
    }

    #[test]
    fn non_ascii_is_percent_encoded() {
        assert_eq!(
            percent_encode_non_ascii("https://e.org/喝 水/"),
            "https://e.org/%E5%96%9D%20%E6%B0%B4/"
        );
    }
}
