//! A size limit on what a template writes (`max_output_mb` in kepu.yaml):
//! rendering into [`Limited`] stops with an error once the page passes the
//! limit, so a runaway loop fails at once instead of filling memory.

use crate::error::{Diagnostic, Error};
use crate::messages::msg;
use crate::templates::theme::Theme;
use std::path::Path;

/// A buffer that refuses to grow past `limit` bytes.
pub struct Limited {
    bytes: Vec<u8>,
    limit: u64,
    exceeded: bool,
}

impl Limited {
    pub fn new(limit: u64) -> Limited {
        Limited {
            // A page's size, about: growing from nothing copied each page
            // several times (Tera's own buffer starts at the template's size).
            bytes: Vec::with_capacity(limit.min(32 << 10) as usize),
            limit,
            exceeded: false,
        }
    }

    /// True when a write was refused for passing the limit.
    pub fn exceeded(&self) -> bool {
        self.exceeded
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

impl std::io::Write for Limited {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    // Tera writes a page in many small pieces through `write_all`: taking
    // each whole, as `Vec` does, skips the default loop over `write`.
    #[inline]
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        if (self.bytes.len() + buf.len()) as u64 > self.limit {
            self.exceeded = true;
            return Err(std::io::Error::other("the page passes max_output_mb"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The error of a template whose page for `source` passed the limit.
pub fn too_large(theme: &Theme, template: &str, source: &Path, limit_mb: u64) -> Error {
    let file = theme
        .file_of(template)
        .map_or_else(|| Path::new(template).to_path_buf(), Path::to_path_buf);
    Diagnostic::new(
        file,
        msg!(
            "output-too-large",
            template = template,
            source = source.display().to_string(),
            limit = limit_mb
        ),
    )
    .hint(msg!("output-too-large-hint"))
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn stops_at_the_limit() {
        let mut out = Limited::new(10);
        assert!(out.write_all(b"0123456789").is_ok());
        assert!(!out.exceeded());
        assert!(out.write_all(b"x").is_err());
        assert!(out.exceeded());
        assert_eq!(out.into_bytes(), b"0123456789");
    }
}
