//! The feeds the model planned, each as Atom 1.0 (`atom.xml`) and RSS 2.0
//! (`rss.xml`) beside its section's list: entries newest first, their HTML
//! (the whole page or its summary, as `feeds.full_content` says) with every
//! link made absolute, all text escaped by quick-xml. When the theme has
//! [`STYLESHEET`], each feed names it, so that a browser shows the feed as
//! a page saying what it is and how to subscribe instead of raw XML.

use super::links::LinkTargets;
use super::xml::XmlWriter;
use crate::dates::DateValue;
use crate::error::{Diagnostic, Error, Result};
use crate::files::Output;
use crate::images::html::{self, Pictures};
use crate::messages::msg;
use crate::model::feeds::Feed;
use crate::model::{Page, Site};
use crate::postprocess;
use crate::urls::iri_to_uri;
use rayon::prelude::*;
use std::collections::HashMap;

pub struct FeedFormat {
    /// The file name beside the section's `index.html`.
    pub file: &'static str,
    pub mime: &'static str,
}

pub const ATOM: FeedFormat = FeedFormat {
    file: "atom.xml",
    mime: "application/atom+xml",
};
pub const RSS: FeedFormat = FeedFormat {
    file: "rss.xml",
    mime: "application/rss+xml",
};
pub const FORMATS: [FeedFormat; 2] = [ATOM, RSS];

/// The static file, of the theme or the site, that browsers show feeds with.
pub const STYLESHEET: &str = "feed.xsl";

/// A page's HTML as feed readers get it.
struct EntryHtml {
    summary: String,
    /// With `feeds.full_content`.
    content: Option<String>,
}

/// The feeds of the site as output files; `stylesheet` is the address of
/// the XSLT they name, if any.
pub fn render(
    site: &Site,
    links: &LinkTargets,
    pictures: &Pictures,
    stylesheet: Option<&str>,
) -> Result<Vec<Output>> {
    let html = entry_html(site, links, pictures)?;
    site.feeds
        .par_iter()
        .flat_map_iter(|feed| {
            let channel = Channel::new(site, feed, &html);
            [
                write(&channel, &ATOM, atom(site, &channel, stylesheet)),
                write(&channel, &RSS, rss(site, &channel, stylesheet)),
            ]
        })
        .collect()
}

/// A feed document begun: its declaration and stylesheet.
fn begin(stylesheet: Option<&str>) -> std::io::Result<XmlWriter> {
    let mut xml = XmlWriter::new()?;
    if let Some(href) = stylesheet {
        xml.xslt_stylesheet(href)?;
    }
    Ok(xml)
}

fn write(channel: &Channel, format: &FeedFormat, xml: std::io::Result<Vec<u8>>) -> Result<Output> {
    let path = format!("{}{}", channel.path.trim_start_matches('/'), format.file);
    xml.map(|bytes| Output::bytes(path.clone(), bytes))
        .map_err(|e| Error::Output(msg!("output-not-made", file = path, reason = e.to_string())))
}

/// Each page of any feed once, in parallel: its summary and content with
/// absolute links, each photo as one `<img>` of its largest rendition
/// (feed readers know no `<picture>`).
fn entry_html(site: &Site, links: &LinkTargets, pictures: &Pictures) -> Result<HashMap<usize, EntryHtml>> {
    let mut wanted: Vec<usize> = site.feeds.iter().flat_map(|f| f.pages.iter().copied()).collect();
    wanted.sort_unstable();
    wanted.dedup();
    wanted
        .into_par_iter()
        .map(|index| {
            let page = &site.pages[index];
            let url = site.permalink(&page.path);
            let spacing = site.config.spacing();
            // Feeds read like the pages: the same CJK–Latin spacing.
            let absolute = |html: &str| {
                let photos = pictures.rewrite(html, &url, true);
                let html = html::for_edition(&photos, html::Edition::Print);
                postprocess::absolutize(&html, &url, links)
                    .and_then(|html| match spacing {
                        Some(_) => postprocess::process(&html, links, None, spacing),
                        None => Ok(html),
                    })
                    .map_err(|message| Error::from(Diagnostic::new(&page.source.file, message)))
            };
            let summary = absolute(&summary_html(page))?;
            let content = if site.config.feeds.full_content {
                Some(absolute(&page.rendered.html)?)
            } else {
                None
            };
            Ok((index, EntryHtml { summary, content }))
        })
        .collect()
}

/// The rendered summary, else the front-matter description as HTML.
fn summary_html(page: &Page) -> String {
    let rendered = &page.rendered.summary;
    if !rendered.trim().is_empty() {
        return rendered.clone();
    }
    let mut html = String::new();
    // Escaping into a String cannot fail.
    pulldown_cmark_escape::escape_html(&mut html, &page.source.front.description).ok();
    html
}

/// What both formats say about a feed.
struct Channel<'s> {
    /// Site path of the section (`/`, `/tips/`).
    path: &'s str,
    title: String,
    description: &'s str,
    /// Permalink of the section's HTML list.
    link: String,
    /// The newest `updated` (else `date`) of the entries.
    updated: Option<&'s DateValue>,
    /// The feed's pages in the order the model planned (newest first).
    entries: Vec<Entry<'s>>,
}

/// A page of a feed, as both formats write it.
struct Entry<'s> {
    page: &'s Page,
    html: &'s EntryHtml,
    url: String,
}

