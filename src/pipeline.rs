//! The one pipeline that `kepu build`, `kepu serve` and `kepu check` run:
//! config → content loading → site model → Markdown → rendering (Tera) with
//! HTML post-processing → output.

use crate::error::{self, Result};
use crate::files::Output;
use crate::{config, dates, markdown, model, output, references, render, source, templates};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What `kepu build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    pub future: bool,
    /// Replace an output folder kepu did not create.
    pub force: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            base_url: None,
            drafts: false,
            future: false,
            force: false,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a finished build reports.
#[derive(Debug, Clone)]
pub struct BuildReport {
    pub pages: usize,
    pub sections: usize,
    pub files_written: usize,
    pub elapsed: Duration,
    pub warnings: Vec<error::Diagnostic>,
    pub held_back: model::HeldBack,
    pub output: PathBuf,
    /// Folders that interrupted builds had left beside the output, removed.
    pub removed_leftovers: Vec<PathBuf>,
}

/// A site loaded and modelled, ready to render.
pub struct Loaded {
    pub site: model::Site,
    pub theme: templates::theme::Theme,
}

/// What one build keeps for the next while serving: the parsed content
/// files, rendered Markdown bodies, the site's model, page values, compiled
/// templates and rendered outputs, each with what it was made from. A
/// rebuild redoes only the work whose inputs changed and gives the same
/// bytes as a fresh build.
#[derive(Default)]
pub struct Memory {
    pub sources: source::SourceCache,
    markdown: markdown::MarkdownCache,
    render: render::RenderMemory,
    /// The site last loaded, which edits of page bodies only patch.
    loaded: Option<Loaded>,
    /// The pages whose bodies the last load patched; `None` when it
    /// modelled the site afresh.
    patched: Option<Vec<String>>,
}

impl Memory {
    /// How many memoised outputs the last build made anew and reused.
    pub fn render_stats(&self) -> render::RenderStats {
        self.render.stats
    }
}

/// Config, content and theme in; the site model with rendered Markdown out.
/// No output is written.
pub fn load(options: &BuildOptions) -> Result<Loaded> {
    load_with(options, &mut Memory::default())
}

/// Loads the site into `memory` after the content changes `update` reports,
/// reusing what `memory` holds; its source cache is read as it is once
/// loaded (the caller updates it with the files that changed). After edits
/// of page bodies only, the last load is patched instead of modelling the
/// site again. A failed load keeps nothing, so the next starts afresh.
pub fn load_into<'m>(
    options: &BuildOptions,
    memory: &'m mut Memory,
    update: &source::SourceUpdate,
) -> Result<&'m Loaded> {
    memory.patched = None;
    let loaded = match (memory.loaded.take(), update) {
        (Some(mut last), source::SourceUpdate::PageBodies(edited)) if is_current(&last.site) => {
            patch_bodies(&mut last, memory, edited)?;
            memory.patched = Some(edited.clone());
            last
        }
        _ => load_with(options, memory)?,
    };
    Ok(memory.loaded.insert(loaded))
}

/// Whether no page `site` held back as scheduled is due by now.
fn is_current(site: &model::Site) -> bool {
    let now = dates::now().timestamp();
    site.held_back.next_release.is_none_or(|release| release > now)
}

/// Gives the pages at `edited` of `loaded` the bodies the source cache now
/// has and renders their Markdown again; checks the links again if those
/// pages' links or headings changed.
fn patch_bodies(loaded: &mut Loaded, memory: &mut Memory, edited: &[String]) -> Result<()> {
    let site = &mut loaded.site;
    let mut pages = Vec::with_capacity(edited.len());
    let mut before = Vec::with_capacity(edited.len());
    for rel_path in edited {
        // A draft or scheduled page is not in the model: its body shows nowhere.
        let (Some(index), Some(source)) = (site.page_index(rel_path), memory.sources.page(rel_path)) else {
            continue;
        };
        let page = &mut site.pages[index];
        page.source.body = source.body.clone();
        before.push(std::sync::Arc::clone(&page.rendered));
        pages.push(index);
    }
    let rendered = templates::ShortcodeTemplates::new(&loaded.theme)
        .and_then(|shortcodes| markdown::render_pages_with(site, &shortcodes, &mut memory.markdown, &pages));
    // The last build passed the link checks: only these pages can change that.
    let same_links = pages.iter().zip(&before).all(|(i, old)| {
        let new = &site.pages[*i].rendered;
        new.links == old.links && new.heading_ids == old.heading_ids
    });
    let links = if same_links { Ok(()) } else { site.check_links() };
    fail_on(problems_of([rendered, links]))
}

/// Every problem of `results`.
fn problems_of(results: impl IntoIterator<Item = Result<()>>) -> Vec<error::Diagnostic> {
    results
        .into_iter()
        .filter_map(Result::err)
        .flat_map(error::Error::into_diagnostics)
        .collect()
}

/// `problems`, if there are any, as one error.
fn fail_on(problems: Vec<error::Diagnostic>) -> Result<()> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(error::Error::from_diagnostics(problems))
    }
}

/// [`load`], reusing the source cache and the Markdown renderings `memory` holds.
fn load_with(options: &BuildOptions, memory: &mut Memory) -> Result<Loaded> {
    let overrides = config::Overrides {
        base_url: options.base_url.clone(),
    };
    let config = config::Config::load(&options.root, &overrides)?;
    let theme = templates::theme::Theme::load(&config)?;
    if !memory.sources.is_loaded() {
        memory.sources.reload(&config.content_dir());
    }
    let content = memory.sources.content()?;
    let visibility = model::Visibility {
        drafts: options.drafts,
        future: options.future,
        now: dates::now().timestamp(),
    };
    let mut site = model::Site::build(config, content, visibility)?;
    fail_on(prepare_with(&mut site, &theme, &mut memory.markdown))?;
    Ok(Loaded { site, theme })
}

/// The stages between the site model and rendering, shared by `build` and
/// `check`: shortcodes and Markdown, the internal-link checks, and outputs
/// the theme cannot render. Every problem is returned; the link checks run
/// even when a page's shortcodes failed.
pub fn prepare(site: &mut model::Site, theme: &templates::theme::Theme) -> Vec<error::Diagnostic> {
    prepare_with(site, theme, &mut markdown::MarkdownCache::default())
}

/// [`prepare`], keeping the Markdown renderings in `markdown` whose input
/// is unchanged.
fn prepare_with(
    site: &mut model::Site,
    theme: &templates::theme::Theme,
    markdown: &mut markdown::MarkdownCache,
) -> Vec<error::Diagnostic> {
    let rendered = templates::ShortcodeTemplates::new(theme)
        .and_then(|shortcodes| markdown::render_site_with(site, &shortcodes, markdown));
    let problems = problems_of([rendered, site.check_links()]);
    render::drop_unrenderable(site, theme);
    problems
}

/// Renders the site last loaded into `memory` ([`load_into`]), reusing the
/// outputs whose inputs are unchanged. The own outputs of the pages from
/// `first` (content-relative paths) go to `early` before the rest is
/// rendered; `interrupt` being set stops the rest ([`error::Error::Interrupted`]).
pub fn render_loaded(
    memory: &mut Memory,
    options: &render::RenderOptions,
    first: &[String],
    interrupt: &std::sync::atomic::AtomicBool,
    early: &mut dyn FnMut(Vec<Output>),
) -> Result<Vec<Output>> {
    let Memory {
        render,
        loaded,
        patched,
        ..
    } = memory;
    let Some(loaded) = loaded else {
        return Err(error::Error::Output("nothing loaded to render".into()));
    };
    let rebuild = render::Rebuild {
        bodies_only: patched.as_deref(),
        first,
        interrupt: Some(interrupt),
    };
    render::render_site(&loaded.site, &loaded.theme, options, render, rebuild, early)
}

/// Builds the site into its output folder, replacing it only on success.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(options, &|_| {})
}

/// The stage a build is in, for progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading,
    Rendering { pages: usize },
    Writing { files: usize },
}

/// [`build`], telling `progress` as each stage starts.
pub fn build_with_progress(options: &BuildOptions, progress: &dyn Fn(Stage)) -> Result<BuildReport> {
    let started = Instant::now();
    let out = options.output_dir();
    output::check_output_dir(&options.root, &out, options.force)?;
    let removed_leftovers = output::remove_leftovers(&out);
    progress(Stage::Loading);
    let loaded = load(options)?;
    progress(Stage::Rendering {
        pages: loaded.site.pages.len(),
    });
    // Each output is written (into the staging folder) as soon as it is
    // made: a build never holds the whole site in memory.
    let staging = output::Staging::new(&out);
    let paths = render::Renderer::new(&loaded.site, &loaded.theme)?.render_each(
        &render::RenderOptions::default(),
        &|output| {
            staging.write(&output)?;
            Ok(output.into_path())
        },
    )?;
    let mut warnings: Vec<error::Diagnostic> = loaded.site.all_warnings().cloned().collect();
    warnings.extend(references::check(&loaded.site, paths.iter().map(String::as_str)));
    progress(Stage::Writing { files: paths.len() });
    let files_written = staging.finish()?;
    Ok(BuildReport {
        pages: loaded.site.pages.len(),
        sections: loaded.site.sections.len(),
        files_written,
        elapsed: started.elapsed(),
        warnings,
        held_back: loaded.site.held_back,
        output: out,
        removed_leftovers,
    })
}

/// True when `dir` holds a kepu site.
pub fn is_site(dir: &Path) -> bool {
    dir.join(config::CONFIG_FILE).is_file()
}
