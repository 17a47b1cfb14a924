//! Repeat builds: the output record lets unchanged outputs skip rendering
//! (their files taken over as they are: same inode, same modification
//! time), the old output is kept beside as the spare and reused as the
//! next staging folder, and none of that weakens the output folder's
//! guarantees: a build that fails or is killed mid-way leaves the old
//! output exactly as it was, and a mount point, whose staging folder is
//! kept beside it, never shows that folder to its readers.

use crate::common::Site;
use crate::common::output::{clean_build, identities, write_summary};
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::process::{Command, Output};

fn summary(stdout: &str) -> (usize, usize, usize) {
    write_summary(stdout, "写入 ")
}

fn build_zh(site: &Site, env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kepu"))
        .args(["build", "--root"])
        .arg(site.root())
        .env("KEPU_LANG", "zh")
        .envs(env.iter().copied())
        .output()
        .expect("kepu runs")
}

fn built(site: &Site) -> String {
    let run = build_zh(site, &[]);
    let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    stdout
}

fn spare(site: &Site) -> PathBuf {
    site.path(".public.kepu-spare")
}

fn record_file(site: &Site) -> PathBuf {
    let dir = site.path(".kepu-cache/outputs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "one record per output folder: {files:?}");
    files.pop().unwrap()
}

/// Puts `garbage` in `public/REL` in place, keeping its inode, size and
/// modification time: what only kepu's record can vouch for.
fn spoil_keeping_stamp(site: &Site, rel: &str) {
    use std::io::Write;
    let path = site.path(&format!("public/{rel}"));
    let meta = std::fs::metadata(&path).unwrap();
    let mut file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.write_all(&vec![b'x'; meta.len() as usize]).unwrap();
    file.set_modified(meta.modified().unwrap()).unwrap();
}

#[test]
fn repeat_builds_keep_unchanged_files_and_count_what_they_did() {
    let site = Site::fixture("basic");
    let (first, _, _) = summary(&built(&site));
    // The second build takes nothing from a spare (there is none yet), the
    // third reuses the first output as its staging folder.
    for round in 0..3 {
        site.edit(
            "content/tips/drink-water.md",
            "title: \"",
            &format!("title: \"第{round}版"),
        );
        match round {
            0 => site.write(
                "content/tips/extra.md",
                "---\ntitle: 多余的一页\ndate: 2024-05-01\n---\n正文。\n",
            ),
            2 => std::fs::remove_file(site.path("content/tips/extra.md")).unwrap(),
            _ => {}
        }
        let before = identities(&site.path("public"));
        std::thread::sleep(std::time::Duration::from_millis(20));
        let (written, unchanged, deleted) = summary(&built(&site));
        let after = identities(&site.path("public"));
        assert_eq!(site.snapshot(), clean_build(&site), "round {round}");
        let kept = after
            .iter()
            .filter(|(rel, id)| *rel != ".kepu-output" && before.get(*rel) == Some(id))
            .count();
        let gone = before.keys().filter(|rel| !after.contains_key(*rel)).count();
        assert_eq!(unchanged, kept, "round {round}: unchanged = same inode and mtime");
        assert_eq!(written + unchanged, after.len() - 1, "round {round}");
        assert_eq!(deleted, gone, "round {round}");
        assert!(written > 0 && written < first, "round {round}: {written} written");
        assert_eq!(before["404.html"], after["404.html"], "round {round}");
        assert_ne!(
            before["tips/drink-water/index.html"],
            after["tips/drink-water/index.html"]
        );
        if round == 2 {
            assert!(deleted > 0 && !site.exists("tips/extra/index.html"));
        }
    }
    assert!(
        spare(&site).join(".kepu-output").is_file(),
        "the old output is the spare"
    );
    let beside: Vec<String> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with('.'))
        .collect();
    let mut beside = beside;
    beside.sort();
    assert_eq!(
        beside,
        [".kepu-cache", ".public.kepu-spare"],
        "only kepu's own beside"
    );
}

