//! What a person reads: problems in the site's language, many of one kind
//! summarised, a count line always, and exit codes that let a site with
//! warnings pass `kepu check`.

use crate::common::Site;
use serde_json::Value;

/// The basic site with `posts` pages migrated from another generator:
/// every second one (the first included) with an unknown key `banner` (an
/// error) if `banner`, the others with an image without alt text (a warning).
fn migrated_site(posts: usize, banner: bool) -> Site {
    let site = Site::fixture("basic");
    // The fixture's templates have no taxonomy pages, which a build warns about.
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    site.write("kepu.yaml", format!("{config}outputs: {{taxonomies: false}}\n"));
    for i in 0..posts {
        let text = if banner && i % 2 == 0 {
            format!("---\ntitle: 第 {i} 篇\nbanner: top.jpg\n---\n\n正文\n")
        } else {
            format!("---\ntitle: 第 {i} 篇\n---\n\n正文\n\n![](/kexie/poster.svg)\n")
        };
        site.write(&format!("content/tips/post-{i:03}.md"), text);
    }
    site.write("static/poster.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(site: &Site, lang: &str, args: &[&str]) -> Run {
    let out = site.kepu_in(lang, args);
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn three_hundred_identical_problems_are_summarised_in_chinese() {
    let site = migrated_site(300, true);
    let check = run(&site, "zh", &["check"]);
    assert_eq!(check.code, Some(1), "{}", check.stdout);
    let text = &check.stdout;
    assert_eq!(text.matches("未知字段 `banner`").count(), 3 + 1, "{text}");
    assert!(
        text.contains("错误：…… 另有 147 处同样的问题（未知字段 `banner`），在 147 个文件中："),
        "{text}"
    );
    assert!(
        text.contains(
            "警告：…… 另有 147 处同样的问题（图片 /kexie/poster.svg 没有替代文字），在 147 个文件中："
        ),
        "{text}"
    );
    assert_eq!(
        text.matches("提示：`banner` 是其他建站工具的写法，kepu 里写 `cover`")
            .count(),
        4,
        "one hint per problem shown and one for the rest:\n{text}"
    );
    assert!(text.ends_with("：150 个错误，150 个警告\n"), "{text}");
    assert!(text.lines().count() < 30, "{text}");
}

#[test]
fn a_failed_build_summarises_and_counts_in_english_too() {
    let site = migrated_site(300, true);
    let build = run(&site, "en", &["build"]);
    assert_eq!(build.code, Some(1));
    assert!(
        build
            .stderr
            .contains("error: … and 147 more of the same (unknown key `banner`) in 147 files: "),
        "{}",
        build.stderr
    );
    assert!(
        build.stderr.contains(
            " and 144 more\n  hint: `banner` is what other generators call it; kepu's key is `cover`"
        ),
        "{}",
        build.stderr
    );
    assert!(
        build.stderr.ends_with("\n150 errors, 0 warnings\n"),
        "{}",
        build.stderr
    );
}

#[test]
fn warnings_alone_pass_check_unless_denied() {
    let site = migrated_site(12, false);
    let check = run(&site, "en", &["check"]);
    assert_eq!(check.code, Some(0), "{}", check.stdout);
    assert!(
        check.stdout.ends_with(": 0 errors, 12 warnings\n"),
        "{}",
        check.stdout
    );
    let denied = run(&site, "en", &["check", "--deny-warnings"]);
    assert_eq!(denied.code, Some(1), "{}", denied.stdout);
    assert!(
        denied
            .stdout
            .contains("--deny-warnings turns warnings into failures"),
        "{}",
        denied.stdout
    );
}

#[test]
fn quiet_hides_warnings_but_not_the_count() {
    let site = migrated_site(2, false);
    let check = run(&site, "zh", &["check", "--quiet"]);
    assert_eq!(check.code, Some(0), "{}", check.stdout);
    assert!(!check.stdout.contains("警告："), "{}", check.stdout);
    assert!(
        check.stdout.ends_with("：0 个错误，2 个警告\n"),
        "{}",
        check.stdout
    );
    let build = run(&site, "zh", &["build", "--quiet"]);
    assert_eq!(build.code, Some(0), "{}", build.stderr);
    assert_eq!(build.stderr, "0 个错误，2 个警告\n");
}

#[test]
fn the_build_summary_is_in_the_sites_language() {
    let site = Site::fixture("basic");
    let chinese = run(&site, "", &["build"]);
    assert_eq!(chinese.code, Some(0), "{}", chinese.stderr);
    assert!(
        chinese.stdout.starts_with("构建了 5 个页面和 3 个栏目：") && chinese.stdout.contains(" 毫秒）\n"),
        "{}",
        chinese.stdout
    );
    assert!(chinese.stderr.contains("0 个错误，"), "{}", chinese.stderr);
    let english = run(&site, "en", &["build"]);
    assert!(
        english.stdout.starts_with("built 5 pages and 3 sections: ") && english.stdout.contains(" ms)\n"),
        "{}",
        english.stdout
    );
}

/// `kepu init` and `kepu new`, run where no site says its language yet,
/// speak Chinese (kepu's default), or English with KEPU_LANG=en.
#[test]
fn init_and_new_speak_chinese_unless_told_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let kepu = |lang: &str, args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_kepu"))
            .args(args)
            .env("KEPU_LANG", lang)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
        (out.status.code(), said)
    };
    let (code, said) = kepu("", &["init", "site"]);
    assert_eq!(code, Some(0), "{said}");
    assert_eq!(said, "已在 site 新建网站；构建它：kepu build --root site\n");
    let (code, said) = kepu("", &["init", "site"]);
    assert_eq!(code, Some(1), "{said}");
    assert!(
        said.contains("错误：不能在 site 新建网站：这个文件夹不是空的\n  提示：换一个新的文件夹名\n"),
        "{said}"
    );
    let (_, said) = kepu("en", &["init", "site"]);
    assert!(
        said.contains(
            "error: refusing to initialise site: the folder is not empty\n  hint: pick a new folder name\n"
        ),
        "{said}"
    );
    let (_, said) = kepu("en", &["init", "other"]);
    assert_eq!(
        said,
        "created a new site in other; build it with: kepu build --root other\n"
    );
    let (_, said) = kepu("", &["new", "tip", "喝水", "--root", "site"]);
    assert!(
        said.contains("错误：") && said.contains("没有 `tip` 的模板（archetype）"),
        "{said}"
    );
    assert!(
        said.contains("提示：在网站或主题里新建 archetypes/tip.md"),
        "{said}"
    );
    let (_, said) = kepu("en", &["new", "event", "活动", "--schedule", "--root", "site"]);
    assert!(
        said.contains("error: --schedule is for daily tips (one a day)\n  hint: drop --schedule"),
        "{said}"
    );
}

