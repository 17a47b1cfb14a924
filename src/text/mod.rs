//! Chinese-first text handling: what counts as a CJK character, word counts
//! and reading time, spacing between Chinese and Latin text, and line
//! breaks inside Chinese paragraphs (slugs are in `crate::slug`). Pure
//! functions over strings and Markdown events.

pub mod count;
pub mod line_breaks;
pub mod spacing;

/// Han ideographs, kana and hangul: the scripts written without spaces
/// between words. Each such character is one reading unit, is never part of
/// a Latin word, and is indexed by search as the start of a bigram. The same
/// ranges are in `themes/kepu/static/js/search.js` (`CJK`).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11FF       // hangul jamo
        | 0x3005 | 0x3007     // 々 〇
        | 0x3040..=0x30FF     // hiragana, katakana
        | 0x3130..=0x318F     // hangul compatibility jamo
        | 0x31F0..=0x31FF     // katakana phonetic extensions
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xAC00..=0xD7AF     // hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0x20000..=0x3FFFF   // CJK extensions B and later
    )
}

/// Whether `body` has a `{{` or a `{%` anywhere (in code too): what a
/// shortcode or another generator's tag starts with, so a body without one
/// needs no parsing for them. One search for `{` (memchr's, with SIMD)
/// instead of two substring searches through the whole body: Chinese text
/// rarely has a `{`, and every body is asked this twice a build (the source
/// stage's foreign syntax, the Markdown stage's shortcodes).
pub fn has_tag_opening(body: &str) -> bool {
    let bytes = body.as_bytes();
    memchr::memchr_iter(b'{', bytes).any(|at| matches!(bytes.get(at + 1), Some(b'{' | b'%')))
}

#[cfg(test)]
mod tests {
    use super::{has_tag_opening, is_cjk};

    #[test]
    fn cjk_covers_han_kana_hangul_but_not_punctuation() {
        for c in ['科', '〇', 'か', 'カ', '한', '𠀀'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['，', '。', '「', 'a', '1', '１', ' '] {
            assert!(!is_cjk(c), "{c}");
        }
    }

    #[test]
    fn tag_openings_are_what_a_substring_search_finds() {
        for body in [
            "", "{", "a{", "{ {", "{}", "科普{%", "{{", "x { y {{", "%{", "{\n%", "{{<", "，{%",
        ] {
            let expected = body.contains("{{") || body.contains("{%");
            assert_eq!(has_tag_opening(body), expected, "{body:?}");
        }
    }
}
