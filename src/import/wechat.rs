//! WeChat articles saved from a browser ("save page, complete":
//! `文章.html` and `文章_files/`) → page bundles in a section of a kepu
//! site: title, account, author, publish time, summary, cover, and the
//! body `#js_content` as Markdown, with WeChat's nested `section`/`span`
//! styling flattened, images resolved to the saved files and copied into
//! the bundle, and the boxes every account appends (扫码关注, 点击上方蓝字,
//! 往期推荐, 阅读原文, QR codes) removed.

use super::keys::{self, Attribution, PageMeta, SectionMeta};
use super::messages;
use super::report::{Converted, Report};
use super::site::{self, NewConfig};
use super::write::{self, Plan};
use crate::config;
use crate::dates;
use crate::error::{Error, Result};
use crate::files;
use crate::slug;
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Imports the saved page `source` (or every page in the folder `source`)
/// into section `section` of the site at `dest` (created when absent or
/// empty).
pub fn import(source: &Path, dest: &Path, section: &str, report: &mut Report) -> Result<Plan> {
    if section.is_empty()
        || !section
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Error::Output(messages::section_name(section)));
    }
    let pages = saved_pages(source)?;
    let mut plan = Plan::default();
    let existing = dest.join(config::CONFIG_FILE).is_file();
    if !existing {
        write::require_empty(dest)?;
    }
    let articles: Vec<Article> = pages
        .iter()
        .filter_map(|page| read_article(page, source, report))
        .collect();
    if !existing {
        // A new site, named after the account.
        plan.theme = true;
        report.notes.push(messages::wechat_site_created());
        let title = articles
            .iter()
            .map(|a| a.account.clone())
            .find(|a| !a.is_empty())
            .unwrap_or_else(|| messages::DEFAULT_SITE_TITLE.into());
        let config = NewConfig::new(title.clone(), site::placeholder_base("", report), "zh-CN".into());
        plan.text(
            config::CONFIG_FILE.into(),
            yaml_serde::to_string(&config).unwrap_or_default(),
        );
        let home = SectionMeta {
            title,
            sort_by: "date",
            ..SectionMeta::default()
        };
        plan.text("content/_index.md".into(), keys::write_file(&home, ""));
    }
    let section_file = format!("content/{section}/_index.md");
    if !dest.join(&section_file).is_file() {
        let meta = SectionMeta {
            title: section_title(section).into(),
            sort_by: "date",
            ..SectionMeta::default()
        };
        plan.text(section_file, keys::write_file(&meta, ""));
    }
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for article in articles {
        let folder = free_folder(dest, section, &article, &mut taken);
        let rel = format!("content/{section}/{folder}/index.md");
        for (file, name) in &article.images {
            plan.copy(file.clone(), format!("content/{section}/{folder}/{name}"));
        }
        plan.text(rel.clone(), keys::write_file(&article.meta, &article.body));
        report.converted.push(Converted {
            from: article.rel_source.clone(),
            to: rel,
        });
    }
    Ok(plan)
}

/// Section titles of the association's four columns.
fn section_title(section: &str) -> &'static str {
    match section {
        "events" => "活动回顾",
        "tips" => "每日科普",
        "anti-cult" => "反邪教",
        "reports" => "工作报告",
        _ => messages::DEFAULT_WECHAT_SECTION_TITLE,
    }
}

fn saved_pages(source: &Path) -> Result<Vec<PathBuf>> {
    if source.is_file() {
        return Ok(vec![source.to_path_buf()]);
    }
    let mut pages: Vec<PathBuf> = std::fs::read_dir(source)
        .map_err(|e| Error::Output(messages::unreadable(source.display(), e)))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "html" || e == "htm"))
        .collect();
    pages.sort();
    if pages.is_empty() {
        return Err(Error::Output(messages::no_wechat_pages(source.display())));
    }
    Ok(pages)
}

