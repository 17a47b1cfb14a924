//! What the output folder guarantees: a build that fails, is interrupted
//! or is killed at any step leaves the old output or the new one, whole;
//! readers never find it missing; leftovers of killed builds are removed
//! by the next; `--force` never replaces the site's own folders; and the
//! system's refusals (a full or read-only disk, a name too long, a busy
//! folder) are said in words naming the output folder.
//!
//! Faults are injected through kepu's test hook (`KEPU_TEST_FAULT`, see
//! `src/output/fault.rs`) at each step of writing the output.

use crate::common::{Site, snapshot, snapshot_path};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

type Tree = BTreeMap<String, Vec<u8>>;

fn kepu_with_fault(site: &Site, fault: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kepu"))
        .arg("build")
        .args(args)
        .arg("--root")
        .arg(site.root())
        .env("KEPU_TEST_FAULT", fault)
        .output()
        .expect("kepu runs")
}

/// The hidden folders kepu keeps beside the output while it works.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".kepu-tmp-") || name.contains(".kepu-old-"))
        .collect();
    found.sort();
    found
}

fn edit_a_title(site: &Site) {
    site.edit("content/tips/drink-water.md", "title: \"", "title: \"新版");
}

/// The `basic` fixture built once (the old output, kept aside), then edited:
/// a build now gives the new output, also kept aside.
struct TwoVersions {
    site: Site,
    old: Tree,
    new: Tree,
}

impl TwoVersions {
    fn new() -> TwoVersions {
        TwoVersions::with(|_| {}, edit_a_title)
    }

    /// The `basic` fixture changed by `prepare` and built, then changed by
    /// `edit` and built again.
    fn with(prepare: impl Fn(&Site), edit: impl Fn(&Site)) -> TwoVersions {
        let site = Site::fixture("basic");
        prepare(&site);
        site.build(&[]);
        let old = site.snapshot();
        edit(&site);
        site.build(&[]);
        let new = site.snapshot();
        assert_ne!(old, new);
        let versions = TwoVersions { site, old, new };
        versions.restore_old();
        versions
    }

    /// Puts the old output back into `public/`.
    fn restore_old(&self) {
        let public = self.site.path("public");
        std::fs::remove_dir_all(&public).unwrap();
        for (rel, bytes) in &self.old {
            self.site.write(&format!("public/{rel}"), bytes);
        }
    }

    /// What `public/` holds, leaving out the hidden staging folder a
    /// build into a mount point keeps inside it (a leftover once killed).
    fn which(&self) -> &'static str {
        let mut now = self.site.snapshot();
        now.retain(|rel, _| !rel.starts_with(".public.kepu-tmp-"));
        if now == self.old {
            "old"
        } else if now == self.new {
            "new"
        } else if now.is_empty() {
            "missing"
        } else if now
            .iter()
            .all(|(rel, bytes)| [&self.old, &self.new].iter().any(|v| v.get(rel) == Some(bytes)))
        {
            "a mix of whole files"
        } else {
            "damaged"
        }
    }
}

#[test]
fn a_fault_at_each_step_leaves_the_old_or_the_new_output_whole() {
    let versions = TwoVersions::new();
    let site = &versions.site;
    for (step, killed_finds) in [
        ("prepare", "old"),
        ("write", "old"),
        ("link", "old"),
        ("swap", "old"),
        ("swapped", "new"),
    ] {
        // Killed outright: nothing of kepu runs after the fault.
        versions.restore_old();
        let killed = kepu_with_fault(site, &format!("{step}:abort"), &[]);
        assert!(!killed.status.success(), "{step}: the build was not killed");
        assert_eq!(versions.which(), killed_finds, "killed at {step}");
        let left = leftovers(site.root());
        let next = site.kepu_in("zh", &["build"]);
        let said = String::from_utf8_lossy(&next.stderr);
        assert!(next.status.success(), "{step}: {said}");
        assert_eq!(versions.which(), "new", "the build after a kill at {step}");
        assert!(
            leftovers(site.root()).is_empty(),
            "{step}: {:?}",
            leftovers(site.root())
        );
        if !left.is_empty() {
            assert!(
                said.contains("已删除之前中断的构建留下的") && said.contains(&left[0]),
                "the build after a kill at {step} does not say it removed {left:?}:\n{said}"
            );
        }

        // Failing: an I/O error at the step.
        if step != "swapped" {
            versions.restore_old();
            let failed = kepu_with_fault(site, &format!("{step}:EIO"), &[]);
            let said = String::from_utf8_lossy(&failed.stderr);
            assert_eq!(failed.status.code(), Some(1), "{step}: {said}");
            assert_eq!(versions.which(), "old", "failed at {step}");
            assert!(
                leftovers(site.root()).is_empty(),
                "failed at {step}: {:?}",
                leftovers(site.root())
            );
            assert!(
                !said.contains(".kepu-tmp-"),
                "{step}: names the hidden folder: {said}"
            );
        }
    }
}

