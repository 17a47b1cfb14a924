//! Every sentence `kepu import` says to an editor, in one place (Chinese,
//! like the sites it imports; a later change moves them into the message
//! catalogue).

use crate::messages::msg;
use std::fmt::Display;

pub fn dest_not_empty(dest: impl Display) -> String {
    format!("目标文件夹 {dest} 不是空的\n  提示：换一个新的文件夹名，kepu import 会自己创建它")
}

pub fn dest_inside_source(dest: impl Display) -> String {
    format!("目标文件夹 {dest} 在原站点里面\n  提示：导入绝不改动原站点，请把目标放到原站点文件夹之外")
}

pub fn no_config(source: impl Display, kind: &str, names: &str) -> String {
    format!("在 {source} 没有找到 {kind} 的配置文件（{names}）\n  提示：SOURCE 应当是原站点的根目录")
}

pub fn unreadable(path: impl Display, why: impl Display) -> String {
    format!("读不了 {path}：{why}")
}

pub fn bad_config(path: impl Display, why: impl Display) -> String {
    format!("{path}：配置文件有误：{why}\n  提示：先用原来的生成器确认它能构建，再导入")
}

pub fn no_wechat_page(path: impl Display) -> String {
    format!(
        "{path} 里没有找到公众号文章的正文（#js_content），没有导入\n  提示：在浏览器里打开文章，用“另存为 → 网页，全部”保存，再导入保存的 .html 文件"
    )
}

pub fn no_wechat_pages(path: impl Display) -> String {
    format!("{path} 里没有 .html 文件\n  提示：指定保存的文章页面，或者存放它们的文件夹")
}

pub fn section_name(section: &str) -> String {
    format!("栏目名 `{section}` 不能用作文件夹名\n  提示：用字母、数字和 - 组成，例如 events")
}

// Items that need an editor's eye, listed in the report.

/// `what` names the kind of call: `Hugo 短代码`, `Hexo 标签`.
pub fn unknown_shortcode(what: &str, name: &str) -> String {
    format!("{what} `{name}` 无法自动转换，原文保留在标有“导入待处理”的代码块里，请手工改写")
}

pub fn bad_front_matter(why: impl Display) -> String {
    format!("头部信息（front matter）读不了：{why}；原文保留在正文开头的代码块里")
}

pub fn bad_date(key: &str, value: &str) -> String {
    format!("`{key}: {value}` 不是能识别的日期，已放到 extra.{key}")
}

pub fn duplicate_key(key: &str) -> String {
    msg!("import-duplicate-key", key = key)
}

pub fn title_from_file_name(title: &str) -> String {
    format!("没有标题，已用文件名“{title}”作标题")
}

pub fn bundle_markdown_left_out() -> String {
    "页面文件夹里的这个 Markdown 文件是原生成器的页面资源，kepu 会把它当成单独的文章，所以没有复制；需要的话把内容并入文章".to_string()
}

pub fn unresolved_link(target: &str) -> String {
    msg!("import-link-unresolved", target = target)
}

pub fn link_guessed(old: &str, new: &str) -> String {
    msg!("import-link-guessed", old = old, new = new)
}

pub fn alias_taken(alias: &str) -> String {
    format!("旧地址 {alias} 已被另一篇文章占用，这一篇不再为它设置跳转")
}

pub fn language_left_out(language: &str, chosen: &str, pages: &[String]) -> String {
    let list = if pages.len() > 5 {
        format!("{} 等", pages[..5].join("、"))
    } else {
        pages.join("、")
    };
    format!(
        "原站点是多语言的：只导入了默认语言 {chosen}；语言 {language} 的 {} 个页面没有导入（kepu 的站点只有一种语言）{}{list}",
        pages.len(),
        if pages.is_empty() { "" } else { "：" }
    )
}

pub fn permalink_unknown(token: &str, pattern: &str) -> String {
    format!(
        "算不出这篇文章原来的地址：permalink `{pattern}` 里的 {token} 在文章里没有值（Hexo 每次构建重新生成的 :id 无法还原），旧地址没有保留跳转：如果知道旧地址，把它写进 aliases"
    )
}

