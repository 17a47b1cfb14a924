//! Replays every crash reproducer the fuzzers found, committed under
//! `tests/fixtures/fuzz-regressions/TARGET/`, through that fuzz target's own
//! checks, so that a fixed crash stays fixed without running a fuzzer.

use crate::common::fixture_dir;
use crate::fuzz_targets;

/// The reproducers of one target (none until its fuzzer finds a crash), as
/// (file name, bytes).
fn reproducers(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = fixture_dir("fuzz-regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut found: Vec<(String, Vec<u8>)> = entries
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    found.sort();
    found
}

/// Runs `check` on each reproducer that is text (as libFuzzer's `&str`
/// targets only see valid UTF-8).
fn replay_text(target: &str, check: fn(&str)) {
    for (name, bytes) in reproducers(target) {
        if let Ok(text) = std::str::from_utf8(&bytes) {
            println!("{target}/{name}");
            check(text);
        }
    }
}

#[test]
fn front_matter_reproducers() {
    replay_text("front_matter", fuzz_targets::front_matter);
}

#[test]
fn markdown_reproducers() {
    replay_text("markdown", fuzz_targets::markdown);
}

#[test]
fn postprocess_reproducers() {
    for (name, bytes) in reproducers("postprocess") {
        println!("postprocess/{name}");
        fuzz_targets::postprocess(&bytes);
    }
}

/// The fuzz targets run clean on their seeds, the demo content: the
/// in-memory site, the theme's shortcodes and stylesheet all load.
#[test]
fn targets_pass_on_the_demo_content() {
    let files = walkdir::WalkDir::new(crate::common::repo_root().join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"));
    for entry in files {
        let text = std::fs::read_to_string(entry.path()).unwrap();
        fuzz_targets::front_matter(&text);
        fuzz_targets::markdown(text.split("\n---\n").nth(1).unwrap_or(&text));
        fuzz_targets::postprocess(format!("\u{2}<body>{text}</body>").as_bytes());
    }
}