#[test]
fn unchanged_outputs_are_not_rendered_again_unless_another_kepu_wrote_the_record() {
    let site = Site::fixture("basic");
    built(&site);
    let record = record_file(&site);
    // The record vouches for files kept as they were: a file changed with
    // its stamp kept is, to kepu, the one it wrote (it is not rendered).
    spoil_keeping_stamp(&site, "404.html");
    assert_eq!(summary(&built(&site)).0, 0);
    assert!(
        site.read("404.html").starts_with("xxx"),
        "404.html was rendered again"
    );
    // A file changed as editors and tools do (a new modification time) is made again.
    site.write("public/anti-cult/beware/index.html", "edited by hand");
    assert_eq!(summary(&built(&site)).0, 1);
    assert!(site.read("anti-cult/beware/index.html").contains("<html"));

    // A record written by another kepu (another source hash) counts for
    // nothing: every output is rendered again.
    let mut json: serde_json::Value = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    json["kepu"] = "0123456789abcdef".into();
    std::fs::write(&record, serde_json::to_vec(&json).unwrap()).unwrap();
    let (written, _, _) = summary(&built(&site));
    assert_eq!(written, 1, "only the spoilt file differs once rendered");
    assert_eq!(site.snapshot(), clean_build(&site));
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&record).unwrap()).unwrap();
    assert_eq!(
        json["kepu"].as_str().map(str::len),
        Some(16),
        "rewritten by this kepu"
    );
    assert_ne!(json["kepu"], "0123456789abcdef");
}

#[test]
fn a_build_failing_or_killed_midway_leaves_the_old_output_exactly() {
    let site = Site::fixture("basic");
    built(&site);
    site.edit("content/tips/drink-water.md", "title: \"", "title: \"旧版");
    built(&site);
    assert!(spare(&site).is_dir());
    site.edit("content/tips/drink-water.md", "title: \"旧版", "title: \"新版");
    let old = site.snapshot();
    let old_files = identities(&site.path("public"));
    for fault in [
        "prepare:abort",
        "write:abort",
        "link:abort",
        "prune:abort",
        "swap:abort",
        "write:EIO",
        "link:ENOSPC",
        "prune:EIO",
        "swap:EIO",
    ] {
        let run = build_zh(&site, &[("KEPU_TEST_FAULT", fault)]);
        assert!(!run.status.success(), "{fault}: the build went through");
        assert_eq!(site.snapshot(), old, "{fault}: the old output changed");
        assert_eq!(
            identities(&site.path("public")),
            old_files,
            "{fault}: a file of the old output was touched"
        );
    }
    let (written, _, _) = summary(&built(&site));
    assert!(written > 0);
    assert_eq!(site.snapshot(), clean_build(&site));
    assert!(site.read("tips/drink-water/index.html").contains("新版"));
}

#[test]
fn a_mount_point_builds_with_no_staging_folder_inside_it() {
    let site = Site::fixture("basic");
    let mounted = [("KEPU_TEST_FAULT", "mounted:yes")];
    assert!(build_zh(&site, &mounted).status.success());
    let folder = site.path("public").metadata().unwrap().ino();
    site.edit("content/tips/drink-water.md", "title: \"", "title: \"新版");
    // Paused once every output is made, before the first is put in place:
    // readers of public/ see the old output only, and no hidden folder.
    let old = site.snapshot();
    let mut paused = Command::new(env!("CARGO_BIN_EXE_kepu"))
        .args(["build", "--root"])
        .arg(site.root())
        .env("KEPU_TEST_FAULT", "mounted:yes,swap:pause")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let staged = |site: &Site| {
        std::fs::read_dir(site.root())
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with(".public.kepu-tmp-"))
            .map(|e| e.path())
    };
    let started = std::time::Instant::now();
    while !staged(&site).is_some_and(|dir| dir.join("tips/drink-water/index.html").exists()) {
        assert!(
            started.elapsed().as_secs() < 30,
            "the build never staged its files"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert_eq!(
        site.snapshot(),
        old,
        "public/ shows something of the build under way"
    );
    paused.kill().unwrap();
    paused.wait().unwrap();

    let (written, unchanged, _) = summary(&built_mounted(&site));
    assert!(written > 0 && unchanged > written);
    assert_eq!(site.path("public").metadata().unwrap().ino(), folder);
    assert_eq!(site.snapshot(), clean_build(&site));
    assert!(
        staged(&site).is_none(),
        "the killed build's folder was not removed"
    );
}

fn built_mounted(site: &Site) -> String {
    let run = build_zh(site, &[("KEPU_TEST_FAULT", "mounted:yes")]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).into_owned()
}
