//! The Markdown stage: shortcodes expanded (`shortcodes/`, with figures
//! summed over the whole site's recaps), then each page and section body
//! rendered by pulldown-cmark (`html.rs`), in parallel, into a
//! [`body::Rendered`] that the model keeps. Built and tested without the
//! renderer: shortcode templates come from `templates`.

pub mod bundle_files;
mod html;
pub mod shortcodes;

use crate::model;
use crate::period;
use crate::source;
pub use html::{options, render, slug_id};

use crate::body::Rendered;
use crate::error::{Diagnostic, Error, Result};
use crate::fingerprint::Fingerprint;
use crate::templates::ShortcodeTemplates;
use shortcodes::{Expander, Place};
use std::collections::HashMap;
use std::sync::Arc;

/// The Markdown stage: expands shortcodes (with figures from the whole
/// site's recaps) and renders every page and section body, in parallel.
/// Every shortcode problem of every file is reported.
pub fn render_site(site: &mut model::Site, templates: &ShortcodeTemplates) -> Result<()> {
    render_site_with(site, templates, &mut MarkdownCache::default())
}

/// [`render_site`], keeping the rendering of every body whose expanded
/// Markdown is what it was in the last build (kept in `cache`).
pub fn render_site_with(
    site: &mut model::Site,
    templates: &ShortcodeTemplates,
    cache: &mut MarkdownCache,
) -> Result<()> {
    let pages: Vec<usize> = (0..site.pages.len()).collect();
    let sections: Vec<usize> = (0..site.sections.len()).collect();
    let (kept, result) = render_bodies(site, templates, cache, &pages, &sections);
    cache.bodies = kept;
    result
}

/// Renders the bodies of the pages at `pages` (indices) again, the rest of
/// the site keeping its renderings: after edits that changed those bodies
/// only, this is what [`render_site_with`] would do.
pub fn render_pages_with(
    site: &mut model::Site,
    templates: &ShortcodeTemplates,
    cache: &mut MarkdownCache,
    pages: &[usize],
) -> Result<()> {
    let (kept, result) = render_bodies(site, templates, cache, pages, &[]);
    cache.bodies.extend(kept);
    result
}

/// Renders the bodies of `pages` and `sections` (indices), reusing what
/// `cache` holds; returns their renderings for the cache and every problem.
fn render_bodies(
    site: &mut model::Site,
    templates: &ShortcodeTemplates,
    cache: &MarkdownCache,
    pages: &[usize],
    sections: &[usize],
) -> (Bodies, Result<()>) {
    use rayon::prelude::*;
    let recaps = Arc::clone(&site.recaps);
    let expander = Expander::new(&recaps, templates, &site.config);
    let bundle_files = bundle_files::of_site(site);
    let render_source = |source: &SourceRef, files: &[bundle_files::BundleFile]| -> RenderResult {
        let place = Place {
            file: source.file,
            rel_path: source.rel_path,
            id_prefix: "",
            first_line: source.body.first_line,
            period: source.period,
            files,
        };
        let expanded = expander.expand(&source.body.text, &place)?;
        let key = expanded.fingerprint(source.rel_path, source.body.first_line);
        if let Some(rendered) = cache.get(source.rel_path, key) {
            return Ok((key, rendered));
        }
        let mut rendered = render(&expanded.markdown, source.rel_path, source.body.first_line);
        expanded.fill(&mut rendered);
        Ok((key, Arc::new(rendered)))
    };
    let page_results: Vec<RenderResult> = pages
        .par_iter()
        .map(|i| {
            let files = bundle_files.get(i).map_or(&[][..], Vec::as_slice);
            render_source(&SourceRef::page(&site.pages[*i].source), files)
        })
        .collect();
    let section_results: Vec<RenderResult> = sections
        .par_iter()
        .map(|i| render_source(&SourceRef::section(&site.sections[*i].source), &[]))
        .collect();
    let mut problems = Vec::new();
    let mut kept = HashMap::with_capacity(pages.len() + sections.len());
    let mut fill = |rel_path: &str, target: &mut Arc<Rendered>, result: RenderResult| match result {
        Ok((key, rendered)) => {
            kept.insert(rel_path.to_string(), (key, Arc::clone(&rendered)));
            *target = rendered;
        }
        Err(mut found) => problems.append(&mut found),
    };
    for (i, result) in pages.iter().zip(page_results) {
        let page = &mut site.pages[*i];
        fill(&page.source.rel_path, &mut page.rendered, result);
    }
    for (i, result) in sections.iter().zip(section_results) {
        let section = &mut site.sections[*i];
        fill(&section.source.rel_path, &mut section.rendered, result);
    }
    let result = if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::from_diagnostics(problems))
    };
    (kept, result)
}

type RenderResult = std::result::Result<(Fingerprint, Arc<Rendered>), Vec<Diagnostic>>;

/// Renderings of the last build by source path, with the fingerprint of
/// the expanded Markdown they were made from, to reuse when serving.
#[derive(Default)]
pub struct MarkdownCache {
    bodies: Bodies,
}

/// Renderings by source path, with the fingerprint of what they were made from.
type Bodies = HashMap<String, (Fingerprint, Arc<Rendered>)>;

impl MarkdownCache {
    fn get(&self, rel_path: &str, key: Fingerprint) -> Option<Arc<Rendered>> {
        let (cached, rendered) = self.bodies.get(rel_path)?;
        (*cached == key).then(|| Arc::clone(rendered))
    }
}

/// What the Markdown stage reads of a page or a section.
struct SourceRef<'s> {
    rel_path: &'s str,
    file: &'s std::path::Path,
    body: &'s source::Body,
    period: Option<&'s period::Period>,
}

impl<'s> SourceRef<'s> {
    fn page(source: &'s source::PageSource) -> Self {
        SourceRef {
            rel_path: &source.rel_path,
            file: &source.file,
            body: &source.body,
            period: source.period.as_ref(),
        }
    }

    fn section(source: &'s source::SectionSource) -> Self {
        SourceRef {
            rel_path: &source.rel_path,
            file: &source.file,
            body: &source.body,
            period: None,
        }
    }
}
