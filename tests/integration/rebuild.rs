//! Incremental rebuilds (what `kepu serve` does after each save) give the
//! same bytes as a fresh build, and re-render only what the change shows on.
//! Each test edits the demo site with the kepu theme, rebuilds, and compares
//! every output with a build from scratch.

use crate::common::Site;
use kepu::serve::rebuild::Rebuilder;
use kepu::serve::served::{Served, ServedFile};
use kepu::serve::watch::Changes;
use std::net::SocketAddr;
use std::sync::atomic::AtomicBool;

const SCRIPT: &str = "<script>live()</script>";

/// A demo site built once, then rebuilt after each change.
struct Editing {
    site: Site,
    rebuilder: Rebuilder,
    served: Served,
}

impl Editing {
    fn start() -> Editing {
        let site = Site::demo();
        let mut rebuilder = new_rebuilder(&site);
        let served = rebuilder.build_all().expect("the demo site builds");
        Editing {
            site,
            rebuilder,
            served,
        }
    }

    /// Rebuilds after changes to the files at `paths`; returns the output
    /// paths that changed.
    fn rebuild(&mut self, paths: &[&str]) -> Vec<String> {
        let changed = self.rebuild_only(paths);
        self.assert_same_as_fresh_build();
        changed
    }

    /// [`Editing::rebuild`] without the comparison with a fresh build.
    fn rebuild_only(&mut self, paths: &[&str]) -> Vec<String> {
        let served = self
            .try_rebuild(paths)
            .unwrap_or_else(|e| panic!("rebuild failed: {e}"));
        let changed = self.served.changed_paths(&served);
        self.served = served;
        changed
    }

    fn try_rebuild(&mut self, paths: &[&str]) -> kepu::error::Result<Served> {
        let root = self.rebuilder.root().to_path_buf();
        let mut changes = Changes::default();
        for path in paths {
            changes.add(&root, &root.join(path));
        }
        self.rebuilder.rebuild(&changes)
    }

    fn rendered(&self) -> usize {
        self.rebuilder.render_stats().rendered
    }

    fn assert_same_as_fresh_build(&self) {
        self.assert_same_as(&self.fresh_build());
    }

    fn fresh_build(&self) -> Served {
        new_rebuilder(&self.site).build_all().expect("a fresh build")
    }

    /// The served site equals `fresh`, a build from scratch.
    fn assert_same_as(&self, fresh: &Served) {
        let mut incremental: Vec<&String> = self.served.files.keys().collect();
        let mut full: Vec<&String> = fresh.files.keys().collect();
        incremental.sort();
        full.sort();
        assert_eq!(incremental, full, "the same files");
        for (path, file) in &fresh.files {
            let same = match (file, &self.served.files[path]) {
                (ServedFile::Bytes(a), ServedFile::Bytes(b)) => a == b,
                (ServedFile::Copy { from: a, .. }, ServedFile::Copy { from: b, .. }) => a == b,
                _ => false,
            };
            assert!(same, "{path} differs from a fresh build");
        }
    }
}

fn new_rebuilder(site: &Site) -> Rebuilder {
    let address: SocketAddr = "127.0.0.1:1111".parse().unwrap();
    let root = site.root().canonicalize().unwrap();
    Rebuilder::new(&root, address, false, false, Some(SCRIPT.into()))
}

const PAGE: &str = "content/tips/drink-water.md";
/// The default theme's stylesheet, also inlined into the WeChat edition.
const STYLESHEET: &str = "themes/kepu/static/css/style.css";

