//! `kepu new`: a new file from the archetype, in the right section, dated
//! today (or the next free day with --schedule), named by pinyin, never
//! overwriting.

use crate::common::Site;

/// Runs `kepu new ARGS --root ROOT`; returns the printed path on success.
fn new(site: &Site, args: &[&str]) -> String {
    let mut all = vec!["new"];
    all.extend_from_slice(args);
    let out = site.kepu(&all);
    assert!(
        out.status.success(),
        "kepu new failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap().trim().to_string()
}

fn today() -> String {
    kepu::dates::today().to_string()
}

#[test]
fn a_tip_is_written_from_the_archetype_with_a_pinyin_name_and_todays_date() {
    let site = Site::fixture_with_theme("figures");
    let printed = new(&site, &["tip", "喝水的学问"]);
    let file = site.path("content/tips/he-shui-de-xue-wen.md");
    assert_eq!(printed, file.display().to_string());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("---\ntitle: \"喝水的学问\"\n"), "{text}");
    assert!(text.contains(&format!("\ndate: {}\n", today())), "{text}");
    assert!(text.contains("categories: [每日科普]"), "{text}");
}

#[test]
fn it_never_overwrites_a_file() {
    let site = Site::fixture_with_theme("figures");
    new(&site, &["tip", "喝水的学问"]);
    let file = site.path("content/tips/he-shui-de-xue-wen.md");
    std::fs::write(&file, "---\ntitle: 已经写好的\n---\n").unwrap();
    let out = site.kepu(&["new", "tip", "喝水的学问"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("he-shui-de-xue-wen.md: already exists"),
        "{stderr}"
    );
    assert!(stderr.contains("hint:"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "---\ntitle: 已经写好的\n---\n"
    );
}

#[test]
fn scheduled_tips_take_the_next_free_day() {
    let site = Site::fixture_with_theme("figures");
    // With only past tips, the next free day is today.
    let first = new(&site, &["tip", "今天的科普", "--schedule"]);
    assert!(
        std::fs::read_to_string(first)
            .unwrap()
            .contains(&format!("\ndate: {}\n", today()))
    );
    site.write(
        "content/tips/ahead.md",
        "---\ntitle: 写在前面\ndate: 2099-01-05\n---\n",
    );
    let next = new(&site, &["tip", "第一篇", "--schedule"]);
    assert!(
        std::fs::read_to_string(next)
            .unwrap()
            .contains("\ndate: 2099-01-06\n")
    );
    let after = new(&site, &["tip", "第二篇", "--schedule"]);
    assert!(
        std::fs::read_to_string(after)
            .unwrap()
            .contains("\ndate: 2099-01-07\n")
    );
    let out = site.kepu(&["new", "event", "活动", "--schedule"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--schedule is for daily tips"));
}

#[test]
fn every_kind_lands_in_its_section_and_the_site_still_builds() {
    let site = Site::fixture_with_theme("figures");
    for (kind, title, path) in [
        (
            "event",
            "科技活动周启动",
            "content/events/ke-ji-huo-dong-zhou-qi-dong.md",
        ),
        (
            "article",
            "识破“能量水”骗局",
            "content/anti-cult/shi-po-neng-liang-shui-pian-ju.md",
        ),
        (
            "report",
            "2024年工作总结: 全年",
            "content/reports/2024-nian-gong-zuo-zong-jie-quan-nian.md",
        ),
        ("tip", "COVID-19 防护", "content/tips/covid-19-fang-hu.md"),
    ] {
        let printed = new(&site, &[kind, title]);
        assert_eq!(printed, site.path(path).display().to_string());
    }
    let event = std::fs::read_to_string(site.path("content/events/ke-ji-huo-dong-zhou-qi-dong.md")).unwrap();
    assert!(
        event.contains(&format!("event:\n  start: {}\n", today())),
        "{event}"
    );
    let report =
        std::fs::read_to_string(site.path("content/reports/2024-nian-gong-zuo-zong-jie-quan-nian.md"))
            .unwrap();
    assert!(report.contains("title: \"2024年工作总结: 全年\""), "{report}");
    assert!(
        report.contains("{{ stats_table(group_by=\"series\") }}"),
        "{report}"
    );
    // Today's pages are due now; the new report computes its figures.
    site.build(&[]);
    assert!(site.exists("reports/2024-nian-gong-zuo-zong-jie-quan-nian/index.html"));
    assert!(site.exists("events/ke-ji-huo-dong-zhou-qi-dong/index.html"));
}

#[test]
fn a_site_archetype_overrides_the_themes() {
    let site = Site::fixture_with_theme("figures");
    site.write(
        "archetypes/tip.md",
        "---\ntitle: {{ quoted_title }}\ndate: {{ date }}\n---\n\n本站自定义模板：{{ title }}\n",
    );
    let file = new(&site, &["tip", "洗手"]);
    assert!(
        std::fs::read_to_string(file)
            .unwrap()
            .ends_with("本站自定义模板：洗手\n")
    );
}

#[test]
fn a_missing_archetype_says_where_to_put_one() {
    let site = Site::fixture("basic");
    let out = site.kepu(&["new", "tip", "洗手"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("no archetype for `tip`") && stderr.contains("archetypes/tip.md"),
        "{stderr}"
    );
    assert!(!site.path("content/tips/xi-shou.md").exists());
}
