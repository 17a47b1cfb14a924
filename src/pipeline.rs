//! The one pipeline that `kepu build`, `kepu serve` and `kepu check` run,
//! stage by stage: config → theme → content loading → site model → output
//! plan → Markdown (shortcodes included) and link checks → rendering (Tera)
//! with HTML post-processing → references checked against the plan → the
//! sink. [`run`] is that sequence; the three commands differ only in the
//! [`Policy`] (stop after the first stage with errors, or collect every
//! problem) and the [`Sink`] (the disk, memory, nothing), and serve in what
//! its [`Memory`] keeps from the last run.

use crate::error::{Diagnostic, Error, Result};
use crate::files::Output;
use crate::messages::msg;
use crate::plan::Plan;
use crate::{
    audit, config, dates, images, markdown, model, output, plan, references, render, source, templates,
};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// What `kepu build` was asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Defaults to `ROOT/public`.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    /// `kepu serve`'s local address, which pages link to instead of `base_url`.
    pub preview_url: Option<String>,
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
            preview_url: None,
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
    /// What the build did to the output folder's files.
    pub files: output::Written,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
    pub held_back: model::HeldBack,
    pub output: PathBuf,
    /// Folders that interrupted builds had left beside the output, removed.
    pub removed_leftovers: Vec<PathBuf>,
    /// Photo renditions encoded by this build (the others came from the cache).
    pub photos_encoded: usize,
    /// Photo originals read by this build (the others' headers came from
    /// the index, their renditions from the cache).
    pub photos_read: usize,
}

/// A site loaded, modelled and planned, its Markdown rendered: ready to render.
pub struct Loaded {
    pub site: model::Site,
    pub theme: templates::theme::Theme,
    pub plan: Plan,
    /// False when the theme did not load (check goes on without it): then
    /// Markdown and rendering are skipped.
    pub renderable: bool,
}

/// How a run treats problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Policy {
    /// Stop after the first stage that found errors (build, serve).
    StopAtFirstError,
    /// Go on past every problem where the stages allow, so that one run
    /// reports all of them (check).
    CollectAll,
}

/// Where the rendered outputs go.
pub enum Sink<'s> {
    /// Written into the staging folder as they are made (build).
    Disk(&'s output::Staging),
    /// Kept, and handed back in [`Outcome::outputs`] (serve).
    Memory,
    /// Dropped once made (check).
    Nothing,
}

/// What a run is asked to do besides loading the site of its options.
pub struct Run<'r> {
    pub policy: Policy,
    pub sink: Sink<'r>,
    pub render: render::RenderOptions,
    /// Content files whose pages' own outputs are made first and handed to
    /// the `early` callback of [`run`] (serve shows them at once).
    pub first: &'r [String],
    /// Set when newer changes make this run moot (serve).
    pub interrupt: Option<&'r AtomicBool>,
    pub progress: &'r (dyn Fn(Stage) + Sync),
    /// Audit the loaded site as inspections would (`kepu check --audit`).
    pub audit: Option<audit::AuditOptions>,
    /// Leave the photo renditions the cache lacks to the caller
    /// ([`Outcome::photo_jobs`]) instead of making them before the run
    /// ends (serve shows the pages at once and makes the photos after).
    pub photos_in_background: bool,
}

impl<'r> Run<'r> {
    pub fn new(policy: Policy, sink: Sink<'r>) -> Self {
        Run {
            policy,
            sink,
            render: render::RenderOptions::default(),
            first: &[],
            interrupt: None,
            progress: &|_| {},
            audit: None,
            photos_in_background: false,
        }
    }
}

/// What a run found and made.
#[derive(Debug, Default)]
pub struct Outcome {
    /// What makes a build fail.
    pub errors: Vec<Diagnostic>,
    /// A failure that is not a problem of the site (a disk error), if any.
    pub failure: Option<Error>,
    pub warnings: Vec<Diagnostic>,
    /// With [`Sink::Memory`], every output.
    pub outputs: Vec<Output>,
    pub pages: usize,
    pub sections: usize,
    pub held_back: model::HeldBack,
    /// Newer changes stopped the run ([`Run::interrupt`]).
    pub interrupted: bool,
    /// Photo renditions encoded (the others were in the cache).
    pub photos_encoded: usize,
    /// Photo originals read (for their headers or to encode them).
    pub photos_read: usize,
    /// With [`Run::photos_in_background`], the renditions still to make
    /// (their outputs are among [`Self::outputs`], their files not yet in
    /// the cache).
    pub photo_jobs: Vec<images::Job>,
}

