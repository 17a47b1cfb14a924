//! Each kind of bad input gives a clear error (file, line, what, hint), exit
//! code 1, no panic, and leaves the previous `public/` exactly as it was.

use crate::common::Site;

/// Builds the good fixture, breaks one file, builds again, and checks the
/// error names each of `expected` and that `public/` did not change.
fn assert_rejected(file: &str, text: &[u8], expected: &[&str]) {
    let site = Site::fixture("basic");
    site.build(&[]);
    let before = site.snapshot();
    site.write(file, text);
    let stderr = site.build_fails(&[]);
    for needle in expected {
        assert!(stderr.contains(needle), "expected {needle:?} in:\n{stderr}");
    }
    assert_eq!(site.snapshot(), before, "public/ changed after a failed build");
}

#[test]
fn malformed_yaml() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: [unclosed\n---\n",
        &["content/tips/a.md:", "title"],
    );
}

#[test]
fn unquoted_title_with_a_colon() {
    assert_rejected(
        "content/tips/a.md",
        "---\ntitle: 每日科普: 冬季如何预防流感\n---\n".as_bytes(),
        &[
            "content/tips/a.md:2:",
            "colon",
            "hint: put the value in double quotes: title: \"每日科普: 冬季如何预防流感\"",
        ],
    );
}

#[test]
fn yes_is_not_a_boolean() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\ndraft: yes\n---\n",
        &["a.md:3:", "only `true` and `false`"],
    );
}

#[test]
fn front_matter_never_closed() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\n\nbody\n",
        &["a.md:1:1", "never closed", "hint: add a line `---`"],
    );
}

#[test]
fn missing_title() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ndate: 2024-01-01\n---\n",
        &["missing required key `title`"],
    );
}

#[test]
fn bad_date() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\ndate: 2024-02-30\n---\n",
        &["a.md:3", "invalid `date`", "2024-06-25"],
    );
}

#[test]
fn unknown_key_suggests_the_nearest() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\ntag: [x]\n---\n",
        &["a.md:3:1", "unknown key `tag`", "did you mean `tags`?"],
    );
}

#[test]
fn wrong_type() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\ntags: 3\n---\n",
        &["a.md:3", "invalid type", "tags: ["],
    );
}

#[test]
fn broken_internal_link() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\n---\n\ntext\n\nsee [x](@/tips/nope.md)\n",
        &["content/tips/a.md:7:5", "does not exist: tips/nope.md"],
    );
}

#[test]
fn template_syntax_error() {
    assert_rejected(
        "templates/page.html",
        b"{% extends \"base.html\" %}\n{% block content %}{{ page.title }\n",
        &["templates/page.html:2", "template error"],
    );
}

#[test]
fn missing_template() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\ntemplate: nope.html\n---\n",
        &["template `nope.html` not found", "available:"],
    );
}

#[test]
fn two_pages_on_one_url() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\nslug: drink-water\n---\n",
        &["/tips/drink-water/ is already used by", "drink-water.md", "slug"],
    );
}

#[test]
fn not_utf8() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\n---\n\xff\xfe\n",
        &["a.md:4:1", "not valid UTF-8", "UTF-8"],
    );
}

#[test]
fn bad_config_key() {
    assert_rejected(
        "kepu.yaml",
        b"title: a\nbase_url: https://e.org/\ntaxonomy: []\n",
        &["kepu.yaml:3:1", "did you mean `taxonomies`?"],
    );
}

#[test]
fn event_that_ends_before_it_starts() {
    assert_rejected(
        "content/tips/a.md",
        "---\ntitle: a\nevent:\n  start: 2024-03-05\n  end: 2024-03-01\n  participants: 10\n---\n".as_bytes(),
        &["a.md:3", "ends (2024-03-01) before it starts (2024-03-05)"],
    );
}

#[test]
fn negative_count() {
    assert_rejected(
        "content/tips/a.md",
        "---\ntitle: a\nevent:\n  start: 2024-03-05\n  participants: -3\n---\n".as_bytes(),
        &["a.md:5", "participants"],
    );
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let site = Site::fixture("basic");
    site.write("content/tips/a.md", b"---\ntitle: a\ntag: x\n---\n");
    site.write("content/tips/b.md", b"---\ndraft: yes\n---\n");
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("tips/a.md") && stderr.contains("tips/b.md"),
        "{stderr}"
    );
    assert!(stderr.contains("2 problems found"), "{stderr}");
}

#[test]
fn refuses_output_folders_it_must_not_replace() {
    let site = Site::fixture("basic");
    let root = site.root().to_str().unwrap().to_string();
    assert!(
        site.build_fails(&["--output", &root])
            .contains("is the site root")
    );
    let content = site.path("content").to_str().unwrap().to_string();
    assert!(site.build_fails(&["--output", &content]).contains("content"));
    site.write("docs/keep.txt", "keep me");
    let docs = site.path("docs").to_str().unwrap().to_string();
    let stderr = site.build_fails(&["--output", &docs]);
    assert!(
        stderr.contains("not created by kepu") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(site.path("docs/keep.txt").exists());
    site.build(&["--output", &docs, "--force"]);
    assert!(!site.path("docs/keep.txt").exists() && site.path("docs/index.html").exists());
}

#[test]
fn event_count_of_the_wrong_type() {
    assert_rejected(
        "content/tips/a.md",
        "---\ntitle: a\nevent:\n  start: 2024-03-05\n  volunteers: 很多\n---\n".as_bytes(),
        &["a.md:5", "volunteers", "invalid type"],
    );
}

#[test]
fn unknown_report_period() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\nperiod: 2024-H3\n---\n",
        &[
            "a.md:3",
            "invalid `period`",
            "2024-H1",
            "2024-Q3",
            "`from:` and `to:`",
        ],
    );
}

#[test]
fn report_period_that_ends_before_it_starts() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\nperiod: {from: 2024-06-30, to: 2024-01-01}\n---\n",
        &["a.md:3", "ends (2024-01-01) before it starts (2024-06-30)"],
    );
}

#[test]
fn shortcode_the_theme_does_not_have() {
    assert_rejected(
        "content/tips/a.md",
        b"---\ntitle: a\n---\n\n{{ stat(name=\"sessions\") }}\n",
        &[
            "a.md:5:1",
            "unknown shortcode `stat`",
            "templates/shortcodes/NAME.html",
        ],
    );
}
