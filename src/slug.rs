//! URL- and file-name-safe slugs from titles: Chinese characters become
//! their toneless pinyin (`喝水的学问` → `he-shui-de-xue-wen`), ASCII letters
//! and digits are kept (lower-cased), other letters are spelt in ASCII
//! (`Café Größe` → `cafe-grosse`), everything else separates words.
//! The one place slugs are made, so file names and URLs agree.
//!
//! Content file and folder names (and `slug:` values) become URL segments
//! as `slugify` in `kepu.yaml` says ([`Slugify`]): pinyin by default, so
//! links stay legible where chat apps percent-encode Chinese URLs.

use pinyin::ToPinyin;
use serde::{Deserialize, Serialize};

/// How content names become URL segments.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Slugify {
    /// [`slugify`]: `喝水的学问` → `he-shui-de-xue-wen`, `Robot Contest` → `robot-contest`.
    #[default]
    Pinyin,
    /// Letters and digits of any script, lower-cased: `喝水的学问` stays,
    /// `Robot Contest` → `robot-contest`.
    Unicode,
    /// The name as written, spaces made `-` and URL-breaking characters
    /// dropped: `Robot Contest` → `Robot-Contest`.
    Safe,
}

/// The URL segment of a content file or folder name.
pub fn url_segment(name: &str, mode: Slugify) -> String {
    match mode {
        Slugify::Pinyin => slugify(name),
        Slugify::Unicode => unicode(name),
        Slugify::Safe => safe(name),
    }
}

/// Lower-cased letters and digits of any script; other runs become one `-`.
fn unicode(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

fn safe(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.trim().chars() {
        match c {
            c if c.is_whitespace() => {
                if !out.ends_with('-') {
                    out.push('-');
                }
            }
            '/' | '\\' | '?' | '#' | '%' | '"' | '\'' | '<' | '>' | '&' | ':' | '*' | '|' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The slug of `text`; empty when `text` has nothing to spell (only
/// punctuation or symbols), so callers choose their own fallback.
pub fn slugify(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        // Each Chinese character is a word of its own, so syllables stay apart.
        if let Some(pinyin) = c.to_pinyin() {
            push_word(&mut words, &mut word);
            words.push(pinyin.plain().to_string());
            continue;
        }
        // Other letters join their word (`café` stays one); symbols such as
        // `♥` separate words like punctuation.
        match deunicode::deunicode_char(c).filter(|_| c.is_alphabetic()) {
            Some(ascii) => word.extend(
                ascii
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .map(|c| c.to_ascii_lowercase()),
            ),
            None => push_word(&mut words, &mut word),
        }
    }
    push_word(&mut words, &mut word);
    words.join("-")
}

fn push_word(words: &mut Vec<String>, word: &mut String) {
    if !word.is_empty() {
        words.push(std::mem::take(word));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_becomes_pinyin_words() {
        assert_eq!(slugify("喝水的学问"), "he-shui-de-xue-wen");
    }

    #[test]
    fn ascii_is_kept_and_punctuation_separates() {
        assert_eq!(
            slugify("学雷锋“i科普”志愿服务"),
            "xue-lei-feng-i-ke-pu-zhi-yuan-fu-wu"
        );
        assert_eq!(slugify("2024年 H1 Report!"), "2024-nian-h1-report");
        assert_eq!(slugify("COVID-19 防护"), "covid-19-fang-hu");
    }

    #[test]
    fn url_segments_follow_the_configured_mode() {
        assert_eq!(
            url_segment("2024年机器人竞赛", Slugify::Pinyin),
            "2024-nian-ji-qi-ren-jing-sai"
        );
        assert_eq!(url_segment("drink-water", Slugify::Pinyin), "drink-water");
        assert_eq!(url_segment("喝水的学问", Slugify::Unicode), "喝水的学问");
        assert_eq!(url_segment("Robot 机器人！", Slugify::Unicode), "robot-机器人");
        assert_eq!(url_segment("Robot Contest?", Slugify::Safe), "Robot-Contest");
        assert_eq!(url_segment("喝水 的学问", Slugify::Safe), "喝水-的学问");
    }

    #[test]
    fn other_letters_are_spelt_in_ascii_and_symbols_separate() {
        assert_eq!(slugify("Café Größe"), "cafe-grosse");
        assert_eq!(slugify("Ελλάδα и Москва"), "ellada-i-moskva");
        assert_eq!(slugify("I♥科普"), "i-ke-pu");
        assert_eq!(slugify("½ ♥ ✓"), "");
    }

    #[test]
    fn nothing_to_spell_is_empty() {
        assert_eq!(slugify("！？…"), "");
        assert_eq!(slugify(""), "");
    }
}
