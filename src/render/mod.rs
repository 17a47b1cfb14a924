//! Rendering: the site model and the theme's templates in, output files out
//! (`Vec<Output>`): pages, paginated section and taxonomy lists, series and
//! calendar pages, redirects, 404, feeds, sitemap, robots.txt, the search
//! index and the editions. Pure: no file is read or written here; pages
//! render in parallel. Each HTML page then goes through post-processing.

mod aliases;
mod editions;
mod feeds;
pub(crate) mod functions;
mod lists;
mod screen;
pub mod share_image;
pub mod shortcodes;
mod sitemap;
pub mod theme;
pub mod views;
mod xml;

use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
use crate::output::Output;
use crate::postprocess::inline_css::Stylesheet;
use crate::postprocess::{self, LinkTargets};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use tera::{Context, Tera, Value};
use theme::Theme;
use views::SiteValues;

/// Options that change what rendering produces.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// HTML injected before `</body>` of every page (the live-reload script when serving).
    pub inject_before_body_end: Option<String>,
}

/// A compiled theme bound to one site's data.
pub struct Renderer<'s> {
    site: &'s Site,
    theme: &'s Theme,
    tera: Tera,
    values: SiteValues,
    links: LinkTargets,
    /// The theme stylesheet compiled for the WeChat edition's body.
    wechat_stylesheet: Option<Stylesheet>,
}

impl<'s> Renderer<'s> {
    pub fn new(site: &'s Site, theme: &'s Theme) -> Result<Self> {
        let values = SiteValues::new(site);
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        functions::register(&mut tera, site, &values);
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
        let links = LinkTargets::new(site);
        let wechat_stylesheet = theme
            .wechat_stylesheet
            .as_deref()
            .map(|css| Stylesheet::parse(css, postprocess::wechat::EXPORT_ROOT));
        Ok(Renderer {
            site,
            theme,
            tera,
            values,
            links,
            wechat_stylesheet,
        })
    }

    /// Renders every page, list and site-wide file of the site. Every page
    /// is tried, so one build reports every template problem.
    pub fn render_all(&self, options: &RenderOptions) -> Result<Vec<Output>> {
        let site = self.site;
        let wanted = site.config.outputs;
        let not_found = (wanted.not_found && self.tera.contains_template("404.html")).then(|| {
            let file = self.theme.file_of("404.html").unwrap_or(Path::new("404.html"));
            self.render_context("404.html", "/404.html", Context::new(), file, options)
        });
        let mut results = self.page_outputs(options);
        results.extend(self.section_outputs(options));
        results.extend(self.taxonomy_outputs(options));
        results.extend(self.listing_outputs(options).collect::<Vec<_>>());
        if wanted.aliases {
            results.extend(self.alias_outputs(options));
        }
        let mut outputs = Vec::with_capacity(results.len() + 1);
        let mut problems = Vec::new();
        for result in results.into_iter().chain(not_found) {
            match result {
                Ok(output) => outputs.push(output),
                Err(err) => problems.extend(err.diagnostics().into_iter().cloned()),
            }
        }
        if !problems.is_empty() {
            return Err(Error::from_diagnostics(merge_repeated(problems)));
        }
        outputs.extend(feeds::render(site, &self.links)?);
        if wanted.sitemap {
            let listings = sitemap::Listings {
                series: self.tera.contains_template("series.html"),
                calendars: self.tera.contains_template("calendar.html"),
            };
            let xml = sitemap::sitemap(site, listings)
                .map_err(|e| Error::Output(format!("cannot write {}: {e}", sitemap::SITEMAP)))?;
            outputs.push(Output::bytes(sitemap::SITEMAP, xml));
        }
        if wanted.robots {
            outputs.push(Output::bytes(sitemap::ROBOTS, sitemap::robots(site)));
        }
        if site.config.search {
            outputs.extend(self.search_outputs(options)?);
        }
        outputs.extend(self.editions(options)?);
        outputs.extend(self.screen(options)?);
        outputs.extend(self.copied_files());
        Ok(outputs)
    }

