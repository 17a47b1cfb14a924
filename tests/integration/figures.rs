//! Report figures computed from event recaps: shortcodes in Markdown, the
//! chart's SVG, series and calendar pages, shortcode errors, and the demo
//! report checked against the figures of the seed report.

use crate::common::Site;
use crate::common::shared;

/// The values `stat` shortcodes rendered for `name`, in page order.
fn stats(html: &str, name: &str) -> Vec<String> {
    let marker = format!("data-stat=\"{name}\">");
    html.match_indices(&marker)
        .map(|(at, _)| {
            let value = &html[at + marker.len()..];
            value[..value.find('<').unwrap()].to_string()
        })
        .collect()
}

/// The text of HTML, tags dropped.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn report_figures_come_from_the_recaps_of_its_period() {
    let site = shared::fixture_with_default_theme("figures");
    let report = site.read("reports/h1/index.html");
    // 8 + 12: the second event ends in July but starts on June 30, in H1.
    assert_eq!(stats(&report, "sessions"), ["20"]);
    assert_eq!(stats(&report, "materials.科普手册"), ["20000"]);
    assert_eq!(stats(&report, "consultations"), ["100"]);
    assert_eq!(
        stats(&report, "awards"),
        ["5"],
        "period=\"2023\" overrides the page's"
    );
    assert_eq!(stats(&report, "participants"), ["3200"], "page= cites one recap");
    assert!(
        text(&report).contains("学雷锋活动共举办20场，发放科普手册20000本，接受咨询100人次。"),
        "{report}"
    );
    let summary = &report[report.find("figures-summary").expect("the report's figures box")..];
    assert!(
        summary.contains(r#"<dt>场次</dt><dd><span class="num">20</span>"#),
        "{summary}"
    );
}

