//! Memoised rendering, so that a rebuild re-renders only the outputs whose
//! inputs changed. An output's inputs are its template with every template
//! it extends or includes, the variables it is rendered with (page and
//! section values count by fingerprint, so a list of 2,500 pages costs
//! 2,500 lookups), and the site data that template functions and link
//! resolution looked up while it rendered (recorded here as [`SiteRead`]s
//! and checked again on the next build). Any output rendered through
//! `Renderer::render_job` is covered, whatever it shows: new kinds
//! of output need no rule of their own.

use crate::fingerprint::{self, Fingerprint};
use crate::plan;
use crate::templates::theme;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

/// Site data a template function or link resolution looked up.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SiteRead {
    /// The page or section value of a content file (`get_page`, `get_section`).
    Entity(String),
    /// The URL of a content file (`url_for(path="@/…")`, `@/` links).
    Url(String),
    /// The site's event recaps (`figures`).
    Recaps,
    /// A taxonomy with its terms and their pages (`get_taxonomy`).
    Taxonomy(String),
    /// The permalink of a term, by taxonomy and slug, if it has a page
    /// (`get_taxonomy_url`).
    TermUrl((String, String)),
}

thread_local! {
    static READS: RefCell<Option<Vec<SiteRead>>> = const { RefCell::new(None) };
}

/// Site data that template functions and link resolution may look up.
/// Its only way in is [`Tracked::read`], which notes the lookup for the
/// output rendering on this thread: a lookup cannot go unrecorded.
pub struct Tracked<T> {
    data: T,
}

impl<T> Tracked<T> {
    pub fn new(data: T) -> Self {
        Tracked { data }
    }

    /// The data, noting that the rendering looked up `read` of it.
    pub fn read(&self, read: SiteRead) -> &T {
        record(read);
        &self.data
    }
}

/// Notes a lookup of site data for the output rendering on this thread.
fn record(read: SiteRead) {
    READS.with(|reads| {
        if let Some(reads) = reads.borrow_mut().as_mut() {
            reads.push(read);
        }
    });
}

/// Runs `render` and returns what it looked up, once each.
pub fn recording<R>(render: impl FnOnce() -> R) -> (R, Vec<SiteRead>) {
    let outer = READS.with(|reads| reads.borrow_mut().replace(Vec::new()));
    let result = render();
    let mut reads = READS
        .with(|reads| std::mem::replace(&mut *reads.borrow_mut(), outer))
        .unwrap_or_default();
    let mut seen = HashSet::new();
    reads.retain(|read| seen.insert(read.clone()));
    (result, reads)
}

/// What an output was made from: the fingerprint of its inputs and the
/// site data it looked up, with their fingerprints then.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recipe {
    pub key: Fingerprint,
    pub reads: Vec<(SiteRead, Fingerprint)>,
}

/// One output as last rendered: its recipe and (when serving) its bytes.
#[derive(Clone)]
pub struct Rendition {
    pub recipe: Recipe,
    /// `None` for a build, which keeps no bytes for a next one.
    pub bytes: Option<Arc<[u8]>>,
}

/// A build's output record (`kepu build`): what each output in the output
/// folder was made from. An output whose recipe is unchanged is not
/// rendered again: the file is taken over from the last output as it is.
#[derive(Debug, Default)]
pub struct OutputRecord {
    /// The output folder the last build's files are in.
    pub folder: PathBuf,
    /// The last build's recipes by output path, for the files in `folder`
    /// that are still the ones it wrote.
    pub last: HashMap<String, Recipe>,
    /// This build's recipes by output path, filled while it renders.
    pub made: HashMap<String, Recipe>,
}

/// The renditions of the last build by output path.
#[derive(Default)]
pub struct RenderCache {
    pub(super) entries: HashMap<String, Rendition>,
}

impl RenderCache {
    /// Forgets the outputs a whole build no longer makes.
    pub(super) fn keep_only(&mut self, plan: &plan::Plan) {
        let made: HashSet<&str> = plan.paths().collect();
        self.entries.retain(|path, _| made.contains(path.as_str()));
    }
}

/// Tera's own functions, which read no site data.
const TERA_FUNCTIONS: &[&str] = &["range", "throw", "super"];

