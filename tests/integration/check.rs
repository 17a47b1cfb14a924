//! `kepu check`: every problem of every stage in one run, nothing written,
//! and the documented JSON schema.

use crate::common::Site;
use serde_json::Value;

/// A site with one problem in each stage: front matter, links, images,
/// URLs and templates.
fn broken_site() -> Site {
    let site = Site::fixture("basic");
    site.write("content/tips/a.md", "---\ntitle: a\ntag: [x]\n---\n");
    site.write(
        "content/tips/b.md",
        "---\ntitle: b\n---\n\n[x](@/tips/nope.md) [y](@/tips/drink-water.md#nope)\n\n![](poster.png)\n",
    );
    site.write("content/tips/c.md", "---\ntitle: c\nslug: drink-water\n---\n");
    site.write(
        "templates/section.html",
        "{% extends \"base.html\" %}{% block content %}{{ section.title | nope }}{% endblock content %}",
    );
    site
}

fn check(site: &Site, args: &[&str]) -> (Option<i32>, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let out = site.kepu(&all);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn reports_every_problem_of_every_stage_and_writes_nothing() {
    let site = broken_site();
    let (code, text) = check(&site, &[]);
    assert_eq!(code, Some(1), "{text}");
    for expected in [
        "error: ",
        "content/tips/a.md:3:1: unknown key `tag`",
        "content/tips/b.md:5:1: link to a page that does not exist: tips/nope.md",
        "tips/drink-water.md has no heading with id `nope`",
        "content/tips/b.md:7: the image poster.png has no alt text",
        "poster.png names /tips/b/poster.png, which is not part of the built site",
        "`/tips/drink-water/` clashes with the page of",
        "templates/section.html:1:",
        "Unknown filter `nope`",
        "warning: ",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from:\n{text}");
    }
    assert!(!site.path("public").exists(), "check writes nothing");
}

#[test]
fn a_clean_site_passes() {
    let site = Site::fixture("basic");
    // The fixture's templates have no taxonomy pages, which a build warns about.
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    site.write("kepu.yaml", format!("{config}outputs: {{taxonomies: false}}\n"));
    let (code, text) = check(&site, &[]);
    assert_eq!(code, Some(0), "{text}");
    assert!(
        text.contains("checked 5 pages and 3 sections: 0 errors, 0 warnings"),
        "{text}"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn json_follows_the_documented_schema() {
    let site = broken_site();
    let (code, json) = check(&site, &["--format", "json"]);
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_str(&json).expect("one JSON document");
    assert_eq!(report["version"], 1);
    assert_eq!(report["ok"], false);
    assert!(
        report["root"].as_str().is_some_and(|r| r.ends_with("site")),
        "{report}"
    );
    let problems = report["problems"].as_array().unwrap();
    let count = |severity: &str| problems.iter().filter(|p| p["severity"] == severity).count();
    assert_eq!(report["errors"].as_u64(), Some(count("error") as u64));
    assert_eq!(report["warnings"].as_u64(), Some(count("warning") as u64));
    assert!(count("error") >= 4 && count("warning") >= 3, "{report:#}");
    let unknown_key = problems
        .iter()
        .find(|p| p["message"] == "unknown key `tag`")
        .expect("the front-matter error");
    assert_eq!(unknown_key["file"], "content/tips/a.md");
    assert_eq!(unknown_key["line"], 3);
    assert_eq!(unknown_key["column"], 1);
    assert_eq!(unknown_key["hint"], "did you mean `tags`?");
    for problem in problems {
        for key in ["severity", "file", "line", "column", "message", "hint"] {
            assert!(problem.get(key).is_some(), "{key} missing in {problem}");
        }
    }
}

#[test]
fn build_prints_as_warnings_what_check_fails_on_when_denied() {
    let site = Site::fixture("basic");
    site.write("content/tips/a.md", "---\ntitle: a\n---\n\n![](nope.png)\n");
    let out = site.kepu(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: ") && stderr.contains("no alt text"),
        "{stderr}"
    );
    let (code, _) = check(&site, &[]);
    assert_eq!(code, Some(0), "warnings alone pass");
    let (code, _) = check(&site, &["--deny-warnings"]);
    assert_eq!(code, Some(1));
}
