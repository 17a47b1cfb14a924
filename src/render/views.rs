//! What templates see: every page, section, taxonomy and term turned into a
//! Tera value once per build. Tera 2 values share their arrays and maps
//! behind `Arc`, so a section's page list, a term's pages, a pager's slice
//! and `get_page` results are cheap clones, never a re-serialisation of the
//! site per page. Pages link each other (previous/next, related) through
//! small link values, so page values never nest whole pages.

use crate::body;
use crate::config;
use crate::fingerprint::{self, Fingerprint, Fingerprinter, Known};
use crate::images;
use crate::images::html::{Cover, Pictures};
use crate::model::archives::{self, Series};
use crate::model::figures::{Query, Recaps, Totals};
use crate::model::pagination::Pager;
use crate::model::taxonomy::{self, Taxonomy, Term};
use crate::model::{Page, Section, Site};
use crate::period;
use crate::period::Period;
use crate::plan;
use crate::postprocess;
use crate::source::Event;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};
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
    content: Cow<'a, str>,
    summary: Cow<'a, str>,
    excerpt: String,
    toc: &'a [body::TocEntry],
    tags: &'a [String],
    categories: &'a [String],
    taxonomies: BTreeMap<&'a str, Vec<TermLinkView<'a>>>,
    weight: i64,
    /// The cover's URL (a photo's: its largest rendition).
    cover: Option<String>,
    /// A photo cover's renditions (`<picture>` HTML, sizes, crops).
    cover_image: Option<Cover>,
    /// Attribution: 作者, 来源, 摄影, 责任编辑, 审核 (empty when not given).
    author: &'a str,
    source: &'a str,
    photographer: &'a str,
    editor: &'a str,
    reviewer: &'a str,
    /// The picture for share previews: the cover, else the generated card
    /// (none when share cards are off).
    share_image: Option<String>,
    /// The page has a WeChat edition (`/wechat/<path>/`) in this build.
    wechat_edition: bool,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    event: Option<&'a Event>,
    /// The listing page of the event's series, when it has one.
    series_permalink: Option<String>,
    /// An announcement (活动预告): the event has not started yet.
    upcoming: bool,
    /// The event's `event.ics`, when calendars are written.
    calendar: Option<String>,
    /// 第 N 期, in a section with `issue_numbers: true`.
    issue_number: Option<usize>,
    period: Option<&'a Period>,
    /// Totals of the recaps in `period`.
    figures: Option<Totals>,
    relative_path: &'a str,
    section: &'a str,
    assets: Vec<String>,
    /// CJK characters plus Latin words of the body.
    word_count: usize,
    /// Minutes, at least 1.
    reading_time: usize,
}

/// A term as a page names it; `permalink` is none when the build writes no
/// page for the term's taxonomy.
#[derive(Serialize)]
struct TermLinkView<'a> {
    name: &'a str,
    slug: String,
    permalink: Option<String>,
}

/// A page as another page links to it.
#[derive(Serialize)]
struct PageLinkView<'a> {
    title: &'a str,
    description: &'a str,
    date: Option<String>,
    updated: Option<String>,
    path: &'a str,
    permalink: String,
    relative_path: &'a str,
}

#[derive(Serialize)]
struct TaxonomyView<'a> {
    name: &'a str,
    path: &'a str,
    permalink: String,
}

#[derive(Serialize)]
struct TermView<'a> {
    name: &'a str,
    slug: &'a str,
    path: &'a str,
    permalink: String,
    count: usize,
}

#[derive(Serialize)]
struct PaginatorView {
    paginate_by: usize,
    /// Permalink of the list's first pager.
    base_url: String,
    number_pagers: usize,
    current_index: usize,
    /// Pages in the whole list.
    total_pages: usize,
    first: String,
    last: String,
    previous: Option<String>,
    next: Option<String>,
}

/// A feed as `<link rel="alternate">` names it.
#[derive(Serialize)]
struct FeedLinkView {
    title: String,
    #[serde(rename = "type")]
    mime: &'static str,
    url: String,
}

#[derive(Serialize)]
struct SectionView<'a> {
    title: String,
    description: &'a str,
    path: &'a str,
    permalink: String,
    content: Cow<'a, str>,
    summary: &'a str,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    relative_path: &'a str,
    subsections: Vec<&'a str>,
    /// The event series among the section's pages, with their listing pages.
    series: Vec<SeriesLink<'a>>,
    /// The calendar archive's permalink, when the section has one.
    calendar: Option<String>,
}

