//! What the output stage tells the user when the system refuses to write
//! or replace the output folder, or a folder may not be replaced at all
//! (one place for each message, its words in the catalogues). Every
//! message names the output folder the user asked for, never kepu's hidden
//! staging folder, and says what to do.

use crate::error::{Diagnostic, Error};
use crate::messages::msg;
use rustix::io::Errno;
use std::path::Path;

/// A readable error for the failures a user can act on (a full disk, a
/// read-only disk, a name too long, a busy folder), naming `out`; `None`
/// for other errors, which keep the system's text and the file's path.
pub(super) fn system_refused(out: &Path, error: &std::io::Error) -> Option<Error> {
    let out = out.display().to_string();
    let out = out.as_str();
    let (what, hint) = match Errno::from_io_error(error)? {
        Errno::NOSPC | Errno::DQUOT => (
            msg!("output-disk-full", out = out),
            msg!("output-disk-full-hint", out = out),
        ),
        Errno::ROFS => (
            msg!("output-read-only", out = out),
            msg!("output-read-only-hint", out = out),
        ),
        Errno::NAMETOOLONG => (
            msg!("output-name-too-long", out = out),
            msg!("output-name-too-long-hint"),
        ),
        Errno::BUSY => (
            msg!("output-busy", out = out),
            msg!("output-busy-hint", out = out),
        ),
        _ => return None,
    };
    Some(Diagnostic::new("", what).hint(hint).into())
}

/// Said when a build stops on Ctrl-C (130) or SIGTERM (143).
/// `finished`: the new output was already in place, only the old one's
/// removal was cut short.
pub(super) fn interrupted(code: i32, finished: bool) -> String {
    let signal = if code == 130 { "Ctrl-C" } else { "SIGTERM" };
    if finished {
        msg!("build-interrupted-after-swap", signal = signal)
    } else {
        msg!("build-interrupted", signal = signal)
    }
}

/// Said when Ctrl-C cannot be listened to (the build goes on).
pub fn no_signal_handler(error: &std::io::Error) -> String {
    msg!("no-signal-handler", error = error.to_string())
}

/// Said when a build removed what interrupted builds had left beside the
/// output folder.
pub fn removed_leftovers(removed: &[std::path::PathBuf]) -> String {
    let names: Vec<String> = removed
        .iter()
        .map(|p| p.file_name().unwrap_or_default().to_string_lossy().into_owned())
        .collect();
    msg!(
        "leftovers-removed",
        count = removed.len(),
        names = names.join(&msg!("list-separator"))
    )
}

/// Why `--output` may not name this folder, even with `--force`; `what`
/// ends the sentence (`holds the whole site`).
pub(super) fn protected(out: &Path, what: &str) -> Error {
    Diagnostic::new(
        "",
        msg!("output-protected", out = out.display().to_string(), what = what),
    )
    .hint(msg!("output-protected-hint"))
    .into()
}

/// Why `--output` may not name this folder without a change: `why` ends
/// the sentence (`is a file, not a folder`).
pub(super) fn refused(out: &Path, why: &str, hint: String) -> Error {
    Diagnostic::new(
        "",
        msg!("output-refused", out = out.display().to_string(), why = why),
    )
    .hint(hint)
    .into()
}
