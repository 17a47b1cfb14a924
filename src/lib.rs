//! kepu: a static site generator for science-outreach organisations.
//!
//! [`build`] reads as the pipeline: config → content loading (front matter)
//! → site model → Markdown → rendering (Tera) with HTML post-processing →
//! output. Every stage is its own module and data flows one way.

pub mod body;
pub mod check;
pub mod config;
pub mod dates;
pub mod error;
pub mod files;
pub mod fingerprint;
pub mod import;
pub mod init;
pub mod markdown;
pub mod model;
pub mod new;
pub mod output;
pub mod period;
pub mod pipeline;
pub mod postprocess;
pub mod qr;
pub mod references;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod templates;
pub mod text;
pub mod urls;
pub mod wechat;
mod yaml;

pub use pipeline::{
    BuildOptions, BuildReport, Loaded, Memory, Stage, build, build_with_progress, is_site, load, load_into,
    prepare, render_loaded,
};