#[derive(Serialize)]
struct SeriesLink<'a> {
    name: &'a str,
    permalink: String,
    count: usize,
}

/// Tera values of the whole site, built once per build.
pub struct SiteValues {
    pub config: Value,
    pub pages: Vec<Value>,
    pub sections: Vec<Value>,
    /// Each section's page list (an array value shared with the section).
    pub section_pages: Vec<Value>,
    /// Parallel to `Site::taxonomies`.
    pub taxonomies: Vec<TaxonomyValues>,
    /// Each section's feeds for `<link rel="alternate">`: the site's, then
    /// the section's own.
    pub section_feeds: Vec<Value>,
    /// Content-relative source path → page or section value.
    pub by_source: Arc<HashMap<String, Value>>,
    /// The site's event recaps, for figures.
    pub recaps: Arc<Recaps>,
    /// Term permalinks by taxonomy and slug, for `get_taxonomy_url`.
    pub term_urls: Arc<HashMap<(String, String), String>>,
    /// The fingerprint of every page, section, taxonomy and term value and
    /// of the config, by identity.
    pub known: Known,
}

/// Page values of the last build with the fingerprints of what they were
/// made from, by source path: a page whose view and links have not changed
/// keeps its value (building values is most of the cost of a small rebuild).
#[derive(Default)]
pub struct ValueCache {
    pages: HashMap<String, (Fingerprint, Value)>,
    /// The same, parallel to the last build's `Site::pages`.
    in_order: Vec<(Fingerprint, Value)>,
}

impl ValueCache {
    /// Keeps the page values of this build (parallel to `site.pages`); with
    /// `bodies_only`, only those pages' can be new.
    fn remember(&mut self, site: &Site, pages: &[(Fingerprint, Value)], bodies_only: Option<&[String]>) {
        self.in_order = pages.to_vec();
        let Some(edited) = bodies_only else {
            self.pages = site
                .pages
                .iter()
                .zip(pages)
                .map(|(page, entry)| (page.source.rel_path.clone(), entry.clone()))
                .collect();
            return;
        };
        for rel_path in edited {
            if let Some(i) = site.page_index(rel_path) {
                self.pages.insert(rel_path.clone(), pages[i].clone());
            }
        }
    }
}

/// A taxonomy (with its terms and their pages) and each of its terms.
pub struct TaxonomyValues {
    pub taxonomy: Value,
    /// Parallel to `Taxonomy::terms`.
    pub terms: Vec<Value>,
    /// Each term's page list (an array value shared with the term).
    pub term_pages: Vec<Value>,
}

impl SiteValues {
    /// The values of `site`, reusing those in `cache` that are made from the
    /// same. With `bodies_only`, only the bodies of those pages changed
    /// since `cache` was filled: every other page keeps its value unchecked.
    pub fn new(
        site: &Site,
        photos: &images::Plan,
        cache: &mut ValueCache,
        bodies_only: Option<&[String]>,
    ) -> SiteValues {
        let pictures = pictures(site, photos);
        let pages = page_entries(site, &pictures, cache, bodies_only);
        cache.remember(site, &pages, bodies_only);
        let mut known = Known::default();
        for (fp, value) in &pages {
            known.insert(value, *fp);
        }
        let pages: Vec<Value> = pages.into_iter().map(|(_, value)| value).collect();
        let section_pages: Vec<Value> = site
            .sections
            .iter()
            .map(|s| values_of(&s.pages, &pages))
            .collect();
        let sections: Vec<Value> = site
            .sections
            .iter()
            .zip(&section_pages)
            .map(|(s, list)| section_value(site, s, &pictures, list.clone()))
            .collect();
        let taxonomies: Vec<TaxonomyValues> = site
            .taxonomies
            .iter()
            .map(|t| taxonomy_values(site, t, &pages))
            .collect();
        // Inner values first: an outer one's fingerprint uses theirs.
        learn_fingerprints(&mut known, &sections);
        for taxonomy in &taxonomies {
            learn_fingerprints(&mut known, &taxonomy.terms);
            learn_fingerprints(&mut known, std::slice::from_ref(&taxonomy.taxonomy));
        }
        let config = Value::from_serializable(&site.config);
        learn_fingerprints(&mut known, std::slice::from_ref(&config));
        let mut by_source = HashMap::with_capacity(pages.len() + sections.len());
        for (page, value) in site.pages.iter().zip(&pages) {
            by_source.insert(page.source.rel_path.clone(), value.clone());
        }
        for (section, value) in site.sections.iter().zip(&sections) {
            by_source.insert(section.source.rel_path.clone(), value.clone());
        }
        SiteValues {
            config,
            pages,
            sections,
            section_pages,
            taxonomies,
            section_feeds: feed_links(site),
            by_source: Arc::new(by_source),
            recaps: Arc::clone(&site.recaps),
            term_urls: Arc::new(term_urls(site)),
            known,
        }
    }

