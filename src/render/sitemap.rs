//! `sitemap.xml` (every section, page, series, calendar, taxonomy and term
//! page, with the date of its newest change) and `robots.txt` pointing at it.

use super::xml::XmlWriter;
use crate::dates::DateValue;
use crate::model::Site;
use crate::plan::SITEMAP;
use crate::urls::iri_to_uri;

/// Which of a section's listing pages the theme renders.
#[derive(Debug, Clone, Copy)]
pub struct Listings {
    pub series: bool,
    pub calendars: bool,
}

/// The sitemap: sections (with their series and calendar pages) first, then
/// pages newest first, then taxonomies. Later pagers, redirects, the 404,
/// search and screen pages and the print and WeChat editions (whose
/// canonical URL is the page's) are not listed.
pub fn sitemap(site: &Site, listings: Listings) -> std::io::Result<Vec<u8>> {
    let mut xml = XmlWriter::new()?;
    xml.open(
        "urlset",
        &[("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9")],
    )?;
    let newest_of = |pages: &[usize]| pages.iter().filter_map(|i| site.pages[*i].last_change()).max();
    let sections = newest_in_sections(site);
    for (section, lastmod) in site.sections.iter().zip(sections) {
        url(&mut xml, site, &section.path, lastmod)?;
        for series in section.series.iter().filter(|_| listings.series) {
            url(&mut xml, site, &series.path, newest_of(&series.pages))?;
        }
        if let Some(calendar) = section.calendar_path.as_deref().filter(|_| listings.calendars) {
            url(&mut xml, site, calendar, newest_of(&section.pages))?;
        }
    }
    for index in &site.newest_first {
        let page = &site.pages[*index];
        url(&mut xml, site, &page.path, page.last_change())?;
    }
    for taxonomy in &site.taxonomies {
        let newest = taxonomy.terms.iter().filter_map(|t| newest_of(&t.pages)).max();
        url(&mut xml, site, &taxonomy.path, newest)?;
        for term in &taxonomy.terms {
            url(&mut xml, site, &term.path, newest_of(&term.pages))?;
        }
    }
    xml.close("urlset")?;
    Ok(xml.finish())
}

fn url(xml: &mut XmlWriter, site: &Site, path: &str, lastmod: Option<&DateValue>) -> std::io::Result<()> {
    xml.open("url", &[])?;
    xml.text("loc", &[], &iri_to_uri(&site.permalink(path)))?;
    if let Some(lastmod) = lastmod {
        xml.text("lastmod", &[], &lastmod.text())?;
    }
    xml.close("url")
}

/// Per section, the newest change among the pages of it and its subsections.
fn newest_in_sections(site: &Site) -> Vec<Option<&DateValue>> {
    let mut newest: Vec<Option<&DateValue>> = vec![None; site.sections.len()];
    for page in &site.pages {
        let Some(changed) = page.last_change() else {
            continue;
        };
        let mut section = Some(page.section);
        while let Some(s) = section {
            if newest[s].is_none_or(|n| changed > n) {
                newest[s] = Some(changed);
            }
            section = site.sections[s].parent;
        }
    }
    newest
}

/// Lets every crawler in and names the sitemap when there is one. (Crawlers
/// read robots.txt only at a domain's root: a site under a sub-path should
/// have its host serve this file there.)
pub fn robots(site: &Site) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if site.config.outputs.sitemap {
        text.push_str(&format!("\nSitemap: {}\n", iri_to_uri(&site.permalink(SITEMAP))));
    }
    text
}
