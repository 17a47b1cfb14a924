//! The terms of a text. `themes/kepu/static/js/search.js` applies the same
//! rules to queries (`terms`), and a test runs both on the same strings.
//!
//! - Full-width ASCII forms are folded to half-width, ASCII to lower case,
//!   traditional characters to simplified ones (`traditional.rs`, from
//!   OpenCC): `學雷鋒` is indexed and looked up as `学雷锋`. The browser gets
//!   the pairs its site needs in `meta.json` (`folding_pairs`).
//! - A Latin word (ASCII letters and digits, Latin-1 and Latin Extended-A/B
//!   letters) is one term, cut to 24 characters.
//! - A run of CJK characters gives one term per character: the bigram it
//!   starts, or the character alone at the end of the run. So `机器人`
//!   gives `机器`, `器人`, `人`, and every occurrence of a character is the
//!   start of some term: a one-character query matches by prefix.
//!
//! Why bigrams, not a dictionary segmenter (jieba-rs): measured on the demo
//! site and the 10,000-page corpus, bigrams find every page that contains
//! a query (jieba missed one), pass the same query list, and need no
//! dictionary: jieba would add its C build, a dictionary load per build
//! and, to cut queries the same way, a multi-megabyte dictionary in the
//! browser. The price is an index about twice as large, which sharding
//! keeps out of a query's download (README, "Search design").

use super::traditional::PAIRS;
use crate::text::is_cjk;
use rustc_hash::FxHashMap;
use std::sync::LazyLock;

/// Longest Latin term, in characters.
pub const MAX_WORD: usize = 24;

/// Traditional characters and their simplified forms.
static SIMPLIFIED: LazyLock<FxHashMap<char, char>> = LazyLock::new(|| {
    let chars: Vec<char> = PAIRS.iter().flat_map(|line| line.chars()).collect();
    chars.chunks_exact(2).map(|pair| (pair[0], pair[1])).collect()
});

/// Folds a character as the index and the query both do.
pub fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).map_or(c, |c| c.to_ascii_lowercase()),
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c => SIMPLIFIED.get(&c).copied().unwrap_or(c),
    }
}

/// The folding pairs (traditional, simplified, …) whose simplified
/// character `wanted`, as one string: what the browser folds queries with.
pub fn folding_pairs(wanted: impl Fn(char) -> bool) -> String {
    let mut pairs: Vec<(char, char)> = SIMPLIFIED
        .iter()
        .map(|(t, s)| (*t, *s))
        .filter(|(_, s)| wanted(*s))
        .collect();
    pairs.sort_unstable();
    pairs.into_iter().flat_map(|(t, s)| [t, s]).collect()
}

/// Letters and digits of a Latin word.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (matches!(c, '\u{C0}'..='\u{24F}') && c != '×' && c != '÷')
}

/// Calls `emit` with every term of `text`, in order. `folded` is a buffer
/// reused between calls (terms borrow from it).
pub fn for_each_term(text: &str, folded: &mut String, mut emit: impl FnMut(&str)) {
    folded.clear();
    folded.extend(text.chars().map(fold));
    let mut chars = folded.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if is_cjk(c) {
            let end = match chars.peek() {
                Some(&(next, n)) if is_cjk(n) => next + n.len_utf8(),
                _ => start + c.len_utf8(),
            };
            emit(&folded[start..end]);
        } else if is_word_char(c) {
            let mut end = start + c.len_utf8();
            let mut length = 1;
            while let Some(&(i, n)) = chars.peek().filter(|(_, n)| is_word_char(*n)) {
                if length < MAX_WORD {
                    end = i + n.len_utf8();
                    length += 1;
                }
                chars.next();
            }
            emit(&folded[start..end]);
        }
    }
}

/// The terms of `text` as owned strings (tests and small inputs).
pub fn terms(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_term(text, &mut String::new(), |t| out.push(t.to_string()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_runs_become_bigrams_ending_in_the_last_character() {
        assert_eq!(terms("机器人竞赛"), ["机器", "器人", "人竞", "竞赛", "赛"]);
        assert_eq!(terms("邪教，科普"), ["邪教", "教", "科普", "普"]);
        assert_eq!(terms("烟"), ["烟"]);
    }

    #[test]
    fn latin_words_are_folded_and_cut() {
        assert_eq!(
            terms("Robot机器人ＡＩ, 5G!"),
            ["robot", "机器", "器人", "人", "ai", "5g"]
        );
        assert_eq!(terms("Café naïve"), ["café", "naïve"]);
        assert_eq!(terms(&"x".repeat(40)), ["x".repeat(MAX_WORD)]);
    }

    #[test]
    fn traditional_characters_fold_to_simplified() {
        assert_eq!(terms("學雷鋒"), terms("学雷锋"));
        assert_eq!(
            terms("無煙日 機器人"),
            ["无烟", "烟日", "日", "机器", "器人", "人"]
        );
        // Simplified text and characters both scripts share stay as they are.
        assert_eq!(terms("科普"), ["科普", "普"]);
        assert_eq!(folding_pairs(|c| c == '学' || c == '锋'), "學学鋒锋");
    }

    #[test]
    fn punctuation_and_symbols_are_not_terms() {
        assert!(terms("，。！？—…《》 - + × ÷ @").is_empty());
    }
}
