//! Rebuilding the served site after changes. The whole pipeline runs each
//! time, but on kept work ([`crate::Memory`]): only changed content files
//! are read again, only changed Markdown bodies rendered, the model kept
//! when only page bodies changed, and only outputs whose inputs changed
//! rendered again. So the result is, byte for byte, what a fresh build
//! gives. The changed pages' own outputs are made first, so that they can
//! be shown before the rest is done. A change to `kepu.yaml` starts from
//! nothing.

use super::served::Served;
use super::watch::Changes;
use crate::config;
use crate::error::{Diagnostic, Error, Result};
use crate::files;
use crate::files::Output;
use crate::images;
use crate::pipeline::{self, BuildOptions, Memory, Policy, Run, Sink};
use crate::render;
use crate::render::RenderOptions;
use crate::source::SourceUpdate;
use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// A site built for serving at a local address.
pub struct Rebuilder {
    root: PathBuf,
    address: SocketAddr,
    drafts: bool,
    future: bool,
    render_options: RenderOptions,
    memory: Memory,
    /// Copied files whose text the last build also read (the WeChat
    /// stylesheet): an edit to one needs a rebuild, not just a new copy.
    copied_inputs: Vec<PathBuf>,
    /// Content files changed since the last complete rebuild, whose pages
    /// the next rebuild renders first.
    unfinished: BTreeSet<String>,
    /// The path part of the configured `base_url` (`/` or `/kexie/`),
    /// kept so that a sub-path site is served under its sub-path.
    base_path: String,
    /// What the last rebuild warned about (a build of the site warns the same).
    warnings: Vec<Diagnostic>,
    /// Leave the photos the cache lacks to [`Self::take_photo_jobs`].
    photos_in_background: bool,
    photo_jobs: Vec<images::Job>,
}

impl Rebuilder {
    /// `root` is the canonical site folder; `inject` goes into every page.
    pub fn new(root: &Path, address: SocketAddr, drafts: bool, future: bool, inject: Option<String>) -> Self {
        Rebuilder {
            root: root.to_path_buf(),
            address,
            drafts,
            future,
            render_options: RenderOptions {
                inject_before_body_end: inject,
            },
            memory: Memory::serving(),
            copied_inputs: Vec::new(),
            unfinished: BTreeSet::new(),
            base_path: "/".into(),
            warnings: Vec::new(),
            photos_in_background: false,
            photo_jobs: Vec::new(),
        }
    }

    /// Rebuilds leave the photo renditions the cache lacks undone (their
    /// URLs answer 404) for [`Self::take_photo_jobs`], so that a new photo
    /// does not hold up its page.
    pub fn make_photos_in_background(&mut self) {
        self.photos_in_background = true;
    }

    /// The photo renditions the rebuilds so far left to make.
    pub fn take_photo_jobs(&mut self) -> Vec<images::Job> {
        std::mem::take(&mut self.photo_jobs)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How many memoised outputs the last build made anew and reused.
    pub fn render_stats(&self) -> render::RenderStats {
        self.memory.render_stats()
    }

    /// Whether the build reads `file`, a file the site also copies.
    pub fn reads_copied_file(&self, file: &Path) -> bool {
        self.copied_inputs.iter().any(|input| input == file)
    }

    /// What the last rebuild warned about.
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// The URL the site is served at.
    pub fn local_url(&self) -> String {
        format!("http://{}{}", self.address, self.base_path)
    }

    /// Builds everything from scratch.
    pub fn build_all(&mut self) -> Result<Served> {
        let changes = Changes {
            config: true,
            ..Changes::default()
        };
        self.rebuild(&changes)
    }

    /// Builds the site again after `changes`.
    pub fn rebuild(&mut self, changes: &Changes) -> Result<Served> {
        let never = AtomicBool::new(false);
        let served = self.rebuild_in_steps(changes, &never, &mut |_| {})?;
        served.ok_or(Error::Interrupted)
    }

    /// Builds the site again after `changes`, handing the changed pages'
    /// own outputs (pages and editions) to `early` before the rest is
    /// rendered. `None` when `interrupt` was set meanwhile: the rest is
    /// left for the next rebuild.
    pub fn rebuild_in_steps(
        &mut self,
        changes: &Changes,
        interrupt: &AtomicBool,
        early: &mut dyn FnMut(Vec<Output>),
    ) -> Result<Option<Served>> {
        self.unfinished.extend(self.content_files(changes));
        let update = self.update_sources(changes)?;
        let options = BuildOptions {
            preview_url: Some(self.local_url()),
            drafts: self.drafts,
            future: self.future,
            ..BuildOptions::new(&self.root)
        };
        let first: Vec<String> = self.unfinished.iter().cloned().collect();
        let run = Run {
            render: self.render_options.clone(),
            first: &first,
            interrupt: Some(interrupt),
            photos_in_background: self.photos_in_background,
            ..Run::new(Policy::StopAtFirstError, Sink::Memory)
        };
        let mut outcome = pipeline::run(&options, &mut self.memory, &update, &run, early);
        self.photo_jobs.append(&mut outcome.photo_jobs);
        if let Some(loaded) = self.memory.loaded() {
            self.copied_inputs = loaded
                .theme
                .wechat_stylesheet
                .iter()
                .map(|css| css.file.clone())
                .collect();
        }
        self.warnings = outcome.warnings.clone();
        match outcome.into_result() {
            Err(Error::Interrupted) => Ok(None),
            done => {
                self.unfinished.clear();
                done.map(|outcome| Some(Served::new(outcome.outputs, &self.base_path)))
            }
        }
    }

    /// Brings the source cache up to date with `changes`; says whether only
    /// page bodies changed.
    fn update_sources(&mut self, changes: &Changes) -> Result<SourceUpdate> {
        if changes.config {
            self.memory = Memory::serving();
            self.base_path = self.configured_base_path()?;
            return Ok(SourceUpdate::Other);
        }
        if changes.rescan || !self.memory.sources.is_loaded() {
            self.memory.sources = Default::default();
            return Ok(SourceUpdate::Other);
        }
        let content: Vec<PathBuf> = changes.content.iter().cloned().collect();
        let update = self.memory.sources.update(&self.root.join("content"), &content);
        Ok(if changes.theme.is_empty() {
            update
        } else {
            SourceUpdate::Other
        })
    }

    /// The content files among `changes`, relative to `content/`.
    fn content_files(&self, changes: &Changes) -> Vec<String> {
        let content_dir = self.root.join("content");
        changes
            .content
            .iter()
            .filter(|path| path.starts_with(&content_dir))
            .map(|path| files::relative(&content_dir, path))
            .collect()
    }

    fn configured_base_path(&self) -> Result<String> {
        let config = config::Config::load(&self.root, &Default::default())?;
        Ok(config.base_path().to_string())
    }
}

/// The problems of a failed build, each naming a file.
pub fn problems(err: &Error, root: &Path) -> Vec<Diagnostic> {
    let found: Vec<Diagnostic> = err.diagnostics().into_iter().cloned().collect();
    if found.is_empty() {
        let file = match err {
            Error::Io { path, .. } => path.clone(),
            _ => root.to_path_buf(),
        };
        vec![Diagnostic::new(file, err.to_string())]
    } else {
        found
    }
}
