//! The spare output: after a swap, the old output is not removed but kept
//! beside the new one as `.public.kepu-spare` (hidden, never published),
//! and the next build takes it as its staging folder. Most of its files
//! are then the current output's own (hard links of the unchanged ones),
//! so that build only replaces the few that differ and removes the stale
//! ones, instead of making and removing a folder per page: on a disk that
//! discards freed blocks (ext4 `discard`), freeing an inode costs 2–3 ms,
//! and a 10,000-page site has 10,000 folders. Nothing in the spare is
//! trusted: a file in it is kept only when it is the current output's
//! file itself (the same inode), and every other is replaced or removed.

use super::leftovers;
use std::path::Path;

/// Takes the spare beside `out` as the staging folder `staging`: true when
/// there was one (only while `out` exists: the spare's files are kept
/// only when they are `out`'s).
pub(super) fn claim(out: &Path, staging: &Path) -> bool {
    let spare = leftovers::spare(out);
    out.is_dir() && leftovers::made_by_kepu(&spare) && std::fs::rename(&spare, staging).is_ok()
}

/// Keeps the folder `old` (made by kepu) as the spare beside `out`; false
/// when it cannot (another spare is there), for the caller to remove it.
pub(super) fn keep(out: &Path, old: &Path) -> bool {
    std::fs::rename(old, leftovers::spare(out)).is_ok()
}