    /// The feeds of pages outside any section (taxonomies, 404): the site's.
    pub fn site_feeds(&self) -> Value {
        self.section_feeds[0].clone()
    }

    /// A series listing page's `series`: its name, pages and totals.
    pub fn series_value(&self, site: &Site, series: &Series) -> Value {
        let pages: Vec<Value> = series.pages.iter().map(|i| self.pages[*i].clone()).collect();
        // An announcement counts once its event has begun, as in reports.
        let events = series
            .pages
            .iter()
            .map(|i| &site.pages[*i])
            .filter(|page| !page.upcoming)
            .filter_map(|page| page.source.event.as_ref());
        let mut map = Value::from_serializable(&SeriesView {
            name: &series.name,
            path: &series.path,
            permalink: site.permalink(&series.path),
            figures: Totals::of_events(events),
        })
        .into_map()
        .unwrap_or_default();
        map.insert("pages".into(), Value::from(pages));
        Value::from(map)
    }

    /// A calendar page's `calendar`: months, newest first, as week rows of
    /// days (`none` outside the month), each day with its pages.
    pub fn calendar_value(&self, site: &Site, section: &Section) -> Value {
        let months: Vec<MonthView> = archives::calendar(&site.pages, &section.pages)
            .into_iter()
            .map(|month| MonthView {
                key: month.first.strftime("%Y-%m").to_string(),
                label: period::chinese_month(month.first),
                weeks: month
                    .weeks
                    .into_iter()
                    .map(|week| {
                        week.map(|day| {
                            day.map(|day| DayView {
                                day: day.date.day(),
                                date: day.date.to_string(),
                                pages: day.pages.iter().map(|i| self.pages[*i].clone()).collect(),
                            })
                        })
                    })
                    .collect(),
            })
            .collect();
        Value::from_serializable(&CalendarView { months })
    }
}

#[derive(Serialize)]
struct SeriesView<'a> {
    name: &'a str,
    path: &'a str,
    permalink: String,
    figures: Totals,
}

#[derive(Serialize)]
struct CalendarView {
    months: Vec<MonthView>,
}

#[derive(Serialize)]
struct MonthView {
    /// `2024-06`
    key: String,
    /// `2024年6月`
    label: String,
    weeks: Vec<[Option<DayView>; 7]>,
}

#[derive(Serialize)]
struct DayView {
    day: i8,
    date: String,
    pages: Vec<Value>,
}

/// Each page's value with its fingerprint (parallel to `site.pages`),
/// reusing `cache` where the page is made from the same. With
/// `bodies_only`, the model is the same and only those pages' bodies
/// changed: every other page keeps its value unchecked.
fn page_entries(
    site: &Site,
    pictures: &Pictures,
    cache: &ValueCache,
    bodies_only: Option<&[String]>,
) -> Vec<(Fingerprint, Value)> {
    let photos = pictures.plan;
    let mut assets: HashMap<usize, Vec<String>> = HashMap::new();
    // A photo's original is not published: its renditions stand for it.
    for asset in site.assets.iter().filter(|a| photos.get(&a.dest).is_none()) {
        if let Some(page) = asset.page {
            assets.entry(page).or_default().push(site.permalink(&asset.dest));
        }
    }
    // Made when a page needing them is made (after a body edit, few are).
    let links: Vec<OnceLock<(Fingerprint, Value)>> = site.pages.iter().map(|_| OnceLock::new()).collect();
    let link = |i: usize| links[i].get_or_init(|| link_value(site, &site.pages[i]));
    let entry = |i: usize| {
        let page = &site.pages[i];
        let figures = page
            .source
            .period
            .as_ref()
            .map(|period| period_totals(&site.recaps, period));
        let assets = assets.get(&i).cloned().unwrap_or_default();
        let view = page_view(site, page, pictures, assets, figures);
        let fp = page_fingerprint(&view, page, &link);
        match cache.pages.get(&page.source.rel_path) {
            Some((old, value)) if *old == fp => (fp, value.clone()),
            _ => (fp, page_value(&view, page, &link)),
        }
    };
    match bodies_only {
        Some(edited) if cache.in_order.len() == site.pages.len() => {
            let mut pages = cache.in_order.clone();
            for i in edited.iter().filter_map(|rel_path| site.page_index(rel_path)) {
                pages[i] = entry(i);
            }
            pages
        }
        _ => (0..site.pages.len()).into_par_iter().map(entry).collect(),
    }
}

