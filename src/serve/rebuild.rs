//! Rebuilding the served site after changes. The whole pipeline runs each
//! time, but on kept work ([`crate::Memory`]): only changed content files
//! are read again, only changed Markdown bodies rendered, and only outputs
//! whose inputs changed rendered again. So the result is, byte for byte,
//! what a fresh build gives. A change to `kepu.yaml` starts from nothing.

use super::served::Served;
use super::watch::Changes;
use crate::error::{Diagnostic, Error, Result};
use crate::render::RenderOptions;
use crate::{BuildOptions, Memory};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

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
    /// The path part of the configured `base_url` (`/` or `/kexie/`),
    /// kept so that a sub-path site is served under its sub-path.
    base_path: String,
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
            memory: Memory::default(),
            copied_inputs: Vec::new(),
            base_path: "/".into(),
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// How many memoised outputs the last build made anew and reused.
    pub fn render_stats(&self) -> crate::render::RenderStats {
        self.memory.render_stats()
    }

    /// Whether the build reads `file`, a file the site also copies.
    pub fn reads_copied_file(&self, file: &Path) -> bool {
        self.copied_inputs.iter().any(|input| input == file)
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
        if changes.config {
            self.memory = Memory::default();
            self.base_path = self.configured_base_path()?;
        } else if changes.rescan {
            self.memory.sources = Default::default();
        } else if self.memory.sources.is_loaded() {
            let content: Vec<PathBuf> = changes.content.iter().cloned().collect();
            self.memory.sources.update(&self.root.join("content"), &content);
        }
        let options = BuildOptions {
            base_url: Some(self.local_url()),
            drafts: self.drafts,
            future: self.future,
            ..BuildOptions::new(&self.root)
        };
        let loaded = crate::load_with(&options, &mut self.memory)?;
        self.copied_inputs = loaded
            .theme
            .wechat_stylesheet
            .iter()
            .map(|css| css.file.clone())
            .collect();
        for warning in &loaded.site.warnings {
            eprintln!("warning: {warning}");
        }
        let outputs = crate::render_with(&loaded, &self.render_options, &mut self.memory)?;
        Ok(Served::new(outputs, &self.base_path))
    }

    fn configured_base_path(&self) -> Result<String> {
        let config = crate::config::Config::load(&self.root, &Default::default())?;
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
