//! What templates see: every page and section turned into a Tera value once
//! per build. Tera 2 values share their arrays and maps behind `Arc`, so a
//! section's page list and `get_page` results are cheap clones, never a
//! re-serialisation of the site per page.

use crate::model::{Page, Section, Site};
use crate::source::Event;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use tera::Value;

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    description: &'a str,
    date: Option<String>,
    updated: Option<String>,
    draft: bool,
    slug: &'a str,
    path: &'a str,
    permalink: String,
    content: &'a str,
    summary: &'a str,
    toc: &'a [crate::markdown::TocEntry],
    tags: &'a [String],
    categories: &'a [String],
    taxonomies: BTreeMap<&'a str, &'a [String]>,
    weight: i64,
    cover: Option<String>,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    event: Option<&'a Event>,
    relative_path: &'a str,
    section: &'a str,
    assets: Vec<String>,
    /// CJK characters plus Latin words of the body.
    word_count: usize,
    /// Minutes, at least 1.
    reading_time: usize,
}

#[derive(Serialize)]
struct SectionView<'a> {
    title: String,
    description: &'a str,
    path: &'a str,
    permalink: String,
    content: &'a str,
    summary: &'a str,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    relative_path: &'a str,
    subsections: Vec<&'a str>,
}

/// Tera values of the whole site, built once per build.
pub struct SiteValues {
    pub config: Value,
    pub pages: Vec<Value>,
    pub sections: Vec<Value>,
    /// Content-relative source path → page or section value.
    pub by_source: HashMap<String, Value>,
}

impl SiteValues {
    pub fn new(site: &Site) -> SiteValues {
        let mut assets: HashMap<usize, Vec<String>> = HashMap::new();
        for asset in &site.assets {
            if let Some(page) = asset.page {
                assets.entry(page).or_default().push(site.permalink(&asset.dest));
            }
        }
        let pages: Vec<Value> = site
            .pages
            .par_iter()
            .enumerate()
            .map(|(i, page)| page_value(site, page, assets.get(&i).cloned().unwrap_or_default()))
            .collect();
        let sections: Vec<Value> = site
            .sections
            .iter()
            .map(|s| section_value(site, s, &pages))
            .collect();
        let mut by_source = HashMap::with_capacity(pages.len() + sections.len());
        for (page, value) in site.pages.iter().zip(&pages) {
            by_source.insert(page.source.rel_path.clone(), value.clone());
        }
        for (section, value) in site.sections.iter().zip(&sections) {
            by_source.insert(section.source.rel_path.clone(), value.clone());
        }
        SiteValues {
            config: Value::from_serializable(&site.config),
            pages,
            sections,
            by_source,
        }
    }
}

fn page_value(site: &Site, page: &Page, assets: Vec<String>) -> Value {
    let front = &page.source.front;
    let permalink = site.permalink(&page.path);
    let cover = front
        .cover
        .as_deref()
        .map(|cover| resolve_relative_url(site, &page.path, cover, page.is_bundle));
    let mut taxonomies = BTreeMap::new();
    taxonomies.insert("tags", front.tags.as_slice());
    taxonomies.insert("categories", front.categories.as_slice());
    let view = PageView {
        title: &front.title,
        description: &front.description,
        date: page.source.date.as_ref().map(|d| d.text()),
        updated: page.source.updated.as_ref().map(|d| d.text()),
        draft: front.draft,
        slug: &page.slug,
        path: &page.path,
        permalink,
        content: &page.source.rendered.html,
        summary: &page.source.rendered.summary,
        toc: &page.source.rendered.toc,
        tags: &front.tags,
        categories: &front.categories,
        taxonomies,
        weight: front.weight,
        cover,
        extra: &front.extra,
        event: page.source.event.as_ref(),
        relative_path: &page.source.rel_path,
        section: &site.sections[page.section].source.rel_path,
        assets,
        word_count: page.source.rendered.count.total(),
        reading_time: page
            .source
            .rendered
            .count
            .reading_minutes(site.config.reading_speed),
    };
    Value::from_serializable(&view)
}

/// A URL from front matter: absolute URLs stay, `/x` is site-relative, and
/// a bare name in a bundle is beside the page.
fn resolve_relative_url(site: &Site, page_path: &str, url: &str, is_bundle: bool) -> String {
    if url.contains("://") {
        url.to_string()
    } else if url.starts_with('/') || !is_bundle {
        site.permalink(url)
    } else {
        site.permalink(&format!("{page_path}{url}"))
    }
}

/// A section's title: its front matter's, else its folder name.
pub fn section_title(section: &Section) -> String {
    section.source.front.title.clone().unwrap_or_else(|| {
        let dir = section
            .source
            .rel_path
            .trim_end_matches("_index.md")
            .trim_end_matches('/');
        dir.rsplit('/').next().unwrap_or(dir).to_string()
    })
}

fn section_value(site: &Site, section: &Section, pages: &[Value]) -> Value {
    let view = SectionView {
        title: section_title(section),
        description: &section.source.front.description,
        path: &section.path,
        permalink: site.permalink(&section.path),
        content: &section.source.rendered.html,
        summary: &section.source.rendered.summary,
        extra: &section.source.front.extra,
        relative_path: &section.source.rel_path,
        subsections: section
            .subsections
            .iter()
            .map(|i| site.sections[*i].source.rel_path.as_str())
            .collect(),
    };
    let mut map = Value::from_serializable(&view).into_map().unwrap_or_default();
    let section_pages: Vec<Value> = section.pages.iter().map(|i| pages[*i].clone()).collect();
    map.insert("pages".into(), Value::from(section_pages));
    Value::from(map)
}