/// How the site's photos are written into its HTML.
pub fn pictures<'a>(site: &'a Site, photos: &'a images::Plan) -> Pictures<'a> {
    Pictures {
        plan: photos,
        base_url: &site.config.base_url,
        sizes: &site.config.images.sizes,
    }
}

/// The totals of a report's period (its own recaps never name unknown
/// filters, so selecting cannot fail).
fn period_totals(recaps: &Recaps, period: &Period) -> Totals {
    let query = Query {
        period: Some(period.clone()),
        ..Query::default()
    };
    Totals::of(recaps.select(&query).unwrap_or_default())
}

/// Every term's permalink by taxonomy name and term slug.
fn term_urls(site: &Site) -> HashMap<(String, String), String> {
    site.taxonomies
        .iter()
        .flat_map(|t| {
            t.terms
                .iter()
                .map(|term| ((t.name.clone(), term.slug.clone()), site.permalink(&term.path)))
        })
        .collect()
}

/// Enters the fingerprint of each of `values` in `known`, so that the many
/// outputs showing one are not each walking it.
fn learn_fingerprints(known: &mut Known, values: &[Value]) {
    for value in values {
        known.insert(value, fingerprint::of_value(value, known));
    }
}

/// The values of `indexes` into `values`, as one array value.
fn values_of(indexes: &[usize], values: &[Value]) -> Value {
    Value::from(indexes.iter().map(|i| values[*i].clone()).collect::<Vec<_>>())
}

/// `paginator` of one pager of a list (`list` is the whole list's array
/// value; only this pager's slice is copied, as shared values).
pub fn paginator_value(
    site: &Site,
    pagers: &[Pager],
    current: &Pager,
    list: &Value,
    paginate_by: usize,
) -> Value {
    let all = list.as_array().unwrap_or_default();
    let permalink_of = |index: usize| site.permalink(&pagers[index - 1].path);
    let view = PaginatorView {
        paginate_by,
        base_url: permalink_of(1),
        number_pagers: pagers.len(),
        current_index: current.index,
        total_pages: all.len(),
        first: permalink_of(1),
        last: permalink_of(pagers.len()),
        previous: (current.index > 1).then(|| permalink_of(current.index - 1)),
        next: (current.index < pagers.len()).then(|| permalink_of(current.index + 1)),
    };
    let mut map = Value::from_serializable(&view).into_map().unwrap_or_default();
    map.insert("pages".into(), Value::from(&all[current.items.clone()]));
    Value::from(map)
}

fn taxonomy_values(site: &Site, taxonomy: &Taxonomy, pages: &[Value]) -> TaxonomyValues {
    let term_pages: Vec<Value> = taxonomy
        .terms
        .iter()
        .map(|t| values_of(&t.pages, pages))
        .collect();
    let terms: Vec<Value> = taxonomy
        .terms
        .par_iter()
        .zip(&term_pages)
        .map(|(term, list)| term_value(site, term, list.clone()))
        .collect();
    let view = TaxonomyView {
        name: &taxonomy.name,
        path: &taxonomy.path,
        permalink: site.permalink(&taxonomy.path),
    };
    let mut map = Value::from_serializable(&view).into_map().unwrap_or_default();
    map.insert("terms".into(), Value::from(terms.clone()));
    TaxonomyValues {
        taxonomy: Value::from(map),
        terms,
        term_pages,
    }
}

