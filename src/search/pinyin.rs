//! Pinyin for readers who type it instead of characters (`xiejiao`,
//! `xie jiao`, `xie教`, initials `xj`). The build writes what the browser
//! needs to turn such a query into the site's own words:
//!
//! - `p/N.json`, shards like the term shards, keyed in UTF-16 order: each
//!   Chinese bigram of the index under the readings of its two characters
//!   (`"xiejiao": "邪教"`, several bigrams one after the other), and each
//!   character of the index under itself with its reading (`"教": "jiao"`,
//!   for mixed input);
//! - in `meta.json`, the syllables the site's characters read as (`py`), to
//!   cut a query into syllables, and the first key of each `p/` shard;
//! - in the term shards, the initials of the bigrams of titles and tags
//!   (`^xj`, title postings), so `xj` finds 邪教 in a title. Only titles and
//!   tags: in the body, two letters match too many bigrams to mean anything.
//!
//! Readings are the `pinyin` crate's most common reading of each character,
//! without tones, `ü` written `v` as keyboards type it (`lv`, `nv`).

use pinyin::ToPinyin;
use std::borrow::Cow;

/// The toneless reading of `c`, if it is a Chinese character.
pub fn reading(c: char) -> Option<Cow<'static, str>> {
    let plain = c.to_pinyin()?.plain();
    Some(if plain.contains('ü') {
        Cow::Owned(plain.replace('ü', "v"))
    } else {
        Cow::Borrowed(plain)
    })
}

/// The key of the initials of a bigram (`邪教` → `^xj`), if both characters
/// have a reading. `^` sorts apart from words and never occurs in one.
pub fn initials_key(bigram: &str) -> Option<String> {
    let mut chars = bigram.chars();
    let (first, second) = (chars.next()?, chars.next()?);
    if chars.next().is_some() {
        return None;
    }
    let initial = |c: char| reading(c).and_then(|r| r.chars().next());
    Some(format!("^{}{}", initial(first)?, initial(second)?))
}

/// The key of a bigram's readings (`邪教` → `xiejiao`).
pub fn bigram_key(bigram: &str) -> Option<String> {
    let mut chars = bigram.chars();
    let (first, second) = (chars.next()?, chars.next()?);
    if chars.next().is_some() {
        return None;
    }
    Some(format!("{}{}", reading(first)?, reading(second)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_and_keys() {
        assert_eq!(reading('邪').as_deref(), Some("xie"));
        assert_eq!(reading('绿').as_deref(), Some("lv"));
        assert_eq!(reading('a'), None);
        assert_eq!(bigram_key("邪教").as_deref(), Some("xiejiao"));
        assert_eq!(initials_key("机器").as_deref(), Some("^jq"));
        assert_eq!(bigram_key("教"), None);
        assert_eq!(initials_key("机器人"), None);
    }
}
