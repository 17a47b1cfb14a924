//! Word counts and reading time that are right for Chinese: each CJK
//! character is one unit, each run of Latin letters or digits one word.

use super::is_cjk;
use serde::{Deserialize, Serialize};

/// The units of a text: CJK characters and Latin words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextCount {
    pub cjk: usize,
    pub words: usize,
}

impl TextCount {
    /// `page.word_count`: characters and words together, as editors count
    /// a Chinese article ("2000 字").
    pub fn total(self) -> usize {
        self.cjk + self.words
    }

    /// `page.reading_time` in whole minutes, rounded to the nearest and at
    /// least 1 (the theme says "约 N 分钟读完").
    pub fn reading_minutes(self, speed: ReadingSpeed) -> usize {
        let minutes = self.cjk as f64 / speed.cjk as f64 + self.words as f64 / speed.latin as f64;
        (minutes.round() as usize).max(1)
    }
}

/// `reading_speed` in `kepu.yaml`: CJK characters and Latin words per minute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReadingSpeed {
    pub cjk: u32,
    pub latin: u32,
}

impl Default for ReadingSpeed {
    fn default() -> Self {
        ReadingSpeed { cjk: 400, latin: 200 }
    }
}

/// Counts `text` (the visible text of a page, code blocks left out).
pub fn count(text: &str) -> TextCount {
    let mut count = TextCount::default();
    let mut in_word = false;
    for c in text.chars() {
        if is_cjk(c) {
            count.cjk += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                count.words += 1;
            }
            in_word = true;
        } else {
            in_word = false;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_counts_every_character_not_every_space() {
        let c = count("喝水的学问，其实很大。");
        assert_eq!(c, TextCount { cjk: 9, words: 0 });
        assert_eq!(c.total(), 9);
    }

    #[test]
    fn mixed_text_counts_latin_runs_as_words() {
        let c = count("使用Rust编写，支持 5G 和 Wi-Fi 6。");
        assert_eq!(c.cjk, 7);
        // Rust, 5G, Wi, Fi, 6
        assert_eq!(c.words, 5);
        let c = count("かな 한국어 and English words");
        assert_eq!(c, TextCount { cjk: 5, words: 3 });
    }

    #[test]
    fn reading_time_uses_both_speeds_and_is_at_least_a_minute() {
        let speed = ReadingSpeed::default();
        assert_eq!(TextCount { cjk: 2000, words: 0 }.reading_minutes(speed), 5);
        assert_eq!(TextCount { cjk: 0, words: 1000 }.reading_minutes(speed), 5);
        assert_eq!(
            TextCount {
                cjk: 1000,
                words: 300
            }
            .reading_minutes(speed),
            4
        );
        assert_eq!(TextCount { cjk: 10, words: 0 }.reading_minutes(speed), 1);
        assert_eq!(TextCount::default().reading_minutes(speed), 1);
        let slow = ReadingSpeed { cjk: 200, latin: 100 };
        assert_eq!(TextCount { cjk: 2000, words: 0 }.reading_minutes(slow), 10);
    }
}
