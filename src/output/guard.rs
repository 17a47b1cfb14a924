//! Which folders a build may replace. A build swaps its output in for the
//! whole output folder, so `--output` must never name a folder that holds
//! anything else: not the site, its sources (`content/`, `templates/`,
//! `static/`, `themes/` or anything in them), a folder holding a
//! `kepu.yaml`, a folder above the site, or the home folder — with or
//! without `--force`, which only allows replacing a folder kepu did not
//! create. A symbolic link or a file in the output's place is refused too.

use super::messages::{protected, refused};
use super::{MARKER, canonical};
use crate::config;
use crate::error::Result;
use crate::messages::msg;
use std::path::Path;

/// The site's source folders, which no build may replace.
const SOURCE_FOLDERS: [&str; 4] = ["content", "templates", "static", "themes"];

/// Checks that `out` may be replaced by a build of the site at `root`.
/// With `force`, a folder without kepu's marker is accepted (the caller
/// says what it replaces).
pub fn check_output_dir(root: &Path, out: &Path, force: bool) -> Result<()> {
    if let Ok(target) = std::fs::read_link(out) {
        return Err(refused(
            out,
            &msg!("output-symlink", target = target.display().to_string()),
            msg!("output-symlink-hint"),
        ));
    }
    let root = canonical(root);
    let out_abs = canonical(out);
    if out_abs == root {
        return Err(refused(out, &msg!("output-is-root"), msg!("output-is-root-hint")));
    }
    if let Some(why) = holds_something_else(&root, &out_abs) {
        return Err(protected(out, &why));
    }
    if out.exists() && !out.is_dir() {
        return Err(refused(out, &msg!("output-is-file"), msg!("output-is-file-hint")));
    }
    if out.is_dir() && !out.join(MARKER).exists() && !force && !is_empty_dir(out) {
        return Err(refused(
            out,
            &msg!("output-not-kepus"),
            msg!("output-not-kepus-hint"),
        ));
    }
    Ok(())
}

/// What `out` (canonical) holds that a build must never replace, said as
/// the end of a sentence.
fn holds_something_else(root: &Path, out: &Path) -> Option<String> {
    if root.starts_with(out) {
        return Some(msg!("output-holds-site"));
    }
    for folder in SOURCE_FOLDERS {
        if out.starts_with(root.join(folder)) {
            return Some(msg!("output-is-source", folder = folder));
        }
    }
    if out.join(config::CONFIG_FILE).exists() {
        return Some(msg!("output-holds-config", file = config::CONFIG_FILE));
    }
    let home = std::env::var_os("HOME").map(|h| canonical(Path::new(&h)));
    if home.is_some_and(|home| home.starts_with(out)) {
        return Some(msg!("output-holds-home"));
    }
    None
}

fn is_empty_dir(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_root_content_and_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        assert!(check_output_dir(root, root, true).is_err());
        assert!(check_output_dir(root, &root.join("content/x"), true).is_err());
        let foreign = root.join("docs");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("keep.txt"), "x").unwrap();
        let err = check_output_dir(root, &foreign, false).unwrap_err().to_string();
        assert!(err.contains("not created by kepu"), "{err}");
        assert!(check_output_dir(root, &foreign, true).is_ok());
        assert!(check_output_dir(root, &root.join("public"), false).is_ok());
        std::os::unix::fs::symlink(&foreign, root.join("linked")).unwrap();
        let err = check_output_dir(root, &root.join("linked"), true)
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a symbolic link"), "{err}");
    }

    #[test]
    fn force_never_replaces_sources_the_site_or_its_parents() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for folder in ["content", "themes/kepu/templates", "static", "templates"] {
            std::fs::create_dir_all(root.join(folder)).unwrap();
        }
        let other_site = dir.path().join("other");
        std::fs::create_dir_all(&other_site).unwrap();
        std::fs::write(other_site.join("kepu.yaml"), "title: x\n").unwrap();
        for out in [
            root.join("themes"),
            root.join("themes/kepu/templates"),
            root.join("static"),
            root.join("static/new"),
            root.join("templates"),
            dir.path().to_path_buf(),
            other_site.clone(),
        ] {
            let err = check_output_dir(&root, &out, true).unwrap_err().to_string();
            assert!(err.contains("(--force too)"), "{}: {err}", out.display());
        }
        assert!(check_output_dir(&root, &root.join("public/../public"), true).is_ok());
    }
}