#[test]
fn editing_a_body_re_renders_that_page_and_the_lists_holding_it() {
    let mut e = Editing::start();
    let total = e.served.files.len();
    e.site
        .edit(PAGE, "## 每天喝多少水合适", "新的一段话。\n\n## 每天喝多少水合适");
    let changed = e.rebuild(&[PAGE]);
    // Besides the page and its WeChat edition, only data files (the
    // search index) change.
    let pages: Vec<&String> = changed.iter().filter(|p| p.ends_with(".html")).collect();
    assert_eq!(
        pages,
        [
            "tips/drink-water/index.html",
            "wechat/tips/drink-water/index.html"
        ]
    );
    // The page and the lists, calendars and figure pages whose values or
    // functions hold it: a small part of the site.
    assert!(e.rendered() < total / 4, "rendered {} of {total}", e.rendered());
    let page = &e.served.files["tips/drink-water/index.html"];
    let ServedFile::Bytes(html) = page else { panic!() };
    assert!(String::from_utf8_lossy(html).contains("新的一段话。"));
    assert!(String::from_utf8_lossy(html).contains(SCRIPT));
    // Saving without a change renders nothing.
    assert!(e.rebuild(&[PAGE]).is_empty());
    assert_eq!(e.rendered(), 0);
}

#[test]
fn editing_front_matter_re_renders_the_lists_that_show_the_page() {
    let mut e = Editing::start();
    e.site.edit(
        PAGE,
        "title: \"科学饮水：每天喝多少、怎么喝\"",
        "title: \"喝水新标题\"\ndate: 2024-12-31",
    );
    e.site.edit(PAGE, "date: 2024-06-02\n", "");
    let changed = e.rebuild(&[PAGE]);
    assert!(changed.contains(&"tips/index.html".to_string()), "{changed:?}");
    assert!(
        changed.contains(&"tips/drink-water/index.html".to_string()),
        "{changed:?}"
    );
    assert!(
        e.rendered() < e.served.files.len() / 2,
        "rendered {}",
        e.rendered()
    );
}

#[test]
fn deleting_renaming_and_adding_pages() {
    let mut e = Editing::start();
    std::fs::remove_file(e.site.path("content/tips/eye-care.md")).unwrap();
    let changed = e.rebuild(&["content/tips/eye-care.md"]);
    assert!(changed.contains(&"tips/eye-care/index.html".to_string()));
    assert!(!e.served.files.contains_key("tips/eye-care/index.html"));

    std::fs::rename(e.site.path(PAGE), e.site.path("content/tips/water.md")).unwrap();
    e.rebuild(&[PAGE, "content/tips/water.md"]);
    assert!(e.served.files.contains_key("tips/water/index.html"));

    e.site.write(
        "content/new-column/first.md",
        "---\ntitle: 新栏目第一篇\ndate: 2024-07-01\ntags: [新标签]\n---\n正文。\n",
    );
    e.rebuild(&["content/new-column"]);
    assert!(e.served.files.contains_key("new-column/first/index.html"));
}

#[test]
fn a_template_edit_re_renders_the_pages_using_it() {
    let mut e = Editing::start();
    let pages = e.served.files.len();
    e.site.edit(
        "themes/kepu/templates/section.html",
        "{% block content %}",
        "{% block content %}<i>栏目</i>",
    );
    e.rebuild(&["themes/kepu/templates/section.html"]);
    assert!(
        e.rendered() > 0 && e.rendered() < pages / 2,
        "rendered {}",
        e.rendered()
    );

    e.site
        .edit("themes/kepu/templates/base.html", "<main", "<!-- 全站 --><main");
    e.rebuild(&["themes/kepu/templates/base.html"]);
    let ServedFile::Bytes(html) = &e.served.files["tips/drink-water/index.html"] else {
        panic!()
    };
    assert!(String::from_utf8_lossy(html).contains("<!-- 全站 -->"));
}

