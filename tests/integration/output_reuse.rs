//! A build writes only what changed: an output whose bytes equal the
//! previous build's keeps its file (inode and modification time, so a
//! deploy by `rsync` or a bucket sync leaves it alone), files no output
//! names any more are removed, the build says how many of each, and the
//! output is byte for byte what a clean build gives.

use crate::common::Site;
use crate::common::output::{clean_build, identities, write_summary};

fn summary(stdout: &str) -> (usize, usize, usize) {
    write_summary(stdout, "wrote ")
}

/// Builds with `extra` arguments and checks the output against a clean
/// build and the summary against what changed on disk.
fn build_and_compare(site: &Site, extra: &[&str]) -> (usize, usize, usize) {
    let before = identities(&site.path("public"));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let stdout = site.build(extra);
    let after = identities(&site.path("public"));
    assert_eq!(
        site.snapshot(),
        clean_build(site),
        "the output differs from a clean build"
    );
    let (written, unchanged, deleted) = summary(&stdout);
    let kept = after
        .iter()
        .filter(|(rel, id)| *rel != ".kepu-output" && before.get(*rel) == Some(id))
        .count();
    let gone = before
        .keys()
        .filter(|rel| *rel != ".kepu-output" && !after.contains_key(*rel))
        .count();
    assert_eq!(
        unchanged, kept,
        "files said unchanged, against files whose inode and mtime stayed"
    );
    assert_eq!(
        written + unchanged,
        after.len() - 1,
        "every file but the marker is counted"
    );
    assert_eq!(deleted, gone, "files said deleted, against files gone");
    (written, unchanged, deleted)
}

#[test]
fn a_rebuild_writes_only_what_changed() {
    let site = Site::fixture("basic");
    let (first, unchanged, deleted) = summary(&site.build(&[]));
    assert!(
        first > 20 && unchanged == 0 && deleted == 0,
        "a first build writes everything"
    );

    // Nothing changed: nothing is written.
    let (written, unchanged, _) = build_and_compare(&site, &[]);
    assert_eq!((written, unchanged), (0, first), "nothing changed");

    // One page edited: its page and the lists and feeds showing its title.
    site.edit("content/tips/drink-water.md", "title: \"", "title: \"新版");
    let before = identities(&site.path("public"));
    let (written, unchanged, deleted) = build_and_compare(&site, &[]);
    assert!(
        written > 0 && written < 15 && deleted == 0,
        "{written} written, {deleted} deleted"
    );
    let after = identities(&site.path("public"));
    for untouched in ["anti-cult/beware/index.html", "404.html", ".kepu-output"] {
        assert_eq!(
            before[untouched], after[untouched],
            "{untouched} was written again"
        );
    }
    assert_ne!(
        before["tips/drink-water/index.html"],
        after["tips/drink-water/index.html"]
    );
    assert!(unchanged > 15);

    // A page removed: its files go, and the build says how many.
    site.write(
        "content/tips/extra.md",
        "---\ntitle: 多余的一页\ndate: 2024-05-01\n---\n正文。\n",
    );
    build_and_compare(&site, &[]);
    assert!(site.exists("tips/extra/index.html"));
    std::fs::remove_file(site.path("content/tips/extra.md")).unwrap();
    let (_, _, deleted) = build_and_compare(&site, &[]);
    assert!(deleted >= 1, "{deleted}");
    assert!(!site.exists("tips/extra/index.html"));
}

#[test]
fn the_summary_is_said_in_the_sites_language() {
    let site = Site::fixture("basic");
    site.build(&[]);
    site.edit("content/tips/drink-water.md", "title: \"", "title: \"新版");
    let built = site.kepu_in("zh", &["build"]);
    let stdout = String::from_utf8_lossy(&built.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("写入 "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let shape = numbers_as_n(line);
    assert_eq!(shape, "写入 N 个文件，未变 N 个，删除 N 个", "{line}");
}

/// The line with each number (digits and grouping commas) as `N`.
fn numbers_as_n(line: &str) -> String {
    let mut shape = String::new();
    for c in line.chars() {
        match c {
            '0'..='9' | ',' if shape.ends_with('N') => {}
            '0'..='9' => shape.push('N'),
            _ => shape.push(c),
        }
    }
    shape
}

#[test]
fn copied_files_are_kept_too_and_a_file_where_a_folder_is_now_is_replaced() {
    let site = Site::fixture("basic");
    site.write("static/css/extra.css", "body { color: #123; }");
    site.build(&[]);
    let before = identities(&site.path("public"));
    build_and_compare(&site, &[]);
    assert_eq!(
        before["css/extra.css"],
        identities(&site.path("public"))["css/extra.css"]
    );
    site.write("static/css/extra.css", "body { color: #456; }");
    build_and_compare(&site, &[]);
    assert_ne!(
        before["css/extra.css"],
        identities(&site.path("public"))["css/extra.css"]
    );
    // A static file named like a folder the next build needs.
    site.write("static/notes", "a file");
    build_and_compare(&site, &[]);
    std::fs::remove_file(site.path("static/notes")).unwrap();
    site.write("static/notes/index.txt", "now a folder");
    build_and_compare(&site, &[]);
    assert_eq!(site.read("notes/index.txt"), "now a folder");
}