/// A folder name for the article: the date and the title's pinyin, cut
/// short, made unique among the section's folders.
fn free_folder(dest: &Path, section: &str, article: &Article, taken: &mut BTreeSet<String>) -> String {
    let words: Vec<&str> = article
        .slug_words
        .split('-')
        .filter(|w| !w.is_empty())
        .take(10)
        .collect();
    let day = article
        .meta
        .date
        .as_deref()
        .and_then(|d| d.get(..10))
        .unwrap_or("wechat");
    let base = if words.is_empty() {
        day.to_string()
    } else {
        format!("{day}-{}", words.join("-"))
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.contains(&name) || dest.join("content").join(section).join(&name).exists() {
        name = format!("{base}-{n}");
        n += 1;
    }
    taken.insert(name.clone());
    name
}

struct Article {
    rel_source: String,
    meta: PageMeta,
    body: String,
    slug_words: String,
    account: String,
    /// Saved image files → their names in the bundle.
    images: Vec<(PathBuf, String)>,
}

fn read_article(page: &Path, source: &Path, report: &mut Report) -> Option<Article> {
    let base = if source.is_file() {
        source.parent().unwrap_or(source)
    } else {
        source
    };
    let rel_source = site::relative(base, page);
    let text = match files::read_text(page) {
        Ok(text) => text,
        Err(problem) => {
            report.review(&rel_source, None, problem.to_string());
            return None;
        }
    };
    let html = Html::parse_document(&text);
    let Some(content) = html.select(&selector("#js_content")).next() else {
        report.review(&rel_source, None, messages::no_wechat_page(&rel_source));
        return None;
    };
    let meta_content = |name: &str| {
        html.select(&selector(&format!(
            "meta[property=\"{name}\"], meta[name=\"{name}\"]"
        )))
        .find_map(|m| m.attr("content"))
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
    };
    let element_text = |css: &str| {
        html.select(&selector(css))
            .next()
            .map(|e| squash(&e.text().collect::<String>()))
            .filter(|t| !t.is_empty())
    };
    let title = meta_content("og:title")
        .or_else(|| element_text("#activity-name"))
        .or_else(|| js_var(&text, "msg_title"))
        .unwrap_or_else(|| {
            page.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    let account = element_text("#js_name")
        .or_else(|| js_var(&text, "nickname"))
        .unwrap_or_default();
    let author = js_var(&text, "author")
        .or_else(|| meta_content("author"))
        .unwrap_or_default();
    let zone = dates::site_zone();
    let date = js_var(&text, "ct")
        .or_else(|| element_text("#publish_time"))
        .and_then(|t| super::dates::normalise(&t, &zone));
    let description = meta_content("og:description")
        .or_else(|| js_var(&text, "msg_desc"))
        .unwrap_or_default();
    let cover = js_var(&text, "msg_cdn_url").or_else(|| meta_content("og:image"));
    let url = meta_content("og:url").or_else(|| js_var(&text, "msg_link"));
    let mut extra_cover = None;
    let mut converter = Converter {
        page_dir: page.parent().unwrap_or(base).to_path_buf(),
        images: Vec::new(),
        review: Vec::new(),
        removed: 0,
        captions: 0,
        stop: false,
    };
    let blocks = converter.blocks(content);
    let cover = cover.and_then(|url| {
        let saved = saved_copy(&html, &url).and_then(|src| converter.saved(src, format_of(&url)));
        if saved.is_none() {
            // kepu never downloads: the cover stays WeChat's, for the editor.
            report.review(&rel_source, None, messages::wechat_cover_remote(&url));
            extra_cover = Some(url);
        }
        saved
    });
    for what in converter.review {
        report.review(&rel_source, None, what);
    }
    if converter.captions > 0 {
        report
            .notes
            .push(messages::wechat_captions_as_alt(&rel_source, converter.captions));
    }
    if converter.removed > 0 {
        report
            .notes
            .push(messages::wechat_noise_removed(&rel_source, converter.removed));
    }
    let mut extra = serde_json::Map::new();
    if let Some(url) = extra_cover {
        extra.insert("wechat_cover".into(), Value::from(url));
        report.moved("wechat_cover");
    }
    if let Some(url) = url {
        extra.insert("wechat_url".into(), Value::from(url));
        report.moved("wechat_url");
    }
    // The account published it: 来源 under the article, as official sites say.
    let attribution = Attribution {
        author: author.trim().to_string(),
        source: account.trim().to_string(),
        ..Attribution::default()
    };
    let meta = PageMeta {
        title: title.clone(),
        date,
        description,
        cover,
        attribution,
        extra,
        ..PageMeta::default()
    };
    Some(Article {
        rel_source,
        meta,
        body: blocks.join("\n\n") + "\n",
        slug_words: slug::slugify(&title),
        account,
        images: converter.images,
    })
}

/// The `src` of the saved file of the cover at `url`: an image of the page
/// (the cover WeChat shows above the article, or the same picture in the
/// body) loaded from that address, whatever its query.
fn saved_copy<'h>(html: &'h Html, url: &str) -> Option<&'h str> {
    let address = |u: &str| {
        let u = u.split(['?', '#']).next().unwrap_or(u);
        u.split_once("//").map_or(u, |(_, rest)| rest).to_string()
    };
    let wanted = address(url);
    html.select(&selector("img")).find_map(|img| {
        let loaded_from = [img.attr("data-src"), img.attr("data-original")]
            .into_iter()
            .flatten()
            .any(|u| address(u) == wanted);
        let src = img.attr("src")?;
        (loaded_from && !src.starts_with("http") && !src.starts_with("data:")).then_some(src)
    })
}

fn selector(css: &str) -> Selector {
    // The selectors are kepu's own, so they always parse.
    Selector::parse(css).unwrap_or_else(|_| unreachable!("selector {css}"))
}

/// The string a page's script gives `var NAME` (`var ct = "1719275400";`,
/// `var nickname = htmlDecode("科协");`), JavaScript escapes decoded.
fn js_var(html: &str, name: &str) -> Option<String> {
    let pattern = format!("var {name} = ");
    let at = html.find(&pattern)? + pattern.len();
    let rest = html[at..].trim_start();
    let rest = rest.strip_prefix("htmlDecode(").unwrap_or(rest).trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let mut out = String::new();
    let mut chars = rest[1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'x' => {
                    let hex: String = chars.by_ref().take(2).collect();
                    out.push(char::from(u8::from_str_radix(&hex, 16).ok()?));
                }
                'n' => out.push('\n'),
                other => out.push(other),
            },
            c if c == quote => break,
            c => out.push(c),
        }
    }
    let decoded = out
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    let decoded = decoded.trim().to_string();
    (!decoded.is_empty()).then_some(decoded)
}