#[test]
fn a_reader_never_misses_the_output_during_builds() {
    let site = Site::fixture("basic");
    site.build(&[]);
    let page = site.path("public/index.html");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let stop = stop.clone();
        std::thread::spawn(move || {
            let (mut reads, mut misses) = (0u64, 0u64);
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                match std::fs::read(&page) {
                    Ok(bytes) if !bytes.is_empty() => reads += 1,
                    _ => misses += 1,
                }
            }
            (reads, misses)
        })
    };
    for i in 0..20 {
        site.edit(
            "content/tips/drink-water.md",
            "title: \"",
            &format!("title: \"第{i}版"),
        );
        site.build(&[]);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (reads, misses) = reader.join().unwrap();
    assert!(reads > 100, "the reader read only {reads} times");
    assert_eq!(
        misses,
        0,
        "{misses} of {} reads found no public/index.html",
        reads + misses
    );
}

/// Builds `site` with `fault` injected (a pause), waits until `ready`,
/// sends SIG`signal` and returns what the build said and its exit code.
fn interrupt_when(site: &Site, fault: &str, signal: &str, ready: impl Fn() -> bool) -> (String, Option<i32>) {
    let build = Command::new(env!("CARGO_BIN_EXE_kepu"))
        .arg("build")
        .arg("--root")
        .arg(site.root())
        .env("KEPU_TEST_FAULT", fault)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !ready() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the build never got to {fault}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let sent = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(build.id().to_string())
        .status()
        .unwrap();
    assert!(sent.success());
    let finished = build.wait_with_output().unwrap();
    (
        String::from_utf8_lossy(&finished.stderr).into_owned(),
        finished.status.code(),
    )
}

#[test]
fn ctrl_c_and_sigterm_remove_the_staging_folder() {
    let versions = TwoVersions::new();
    let site = &versions.site;
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        versions.restore_old();
        // Ready once the build is writing: its staging folder holds files.
        let writing = || {
            let staging = leftovers(site.root());
            !staging.is_empty() && snapshot(&site.root().join(&staging[0])).len() >= 10
        };
        let (said, exit) = interrupt_when(site, "write:pause", signal, writing);
        assert_eq!(exit, Some(code), "SIG{signal}: {said}");
        assert!(said.contains("构建已被"), "SIG{signal}: {said}");
        assert!(
            leftovers(site.root()).is_empty(),
            "SIG{signal}: {:?}",
            leftovers(site.root())
        );
        assert_eq!(versions.which(), "old", "SIG{signal}");
    }
}

/// Ctrl-C after the swap, while the old output is being removed, says that
/// the new output is in place (not that the output is as it was).
#[test]
fn ctrl_c_after_the_swap_says_the_new_output_is_in_place() {
    let versions = TwoVersions::new();
    let site = &versions.site;
    versions.restore_old();
    let (said, exit) = interrupt_when(site, "swapped:pause", "INT", || versions.which() == "new");
    assert_eq!(exit, Some(130), "{said}");
    assert!(said.contains("新的输出已就位"), "{said}");
    assert!(!said.contains("保持原样"), "{said}");
    assert_eq!(versions.which(), "new");
    assert!(leftovers(site.root()).is_empty(), "{:?}", leftovers(site.root()));
}

#[test]
fn output_paths_with_dot_segments_are_replaced_whole() {
    let versions = TwoVersions::new();
    let site = &versions.site;
    for output in ["public/../public", "public/.", "public/"] {
        versions.restore_old();
        let out = site.path(output);
        site.build(&["--output", out.to_str().unwrap()]);
        assert_eq!(versions.which(), "new", "--output {output}");
        assert!(leftovers(site.root()).is_empty(), "--output {output}");
    }
}