pub fn redirect_not_kept(old: &str, target: &str) -> String {
    format!(
        "旧地址 {old} 原来跳转到 {target}；kepu 的跳转只能指向本站导入的页面，这个跳转没有保留：请在网站服务器上设置它，或把它改成本站的页面"
    )
}

pub fn embed_as_link(what: &str) -> String {
    match what {
        "gist" => return "gist 已改成指向 GitHub Gist 的链接".to_string(),
        "iframe" => return "嵌入的页面（iframe）已改成普通链接".to_string(),
        _ => {}
    }
    format!("{what} 视频已改成普通链接（kepu 的视频块上线后可再改）")
}

/// The link text of a page that was embedded (`{% iframe %}`).
pub const EMBEDDED_PAGE: &str = "嵌入的页面";

/// The link text of a video or audio player in a WeChat article.
pub const WECHAT_VIDEO: &str = "视频";

pub const DEFAULT_SITE_TITLE: &str = "我的科普站";
pub const DEFAULT_WECHAT_SECTION_TITLE: &str = "公众号文章";

/// The section Hexo's posts go into.
pub const POSTS_SECTION_TITLE: &str = "文章";

/// The mark above a block kept for review: an HTML comment, so readers
/// never see it and editors can search for it.
pub const REVIEW_MARK: &str = "<!-- kepu import: 导入待处理 -->";

// Report notes.

pub fn menu_flattened(count: usize) -> String {
    format!("菜单有 {count} 个子项，kepu 的菜单只有一层，已按顺序排在父项后面")
}

pub fn taxonomy_dropped(name: &str) -> String {
    format!("分类法 `{name}` kepu 没有对应的页面，各文章的值已放到 extra.{name}")
}

pub fn time_zone(zone: &str, assumed: bool) -> String {
    if assumed {
        format!("原站点没有写时区，按 {zone} 换算没有时区的日期")
    } else {
        format!("没有时区的日期按原站点的时区 {zone} 换算")
    }
}

pub const ZOLA_TIME_ZONE: &str = "没有时区的日期按 UTC 换算（Zola 就是这样读的）";

pub fn pagers_kept(count: usize, example: &str) -> String {
    msg!("import-pagers-kept", count = count, example = example)
}

pub fn terms_dropped(count: usize) -> String {
    format!("去掉了 {count} 个空的标签或分类")
}

pub fn term_urls(count: usize) -> String {
    format!(
        "标签和分类页改用 kepu 的拼音地址（/tags/jian-kang/）；{count} 个旧地址（如 /tags/健康/）跳转到新地址，写在 kepu.yaml 的 term_aliases 里"
    )
}

pub fn nested_categories(count: usize) -> String {
    format!("{count} 篇文章的层级分类已展开成并列的分类")
}

pub fn list_page_left_out(file: &str) -> String {
    format!("{file} 是原主题的标签或分类列表页，kepu 自己会生成 /tags/ 和 /categories/，没有导入")
}

pub fn wechat_site_created() -> String {
    "目标文件夹原来是空的，已新建一个 kepu 站点来放公众号文章".to_string()
}

pub fn wechat_noise_removed(file: &str, count: usize) -> String {
    format!("{file}：去掉了 {count} 处公众号固定内容（关注引导、二维码、往期推荐等）")
}

pub fn wechat_captions_as_alt(file: &str, count: usize) -> String {
    format!("{file}：{count} 张图片下方的图注用作了图片的替代文字（alt），图注照旧显示在图下")
}

pub fn wechat_cover_remote(url: &str) -> String {
    format!(
        "封面图 {url} 在微信的服务器上，保存的网页里没有它的副本（kepu 不联网下载；微信的图片常常拒绝外站引用），地址先记在 extra.wechat_cover：把封面图片另存进文章文件夹，再写进 cover"
    )
}

pub fn wechat_image_not_saved(url: &str) -> String {
    format!(
        "图片 {url} 没有保存在本地，仍指向微信的服务器（那里的图片常常拒绝外站引用），请另存后放进文章文件夹"
    )
}

pub fn base_url_placeholder(base_url: &str) -> String {
    format!("原站点没有写网址，kepu.yaml 里暂用 {base_url}，发布前请改成真实网址")
}