/// Whitespace (and WeChat's no-break spaces) folded to single spaces.
fn squash(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Phrases of the boxes accounts append: the block holding one goes.
const NOISE: &[&str] = &[
    "扫码关注",
    "长按识别",
    "长按二维码",
    "识别二维码",
    "点击上方蓝字",
    "点击上方",
    "点击阅读原文",
    "阅读原文",
    "点个在看",
    "点亮在看",
    "分享、点赞、在看",
];
/// Headings of the lists of older articles: they and all after them go.
const NOISE_TAIL: &[&str] = &["往期推荐", "往期回顾", "推荐阅读", "精彩回顾", "往期精彩"];

const BLOCKS: &[&str] = &[
    "section",
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "table",
    "pre",
    "figure",
    "hr",
    "center",
    "figcaption",
    "mpvoice",
    "iframe",
];

/// What WeChat editors put before a caption (▲ 启动仪式现场).
const CAPTION_MARKS: &[char] = &['▲', '△', '↑', '▼', '⬆'];

/// `#js_content` → Markdown blocks.
struct Converter {
    page_dir: PathBuf,
    images: Vec<(PathBuf, String)>,
    review: Vec<String>,
    removed: usize,
    /// Images given their caption as alt text.
    captions: usize,
    stop: bool,
}

impl Converter {
    /// The Markdown blocks of a container's children.
    fn blocks(&mut self, container: ElementRef) -> Vec<String> {
        let mut out = Vec::new();
        let mut inline = String::new();
        for child in container.children() {
            if self.stop {
                break;
            }
            match ElementRef::wrap(child) {
                Some(el) if is_block(el) => {
                    push_paragraph(&mut out, &mut inline);
                    // A caption under an image is the image's alt text too
                    // (WeChat images have none).
                    if let Some(image) = out.last_mut().filter(|last| is_lone_image(last))
                        && let Some(caption) = caption_text(el)
                    {
                        *image =
                            image.replacen("![](", &format!("![{}](", caption.replace(['[', ']'], "")), 1);
                        out.push(format!("*{}*", escape(&caption)));
                        self.captions += 1;
                        continue;
                    }
                    out.extend(self.block(el));
                }
                Some(el) => self.inline(el, &mut inline),
                None => {
                    if let Some(text) = child.value().as_text() {
                        inline.push_str(&escape(text));
                    }
                }
            }
        }
        push_paragraph(&mut out, &mut inline);
        out
    }

    fn block(&mut self, el: ElementRef) -> Vec<String> {
        let text = squash(&el.text().collect::<String>());
        let short = text.chars().count() <= 40;
        if short && NOISE_TAIL.iter().any(|n| text.contains(n)) {
            self.stop = true;
            self.removed += 1;
            return Vec::new();
        }
        if short && NOISE.iter().any(|n| text.contains(n)) {
            self.removed += 1;
            return Vec::new();
        }
        let name = el.value().name();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name[1..].parse::<usize>().unwrap_or(2).max(2);
                vec![format!("{} {}", "#".repeat(level), escape(&text))]
            }
            "hr" => vec!["---".into()],
            "ul" | "ol" => vec![self.list(el, name == "ol")],
            "blockquote" => {
                let inner = self.blocks(el).join("\n\n");
                vec![
                    inner
                        .lines()
                        .map(|l| format!("> {l}").trim_end().to_string())
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]
            }
            "table" => vec![self.table(el)],
            "pre" => vec![super::body::code_block("", &code_text(el)).trim().to_string()],
            "iframe" | "mpvoice" => self.media(el).into_iter().collect(),
            _ if is_heading_like(el, &text) => vec![format!("## {}", escape(&text))],
            _ => self.blocks(el),
        }
    }

    fn inline(&mut self, el: ElementRef, out: &mut String) {
        match el.value().name() {
            "br" => out.push_str("\\\n"),
            "img" => {
                if let Some(image) = self.image(el) {
                    out.push_str(&image);
                }
            }
            "strong" | "b" => wrap(out, "**", &self.inline_text(el)),
            "em" | "i" => wrap(out, "*", &self.inline_text(el)),
            "code" => wrap(out, "`", &el.text().collect::<String>()),
            "a" => {
                let text = self.inline_text(el);
                match el.attr("href").filter(|h| h.starts_with("http")) {
                    Some(href) if !text.trim().is_empty() => {
                        out.push_str(&format!("[{}]({href})", text.trim()))
                    }
                    _ => out.push_str(&text),
                }
            }
            "script" | "style" => {}
            _ => out.push_str(&self.inline_text(el)),
        }
    }

    fn inline_text(&mut self, el: ElementRef) -> String {
        let mut out = String::new();
        for child in el.children() {
            match ElementRef::wrap(child) {
                Some(inner) => self.inline(inner, &mut out),
                None => {
                    if let Some(text) = child.value().as_text() {
                        out.push_str(&escape(text));
                    }
                }
            }
        }
        out
    }

    fn list(&mut self, el: ElementRef, ordered: bool) -> String {
        let items: Vec<String> = el
            .child_elements()
            .filter(|li| li.value().name() == "li")
            .enumerate()
            .map(|(i, li)| {
                let text = squash(&self.blocks(li).join(" "));
                if ordered {
                    format!("{}. {text}", i + 1)
                } else {
                    format!("- {text}")
                }
            })
            .collect();
        items.join("\n")
    }

    fn table(&mut self, el: ElementRef) -> String {
        let rows: Vec<Vec<String>> = el
            .select(&selector("tr"))
            .map(|tr| {
                tr.child_elements()
                    .filter(|c| matches!(c.value().name(), "td" | "th"))
                    .map(|cell| squash(&self.blocks(cell).join(" ")).replace('|', "\\|"))
                    .collect()
            })
            .filter(|r: &Vec<String>| !r.is_empty())
            .collect();
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        let line = |row: &[String]| {
            let mut cells: Vec<String> = row.to_vec();
            cells.resize(width, String::new());
            format!("| {} |", cells.join(" | "))
        };
        let mut out = Vec::new();
        for (i, row) in rows.iter().enumerate() {
            out.push(line(row));
            if i == 0 {
                out.push(format!("|{}", " --- |".repeat(width)));
            }
        }
        out.join("\n")
    }

    /// An image: the saved file (copied into the bundle) when the page has
    /// it, else the address it was loaded from; QR codes go.
    fn image(&mut self, el: ElementRef) -> Option<String> {
        let src = el.attr("src").unwrap_or("");
        let remote = el.attr("data-src").unwrap_or("");
        let hints = format!(
            "{src} {remote} {} {}",
            el.attr("alt").unwrap_or(""),
            el.attr("class").unwrap_or("")
        );
        if ["qrcode", "qr_code", "二维码"].iter().any(|q| hints.contains(q)) {
            self.removed += 1;
            return None;
        }
        let alt = el.attr("alt").unwrap_or("").replace(['[', ']'], "");
        if let Some(name) = self.saved(src, el.attr("data-type").or(format_of(remote))) {
            return Some(format!("![{alt}]({name})"));
        }
        let url = [remote, src].into_iter().find(|u| u.starts_with("http"))?;
        self.review.push(messages::wechat_image_not_saved(url));
        Some(format!("![{alt}]({url})"))
    }

    /// The name in the bundle of the saved file `src` names, if it exists.
    fn saved(&mut self, src: &str, format: Option<&str>) -> Option<String> {
        if src.is_empty() || src.starts_with("http") || src.starts_with("data:") || src.starts_with("//") {
            return None;
        }
        let decoded = percent_encoding::percent_decode_str(src).decode_utf8_lossy();
        let file = self.page_dir.join(&*decoded);
        if !file.is_file()
            || !file
                .canonicalize()
                .ok()?
                .starts_with(self.page_dir.canonicalize().ok()?)
        {
            return None;
        }
        if let Some((_, name)) = self.images.iter().find(|(f, _)| *f == file) {
            return Some(name.clone());
        }
        let stem = file
            .file_stem()?
            .to_string_lossy()
            .replace('(', "-")
            .replace([')', ' '], "");
        let extension = file
            .extension()
            .map(|e| e.to_string_lossy().into_owned())
            .or(format.map(str::to_string));
        let base = slug::url_segment(&stem, slug::Slugify::Pinyin);
        let base = if base.is_empty() {
            "image".to_string()
        } else {
            base
        };
        let with_ext = |n: &str| extension.as_ref().map_or(n.to_string(), |e| format!("{n}.{e}"));
        let mut name = with_ext(&base);
        let mut n = 2;
        while self.images.iter().any(|(_, taken)| *taken == name) {
            name = with_ext(&format!("{base}-{n}"));
            n += 1;
        }
        self.images.push((file, name.clone()));
        Some(name)
    }

    /// A video or audio player → a link to it (kepu has no video block yet).
    fn media(&mut self, el: ElementRef) -> Option<String> {
        let url = el
            .attr("data-src")
            .or(el.attr("src"))
            .filter(|u| u.starts_with("http"))?;
        self.review.push(messages::embed_as_link("视频"));
        Some(format!("[{}]({url})", messages::WECHAT_VIDEO))
    }
}

