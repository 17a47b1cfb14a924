//! Template functions and filters kepu adds to Tera: `get_page`,
//! `get_section`, `get_taxonomy`, `get_taxonomy_url`, `url_for`, `figures`,
//! `public_url`, and (from `crate::templates`) `qr_code`, `figure` and
//! `date`. Functions reach site data only through
//! [`Tracked`], which notes every lookup, so that a rebuild re-renders the
//! outputs that showed the data when it changes; they are registered
//! through [`Functions`], whose list of names tells memoised rendering which
//! calls are tracked (a template calling any other function is re-rendered
//! on every change).

use super::links::LinkTargets;
use super::memo::{SiteRead, Tracked};
use super::views::SiteValues;
use crate::config;
use crate::messages::msg;
use crate::model::Site;
use crate::model::figures::{self, GroupBy, Query, QueryError, Recaps, Totals};
use crate::model::taxonomy;
use crate::postprocess::LinkResolver;
use crate::templates;
use std::collections::HashMap;
use std::sync::Arc;
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// Registers kepu's template functions, noting each name: the functions
/// registered here are the ones whose site lookups are tracked.
pub struct Functions<'t> {
    tera: &'t mut Tera,
    names: Vec<&'static str>,
}

impl<'t> Functions<'t> {
    pub fn new(tera: &'t mut Tera) -> Self {
        Functions {
            tera,
            names: templates::FUNCTIONS.to_vec(),
        }
    }

    fn register_function<F: tera::Function<R> + 'static, R: tera::FunctionResult + 'static>(
        &mut self,
        name: &'static str,
        function: F,
    ) {
        self.names.push(name);
        self.tera.register_function(name, function);
    }

    /// The names of the functions registered, Tera's filters' functions included.
    pub fn into_names(self) -> Vec<&'static str> {
        self.names
    }
}

/// Registers the functions that look up site data, bound to this build's
/// `values` and `links`.
pub fn register(functions: &mut Functions, site: &Site, values: &SiteValues, links: &Arc<LinkTargets>) {
    let by_source = Arc::new(Tracked::new(Arc::clone(&values.by_source)));
    let pages = Arc::clone(&by_source);
    functions.register_function("get_page", move |kwargs: Kwargs, _: &State| {
        lookup(&pages, &kwargs, "get_page", |p| !p.ends_with("_index.md"))
    });
    let sections = by_source;
    functions.register_function("get_section", move |kwargs: Kwargs, _: &State| {
        lookup(&sections, &kwargs, "get_section", |p| p.ends_with("_index.md"))
    });
    register_taxonomies(functions, site, values);
    let base_url = site.config.base_url.clone();
    let links = Arc::clone(links);
    let recaps = Tracked::new(Arc::clone(&values.recaps));
    functions.register_function("figures", move |kwargs: Kwargs, _: &State| {
        figures(recaps.read(SiteRead::Recaps), &kwargs)
    });
    functions.register_function(
        "url_for",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let Some(rel) = path.strip_prefix("@/") else {
                return Ok(format!("{base_url}{}", path.trim_start_matches('/')));
            };
            let (file, anchor) = rel.split_once('#').map_or((rel, None), |(f, a)| (f, Some(a)));
            let url = links
                .url_of(file)
                .ok_or_else(|| tera::Error::message(msg!("template-url-for-missing", file = file)))?;
            Ok(anchor.map_or_else(|| url.to_string(), |a| format!("{url}#{a}")))
        },
    );
    // What leaves the browser (a QR code, a printed address) names the
    // public address, also while `kepu serve` previews at a local one.
    let public_base_url = site.config.public_base_url.clone();
    functions.register_function(
        "public_url",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            Ok(format!("{public_base_url}{}", path.trim_start_matches('/')))
        },
    );
}

/// `figures(period="2024-H1", group_by="series", series=…, category=…,
/// page=…)`: the totals of the recaps selected (every recap without a
/// `period`), or with `group_by` a list of groups with their totals.
fn figures(recaps: &Recaps, kwargs: &Kwargs) -> TeraResult<Value> {
    let text = |key: &str| -> TeraResult<Option<String>> {
        Ok(kwargs.get::<Value>(key)?.map(|v| match v.as_str() {
            Some(text) => text.to_string(),
            // `period=2024`
            None => v.to_string(),
        }))
    };
    let fail =
        |e: QueryError| tera::Error::message(msg!("figures-in-template", message = e.message, hint = e.hint));
    let period = match text("period")? {
        Some(period) => figures::period_arg(&period).map_err(fail)?,
        None => None,
    };
    let query = Query::new(period, text("series")?, text("category")?, text("page")?);
    let selected = recaps.select(&query).map_err(fail)?;
    Ok(match text("group_by")? {
        Some(by) => {
            let by = GroupBy::parse(&by).map_err(fail)?;
            Value::from_serializable(&figures::group(&selected, by, query.period.as_ref()))
        }
        None => Value::from_serializable(&Totals::of(selected)),
    })
}

/// `get_taxonomy(kind="tags")` → the taxonomy with its terms and their
/// pages; `get_taxonomy_url(kind="tags", name="健康")` → the term's
/// permalink, or nothing when this build writes no page for it (the site
/// does not use the taxonomy, or no page names the term), so themes can
/// fall back to plain text.
fn register_taxonomies(functions: &mut Functions, site: &Site, values: &SiteValues) {
    let taxonomies: Tracked<HashMap<String, Value>> = Tracked::new(
        site.taxonomies
            .iter()
            .zip(&values.taxonomies)
            .map(|(t, v)| (t.name.clone(), v.taxonomy.clone()))
            .collect(),
    );
    functions.register_function("get_taxonomy", move |kwargs: Kwargs, _: &State| {
        let kind: &str = kwargs.must_get("kind")?;
        check_kind(kind)?;
        let taxonomies = taxonomies.read(SiteRead::Taxonomy(kind.to_string()));
        taxonomies
            .get(kind)
            .cloned()
            .ok_or_else(|| tera::Error::message(msg!("template-taxonomy-not-written", kind = kind)))
    });
    let term_urls = Tracked::new(Arc::clone(&values.term_urls));
    let slugify = site.config.slugify;
    functions.register_function("get_taxonomy_url", move |kwargs: Kwargs, _: &State| {
        let kind: &str = kwargs.must_get("kind")?;
        let name: &str = kwargs.must_get("name")?;
        check_kind(kind)?;
        let key = (kind.to_string(), taxonomy::term_slug(name, slugify));
        let url = term_urls.read(SiteRead::TermUrl(key.clone())).get(&key);
        Ok(url.map_or_else(Value::none, |url| Value::from(url.as_str())))
    });
}

/// A taxonomy kind that cannot exist is a typo in the template.
fn check_kind(kind: &str) -> TeraResult<()> {
    if config::TAXONOMY_KINDS.contains(&kind) {
        Ok(())
    } else {
        Err(tera::Error::message(msg!(
            "template-taxonomy-unknown",
            kind = kind,
            kinds = config::TAXONOMY_KINDS.join(", ")
        )))
    }
}

fn lookup(
    values: &Tracked<Arc<HashMap<String, Value>>>,
    kwargs: &Kwargs,
    name: &str,
    kind: fn(&str) -> bool,
) -> TeraResult<Value> {
    let path: &str = kwargs.must_get("path")?;
    let path = path.trim_start_matches("@/");
    match values.read(SiteRead::Entity(path.to_string())).get(path) {
        Some(value) if kind(path) => Ok(value.clone()),
        _ => Err(tera::Error::message(msg!(
            "template-nothing-at",
            function = name,
            path = path
        ))),
    }
}
