//! The `question` shortcode of a quiz, `{% question(text="…", a="…",
//! b="…", answer="b") %}explanation{% end %}`: its options checked and
//! handed to the template as `options` (`key`, `label`, `text`, `correct`
//! each) with the right one as `answer` (`key`, `label`, `text`), so every
//! edition shows the same question and answer.

use super::parse::Arg;
use crate::messages::msg;
use serde::Serialize;
use std::collections::BTreeMap;
use tera::Context;

pub const NAME: &str = "question";

/// The option arguments, in order; a question has at least two, from `a` on.
const KEYS: [&str; 6] = ["a", "b", "c", "d", "e", "f"];

#[derive(Debug, Clone, Serialize)]
struct Choice {
    key: &'static str,
    label: String,
    text: String,
    correct: bool,
}

/// Adds `options` and `answer` of a `question` call to `context`; a wrong
/// call is an error (message, hint).
pub fn add(args: &BTreeMap<String, Arg>, context: &mut Context) -> Result<(), (String, String)> {
    let (options, answer) = question(args)?;
    context.insert("options", &options);
    context.insert("answer", &answer);
    Ok(())
}

fn question(args: &BTreeMap<String, Arg>) -> Result<(Vec<Choice>, Choice), (String, String)> {
    let wrong = |message: String| (message, msg!("question-example"));
    if args.get("text").is_none_or(|t| t.text().trim().is_empty()) {
        return Err(wrong(msg!("question-no-text")));
    }
    let given: Vec<&str> = KEYS.iter().copied().filter(|k| args.contains_key(*k)).collect();
    if given.len() < 2 || given != KEYS[..given.len()] {
        let given = if given.is_empty() {
            msg!("question-no-options")
        } else {
            given.join(", ")
        };
        return Err(wrong(msg!("question-options", given = given)));
    }
    let answer_key = args.get("answer").map(|a| a.text().trim().to_ascii_lowercase());
    let Some(right) = answer_key.and_then(|key| given.iter().position(|k| *k == key)) else {
        return Err(wrong(msg!("question-answer", keys = given.join("\", \""))));
    };
    let options: Vec<Choice> = given
        .iter()
        .enumerate()
        .map(|(at, &key)| Choice {
            key,
            label: key.to_ascii_uppercase(),
            text: args[key].text(),
            correct: at == right,
        })
        .collect();
    let answer = options[right].clone();
    Ok((options, answer))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::shortcodes::parse::text_args as args;

    #[test]
    fn options_in_order_and_the_marked_answer() {
        let (options, answer) = question(&args(&[
            ("text", "问"),
            ("a", "甲"),
            ("b", "乙"),
            ("answer", "B"),
        ]))
        .unwrap();
        let labels: Vec<&str> = options.iter().map(|o| o.label.as_str()).collect();
        assert_eq!(labels, ["A", "B"]);
        assert_eq!((answer.key, answer.text.as_str()), ("b", "乙"));
        assert!(!options[0].correct && options[1].correct);
    }

    #[test]
    fn a_question_needs_text_two_options_and_an_answer_among_them() {
        let fails = |pairs: &[(&str, &str)]| question(&args(pairs)).unwrap_err().0;
        assert!(fails(&[("a", "甲"), ("b", "乙"), ("answer", "a")]).contains("needs the question"));
        assert!(fails(&[("text", "问"), ("a", "甲"), ("answer", "a")]).contains("at least two"));
        assert!(fails(&[("text", "问"), ("a", "甲"), ("c", "丙"), ("answer", "a")]).contains("a, c"));
        assert!(fails(&[("text", "问"), ("a", "甲"), ("b", "乙")]).contains("answer=\"a\", \"b\""));
        assert!(fails(&[("text", "问"), ("a", "甲"), ("b", "乙"), ("answer", "c")]).contains("one of"));
    }
}
