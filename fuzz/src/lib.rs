//! The fuzz targets' bodies, each a function that panics when kepu breaks
//! a promise on its input, and a small site built entirely in memory so
//! that one input runs through the same stages as `kepu build` (front
//! matter, site model, Markdown, link checks, Tera, post-processing)
//! without touching the disk. The main crate's tests include this file to
//! replay the crash reproducers in `tests/fixtures/fuzz-regressions/`.

use kepu::config::{Config, Overrides};
use kepu::postprocess::{LinkTargets, process};
use kepu::render::theme::{TemplateSource, Theme};
use kepu::source::{Content, Parsed, parse_source};
use std::path::Path;
use std::sync::OnceLock;

/// Front matter: any text, as a page and as a section, through the fence
/// split and the typed YAML parse (dates and event data validated). It may
/// be rejected, but only with diagnostics that point into the file.
pub fn front_matter(text: &str) {
    let lines = text.lines().count().max(1);
    for rel_path in ["tips/fuzz.md", "tips/_index.md"] {
        if let Err(problems) = parse_source(rel_path, Path::new(rel_path), text) {
            assert!(!problems.is_empty(), "a rejection says why");
            for problem in problems {
                let line = problem.line.unwrap_or(1);
                assert!(
                    line >= 1 && line <= lines + 1,
                    "line {line} of {lines}: {problem}"
                );
                assert!(!problem.message.is_empty());
            }
        }
    }
}

/// The Markdown and link pipeline: any text as the body of a page, through
/// the site model, Markdown rendering, the internal-link checks, Tera and
/// HTML post-processing. Links and images are recorded at lines of the
/// file, and heading ids are unique.
pub fn markdown(body: &str) {
    let page = format!("---\ntitle: 模糊\nweight: 1\n---\n{body}");
    let Some(content) = content(&[("tips/fuzz.md", &page)]) else {
        return;
    };
    let Ok(mut site) = kepu::model::Site::build(config(), content, visible_now()) else {
        return;
    };
    kepu::markdown::render_site(&mut site);
    check_recorded_places(&site, body);
    let outputs: Vec<&str> = Vec::new();
    let _ = kepu::references::check(&site, outputs);
    if site.check_links().is_err() {
        return;
    }
    let loaded = kepu::Loaded { site, theme: theme() };
    // A page may still fail to render (a link Tera rejects); it must not panic.
    let _ = kepu::render(&loaded, &Default::default());
}

fn check_recorded_places(site: &kepu::model::Site, body: &str) {
    let page = site.page("tips/fuzz.md").expect("the fuzzed page is in the site");
    let rendered = &page.source.rendered;
    let first = page.source.body.first_line;
    let last = first + body.matches('\n').count();
    let lines = rendered.links.iter().map(|l| l.line);
    let lines = lines.chain(rendered.file_links.iter().map(|l| l.line));
    for line in lines.chain(rendered.images.iter().map(|i| i.line)) {
        assert!(
            (first..=last).contains(&line),
            "line {line} outside {first}..={last}"
        );
    }
    let mut ids = rendered.heading_ids.clone();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rendered.heading_ids.len(), "duplicate heading ids");
}

/// The HTML post-processor: the first byte picks the live-reload injection,
/// the rest is a rendered page. It may reject a broken `@/` link, never
/// panic, and a page without internal links passes through unchanged.
pub fn postprocess(data: &[u8]) {
    static TARGETS: OnceLock<LinkTargets> = OnceLock::new();
    let targets = TARGETS.get_or_init(|| LinkTargets::new(&site()));
    let Some((flags, html)) = data.split_first() else {
        return;
    };
    let Ok(html) = std::str::from_utf8(html) else {
        return;
    };
    let inject = (flags & 1 == 1).then_some("<script>reload()</script>");
    if let Ok(out) = process(html, targets, inject) {
        if inject.is_none() && !html.contains("@/") {
            assert_eq!(
                out, html,
                "a page without internal links passes through unchanged"
            );
        }
    }
}

/// The content every fuzzed site starts from: the home page, a section and
/// a page with headings that fuzzed links can point at.
const BASE_CONTENT: &[(&str, &str)] = &[
    ("_index.md", "---\ntitle: 首页\n---\n\n欢迎。\n"),
    ("tips/_index.md", "---\ntitle: 每日科普\nsort_by: weight\n---\n"),
    (
        "tips/other.md",
        "---\ntitle: 另一篇\ndate: 2024-06-25\n---\n\n## 科学解释 {#why}\n\n## 为什么\n",
    ),
];

/// Templates that use everything a page offers (content, summary, toc).
const TEMPLATES: &[(&str, &str)] = &[
    (
        "base.html",
        "<!doctype html><html lang=\"{{ config.language }}\"><head><title>{% block title %}{{ config.title }}{% endblock title %}</title></head><body>{% block content %}{% endblock content %}</body></html>",
    ),
    (
        "page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1><nav>{% for h in page.toc %}<a href=\"#{{ h.id }}\">{{ h.title }}</a>{% endfor %}</nav><div>{{ page.summary | safe }}</div>{{ page.content | safe }}<a href=\"@/tips/other.md#why\">x</a>{% endblock content %}",
    ),
    (
        "section.html",
        "{% extends \"base.html\" %}{% block content %}{{ section.content | safe }}{% for p in section.pages %}<a href=\"{{ p.permalink }}\">{{ p.title }}</a>{% endfor %}{% endblock content %}",
    ),
    ("index.html", "{% extends \"section.html\" %}"),
];

pub fn config() -> Config {
    Config::parse(
        "title: 模糊测试\nbase_url: https://example.org/kexie/\n",
        Path::new("kepu.yaml"),
        Path::new("."),
        &Overrides::default(),
    )
    .expect("the fuzz site's config is valid")
}

pub fn theme() -> Theme {
    Theme {
        templates: TEMPLATES
            .iter()
            .map(|(name, source)| TemplateSource {
                name: name.to_string(),
                source: source.to_string(),
                file: Path::new("templates").join(name),
            })
            .collect(),
        static_files: Vec::new(),
    }
}

/// The base content plus `extra` files (content-relative path, text); the
/// first file that does not parse ends it (its diagnostics are what the
/// front-matter target checks, not this).
pub fn content(extra: &[(&str, &str)]) -> Option<Content> {
    let mut content = Content::default();
    for (rel_path, text) in BASE_CONTENT.iter().chain(extra) {
        match parse_source(rel_path, Path::new(rel_path), text).ok()? {
            Parsed::Page(page) => content.pages.push(*page),
            Parsed::Section(section) => content.sections.push(*section),
        }
    }
    Some(content)
}

/// A site model of the base content (links resolved against it).
pub fn site() -> kepu::model::Site {
    let content = content(&[]).expect("the base content parses");
    let mut site =
        kepu::model::Site::build(config(), content, visible_now()).expect("the base content makes a site");
    kepu::markdown::render_site(&mut site);
    site
}

/// Everything visible: drafts and future pages are not what is fuzzed.
pub fn visible_now() -> kepu::model::Visibility {
    kepu::model::Visibility {
        drafts: true,
        future: true,
        now: kepu::dates::now().timestamp(),
    }
}
