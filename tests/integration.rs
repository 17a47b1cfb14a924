//! One integration-test binary: each module builds fixture sites from
//! `tests/fixtures/` in temporary folders and checks the files written.

mod common;

/// The fuzz targets' checks, replayed on committed crash reproducers.
#[path = "../fuzz/src/lib.rs"]
mod fuzz_targets;

mod integration {
    pub mod aliases;
    pub mod audit;
    pub mod bad_input;
    pub mod blocks_browser;
    pub mod browser;
    pub mod build;
    pub mod care_browser;
    pub mod check;
    pub mod chinese_text;
    pub mod compliance;
    pub mod content_blocks;
    pub mod crawl;
    pub mod demo;
    pub mod editions;
    pub mod editions_browser;
    pub mod feeds;
    pub mod figures;
    pub mod fuzz_regressions;
    pub mod import;
    pub mod layers;
    pub mod leaks;
    pub mod live_reload;
    pub mod messages;
    pub mod navigation;
    pub mod new;
    pub mod output_reuse;
    pub mod output_safety;
    pub mod pagination;
    pub mod photos;
    pub mod pipeline;
    pub mod quality;
    pub mod rebuild;
    pub mod repeat_build;
    pub mod scheduling;
    pub mod search;
    pub mod serve_http;
    pub mod sitemap;
    pub mod taxonomies;
    pub mod theme_outputs;
    pub mod upcoming_events;
    pub mod watch;
}