/// `wx_fmt=png` of a WeChat image address.
fn format_of(url: &str) -> Option<&str> {
    let at = url.find("wx_fmt=")? + "wx_fmt=".len();
    let rest = &url[at..];
    Some(&rest[..rest.find('&').unwrap_or(rest.len())]).filter(|f| !f.is_empty())
}

fn is_block(el: ElementRef) -> bool {
    BLOCKS.contains(&el.value().name())
        || el
            .descendent_elements()
            .any(|d| BLOCKS.contains(&d.value().name()))
}

/// A short bold or large line standing alone: WeChat editors' headings.
fn is_heading_like(el: ElementRef, text: &str) -> bool {
    let length = text.chars().count();
    if !(2..=30).contains(&length) || text.contains(['。', '，', ',', '；', '：', '！', '？']) {
        return false;
    }
    if el.descendent_elements().any(|d| d.value().name() == "img") {
        return false;
    }
    let bold: String = el
        .descendent_elements()
        .filter(|d| matches!(d.value().name(), "strong" | "b"))
        .map(|d| d.text().collect::<String>())
        .collect();
    let large = std::iter::once(el)
        .chain(el.descendent_elements())
        .any(|d| font_size(d.attr("style").unwrap_or("")) >= 18.0);
    squash(&bold) == text || large
}

