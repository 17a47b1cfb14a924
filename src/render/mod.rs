//! Rendering: the site model and the theme's templates in, output files out
//! (`Vec<Output>`): pages, paginated section and taxonomy lists, series and
//! calendar pages, redirects, 404, feeds, sitemap, robots.txt, the search
//! index and the editions. Pure: no file is read or written here; pages
//! render in parallel. Each HTML page then goes through post-processing.

mod aliases;
mod editions;
mod feeds;
pub(crate) mod functions;
mod ics;
mod limited;
mod links;
mod lists;
pub mod memo;
mod screen;
pub mod share_image;
mod sitemap;
pub mod views;
mod xml;

use crate::error::{Diagnostic, Error, Result};
use crate::files::Output;
use crate::fingerprint::{self, Fingerprint, Fingerprinter};
use crate::messages::msg;
use crate::model::Site;
use crate::plan::{
    CALENDAR_TEMPLATE, Entry, Kind, NOT_FOUND, NOT_FOUND_TEMPLATE, Plan, ROBOTS, SEARCH_TEMPLATE,
    SERIES_TEMPLATE, SITEMAP, index_file,
};
use crate::postprocess;
use crate::qr::QrCache;
use crate::search;
use crate::search::SEARCH_PATH;
use crate::templates::theme::Theme;
use crate::templates::{self, template_error};
use crate::text::line_breaks;
use crate::text::spacing;
use editions::WechatStylesheet;
use functions::Functions;
use links::LinkTargets;
use memo::{OutputRecord, Recipe, RenderCache, Rendition, SiteRead, TemplateInputs};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, OnceLock};
use tera::{Context, Tera, Value};
use views::{SiteValues, ValueCache};

/// What becomes of each output as soon as it is made: kept as it is
/// (`Ok`), or handed to the output stage and only its path kept.
pub type Keep<'k, T> = dyn Fn(Output) -> Result<T> + Sync + 'k;

/// Options that change what rendering produces.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// HTML injected before `</body>` of every page (the live-reload script when serving).
    pub inject_before_body_end: Option<String>,
}

/// What rendering hands from one build to the next when serving: page
/// values and rendered outputs, each with the fingerprint of its inputs,
/// the compiled templates and where `@/` links lead.
#[derive(Default)]
pub struct RenderMemory {
    pub values: ValueCache,
    pub renders: RenderCache,
    /// How the last build's memoised outputs were made.
    pub stats: RenderStats,
    /// Kept while the theme is the same.
    compiled: Option<Compiled>,
    /// Kept while the site's model is the same.
    links: Option<Arc<LinkTargets>>,
    /// QR codes by address, which stay the same from build to build.
    qr_codes: Arc<QrCache>,
}

/// Memoised outputs (templated pages, share cards) made anew and reused by
/// the last build.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RenderStats {
    pub rendered: usize,
    pub reused: usize,
}

/// What a rebuild knows and wants beyond what a build does.
#[derive(Debug, Default, Clone, Copy)]
pub struct Rebuild<'a> {
    /// `Some(pages)` when only the bodies of these pages (content-relative
    /// paths) changed since the last render: the model is the same, so
    /// every other page keeps its value and links lead where they did.
    pub bodies_only: Option<&'a [String]>,
    /// Content files whose pages' own outputs (the page and its editions)
    /// are rendered first, for the caller to show before the rest is done.
    pub first: &'a [String],
    /// Set when newer changes make this render moot: it then stops with
    /// [`Error::Interrupted`], keeping what it made for the next.
    pub interrupt: Option<&'a AtomicBool>,
}

