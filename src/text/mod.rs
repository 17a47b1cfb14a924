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

#[cfg(test)]
mod tests {
    use super::is_cjk;

    #[test]
    fn cjk_covers_han_kana_hangul_but_not_punctuation() {
        for c in ['科', '〇', 'か', 'カ', '한', '𠀀'] {
            assert!(is_cjk(c), "{c}");
        }
        for c in ['，', '。', '「', 'a', '1', '１', ' '] {
            assert!(!is_cjk(c), "{c}");
        }
    }
}
