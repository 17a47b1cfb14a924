//! Section lists are cut into pagers: `/tips/`, `/tips/page/2/`, …, with a
//! paginator for templates and `/tips/page/1/` redirecting to `/tips/`.

use super::taxonomies::listed_titles;
use crate::common::Site;

#[test]
fn sections_are_paginated_with_a_paginator() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let first = site.read("tips/index.html");
    assert_eq!(listed_titles(&first), ["小写的人工智能", "人工智能与安全"]);
    assert!(
        first.contains(concat!(
            "1/3 of 5\nprev= next=https://example.org/kexie/tips/page/2/ ",
            "first=https://example.org/kexie/tips/ last=https://example.org/kexie/tips/page/3/"
        )),
        "{first}"
    );
    let second = site.read("tips/page/2/index.html");
    assert_eq!(listed_titles(&second), ["防暑降温", "勤洗手"]);
    assert!(
        second.contains(
            "2/3 of 5\nprev=https://example.org/kexie/tips/ next=https://example.org/kexie/tips/page/3/"
        ),
        "{second}"
    );
    assert!(second.contains(r#"<link rel="canonical" href="https://example.org/kexie/tips/page/2/">"#));
    let last = site.read("tips/page/3/index.html");
    assert_eq!(listed_titles(&last), ["喝水 &amp; &lt;健康&gt;"]);
    assert!(last.contains("next= first="), "{last}");
    assert!(!site.exists("tips/page/4/index.html"));
}

#[test]
fn page_one_redirects_to_the_list() {
    let site = Site::fixture("outputs");
    site.build(&[]);
    let redirect = site.read("tips/page/1/index.html");
    assert!(
        redirect.contains(r#"<meta http-equiv="refresh" content="0; url=https://example.org/kexie/tips/">"#),
        "{redirect}"
    );
}

#[test]
fn page_size_comes_from_the_section_else_the_config_and_zero_turns_it_off() {
    let site = Site::fixture("outputs");
    site.write(
        "content/anti-cult/y.md",
        "---\ntitle: 第二篇\ndate: 2024-05-02\n---\n",
    );
    site.write(
        "content/anti-cult/z.md",
        "---\ntitle: 第三篇\ndate: 2024-05-03\n---\n",
    );
    site.write(
        "content/events/a.md",
        "---\ntitle: 活动一\ndate: 2024-05-02\n---\n",
    );
    site.write(
        "content/events/b.md",
        "---\ntitle: 活动二\ndate: 2024-05-03\n---\n",
    );
    site.write("content/more.md", "---\ntitle: 更多\n---\n");
    site.write("content/most.md", "---\ntitle: 最多\n---\n");
    site.build(&[]);
    // anti-cult has no paginate_by: kepu.yaml's 2 applies.
    assert_eq!(
        listed_titles(&site.read("anti-cult/index.html")),
        ["第三篇", "第二篇"]
    );
    assert!(site.exists("anti-cult/page/2/index.html"));
    // events says paginate_by: 0: one list, no paginator.
    let events = site.read("events/index.html");
    assert_eq!(listed_titles(&events).len(), 3);
    assert!(!events.contains("class=\"pager\"") && !site.exists("events/page/2/index.html"));
    // The home page is paginated only by its own front matter.
    assert!(!site.exists("page/2/index.html"));
}
