//! URL- and file-name-safe slugs from titles: Chinese characters become
//! their toneless pinyin (`喝水的学问` → `he-shui-de-xue-wen`), ASCII letters
//! and digits are kept (lower-cased), everything else separates words.
//! The one place slugs are made, so file names and URLs agree.

use pinyin::ToPinyin;

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
        push_word(&mut words, &mut word);
        // Each Chinese character is a word of its own, so syllables stay apart.
        if let Some(pinyin) = c.to_pinyin() {
            words.push(pinyin.plain().to_string());
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
    fn nothing_to_spell_is_empty() {
        assert_eq!(slugify("！？…"), "");
        assert_eq!(slugify(""), "");
    }
}
