//! Redirect pages: each page's and section's `aliases`, each term's
//! `term_aliases`, each taxonomy list's `taxonomy_aliases`, and the first
//! pager of a list
//! with several (`/tips/page/1/` → `/tips/`). A redirect is a meta refresh
//! plus a canonical link and a visible link, rendered by the theme's
//! `alias.html` if it has one, else by the built-in template below.

use super::{RenderOptions, Renderer};
use crate::error::Result;
use crate::files::Output;
use crate::plan::{AliasOf, Entry};
use tera::Value;

pub const TEMPLATE: &str = "alias.html";

/// Gets `target` (the absolute URL to go to) and the common variables.
pub const BUILT_IN: &str = r#"<!doctype html>
<html lang="{{ config.language }}">
<head>
<meta charset="utf-8">
<title>页面已移动 - {{ config.title }}</title>
<link rel="canonical" href="{{ target }}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={{ target }}">
</head>
<body>
<p>本页已移动到 <a href="{{ target }}">{{ target }}</a>。</p>
</body>
</html>
"#;

/// A redirect from site path `from` to site path `to`, on behalf of `source`.
impl Renderer<'_> {
    /// A redirect page from `entry`'s site path to `target` (a site path).
    pub(super) fn redirect(&self, entry: &Entry, target: &str, options: &RenderOptions) -> Result<Output> {
        let from = entry.url.as_deref().unwrap_or(&entry.path);
        let vars = vec![("target", Value::from(self.site.permalink(target)))];
        self.render_page(TEMPLATE, from, vars, &entry.source, options)
    }

    /// The site path an alias leads to.
    pub(super) fn alias_target(&self, to: AliasOf) -> &str {
        let site = self.site;
        match to {
            AliasOf::Page(i) => &site.pages[i].path,
            AliasOf::Section(i) => &site.sections[i].path,
            AliasOf::Term { taxonomy, term } => &site.taxonomies[taxonomy].terms[term].path,
            AliasOf::Taxonomy(taxonomy) => &site.taxonomies[taxonomy].path,
        }
    }
}