fn term_value(site: &Site, term: &Term, pages: Value) -> Value {
    let view = TermView {
        name: &term.name,
        slug: &term.slug,
        path: &term.path,
        permalink: site.permalink(&term.path),
        count: term.pages.len(),
    };
    let mut map = Value::from_serializable(&view).into_map().unwrap_or_default();
    map.insert("pages".into(), pages);
    Value::from(map)
}

/// Per section: the site's feeds, then the section's own (if it has any).
fn feed_links(site: &Site) -> Vec<Value> {
    let mut own: Vec<Vec<Value>> = vec![Vec::new(); site.sections.len()];
    for feed in &site.feeds {
        let section = &site.sections[feed.section];
        let title = if feed.section == 0 {
            site.config.title.clone()
        } else {
            format!("{} - {}", section_title(section), site.config.title)
        };
        own[feed.section] = super::feeds::FORMATS
            .iter()
            .map(|format| {
                Value::from_serializable(&FeedLinkView {
                    title: title.clone(),
                    mime: format.mime,
                    url: site.permalink(&format!("{}{}", section.path, format.file)),
                })
            })
            .collect();
    }
    (0..own.len())
        .map(|index| {
            let mut links = own[0].clone();
            if index != 0 {
                links.extend(own[index].iter().cloned());
            }
            Value::from(links)
        })
        .collect()
}

/// How other pages link to `page`, and its fingerprint.
fn link_value(site: &Site, page: &Page) -> (Fingerprint, Value) {
    let front = &page.source.front;
    let view = PageLinkView {
        title: &front.title,
        description: &front.description,
        date: page.source.date.as_ref().map(|d| d.text()),
        updated: page.source.updated.as_ref().map(|d| d.text()),
        path: &page.path,
        permalink: site.permalink(&page.path),
        relative_path: &page.source.rel_path,
    };
    (fingerprint::of_serialize(&view), Value::from_serializable(&view))
}

/// How pages link the page at an index of `Site::pages`, with its fingerprint.
type LinkOf<'l> = dyn Fn(usize) -> &'l (Fingerprint, Value) + Sync + 'l;

/// The fingerprint of everything a page's value is made from: its view and
/// the pages it links.
fn page_fingerprint<'l>(view: &PageView, page: &Page, link: &LinkOf<'l>) -> Fingerprint {
    let mut hasher = Fingerprinter::new();
    hasher.fingerprint(fingerprint::of_serialize(view));
    for neighbour in [page.lower, page.higher] {
        hasher.fingerprint(neighbour.map_or(0, |i| link(i).0));
    }
    std::hash::Hasher::write_usize(&mut hasher, page.related.len());
    for i in &page.related {
        hasher.fingerprint(link(*i).0);
    }
    hasher.finish128()
}

/// A page's value: its view plus links to the pages before and after it
/// and to related pages.
fn page_value<'l>(view: &PageView, page: &Page, link: &LinkOf<'l>) -> Value {
    let mut map = Value::from_serializable(view).into_map().unwrap_or_default();
    let neighbour = |index: Option<usize>| index.map_or_else(Value::none, |i| link(i).1.clone());
    map.insert("lower".into(), neighbour(page.lower));
    map.insert("higher".into(), neighbour(page.higher));
    let related: Vec<Value> = page.related.iter().map(|i| link(*i).1.clone()).collect();
    map.insert("related".into(), Value::from(related));
    Value::from(map)
}