#[test]
fn stats_tables_group_and_total() {
    let site = shared::fixture_with_default_theme("figures");
    let report = site.read("reports/h1/index.html");
    let table = &report[report.find(r#"<figure class="stats-table""#).unwrap()..];
    let table = &table[..table.find("</figure>").unwrap()];
    assert!(
        table.contains("<figcaption>2024年上半年按系列统计</figcaption>"),
        "{table}"
    );
    assert!(
        table.contains(concat!(
            r#"<tr><th scope="row">学雷锋i科普</th><td data-label="活动">2</td><td data-label="场次">20</td>"#,
            r#"<td data-label="参与人次">4000</td><td data-label="志愿者">45</td><td data-label="咨询人次">100</td></tr>"#
        )),
        "{table}"
    );
    assert!(!table.contains("其他活动"), "July's recap is not in H1: {table}");
    assert!(
        table.contains(
            r#"<tfoot><tr><th scope="row">合计</th><td data-label="活动">2</td><td data-label="场次">20</td>"#
        ),
        "{table}"
    );
}

#[test]
fn shortcodes_in_code_and_escaped_ones_stay_as_written() {
    let site = shared::fixture_with_default_theme("figures");
    let report = site.read("reports/h1/index.html");
    assert!(
        report.contains(r#"<code>{{ stat(name="sessions") }}</code>"#),
        "{report}"
    );
    assert!(
        report.contains(r#" 和 {{ chart(of="sessions", by="month") }}。"#),
        "{report}"
    );
    assert!(report.contains("{{ 不是 shortcode }}"), "{report}");
}

#[test]
fn charts_are_well_formed_accessible_svg_with_visible_values() {
    use quick_xml::events::Event;
    let site = shared::fixture_with_default_theme("figures");
    let report = site.read("reports/h1/index.html");
    let start = report.find("<svg").expect("an inline chart");
    let svg = &report[start..report[start..].find("</svg>").unwrap() + start + "</svg>".len()];
    let mut reader = quick_xml::Reader::from_str(svg);
    let (mut root, mut texts, mut rects) = (None, Vec::new(), 0);
    let mut open = Vec::new();
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"))
        {
            event @ (Event::Start(_) | Event::Empty(_)) => {
                let (Event::Start(tag) | Event::Empty(tag)) = &event else {
                    unreachable!()
                };
                let name = String::from_utf8(tag.name().as_ref().to_vec()).unwrap();
                if root.is_none() {
                    root = Some(
                        tag.attributes()
                            .map(|a| a.unwrap())
                            .map(|a| {
                                let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                                let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0);
                                (key, value.unwrap().into_owned())
                            })
                            .collect::<std::collections::HashMap<_, _>>(),
                    );
                }
                if name == "rect" {
                    let width = tag.try_get_attribute("width").unwrap().expect("a bar's width");
                    rects += usize::from(width.value.as_ref() != b"0");
                }
                if matches!(event, Event::Start(_)) {
                    open.push(name);
                }
            }
            // HTML entities such as &nbsp; are not XML: only the five
            // predefined ones and character references are.
            Event::GeneralRef(r) => {
                let name = String::from_utf8(r.to_vec()).unwrap();
                assert!(
                    name.starts_with('#') || ["lt", "gt", "amp", "quot", "apos"].contains(&name.as_str()),
                    "&{name}; is not an XML entity"
                );
            }
            Event::Text(t) => {
                let t = t.decode().unwrap().trim().to_string();
                if !t.is_empty() {
                    texts.push((open.last().cloned().unwrap_or_default(), t));
                }
            }
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let root = root.unwrap();
    assert_eq!(root["role"], "img");
    assert_eq!(root["xmlns"], "http://www.w3.org/2000/svg");
    let text_of = |tag: &str| -> Vec<&str> {
        texts
            .iter()
            .filter(|(t, _)| t == tag)
            .map(|(_, s)| s.as_str())
            .collect()
    };
    let title = text_of("title");
    assert_eq!(title, ["2024年上半年场次（按月份）"]);
    let desc = text_of("desc").join("");
    assert!(desc.contains("3月：8场") && desc.contains("6月：12场"), "{desc}");
    for id in root["aria-labelledby"].split(' ') {
        assert!(svg.contains(&format!("id=\"{id}\"")), "missing #{id}");
    }
    // Every month is labelled, and every value is printed as text, so the
    // chart reads without colour (and in black-and-white print).
    let labels = text_of("text");
    for label in ["1月", "2月", "3月", "4月", "5月", "6月", "8", "12"] {
        assert!(labels.contains(&label), "no label {label}: {labels:?}");
    }
    assert_eq!(rects, 2, "one visible bar per month with sessions");
}

#[test]
fn shortcode_mistakes_name_file_line_column_and_a_hint() {
    let site = Site::fixture_with_theme("figures");
    site.write(
        "content/reports/bad.md",
        "---\ntitle: 坏报告\nperiod: 2024-H1\n---\n\n共{{ stat(name=\"sesions\") }}场\n{{ stat(name=\"materials.科普书\") }}\n{{ stat(name=\"sessions\" }}\n{{ stats_table(group_by=\"series\", series=\"学雷峰\") }}\n{{ pie() }}\n",
    );
    let stderr = site.build_fails(&[]);
    for expected in [
        "content/reports/bad.md:6:2: unknown stat `sesions`",
        "hint: did you mean `sessions`?",
        "content/reports/bad.md:7:1: no event recap lists the material `科普书`",
        "hint: did you mean `科普手册`?",
        "content/reports/bad.md:8:25: malformed shortcode `stat`: expected `,` or `)` after argument `name`",
        "content/reports/bad.md:9:1: no event recap has series `学雷峰`",
        "hint: known series: 学雷锋i科普, 青少年机器人竞赛",
        "content/reports/bad.md:10:1: unknown shortcode `pie`",
        "known shortcodes: chart, ",
        "5 errors, 0 warnings",
    ] {
        assert!(stderr.contains(expected), "expected {expected:?} in:\n{stderr}");
    }
    // The same mistakes on a Chinese site, in editors' words.
    let stderr = site.build_fails_in("zh", &[]);
    for expected in [
        "content/reports/bad.md:6:2: 没有 `sesions` 这项统计",
        "提示：是不是想写 `sessions`？",
        "content/reports/bad.md:7:1: 没有哪篇活动回顾列出了资料 `科普书`",
        "content/reports/bad.md:8:25: 短代码 `stat` 写得不对：参数 `name` 后面应当是 `,` 或 `)`",
        "content/reports/bad.md:9:1: 没有哪篇活动回顾的系列是 `学雷峰`",
        "提示：已有的系列：学雷锋i科普, 青少年机器人竞赛",
        "content/reports/bad.md:10:1: 没有名为 `pie` 的短代码",
        "可用的短代码：chart, ",
        "5 个错误，0 个警告",
    ] {
        assert!(stderr.contains(expected), "expected {expected:?} in:\n{stderr}");
    }
}

#[test]
fn figures_on_a_page_without_a_period_are_an_error() {
    let site = Site::fixture_with_theme("figures");
    site.write(
        "content/events/_index.md",
        "---\ntitle: 活动回顾\n---\n\n累计{{ stat(name=\"sessions\", period=\"all\") }}场，今年{{ stat(name=\"sessions\") }}场。\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(
        stderr.contains("content/events/_index.md:5:") && stderr.contains("has no `period`"),
        "{stderr}"
    );
    assert!(stderr.contains("add `period: 2024-H1`"), "{stderr}");
    assert!(!stderr.contains(":5:3:"), "period=\"all\" is fine: {stderr}");
}

#[test]
fn site_templates_override_and_add_shortcodes() {
    let site = Site::fixture_with_theme("figures");
    site.write(
        "templates/shortcodes/stat.html",
        r#"<b class="mine">{{ value }}</b>"#,
    );
    site.write(
        "templates/shortcodes/note.html",
        r#"<aside class="note">{{ text }}（{{ level }}）</aside>"#,
    );
    site.write(
        "content/reports/note.md",
        "---\ntitle: 提示\n---\n\n{{ note(text=\"数据每月更新\", level=2) }}\n",
    );
    site.build(&[]);
    assert!(
        site.read("reports/h1/index.html")
            .contains(r#"<b class="mine">20</b>"#)
    );
    assert!(
        site.read("reports/note/index.html")
            .contains(r#"<aside class="note">数据每月更新（2）</aside>"#)
    );
}

#[test]
fn a_failing_shortcode_template_names_the_template_and_the_call() {
    let site = Site::fixture_with_theme("figures");
    site.write(
        "templates/shortcodes/stat.html",
        "{{ value }}\n{{ throw(message=\"坏了\") }}\n",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("templates/shortcodes/stat.html:2"), "{stderr}");
    assert!(
        stderr.contains("while expanding the shortcode `stat` at") && stderr.contains("reports/h1.md:9"),
        "{stderr}"
    );
}

#[test]
fn events_are_filterable_by_series_and_recaps_link_to_theirs() {
    let site = shared::fixture_with_default_theme("figures");
    let events = site.read("events/index.html");
    assert!(events.contains(r#"<nav class="series-filter""#), "{events}");
    assert!(
        events.contains(
            r#"<a href="https://example.org/events/series/xue-lei-feng-i-ke-pu/">学雷锋i科普<span class="series-count">（2 篇）</span></a>"#
        ),
        "{events}"
    );
    let series = site.read("events/series/xue-lei-feng-i-ke-pu/index.html");
    assert!(series.contains("<h1>学雷锋i科普</h1>"));
    assert!(series.contains("学雷锋第一站") && series.contains("学雷锋跨月收官"));
    assert!(!series.contains("下半年第一场"));
    assert!(series.contains(r#"aria-current="page">学雷锋i科普"#), "{series}");
    assert!(
        series.contains(r#"<dt>场次</dt><dd><span class="num">20</span>"#),
        "{series}"
    );
    let recap = site.read("events/a/index.html");
    assert!(
        recap
            .contains(r#"<a href="https://example.org/events/series/xue-lei-feng-i-ke-pu/">学雷锋i科普</a>"#),
        "{recap}"
    );
    assert!(
        recap.contains("<dd>丁集镇</dd>") && recap.contains("<dd>市科协</dd>"),
        "{recap}"
    );
}

#[test]
fn tips_are_numbered_in_date_order_with_a_calendar_by_month() {
    let site = shared::fixture_with_default_theme("figures");
    for (tip, number) in [("first", 1), ("second", 2), ("third", 3)] {
        let page = site.read(&format!("tips/{tip}/index.html"));
        assert!(
            page.contains(&format!("每日科普&nbsp;· 第 {number} 期")),
            "{tip}: {page}"
        );
    }
    let tips = site.read("tips/index.html");
    assert!(
        tips.contains(r#"href="https://example.org/tips/calendar/">按月归档"#),
        "{tips}"
    );
    let calendar = site.read("tips/calendar/index.html");
    let june = calendar
        .find("<h2 id=\"m-2024-06-title\">2024年6月</h2>")
        .unwrap();
    let may = calendar
        .find("<h2 id=\"m-2024-05-title\">2024年5月</h2>")
        .unwrap();
    assert!(june < may, "newest month first");
    assert!(
        calendar.contains(r#"<span class="calendar-day">1</span><a href="https://example.org/tips/second/" title="second tip">第2期</a>"#),
        "{calendar}"
    );
}

/// The seed report's figures, each produced by a shortcode from the demo's
/// recaps (a `data-stat` span), never typed into the report.
#[test]
fn demo_report_agrees_with_the_seed() {
    let report = shared::demo().read("reports/2024-h1/index.html");
    // Without spaces: the demo puts spaces between Chinese and Latin (i 科普).
    let prose: String = text(&report).split_whitespace().collect();
    for sentence in [
        "学雷锋“i科普”科技志愿服务集中活动共举办20场，发放科普手册20000余本，科普知识周边礼品50000余个",
        "我市27名学生分别荣获一、二、三等奖项",
        "我市39名学生分别荣获一、二、三等奖项",
        "组织学生参观科普教育基地、科普场馆20场次",
        "共展出展板30张，发放青少年科普书籍5000余本，宣传袋5000余个",
        "悬挂宣传条幅100余幅，发放宣传彩页10000余份，反邪教科普知识读本3000余本，宣传围裙600条，接受咨询8000人次",
    ] {
        assert!(prose.contains(sentence), "the report lacks: {sentence}");
    }
    for (stat, values) in [
        ("sessions", &["97", "20", "20"][..]),
        ("materials.科普手册", &["20000"]),
        ("materials.周边礼品", &["50000"]),
        ("materials.宣传条幅", &["100"]),
        ("materials.宣传彩页", &["10000"]),
        ("materials.反邪教科普知识读本", &["3000"]),
        ("materials.宣传围裙", &["600"]),
        ("consultations", &["8000"]),
        ("awards", &["27", "39"]),
        ("materials.展板", &["30"]),
        ("materials.青少年科普书籍", &["5000"]),
        ("materials.宣传袋", &["5000"]),
    ] {
        assert_eq!(stats(&report, stat), values, "{stat}");
    }
}
