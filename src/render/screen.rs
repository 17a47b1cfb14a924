//! Lobby-screen mode: `/tips.json`, the newest daily tips as a small JSON
//! feed (for `/screen/` and any other display), and `/screen/`, which shows
//! them full-screen one at a time and re-reads the feed. Both come from the
//! section named by `screen.section`; a site without that section has no
//! screen unless `screen:` asks for one.

use super::views::section_title;
use super::{RenderOptions, Renderer};
use crate::error::Result;
use crate::files::Output;
use crate::model::{Page, Section};
use crate::plan::{Kind, SCREEN_PATH, SCREEN_TEMPLATE, TIPS_FEED as FEED_FILE};
use serde::Serialize;
use tera::Value;

/// The version of the `tips.json` layout; raised on incompatible changes.
const FEED_VERSION: u32 = 1;

/// The longest tip text on the screen, in characters.
const MAX_TEXT_CHARS: usize = 120;

/// `/tips.json`, also given to `screen.html` as `screen`.
#[derive(Serialize)]
struct TipFeed<'a> {
    version: u32,
    site: &'a str,
    title: String,
    url: String,
    feed_url: String,
    interval: u32,
    refresh: u32,
    updated: Option<String>,
    tips: Vec<Tip<'a>>,
}

#[derive(Serialize)]
struct Tip<'a> {
    number: usize,
    title: &'a str,
    date: String,
    url: String,
    text: String,
    tags: &'a [String],
}

impl Renderer<'_> {
    /// `tips.json` and, when the plan has it, `screen/index.html`, from
    /// the section `index` the plan found for `screen.section`.
    pub(super) fn screen(&self, index: usize, options: &RenderOptions) -> Result<Vec<Output>> {
        let section = &self.site.sections[index];
        let feed = self.tip_feed(section);
        let json = serde_json::to_string_pretty(&feed).unwrap_or_else(|_| unreachable!("plain data"));
        let mut outputs = vec![Output::bytes(FEED_FILE, json)];
        if self.plan.has(Kind::Screen { section: index }) {
            outputs.push(self.render_page(
                SCREEN_TEMPLATE,
                SCREEN_PATH,
                vec![("screen", Value::from_serializable(&feed))],
                &section.source.file,
                options,
            )?);
        }
        Ok(outputs)
    }

    fn tip_feed(&self, section: &Section) -> TipFeed<'_> {
        let config = &self.site.config;
        let mut dated: Vec<&Page> = section
            .pages
            .iter()
            .map(|i| &self.site.pages[*i])
            .filter(|p| p.source.date.is_some())
            .collect();
        // Oldest first: a tip's series number is its place in the series.
        dated.sort_by(|a, b| a.source.date.cmp(&b.source.date));
        let tips: Vec<Tip> = dated
            .iter()
            .enumerate()
            .rev()
            .take(config.screen.limit as usize)
            .map(|(i, page)| self.tip(i + 1, page))
            .collect();
        TipFeed {
            version: FEED_VERSION,
            site: &config.title,
            title: section_title(section),
            url: self.site.permalink(&section.path),
            feed_url: self.site.permalink(FEED_FILE),
            interval: config.screen.interval,
            refresh: config.screen.refresh,
            updated: tips.first().map(|t| t.date.clone()),
            tips,
        }
    }

    fn tip<'p>(&self, number: usize, page: &'p Page) -> Tip<'p> {
        let front = &page.source.front;
        let text = if front.description.trim().is_empty() {
            &page.rendered.plain_text
        } else {
            &front.description
        };
        Tip {
            number,
            title: &front.title,
            date: page.source.date.as_ref().map(|d| d.text()).unwrap_or_default(),
            url: self.site.permalink(&page.path),
            text: excerpt(text, MAX_TEXT_CHARS),
            tags: &front.tags,
        }
    }
}

/// `text` on one line and at most `max` characters: cut after the last full
/// sentence that fits, else cut with an ellipsis.
fn excerpt(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let head: String = text.chars().take(max).collect();
    match head.rfind(['。', '！', '？']) {
        Some(end) if head[..end].chars().count() >= max / 3 => head[..end + '。'.len_utf8()].to_string(),
        _ => format!("{}…", head.chars().take(max - 1).collect::<String>()),
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_end_at_a_sentence() {
        assert_eq!(excerpt("短句。", 10), "短句。");
        assert_eq!(excerpt("第一句话很长。第二句\n也很长很长", 12), "第一句话很长。");
        assert_eq!(excerpt("没有句号的一段很长的话", 6), "没有句号的…");
    }
}
