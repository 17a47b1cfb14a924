//! What was never meant to be published stays out of `public/`: editor and
//! merge-tool leftovers under `content/` (named by the build), and a
//! `base_url` that would break out of the links' attributes.

use crate::common::Site;

#[test]
fn editor_leftovers_are_skipped_and_named_by_the_build() {
    let site = Site::fixture("basic");
    let draft = "---\ntitle: 旧稿\ndraft: true\n---\n\n内部草稿，不能发布。\n";
    let leftovers = [
        "tips/drink-water.md.bak",
        "tips/drink-water.md.orig",
        "tips/drink-water.md.rej",
        "tips/drink-water.md~",
        "events/robot-2024/index.md.BAK",
    ];
    for rel in leftovers {
        site.write(&format!("content/{rel}"), draft);
    }
    let said = site.build(&[]);
    let note = said
        .lines()
        .find(|line| line.contains("skipped 5 files left by editors or merge tools (not published): "))
        .unwrap_or_else(|| panic!("the build does not say what it skipped:\n{said}"));
    for rel in leftovers {
        assert!(note.contains(&format!("content/{rel}")), "{rel}: {note}");
    }
    let chinese = String::from_utf8_lossy(&site.kepu_in("zh", &["build"]).stdout).into_owned();
    assert!(
        chinese.contains("跳过了 5 个编辑器或合并工具留下的文件（不会发布）：content/"),
        "{chinese}"
    );
    let published = site.snapshot();
    assert!(
        !published
            .values()
            .any(|bytes| String::from_utf8_lossy(bytes).contains("内部草稿")),
        "a leftover was published: {:?}",
        published.keys().collect::<Vec<_>>()
    );
}

#[test]
fn a_bad_base_url_from_the_command_line_blames_the_option() {
    let site = Site::fixture("basic");
    for url in [
        "https://x.example/a\"onmouseover=alert(1)/",
        "https://u:p@x.example/",
        "x.example",
    ] {
        let said = site.build_fails(&["--base-url", url]);
        assert!(
            said.contains("error: --base-url: invalid base_url"),
            "{url}: {said}"
        );
        assert!(!said.contains("kepu.yaml"), "{url} blames kepu.yaml: {said}");
        assert!(said.contains("hint:"), "{url}: {said}");
    }
}