fn page_view<'a>(
    site: &'a Site,
    page: &'a Page,
    pictures: &Pictures,
    assets: Vec<String>,
    figures: Option<Totals>,
) -> PageView<'a> {
    let front = &page.source.front;
    let permalink = site.permalink(&page.path);
    let cover_image = site
        .cover_url(page)
        .and_then(|url| pictures.planned(&url, ""))
        .map(|planned| pictures.cover(planned, &front.title));
    let cover = match &cover_image {
        Some(photo) => Some(photo.src.clone()),
        None => site.cover_url(page),
    };
    let share_image = match &cover {
        Some(_) if cover_image.as_ref().is_some_and(|c| c.share.is_some()) => {
            cover_image.as_ref().and_then(|c| c.share.clone())
        }
        Some(cover) if plan::is_raster(cover) => Some(cover.clone()),
        _ => site
            .config
            .outputs
            .share_cards
            .then(|| format!("{permalink}{}", plan::SHARE_CARD)),
    };
    let calendar = (site.config.outputs.calendars && page.source.event.is_some())
        .then(|| format!("{permalink}{}", plan::EVENT_CALENDAR));
    let taxonomies = config::TAXONOMY_KINDS
        .into_iter()
        .map(|kind| (kind, term_links(site, page, kind)))
        .collect();
    let body = postprocess::resolve_body_links(&page.rendered.html, |file| site.url_of(file));
    // The first photo of the body loads at once unless a cover is above it.
    let content = match pictures.rewrite(&body, &permalink, cover_image.is_none()) {
        Cow::Owned(html) => Cow::Owned(html),
        Cow::Borrowed(_) => body,
    };
    let summary = pictures.rewrite(&page.rendered.summary, &permalink, false);
    PageView {
        title: &front.title,
        description: &front.description,
        date: page.source.date.as_ref().map(|d| d.text()),
        updated: page.source.updated.as_ref().map(|d| d.text()),
        draft: front.draft,
        slug: &page.slug,
        path: &page.path,
        permalink,
        content,
        summary,
        excerpt: excerpt(&page.rendered.plain_text),
        toc: &page.rendered.toc,
        tags: &front.tags,
        categories: &front.categories,
        taxonomies,
        weight: front.weight,
        cover,
        cover_image,
        author: &front.author,
        source: &front.source,
        photographer: &front.photographer,
        editor: &front.editor,
        reviewer: &front.reviewer,
        share_image,
        wechat_edition: page.wechat_edition && site.config.outputs.wechat,
        extra: &front.extra,
        event: page.source.event.as_ref(),
        series_permalink: series_of_page(site, page).map(|s| site.permalink(&s.path)),
        upcoming: page.upcoming,
        calendar,
        issue_number: page.issue_number,
        period: page.source.period.as_ref(),
        figures,
        relative_path: &page.source.rel_path,
        section: &site.sections[page.section].source.rel_path,
        assets,
        word_count: page.rendered.count.total(),
        reading_time: page.rendered.count.reading_minutes(site.config.reading_speed),
    }
}

/// The terms `page` names in taxonomy `kind`, linked when their pages are written.
fn term_links<'p>(site: &Site, page: &'p Page, kind: &str) -> Vec<TermLinkView<'p>> {
    let written = site.taxonomies.iter().any(|t| t.name == kind);
    taxonomy::terms_of(page, kind)
        .iter()
        .map(|name| {
            let slug = taxonomy::term_slug(name, site.config.slugify);
            TermLinkView {
                name,
                permalink: written.then(|| site.permalink(&taxonomy::term_path(kind, &slug))),
                slug,
            }
        })
        .collect()
}

/// The series listing the page's event belongs to, if any.
fn series_of_page<'s>(site: &'s Site, page: &Page) -> Option<&'s Series> {
    let name = page.source.event.as_ref()?.series.as_deref()?;
    site.sections[page.section].series.iter().find(|s| s.name == name)
}

/// Characters of plain text a page's `excerpt` keeps.
const EXCERPT_LENGTH: usize = 120;