/// `![](file)` alone: an image without alt text on its own line.
fn is_lone_image(block: &str) -> bool {
    block
        .strip_prefix("![](")
        .and_then(|rest| rest.strip_suffix(')'))
        .is_some_and(|url| !url.is_empty() && !url.contains([')', ' ', '\n']))
}

/// The text of `el` when it reads as an image caption: a short line with no
/// image, in small type (≤ 14 px) or after a mark such as ▲, or a
/// `figcaption`; noise boxes are never captions.
fn caption_text(el: ElementRef) -> Option<String> {
    let text = squash(&el.text().collect::<String>());
    let length = text.chars().count();
    if !(1..=60).contains(&length)
        || NOISE.iter().chain(NOISE_TAIL).any(|n| text.contains(n))
        || el.descendent_elements().any(|d| d.value().name() == "img")
    {
        return None;
    }
    let smallest = std::iter::once(el)
        .chain(el.descendent_elements())
        .map(|d| font_size(d.attr("style").unwrap_or("")))
        .filter(|size| *size > 0.0)
        .fold(f32::MAX, f32::min);
    let is_caption = el.value().name() == "figcaption" || smallest <= 14.0 || text.starts_with(CAPTION_MARKS);
    let caption = text.trim_start_matches(CAPTION_MARKS).trim();
    (is_caption && !caption.is_empty()).then(|| caption.to_string())
}

