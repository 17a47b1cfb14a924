//! Every sentence `kepu import` says to an editor, in one place, from the
//! message catalogues (`import-…`). The texts kepu writes into the new site
//! (its default titles, the review mark) stay Chinese: they are the site's
//! content, not messages.

use crate::messages::msg;
use std::fmt::Display;

/// A message and its hint on the next line, as `kepu import` prints them.
fn with_hint(message: String, hint: String) -> String {
    format!("{message}\n  {}", msg!("hint-line", hint = hint))
}

pub fn dest_not_empty(dest: impl Display) -> String {
    with_hint(
        msg!("import-dest-not-empty", dest = dest.to_string()),
        msg!("import-dest-not-empty-hint"),
    )
}

pub fn dest_inside_source(dest: impl Display) -> String {
    with_hint(
        msg!("import-dest-inside-source", dest = dest.to_string()),
        msg!("import-dest-inside-source-hint"),
    )
}

pub fn no_config(source: impl Display, kind: &str, names: &str) -> String {
    with_hint(
        msg!(
            "import-no-config",
            source = source.to_string(),
            kind = kind,
            names = names
        ),
        msg!("import-no-config-hint"),
    )
}

pub fn unreadable(path: impl Display, why: impl Display) -> String {
    msg!(
        "import-unreadable",
        path = path.to_string(),
        reason = why.to_string()
    )
}

pub fn bad_config(path: impl Display, why: impl Display) -> String {
    with_hint(
        msg!(
            "import-bad-config",
            path = path.to_string(),
            reason = why.to_string()
        ),
        msg!("import-bad-config-hint"),
    )
}

pub fn no_wechat_page(path: impl Display) -> String {
    with_hint(
        msg!("import-no-wechat-page", path = path.to_string()),
        msg!("import-no-wechat-page-hint"),
    )
}

pub fn no_wechat_pages(path: impl Display) -> String {
    with_hint(
        msg!("import-no-wechat-pages", path = path.to_string()),
        msg!("import-no-wechat-pages-hint"),
    )
}

pub fn section_name(section: &str) -> String {
    with_hint(
        msg!("import-section-name", section = section),
        msg!("import-section-name-hint"),
    )
}

// Items that need an editor's eye, listed in the report.

/// `what` names the kind of call: `Hugo 短代码`, `Hexo 标签`.
pub fn unknown_shortcode(what: &str, name: &str) -> String {
    msg!("import-unknown-shortcode", what = what, name = name)
}

pub fn bad_front_matter(why: impl Display) -> String {
    msg!("import-bad-front-matter", reason = why.to_string())
}

pub fn bad_date(key: &str, value: &str) -> String {
    msg!("import-bad-date", key = key, value = value)
}

pub fn duplicate_key(key: &str) -> String {
    msg!("import-duplicate-key", key = key)
}

pub fn title_from_file_name(title: &str) -> String {
    msg!("import-title-from-file-name", title = title)
}

pub fn bundle_markdown_left_out() -> String {
    msg!("import-bundle-markdown-left-out")
}

pub fn unresolved_link(target: &str) -> String {
    msg!("import-link-unresolved", target = target)
}

pub fn link_guessed(old: &str, new: &str) -> String {
    msg!("import-link-guessed", old = old, new = new)
}

pub fn alias_taken(alias: &str) -> String {
    msg!("import-alias-taken", alias = alias)
}

pub fn language_left_out(language: &str, chosen: &str, pages: &[String]) -> String {
    let separator = msg!("list-separator");
    let list = if pages.len() > 5 {
        msg!(
            "more-files",
            files = pages[..5].join(&separator),
            count = pages.len() - 5
        )
    } else {
        pages.join(&separator)
    };
    let listed = if pages.is_empty() {
        String::new()
    } else {
        msg!("import-language-pages", pages = list)
    };
    msg!(
        "import-language-left-out",
        chosen = chosen,
        language = language,
        count = pages.len(),
        pages = listed
    )
}

pub fn permalink_unknown(token: &str, pattern: &str) -> String {
    msg!("import-permalink-unknown", token = token, pattern = pattern)
}

pub fn redirect_not_kept(old: &str, target: &str) -> String {
    msg!("import-redirect-not-kept", old = old, target = target)
}

pub fn embed_as_link(what: &str) -> String {
    match what {
        "gist" => msg!("import-gist-as-link"),
        "iframe" => msg!("import-iframe-as-link"),
        _ => msg!("import-video-as-link", what = what),
    }
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
    msg!("import-menu-flattened", count = count)
}

pub fn taxonomy_dropped(name: &str) -> String {
    msg!("import-taxonomy-dropped", name = name)
}

pub fn time_zone(zone: &str, assumed: bool) -> String {
    if assumed {
        msg!("import-time-zone-assumed", zone = zone)
    } else {
        msg!("import-time-zone", zone = zone)
    }
}

pub fn zola_time_zone() -> String {
    msg!("import-zola-time-zone")
}

pub fn pagers_kept(count: usize, example: &str) -> String {
    msg!("import-pagers-kept", count = count, example = example)
}

pub fn terms_dropped(count: usize) -> String {
    msg!("import-terms-dropped", count = count)
}

pub fn term_urls(count: usize) -> String {
    msg!("import-term-urls", count = count)
}

pub fn nested_categories(count: usize) -> String {
    msg!("import-nested-categories", count = count)
}

pub fn list_page_left_out(file: &str) -> String {
    msg!("import-list-page-left-out", file = file)
}

pub fn wechat_site_created() -> String {
    msg!("import-wechat-site-created")
}

pub fn wechat_noise_removed(file: &str, count: usize) -> String {
    msg!("import-wechat-noise-removed", file = file, count = count)
}

pub fn wechat_captions_as_alt(file: &str, count: usize) -> String {
    msg!("import-wechat-captions-as-alt", file = file, count = count)
}

pub fn wechat_cover_remote(url: &str) -> String {
    msg!("import-wechat-cover-remote", url = url)
}

pub fn wechat_image_not_saved(url: &str) -> String {
    msg!("import-wechat-image-not-saved", url = url)
}

pub fn base_url_placeholder(base_url: &str) -> String {
    msg!("import-base-url-placeholder", base_url = base_url)
}