#[test]
fn force_never_replaces_the_sites_own_folders() {
    let site = Site::fixture("basic");
    site.write("static/css/site.css", "body {}");
    site.write("themes/kepu/templates/page.html", "{{ page.title }}");
    let other = site.dir.path().join("other-site");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("kepu.yaml"), "title: 另一个网站\n").unwrap();
    let home = site.dir.path().join("home");
    std::fs::create_dir_all(home.join("notes")).unwrap();
    let before = snapshot_path(site.dir.path());
    for out in [
        site.path("themes"),
        site.path("themes/kepu/templates"),
        site.path("static"),
        site.path("templates"),
        site.path("content"),
        site.path("content/../content"),
        site.dir.path().to_path_buf(),
        other.clone(),
        home.clone(),
    ] {
        let built = Command::new(env!("CARGO_BIN_EXE_kepu"))
            .args(["build", "--force", "--root"])
            .arg(site.root())
            .arg("--output")
            .arg(&out)
            .env("HOME", &home)
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&built.stderr);
        assert_eq!(built.status.code(), Some(1), "--output {}: {said}", out.display());
        assert!(
            said.contains("--force 也不例外") && said.contains(&out.display().to_string()),
            "--output {}: {said}",
            out.display()
        );
    }
    assert_eq!(snapshot_path(site.dir.path()), before, "something was replaced");
}

#[test]
fn the_systems_refusals_name_the_output_folder() {
    let versions = TwoVersions::new();
    let site = &versions.site;
    for (fault, words) in [
        ("write:ENOSPC", "磁盘已满"),
        ("prepare:EROFS", "只读"),
        ("prepare:ENAMETOOLONG", "太长"),
        ("swap:EBUSY", "正被系统占用"),
    ] {
        versions.restore_old();
        let failed = kepu_with_fault(site, fault, &["--output", "public"]);
        let said = String::from_utf8_lossy(&failed.stderr);
        assert_eq!(failed.status.code(), Some(1), "{fault}: {said}");
        assert!(
            said.contains(words) && said.contains("输出文件夹 public") && said.contains("提示："),
            "{fault}: {said}"
        );
        assert!(
            !said.contains(".kepu-tmp-"),
            "{fault}: names the hidden folder: {said}"
        );
        assert_eq!(versions.which(), "old", "{fault}");
        assert!(
            leftovers(site.root()).is_empty(),
            "{fault}: {:?}",
            leftovers(site.root())
        );
    }
}

#[test]
fn long_output_names_build_and_too_long_ones_are_explained() {
    let site = Site::fixture("basic");
    // The longest name the system allows: the staging folder beside it
    // must still fit.
    let longest = site.path(&"长".repeat(85));
    site.build(&["--output", longest.to_str().unwrap()]);
    assert!(longest.join("index.html").is_file());
    assert!(leftovers(site.root()).is_empty(), "{:?}", leftovers(site.root()));

    let too_long = site.path(&"长".repeat(90));
    let said = site.build_fails(&["--output", too_long.to_str().unwrap()]);
    assert!(
        said.contains("too long for the system") && said.contains("hint:"),
        "{said}"
    );
    assert!(!said.contains(".kepu-tmp-"), "names the hidden folder: {said}");
    assert!(leftovers(site.root()).is_empty(), "{:?}", leftovers(site.root()));
}

/// Runs a build with `KEPU_TEST_FAULT=mounted:yes` and `fault`: the output
/// folder behaves as a mount point, which cannot be renamed or swapped.
fn kepu_into_mount_point(site: &Site, fault: &str) -> Output {
    let faults = if fault.is_empty() {
        "mounted:yes".to_string()
    } else {
        format!("mounted:yes,{fault}")
    };
    kepu_with_fault(site, &faults, &[])
}

/// The hidden folders in `public/` and beside it.
fn leftovers_of_mount(site: &Site) -> Vec<String> {
    let mut found = leftovers(site.root());
    found.extend(leftovers(&site.path("public")));
    found
}

fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).unwrap().ino()
}

/// Old: the fixture with one page more; new: that page gone and another
/// page's title changed, so that a build both writes and removes files.
fn versions_with_a_removed_page() -> TwoVersions {
    let extra = "content/tips/extra.md";
    TwoVersions::with(
        |site| site.write(extra, "---\ntitle: 多余的一页\ndate: 2024-05-01\n---\n正文。\n"),
        |site| {
            std::fs::remove_file(site.path(extra)).unwrap();
            edit_a_title(site);
        },
    )
}