/// Renders every output of `plan` for the site, handing each to `keep`
/// as soon as it is made; returns what `keep` returned. With `memory`
/// (serving), whatever has the same inputs as before is reused and this
/// build's work is left there, and the outputs of `rebuild.first` go to
/// `early` before the rest is rendered. Without, a build's `record` says
/// which outputs are made as the last build's files are (they are not
/// rendered, but copied from the last output) and gets this build's
/// recipes; with neither, nothing is memoised.
pub fn render_site<T: Send>(
    (site, theme, plan): (&Site, &Theme, &Plan),
    options: &RenderOptions,
    memory: Option<&mut RenderMemory>,
    record: Option<&mut OutputRecord>,
    rebuild: Rebuild,
    early: &mut dyn FnMut(Vec<Output>),
    keep: &Keep<T>,
) -> Result<Vec<T>> {
    let Some(memory) = memory else {
        let mut renderer = Renderer::new(site, theme, plan)?;
        let Some(record) = record else {
            return renderer.render_each(options, keep);
        };
        renderer.memoise = true;
        renderer.recorded = Some(record);
        let outputs = renderer.render_each(options, keep);
        let made = renderer.made.into_inner().unwrap_or_else(|e| e.into_inner());
        record.made = made.into_iter().map(|(path, made)| (path, made.recipe)).collect();
        return outputs;
    };
    let values = SiteValues::new(site, &plan.photos, &mut memory.values, rebuild.bodies_only);
    let links = match (rebuild.bodies_only, memory.links.take()) {
        (Some(_), Some(links)) => links,
        _ => Arc::new(LinkTargets::new(site)),
    };
    let qr_codes = Arc::clone(&memory.qr_codes);
    let compiled = Compiled::for_build(memory.compiled.take(), site, theme, &values, &links, &qr_codes)?;
    let mut renderer = Renderer::assemble((site, theme, plan), compiled, values, links, qr_codes);
    renderer.previous = Some(&memory.renders);
    // A failing first output fails again below, reported with every other.
    if let Ok(first) = renderer.first_outputs(rebuild.first, options) {
        if !first.is_empty() {
            early(first);
        }
    }
    // Only the rest stops for newer changes: the first outputs are few and
    // wanted at once, and the next rebuild reuses them.
    renderer.interrupt = rebuild.interrupt;
    let outputs = renderer.render_each(options, keep);
    memory.stats = renderer.stats();
    let (made, compiled, links) = renderer.into_parts();
    if outputs.is_ok() {
        memory.renders.keep_only(plan);
    }
    // An interrupted or failed build keeps all of the last build's work too.
    memory.renders.entries.extend(made);
    memory.compiled = Some(compiled);
    memory.links = Some(links);
    outputs
}

/// The theme's templates compiled, with what memoising needs to know of them.
struct Compiled {
    /// The fingerprint of the templates and stylesheet it was made from.
    theme: Fingerprint,
    tera: Tera,
    templates: TemplateInputs,
    /// The theme stylesheet compiled for the WeChat edition's body.
    wechat_stylesheet: Option<WechatStylesheet>,
}

impl Compiled {
    /// `last` if it was compiled from the same theme, else `theme` compiled;
    /// either way with template functions that look up this build's data.
    fn for_build(
        last: Option<Compiled>,
        site: &Site,
        theme: &Theme,
        values: &SiteValues,
        links: &Arc<LinkTargets>,
        qr_codes: &Arc<QrCache>,
    ) -> Result<Compiled> {
        let fingerprint = theme_fingerprint(theme);
        match last {
            Some(mut compiled) if compiled.theme == fingerprint => {
                functions::register(&mut Functions::new(&mut compiled.tera), site, values, links);
                Ok(compiled)
            }
            _ => {
                let mut tera = templates::new_tera(&[".html", ".xml"], Arc::clone(qr_codes));
                // Functions first: adding templates checks the names they call.
                let mut functions = Functions::new(&mut tera);
                functions::register(&mut functions, site, values, links);
                let tracked = functions.into_names();
                Compiled::new(fingerprint, tera, theme, &tracked)
            }
        }
    }