#[test]
fn static_files_config_and_sections() {
    let mut e = Editing::start();
    // A stylesheet that is only linked is only copied.
    e.site
        .edit("themes/kepu/static/css/editions.css", "", "/* edited */\n");
    assert_eq!(
        e.rebuild(&["themes/kepu/static/css/editions.css"]),
        ["css/editions.css"]
    );
    assert_eq!(e.rendered(), 0);
    e.site.write("static/robots.txt", "User-agent: *\n");
    e.rebuild(&["static/robots.txt"]);
    assert!(e.served.files.contains_key("robots.txt"));

    e.site.edit("content/tips/_index.md", "title: ", "title: 新");
    e.rebuild(&["content/tips/_index.md"]);

    e.site.edit("kepu.yaml", "title: ", "title: 新");
    e.rebuild(&["kepu.yaml"]);
    let ServedFile::Bytes(html) = &e.served.files["index.html"] else {
        panic!()
    };
    assert!(String::from_utf8_lossy(html).contains("<title>新"));
}

#[test]
fn a_broken_file_fails_the_build_and_fixing_it_recovers() {
    let mut e = Editing::start();
    let good = e.site.read_source(PAGE);
    e.site.write(PAGE, good.replacen("title: \"", "title: [\"", 1));
    let err = e.try_rebuild(&[PAGE]).map(drop).unwrap_err().to_string();
    assert!(err.contains("drink-water.md:2"), "{err}");
    e.site.write(PAGE, good.replacen("你", "您", 1));
    e.rebuild(&[PAGE]);
}

#[test]
fn a_burst_of_changes_is_one_rebuild() {
    let mut e = Editing::start();
    let mut paths = Vec::new();
    for i in 0..150 {
        let rel = format!("content/tips/burst-{i:03}.md");
        e.site.write(
            &rel,
            format!("---\ntitle: 批量 {i}\ndate: 2024-05-01\n---\n第 {i} 篇。\n"),
        );
        paths.push(rel);
    }
    e.site.edit(PAGE, "## 每天喝多少水合适", "## 每天喝多少水才合适");
    paths.push(PAGE.to_string());
    let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
    e.rebuild(&refs);
    assert!(e.served.files.contains_key("tips/burst-149/index.html"));
}

#[test]
fn the_wechat_stylesheet_is_an_input_of_the_wechat_pages() {
    let mut e = Editing::start();
    let stylesheet = e.site.path(STYLESHEET).canonicalize().unwrap();
    assert!(e.rebuilder.reads_copied_file(&stylesheet));
    let wechat_pages = e.served.files.keys().filter(|p| p.starts_with("wechat/")).count();
    e.site.edit(STYLESHEET, "--text: #1a1a1a;", "--text: #202020;");
    let changed = e.rebuild(&[STYLESHEET]);
    assert!(changed.contains(&"css/style.css".to_string()));
    assert!(
        changed
            .iter()
            .all(|p| p == "css/style.css" || p.starts_with("wechat/")),
        "{changed:?}"
    );
    assert_eq!(e.rendered(), wechat_pages);
}

#[test]
fn editions_follow_their_pages() {
    let mut e = Editing::start();
    // The newest tip, shown by the lobby screen.
    let tip = "content/tips/reading-habits.md";
    e.site
        .edit(tip, "description: \"暑假", "description: \"新摘要。暑假");
    let changed = e.rebuild(&[tip]);
    for edition in [
        "tips.json",
        "screen/index.html",
        "wechat/tips/reading-habits/index.html",
    ] {
        assert!(changed.contains(&edition.to_string()), "{edition}: {changed:?}");
    }

    e.site.edit(PAGE, "title: ", "slug: water\ntitle: ");
    let changed = e.rebuild(&[PAGE]);
    for moved in [
        "tips/drink-water/share.png",
        "tips/water/share.png",
        "wechat/tips/water/index.html",
    ] {
        assert!(changed.contains(&moved.to_string()), "{moved}: {changed:?}");
    }
}

#[test]
fn a_template_calling_figures_follows_the_recaps_only() {
    let mut e = Editing::start();
    e.site.write(
        "templates/totals.html",
        "{% set totals = figures() %}<html><body><p>{{ totals.participants }}</p></body></html>",
    );
    e.site.write(
        "content/totals.md",
        "---\ntitle: 总人次\ntemplate: totals.html\n---\n",
    );
    e.rebuild(&["templates/totals.html", "content/totals.md"]);
    e.site.edit(PAGE, "## 每天喝多少水合适", "## 每天喝多少水才合适");
    assert!(!e.rebuild(&[PAGE]).contains(&"totals/index.html".to_string()));
    let recap = "content/events/anticult-community.md";
    e.site.edit(recap, "participants: 2800", "participants: 2900");
    assert!(e.rebuild(&[recap]).contains(&"totals/index.html".to_string()));
}