impl Outcome {
    /// Notes a stage's problems; says whether the run goes on.
    fn stage(&mut self, policy: Policy, problems: Vec<Diagnostic>) -> bool {
        self.errors.extend(problems);
        policy == Policy::CollectAll || self.errors.is_empty()
    }

    /// Notes a failed stage.
    fn failed(&mut self, policy: Policy, err: Error) -> bool {
        match err {
            Error::Interrupted => {
                self.interrupted = true;
                false
            }
            Error::Diagnostic(_) | Error::Diagnostics(_) => self.stage(policy, err.into_diagnostics()),
            other => {
                self.failure.get_or_insert(other);
                false
            }
        }
    }

    /// The run as a result: its errors (or failure) as one error.
    pub fn into_result(mut self) -> Result<Outcome> {
        if self.interrupted {
            return Err(Error::Interrupted);
        }
        if !self.errors.is_empty() {
            return Err(Error::from_diagnostics(std::mem::take(&mut self.errors)));
        }
        match self.failure.take() {
            Some(err) => Err(err),
            None => Ok(self),
        }
    }
}

/// What one run keeps for the next while serving: the parsed content
/// files, rendered Markdown bodies, the site's model, page values, compiled
/// templates and rendered outputs, each with what it was made from. A
/// rebuild redoes only the work whose inputs changed and gives the same
/// bytes as a fresh build. The default keeps only what one run needs.
#[derive(Default)]
pub struct Memory {
    pub sources: source::SourceCache,
    markdown: markdown::MarkdownCache,
    /// The headers of the photos read so far.
    image_headers: images::Headers,
    /// `Some` when outputs are memoised for a next run (serving).
    render: Option<render::RenderMemory>,
    /// A build's output record: the last build's, then this one's.
    record: Option<render::memo::OutputRecord>,
    /// The site last loaded, which edits of page bodies only patch.
    loaded: Option<Loaded>,
    /// The pages whose bodies the last load patched; `None` when it
    /// modelled the site afresh.
    patched: Option<Vec<String>>,
    /// The last run's reference warnings, per page and section (empty when
    /// they must be checked afresh: a new model or a new plan).
    references: Vec<Vec<Diagnostic>>,
}

impl Memory {
    /// A memory that keeps every run's work for the next (serve).
    pub fn serving() -> Self {
        Memory {
            render: Some(render::RenderMemory::default()),
            ..Memory::default()
        }
    }

    /// How many memoised outputs the last run made anew and reused.
    pub fn render_stats(&self) -> render::RenderStats {
        self.render.as_ref().map(|r| r.stats).unwrap_or_default()
    }

    /// The site the last run loaded, if it got that far.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref()
    }
}

/// The stage a build is in, for progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Loading,
    Rendering { pages: usize },
    Writing { files: usize },
}

