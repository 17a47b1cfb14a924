//! List pages: every section's pagers (`/tips/`, `/tips/page/2/`, …) and
//! each taxonomy's term list (`/tags/`) and paginated term pages
//! (`/tags/健康/`). A pager gets its slice of the list's shared page values.

use super::views::paginator_value;
use super::{Keep, RenderOptions, Renderer};
use crate::error::Result;
use crate::model::pagination::Pager;
use rayon::prelude::*;
use tera::Value;

pub const TAXONOMY_LIST: &str = "taxonomy_list.html";
pub const TAXONOMY_TERM: &str = "taxonomy_term.html";
pub const TAXONOMY_TEMPLATES: [&str; 2] = [TAXONOMY_LIST, TAXONOMY_TERM];

impl Renderer<'_> {
    pub(super) fn section_outputs<T: Send>(&self, options: &RenderOptions, keep: &Keep<T>) -> Vec<Result<T>> {
        let site = self.site;
        let pagers: Vec<Vec<Pager>> = (0..site.sections.len()).map(|i| site.section_pagers(i)).collect();
        pagers
            .par_iter()
            .enumerate()
            .flat_map_iter(|(index, all)| {
                let section = &site.sections[index];
                let default = if section.parent.is_none() {
                    "index.html"
                } else {
                    "section.html"
                };
                let template = section.source.front.template.as_deref().unwrap_or(default);
                all.iter().map(move |pager| {
                    let mut vars = vec![
                        ("feeds", self.values.section_feeds[index].clone()),
                        ("section", self.values.sections[index].clone()),
                    ];
                    let list = &self.values.section_pages[index];
                    vars.extend(self.paginator(all, pager, list, section.paginate_by));
                    self.render_page(template, &pager.path, vars, &section.source.file, options)
                        .and_then(keep)
                })
            })
            .collect()
    }

    pub(super) fn taxonomy_outputs<T: Send>(
        &self,
        options: &RenderOptions,
        keep: &Keep<T>,
    ) -> Vec<Result<T>> {
        let site = self.site;
        let config_file = site.config.root.join(crate::config::CONFIG_FILE);
        let mut outputs = Vec::new();
        for (taxonomy, values) in site.taxonomies.iter().zip(&self.values.taxonomies) {
            let vars = vec![("taxonomy", values.taxonomy.clone())];
            outputs.push(
                self.render_page(TAXONOMY_LIST, &taxonomy.path, vars, &config_file, options)
                    .and_then(keep),
            );
            let term_pages: Vec<Result<T>> = taxonomy
                .terms
                .par_iter()
                .zip(values.terms.par_iter().zip(&values.term_pages))
                .flat_map_iter(|(term, (term_value, list))| {
                    let pagers = site.term_pagers(term);
                    (0..pagers.len())
                        .map(|i| {
                            let mut vars = vec![
                                ("taxonomy", values.taxonomy.clone()),
                                ("term", term_value.clone()),
                            ];
                            vars.extend(self.paginator(&pagers, &pagers[i], list, site.config.paginate_by));
                            self.render_page(TAXONOMY_TERM, &pagers[i].path, vars, &config_file, options)
                                .and_then(keep)
                        })
                        .collect::<Vec<_>>()
                })
                .collect();
            outputs.extend(term_pages);
        }
        outputs
    }

    /// `paginator`, for lists that are paginated at all.
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
