//! Spacing between Chinese and Latin text (`使用Rust编写` → `使用 Rust 编写`),
//! as Chinese copy-writing guides ask. Works on HTML text (entities stay
//! whole); the post-processing stage feeds it only text outside code,
//! `pre` and other literal elements, never attributes.
//!
//! A space goes between a CJK character and a Latin word that has a letter
//! (`Rust`, `5G`, `C++`); plain numbers stay tight (`2024年6月25日`, `260人`),
//! as in official documents. URLs are left exactly as written, and so are
//! the words a site lists to keep (brand names such as `i科普`).

use super::is_cjk;

/// What the text fed so far ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Last {
    #[default]
    Other,
    Cjk,
    /// A Latin word; `true` when it has a letter.
    Word(bool),
}

/// Spaces a sequence of text pieces that read as one run (the text nodes of
/// one paragraph, split by inline tags such as `<strong>`).
#[derive(Debug, Clone, Default)]
pub struct Spacer<'k> {
    last: Last,
    /// Words written as they are, never spaced inside (`i科普`).
    keep: &'k [String],
}

impl<'k> Spacer<'k> {
    /// A spacer that leaves the words of `keep` as written.
    pub fn keeping(keep: &'k [String]) -> Self {
        Spacer {
            last: Last::Other,
            keep,
        }
    }

    /// Starts a new run (a block boundary, or text that is not spaced).
    pub fn reset(&mut self) {
        self.last = Last::Other;
    }

    /// True when `next` would start with an added space.
    pub fn spaces_before(&self, next: &str) -> bool {
        self.clone().space(next).starts_with(' ')
    }

    /// `text` with spaces added where it meets Chinese, given the pieces before it.
    pub fn space(&mut self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            let len = if let Some(len) = entity_len(rest) {
                out.push_str(&rest[..len]);
                self.last = Last::Other;
                len
            } else if let Some(len) = url_len(rest) {
                if self.last == Last::Cjk {
                    out.push(' ');
                }
                out.push_str(&rest[..len]);
                self.last = Last::Other;
                len
            } else if is_word_char(c) {
                let len = rest.find(|c| !is_word_char(c)).unwrap_or(rest.len());
                let word = &rest[..len];
                let continued = matches!(self.last, Last::Word(true));
                let has_letter = continued || word.bytes().any(|b| b.is_ascii_alphabetic());
                if self.last == Last::Cjk && has_letter {
                    out.push(' ');
                }
                out.push_str(word);
                self.last = Last::Word(has_letter);
                len
            } else {
                if is_cjk(c) && self.last == Last::Word(true) {
                    out.push(' ');
                }
                out.push(c);
                self.last = if is_cjk(c) { Last::Cjk } else { Last::Other };
                c.len_utf8()
            };
            rest = &rest[len..];
        }
        if out.len() != text.len() {
            self.restore_kept(&mut out);
        }
        out
    }

    /// Takes the spaces out of the kept words again.
    fn restore_kept(&self, out: &mut String) {
        for word in self.keep {
            let spaced = space(word);
            if spaced != *word && out.contains(&spaced) {
                *out = out.replace(&spaced, word);
            }
        }
    }
}

/// Spaces one piece of text on its own.
pub fn space(text: &str) -> String {
    Spacer::default().space(text)
}

/// [`space`], leaving the words of `keep` as written.
pub fn space_keeping(text: &str, keep: &[String]) -> String {
    Spacer::keeping(keep).space(text)
}

/// Characters of a Latin word: `Rust`, `5G`, `C++`, `Node.js`, `Wi-Fi`, `km/h`.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '#' | '.' | '-' | '_' | '/' | '\'')
}

/// The length of an HTML entity (`&quot;`, `&#x2F;`) at the start of `text`.
fn entity_len(text: &str) -> Option<usize> {
    let name = text.strip_prefix('&')?;
    let end = name.find(';')?;
    let name = &name[..end];
    let is_entity = (1..=10).contains(&name.len())
        && name
            .trim_start_matches('#')
            .bytes()
            .all(|b| b.is_ascii_alphanumeric());
    is_entity.then_some(end + 2)
}

/// The length of a URL at the start of `text`: up to a space or closing
/// punctuation, so Chinese in its path is kept whole too.
fn url_len(text: &str) -> Option<usize> {
    const SCHEMES: [&str; 5] = ["http://", "https://", "ftp://", "mailto:", "www."];
    let bytes = text.as_bytes();
    SCHEMES
        .iter()
        .any(|s| {
            bytes
                .get(..s.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(s.as_bytes()))
        })
        .then(|| text.find(ends_url).unwrap_or(text.len()))
}

/// Where a URL written in running text ends.
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '<' | '>'
                | '"'
                | '，'
                | '。'
                | '；'
                | '：'
                | '！'
                | '？'
                | '、'
                | '）'
                | '》'
                | '」'
                | '』'
                | '】'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_latin_words_inside_chinese() {
        assert_eq!(space("使用Rust编写"), "使用 Rust 编写");
        assert_eq!(space("支持5G网络和C++编程"), "支持 5G 网络和 C++ 编程");
        assert_eq!(space("用Node.js开发"), "用 Node.js 开发");
    }

    #[test]
    fn plain_numbers_and_punctuation_stay_tight() {
        assert_eq!(space("2024年6月25日，约260人参加"), "2024年6月25日，约260人参加");
        assert_eq!(space("（Rust）编写"), "（Rust）编写");
        assert_eq!(space("使用 Rust 编写"), "使用 Rust 编写");
    }

    #[test]
    fn urls_and_entities_are_never_changed() {
        assert_eq!(
            space("访问https://example.org/科普/abc了解"),
            "访问 https://example.org/科普/abc了解"
        );
        assert_eq!(space("见www.kexie.cn网站"), "见 www.kexie.cn网站");
        assert_eq!(space("他说&quot;你好&quot;"), "他说&quot;你好&quot;");
        assert_eq!(space("研发&amp;生产"), "研发&amp;生产");
        assert_eq!(space("A&amp;B公司"), "A&amp;B 公司");
    }

    #[test]
    fn spacing_crosses_inline_tags_but_not_a_reset() {
        let mut s = Spacer::default();
        assert_eq!(s.space("使用"), "使用");
        assert_eq!(s.space("Rust"), " Rust");
        assert_eq!(s.space("编写"), " 编写");
        s.reset();
        assert_eq!(s.space("Rust"), "Rust");
    }

    #[test]
    fn kept_words_stay_as_written() {
        let keep = ["i科普".to_string(), "大爱xx".to_string()];
        assert_eq!(
            space_keeping("学雷锋i科普志愿服务，大爱xx周六", &keep),
            "学雷锋 i科普志愿服务，大爱xx 周六"
        );
        assert_eq!(space_keeping("使用Rust编写", &keep), "使用 Rust 编写");
        assert_eq!(space("学雷锋i科普"), "学雷锋 i 科普");
    }
}
