//! kepu: a static site generator for science-outreach organisations.
//!
//! A table of contents, floor by floor (a module uses only modules on lower
//! floors; `tests/integration/layers.rs` keeps it so). [`pipeline::run`] is
//! the one sequence of stages that build, serve and check share.

// Ground: no stage's data.
pub mod dates;
pub mod error;
pub mod files;
pub mod fingerprint;
pub mod messages;
pub mod period;
pub mod qr;
pub mod report;
pub mod slug;
pub mod text;
pub mod urls;
mod yaml;

// The vocabulary of a rendered body, and the HTML and search libraries the
// stages call with what they need.
pub mod body;
pub mod images;
pub mod postprocess;
pub mod search;
pub mod wechat;

// The stages; in pipeline order: config → source → model → templates →
// markdown → plan → references (and the audit, beside them) → render.
pub mod audit;
pub mod config;
pub mod markdown;
pub mod model;
pub mod plan;
pub mod references;
pub mod render;
pub mod source;
pub mod templates;

// The edges: the one writer, the pipeline, and the commands.
pub mod check;
pub mod import;
pub mod init;
pub mod new;
pub mod output;
pub mod pipeline;
pub mod serve;

pub use pipeline::{BuildOptions, BuildReport, Stage, build, build_with_progress, is_site};
