//! Drafts and pages dated in the future are left out (of lists, taxonomies,
//! feeds and the sitemap) unless asked for, and the build says so.

use crate::common::Site;

/// The draft's and the scheduled page's output file and title.
const HIDDEN: [(&str, &str); 2] = [
    ("tips/draft/index.html", "还在写的草稿"),
    ("tips/tomorrow/index.html", "明天发布的科普"),
];

/// The lists, feeds and sitemap that name the page at `file` or its title.
fn mentions(site: &Site, file: &str, title: &str) -> Vec<&'static str> {
    let path = file.trim_end_matches("index.html");
    [
        "tips/index.html",
        "tags/健康/index.html",
        "atom.xml",
        "rss.xml",
        "tips/atom.xml",
        "sitemap.xml",
    ]
    .into_iter()
    .filter(|list| {
        let text = site.read(list);
        text.contains(title) || text.contains(path)
    })
    .collect()
}

#[test]
fn drafts_and_scheduled_pages_are_held_back_and_counted() {
    let site = Site::fixture("outputs");
    let stdout = site.build(&[]);
    assert!(
        stdout.contains("held back 1 draft (--drafts to include)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("held back 1 scheduled page; the next is due 2199-01-01 (--future to include)"),
        "{stdout}"
    );
    for (file, title) in HIDDEN {
        assert!(!site.exists(file), "{file}");
        assert_eq!(mentions(&site, file, title), Vec::<&str>::new(), "{title}");
    }
}

#[test]
fn drafts_flag_includes_drafts_only() {
    let site = Site::fixture("outputs");
    let stdout = site.build(&["--drafts"]);
    assert!(!stdout.contains("draft"), "{stdout}");
    assert!(site.exists(HIDDEN[0].0) && !site.exists(HIDDEN[1].0));
    assert!(site.read("tips/index.html").contains("还在写的草稿"));
    assert!(site.read("atom.xml").contains("还在写的草稿"));
}

#[test]
fn future_flag_includes_scheduled_pages_everywhere() {
    let site = Site::fixture("outputs");
    let stdout = site.build(&["--future"]);
    assert!(!stdout.contains("scheduled"), "{stdout}");
    assert!(site.exists(HIDDEN[1].0) && !site.exists(HIDDEN[0].0));
    assert!(
        site.read("tips/index.html").contains("明天发布的科普"),
        "newest first"
    );
    assert!(site.read("tags/健康/index.html").contains("明天发布的科普"));
    assert!(site.read("sitemap.xml").contains("tips/tomorrow/"));
    assert!(site.read("rss.xml").contains("明天发布的科普"));
}

#[test]
fn a_link_to_a_held_back_page_says_why() {
    let site = Site::fixture("outputs");
    site.write(
        "content/tips/f.md",
        "---\ntitle: f\n---\n\n见 [明天](@/tips/tomorrow.md)\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr
            .contains("content/tips/f.md:5:3: link to tips/tomorrow.md, which is scheduled for a later date"),
        "{stderr}"
    );
    site.build(&["--future"]);
}
