//! Rendering: the site model and the theme's templates in, output files out
//! (`Vec<Output>`). Pure: no file is read or written here; pages render in
//! parallel. Each HTML page then goes through post-processing.

mod editions;
pub(crate) mod functions;
mod screen;
pub mod share_image;
pub mod shortcodes;
pub mod theme;
pub mod views;

use crate::error::{Diagnostic, Error, Result};
use crate::model::Site;
use crate::output::Output;
use crate::postprocess::inline_css::Stylesheet;
use crate::postprocess::{self, LinkTargets};
use rayon::prelude::*;
use std::path::Path;
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

    /// Renders every page, section and special page of the site.
    pub fn render_all(&self, options: &RenderOptions) -> Result<Vec<Output>> {
        let site = self.site;
        let page_outputs = site.pages.par_iter().enumerate().map(|(i, page)| {
            let template = page
                .source
                .front
                .template
                .as_deref()
                .or(site.sections[page.section].source.front.page_template.as_deref())
                .unwrap_or("page.html");
            self.render_html(
                template,
                &page.path,
                "page",
                &self.values.pages[i],
                &page.source.file,
                options,
            )
        });
        let section_outputs = site.sections.par_iter().enumerate().map(|(i, section)| {
            let default = if section.path == "/" {
                "index.html"
            } else {
                "section.html"
            };
            let template = section.source.front.template.as_deref().unwrap_or(default);
            self.render_html(
                template,
                &section.path,
                "section",
                &self.values.sections[i],
                &section.source.file,
                options,
            )
        });
        let mut outputs: Vec<Output> = page_outputs
            .chain(section_outputs)
            .chain(self.listing_outputs(options))
            .collect::<Result<Vec<_>>>()?;
        if self.tera.contains_template("404.html") {
            let file = self.theme.file_of("404.html").unwrap_or(Path::new("404.html"));
            let html = self.render_template("404.html", "/404.html", Context::new(), file)?;
            outputs.push(Output::bytes("404.html", self.postprocess(html, file, options)?));
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

/// The output file of the site path `/tips/a/`: `tips/a/index.html`.
fn index_file(path: &str) -> String {
    format!("{}index.html", path.trim_start_matches('/'))
}

/// A Tera error as a diagnostic: the template file, line and column, the
/// message and the whole chain of causes, and which content was rendering.
fn template_error(err: &tera::Error, theme: &Theme, rendering: Option<&Path>) -> Error {
    template_diagnostic(err, theme, rendering).into()
}

/// See [`template_error`]; shortcodes collect these with other problems.
pub(crate) fn template_diagnostic(err: &tera::Error, theme: &Theme, rendering: Option<&Path>) -> Diagnostic {
    let mut chain = Vec::new();
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(c) = cause {
        chain.push(c.to_string());
        cause = c.source();
    }
    let (file, line, column, message) = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let file = theme
                .file_of(report.filename())
                .map_or_else(|| report.filename().into(), Path::to_path_buf);
            (
                file,
                Some(report.span().start_line),
                Some(report.span().start_col + 1),
                report.message().to_string(),
            )
        }
        tera::ErrorKind::TemplateNotFound(name) => {
            let mut d = Diagnostic::new(
                rendering.unwrap_or(Path::new("templates")),
                format!("template `{name}` not found"),
            )
            .hint(format!(
                "create templates/{name} in the site or the theme, or name an existing template; available: {}",
                theme.templates.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ")
            ));
            d.message
                .push_str(&chain.iter().map(|c| format!(": {c}")).collect::<String>());
            return d;
        }
        _ => (Path::new("templates").to_path_buf(), None, None, err.to_string()),
    };
    let mut d = Diagnostic::new(file, format!("template error: {message}"));
    if let Some(line) = line {
        d = d.at(line, column);
    }
    for c in &chain {
        d.message.push_str(&format!("\n  caused by: {c}"));
    }
    if let Some(rendering) = rendering {
        d = d.hint(format!("while rendering {}", rendering.display()));
    }
    d
}