    /// The search index and, when the theme has `search.html`, the search page.
    fn search_outputs(&self, options: &RenderOptions) -> Result<Vec<Output>> {
        let path = crate::search::SEARCH_PATH;
        let mut outputs = crate::search::build(&search_documents(self.site), path.trim_start_matches('/'));
        if self.tera.contains_template("search.html") {
            let file = self
                .theme
                .file_of("search.html")
                .unwrap_or(Path::new("search.html"));
            let html = self.render_template("search.html", path, Context::new(), file)?;
            outputs.push(Output::bytes(
                index_file(path),
                self.postprocess(html, file, options)?,
            ));
        }
        Ok(outputs)
    }

    /// Each section's series pages (`series.html`, with `section` and
    /// `series`) and calendar archive (`calendar.html`, with `section` and
    /// `calendar`), when the theme has those templates.
    fn listing_outputs<'a>(
        &'a self,
        options: &'a RenderOptions,
    ) -> impl ParallelIterator<Item = Result<Output>> + 'a {
        let site = self.site;
        let has = |template: &str| self.tera.contains_template(template);
        let series = site
            .sections
            .par_iter()
            .enumerate()
            .flat_map_iter(move |(i, section)| {
                let pages = has("series.html")
                    .then_some(&section.series)
                    .into_iter()
                    .flatten();
                pages.map(move |series| {
                    let mut context = Context::new();
                    context.insert_value("section", self.values.sections[i].clone());
                    context.insert_value("series", self.values.series_value(site, series));
                    self.render_context(
                        "series.html",
                        &series.path,
                        context,
                        &section.source.file,
                        options,
                    )
                })
            });
        let calendars = site
            .sections
            .par_iter()
            .enumerate()
            .filter_map(move |(i, section)| {
                let path = section.calendar_path.as_ref().filter(|_| has("calendar.html"))?;
                let mut context = Context::new();
                context.insert_value("section", self.values.sections[i].clone());
                context.insert_value("calendar", self.values.calendar_value(site, section));
                Some(self.render_context("calendar.html", path, context, &section.source.file, options))
            });
        series.chain(calendars)
    }

    fn page_outputs(&self, options: &RenderOptions) -> Vec<Result<Output>> {
        let site = self.site;
        site.pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| {
                let template = page
                    .source
                    .front
                    .template
                    .as_deref()
                    .or(site.sections[page.section].source.front.page_template.as_deref())
                    .unwrap_or("page.html");
                let mut context = self.context_with_feeds(self.values.section_feeds[page.section].clone());
                context.insert_value("page", self.values.pages[i].clone());
                self.render_context(template, &page.path, context, &page.source.file, options)
            })
            .collect()
    }

    /// A context holding `feeds`, the feeds to announce with `<link rel="alternate">`.
    fn context_with_feeds(&self, feeds: Value) -> Context {
        let mut context = Context::new();
        context.insert_value("feeds", feeds);
        context
    }

    /// Content assets and theme/site static files.
    fn copied_files(&self) -> impl Iterator<Item = Output> + '_ {
        self.theme
            .static_files
            .iter()
            .chain(&self.site.assets)
            .map(|f| Output::copy(&f.dest, &f.file))
    }

    fn render_html(
        &self,
        template: &str,
        path: &str,
        key: &'static str,
        value: &Value,
        source: &Path,
        options: &RenderOptions,
    ) -> Result<Output> {
        self.render_context(template, path, context_with(key, value), source, options)
    }

    /// Renders an HTML page at site path `path` from a prepared context.
    fn render_context(
        &self,
        template: &str,
        path: &str,
        context: Context,
        source: &Path,
        options: &RenderOptions,
    ) -> Result<Output> {
        let html = self.render_page(template, path, context, source, options)?;
        Ok(Output::bytes(index_file(path), html))
    }

    /// `template` rendered for the site path `path`, then post-processed.
    fn render_page(
        &self,
        template: &str,
        path: &str,
        context: Context,
        source: &Path,
        options: &RenderOptions,
    ) -> Result<String> {
        let html = self.render_template(template, path, context, source)?;
        self.postprocess(html, source, options)
    }

    /// Renders `template` for the site path `path` with the common variables added.
    pub fn render_template(
        &self,
        template: &str,
        path: &str,
        mut context: Context,
        source: &Path,
    ) -> Result<String> {
        context.insert_value("config", self.values.config.clone());
        if !context.contains_key("feeds") {
            context.insert_value("feeds", self.values.site_feeds());
        }
        context.insert("current_path", path);
        context.insert("current_url", &self.site.permalink(path));
        self.tera
            .render(template, &context)
            .map_err(|e| template_error(&e, self.theme, Some(source)))
    }

    fn postprocess(&self, html: String, source: &Path, options: &RenderOptions) -> Result<String> {
        postprocess::process(
            &html,
            &self.links,
            options.inject_before_body_end.as_deref(),
            self.site.config.cjk_spacing,
        )
        .map_err(|message| {
            Diagnostic::new(source, message)
                .hint("internal links name a file under content/, e.g. @/tips/drink-water.md")
                .into()
        })
    }
}