/// The pipeline: loads the site of `options` (after the content changes
/// `update` reports, reusing what `memory` holds), renders it into the
/// sink and checks its references, as `run` asks. The outputs of the pages
/// of `run.first` go to `early` before the rest is rendered.
pub fn run(
    options: &BuildOptions,
    memory: &mut Memory,
    update: &source::SourceUpdate,
    run: &Run,
    early: &mut dyn FnMut(Vec<Output>),
) -> Outcome {
    let mut outcome = Outcome::default();
    (run.progress)(Stage::Loading);
    let renderable = load_into(options, memory, update, run.policy, &mut outcome);
    // Every original read for its header this run, kept for encoding it.
    let snapshots = memory.image_headers.take_snapshots();
    outcome.photos_read = memory.image_headers.take_reads();
    let Memory {
        render,
        loaded,
        patched,
        references,
        image_headers,
        record,
        ..
    } = memory;
    let Some(loaded) = loaded.as_ref() else {
        return outcome;
    };
    let site = &loaded.site;
    outcome.pages = site.pages.len();
    outcome.sections = site.sections.len();
    outcome.held_back = site.held_back.clone();
    outcome.warnings = site_warnings(loaded, references, patched.as_deref());
    if let Some(options) = run.audit {
        let findings = audit::audit(site, options, dates::today());
        outcome.errors.extend(findings.errors);
        outcome.warnings.extend(findings.warnings);
    }
    if !renderable {
        return outcome;
    }
    let sink = &run.sink;
    let cache = images::ImageCache::new(options.root.join(images::CACHE_DIR));
    // Before rendering, so that the bytes of originals whose renditions
    // the cache has are not held meanwhile.
    let mut photo_jobs = match sink {
        Sink::Nothing => Vec::new(),
        Sink::Disk(_) | Sink::Memory => loaded.plan.photos.missing(&cache, snapshots),
    };
    if run.photos_in_background {
        // Handed out even if the run is interrupted: the next one would
        // otherwise read these originals again.
        outcome.photo_jobs = std::mem::take(&mut photo_jobs);
    }
    (run.progress)(Stage::Rendering {
        pages: site.pages.len(),
    });
    let rebuild = render::Rebuild {
        bodies_only: patched.as_deref(),
        first: run.first,
        interrupt: run.interrupt,
    };
    let keep = |output: Output| -> Result<Option<Output>> {
        match sink {
            Sink::Disk(staging) => staging.write(&output).map(|()| None),
            Sink::Memory => Ok(Some(output)),
            Sink::Nothing => Ok(None),
        }
    };
    let rendered = render::render_site(
        (site, &loaded.theme, &loaded.plan),
        &run.render,
        render.as_mut(),
        record.as_mut(),
        rebuild,
        early,
        &keep,
    );
    match rendered {
        Ok(outputs) => outcome.outputs = outputs.into_iter().flatten().collect(),
        Err(err) => {
            outcome.failed(run.policy, err);
            return outcome;
        }
    }
    if !matches!(sink, Sink::Nothing) {
        let (made, problems) = output::cache::make(photo_jobs, &cache);
        outcome.photos_encoded = made.encoded;
        outcome.photos_read += made.read;
        let saved = output::cache::save_index(&options.root, image_headers, &loaded.plan.photos);
        if !outcome.stage(run.policy, problems.into_iter().chain(saved.err()).collect()) {
            return outcome;
        }
        // A rendition still to make is served once made (404 until then).
        match photo_outputs(&loaded.plan, &cache)
            .into_iter()
            .map(keep)
            .collect::<Result<Vec<_>>>()
        {
            Ok(kept) => outcome.outputs.extend(kept.into_iter().flatten()),
            Err(err) => {
                outcome.failed(run.policy, err);
            }
        }
    }
    outcome
}

/// The renditions of the plan, each a copy of its file in `cache` (made
/// there first if missing, so a rebuild encodes only new photos, or, in
/// the background, made later).
fn photo_outputs(plan: &Plan, cache: &images::ImageCache) -> Vec<Output> {
    let photos = plan.photos.photos();
    let copies = plan.entries.iter().filter_map(|entry| match entry.kind {
        plan::Kind::Rendition { photo, file } => {
            let planned = &photos[photo];
            let from = cache.path(planned.key, &planned.files[file].rendition);
            Some(Output::Copy {
                path: entry.path.clone(),
                from,
            })
        }
        _ => None,
    });
    copies.collect()
}

/// The warnings of a loaded site: its own, and references to files the
/// plan does not write. `last` keeps the reference warnings per page:
/// after edits of page bodies only (`patched`), only those pages are
/// checked again (checking 10,000 pages took most of a rebuild).
fn site_warnings(
    loaded: &Loaded,
    last: &mut Vec<Vec<Diagnostic>>,
    patched: Option<&[String]>,
) -> Vec<Diagnostic> {
    let site = &loaded.site;
    let mut warnings: Vec<Diagnostic> = site.all_warnings().cloned().collect();
    let photos = &loaded.plan.photos;
    warnings.extend(photos.warnings.iter().cloned());
    // Pages name the originals that only their renditions stand for.
    let outputs = loaded.plan.paths().chain(photos.originals());
    match patched {
        Some(edited) if last.len() == site.pages.len() + site.sections.len() => {
            let pages = edited.iter().filter_map(|rel_path| site.page_index(rel_path));
            references::check_again(site, outputs, last, pages);
        }
        _ => *last = references::check_each(site, outputs),
    }
    warnings.extend(last.iter().flatten().cloned());
    warnings
}

