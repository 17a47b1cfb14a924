//! Whether the output folder is a mount point (a Docker volume, a network
//! share, a bind mount): such a folder cannot be renamed or swapped, so a
//! build puts its changed files in place inside it (`in_place.rs`).

use super::fault::{self, Step};
use std::path::Path;

/// True when `out` (absolute) is the root of a mounted file system.
pub(super) fn is_mount_point(out: &Path) -> bool {
    if fault::holds(Step::Mounted) {
        return true;
    }
    if !out.is_dir() {
        return false;
    }
    mount_root(out).unwrap_or_else(|| other_device_than_parent(out))
}

/// What the kernel says (Linux 5.8 and later), bind mounts included.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn mount_root(out: &Path) -> Option<bool> {
    use rustix::fs::{AtFlags, CWD, StatxAttributes, StatxFlags, statx};
    let stat = statx(
        CWD,
        out,
        AtFlags::NO_AUTOMOUNT | AtFlags::SYMLINK_NOFOLLOW,
        StatxFlags::empty(),
    )
    .ok()?;
    let known = stat.stx_attributes_mask.contains(StatxAttributes::MOUNT_ROOT);
    known.then(|| stat.stx_attributes.contains(StatxAttributes::MOUNT_ROOT))
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn mount_root(_out: &Path) -> Option<bool> {
    None
}

/// Elsewhere: a folder on another device than its parent is a mount point
/// (a bind mount of the same file system is not seen).
fn other_device_than_parent(out: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    let device = |path: &Path| std::fs::metadata(path).map(|m| m.dev()).ok();
    match out.parent() {
        Some(parent) => device(out) != device(parent),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinary_folder_is_no_mount_point() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!is_mount_point(dir.path()));
        assert!(!is_mount_point(&dir.path().join("missing")));
        assert!(is_mount_point(Path::new("/")) || !Path::new("/").is_dir());
    }
}
