//! Content blocks for science outreach: shortcodes with bodies (a site's
//! own in `templates/shortcodes/`), GFM alerts, and the built-in blocks in
//! their web, print and WeChat forms.

use crate::common::Site;
use crate::common::shared::{self, Built};

/// The part of `html` from the first `start` to the first `end` after it.
fn between<'h>(html: &'h str, start: &str, end: &str) -> &'h str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in:\n{html}"));
    let rest = &html[from..];
    &rest[..rest.find(end).map_or(rest.len(), |i| i + end.len())]
}

#[test]
fn block_bodies_are_rendered_markdown_and_blocks_nest() {
    let site = shared::fixture_with_default_theme("blocks");
    let page = site.read("tips/boxes/index.html");
    let outer = between(&page, r#"<aside class="box" id="box-1""#, "</article>");
    assert!(outer.contains(r#"<p class="box-title">外层</p>"#), "{outer}");
    assert!(outer.contains("<strong>Markdown</strong>"), "{outer}");
    assert!(
        outer.contains(r#"/tips/alerts/">提示</a>"#),
        "a link in a body is resolved like any other: {outer}"
    );
    let inner = between(outer, r#"<aside class="box" id="box-1-box-1""#, "</aside>");
    assert!(inner.contains("<li>内层列表</li>"), "{inner}");
    assert!(
        outer.contains(r#"data-children="box:内层;""#),
        "the outer block sees its children: {outer}"
    );
    assert!(!between(outer, "外层", "代码里").contains("{% end"), "{outer}");
    assert!(page.contains(r#"<code>{% box(title="x") %}</code>"#), "{page}");
    assert!(
        page.contains("<pre><code>{% box(title=\"y\") %}\n{% end %}"),
        "{page}"
    );
    assert!(page.contains("<p>结尾。</p>"), "{page}");
}

#[test]
fn a_broken_link_in_a_block_body_is_reported_at_its_line() {
    let site = Site::fixture_with_theme("blocks");
    site.edit(
        "content/tips/boxes.md",
        "- 内层列表",
        "- 内层列表，见[缺失](missing.md)",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("boxes.md:14"), "{stderr}");
    assert!(stderr.contains("missing.md"), "{stderr}");
}

#[test]
fn unclosed_and_mismatched_blocks_name_the_file_and_line() {
    let site = Site::fixture_with_theme("blocks");
    site.edit("content/tips/boxes.md", "{% end box %}", "");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("boxes.md:8"), "{stderr}");
    assert!(stderr.contains("`box` is never closed"), "{stderr}");

    let site = Site::fixture_with_theme("blocks");
    site.edit(
        "content/tips/boxes.md",
        "- 内层列表\n{% end %}",
        "- 内层列表\n{% end rumor %}",
    );
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("boxes.md:15"), "{stderr}");
    assert!(stderr.contains("does not match the open block `box`"), "{stderr}");
}

#[test]
fn gfm_alerts_are_labelled_callouts() {
    let site = shared::fixture_with_default_theme("blocks");
    let page = site.read("tips/alerts/index.html");
    for (kind, label, text) in [
        ("note", "注意", "这是注意事项。"),
        ("tip", "提示", "这是一条提示。"),
        ("important", "重要", "这很重要。"),
        ("warning", "警告", "这是警告。"),
        ("caution", "危险", "这很危险。"),
    ] {
        let alert = between(&page, &format!(r#"<div class="alert alert-{kind}""#), "</div>");
        assert!(
            alert.contains(&format!(r#"<p class="alert-title">{label}</p>"#)),
            "{alert}"
        );
        assert!(alert.contains(text), "{alert}");
        assert!(!alert.contains("[!"), "{alert}");
    }
    assert!(page.contains("<blockquote>\n<p>普通引用。</p>"), "{page}");
}

#[test]
fn a_rumor_labels_the_claim_and_the_truth_and_cites_its_source() {
    let site = shared::fixture_with_default_theme("blocks");
    let page = site.read("tips/rumor/index.html");
    let rumor = between(&page, r#"<section class="rumor""#, "</section>");
    assert!(
        rumor.contains(r#"<span class="rumor-label">流言</span>喝隔夜水会致癌"#),
        "{rumor}"
    );
    assert!(rumor.contains(">真相</p>"), "{rumor}");
    assert!(rumor.contains("<strong>可以放心喝</strong>"), "{rumor}");
    assert!(
        rumor.contains(r#"辟谣来源：<a href="https://www.kepuchina.cn/">中国科协科普中国</a>"#),
        "{rumor}"
    );
}

#[test]
fn a_video_loads_nothing_from_another_host_before_a_click() {
    let site = shared::fixture_with_default_theme("blocks");
    let page = site.read("tips/rumor/index.html");
    let video = between(&page, r#"<figure class="video" id="video-2""#, "</figure>");
    // The player's address is only in a data attribute read on click.
    assert!(!video.contains("<iframe"), "{video}");
    assert!(
        video.contains(
            r#"data-embed="https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&amp;autoplay=1""#
        ),
        "{video}"
    );
    for attribute in [" src=\"http", " poster=\"http"] {
        assert!(!video.contains(attribute), "{attribute} in {video}");
    }
    assert!(
        video.contains(r#"<a href="https://www.bilibili.com/video/BV1GJ411x7h7/">https://www.bilibili.com/video/BV1GJ411x7h7/</a>"#),
        "the plain address: {video}"
    );
    assert!(
        video.contains(r#"<svg xmlns="http://www.w3.org/2000/svg" class="qr""#),
        "print QR: {video}"
    );
    assert!(video.contains("请编辑在此处手动插入视频"), "{video}");
    let own = between(&page, r#"<figure class="video" id="video-3""#, "</figure>");
    assert!(
        own.contains(r#"preload="none" poster="clip.jpg" src="clip.mp4""#),
        "{own}"
    );
    assert!(own.contains(r#"<track kind="captions" src="clip.vtt""#), "{own}");
}

#[test]
fn a_video_without_a_source_is_an_error_at_its_line() {
    let site = Site::fixture_with_theme("blocks");
    site.edit("content/tips/rumor.md", "bilibili=\"BV1GJ411x7h7\", ", "");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("rumor.md:10"), "{stderr}");
    assert!(stderr.contains("needs the video"), "{stderr}");
}

#[test]
fn a_qa_block_labels_questions_and_answers_and_carries_faq_page_data() {
    let site = shared::fixture_with_default_theme("blocks");
    let page = site.read("tips/qa/index.html");
    let qa = between(&page, r#"<section class="qa""#, "</section>");
    assert!(
        qa.contains(r#"<span class="qa-label">问</span>出现低血糖怎么办？"#),
        "{qa}"
    );
    assert!(
        qa.contains(r#"<p class="qa-label qa-label-answer">答</p>"#),
        "{qa}"
    );
    assert!(
        qa.contains(r#"<a href="https://example.org/tips/alerts/">提示</a>"#),
        "a link in an answer is resolved: {qa}"
    );
    let script = between(qa, r#"<script type="application/ld+json">"#, "</script>");
    let json = &script[r#"<script type="application/ld+json">"#.len()..script.len() - "</script>".len()];
    assert!(
        !json.contains('<'),
        "nothing in the data can close its script: {json}"
    );
    let data: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(data["@context"], "https://schema.org");
    assert_eq!(data["@type"], "FAQPage");
    let questions = data["mainEntity"].as_array().unwrap();
    assert_eq!(questions.len(), 2, "{json}");
    assert_eq!(questions[0]["@type"], "Question");
    assert_eq!(questions[0]["name"], "血糖低于 3.9 mmol/L（<3.9）就算低血糖吗？");
    assert_eq!(questions[0]["acceptedAnswer"]["@type"], "Answer");
    assert_eq!(
        questions[0]["acceptedAnswer"]["text"],
        "对于糖尿病患者，血糖 <3.9 mmol/L 即属低血糖，见提示。"
    );
    assert_eq!(questions[1]["name"], "出现低血糖怎么办？");
}

#[test]
fn structured_data_and_player_code_stay_out_of_the_text_and_search_index() {
    let site = shared::fixture_with_default_theme("blocks");
    let index: String = site
        .snapshot()
        .into_iter()
        .filter(|(path, _)| path.starts_with("search/"))
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .collect();
    for code in ["schema.org", "FAQPage", "addEventListener"] {
        assert!(!index.contains(code), "{code} in the search index");
    }
    assert!(
        index.contains("出现低血糖怎么办"),
        "the block's own text is searchable"
    );
}

/// The body of a page's WeChat edition, as the editor copies it.
fn wechat_body(site: &Built, page: &str) -> String {
    let html = site.read(&format!("wechat/{page}/index.html"));
    between(&html, "<section data-kepu-export", "</main>").to_string()
}

#[test]
fn each_block_keeps_its_labels_on_the_page_and_in_the_wechat_edition() {
    let site = shared::fixture_with_default_theme("blocks");
    for (page, words) in [
        (
            "tips/alerts",
            &[">注意<", ">提示<", ">重要<", ">警告<", ">危险<"][..],
        ),
        ("tips/rumor", &[">流言<", ">真相<", "辟谣来源："]),
        ("tips/qa", &[">问<", ">答<", "出现低血糖怎么办？"]),
    ] {
        let web = site.read(&format!("{page}/index.html"));
        let wechat = wechat_body(site, page);
        for word in words {
            assert!(web.contains(word), "{page}: no {word}");
            assert!(wechat.contains(word), "WeChat {page}: no {word}\n{wechat}");
        }
        for removed in ["<script", "class=\"", "application/ld+json"] {
            assert!(!wechat.contains(removed), "WeChat {page}: {removed}\n{wechat}");
        }
    }
}

#[test]
fn the_wechat_edition_shows_the_video_note_for_the_editor() {
    let site = shared::fixture_with_default_theme("blocks");
    let wechat = wechat_body(site, "tips/rumor");
    let start = wechat
        .find("【视频】请编辑在此处手动插入视频“隔夜水的真相”")
        .unwrap();
    let tag = &wechat[wechat[..start].rfind('<').unwrap()..start];
    assert!(
        tag.contains("display:block") && !tag.contains("display:none"),
        "{tag}"
    );
    assert!(
        wechat[start..].starts_with("【视频】请编辑在此处手动插入视频“隔夜水的真相”，地址：https://www.bilibili.com/video/BV1GJ411x7h7/"),
        "{wechat}"
    );
    let page = site.read("tips/rumor/index.html");
    assert!(page.contains(r#"<div class="video-print"><svg"#), "{page}");
}

#[test]
fn a_quiz_answers_in_details_without_javascript_and_lists_the_answers_for_print() {
    let site = shared::fixture_with_default_theme("blocks");
    let page = site.read("tips/quiz/index.html");
    let quiz = between(&page, r#"<section class="quiz""#, "</section>");
    let first = between(quiz, r#"<fieldset class="quiz-question""#, "</fieldset>");
    assert!(
        first.contains(r#"<legend class="quiz-text"><span class="quiz-number">第 1 题</span>“能量水”能治百病吗？</legend>"#),
        "the question names its radio group: {first}"
    );
    assert!(
        first.contains(r#"<label><input type="radio" name="quiz-2-question-1" value="b"> <span class="quiz-key">B.</span> 不能，这是骗人的说法</label>"#),
        "{first}"
    );
    let details = between(first, "<details", "</details>");
    assert!(details.contains("<summary>查看答案</summary>"), "{details}");
    assert!(details.contains("正确答案：B. 不能，这是骗人的说法"), "{details}");
    assert!(
        details.contains(r#"<a href="https://example.org/tips/rumor/">隔夜水能喝吗</a>"#),
        "the explanation is Markdown: {details}"
    );
    assert!(
        quiz.contains(r#"<p class="quiz-actions" hidden><button type="button" class="quiz-check">"#),
        "the check button shows only with JavaScript: {quiz}"
    );
    let answers = between(quiz, r#"<div class="quiz-answers">"#, "</div>");
    let b = answers.find("B. 不能，这是骗人的说法").expect("first answer");
    let c = answers
        .find("C. 不轻信，向家人或社区核实")
        .expect("second answer");
    assert!(
        b < c && answers.contains("<strong>不轻信、不购买</strong>"),
        "{answers}"
    );
    assert!(
        quiz.find("quiz-answers").unwrap() > quiz.rfind("</fieldset>").unwrap(),
        "answers after the questions"
    );
}

#[test]
fn the_wechat_edition_shows_the_questions_then_the_answers() {
    let site = shared::fixture_with_default_theme("blocks");
    let wechat = wechat_body(site, "tips/quiz");
    let question = wechat.find("“能量水”能治百病吗？").expect("the question");
    let answers = wechat.find(">参考答案<").expect("the answers");
    assert!(question < answers, "{wechat}");
    let list = &wechat[answers..];
    let tag = &wechat[wechat[..answers].rfind("<div").unwrap()..answers];
    assert!(tag.contains("display:block"), "the answers are shown: {tag}");
    assert!(list.contains("B. 不能，这是骗人的说法"), "{list}");
    for details in wechat.match_indices("<details").map(|(at, _)| &wechat[at..]) {
        assert!(
            details.starts_with(r#"<details style="box-sizing:border-box;display:none""#),
            "{details:.80}"
        );
    }
    let page = site.read("tips/quiz/index.html");
    assert!(page.contains(r#"<div class="quiz-answers">"#), "{page}");
}

#[test]
fn a_question_without_a_right_answer_among_its_options_is_an_error_at_its_line() {
    let site = Site::fixture_with_theme("blocks");
    site.edit("content/tips/quiz.md", "answer=\"c\"", "answer=\"d\"");
    let stderr = site.build_fails(&[]);
    assert!(stderr.contains("quiz.md:13"), "{stderr}");
    assert!(
        stderr.contains("the right answer must be one of the options"),
        "{stderr}"
    );
}