/// Loads the site into `memory`: after edits of page bodies only, the last
/// load is patched instead of modelling the site again. Says whether there
/// is a site to render; a failed load keeps nothing, so the next starts
/// afresh.
fn load_into(
    options: &BuildOptions,
    memory: &mut Memory,
    update: &source::SourceUpdate,
    policy: Policy,
    outcome: &mut Outcome,
) -> bool {
    memory.patched = None;
    let loaded = match (memory.loaded.take(), update) {
        (Some(mut last), source::SourceUpdate::PageBodies(edited)) if is_current(&last.site) => {
            let problems = patch_bodies(&mut last, memory, edited);
            memory.patched = Some(edited.clone());
            outcome.stage(policy, problems);
            Some(last)
        }
        _ => load(options, memory, policy, outcome),
    };
    let goes_on = policy == Policy::CollectAll || outcome.errors.is_empty() && outcome.failure.is_none();
    memory.loaded = loaded.filter(|_| goes_on);
    memory.loaded.as_ref().is_some_and(|loaded| loaded.renderable)
}

/// Whether no page `site` held back as scheduled is due by now.
fn is_current(site: &model::Site) -> bool {
    let now = dates::now().timestamp();
    site.held_back.next_release.is_none_or(|release| release > now)
}

/// Gives the pages at `edited` of `loaded` the bodies the source cache now
/// has and renders their Markdown again; checks the links again if those
/// pages' links or headings changed, and plans again if their number of
/// charts or their images did. Returns every problem.
fn patch_bodies(loaded: &mut Loaded, memory: &mut Memory, edited: &[String]) -> Vec<Diagnostic> {
    let site = &mut loaded.site;
    let mut pages = Vec::with_capacity(edited.len());
    let mut before = Vec::with_capacity(edited.len());
    let mut charts_changed = false;
    for rel_path in edited {
        // A draft or scheduled page is not in the model: its body shows nowhere.
        let (Some(index), Some(source)) = (site.page_index(rel_path), memory.sources.page(rel_path)) else {
            continue;
        };
        let page = &mut site.pages[index];
        let charts = plan::wechat_charts(page);
        page.source.body = source.body.clone();
        charts_changed |= charts != plan::wechat_charts(page);
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
    let mut problems = problems_of([rendered, links]);
    // A chart more or less is a WeChat picture more or less, and a page that
    // names another image may name a static photo not yet planned: plan again.
    let same_images = pages
        .iter()
        .zip(&before)
        .all(|(i, old)| site.pages[*i].rendered.images == old.images);
    if charts_changed || !same_images {
        let (plan, planning) = plan_outputs(site, &loaded.theme, &memory.image_headers);
        loaded.plan = plan;
        memory.references.clear();
        problems.extend(planning);
    }
    problems
}

/// Every problem of `results`.
fn problems_of(results: impl IntoIterator<Item = Result<()>>) -> Vec<Diagnostic> {
    results
        .into_iter()
        .filter_map(Result::err)
        .flat_map(Error::into_diagnostics)
        .collect()
}

/// The stages up to rendering: config, theme, content, model, plan,
/// Markdown and link checks, each noted in `outcome`; `None` when a stage
/// failed that the next cannot do without (or, stopping at the first
/// error, any stage failed).
fn load(
    options: &BuildOptions,
    memory: &mut Memory,
    policy: Policy,
    outcome: &mut Outcome,
) -> Option<Loaded> {
    let overrides = config::Overrides {
        base_url: options.base_url.clone(),
        preview_url: options.preview_url.clone(),
    };
    let mut config = match config::Config::load(&options.root, &overrides) {
        Ok(config) => config,
        Err(err) => {
            outcome.failed(policy, err);
            return None;
        }
    };
    let theme = match templates::theme::Theme::load(&config) {
        Ok(theme) => Some(theme),
        Err(err) => {
            if !outcome.failed(policy, err) {
                return None;
            }
            None
        }
    };
    if !memory.sources.is_loaded() {
        memory.sources.reload(&config.content_dir());
    }
    let (content, problems) = memory.sources.content_all();
    if !outcome.stage(policy, problems) {
        return None;
    }
    // Without a theme (check goes on to report the content's problems),
    // the plan has none of the theme's outputs and Markdown is skipped.
    let renderable = theme.is_some();
    let theme = theme.unwrap_or_default();
    let (outputs, theme_warnings) = plan::renderable_outputs(&config, &theme);
    config.outputs = outputs;
    let visibility = model::Visibility {
        drafts: options.drafts,
        future: options.future,
        now: dates::now().timestamp(),
    };
    let (mut site, problems) = model::Site::build_all(config, content, visibility);
    site.warnings.extend(theme_warnings);
    if !outcome.stage(policy, problems) {
        return None;
    }
    let rendered = if renderable {
        templates::ShortcodeTemplates::new(&theme)
            .and_then(|shortcodes| markdown::render_site_with(&mut site, &shortcodes, &mut memory.markdown))
    } else {
        Ok(())
    };
    if !outcome.stage(policy, problems_of([rendered, site.check_links()])) {
        return None;
    }
    // After the Markdown, which says which static images pages use.
    memory.image_headers.load(&options.root);
    let (plan, problems) = plan_outputs(&site, &theme, &memory.image_headers);
    if !outcome.stage(policy, problems) {
        return None;
    }
    Some(Loaded {
        site,
        theme,
        plan,
        renderable,
    })
}

/// The output plan of `site` with `theme`, its photos' headers read (or
/// found in `headers`), and every problem of either.
fn plan_outputs(
    site: &model::Site,
    theme: &templates::theme::Theme,
    headers: &images::Headers,
) -> (Plan, Vec<Diagnostic>) {
    let originals = plan::photos::originals(site, theme);
    let config = &site.config;
    let wechat = config.outputs.wechat;
    let (photos, mut problems) = images::Plan::make(&config.images, originals, wechat, headers);
    let (plan, plan_problems) = plan::plan(site, theme, photos);
    problems.extend(plan_problems);
    (plan, problems)
}

/// Config, content and theme in; the site model, planned, with rendered
/// Markdown out. No output is written.
pub fn load_site(options: &BuildOptions) -> Result<Loaded> {
    let mut memory = Memory::default();
    let mut outcome = Outcome::default();
    let loaded = load(options, &mut memory, Policy::StopAtFirstError, &mut outcome);
    outcome.into_result()?;
    loaded.ok_or_else(|| Error::Output(msg!("site-not-loaded")))
}

/// Builds the site into its output folder, replacing it only on success.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with_progress(options, &|_| {})
}