/// The start of the page's text on one line, for `<meta name="description">`
/// when the page has no `description`.
pub(super) fn excerpt(plain_text: &str) -> String {
    // Sized once, and filled a word (or the cut word's start) at a time:
    // pushed character by character it cost 15 M instructions on 1,000
    // pages of Chinese text, whose words are whole sentences.
    let mut excerpt = String::with_capacity(plain_text.len().min(EXCERPT_LENGTH * 4 + 4));
    let mut length = 0;
    for word in plain_text.split_whitespace() {
        if !excerpt.is_empty() {
            excerpt.push(' ');
        }
        match word.char_indices().nth(EXCERPT_LENGTH - length) {
            Some((cut, _)) => {
                excerpt.push_str(&word[..cut]);
                excerpt.push('…');
                return excerpt;
            }
            None => {
                excerpt.push_str(word);
                length += word.chars().count();
            }
        }
    }
    excerpt
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

fn section_value(site: &Site, section: &Section, pictures: &Pictures, pages: Value) -> Value {
    let permalink = site.permalink(&section.path);
    let view = SectionView {
        title: section_title(section),
        description: &section.source.front.description,
        path: &section.path,
        content: pictures.rewrite(&section.rendered.html, &permalink, true),
        permalink,
        summary: &section.rendered.summary,
        extra: &section.source.front.extra,
        relative_path: &section.source.rel_path,
        subsections: section
            .subsections
            .iter()
            .map(|i| site.sections[*i].source.rel_path.as_str())
            .collect(),
        series: section
            .series
            .iter()
            .map(|s| SeriesLink {
                name: &s.name,
                permalink: site.permalink(&s.path),
                count: s.pages.len(),
            })
            .collect(),
        calendar: section.calendar_path.as_deref().map(|p| site.permalink(p)),
    };
    let mut map = Value::from_serializable(&view).into_map().unwrap_or_default();
    // Made once here, not by every pager's template walking all the pages
    // (two such walks were a sixth of a 10,000-page build's CPU time).
    map.insert("upcoming".into(), upcoming_pages(site, section, &pages));
    let has_events = section
        .pages
        .iter()
        .any(|i| site.pages[*i].source.event.is_some());
    map.insert("has_events".into(), Value::from(has_events));
    map.insert("pages".into(), pages);
    Value::from(map)
}

/// The section's announcements (pages whose event has not begun) as page
/// values, soonest first; `pages` holds the values of `section.pages`.
fn upcoming_pages(site: &Site, section: &Section, pages: &Value) -> Value {
    let values = pages.as_array().unwrap_or_default();
    let mut upcoming: Vec<Value> = section
        .pages
        .iter()
        .zip(values)
        .filter(|(i, _)| site.pages[**i].upcoming)
        .map(|(_, value)| value.clone())
        .collect();
    soonest_first(&mut upcoming);
    Value::from(upcoming)
}

/// Sorts page values by their event's start, as the templates'
/// `sort(attribute="event.start")` does (stable: ties keep their order).
fn soonest_first(pages: &mut [Value]) {
    pages.sort_by(|a, b| {
        a.get_from_path("event.start")
            .cmp(&b.get_from_path("event.start"))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn announcements_come_soonest_first_as_tera_sorts_them() {
        let page = |title: &str, start: &str| {
            Value::from_serializable(&serde_json::json!({"title": title, "event": {"start": start}}))
        };
        let mut pages = vec![
            page("b", "2199-09-15T09:00:00+08:00"),
            page("a", "2199-03-01"),
            page("c", "2199-09-15T09:00:00+08:00"),
            page("d", "2199-09-15"),
        ];
        soonest_first(&mut pages);
        let titles: Vec<String> = pages
            .iter()
            .map(|p| p.get_from_path("title").unwrap().as_str().unwrap().to_string())
            .collect();
        assert_eq!(titles, ["a", "d", "b", "c"]);
    }

    #[test]
    fn excerpt_is_what_a_character_at_a_time_gives() {
        fn by_characters(plain_text: &str) -> String {
            let mut excerpt = String::new();
            let mut length = 0;
            for word in plain_text.split_whitespace() {
                if !excerpt.is_empty() {
                    excerpt.push(' ');
                }
                for c in word.chars() {
                    if length == EXCERPT_LENGTH {
                        excerpt.push('…');
                        return excerpt;
                    }
                    excerpt.push(c);
                    length += 1;
                }
            }
            excerpt
        }
        let n = EXCERPT_LENGTH;
        let texts = [
            String::new(),
            "  \n ".into(),
            "科".repeat(n - 1),
            "科".repeat(n),
            "科".repeat(n + 1),
            format!("{} 普", "科".repeat(n)),
            format!("{} 普", "科".repeat(n - 1)),
            format!("{}\n\n{}  ", "a".repeat(n / 2), "科".repeat(n / 2)),
            format!("{} {}", "科".repeat(n / 2), "b".repeat(n)),
            "多喝水。 勤洗手。 ".repeat(n / 4),
            format!("{} ", "科".repeat(n)),
        ];
        for text in &texts {
            assert_eq!(excerpt(text), by_characters(text), "{text:?}");
        }
    }

    #[test]
    fn excerpt_is_one_line_and_cut_with_an_ellipsis() {
        assert_eq!(excerpt("多喝水。\n\n  勤洗手。\n"), "多喝水。 勤洗手。");
        let long = "科".repeat(EXCERPT_LENGTH + 5);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_LENGTH + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(excerpt(&"科".repeat(EXCERPT_LENGTH)), "科".repeat(EXCERPT_LENGTH));
    }
}
