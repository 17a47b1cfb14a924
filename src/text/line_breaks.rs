//! Line breaks inside Chinese paragraphs. Markdown turns a newline inside a
//! paragraph into a soft break, which browsers (and the WeChat editor) show
//! as a space: `科学\n饮水` reads `科学 饮水`. Where the text on both sides of
//! the break is CJK — Han, kana, hangul or full-width punctuation — the
//! break is dropped, as Hugo's `eastAsianLineBreaks` does; between Latin
//! words, or Chinese and Latin, it stays a space.

use super::is_cjk;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::VecDeque;

/// The parser's events with every soft break between two CJK characters
/// removed. The characters are looked for across inline markup
/// (`**粗体**\n中文`), not across code, images or other blocks. Streams:
/// only the inline markup right after a candidate break is held back.
pub fn join_cjk_lines<'a, R>(
    events: impl Iterator<Item = (Event<'a>, R)>,
) -> impl Iterator<Item = (Event<'a>, R)> {
    JoinCjkLines {
        events,
        after_east_asian: false,
        ready: VecDeque::new(),
        deciding: None,
    }
}

struct JoinCjkLines<'a, I, R> {
    events: I,
    /// Whether the text nearest before, through inline markup, ends in a
    /// CJK character.
    after_east_asian: bool,
    /// Events decided on, to hand out before reading more.
    ready: VecDeque<(Event<'a>, R)>,
    /// The event that decided on a held break, to be looked at next.
    deciding: Option<(Event<'a>, R)>,
}

impl<'a, I: Iterator<Item = (Event<'a>, R)>, R> Iterator for JoinCjkLines<'a, I, R> {
    type Item = (Event<'a>, R);

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(event) = self.ready.pop_front() {
            return Some(event);
        }
        let (event, range) = self.deciding.take().or_else(|| self.events.next())?;
        if matches!(event, Event::SoftBreak) && self.after_east_asian {
            return self.decide((event, range));
        }
        self.after_east_asian = match &event {
            Event::Text(text) => text.chars().next_back().is_some_and(is_east_asian),
            event if is_inline_markup(event) => self.after_east_asian,
            _ => false,
        };
        Some((event, range))
    }
}

impl<'a, I: Iterator<Item = (Event<'a>, R)>, R> JoinCjkLines<'a, I, R> {
    /// Reads past the inline markup after `soft_break` to the next text and
    /// drops the break when that text starts with a CJK character.
    fn decide(&mut self, soft_break: (Event<'a>, R)) -> Option<(Event<'a>, R)> {
        let mut markup = VecDeque::new();
        self.deciding = loop {
            match self.events.next() {
                Some((event, range)) if is_inline_markup(&event) => markup.push_back((event, range)),
                other => break other,
            }
        };
        let joins = matches!(&self.deciding, Some((Event::Text(text), _)) if text.chars().next().is_some_and(is_east_asian));
        if !joins {
            self.after_east_asian = false;
            markup.push_front(soft_break);
        }
        self.ready = markup;
        self.next()
    }
}

/// Whether `body` may hold a soft break that [`join_cjk_lines`] drops: a
/// line end with a non-ASCII character on both sides, looking past spaces,
/// quote marks, list indents and inline markup. Most bodies written one
/// paragraph per line have none, and skip the joining.
pub fn may_join(body: &str) -> bool {
    let bytes = body.as_bytes();
    let markup = |b: &&u8| matches!(**b, b' ' | b'\t' | b'*' | b'_' | b'~' | b'>');
    // Link brackets may hide the text beside them, and an entity
    // (`&#x4e2d;`) may stand for a Chinese character.
    let may_be_cjk = |b: &u8| !b.is_ascii() || matches!(b, b'[' | b']' | b')' | b';' | b'&');
    let line_end = |at: usize| {
        let before = bytes[..at].iter().rev().find(|b| !markup(b));
        let after = bytes[at + 1..].iter().find(|b| !markup(b));
        before.is_some_and(may_be_cjk) && after.is_some_and(may_be_cjk)
    };
    memchr::memchr_iter(b'\n', bytes).any(line_end)
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
        pulldown_cmark::html::push_html(&mut out, events.map(|(e, _)| e));
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
    fn bodies_without_a_joinable_break_skip_the_joining() {
        assert!(!may_join("第一段。\n\n第二段。\n\n- 一\n- 二\n\n## 标题\n"));
        assert!(!may_join("drink\nwater\n使用\nRust"));
        for joinable in [
            "成年人每天\n需要多少水",
            "**黄金\n四分钟**",
            "[拨打](tel:120)\n中文",
            "> 引用\n> 第二行",
            "中文  \n  中文",
        ] {
            assert!(may_join(joinable), "{joinable}");
        }
    }

    /// `may_join` may say yes too often, never too rarely: on thousands of
    /// bodies made of Markdown pieces, joining changes none it says no to.
    #[test]
    fn may_join_never_misses_a_joinable_break() {
        let pieces = [
            "中文",
            "。",
            "abc",
            "\n",
            "\n\n",
            "  ",
            "**",
            "_",
            "~~",
            "[",
            "](x)",
            "][r]",
            "> ",
            "- ",
            "&#x4e2d;",
            "`c`",
            "<b>",
            "“",
            "\\",
            "1. ",
            "\n[r]: /x\n",
            "![图](p.png)",
            "<https://a.cn>",
            "\t",
            "*",
            "# ",
            "（",
            "&amp;",
            "|",
        ];
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        for _ in 0..30_000 {
            let body: String = (0..8).map(|_| pieces[next() % pieces.len()]).collect();
            if !may_join(&body) {
                let plain: Vec<_> = Parser::new(&body).into_offset_iter().collect();
                let joined: Vec<_> = join_cjk_lines(Parser::new(&body).into_offset_iter()).collect();
                assert_eq!(plain, joined, "{body:?}");
            }
        }
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