/// Each template's fingerprint covering every template it depends on, and
/// whether any of them calls a function whose reads are not tracked.
pub struct TemplateInputs {
    by_name: HashMap<String, (Fingerprint, bool)>,
}

impl TemplateInputs {
    /// `tracked`: kepu's functions, each of which reads site data only
    /// through [`Tracked`] (or none); a template calling any other function
    /// is assumed to read the whole site.
    pub fn new(templates: &[theme::TemplateSource], tracked: &[&str]) -> Self {
        let names: HashSet<&str> = templates.iter().map(|t| t.name.as_str()).collect();
        let sources: HashMap<&str, &str> = templates
            .iter()
            .map(|t| (t.name.as_str(), t.source.as_str()))
            .collect();
        // Components are global in Tera 2: a template defining any is
        // a dependency of every template.
        let global: Vec<&str> = templates
            .iter()
            .filter(|t| t.source.contains("{% component") || t.source.contains("{%- component"))
            .map(|t| t.name.as_str())
            .collect();
        let by_name = templates
            .iter()
            .map(|t| {
                let closure = dependency_closure(&t.name, &sources, &names, &global);
                let fp = fingerprint::of_strs(closure.iter().flat_map(|n| [*n, sources[n]]));
                let untracked = closure
                    .iter()
                    .any(|n| calls_untracked_function(sources[n], tracked));
                (t.name.clone(), (fp, untracked))
            })
            .collect();
        TemplateInputs { by_name }
    }

    /// The fingerprint of `template` and its dependencies, and whether it
    /// needs the whole site's fingerprint too.
    pub fn of(&self, template: &str) -> (Fingerprint, bool) {
        self.by_name.get(template).copied().unwrap_or((0, true))
    }
}

/// `name` and every template it names, directly or indirectly, sorted.
fn dependency_closure<'a>(
    name: &'a str,
    sources: &HashMap<&'a str, &'a str>,
    names: &HashSet<&'a str>,
    global: &[&'a str],
) -> Vec<&'a str> {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut todo = vec![name];
    todo.extend(global);
    while let Some(next) = todo.pop() {
        if !seen.insert(next) {
            continue;
        }
        if let Some(source) = sources.get(next) {
            todo.extend(string_literals(source).filter_map(|s| names.get(s).copied()));
        }
    }
    let mut closure: Vec<&str> = seen.into_iter().collect();
    closure.sort_unstable();
    closure
}

/// Every quoted string in a template source: template names in `extends`,
/// `include` and `import` are among them (over-approximating is safe).
fn string_literals(source: &str) -> impl Iterator<Item = &str> {
    let mut rest = source;
    std::iter::from_fn(move || {
        loop {
            let start = rest.find(['"', '\'', '`'])?;
            let quote = rest[start..].chars().next()?;
            let after = &rest[start + 1..];
            let Some(len) = after.find(quote) else {
                rest = "";
                return None;
            };
            rest = &after[len + 1..];
            if len > 0 {
                return Some(&after[..len]);
            }
        }
    })
}

/// True when a template calls a function (not a filter, test or component
/// definition) that kepu does not track.
fn calls_untracked_function(source: &str, tracked: &[&str]) -> bool {
    let is_tracked = |name: &str| tracked.contains(&name) || TERA_FUNCTIONS.contains(&name);
    tag_bodies(source).any(|tag| function_calls(tag).any(|name| !is_tracked(name)))
}

/// The insides of `{{ … }}` and `{% … %}` tags.
fn tag_bodies(source: &str) -> impl Iterator<Item = &str> {
    let mut rest = source;
    std::iter::from_fn(move || {
        let start = rest.find("{{").into_iter().chain(rest.find("{%")).min()?;
        let close = if rest[start..].starts_with("{{") {
            "}}"
        } else {
            "%}"
        };
        let body_start = start + 2;
        let end = rest[body_start..]
            .find(close)
            .map_or(rest.len(), |e| body_start + e);
        let body = &rest[body_start..end];
        rest = &rest[(end + 2).min(rest.len())..];
        Some(body)
    })
}