    /// `theme` compiled into `tera`, which has kepu's functions.
    fn new(fingerprint: Fingerprint, mut tera: Tera, theme: &Theme, tracked: &[&str]) -> Result<Compiled> {
        if theme.file_of(aliases::TEMPLATE).is_none() {
            tera.add_raw_template(aliases::TEMPLATE, aliases::BUILT_IN)
                .map_err(|e| template_error(&e, theme, None))?;
        }
        tera.add_raw_templates(
            theme
                .templates
                .iter()
                .map(|t| (t.name.as_str(), t.source.as_str())),
        )
        .map_err(|e| template_error(&e, theme, None))?;
        Ok(Compiled {
            theme: fingerprint,
            tera,
            templates: TemplateInputs::new(&theme.templates, tracked),
            wechat_stylesheet: theme
                .wechat_stylesheet
                .as_ref()
                .map(|css| WechatStylesheet::new(&css.text)),
        })
    }
}

/// The fingerprint of everything [`Compiled`] is made from.
fn theme_fingerprint(theme: &Theme) -> Fingerprint {
    let templates = theme
        .templates
        .iter()
        .flat_map(|t| [t.name.as_str(), t.source.as_str()]);
    let stylesheet = theme.wechat_stylesheet.iter().map(|css| css.text.as_str());
    fingerprint::of_strs(templates.chain(["\0"]).chain(stylesheet))
}

/// A compiled theme bound to one site's data.
pub struct Renderer<'s> {
    site: &'s Site,
    theme: &'s Theme,
    plan: &'s Plan,
    pagers: lists::Pagers,
    compiled: Compiled,
    values: SiteValues,
    links: Arc<LinkTargets>,
    previous: Option<&'s RenderCache>,
    /// A build's record of what the files of the last output were made from.
    recorded: Option<&'s OutputRecord>,
    /// The outputs this build made anew (and, for a build with a record,
    /// those it took over from the last output).
    made: Mutex<HashMap<String, Rendition>>,
    /// How many it took from the last build.
    reused: std::sync::atomic::AtomicUsize,
    whole_site: OnceLock<Fingerprint>,
    /// The fingerprint of the event recaps, once a render has read them.
    recaps: OnceLock<Fingerprint>,
    interrupt: Option<&'s AtomicBool>,
    /// Shared by the `qr_code` function and the share cards.
    qr_codes: Arc<QrCache>,
    /// Whether outputs are memoised for a next build (`render_site`); a
    /// one-off render ([`Renderer::new`]) neither records nor keeps them.
    memoise: bool,
}

impl<'s> Renderer<'s> {
    /// A renderer for one render of the site (a build, `kepu check`): no
    /// output is kept for a next build.
    pub fn new(site: &'s Site, theme: &'s Theme, plan: &'s Plan) -> Result<Self> {
        let values = SiteValues::new(site, &plan.photos, &mut ValueCache::default(), None);
        let links = Arc::new(LinkTargets::new(site));
        let qr_codes = Arc::default();
        let compiled = Compiled::for_build(None, site, theme, &values, &links, &qr_codes)?;
        let mut renderer = Self::assemble((site, theme, plan), compiled, values, links, qr_codes);
        renderer.memoise = false;
        Ok(renderer)
    }

