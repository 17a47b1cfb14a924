//! The fuzz targets' bodies, each a function that panics when kepu breaks
//! a promise on its input, and a small site built entirely in memory so
//! that one input runs through the same stages as `kepu build` (front
//! matter, site model, Markdown, link checks, Tera, post-processing)
//! without touching the disk. The main crate's tests include this file to
//! replay the crash reproducers in `tests/fixtures/fuzz-regressions/`.

use kepu::config::{Config, Overrides};
use kepu::postprocess::{absolutize, process, resolve_body_links};
use kepu::source::{Content, Parsed, parse_source};
use kepu::templates::ShortcodeTemplates;
use kepu::templates::theme::Theme;
use kepu::wechat::{self, Stylesheet};
use std::collections::HashMap;
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

/// The Markdown, shortcode and link pipeline: any text as the body of a
/// page, through the site model, shortcode expansion, Markdown rendering,
/// the link and reference checks and the HTML post-processor (links
/// rewritten, CJK–Latin spacing). Links and images are recorded at lines of
/// the file, heading ids are unique, and resolving the body's links early
/// (as page values do) gives the same page as resolving them late. (Tera pages are left out: the
/// theme is fixed, and compiling it per input would starve the fuzzer.)
pub fn markdown(body: &str) {
    let page = format!("---\ntitle: 模糊\nweight: 1\nperiod: 2024-H1\n---\n{body}");
    let Some(content) = content(&[("tips/fuzz.md", &page)]) else {
        return;
    };
    let Ok(mut site) = kepu::model::Site::build(config(), content, visible_now()) else {
        return;
    };
    // A shortcode problem is reported, not a crash; the rest still renders.
    if kepu::markdown::render_site(&mut site, shortcodes()).is_err() {
        return;
    }
    check_recorded_places(&site, body);
    let _ = kepu::references::check(&site, std::iter::empty());
    let _ = site.check_links();
    let page = site.page("tips/fuzz.md").expect("the fuzzed page is in the site");
    let links = site.urls_by_source();
    // A raw-HTML `@/` link to nothing is a build error, not a crash.
    let late = process(&page.rendered.html, &links, None, Some(&[]));
    // Resolving the body's own links early, in its page value, gives the
    // page the post-processor would have made.
    let early = resolve_body_links(&page.rendered.html, |file| site.url_of(file));
    if let (Ok(late), Ok(early)) = (late, process(&early, &links, None, Some(&[]))) {
        assert_eq!(early, late, "resolving body links early changed the page");
    }
}

