//! Putting a finished staging folder in the place of the output folder.
//! On Linux (`renameat2` with `RENAME_EXCHANGE`) and macOS (`renameatx_np`
//! with `RENAME_SWAP`) the two folders trade places in one step: at every
//! moment the output path names either the whole old output or the whole
//! new one. Elsewhere, and on file systems that cannot exchange, the old
//! folder is renamed aside and the new one renamed in, with the old put
//! back if that fails; between the two renames the output path is missing
//! for a moment.

use super::fault::{self, Step};
use super::leftovers::{self, Kind};
use std::io;
use std::path::Path;

/// Swaps `staging` in for `out`. Afterwards `staging` holds the old output
/// (or nothing), for the caller to remove.
pub(super) fn swap_in(staging: &Path, out: &Path) -> io::Result<()> {
    fault::at(Step::Swap)?;
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(staging, out);
    }
    match exchange(staging, out) {
        Err(e) if cannot_exchange(&e) => rename_aside(staging, out),
        done => done,
    }
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(staging: &Path, out: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_staging: &Path, _out: &Path) -> io::Result<()> {
    Err(rustix::io::Errno::NOSYS.into())
}

/// The kernel or the file system has no atomic exchange.
fn cannot_exchange(e: &io::Error) -> bool {
    use rustix::io::Errno;
    matches!(
        Errno::from_io_error(e),
        Some(Errno::NOSYS | Errno::INVAL | Errno::NOTSUP)
    )
}

/// The fallback: `out` renamed aside, `staging` renamed in, the old output
/// moved to `staging`'s name for the caller to remove.
fn rename_aside(staging: &Path, out: &Path) -> io::Result<()> {
    let old = leftovers::path(out, Kind::Old);
    std::fs::rename(out, &old)?;
    if let Err(e) = std::fs::rename(staging, out) {
        let _ = std::fs::rename(&old, out);
        return Err(e);
    }
    std::fs::rename(&old, staging)
}