    fn assemble(
        (site, theme, plan): (&'s Site, &'s Theme, &'s Plan),
        compiled: Compiled,
        values: SiteValues,
        links: Arc<LinkTargets>,
        qr_codes: Arc<QrCache>,
    ) -> Self {
        Renderer {
            site,
            theme,
            plan,
            pagers: lists::Pagers::of(site),
            compiled,
            values,
            links,
            previous: None,
            recorded: None,
            made: Mutex::default(),
            reused: Default::default(),
            whole_site: OnceLock::new(),
            recaps: OnceLock::new(),
            interrupt: None,
            qr_codes,
            memoise: true,
        }
    }

    pub fn stats(&self) -> RenderStats {
        RenderStats {
            rendered: self.made.lock().unwrap_or_else(|e| e.into_inner()).len(),
            reused: self.reused.load(std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// The outputs made anew, the compiled templates and the link targets,
    /// for the next build.
    fn into_parts(self) -> (HashMap<String, Rendition>, Compiled, Arc<LinkTargets>) {
        let made = self.made.into_inner().unwrap_or_else(|e| e.into_inner());
        (made, self.compiled, self.links)
    }

    /// Stops a rebuild that newer changes made moot.
    fn check_interrupt(&self) -> Result<()> {
        match self.interrupt {
            Some(flag) if flag.load(std::sync::atomic::Ordering::Relaxed) => Err(Error::Interrupted),
            _ => Ok(()),
        }
    }

    /// The own outputs of the pages from `files` (content-relative paths):
    /// each page and its editions.
    fn first_outputs(&self, files: &[String], options: &RenderOptions) -> Result<Vec<Output>> {
        let pages: Vec<usize> = files.iter().filter_map(|f| self.site.page_index(f)).collect();
        pages
            .par_iter()
            .flat_map_iter(|i| self.page_and_editions(*i, options, &Ok))
            .collect()
    }

    /// Renders every output of the plan, handing each to `keep` as soon as
    /// it is made; returns what `keep` returned. Every page is tried, so
    /// one build reports every template problem; a template problem wins
    /// over a problem of `keep`'s.
    pub fn render_each<T: Send>(&self, options: &RenderOptions, keep: &Keep<T>) -> Result<Vec<T>> {
        let results: Vec<Result<T>> = self
            .plan
            .entries
            .par_iter()
            .flat_map_iter(|entry| self.render_entry(entry, options, keep))
            .collect();
        let mut outputs = Vec::with_capacity(results.len() + 1);
        let mut problems = Vec::new();
        let mut failed = None;
        for result in results {
            match result {
                Ok(output) => outputs.push(output),
                Err(Error::Interrupted) => return Err(Error::Interrupted),
                Err(err) if err.diagnostics().is_empty() => failed = failed.or(Some(err)),
                Err(err) => problems.extend(err.diagnostics().into_iter().cloned()),
            }
        }
        if !problems.is_empty() {
            return Err(Error::from_diagnostics(merge_repeated(problems)));
        }
        if let Some(err) = failed {
            return Err(err);
        }
        self.check_interrupt()?;
        let keep_all = |made: Vec<Output>| made.into_iter().map(keep).collect::<Result<Vec<T>>>();
        outputs.extend(keep_all(self.site_wide_outputs(options)?)?);
        Ok(outputs)
    }

    /// The output of a plan entry made on its own, or (a page) with its
    /// editions; entries made with their page or in one go with others of
    /// their kind give nothing here.
    fn render_entry<T>(&self, entry: &Entry, options: &RenderOptions, keep: &Keep<T>) -> Vec<Result<T>> {
        let output = match entry.kind {
            Kind::Page(index) => return self.page_and_editions(index, options, keep),
            Kind::Section { section, pager } => self.section_pager(section, pager, options),
            Kind::TaxonomyList(index) => self.taxonomy_list(index, options),
            Kind::Term {
                taxonomy,
                term,
                pager,
            } => self.term_pager(taxonomy, term, pager, options),
            Kind::Series { section, series } => self.series_page(section, series, options),
            Kind::Calendar(section) => self.calendar_page(section, options),
            Kind::Alias { to, .. } => self.redirect(entry, self.alias_target(to), options),
            Kind::PagerRedirect => {
                let from = entry.url.as_deref().unwrap_or_default();
                self.redirect(entry, from.trim_end_matches("page/1/"), options)
            }
            Kind::NotFound => self.theme_page(NOT_FOUND_TEMPLATE, NOT_FOUND, "/404.html", options),
            _ => return Vec::new(),
        };
        vec![output.and_then(keep)]
    }

    /// The outputs made in one go after the pages: feeds, sitemap,
    /// robots.txt, the search index and page, the lobby screen and
    /// `tips.json`, and the copied files.
    fn site_wide_outputs(&self, options: &RenderOptions) -> Result<Vec<Output>> {
        let site = self.site;
        let plan = self.plan;
        let feed_stylesheet = self
            .theme
            .static_files
            .iter()
            .any(|f| f.dest == feeds::STYLESHEET)
            .then(|| site.config.absolute_url(feeds::STYLESHEET));
        let pictures = views::pictures(site, &plan.photos);
        let mut outputs = feeds::render(site, &self.links, &pictures, feed_stylesheet.as_deref())?;
        if plan.has(Kind::Sitemap) {
            let listings = sitemap::Listings {
                series: self.compiled.tera.contains_template(SERIES_TEMPLATE),
                calendars: self.compiled.tera.contains_template(CALENDAR_TEMPLATE),
            };
            let xml = sitemap::sitemap(site, listings).map_err(|e| {
                Error::Output(msg!("output-not-made", file = SITEMAP, reason = e.to_string()))
            })?;
            outputs.push(Output::bytes(SITEMAP, xml));
        }
        if plan.has(Kind::Robots) {
            outputs.push(Output::bytes(ROBOTS, sitemap::robots(site)));
        }
        // The search index is made in one go: not started for a moot rebuild.
        self.check_interrupt()?;
        if plan.has(Kind::SearchIndex) {
            let dir = SEARCH_PATH.trim_start_matches('/');
            outputs.extend(search::build(
                &search_documents(site),
                dir,
                &site.config.search_synonyms,
            ));
        }
        if plan.has(Kind::SearchPage) {
            outputs.push(self.theme_page(SEARCH_TEMPLATE, &index_file(SEARCH_PATH), SEARCH_PATH, options)?);
        }
        for entry in &plan.entries {
            match entry.kind {
                Kind::TipsFeed { section } => outputs.extend(self.screen(section, options)?),
                Kind::EventCalendar(i) => {
                    outputs.push(Output::bytes(&entry.path, ics::event_calendar(site, i)))
                }
                Kind::EventsCalendar => outputs.push(Output::bytes(&entry.path, ics::events_calendar(site))),
                Kind::StaticFile(i) => {
                    outputs.push(Output::copy(&entry.path, &self.theme.static_files[i].file))
                }
                Kind::Asset(i) => outputs.push(Output::copy(&entry.path, &site.assets[i].file)),
                _ => {}
            }
        }
        Ok(outputs)
    }

    /// A series page of section `index` (`series.html`, with `section` and
    /// `series`).
    fn series_page(&self, index: usize, series: usize, options: &RenderOptions) -> Result<Output> {
        let section = &self.site.sections[index];
        let series = &section.series[series];
        let vars = vec![
            ("section", self.values.sections[index].clone()),
            ("series", self.values.series_value(self.site, series)),
        ];
        self.render_page(SERIES_TEMPLATE, &series.path, vars, &section.source.file, options)
    }

    /// The calendar archive of section `index` (`calendar.html`, with
    /// `section` and `calendar`).
    fn calendar_page(&self, index: usize, options: &RenderOptions) -> Result<Output> {
        let section = &self.site.sections[index];
        let path = section.calendar_path.as_deref().unwrap_or_default();
        let vars = vec![
            ("section", self.values.sections[index].clone()),
            ("calendar", self.values.calendar_value(self.site, section)),
        ];
        self.render_page(CALENDAR_TEMPLATE, path, vars, &section.source.file, options)
    }

    /// The web page of `site.pages[index]` and its editions, each handed to
    /// `keep` as soon as it is made: in one task, so a page's value and QR
    /// code are used while at hand and no edition waits in memory.
    fn page_and_editions<T>(&self, index: usize, options: &RenderOptions, keep: &Keep<T>) -> Vec<Result<T>> {
        let mut results = vec![self.page_output(index, options).and_then(keep)];
        match self.page_editions(index, options) {
            Ok(editions) => results.extend(editions.into_iter().map(keep)),
            Err(err) => results.push(Err(err)),
        }
        results
    }

    /// The web page of `site.pages[index]`, rendered and post-processed.
    pub fn page_output(&self, index: usize, options: &RenderOptions) -> Result<Output> {
        let site = self.site;
        let page = &site.pages[index];
        let template = page
            .source
            .front
            .template
            .as_deref()
            .or(site.sections[page.section].source.front.page_template.as_deref())
            .unwrap_or("page.html");
        let vars = vec![
            ("feeds", self.values.section_feeds[page.section].clone()),
            ("page", self.values.pages[index].clone()),
        ];
        self.render_page(template, &page.path, vars, &page.source.file, options)
    }

    /// Renders the HTML page at site path `path` (`…/index.html`).
    fn render_page(
        &self,
        template: &str,
        path: &str,
        vars: Vec<(&'static str, Value)>,
        source: &Path,
        options: &RenderOptions,
    ) -> Result<Output> {
        let output = index_file(path);
        let job = Job {
            output: &output,
            template,
            path,
            vars,
            source,
        };
        self.render_job(job, options, None)
    }

    /// A page of the theme's own (`404.html`, `search.html`): no content
    /// file behind it, so errors name the template.
    fn theme_page(
        &self,
        template: &str,
        output: &str,
        path: &str,
        options: &RenderOptions,
    ) -> Result<Output> {
        let job = Job {
            output,
            template,
            path,
            vars: Vec::new(),
            source: self.theme.file_of(template).unwrap_or(Path::new(template)),
        };
        self.render_job(job, options, None)
    }

    /// Renders `job.template` with `job.vars` (plus the common variables)
    /// for the site path `job.path` into the HTML output file `job.output`,
    /// post-processed, with `export` (if any) making the output's bytes from
    /// the post-processed page. The output of the last build is reused when
    /// nothing it was made from has changed (see [`memo`]).
    fn render_job(&self, job: Job, options: &RenderOptions, export: Option<&Export>) -> Result<Output> {
        let vars = self.with_common_vars(job.vars, job.path);
        let key = if self.memoise {
            self.job_key(job.output, job.template, &vars, options, export)
        } else {
            0
        };
        self.memoised(job.output, key, move || {
            let html = self.render_template(job.template, vars, job.source)?;
            let bytes = self.postprocess(html, job.source, options)?;
            match export {
                // lol_html writes UTF-8 for UTF-8 input.
                Some(export) => {
                    Ok((export.apply)(String::from_utf8_lossy(&bytes).into_owned())?.into_bytes())
                }
                None => Ok(bytes),
            }
        })
    }

    /// `output` as the last build made it, if `key` (the fingerprint of what
    /// it is made from) and the site data it looked up are unchanged; else
    /// made by `make`, noting what that looks up.
    fn memoised(
        &self,
        output: &str,
        key: Fingerprint,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Output> {
        self.check_interrupt()?;
        if !self.memoise {
            return Ok(Output::Bytes {
                path: output.to_string(),
                bytes: make()?.into(),
            });
        }
        if let Some(bytes) = self.made_in_this_build(output, key) {
            return Ok(Output::Bytes {
                path: output.to_string(),
                bytes,
            });
        }
        let last = self.previous.and_then(|p| p.entries.get(output));
        if let Some(bytes) = last
            .filter(|last| self.same_recipe(&last.recipe, key))
            .and_then(|last| last.bytes.clone())
        {
            self.reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            return Ok(Output::Bytes {
                path: output.to_string(),
                bytes,
            });
        }
        if let Some(record) = self.recorded {
            if let Some(recipe) = record.last.get(output).filter(|r| self.same_recipe(r, key)) {
                self.reused.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let rendition = Rendition {
                    recipe: recipe.clone(),
                    bytes: None,
                };
                self.remember(output, rendition);
                return Ok(Output::copy(output, &record.folder.join(output)));
            }
        }
        let (bytes, reads) = memo::recording(make);
        let bytes: Arc<[u8]> = bytes?.into();
        let reads = reads
            .into_iter()
            .map(|read| {
                let fp = self.read_fingerprint(&read);
                (read, fp)
            })
            .collect();
        let rendition = Rendition {
            recipe: Recipe { key, reads },
            // A build keeps no bytes for a next one: it holds no more than
            // the outputs at work.
            bytes: self.recorded.is_none().then(|| bytes.clone()),
        };
        self.remember(output, rendition);
        Ok(Output::Bytes {
            path: output.to_string(),
            bytes,
        })
    }

    /// `output` if this build made it already (its pages go first) from the
    /// same inputs.
    fn made_in_this_build(&self, output: &str, key: Fingerprint) -> Option<Arc<[u8]>> {
        let made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        let same = made.get(output).filter(|made| made.recipe.key == key)?;
        same.bytes.clone()
    }

    /// True when an output made from `recipe` would be made from the same
    /// inputs now.
    fn same_recipe(&self, recipe: &Recipe, key: Fingerprint) -> bool {
        recipe.key == key
            && recipe
                .reads
                .iter()
                .all(|(read, fp)| self.read_fingerprint(read) == *fp)
    }

    /// Keeps a rendition made anew for the next build.
    fn remember(&self, output: &str, rendition: Rendition) {
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.insert(output.to_string(), rendition);
    }

    /// The fingerprint of everything a render is made from but the site
    /// data its functions look up.
    fn job_key(
        &self,
        output: &str,
        template: &str,
        vars: &[(&'static str, Value)],
        options: &RenderOptions,
        export: Option<&Export>,
    ) -> Fingerprint {
        let (template_fp, reads_whole_site) = self.compiled.templates.of(template);
        let mut hasher = Fingerprinter::new();
        hasher.str(output);
        hasher.str(template);
        hasher.fingerprint(template_fp);
        hasher.str(options.inject_before_body_end.as_deref().unwrap_or(""));
        hasher.fingerprint(export.map_or(0, |e| e.inputs));
        for (name, value) in vars {
            hasher.str(name);
            fingerprint::hash_value(value, &self.values.known, &mut hasher);
        }
        if reads_whole_site {
            hasher.fingerprint(*self.whole_site.get_or_init(|| self.whole_site_fingerprint()));
        }
        hasher.finish128()
    }

    /// The current fingerprint of a piece of site data a render looked up.
    fn read_fingerprint(&self, read: &SiteRead) -> Fingerprint {
        match read {
            SiteRead::Entity(rel) => self
                .values
                .by_source
                .get(rel)
                .map_or(0, |v| fingerprint::of_value(v, &self.values.known)),
            SiteRead::Url(rel) => fingerprint::of_strs(self.site.path_of(rel)),
            SiteRead::Recaps => *self
                .recaps
                .get_or_init(|| fingerprint::of_serialize(&self.values.recaps.all)),
            SiteRead::Taxonomy(kind) => self
                .site
                .taxonomies
                .iter()
                .position(|t| t.name == *kind)
                .map_or(0, |i| {
                    fingerprint::of_value(&self.values.taxonomies[i].taxonomy, &self.values.known)
                }),
            SiteRead::TermUrl(term) => {
                fingerprint::of_strs(self.values.term_urls.get(term).map(String::as_str))
            }
        }
    }

    /// Every page and section value and URL: the input of templates that
    /// call functions whose lookups are not tracked.
    fn whole_site_fingerprint(&self) -> Fingerprint {
        let mut hasher = Fingerprinter::new();
        for value in self.values.pages.iter().chain(&self.values.sections) {
            fingerprint::hash_value(value, &self.values.known, &mut hasher);
        }
        hasher.finish128()
    }

    fn with_common_vars(
        &self,
        mut vars: Vec<(&'static str, Value)>,
        path: &str,
    ) -> Vec<(&'static str, Value)> {
        vars.push(("config", self.values.config.clone()));
        // Pages outside any section announce the site's feeds.
        if !vars.iter().any(|(name, _)| *name == "feeds") {
            vars.push(("feeds", self.values.site_feeds()));
        }
        vars.push(("current_path", Value::from(path)));
        vars.push(("current_url", Value::from(self.site.permalink(path))));
        vars
    }

    /// `template` rendered with `vars` as its context.
    fn render_template(
        &self,
        template: &str,
        vars: Vec<(&'static str, Value)>,
        source: &Path,
    ) -> Result<Vec<u8>> {
        let mut context = Context::new();
        for (name, value) in vars {
            context.insert_value(name, value);
        }
        let limit = self.site.config.max_output_mb.saturating_mul(1 << 20);
        let mut out = limited::Limited::new(limit);
        let rendered = self.compiled.tera.render_to(template, &context, &mut out);
        if out.exceeded() {
            return Err(limited::too_large(
                self.theme,
                template,
                source,
                self.site.config.max_output_mb,
            ));
        }
        rendered.map_err(|e| template_error(&e, self.theme, Some(source)))?;
        // Tera writes only text (even a value of bytes, lossily), so the
        // page is UTF-8 without checking it again (5% of a build).
        Ok(out.into_bytes())
    }

    /// `html` post-processed (internal links, CJK spacing, the live-reload
    /// script) into the bytes of an output file.
    fn postprocess(&self, html: Vec<u8>, source: &Path, options: &RenderOptions) -> Result<Vec<u8>> {
        postprocess::process_into_bytes(
            html,
            self.links.as_ref(),
            options.inject_before_body_end.as_deref(),
            self.site.config.spacing(),
        )
        .map_err(|message| link_problem(source, message))
    }
}

/// A broken internal link found while post-processing `source`'s output.
fn link_problem(source: &Path, message: String) -> Error {
    Diagnostic::new(source, message)
        .hint(msg!("link-in-output-hint"))
        .into()
}

/// Every listed page as the search index sees it.
fn search_documents(site: &Site) -> Vec<search::Document> {
    site.pages
        .par_iter()
        .filter(|page| !page.is_unlisted())
        .map(|page| {
            let front = &page.source.front;
            let text = &line_breaks::one_line(&page.rendered.plain_text);
            let tags = front.tags.iter().chain(&front.categories).map(String::as_str);
            search::Document {
                url: page.path.trim_start_matches('/').to_string(),
                title: front.title.clone(),
                section: views::section_title(&site.sections[page.section]),
                date: page.source.date.as_ref().map(|d| d.text()),
                keywords: front.description.clone(),
                tags: tags.collect::<Vec<_>>().join(" "),
                // Snippets read like the pages.
                text: match site.config.spacing() {
                    Some(keep) => spacing::space_keeping(text, keep),
                    None => text.clone(),
                },
            }
        })
        .collect()
}

/// A templated HTML output: `template` rendered with `vars` for the site
/// path `path` into the file `output`; errors name `source`.
struct Job<'a> {
    output: &'a str,
    template: &'a str,
    path: &'a str,
    vars: Vec<(&'static str, Value)>,
    source: &'a Path,
}

/// A last pass that makes an output's bytes from its rendered,
/// post-processed page (the WeChat edition's export).
struct Export<'e> {
    /// The fingerprint of everything the pass reads besides the page.
    inputs: Fingerprint,
    apply: &'e dyn Fn(String) -> Result<String>,
}

/// One template mistake fails every page using the template: report it once,
/// saying how many pages it broke.
fn merge_repeated(problems: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut merged: Vec<(Diagnostic, usize)> = Vec::new();
    for problem in problems {
        let same = |(d, _): &&mut (Diagnostic, usize)| {
            (&d.file, d.line, d.column, &d.message)
                == (&problem.file, problem.line, problem.column, &problem.message)
        };
        match merged.iter_mut().find(same) {
            Some((_, count)) => *count += 1,
            None => merged.push((problem, 1)),
        }
    }
    merged
        .into_iter()
        .map(|(mut d, count)| {
            if count > 1 {
                d.hint = d.hint.map(|h| format!("{h} (and {} more)", count - 1));
            }
            d
        })
        .collect()
}
