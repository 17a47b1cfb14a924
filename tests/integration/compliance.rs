//! What a Chinese public site must show: the footer from `site_info`
//! (sponsor, contact, 备案 numbers with their links, the account's QR
//! code) and each article's attribution (来源, 作者, 摄影, 责任编辑, 审核)
//! on the page, its print and WeChat editions and in the Atom feed.

use super::editions::{built_demo, export_body};
use crate::common::Site;

/// The footer of the built page at `rel`.
fn footer(site: &crate::common::shared::Built, rel: &str) -> String {
    let page = site.read(rel);
    let start = page.find("<footer class=\"site-footer\"").expect("a footer");
    page[start..].to_string()
}

#[test]
fn footer_carries_the_site_info_with_beian_links() {
    let site = built_demo();
    for rel in ["index.html", "tips/drink-water/index.html"] {
        let footer = footer(site, rel);
        assert!(
            footer.contains("<span>主办单位：xx 市科学技术协会</span>"),
            "{footer}"
        );
        assert!(
            footer.contains(r#"<span>电话：<a href="tel:0394-1234567">0394-1234567</a></span>"#),
            "{footer}"
        );
        assert!(
            footer.contains(r#"<a href="mailto:kexie@example.org">kexie@example.org</a>"#),
            "{footer}"
        );
        // The numbers exactly as issued (no space put into 豫ICP备), linked
        // to the registers, the badge from the site's static files.
        assert!(
            footer.contains(r#"<a href="https://beian.miit.gov.cn/">豫ICP备12345678号-1</a>"#),
            "{footer}"
        );
        assert!(
            footer.contains(concat!(
                r#"<a href="https://beian.mps.gov.cn/#/query/webSearch?code=41160202000001">"#,
                r#"<img src="https://kexie.example.org/images/beian.svg" alt="" width="20" height="20">豫公网安备41160202000001号</a>"#
            )),
            "{footer}"
        );
        assert!(footer.contains("<span>网站标识码：4116000001</span>"), "{footer}");
        assert!(
            footer.contains(
                r#"<img src="https://kexie.example.org/images/wechat-qr.svg" alt="微信公众号二维码""#
            ),
            "{footer}"
        );
    }
    assert!(site.exists("images/beian.svg") && site.exists("images/wechat-qr.svg"));
}

/// The demo site with `site_info` replaced by `lines` (YAML, indented).
fn demo_with_site_info(lines: &str) -> Site {
    let site = Site::demo();
    let config = site.read_source("kepu.yaml");
    let start = config.find("site_info:\n").expect("the demo sets site_info");
    let end = start + config[start..].find("\nextra:").unwrap() + 1;
    site.write(
        "kepu.yaml",
        format!("{}site_info:\n{lines}{}", &config[..start], &config[end..]),
    );
    site
}

/// The line of `kepu.yaml` holding `text`, counted from 1.
fn config_line(site: &Site, text: &str) -> usize {
    let config = site.read_source("kepu.yaml");
    config[..config.find(text).unwrap()].lines().count() + 1
}

#[test]
fn footer_shows_only_what_is_set() {
    let site = demo_with_site_info("  sponsor: 测试科协\n");
    site.build(&[]);
    let page = site.read("index.html");
    assert!(page.contains("<span>主办单位：测试科协</span>"), "{page}");
    for absent in [
        "承办单位",
        "地址：",
        "电话：",
        "footer-beian",
        "footer-qr",
        "网站标识码",
    ] {
        assert!(!page.contains(absent), "{absent} shown though not set");
    }
}

#[test]
fn site_info_keys_and_files_are_checked() {
    let site = demo_with_site_info("  sponsor: 测试科协\n  icp_number: 豫ICP备1号\n");
    let err = site.build_fails(&[]);
    let line = config_line(&site, "  icp_number");
    assert!(
        err.contains(&format!("kepu.yaml:{line}")) && err.contains("icp_number"),
        "{err}"
    );
    assert!(err.contains("`icp`"), "the hint names the key meant: {err}");

    let site = demo_with_site_info("  wechat_qr: images/qr.png\n");
    let err = site.build_fails(&[]);
    assert!(
        err.contains(&format!("kepu.yaml:{}", config_line(&site, "site_info:"))),
        "{err}"
    );
    assert!(
        err.contains("site_info.wechat_qr names images/qr.png, which is no file of the site"),
        "{err}"
    );
    site.write("static/images/qr.png", b"\x89PNG");
    site.build(&[]);
    assert!(
        site.read("index.html")
            .contains(r#"<img src="https://kexie.example.org/images/qr.png""#)
    );
}

#[test]
fn attribution_shows_on_the_page_its_editions_and_the_feed() {
    let site = built_demo();
    let line = concat!(
        r#"<p class="attribution"><span>来源：市科协青少年科技教育部</span>　<span>作者：王晓明</span>　"#,
        r#"<span>摄影：李华</span>　<span>责任编辑：张敏</span>　<span>审核：刘建国</span></p>"#
    );
    let page = site.read("events/robot-contest-2024/index.html");
    assert!(page.contains(line), "{page}");
    let wechat = site.read("wechat/events/robot-contest-2024/index.html");
    let body = export_body(&wechat);
    assert!(
        body.contains("来源：市科协青少年科技教育部</span>　<span") && body.contains("审核：刘建国"),
        "the WeChat body carries it: {body}"
    );
    // Only the fields given: the tip names its source, editor and reviewer.
    let tip = site.read("tips/national-science-day/index.html");
    assert!(
        tip.contains(
            "<span>来源：市科协科普部</span>　<span>责任编辑：张敏</span>　<span>审核：刘建国</span></p>"
        ),
        "{tip}"
    );
    assert!(
        !site
            .read("tips/cpr-basics/index.html")
            .contains("class=\"attribution\"")
    );
    // Atom names the article's author in its entry.
    let feed = site.read("events/atom.xml");
    let entry = &feed[feed.find("第二十三届河南省青少年机器人竞赛").unwrap()..];
    let entry = &entry[..entry.find("</entry>").unwrap()];
    assert!(entry.contains("<author>\n      <name>王晓明</name>"), "{entry}");
}
