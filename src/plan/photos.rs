//! Which originals the site publishes as photo renditions instead of as
//! they are: every raster image under `content/`, and the raster images of
//! `static/` (site or theme) that a page's Markdown or `cover:` names —
//! the theme's icons and other static images stay as they are.

use crate::files::CopiedFile;
use crate::images::{self, Original};
use crate::model::Site;
use crate::templates::theme::Theme;
use crate::urls;
use std::collections::HashSet;

/// The originals of `site` with `theme` to publish as renditions.
pub fn originals(site: &Site, theme: &Theme) -> Vec<Original> {
    let base = &site.config.base_url;
    let in_site = |url: &str| images::html::site_path(base, url);
    let mut used = HashSet::new();
    let bodies = site
        .pages
        .iter()
        .map(|p| (&p.path, &p.rendered))
        .chain(site.sections.iter().map(|s| (&s.path, &s.rendered)));
    for (path, rendered) in bodies {
        let page_url = site.permalink(path);
        let named = rendered.images.iter().map(|i| urls::resolve(&page_url, &i.src));
        used.extend(named.filter_map(|url| in_site(&url)));
    }
    let covers: HashSet<String> = site
        .pages
        .iter()
        .filter_map(|page| in_site(&site.cover_url(page)?))
        .collect();
    let original = |file: &CopiedFile| Original {
        dest: file.dest.clone(),
        file: file.file.clone(),
        cover: covers.contains(&file.dest),
    };
    let content = site.assets.iter().filter(|a| images::is_raster(&a.dest));
    let named = theme
        .static_files
        .iter()
        .filter(|f| images::is_raster(&f.dest) && (used.contains(&f.dest) || covers.contains(&f.dest)));
    content.chain(named).map(original).collect()
}
