//! One integration-test binary: each module builds fixture sites from
//! `tests/fixtures/` in temporary folders and checks the files written.

mod common;

/// The fuzz targets' checks, replayed on committed crash reproducers.
#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;

mod integration {
    pub mod bad_input;
    pub mod browser;
    pub mod build;
    pub mod chinese_text;
    pub mod demo;
    pub mod editions;
    pub mod figures;
    pub mod fuzz_regressions;
    pub mod new;
    pub mod search;
}
