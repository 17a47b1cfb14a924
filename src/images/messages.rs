//! What kepu tells an editor about a photo, each message in one place,
//! its words in the catalogues.

use super::decode::ImageProblem;
use crate::messages::msg;

fn problem(message: String, hint: String) -> ImageProblem {
    ImageProblem { message, hint }
}

pub fn heic() -> ImageProblem {
    problem(msg!("photo-heic"), msg!("photo-heic-hint"))
}

pub fn unsupported(format: &str) -> ImageProblem {
    problem(
        msg!("photo-unsupported", format = format.to_uppercase()),
        msg!("photo-unsupported-hint"),
    )
}

pub fn undecodable(reason: &str) -> ImageProblem {
    problem(
        msg!("photo-undecodable", reason = reason),
        msg!("photo-undecodable-hint"),
    )
}

/// Bytes that are no image format at all (a web page saved as `.jpg`).
pub fn not_an_image() -> ImageProblem {
    undecodable(&msg!("photo-not-an-image"))
}

pub fn truncated() -> ImageProblem {
    problem(msg!("photo-truncated"), msg!("photo-truncated-hint"))
}

pub fn too_large(width: u32, height: u32, limit: u64) -> ImageProblem {
    problem(
        msg!(
            "photo-too-large",
            width = width,
            height = height,
            megapixels = (limit / 10_000).to_string()
        ),
        msg!("photo-too-large-hint"),
    )
}

/// The original's bytes are not those whose header was read.
pub fn changed_meanwhile() -> ImageProblem {
    problem(
        msg!("photo-changed-meanwhile"),
        msg!("photo-changed-meanwhile-hint"),
    )
}

pub fn encode_failed(reason: &str) -> ImageProblem {
    problem(
        msg!("photo-encode-failed", reason = reason),
        msg!("photo-encode-failed-hint"),
    )
}

/// The warning for an original over [`super::decode::LARGE_PIXELS`].
pub fn large(width: u32, height: u32, bytes: usize) -> ImageProblem {
    problem(
        msg!(
            "photo-large",
            width = width,
            height = height,
            megabytes = format!("{:.1}", bytes as f64 / 1_000_000.0)
        ),
        msg!("photo-large-hint"),
    )
}
