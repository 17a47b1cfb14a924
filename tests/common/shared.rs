//! Builds shared by the tests of one test binary. Building the demo site
//! in a debug build takes seconds, and many tests only read what one build
//! with the same settings wrote: each such build is made once, by the
//! first test that asks for it, and handed out read-only ([`Built`] has no
//! way to change the site or its output), so the tests stay independent of
//! each other and of their order. A test that edits a site or builds it
//! with other settings makes its own [`Site`].
//!
//! Statics are never dropped, so the shared sites live under
//! `target/tmp/shared-builds/PID/` rather than in self-removing temporary
//! folders; each test process removes the folders of processes that have
//! ended.

use super::{Site, repo_root};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};

/// A site built once and only read from then on.
pub struct Built {
    output: PathBuf,
    _folder: tempfile::TempDir,
}

impl Built {
    /// The site `make` creates in the folder it is given and builds into
    /// its `public/`, kept in `cell` for the rest of the test process.
    pub fn once(
        cell: &'static OnceLock<Built>,
        make: impl FnOnce(tempfile::TempDir) -> Site,
    ) -> &'static Built {
        cell.get_or_init(|| {
            let site = make(folder());
            Built {
                output: site.path("public"),
                _folder: site.dir,
            }
        })
    }

    /// The output folder.
    pub fn output(&self) -> PathBuf {
        self.output.clone()
    }

    /// A file of the built site.
    pub fn read(&self, rel: &str) -> String {
        super::read(&self.output, rel)
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.output.join(rel).exists()
    }

    /// Every file of the built site with its bytes.
    pub fn snapshot(&self) -> BTreeMap<String, Vec<u8>> {
        super::snapshot(&self.output)
    }
}

/// The demo site at the repository root, as it is, built with the default
/// settings into a folder of its own.
pub fn demo() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let folder = folder();
        let output = folder.path().join("public");
        let built = Command::new(env!("CARGO_BIN_EXE_kepu"))
            .args(["build", "-q", "--root"])
            .arg(repo_root())
            .arg("--output")
            .arg(&output)
            .output()
            .expect("kepu runs");
        assert!(
            built.status.success(),
            "the demo site does not build:\n{}",
            String::from_utf8_lossy(&built.stderr)
        );
        Built {
            output,
            _folder: folder,
        }
    })
}

/// The fixture `name` (`tests/fixtures/NAME`) with the default theme,
/// built with the default settings once per test process, however many
/// test files read it.
pub fn fixture_with_default_theme(name: &'static str) -> &'static Built {
    static CELLS: Mutex<BTreeMap<&str, &'static OnceLock<Built>>> = Mutex::new(BTreeMap::new());
    let cell = *CELLS
        .lock()
        .expect("no test panicked while holding the list")
        .entry(name)
        .or_insert_with(|| Box::leak(Box::new(OnceLock::new())));
    Built::once(cell, |dir| {
        let site = Site::fixture_with_theme_in(dir, name);
        site.build(&[]);
        site
    })
}

/// A fresh folder for one shared site, under this process's folder.
fn folder() -> tempfile::TempDir {
    static PROCESS: OnceLock<PathBuf> = OnceLock::new();
    let parent = PROCESS.get_or_init(|| {
        let all = Path::new(env!("CARGO_TARGET_TMPDIR")).join("shared-builds");
        remove_ended(&all);
        let mine = all.join(std::process::id().to_string());
        std::fs::create_dir_all(&mine).unwrap_or_else(|e| panic!("{}: {e}", mine.display()));
        mine
    });
    tempfile::tempdir_in(parent).expect("a folder for a shared build")
}

/// Removes the folders of test processes that are no longer running.
fn remove_ended(all: &Path) {
    let Ok(entries) = std::fs::read_dir(all) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let running = name
            .parse::<u32>()
            .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
        if !running {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
