//! Redirect pages: each page's `aliases` and the first pager of a list
//! with several (`/tips/page/1/` → `/tips/`). A redirect is a meta refresh
//! plus a canonical link and a visible link, rendered by the theme's
//! `alias.html` if it has one, else by the built-in template below.

use super::{Keep, RenderOptions, Renderer};
use crate::error::Result;
use crate::model::pagination::first_pager_redirect;
use rayon::prelude::*;
use std::path::Path;
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
struct Redirect<'s> {
    from: String,
    to: &'s str,
    source: &'s Path,
}

impl Renderer<'_> {
    pub(super) fn alias_outputs<T: Send>(&self, options: &RenderOptions, keep: &Keep<T>) -> Vec<Result<T>> {
        let site = self.site;
        let config_file = site.config.root.join(crate::config::CONFIG_FILE);
        let mut redirects: Vec<Redirect> = Vec::new();
        for page in &site.pages {
            redirects.extend(page.source.aliases.iter().map(|alias| Redirect {
                from: alias.clone(),
                to: &page.path,
                source: &page.source.file,
            }));
        }
        for (index, section) in site.sections.iter().enumerate() {
            if site.section_pagers(index).len() > 1 {
                redirects.push(Redirect {
                    from: first_pager_redirect(&section.path),
                    to: &section.path,
                    source: &section.source.file,
                });
            }
        }
        for term in site.taxonomies.iter().flat_map(|t| &t.terms) {
            if site.term_pagers(term).len() > 1 {
                redirects.push(Redirect {
                    from: first_pager_redirect(&term.path),
                    to: &term.path,
                    source: &config_file,
                });
            }
        }
        redirects
            .par_iter()
            .map(|redirect| {
                let vars = vec![("target", Value::from(site.permalink(redirect.to)))];
                self.render_page(TEMPLATE, &redirect.from, vars, redirect.source, options)
                    .and_then(keep)
            })
            .collect()
    }
}