impl<'s> Channel<'s> {
    fn new(site: &'s Site, feed: &Feed, html: &'s HashMap<usize, EntryHtml>) -> Self {
        let section = &site.sections[feed.section];
        let (title, description) = if feed.section == 0 {
            (site.config.title.clone(), site.config.description.as_str())
        } else {
            let title = super::views::section_title(section);
            let description = section.source.front.description.as_str();
            (
                format!("{title} - {}", site.config.title),
                if description.is_empty() {
                    site.config.description.as_str()
                } else {
                    description
                },
            )
        };
        let entries: Vec<Entry> = feed
            .pages
            .iter()
            .map(|index| {
                let page = &site.pages[*index];
                Entry {
                    page,
                    html: &html[index],
                    url: iri_to_uri(&site.permalink(&page.path)).into_owned(),
                }
            })
            .collect();
        Channel {
            path: &section.path,
            title,
            description,
            link: iri_to_uri(&site.permalink(&section.path)).into_owned(),
            updated: entries.iter().filter_map(|e| e.page.last_change()).max(),
            entries,
        }
    }

    fn self_url(&self, site: &Site, format: &FeedFormat) -> String {
        iri_to_uri(&site.permalink(&format!("{}{}", self.path, format.file))).into_owned()
    }
}

fn terms(page: &Page) -> impl Iterator<Item = &String> {
    page.source.front.tags.iter().chain(&page.source.front.categories)
}

fn atom(site: &Site, channel: &Channel, stylesheet: Option<&str>) -> std::io::Result<Vec<u8>> {
    let mut xml = begin(stylesheet)?;
    xml.open(
        "feed",
        &[
            ("xmlns", "http://www.w3.org/2005/Atom"),
            ("xml:lang", &site.config.language),
        ],
    )?;
    xml.text("title", &[], &channel.title)?;
    if !channel.description.is_empty() {
        xml.text("subtitle", &[], channel.description)?;
    }
    let self_url = channel.self_url(site, &ATOM);
    xml.empty(
        "link",
        &[("rel", "self"), ("type", ATOM.mime), ("href", &self_url)],
    )?;
    xml.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &channel.link),
        ],
    )?;
    xml.text("id", &[], &self_url)?;
    if let Some(updated) = channel.updated {
        xml.text("updated", &[], &updated.rfc3339())?;
    }
    xml.open("author", &[])?;
    xml.text("name", &[], author(site))?;
    xml.close("author")?;
    xml.text("generator", &[], "kepu")?;
    for Entry { page, html, url } in &channel.entries {
        xml.open("entry", &[])?;
        xml.text("title", &[("type", "text")], &page.source.front.title)?;
        xml.empty(
            "link",
            &[("rel", "alternate"), ("type", "text/html"), ("href", url)],
        )?;
        xml.text("id", &[], url)?;
        // The page's own author (front matter `author`); RSS has no place
        // for a name without an e-mail address.
        if !page.source.front.author.is_empty() {
            xml.open("author", &[])?;
            xml.text("name", &[], &page.source.front.author)?;
            xml.close("author")?;
        }
        if let Some(date) = &page.source.date {
            xml.text("published", &[], &date.rfc3339())?;
        }
        if let Some(updated) = page.last_change() {
            xml.text("updated", &[], &updated.rfc3339())?;
        }
        for term in terms(page) {
            xml.empty("category", &[("term", term)])?;
        }
        xml.text("summary", &[("type", "html")], &html.summary)?;
        if let Some(content) = &html.content {
            xml.text("content", &[("type", "html")], content)?;
        }
        xml.close("entry")?;
    }
    xml.close("feed")?;
    Ok(xml.finish())
}

fn rss(site: &Site, channel: &Channel, stylesheet: Option<&str>) -> std::io::Result<Vec<u8>> {
    let mut xml = begin(stylesheet)?;
    xml.open(
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:atom", "http://www.w3.org/2005/Atom"),
            ("xmlns:content", "http://purl.org/rss/1.0/modules/content/"),
        ],
    )?;
    xml.open("channel", &[])?;
    xml.text("title", &[], &channel.title)?;
    xml.text("link", &[], &channel.link)?;
    // RSS requires a description.
    let description = if channel.description.is_empty() {
        &channel.title
    } else {
        channel.description
    };
    xml.text("description", &[], description)?;
    xml.text("language", &[], &site.config.language.to_lowercase())?;
    xml.text("generator", &[], "kepu")?;
    if let Some(updated) = channel.updated {
        xml.text("lastBuildDate", &[], &updated.rfc2822())?;
    }
    xml.empty(
        "atom:link",
        &[
            ("href", &channel.self_url(site, &RSS)),
            ("rel", "self"),
            ("type", RSS.mime),
        ],
    )?;
    for Entry { page, html, url } in &channel.entries {
        xml.open("item", &[])?;
        xml.text("title", &[], &page.source.front.title)?;
        xml.text("link", &[], url)?;
        xml.text("guid", &[("isPermaLink", "true")], url)?;
        if let Some(date) = &page.source.date {
            xml.text("pubDate", &[], &date.rfc2822())?;
        }
        for term in terms(page) {
            xml.text("category", &[], term)?;
        }
        xml.text("description", &[], &html.summary)?;
        if let Some(content) = &html.content {
            xml.text("content:encoded", &[], content)?;
        }
        xml.close("item")?;
    }
    xml.close("channel")?;
    xml.close("rss")?;
    Ok(xml.finish())
}

/// Atom requires an author; the site's, else its title.
fn author(site: &Site) -> &str {
    if site.config.author.is_empty() {
        &site.config.title
    } else {
        &site.config.author
    }
}
