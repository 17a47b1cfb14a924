//! Taxonomies: the terms pages name in `tags` and `categories`, each with its
//! URL and its pages newest first.

use super::Page;
use crate::config::Config;
use crate::error::Diagnostic;
use crate::messages::msg;
use crate::slug::{self, Slugify};
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Taxonomy {
    /// `tags` or `categories`.
    pub name: String,
    /// `/tags/`
    pub path: String,
    /// Most used first, then by name.
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone)]
pub struct Term {
    /// As written by the newest page naming it.
    pub name: String,
    /// URL segment, made as the site's `slugify` says (`健康` → `jian-kang`
    /// or `健康`); terms with one slug (`AI`, `ai`) are one term.
    pub slug: String,
    /// `/tags/健康/`
    pub path: String,
    /// Indexes into `Site::pages`, newest first.
    pub pages: Vec<usize>,
    /// Old paths that redirect to the term's page (`term_aliases` in
    /// `kepu.yaml`).
    pub aliases: Vec<String>,
}

/// The terms `page` names in taxonomy `name`.
pub fn terms_of<'p>(page: &'p Page, name: &str) -> &'p [String] {
    match name {
        "tags" => &page.source.front.tags,
        "categories" => &page.source.front.categories,
        _ => &[],
    }
}

/// The URL segment of a term. The content stage made sure every term has a
/// letter or digit; one that pinyin cannot spell (`ß`) keeps its letters.
pub fn term_slug(term: &str, slugify: Slugify) -> String {
    let slug = slug::url_segment(term, slugify);
    if slug.is_empty() {
        slug::url_segment(term, Slugify::Unicode)
    } else {
        slug
    }
}

/// The site path of a term's page: `/tags/jian-kang/`.
pub fn term_path(taxonomy: &str, slug: &str) -> String {
    format!("/{taxonomy}/{slug}/")
}

/// Taxonomy `name` of `pages`; visiting pages `newest_first` lists each
/// term's pages newest first without sorting every term.
pub fn build(name: &str, pages: &[Page], newest_first: &[usize], slugify: Slugify) -> Taxonomy {
    let mut terms: Vec<Term> = Vec::new();
    let mut by_slug: HashMap<String, usize> = HashMap::new();
    for &index in newest_first {
        for term_name in terms_of(&pages[index], name) {
            let slug = term_slug(term_name, slugify);
            let term = *by_slug.entry(slug).or_insert_with_key(|slug| {
                terms.push(Term {
                    name: term_name.trim().to_string(),
                    slug: slug.clone(),
                    path: term_path(name, slug),
                    pages: Vec::new(),
                    aliases: Vec::new(),
                });
                terms.len() - 1
            });
            // A page naming a term twice (`[AI, ai]`) is listed once.
            if terms[term].pages.last() != Some(&index) {
                terms[term].pages.push(index);
            }
        }
    }
    terms.sort_by(|a, b| {
        b.pages
            .len()
            .cmp(&a.pages.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    Taxonomy {
        name: name.to_string(),
        path: format!("/{name}/"),
        terms,
    }
}

/// Gives each term its `term_aliases` from `kepu.yaml`, found by slug (so
/// `AI` names the term pages write `ai`). A term no page names has no page
/// to redirect to: a warning, since an old link there breaks.
pub fn attach_aliases(taxonomies: &mut [Taxonomy], config: &Config) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for taxonomy in taxonomies {
        let Some(configured) = config.term_aliases.get(&taxonomy.name) else {
            continue;
        };
        for (name, aliases) in configured {
            let slug = term_slug(name, config.slugify);
            match taxonomy.terms.iter_mut().find(|t| t.slug == slug) {
                Some(term) => term.aliases.extend(aliases.iter().cloned()),
                None => warnings.push(
                    config
                        .error_at(
                            "term_aliases",
                            msg!(
                                "term-alias-unused",
                                term = name.as_str(),
                                taxonomy = taxonomy.name.as_str(),
                                aliases = aliases.join(", ")
                            ),
                        )
                        .hint(msg!("term-alias-unused-hint")),
                ),
            }
        }
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tests::page;

    #[test]
    fn terms_list_their_pages_newest_first_and_merge_case() {
        let pages = vec![
            page("a.md", "2024-01-01", &["健康", "AI"]),
            page("b.md", "2024-03-01", &["健康"]),
            page("c.md", "2024-02-01", &["ai", "AI", "安全"]),
        ];
        let tags = build("tags", &pages, &[1, 2, 0], Slugify::Unicode);
        assert_eq!(tags.path, "/tags/");
        let names: Vec<&str> = tags.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["ai", "健康", "安全"], "most used first, then by name");
        assert_eq!(tags.terms[0].path, "/tags/ai/");
        assert_eq!(tags.terms[0].pages, [2, 0]);
        assert_eq!(tags.terms[1].pages, [1, 0]);
        assert_eq!(tags.terms[1].path, "/tags/健康/");
    }

    #[test]
    fn slugs_follow_the_site_setting() {
        assert_eq!(term_slug("健康 生活", Slugify::Unicode), "健康-生活");
        assert_eq!(term_slug("3D打印", Slugify::Unicode), "3d打印");
        assert_eq!(term_slug("3D打印", Slugify::Pinyin), "3d-da-yin");
        assert_eq!(term_slug("Q&A", Slugify::Pinyin), "q-a");
        assert_eq!(term_slug("Größe", Slugify::Pinyin), "grosse");
    }
}
