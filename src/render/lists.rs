//! List pages: every section's pagers (`/tips/`, `/tips/page/2/`, …) and
//! each taxonomy's term list (`/tags/`) and paginated term pages
//! (`/tags/健康/`). A pager gets its slice of the list's shared page values.

use super::views::paginator_value;
use super::{RenderOptions, Renderer};
use crate::config;
use crate::error::Result;
use crate::files::Output;
use crate::model::Site;
use crate::model::pagination::Pager;
use crate::plan::{TAXONOMY_LIST, TAXONOMY_TERM};
use tera::Value;

/// Every list's pagers, worked out once per render.
pub(super) struct Pagers {
    /// By section.
    pub sections: Vec<Vec<Pager>>,
    /// By taxonomy, then term.
    pub terms: Vec<Vec<Vec<Pager>>>,
}

impl Pagers {
    pub fn of(site: &Site) -> Self {
        Pagers {
            sections: (0..site.sections.len()).map(|i| site.section_pagers(i)).collect(),
            terms: site
                .taxonomies
                .iter()
                .map(|t| t.terms.iter().map(|term| site.term_pagers(term)).collect())
                .collect(),
        }
    }
}

impl Renderer<'_> {
    /// Pager `pager` of section `index`'s list.
    pub(super) fn section_pager(
        &self,
        index: usize,
        pager: usize,
        options: &RenderOptions,
    ) -> Result<Output> {
        let section = &self.site.sections[index];
        let default = if section.parent.is_none() {
            "index.html"
        } else {
            "section.html"
        };
        let template = section.source.front.template.as_deref().unwrap_or(default);
        let all = &self.pagers.sections[index];
        let mut vars = vec![
            ("feeds", self.values.section_feeds[index].clone()),
            ("section", self.values.sections[index].clone()),
        ];
        let list = &self.values.section_pages[index];
        vars.extend(self.paginator(all, &all[pager], list, section.paginate_by));
        self.render_page(template, &all[pager].path, vars, &section.source.file, options)
    }

    /// The term list of taxonomy `index` (`/tags/`).
    pub(super) fn taxonomy_list(&self, index: usize, options: &RenderOptions) -> Result<Output> {
        let site = self.site;
        let config_file = site.config.root.join(config::CONFIG_FILE);
        let vars = vec![("taxonomy", self.values.taxonomies[index].taxonomy.clone())];
        self.render_page(
            TAXONOMY_LIST,
            &site.taxonomies[index].path,
            vars,
            &config_file,
            options,
        )
    }

    /// Pager `pager` of the page list of a term of taxonomy `taxonomy`.
    pub(super) fn term_pager(
        &self,
        taxonomy: usize,
        term: usize,
        pager: usize,
        options: &RenderOptions,
    ) -> Result<Output> {
        let site = self.site;
        let config_file = site.config.root.join(config::CONFIG_FILE);
        let values = &self.values.taxonomies[taxonomy];
        let pagers = &self.pagers.terms[taxonomy][term];
        let mut vars = vec![
            ("taxonomy", values.taxonomy.clone()),
            ("term", values.terms[term].clone()),
        ];
        let list = &values.term_pages[term];
        vars.extend(self.paginator(pagers, &pagers[pager], list, site.config.paginate_by));
        self.render_page(TAXONOMY_TERM, &pagers[pager].path, vars, &config_file, options)
    }

    fn paginator(
        &self,
        pagers: &[Pager],
        current: &Pager,
        list: &Value,
        per_page: usize,
    ) -> Option<(&'static str, Value)> {
        (per_page > 0).then(|| {
            (
                "paginator",
                paginator_value(self.site, pagers, current, list, per_page),
            )
        })
    }
}