fn check_recorded_places(site: &kepu::model::Site, body: &str) {
    let page = site.page("tips/fuzz.md").expect("the fuzzed page is in the site");
    let rendered = &page.rendered;
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

/// The HTML post-processors: the first byte picks the live-reload injection
/// and CJK–Latin spacing, the rest is a rendered page, which also goes
/// through the feed pass (every link made absolute) and the WeChat export
/// (footnotes, numbered links, the demo theme's styles inlined, the same
/// with and without the inliner's word filter). They may reject a broken
/// `@/` link, never panic; on a page without internal links
/// the page pass only ever adds spaces (and without spacing changes nothing).
pub fn postprocess(data: &[u8]) {
    static TARGETS: OnceLock<HashMap<String, String>> = OnceLock::new();
    let targets = TARGETS.get_or_init(|| site().urls_by_source());
    let Some((flags, html)) = data.split_first() else {
        return;
    };
    let Ok(html) = std::str::from_utf8(html) else {
        return;
    };
    let page_url = "https://example.org/kexie/tips/fuzz/";
    let _ = absolutize(html, page_url, targets);
    let bases = kepu::urls::Bases {
        local: "http://127.0.0.1:1111/kexie/",
        public: "https://example.org/kexie/",
    };
    let _ = wechat::export(html, page_url, bases, stylesheet());
    // The inliner gives lol_html only the rules whose words occur in the
    // page's tags; that filter must never change what it writes.
    let filtered = stylesheet().inline(html, |_| Ok(()));
    if let (Ok(filtered), Ok(every)) = (filtered, stylesheet().inline_every_rule(html, |_| Ok(()))) {
        assert_eq!(filtered, every, "the inliner's word filter changed its output");
    }
    let inject = (flags & 1 == 1).then_some("<script>reload()</script>");
    let cjk_spacing = (flags & 2 == 2).then_some(&[][..]);
    let Ok(out) = process(html, targets, inject, cjk_spacing) else {
        return;
    };
    if inject.is_none() && !html.contains("@/") {
        let without_spaces = |text: &str| text.replace(' ', "");
        if cjk_spacing.is_some() {
            assert_eq!(
                without_spaces(&out),
                without_spaces(html),
                "spacing only adds spaces"
            );
        } else {
            assert_eq!(
                out, html,
                "a page without internal links passes through unchanged"
            );
        }
    }
}

/// The demo theme's stylesheet, as the WeChat export inlines it.
fn stylesheet() -> &'static Stylesheet {
    static STYLESHEET: OnceLock<Stylesheet> = OnceLock::new();
    STYLESHEET.get_or_init(|| {
        let css = theme()
            .static_files
            .iter()
            .find(|f| f.dest == "css/style.css")
            .and_then(|f| std::fs::read_to_string(&f.file).ok())
            .expect("the demo theme has css/style.css");
        Stylesheet::parse(&css, wechat::EXPORT_ROOT)
    })
}

/// The content every fuzzed site starts from: the home page, a section, a
/// page with headings that fuzzed links can point at, and an event recap
/// that figure shortcodes (`{{ stat(name="participants", period="all") }}`)
/// count.
const BASE_CONTENT: &[(&str, &str)] = &[
    ("_index.md", "---\ntitle: 首页\n---\n\n欢迎。\n"),
    ("tips/_index.md", "---\ntitle: 每日科普\nsort_by: weight\n---\n"),
    (
        "tips/other.md",
        "---\ntitle: 另一篇\ndate: 2024-06-25\n---\n\n## 科学解释 {#why}\n\n## 为什么\n",
    ),
    ("events/_index.md", "---\ntitle: 活动回顾\n---\n"),
    (
        "events/recap.md",
        "---\ntitle: 科普日\ndate: 2024-05-20\ncategories: [科普活动]\nevent:\n  start: 2024-05-20\n  series: 科普日\n  participants: 120\n  volunteers: 8\n  materials: {科普手册: 300}\n---\n\n现场。\n",
    ),
];

/// A small site's config, with CJK–Latin spacing on.
pub fn config() -> Config {
    let yaml = "title: 模糊测试\nbase_url: https://example.org/kexie/\ncjk_spacing: true\nsearch: false\n";
    Config::parse(
        yaml,
        Path::new("kepu.yaml"),
        Path::new("."),
        &Overrides::default(),
    )
    .expect("the fuzz site's config is valid")
}

/// The demo theme's shortcode templates and static files (the repository
/// is the fuzz crate's parent, or the main crate itself when its tests
/// include this file); loaded once.
pub fn theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let repository = if manifest.ends_with("fuzz") {
            manifest.parent().expect("fuzz/ is inside the repository")
        } else {
            manifest
        };
        let demo = Config::load(repository, &Overrides::default()).expect("the demo site's config is valid");
        let mut theme = Theme::load(&demo).expect("the demo theme loads");
        theme.templates.retain(|t| t.name.starts_with("shortcodes/"));
        theme
    })
}

/// The shortcode templates, compiled once.
fn shortcodes() -> &'static ShortcodeTemplates<'static> {
    static SHORTCODES: OnceLock<ShortcodeTemplates<'static>> = OnceLock::new();
    SHORTCODES.get_or_init(|| ShortcodeTemplates::new(theme()).expect("the demo theme's shortcodes compile"))
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
    kepu::markdown::render_site(&mut site, shortcodes()).expect("the base content renders");
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