#[test]
fn site_wide_outputs_follow_their_pages() {
    let mut e = Editing::start();
    e.site.edit(PAGE, "tags: [健康, 安全]", "tags: [健康, 饮水]");
    let changed = e.rebuild(&[PAGE]);
    for output in [
        "tags/yin-shui/index.html",
        "tags/an-quan/index.html",
        "tags/index.html",
    ] {
        assert!(changed.contains(&output.to_string()), "{output}: {changed:?}");
    }
    // A term the page is not under keeps its page.
    assert!(!changed.contains(&"tags/ji-qi-ren/index.html".to_string()));

    e.site.edit(PAGE, "title: \"科学饮水", "title: \"喝水");
    let changed = e.rebuild(&[PAGE]);
    for output in ["atom.xml", "tips/rss.xml", "tags/jian-kang/index.html"] {
        assert!(changed.contains(&output.to_string()), "{output}: {changed:?}");
    }

    e.site.edit(PAGE, "date: 2024-06-02", "date: 2024-06-03");
    assert!(e.rebuild(&[PAGE]).contains(&"sitemap.xml".to_string()));

    e.site.edit(PAGE, "title: ", "aliases: [/old/water/]\ntitle: ");
    let changed = e.rebuild(&[PAGE]);
    assert!(
        changed.contains(&"old/water/index.html".to_string()),
        "{changed:?}"
    );
    assert!(
        e.rendered() < e.served.files.len() / 4,
        "rendered {}",
        e.rendered()
    );
}

impl Editing {
    /// Rebuilds after changes to `paths` in steps, as `kepu serve` does;
    /// returns the paths of the outputs handed over first and whether the
    /// rest was done (`interrupt` set stops it).
    fn rebuild_in_steps(&mut self, paths: &[&str], interrupt: bool) -> (Vec<String>, bool) {
        let root = self.rebuilder.root().to_path_buf();
        let mut changes = Changes::default();
        for path in paths {
            changes.add(&root, &root.join(path));
        }
        let mut first = Vec::new();
        let flag = AtomicBool::new(interrupt);
        let done = self
            .rebuilder
            .rebuild_in_steps(&changes, &flag, &mut |outputs| {
                first.extend(outputs.iter().map(|o| o.path().to_string()))
            })
            .unwrap_or_else(|e| panic!("rebuild failed: {e}"));
        if let Some(served) = &done {
            self.served = served.clone();
            self.assert_same_as_fresh_build();
        }
        first.sort();
        (first, done.is_some())
    }
}

#[test]
fn a_body_edit_hands_over_the_page_and_its_editions_first() {
    let mut e = Editing::start();
    e.site
        .edit(PAGE, "## 每天喝多少水合适", "先看这一段。\n\n## 每天喝多少水合适");
    let (first, done) = e.rebuild_in_steps(&[PAGE], false);
    assert!(done);
    for output in [
        "tips/drink-water/index.html",
        "wechat/tips/drink-water/index.html",
    ] {
        assert!(first.contains(&output.to_string()), "{output}: {first:?}");
    }
    assert!(first.iter().all(|p| p.contains("drink-water")), "{first:?}");
}