/// [`build`], telling `progress` as each stage starts.
pub fn build_with_progress(options: &BuildOptions, progress: &(dyn Fn(Stage) + Sync)) -> Result<BuildReport> {
    let started = Instant::now();
    let out = options.output_dir();
    output::check_output_dir(&options.root, &out, options.force)?;
    let removed_leftovers = output::remove_leftovers(&out);
    // Each output is written (into the staging folder) as soon as it is
    // made: a build never holds the whole site in memory.
    let staging = output::Staging::new(&out);
    let mut this_run = Run::new(Policy::StopAtFirstError, Sink::Disk(&staging));
    this_run.progress = progress;
    let records = output::record::Records::new(&options.root, &out);
    let mut memory = Memory {
        record: Some(records.load()),
        ..Memory::default()
    };
    let outcome = run(
        options,
        &mut memory,
        &source::SourceUpdate::Other,
        &this_run,
        &mut |_| {},
    )
    .into_result()?;
    progress(Stage::Writing {
        files: staging.files_written(),
    });
    let files = staging.finish()?;
    // The new output is in place: a record that cannot be saved only
    // makes the next build render everything again.
    if let Some(record) = memory.record {
        records.save(&record.made);
    }
    Ok(BuildReport {
        pages: outcome.pages,
        sections: outcome.sections,
        files,
        elapsed: started.elapsed(),
        warnings: outcome.warnings,
        held_back: outcome.held_back,
        output: out,
        removed_leftovers,
        photos_encoded: outcome.photos_encoded,
        photos_read: outcome.photos_read,
    })
}

/// True when `dir` holds a kepu site.
pub fn is_site(dir: &Path) -> bool {
    dir.join(config::CONFIG_FILE).is_file()
}