#[test]
fn a_mount_point_gets_its_changed_files_put_in_place() {
    let versions = TwoVersions::new();
    let site = &versions.site;
    versions.restore_old();
    let folder = inode(&site.path("public"));
    let untouched = inode(&site.path("public/404.html"));
    let built = kepu_into_mount_point(site, "");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert_eq!(versions.which(), "new");
    assert_eq!(
        inode(&site.path("public")),
        folder,
        "the folder itself was replaced"
    );
    assert_eq!(
        inode(&site.path("public/404.html")),
        untouched,
        "an unchanged file was written"
    );
    assert!(
        leftovers_of_mount(site).is_empty(),
        "{:?}",
        leftovers_of_mount(site)
    );
    // kepu's own marker file is in both versions and in neither count.
    let outputs = versions.new.iter().filter(|(rel, _)| *rel != ".kepu-output");
    let same = (outputs.clone())
        .filter(|(rel, bytes)| versions.old.get(*rel) == Some(bytes))
        .count();
    let said = String::from_utf8_lossy(&built.stdout);
    let counts = format!(
        "写入 {} 个文件，未变 {same} 个，删除 0 个",
        outputs.count() - same
    );
    assert!(said.contains(&counts), "{counts}:\n{said}");
}

#[test]
fn a_fault_at_each_step_into_a_mount_point_leaves_whole_files() {
    let versions = versions_with_a_removed_page();
    let site = &versions.site;
    for (step, killed_finds) in [
        ("prepare", "old"),
        ("write", "old"),
        ("link", "old"),
        ("swap", "old"),
        ("place", "a mix of whole files"),
        ("prune", "a mix of whole files"),
    ] {
        versions.restore_old();
        let killed = kepu_into_mount_point(site, &format!("{step}:abort"));
        assert!(!killed.status.success(), "{step}: the build was not killed");
        assert_eq!(versions.which(), killed_finds, "killed at {step}");
        let next = kepu_into_mount_point(site, "");
        let said = String::from_utf8_lossy(&next.stderr);
        assert!(next.status.success(), "{step}: {said}");
        assert_eq!(versions.which(), "new", "the build after a kill at {step}");
        assert!(
            leftovers_of_mount(site).is_empty(),
            "{step}: {:?}",
            leftovers_of_mount(site)
        );

        versions.restore_old();
        let failed = kepu_into_mount_point(site, &format!("{step}:EIO"));
        let said = String::from_utf8_lossy(&failed.stderr);
        assert_eq!(failed.status.code(), Some(1), "{step}: {said}");
        assert!(
            !said.contains(".kepu-tmp-"),
            "{step}: names the hidden folder: {said}"
        );
        assert_eq!(versions.which(), killed_finds, "failed at {step}");
        assert!(
            leftovers_of_mount(site).is_empty(),
            "failed at {step}: {:?}",
            leftovers_of_mount(site)
        );
    }
}

/// Builds `site` into `volume` bind-mounted on `public/`, in a user and
/// mount namespace of its own (`unshare -Urm`), as a Docker volume would be
/// mounted; `None` when the system allows no such namespace.
fn build_into_bind_mount(site: &Site, volume: &Path) -> Option<Output> {
    let script = r#"mount --bind "$1" "$2" && exec "$3" build --root "$4""#;
    let run = Command::new("unshare")
        .args(["-Urm", "sh", "-c", script, "sh"])
        .arg(volume)
        .arg(site.path("public"))
        .arg(env!("CARGO_BIN_EXE_kepu"))
        .arg(site.root())
        .output()
        .ok()?;
    let said = String::from_utf8_lossy(&run.stderr);
    if !run.status.success() && (said.contains("unshare:") || said.contains("mount:")) {
        return None;
    }
    Some(run)
}

#[test]
fn a_real_bind_mount_builds_with_its_unchanged_files_kept() {
    let versions = TwoVersions::new();
    let site = &versions.site;
    let volume = site.dir.path().join("volume");
    std::fs::create_dir_all(&volume).unwrap();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    std::fs::create_dir_all(site.path("public")).unwrap();
    let Some(first) = build_into_bind_mount(site, &volume) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "unshare -Urm with mount --bind is required under CI=true"
        );
        eprintln!("notice: no user and mount namespaces here, bind-mount test skipped");
        return;
    };
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(snapshot(&volume), versions.new, "the volume holds the new output");
    let untouched = inode(&volume.join("404.html"));
    let changed = inode(&volume.join("tips/drink-water/index.html"));
    site.edit("content/tips/drink-water.md", "title: \"新版", "title: \"第三版");
    let second = build_into_bind_mount(site, &volume).unwrap();
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(second.status.success(), "{said}");
    assert!(
        !said.contains("正被系统占用"),
        "the mount point was refused: {said}"
    );
    assert_eq!(
        inode(&volume.join("404.html")),
        untouched,
        "an unchanged file was written"
    );
    assert_ne!(inode(&volume.join("tips/drink-water/index.html")), changed);
    assert!(String::from_utf8_lossy(&snapshot(&volume)["tips/drink-water/index.html"]).contains("第三版"));
    assert!(leftovers(&volume).is_empty() && leftovers(site.root()).is_empty());
}