#[test]
fn an_interrupted_rebuild_is_finished_by_the_next() {
    let mut e = Editing::start();
    e.site.edit(
        PAGE,
        "## 每天喝多少水合适",
        "被打断的一段。\n\n## 每天喝多少水合适",
    );
    let (first, done) = e.rebuild_in_steps(&[PAGE], true);
    // The page goes out even so; the rest waits.
    assert!(first.contains(&"tips/drink-water/index.html".to_string()));
    assert!(!done);
    let other = "content/tips/eye-care.md";
    e.site.edit(other, "---\n\n", "---\n\n新的开头。\n\n");
    let (first, done) = e.rebuild_in_steps(&[other], false);
    assert!(done);
    // Both pages count as changed until a rebuild is done.
    assert!(first.contains(&"tips/drink-water/index.html".to_string()));
    assert!(first.contains(&"tips/eye-care/index.html".to_string()));
    let ServedFile::Bytes(html) = &e.served.files["tips/drink-water/index.html"] else {
        panic!()
    };
    assert!(String::from_utf8_lossy(html).contains("被打断的一段。"));
}

#[test]
fn a_body_edit_that_breaks_a_link_fails_and_fixing_it_recovers() {
    let mut e = Editing::start();
    let good = e.site.read_source(PAGE);
    e.site.write(
        PAGE,
        good.replacen("## 每天", "[旧文](@/tips/gone.md)\n\n## 每天", 1),
    );
    let err = e.try_rebuild(&[PAGE]).map(drop).unwrap_err().to_string();
    assert!(
        err.contains("drink-water.md") && err.contains("tips/gone.md"),
        "{err}"
    );
    e.site.write(
        PAGE,
        good.replacen("## 每天", "[眼睛](@/tips/eye-care.md)\n\n## 每天", 1),
    );
    e.rebuild(&[PAGE]);
}

#[test]
fn a_scheduled_page_comes_out_between_rebuilds() {
    let started = std::time::Instant::now();
    let mut e = Editing::start();
    let soon = "content/tips/soon.md";
    // Held back: the rebuild is compared with a fresh build only when both
    // ran before the release (a rebuild before it and a fresh build after it
    // would rightly differ). The release (in whole seconds) leaves time for
    // three builds like the first; on a machine slower than that, the page
    // is scheduled again, further ahead.
    let mut lead = (3.0 * started.elapsed().as_secs_f64()).ceil() as i64 + 1;
    let mut tries = 0;
    let release = loop {
        let release = jiff::Timestamp::from_second(jiff::Timestamp::now().as_second() + lead).unwrap();
        e.site.write(
            soon,
            format!("---\ntitle: 即将发布\ndate: {release}\n---\n正文。\n"),
        );
        e.rebuild_only(&[soon]);
        let fresh = e.fresh_build();
        if jiff::Timestamp::now() < release {
            e.assert_same_as(&fresh);
            assert!(!e.served.files.contains_key("tips/soon/index.html"));
            break release;
        }
        tries += 1;
        assert!(tries < 4, "two builds of the demo site took over {} s", lead - 1);
        lead *= 2;
    };
    while jiff::Timestamp::now() <= release {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // Only a body edit elsewhere: the page is due, so the model is made anew.
    e.site
        .edit(PAGE, "## 每天喝多少水合适", "又一段。\n\n## 每天喝多少水合适");
    e.rebuild(&[PAGE]);
    assert!(e.served.files.contains_key("tips/soon/index.html"));
}

#[test]
fn a_body_edit_reaches_every_list_that_shows_its_summary() {
    let mut e = Editing::start();
    // Without a description, lists show the summary: the first paragraph.
    let description = e
        .site
        .read_source(PAGE)
        .lines()
        .find(|l| l.starts_with("description:"))
        .map(|l| format!("{l}\n"))
        .unwrap();
    e.site.edit(PAGE, &description, "");
    e.rebuild(&[PAGE]);
    e.site.edit(PAGE, "水是生命之源", "水是一切生命之源");
    let changed = e.rebuild(&[PAGE]);
    for list in [
        "tips/page/2/index.html",
        "tags/jian-kang/index.html",
        "categories/mei-ri-ke-pu/page/2/index.html",
    ] {
        assert!(changed.contains(&list.to_string()), "{list}: {changed:?}");
    }
}
