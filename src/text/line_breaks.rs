//! Line breaks inside Chinese paragraphs. Markdown turns a newline inside a
//! paragraph into a soft break, which browsers (and the WeChat editor) show
//! as a space: `科学\n饮水` reads `科学 饮水`. Where the text on both sides of
//! the break is CJK — Han, kana, hangul or full-width punctuation — the
//! break is dropped, as Hugo's `eastAsianLineBreaks` does; between Latin
//! words, or Chinese and Latin, it stays a space.

use super::is_cjk;
use pulldown_cmark::{Event, Tag, TagEnd};

/// The parser's events with every soft break between two CJK characters
/// removed. The characters are looked for across inline markup
/// (`**粗体**\n中文`), not across code, images or other blocks.
pub fn join_cjk_lines<'a, R>(events: impl Iterator<Item = (Event<'a>, R)>) -> Vec<(Event<'a>, R)> {
    let events: Vec<(Event<'a>, R)> = events.collect();
    let joined: Vec<bool> = (0..events.len())
        .map(|i| {
            matches!(events[i].0, Event::SoftBreak)
                && last_char(events[..i].iter().rev().map(|(e, _)| e)).is_some_and(is_east_asian)
                && first_char(events[i + 1..].iter().map(|(e, _)| e)).is_some_and(is_east_asian)
        })
        .collect();
    events
        .into_iter()
        .zip(joined)
        .filter_map(|(event, joined)| (!joined).then_some(event))
        .collect()
}

/// Characters written without spaces between them: CJK scripts and the
/// full-width punctuation that goes with them (，。、「」《》！？：).
fn is_east_asian(c: char) -> bool {
    is_cjk(c)
        || matches!(c as u32,
            0x3000..=0x303F     // CJK symbols and punctuation
            | 0xFF01..=0xFF60   // full-width forms
            | 0x2018..=0x201D   // curly quotes, full width in Chinese fonts
            | 0x2026            // …
            | 0x2014            // —
        )
}

/// The text character nearest before a break, through inline markup.
fn last_char<'e, 'a: 'e>(mut before: impl Iterator<Item = &'e Event<'a>>) -> Option<char> {
    before.find_map(|event| match event {
        Event::Text(text) => Some(text.chars().next_back()),
        event if is_inline_markup(event) => None,
        _ => Some(None),
    })?
}

/// The text character nearest after a break, through inline markup.
fn first_char<'e, 'a: 'e>(mut after: impl Iterator<Item = &'e Event<'a>>) -> Option<char> {
    after.find_map(|event| match event {
        Event::Text(text) => Some(text.chars().next()),
        event if is_inline_markup(event) => None,
        _ => Some(None),
    })?
}

/// The lines of a page's text (its headings, paragraphs and list items)
/// as one line for a search snippet: a line that ends a Chinese phrase
/// without punctuation (a heading, a list item) is closed with `。`, so a
/// heading does not run into the text after it; other lines are joined
/// with a space.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if let Some(last) = out.chars().next_back() {
            if is_cjk(last) {
                out.push('。');
            } else if !is_east_asian(last) {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

fn is_inline_markup(event: &Event) -> bool {
    matches!(
        event,
        Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::Parser;

    fn html(markdown: &str) -> String {
        let events = join_cjk_lines(Parser::new(markdown).into_offset_iter());
        let mut out = String::new();
        pulldown_cmark::html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        out
    }

    #[test]
    fn chinese_lines_join_without_a_space() {
        assert_eq!(
            html("成年人每天\n需要多少水？\n少量多次。"),
            "<p>成年人每天需要多少水？少量多次。</p>\n"
        );
        assert_eq!(
            html("他说：“多喝水”\n然后走了"),
            "<p>他说：“多喝水”然后走了</p>\n"
        );
    }

    #[test]
    fn across_inline_markup_too() {
        assert_eq!(
            html("记住**黄金\n四分钟**，[拨打\n120](tel:120)"),
            "<p>记住<strong>黄金四分钟</strong>，<a href=\"tel:120\">拨打\n120</a></p>\n"
        );
        assert_eq!(html("**重要**\n提示"), "<p><strong>重要</strong>提示</p>\n");
    }

    #[test]
    fn latin_and_mixed_lines_keep_their_space() {
        assert_eq!(html("drink\nwater"), "<p>drink\nwater</p>\n");
        assert_eq!(html("使用\nRust 编写"), "<p>使用\nRust 编写</p>\n");
        assert_eq!(html("版本 2.0\n发布"), "<p>版本 2.0\n发布</p>\n");
    }

    #[test]
    fn text_on_one_line_closes_headings() {
        assert_eq!(
            one_line("防暑要点\n出现头晕时，立即休息。\n\n老人\n少出门\nAED use\nnow"),
            "防暑要点。出现头晕时，立即休息。老人。少出门。AED use now"
        );
    }

    #[test]
    fn code_and_hard_breaks_are_left_alone() {
        assert_eq!(html("见`代码`\n中文"), "<p>见<code>代码</code>\n中文</p>\n");
        assert_eq!(html("第一行  \n第二行"), "<p>第一行<br />\n第二行</p>\n");
    }
}