fn font_size(style: &str) -> f32 {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .find(|(k, _)| k.trim() == "font-size")
        .and_then(|(_, v)| v.trim().trim_end_matches("px").trim().parse().ok())
        .unwrap_or(0.0)
}

fn code_text(el: ElementRef) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        match node.value() {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if e.name() == "br" => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn push_paragraph(out: &mut Vec<String>, inline: &mut String) {
    let text = std::mem::take(inline);
    let text = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{a0}' || c == '\\');
    if !text.is_empty() {
        out.push(text.to_string());
    }
}

fn wrap(out: &mut String, mark: &str, inner: &str) {
    let inner = inner.trim();
    if !inner.is_empty() {
        out.push_str(&format!("{mark}{inner}{mark}"));
    }
}

/// Text with what Markdown would read as markup escaped, and WeChat's
/// no-break spaces made plain.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{a0}' | '\n' | '\r' | '\t' => out.push(' '),
            '*' | '_' | '`' | '[' | ']' | '<' | '#' | '\\' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_variables_are_read_and_decoded() {
        let html = r#"<script>var nickname = htmlDecode("市科协");
        var ct = "1719275400";
        var msg_desc = htmlDecode("科技周\x26amp;科普日");</script>"#;
        assert_eq!(js_var(html, "nickname").unwrap(), "市科协");
        assert_eq!(js_var(html, "ct").unwrap(), "1719275400");
        assert_eq!(js_var(html, "msg_desc").unwrap(), "科技周&科普日");
        assert_eq!(js_var(html, "author"), None);
    }

    #[test]
    fn font_sizes_and_image_formats() {
        assert_eq!(font_size("color: red; font-size: 20px;"), 20.0);
        assert_eq!(
            format_of("https://mmbiz.qpic.cn/a/640?wx_fmt=png&from=appmsg"),
            Some("png")
        );
    }
}