/// Names directly followed by `(` that are called as functions: not after
/// `|` (a filter), `is`/`not` (a test), `component` (a definition) or `.`.
fn function_calls(tag: &str) -> impl Iterator<Item = &str> {
    let bytes = tag.as_bytes();
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    (0..bytes.len()).filter_map(move |open| {
        if bytes[open] != b'(' {
            return None;
        }
        let start = (0..open).rev().take_while(|&i| is_name(bytes[i])).last()?;
        let name = &tag[start..open];
        let before = tag[..start].trim_end();
        let word_before = before
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .next();
        let is_call = !name.starts_with(|c: char| c.is_ascii_digit())
            && !before.ends_with('|')
            && !before.ends_with('.')
            && !matches!(word_before, Some("is" | "not" | "component" | "endcomponent"))
            && !matches!(name, "if" | "elif" | "and" | "or" | "not" | "in" | "for" | "set");
        is_call.then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::theme::TemplateSource;

    /// kepu's functions, as `functions::Functions` registers them.
    const TRACKED: &[&str] = &[
        "qr_code",
        "get_page",
        "get_section",
        "get_taxonomy",
        "get_taxonomy_url",
        "figures",
        "url_for",
    ];

    fn template(name: &str, source: &str) -> TemplateSource {
        TemplateSource {
            name: name.into(),
            source: source.into(),
            file: name.into(),
        }
    }

    #[test]
    fn a_template_depends_on_what_it_extends_and_includes() {
        let templates = [
            template(
                "base.html",
                "<body>{% block content %}{% endblock content %}</body>",
            ),
            template(
                "page.html",
                "{% extends \"base.html\" %}{% include 'partials/meta.html' %}",
            ),
            template("partials/meta.html", "{{ page.date | date(format=\"%Y\") }}"),
            template("section.html", "{% extends \"base.html\" %}"),
        ];
        let before = TemplateInputs::new(&templates, TRACKED);
        let mut edited = templates.clone();
        edited[2].source.push('!');
        let after = TemplateInputs::new(&edited, TRACKED);
        assert_ne!(before.of("page.html"), after.of("page.html"));
        assert_ne!(before.of("partials/meta.html"), after.of("partials/meta.html"));
        assert_eq!(before.of("section.html"), after.of("section.html"));
        assert_eq!(before.of("base.html"), after.of("base.html"));
    }

    #[test]
    fn components_are_everyones_dependency() {
        let templates = [
            template(
                "components.html",
                "{% component kdate(value) %}{{ value }}{% endcomponent kdate %}",
            ),
            template("page.html", "{{ <kdate value={page.date}/> }}"),
        ];
        let mut edited = templates.clone();
        edited[0].source.push(' ');
        assert_ne!(
            TemplateInputs::new(&templates, TRACKED).of("page.html"),
            TemplateInputs::new(&edited, TRACKED).of("page.html")
        );
    }

    #[test]
    fn only_untracked_function_calls_need_the_whole_site() {
        assert!(!calls_untracked_function(
            r#"{{ url_for(path="/") }}{% if x is starting_with(pat="a") %}{{ d | date(format="%Y") }}{% endif %}"#,
            TRACKED,
        ));
        assert!(!calls_untracked_function(
            "{% component kdate(value) %}{{ super() }}{% for i in range(end=3) %}{% endfor %}{% endcomponent kdate %}",
            TRACKED,
        ));
        assert!(!calls_untracked_function(
            "{% if not (a and b) %}(text){% endif %}",
            TRACKED,
        ));
        assert!(!calls_untracked_function(
            r#"{{ qr_code(url=page.permalink) }}{{ figures(period="2024") }}{{ get_taxonomy(kind="tags") }}"#,
            TRACKED,
        ));
        assert!(calls_untracked_function(
            r#"{{ load_data(path="x.json") }}"#,
            TRACKED,
        ));
    }

    #[test]
    fn recording_collects_each_read_once() {
        let ((), reads) = recording(|| {
            let site = Tracked::new(());
            site.read(SiteRead::Entity("a.md".into()));
            site.read(SiteRead::Entity("a.md".into()));
            site.read(SiteRead::Url("b.md".into()));
        });
        assert_eq!(
            reads,
            [SiteRead::Entity("a.md".into()), SiteRead::Url("b.md".into())]
        );
        Tracked::new(()).read(SiteRead::Entity("outside.md".into()));
    }
}
