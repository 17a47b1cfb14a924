//! `kepu serve` under a rough editing session: 500 file changes in a burst,
//! a section folder deleted and re-created, files renamed (one to a Chinese
//! name with a space). Once the watcher has caught up, every file the
//! server serves is what a full build of the files on disk gives, and what
//! a full build no longer has is gone.

use crate::common::{Server, Site, repo_root};
use kepu::serve::rebuild::Rebuilder;
use kepu::serve::served::{Served, ServedFile};
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// How long the server may take to catch up after the last change.
const SETTLE: Duration = Duration::from_secs(180);
const BURST: usize = 500;

#[test]
fn the_served_site_equals_a_full_build_after_a_rough_editing_session() {
    let site = Site::demo();
    let server = Server::start(&site, &[]);
    let before = full_build(&site, &server);

    burst_of_changes(&site);
    // The section disappears long enough for the watcher to notice (the
    // build then fails on links to it and the last good site is served).
    let section = site.path("content/anti-cult");
    std::fs::remove_dir_all(&section).unwrap();
    std::thread::sleep(Duration::from_secs(2));
    crate::common::copy_dir(&repo_root().join("content/anti-cult"), &section);
    rename(&site, "content/tips/eye-care.md", "content/tips/护眼 小知识.md");
    rename(
        &site,
        "content/tips/lightning-safety.md",
        "content/tips/lightning.md",
    );

    let deadline = Instant::now() + SETTLE;
    let (expected, differences) = loop {
        let expected = full_build(&site, &server);
        let differences = differences(&server, &expected, &before);
        if differences.is_empty() || Instant::now() > deadline {
            break (expected, differences);
        }
        std::thread::sleep(Duration::from_secs(1));
    };
    assert!(
        differences.is_empty(),
        "after {SETTLE:?}, {} of {} files differ from a full build:\n{}",
        differences.len(),
        expected.files.len(),
        differences
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The edits did reach the served site: it is not the site from before.
    assert!(expected.files.contains_key("tips/burst-150/index.html"));
    assert!(!expected.files.contains_key("tips/burst-0/index.html"));
    assert!(expected.files.contains_key("tips/hu-yan-xiao-zhi-shi/index.html"));
    assert!(!expected.files.contains_key("tips/eye-care/index.html"));
}

/// 500 changes with no pause: 200 pages created, the same 200 rewritten,
/// 100 of them deleted again.
fn burst_of_changes(site: &Site) {
    let page = |i: usize, text: &str| {
        site.write(
            &format!("content/tips/burst-{i}.md"),
            format!("---\ntitle: 连续修改 {i}\ndate: 2024-03-01\n---\n\n{text}\n"),
        );
    };
    let created = BURST * 2 / 5;
    (0..created).for_each(|i| page(i, "初稿。"));
    (0..created).for_each(|i| page(i, "第二稿，改了一个字。"));
    for i in 0..BURST - 2 * created {
        std::fs::remove_file(site.path(&format!("content/tips/burst-{i}.md"))).unwrap();
    }
}

fn rename(site: &Site, from: &str, to: &str) {
    std::fs::rename(site.path(from), site.path(to)).unwrap();
}

/// What the server would serve after building the files on disk afresh.
fn full_build(site: &Site, server: &Server) -> Served {
    let root = site.root().canonicalize().unwrap();
    let script = Some(kepu::serve::live::script());
    Rebuilder::new(&root, server.address, false, false, script)
        .build_all()
        .unwrap_or_else(|e| panic!("a full build of the edited site: {e}"))
}

/// Each file the server answers differently from `expected`, and each file
/// of `before` it still serves though `expected` no longer has it.
fn differences(server: &Server, expected: &Served, before: &Served) -> Vec<String> {
    let mut found = Vec::new();
    let mut paths: Vec<&String> = expected.files.keys().collect();
    paths.sort();
    for path in paths {
        let wanted = match &expected.files[path] {
            ServedFile::Bytes(bytes) => bytes.to_vec(),
            ServedFile::Copy { from, .. } => std::fs::read(from).unwrap_or_default(),
        };
        let got = server.get(&url_path(&expected.base_path, path));
        if got.status != 200 || got.body != wanted {
            found.push(format!(
                "{path}: HTTP {}, {} bytes, expected {}",
                got.status,
                got.body.len(),
                wanted.len()
            ));
        }
    }
    let expected_paths: BTreeSet<&String> = expected.files.keys().collect();
    for gone in before.files.keys().filter(|p| !expected_paths.contains(p)) {
        let got = server.get(&url_path(&expected.base_path, gone));
        if got.status != 404 {
            found.push(format!(
                "{gone}: HTTP {}, but a full build no longer has it",
                got.status
            ));
        }
    }
    found
}

/// The request path of an output file, percent-encoded.
fn url_path(base_path: &str, file: &str) -> String {
    let mut encoded = String::from(base_path);
    for byte in file.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}