/// Every page as the search index sees it.
fn search_documents(site: &Site) -> Vec<crate::search::Document> {
    site.pages
        .par_iter()
        .map(|page| {
            let front = &page.source.front;
            let text = &page.source.rendered.plain_text;
            let keywords = [front.description.as_str()]
                .into_iter()
                .chain(front.tags.iter().map(String::as_str))
                .chain(front.categories.iter().map(String::as_str))
                .collect::<Vec<_>>()
                .join(" ");
            crate::search::Document {
                url: page.path.trim_start_matches('/').to_string(),
                title: front.title.clone(),
                section: views::section_title(&site.sections[page.section]),
                date: page.source.date.as_ref().map(|d| d.text()),
                keywords,
                // Snippets read like the pages.
                text: if site.config.cjk_spacing {
                    crate::text::spacing::space(text)
                } else {
                    text.clone()
                },
            }
        })
        .collect()
}

/// A template context holding `value` as `key`.
fn context_with(key: &'static str, value: &Value) -> Context {
    let mut context = Context::new();
    context.insert_value(key, value.clone());
    context
}

/// The output file of the site path `/tips/a/`: `tips/a/index.html`; an
/// `.html` path (an alias such as `/2019/old.html`) is written as it is.
fn index_file(path: &str) -> String {
    let path = path.trim_start_matches('/');
    if path.ends_with(".html") || path.ends_with(".htm") {
        path.to_string()
    } else {
        format!("{path}index.html")
    }
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

/// The outputs a theme cannot render, switched off with a warning: taxonomy
/// pages need `taxonomy_list.html` and `taxonomy_term.html`.
pub fn drop_unrenderable(site: &mut Site, theme: &Theme) {
    let missing: Vec<&str> = lists::TAXONOMY_TEMPLATES
        .into_iter()
        .filter(|name| theme.file_of(name).is_none())
        .collect();
    if site.taxonomies.is_empty() || missing.is_empty() {
        return;
    }
    let names: Vec<String> = site
        .taxonomies
        .drain(..)
        .map(|t| format!("/{}/", t.name))
        .collect();
    site.warnings.push(
        Diagnostic::new(
            site.config.root.join(crate::config::CONFIG_FILE),
            format!(
                "the theme has no {}, so no taxonomy pages ({}) were written",
                missing.join(" or "),
                names.join(", ")
            ),
        )
        .hint("add the templates to templates/, or set `outputs: {taxonomies: false}` in kepu.yaml"),
    );
}

/// A Tera error as diagnostics: the template file, line and column, the
/// message and its causes, a hint, and which content was rendering.
pub(crate) fn template_error(err: &tera::Error, theme: &Theme, rendering: Option<&Path>) -> Error {
    Error::from_diagnostics(template_diagnostics(err, theme, rendering))
}

/// The first problem of a Tera error (a rendering error is always one), for
/// shortcodes, which collect it with other problems.
pub(crate) fn template_diagnostic(err: &tera::Error, theme: &Theme, rendering: Option<&Path>) -> Diagnostic {
    template_diagnostics(err, theme, rendering).remove(0)
}

/// See [`template_error`]; never empty.
fn template_diagnostics(err: &tera::Error, theme: &Theme, rendering: Option<&Path>) -> Vec<Diagnostic> {
    let file_of = |name: &str| {
        theme
            .file_of(name)
            .map_or_else(|| PathBuf::from(name), Path::to_path_buf)
    };
    let at_line_of = |name: &str, needle: &str, message: String| {
        let d = Diagnostic::new(file_of(name), message);
        match theme
            .source_of(name)
            .and_then(|source| line_containing(source, needle))
        {
            Some(line) => d.at(line, None),
            None => d,
        }
    };
    let diagnostics = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let d = Diagnostic::new(
                file_of(report.filename()),
                format!("template error: {}{}", report.message(), causes(err)),
            )
            .at(report.span().start_line, Some(report.span().start_col + 1));
            vec![match rendering {
                Some(rendering) => d.hint(format!("while rendering {}", rendering.display())),
                None => d,
            }]
        }
        tera::ErrorKind::TemplateNotFound(name) => vec![
            Diagnostic::new(
                rendering.unwrap_or(Path::new("templates")),
                format!("template `{name}` not found{}", causes(err).replace("\n  caused by:", ":")),
            )
            .hint(format!(
                "create templates/{name} in the site or the theme, or name an existing template; available: {}",
                theme.names().join(", ")
            )),
        ],
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => vec![
            at_line_of(
                tpl,
                "extends",
                format!(
                    "template `{tpl}` extends itself ({tpl} → {})",
                    inheritance_chain.join(" → ")
                ),
            )
            .hint("a template extends another, more general one (e.g. base.html): change or remove this `{% extends %}`"),
        ],
        tera::ErrorKind::CircularInclude { tpl, include_chain } => vec![
            at_line_of(
                tpl,
                "include",
                format!("template `{tpl}` includes itself ({})", include_chain.join(" → ")),
            )
            .hint("remove one `{% include %}` of the loop"),
        ],
        tera::ErrorKind::MissingParent { current, parent } => vec![
            at_line_of(
                current,
                "extends",
                format!("template `{current}` extends `{parent}`, which does not exist"),
            )
            .hint(format!("extend an existing template; available: {}", theme.names().join(", "))),
        ],
        tera::ErrorKind::Msg(text) if text.contains("--> ") => reports(text, &file_of),
        _ => Vec::new(),
    };
    if diagnostics.is_empty() {
        return vec![Diagnostic::new(
            "templates",
            format!("template error: {err}{}", causes(err)),
        )];
    }
    diagnostics
}

