//! The hidden folders a build keeps beside the output folder, and their
//! removal once the build that made them is gone: `.public.kepu-tmp-PID`
//! (the staging folder; after the swap, the old output until it is
//! removed) and `.public.kepu-old-PID` (the old output, where the system
//! cannot swap atomically). A build killed outright (SIGKILL, a power
//! cut) leaves them; the next build removes those whose process is no
//! longer running. The spare output beside it, `.public.kepu-spare`
//! (`spare.rs`), is no leftover: it stays.

use std::path::{Path, PathBuf};

/// What a hidden folder beside the output holds.
#[derive(Debug, Clone, Copy)]
pub(super) enum Kind {
    Staging,
    Old,
    Spare,
}

impl Kind {
    fn infix(self) -> &'static str {
        match self {
            Kind::Staging => ".kepu-tmp-",
            Kind::Old => ".kepu-old-",
            Kind::Spare => ".kepu-spare",
        }
    }
}

/// Longest part of the output folder's name kept in a hidden folder's
/// name, so that a name near the system's limit (255 bytes) still leaves
/// room for the rest.
const NAME_BYTES: usize = 200;

/// `.NAME.kepu-tmp-` for an output folder named `name` (the start of
/// every such folder's name, the process id follows).
fn prefix(name: &str, kind: Kind) -> String {
    let mut end = name.len().min(NAME_BYTES);
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    format!(".{}{}", &name[..end], kind.infix())
}

/// The hidden folder of this process beside `out`.
pub(super) fn path(out: &Path, kind: Kind) -> PathBuf {
    beside(
        out,
        &format!("{}{}", prefix(&name(out), kind), std::process::id()),
    )
}

/// The spare output beside `out` (one for all processes).
pub(super) fn spare(out: &Path) -> PathBuf {
    beside(out, &prefix(&name(out), Kind::Spare))
}

fn name(out: &Path) -> String {
    out.file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned())
}

fn beside(out: &Path, name: &str) -> PathBuf {
    out.parent().unwrap_or(Path::new(".")).join(name)
}

/// Removes the hidden folders that builds no longer running left beside
/// `out` or, for a mount point, inside it (made by kepu: they hold its
/// marker, or nothing); returns them. One beside `out` becomes the spare
/// output when there is none (`spare.rs`: nothing in it is trusted, and
/// its files spare the next build making them again).
pub fn remove_dead(out: &Path) -> Vec<PathBuf> {
    let name = name(out);
    let prefixes = [prefix(&name, Kind::Staging), prefix(&name, Kind::Old)];
    let beside = std::fs::read_dir(out.parent().unwrap_or(Path::new(".")))
        .into_iter()
        .flatten()
        .map(|entry| (entry, true));
    let inside = std::fs::read_dir(out)
        .into_iter()
        .flatten()
        .map(|entry| (entry, false));
    let mut removed = Vec::new();
    for (entry, is_beside) in beside.chain(inside) {
        let Ok(entry) = entry else { continue };
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let pid = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
            .and_then(|pid| pid.parse::<i32>().ok());
        let Some(pid) = pid else { continue };
        let dir = entry.path();
        if is_running(pid) || !made_by_kepu(&dir) {
            continue;
        }
        let spared = is_beside && out.is_dir() && std::fs::rename(&dir, spare(out)).is_ok();
        if spared || std::fs::remove_dir_all(&dir).is_ok() {
            removed.push(dir);
        }
    }
    removed.sort();
    removed
}

/// True while a process with this id runs (one of another user's counts).
fn is_running(pid: i32) -> bool {
    if pid == std::process::id() as i32 {
        return true;
    }
    let Some(pid) = rustix::process::Pid::from_raw(pid) else {
        return false;
    };
    !matches!(
        rustix::process::test_kill_process(pid),
        Err(rustix::io::Errno::SRCH)
    )
}

pub(super) fn made_by_kepu(dir: &Path) -> bool {
    let is_dir = std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir());
    is_dir
        && (dir.join(super::MARKER).is_file() || std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_only_what_dead_builds_left() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let dead = i32::MAX - 7;
        let make = |name: &str, marker: bool| {
            let folder = dir.path().join(name);
            std::fs::create_dir_all(folder.join("tips")).unwrap();
            if marker {
                std::fs::write(folder.join(super::super::MARKER), "").unwrap();
            }
            folder
        };
        let staging = make(&format!(".public.kepu-tmp-{dead}"), true);
        let old = make(&format!(".public.kepu-old-{dead}"), true);
        let foreign = make(&format!(".public.kepu-tmp-{}", dead - 1), false);
        let other_output = make(&format!(".docs.kepu-tmp-{dead}"), true);
        let own = make(&format!(".public.kepu-tmp-{}", std::process::id()), true);
        assert_eq!(remove_dead(&out), vec![old.clone(), staging.clone()]);
        assert!(!staging.exists() && !old.exists());
        assert!(foreign.exists() && other_output.exists() && own.exists());
    }

    #[test]
    fn long_names_leave_room_for_the_process_id() {
        let out = Path::new("/x").join("长".repeat(80));
        let staging = path(&out, Kind::Staging);
        let name = staging.file_name().unwrap().to_str().unwrap();
        assert!(name.len() < 255, "{}", name.len());
        assert!(name.ends_with(&format!(".kepu-tmp-{}", std::process::id())));
    }
}
