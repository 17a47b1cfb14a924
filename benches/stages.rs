//! The hot stages of a build, measured on the demo site at the repository
//! root: `cargo bench`. Whole builds against Hugo are `bench/run.sh`.

use divan::{Bencher, black_box};
use kepu::BuildOptions;
use kepu::pipeline::Loaded;
use kepu::render::{RenderOptions, Renderer};
use kepu::source::{Parsed, parse_source};
use std::path::{Path, PathBuf};

fn main() {
    divan::main();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The demo site, loaded (content parsed, Markdown rendered).
fn demo() -> Loaded {
    kepu::pipeline::load_site(&BuildOptions::new(root())).expect("the demo site builds")
}

/// The demo page with the most Markdown, as (content-relative path, file).
fn largest_page() -> (String, PathBuf) {
    let loaded = demo();
    let page = loaded
        .site
        .pages
        .iter()
        .max_by_key(|p| p.source.body.text.len())
        .expect("the demo has pages");
    (page.source.rel_path.clone(), page.source.file.clone())
}

/// Front matter (split, YAML, typed) and Markdown of one page.
#[divan::bench]
fn parse_page(bencher: Bencher) {
    let (rel_path, file) = largest_page();
    let text = std::fs::read_to_string(&file).unwrap();
    bencher.bench(|| {
        let Ok(Parsed::Page(page)) = parse_source(&rel_path, &file, black_box(&text)) else {
            panic!("{rel_path} is a page");
        };
        kepu::markdown::render(&page.body.text, &rel_path, page.body.first_line)
    });
}

/// One page through its template and post-processing.
#[divan::bench]
fn render_page(bencher: Bencher) {
    let loaded = demo();
    let renderer = Renderer::new(&loaded.site, &loaded.theme, &loaded.plan).unwrap();
    let options = RenderOptions::default();
    bencher.bench(|| renderer.page_output(black_box(0), &options).unwrap());
}

/// Post-processing of a page body that has internal links to resolve, with
/// the demo's CJK spacing.
#[divan::bench]
fn postprocess(bencher: Bencher) {
    let loaded = demo();
    let site = &loaded.site;
    let html = &site
        .pages
        .iter()
        .find(|p| p.rendered.html.contains("@/"))
        .expect("a demo page links another")
        .rendered
        .html;
    let links = site.urls_by_source();
    bencher
        .bench(|| kepu::postprocess::process(black_box(html), &links, None, site.config.spacing()).unwrap());
}

/// The search index of every demo page.
#[divan::bench]
fn search_index(bencher: Bencher) {
    let loaded = demo();
    let documents: Vec<kepu::search::Document> = loaded
        .site
        .pages
        .iter()
        .map(|page| kepu::search::Document {
            url: page.path.clone(),
            title: page.source.front.title.clone(),
            section: String::new(),
            date: None,
            keywords: page.source.front.description.clone(),
            tags: page.source.front.tags.join(" "),
            text: page.rendered.plain_text.clone(),
        })
        .collect();
    bencher.bench(|| kepu::search::build(black_box(&documents), "search/", &[]));
}