/// The chain of an error's causes, one `caused by:` line each.
fn causes(err: &tera::Error) -> String {
    let mut text = String::new();
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(c) = cause {
        text.push_str(&format!("\n  caused by: {c}"));
        cause = c.source();
    }
    text
}

/// The 1-based line of the first line of `source` containing `needle`.
fn line_containing(source: &str, needle: &str) -> Option<usize> {
    source.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

/// Tera reports the problems it finds while checking all templates (unknown
/// filters, functions, blocks) as one text of reports `error: what` +
/// `--> name:line:column`; each becomes a diagnostic.
fn reports(text: &str, file_of: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    text.split("\n\n")
        .filter_map(|report| {
            let message = report.lines().next()?.strip_prefix("error: ")?;
            let place = report.lines().find_map(|l| l.trim_start().strip_prefix("--> "))?;
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next()?.parse().ok();
            let line = parts.next()?.parse().ok()?;
            let name = parts.next()?;
            Some(
                Diagnostic::new(file_of(name), format!("template error: {message}"))
                    .at(line, column)
                    .maybe_hint(template_hint(message)),
            )
        })
        .collect()
}

fn template_hint(message: &str) -> Option<String> {
    let hint = if message.starts_with("Unknown filter") {
        "check the spelling; kepu adds `date` to Tera 2's built-in filters (see the theme reference in the README)"
    } else if message.starts_with("Unknown function") {
        "check the spelling; kepu adds get_page, get_section and url_for to Tera 2's functions"
    } else if message.starts_with("Unknown template") {
        "create the included template, or fix its name"
    } else if message.contains("is not defined in any parent template") {
        "define the block in the template this one extends, or fix the block's name"
    } else {
        return None;
    };
    Some(hint.into())
}
