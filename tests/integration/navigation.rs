//! Previous and next page within a section, and related articles by shared
//! tags, on each page.

use crate::common::Site;

/// The `rel="prev"` and `rel="next"` titles of a page.
fn neighbours(html: &str) -> (Option<&str>, Option<&str>) {
    let title = |rel: &str| {
        let link = html.split(&format!("rel=\"{rel}\" href=\"")).nth(1)?;
        Some(link.split_once("\">")?.1.split_once("</a>")?.0)
    };
    (title("prev"), title("next"))
}

fn related(html: &str) -> Vec<&str> {
    let list = html
        .split("<ul class=\"related\">")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    list.split("<li>")
        .skip(1)
        .map(|item| item.trim_end_matches("</li>"))
        .collect()
}

#[test]
fn previous_is_older_and_next_is_newer_within_a_date_sorted_section() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    assert_eq!(
        neighbours(&site.read("tips/b/index.html")),
        (Some("喝水 &amp; &lt;健康&gt;"), Some("防暑降温"))
    );
    assert_eq!(
        neighbours(&site.read("tips/a/index.html")),
        (None, Some("勤洗手"))
    );
    assert_eq!(
        neighbours(&site.read("tips/e/index.html")),
        (Some("人工智能与安全"), None)
    );
    assert_eq!(
        neighbours(&site.read("anti-cult/x/index.html")),
        (None, None),
        "alone in its section"
    );
}

#[test]
fn weight_sorted_sections_read_in_list_order() {
    let site = Site::fixture("outputs");
    site.write(
        "content/tips/_index.md",
        "---\ntitle: 每日科普\nsort_by: weight\n---\n",
    );
    for (file, weight) in [("a", 3), ("b", 1), ("c", 2), ("d", 4), ("e", 5)] {
        let text = site.read_source(&format!("content/tips/{file}.md"));
        site.write(
            &format!("content/tips/{file}.md"),
            text.replacen("---\n", &format!("---\nweight: {weight}\n"), 1),
        );
    }
    site.build(&[]);
    assert_eq!(
        neighbours(&site.read("tips/c/index.html")),
        (Some("勤洗手"), Some("喝水 &amp; &lt;健康&gt;"))
    );
}

#[test]
fn related_articles_share_the_most_tags_then_are_nearest_in_date() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    // 防暑降温 has 健康, 安全, 饮水: 喝水 shares two; 人工智能与安全 (安全)
    // and 勤洗手 (健康) one each, the first nearer in date; 识别邪教 (安全)
    // is further away and does not make the top 3.
    assert_eq!(
        related(&site.read("tips/c/index.html")),
        ["喝水 &amp; &lt;健康&gt;", "人工智能与安全", "勤洗手"]
    );
    assert_eq!(
        related(&site.read("events/robot/index.html")),
        Vec::<&str>::new(),
        "no shared tags"
    );
}
