//! The demo site at the repository root (content/ + themes/kepu) builds and
//! has the association's columns, the report and enough articles.

use crate::common::shared;

#[test]
fn demo_site_has_every_column_and_enough_articles() {
    let demo = shared::demo();
    let files = demo.snapshot();
    let count = |prefix: &str| {
        files
            .keys()
            .filter(|f| f.starts_with(prefix) && f.ends_with("/index.html") && f.matches('/').count() == 2)
            .count()
    };
    assert!(count("tips/") >= 12, "at least 12 daily tips");
    assert!(count("anti-cult/") >= 6, "at least 6 anti-cult articles");
    assert!(count("events/") >= 10, "at least 10 event recaps");
    let home = demo.read("index.html");
    for column in ["首页", "每日科普", "反邪教", "活动回顾", "工作报告"] {
        assert!(home.contains(column), "home lacks the column {column}");
    }
    assert!(home.contains(r#"lang="zh-CN""#));
}

#[test]
fn demo_report_keeps_the_seed_structure() {
    let report = shared::demo().read("reports/2024-h1/index.html");
    for heading in [
        "一、深入开展重点项目工作",
        "二、全力开展争先创优工作",
        "三、稳步推进创文创卫工作",
        "四、提质提效科普宣传工作",
        "五、全面加强党的建设工作",
        "六、全面推进党风廉政建设工作",
        "七、存在的问题",
        "八、下半年工作计划",
    ] {
        assert!(
            report.contains(&format!(r#"<h2 id="{}">"#, heading.replace('、', ""))),
            "missing {heading}"
        );
    }
    assert!(report.contains("2024年6月25日"));
}