#[test]
fn the_site_language_chooses_the_messages_and_kepu_lang_overrides_it() {
    let site = migrated_site(2, true);
    let out = site.kepu_in("", &["check"]);
    let chinese = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        chinese.contains("错误：") && chinese.contains("1 个错误"),
        "{chinese}"
    );
    let config = std::fs::read_to_string(site.path("kepu.yaml")).unwrap();
    site.write("kepu.yaml", format!("{config}language: en-GB\n"));
    let out = site.kepu_in("", &["check"]);
    let english = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        english.contains("error: ") && english.contains("1 error, 1 warning"),
        "{english}"
    );
    assert!(run(&site, "zh", &["check"]).stdout.contains("1 个错误，1 个警告"));
}

#[test]
fn json_names_the_kind_of_every_problem() {
    let site = migrated_site(2, true);
    let out = site.kepu(&["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let codes: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["unknown-key", "missing-alt"], "{report:#}");
    assert_eq!(report["version"], 1);
}

/// `(code, line)` of each problem `kepu check --format json` finds in `file`.
fn problems_in(site: &Site, file: &str) -> Vec<(String, u64)> {
    let out = site.kepu(&["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["file"] == file)
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_string(),
                p["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn a_file_with_front_matter_problems_still_gets_its_other_checks() {
    let site = Site::fixture("basic");
    site.write(
        "content/tips/moved.md",
        "---\ntitle: 搬来的文章\nbanner: top.jpg\ntags: 3\ntranslator: 张三\n---\n\n见[不存在的页面](@/tips/nope.md)。\n\n![](/kexie/a.png)\n",
    );
    let found = problems_in(&site, "content/tips/moved.md");
    let found: Vec<(&str, u64)> = found.iter().map(|(code, line)| (code.as_str(), *line)).collect();
    for expected in [
        ("unknown-key", 3),
        ("wrong-type", 4),
        ("unknown-key", 5),
        ("broken-link", 8),
        ("missing-alt", 10),
    ] {
        assert!(found.contains(&expected), "{expected:?} not in {found:?}");
    }
    // The build stops at the front matter, as before.
    let build = run(&site, "zh", &["build"]);
    assert_eq!(build.code, Some(1));
    assert!(
        build.stderr.contains("moved.md:3:1: 未知字段 `banner`"),
        "{}",
        build.stderr
    );
    assert!(
        build
            .stderr
            .contains("moved.md:4:7: `tags` 应当写列表，写成了整数 `3`"),
        "{}",
        build.stderr
    );
    assert!(build.stderr.ends_with("3 个错误，0 个警告\n"), "{}", build.stderr);
}

/// Broken YAML (reported once, nothing after it) or a missing `title`
/// leaves no page to build, but `kepu check` still checks the body, and
/// links to the page do not fail.
#[test]
fn a_file_whose_front_matter_cannot_be_read_still_gets_its_body_checked() {
    let site = Site::fixture("basic");
    site.write(
        "content/tips/broken.md",
        "---\ntitle: \"没有结束的引号\ntags: [健康\n---\n\n见[不存在的页面](@/tips/nope.md)。\n",
    );
    site.write(
        "content/tips/untitled.md",
        "---\ndate: 2024-06-25\n---\n\n![](/kexie/a.png)\n\n见[上一篇](@/tips/broken.md)。\n",
    );
    let broken = problems_in(&site, "content/tips/broken.md");
    assert_eq!(
        broken.iter().filter(|(code, _)| code == "yaml-syntax").count(),
        1,
        "{broken:?}"
    );
    assert!(broken.contains(&("broken-link".to_string(), 6)), "{broken:?}");
    let untitled = problems_in(&site, "content/tips/untitled.md");
    assert!(untitled.contains(&("missing-key".to_string(), 2)), "{untitled:?}");
    assert!(untitled.contains(&("missing-alt".to_string(), 5)), "{untitled:?}");
    assert!(
        !untitled.iter().any(|(code, _)| code == "broken-link"),
        "the link to the broken page resolves: {untitled:?}"
    );
    let build = run(&site, "en", &["build"]);
    assert_eq!(build.code, Some(1), "{}", build.stderr);
    assert!(!site.path("public/tips/untitled/index.html").exists());
}

#[test]
fn shortcodes_and_tags_of_other_generators_are_warnings_naming_what_kepu_writes() {
    let site = Site::fixture("basic");
    site.write(
        "content/tips/hexo.md",
        "---\ntitle: 从 Hexo 搬来\n---\n\n{% asset_img 海报.png 活动海报 %}\n\n{% codeblock %}\nx = 1\n{% endcodeblock %}\n\n{{< figure src=\"a.jpg\" >}}\n\n`{{< figure >}}` 是 Hugo 的写法。\n",
    );
    let found = problems_in(&site, "content/tips/hexo.md");
    let found: Vec<(&str, u64)> = found.iter().map(|(code, line)| (code.as_str(), *line)).collect();
    assert_eq!(
        found,
        [
            ("foreign-syntax", 5),
            ("foreign-syntax", 7),
            ("foreign-syntax", 11)
        ]
    );
    let check = run(&site, "zh", &["check"]);
    assert_eq!(check.code, Some(0), "warnings only:\n{}", check.stdout);
    assert!(
        check.stdout.contains("hexo.md:5:1: 这是其他网站生成器（Hugo、Hexo 或 Jekyll）的写法，kepu 会把它原样显示成文字：{% asset_img 海报.png 活动海报 %}\n  提示：图片写成 ![说明](图片.jpg)"),
        "{}",
        check.stdout
    );
    let english = run(&site, "en", &["build"]);
    assert_eq!(english.code, Some(0), "{}", english.stderr);
    assert!(
        english
            .stderr
            .contains("hexo.md:11:1: this is another site generator's syntax"),
        "{}",
        english.stderr
    );
}

/// Jekyll's `{{ site.baseurl }}` is a warning naming what kepu writes, not
/// a malformed shortcode; `www.` addresses in text are links, as in GFM.
#[test]
fn jekyll_base_urls_warn_and_www_addresses_are_links() {
    let site = Site::fixture("basic");
    site.write(
        "content/tips/jekyll.md",
        "---\ntitle: 从 Jekyll 搬来\n---\n\n![海报]({{ site.baseurl }}/img/a.png)\n\n详见 www.example.org/kepu 或访问www.kepu.org。\n\n`www.code.example`\n",
    );
    let check = run(&site, "zh", &["check"]);
    assert_eq!(check.code, Some(0), "warnings only:\n{}", check.stdout);
    assert!(
        check.stdout.contains(
            "jekyll.md:5:7: 这是其他网站生成器（Hugo、Hexo 或 Jekyll）的写法，kepu 会把它原样显示成文字：{{ site.baseurl }}\n  提示：kepu 里不用写 Jekyll 的 `{{ site.baseurl }}`"
        ),
        "{}",
        check.stdout
    );
    let english = run(&site, "en", &["build"]);
    assert_eq!(english.code, Some(0), "{}", english.stderr);
    assert!(
        english
            .stderr
            .contains("Jekyll's `{{ site.baseurl }}` is not needed in kepu"),
        "{}",
        english.stderr
    );
    let page = site.read("tips/jekyll/index.html");
    assert!(
        page.contains("详见 <a href=\"http://www.example.org/kepu\">www.example.org/kepu</a> 或访问<a href=\"http://www.kepu.org\">www.kepu.org</a>。"),
        "{page}"
    );
    assert!(page.contains("<code>www.code.example</code>"), "{page}");
}

#[test]
fn double_braces_meant_as_text_get_a_hint_to_write_them_out() {
    let site = Site::fixture("basic");
    site.write(
        "content/tips/vue.md",
        "---\ntitle: 模板语法\n---\n\nVue 用 {{ message }} 显示数据。\n",
    );
    let build = run(&site, "zh", &["build"]);
    assert_eq!(build.code, Some(1));
    assert!(
        build
            .stderr
            .contains("如果要把 {{ … }} 原样显示成文字，写成 {{/* … */}}"),
        "{}",
        build.stderr
    );
}

/// A file and a folder named in GBK (as old Windows archives write names):
/// each an error naming its folder and showing the name readably, never a
/// page whose address silently lost part of its name.
#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_are_errors_that_show_the_name() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::fixture("basic");
    // 喝水.md and 资料/ in GBK; b"\xff\xfe.md" is neither UTF-8 nor GBK.
    let tips = site.path("content/tips");
    let gbk_file = tips.join(std::ffi::OsStr::from_bytes(b"\xba\xc8\xcb\xae.md"));
    std::fs::write(&gbk_file, "---\ntitle: 喝水\n---\n\n正文\n").unwrap();
    let gbk_folder = tips.join(std::ffi::OsStr::from_bytes(b"\xd7\xca\xc1\xcf"));
    std::fs::create_dir(&gbk_folder).unwrap();
    std::fs::write(gbk_folder.join("index.md"), "---\ntitle: 资料\n---\n").unwrap();
    std::fs::write(
        tips.join(std::ffi::OsStr::from_bytes(b"\xff\xfe.md")),
        "---\ntitle: x\n---\n",
    )
    .unwrap();

    let chinese = run(&site, "zh", &["build"]);
    assert_eq!(chinese.code, Some(1), "{}", chinese.stderr);
    let said = &chinese.stderr;
    assert!(
        said.contains(
            "content/tips: 文件名 `\\xBA\\xC8\\xCB\\xAE.md` 不是 UTF-8 编码（按旧 Windows 压缩包常用的 GBK 读，是“喝水.md”），不能用在网址里"
        ),
        "{said}"
    );
    assert!(said.contains("提示：把它改名为“喝水.md”"), "{said}");
    assert!(
        said.contains("文件夹名 `\\xD7\\xCA\\xC1\\xCF` 不是 UTF-8 编码"),
        "{said}"
    );
    assert!(said.contains("是“资料”"), "{said}");
    assert!(
        said.contains("文件名 `\\xFF\\xFE.md` 不是 UTF-8 编码，不能用在网址里"),
        "{said}"
    );
    assert!(said.contains("3 个错误，"), "{said}");
    assert!(!said.contains('\u{FFFD}'), "{said}");

    let english = run(&site, "en", &["check"]);
    assert_eq!(english.code, Some(1), "{}", english.stdout);
    assert!(
        english.stdout.contains(
            "content/tips: the file name `\\xBA\\xC8\\xCB\\xAE.md` is not UTF-8 (read as GBK, as old Windows archives write names, it is “喝水.md”)"
        ),
        "{}",
        english.stdout
    );
    assert!(
        english.stdout.contains("hint: rename it to “喝水.md”"),
        "{}",
        english.stdout
    );
    assert!(english.stdout.contains("3 errors, "), "{}", english.stdout);
}
