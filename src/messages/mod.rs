//! The language kepu speaks to its user (Chinese for a `zh-*` site, English
//! otherwise, `KEPU_LANG=en|zh` overriding both) and the catalogues its
//! messages live in: `zh.ftl` and `en.ftl`, Fluent files with the same
//! message ids (a test compares them).
//!
//! One run of kepu works on one site, so the language is chosen once, by
//! `main` ([`set_language`]), before any stage speaks; the stages then say
//! their messages with [`msg!`] without passing the language around. A
//! caller that never chose (the library's own tests) gets English.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast::{Expression, InlineExpression, Pattern, PatternElement};
use std::sync::OnceLock;

const ZH: &str = include_str!("zh.ftl");
const EN: &str = include_str!("en.ftl");

/// A language kepu's messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// The language for a site whose `language` is `site_language` (`None`
    /// when the configuration could not be read), unless `KEPU_LANG` says
    /// otherwise.
    pub fn choose(site_language: Option<&str>) -> Lang {
        Lang::from_override(std::env::var("KEPU_LANG").ok().as_deref())
            .unwrap_or_else(|| Lang::of_site(site_language))
    }

    /// `KEPU_LANG`'s value as a language: `zh…` or `en…`, anything else ignored.
    fn from_override(value: Option<&str>) -> Option<Lang> {
        let value = value?.trim().to_ascii_lowercase();
        if value.starts_with("zh") {
            Some(Lang::Zh)
        } else if value.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// Chinese for `zh`, `zh-CN`, `zh-Hans`…; English for every other site.
    /// A site whose configuration cannot be read is most likely a Chinese
    /// one (kepu's default language is `zh-CN`).
    fn of_site(site_language: Option<&str>) -> Lang {
        match site_language {
            Some(language) => {
                let language = language.to_ascii_lowercase();
                if language == "zh" || language.starts_with("zh-") || language.starts_with("zh_") {
                    Lang::Zh
                } else {
                    Lang::En
                }
            }
            None => Lang::Zh,
        }
    }
}

static CHOSEN: OnceLock<Lang> = OnceLock::new();

/// Chooses the language of this run's messages; only the first choice counts.
pub fn set_language(lang: Lang) {
    // A second choice (a library caller choosing again) keeps the first.
    let _ = CHOSEN.set(lang);
}

/// The language of this run's messages (English until one is chosen).
pub fn language() -> Lang {
    CHOSEN.get().copied().unwrap_or(Lang::En)
}

/// The message `id` in this run's language (see [`msg!`]).
pub fn text(id: &str, args: &[(&str, FluentValue)]) -> String {
    say(language(), id, args)
}

/// `msg!("yaml-tab")` or `msg!("unknown-key", key = name)`: the catalogue
/// message in this run's language, its `{ $name }`s filled in. Values are
/// anything a `FluentValue` is made from (text, numbers). Exported for
/// the `kepu` binary's own messages.
#[macro_export]
macro_rules! msg {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::messages::text(
            $id,
            &[$((stringify!($name), $crate::messages::FluentValue::from($value))),*],
        )
    };
}
pub use fluent_bundle::FluentValue;
pub use msg;

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static ZH_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    static EN_BUNDLE: OnceLock<Bundle> = OnceLock::new();
    let (cell, text, tag) = match lang {
        Lang::Zh => (&ZH_BUNDLE, ZH, "zh-CN"),
        Lang::En => (&EN_BUNDLE, EN, "en"),
    };
    cell.get_or_init(|| {
        let mut bundle = Bundle::new_concurrent(vec![tag.parse().expect("a valid language tag")]);
        // Terminals and editors show Unicode isolation marks as boxes.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(text.to_string()).expect("the catalogue parses (tested)");
        bundle
            .add_resource(resource)
            .expect("no message id twice (tested)");
        bundle
    })
}

/// `n` with its thousands grouped by commas (`51,217`), as a message
/// argument: Fluent's numbers are not grouped without a locale library.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut text = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// The message `id` in `lang`, its `{ $name }`s filled from `args`. An id
/// missing from the catalogue (a test prevents it) reads as the id itself.
pub fn say(lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> String {
    lookup(lang, id, args).unwrap_or_else(|| id.to_string())
}

/// The message `id` in `lang`, if the catalogue has it (for ids made from
/// data, like `kind-CODE`).
pub fn lookup(lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    if let Some(text) = plain_text(pattern, args) {
        return Some(text);
    }
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.clone());
    }
    let mut errors = Vec::new();
    Some(
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned(),
    )
}

/// `pattern` filled in without Fluent's resolver, when it is only text
/// and `{ $name }`s of text arguments (most messages): what Fluent writes
/// for it (isolation marks are off), at a fraction of the cost, which
/// counts for a site with a thousand warnings. `None` for anything else
/// (numbers, selectors, references, a missing argument).
fn plain_text(pattern: &Pattern<&str>, args: &[(&str, FluentValue)]) -> Option<String> {
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => match args.iter().rev().find(|(name, _)| *name == id.name)? {
                (_, FluentValue::String(value)) => text.push_str(value),
                _ => return None,
            },
            PatternElement::Placeable { .. } => return None,
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message id of one catalogue, in the order written.
    fn ids(text: &str) -> Vec<String> {
        let resource = FluentResource::try_new(text.to_string()).expect("the catalogue parses");
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_message_has_both_translations() {
        let (zh, en) = (ids(ZH), ids(EN));
        let only = |a: &[String], b: &[String]| -> Vec<String> {
            a.iter().filter(|id| !b.contains(id)).cloned().collect()
        };
        assert!(only(&zh, &en).is_empty(), "no English for: {:?}", only(&zh, &en));
        assert!(only(&en, &zh).is_empty(), "no Chinese for: {:?}", only(&en, &zh));
        for lang in [Lang::Zh, Lang::En] {
            // Parses and has no id twice.
            bundle(lang);
        }
    }

    /// Every `msg!("id"` written in the sources, with the file it is in.
    fn ids_used() -> Vec<(String, String)> {
        let mut used = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("messages/mod.rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    for call in text.split("msg!(\"").skip(1) {
                        let id = call.split('"').next().unwrap_or("");
                        used.push((id.to_string(), path.display().to_string()));
                    }
                }
            }
        }
        used
    }

    #[test]
    fn every_message_said_is_in_both_catalogues() {
        let used = ids_used();
        assert!(used.len() > 50, "{} uses found", used.len());
        let missing: Vec<String> = used
            .iter()
            .filter(|(id, _)| !ids(ZH).contains(id) || !ids(EN).contains(id))
            .map(|(id, file)| format!("{id} ({file})"))
            .collect();
        assert!(missing.is_empty(), "said but not in both catalogues: {missing:?}");
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (51217, "51,217"),
            (1234567, "1,234,567"),
        ];
        for (n, text) in cases {
            assert_eq!(grouped(n), text);
        }
    }

    #[test]
    fn messages_fill_their_arguments() {
        let args = [("errors", 3.into()), ("warnings", 897.into())];
        assert_eq!(say(Lang::Zh, "count", &args), "3 个错误，897 个警告");
        assert_eq!(say(Lang::En, "count", &args), "3 errors, 897 warnings");
        let one = [("errors", 1.into()), ("warnings", 0.into())];
        assert_eq!(say(Lang::En, "count", &one), "1 error, 0 warnings");
    }

    /// Fluent's own formatting of `id` with `args`.
    fn fluent(lang: Lang, id: &str, args: &[(&str, FluentValue)]) -> String {
        let bundle = bundle(lang);
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let pattern = bundle.get_message(id).unwrap().value().unwrap();
        bundle
            .format_pattern(pattern, Some(&fluent_args), &mut Vec::new())
            .into_owned()
    }

    #[test]
    fn plain_messages_read_as_fluent_writes_them() {
        for (lang, text) in [(Lang::Zh, ZH), (Lang::En, EN)] {
            let mut plain = 0;
            for id in ids(text) {
                let Some(pattern) = bundle(lang).get_message(&id).and_then(|m| m.value()) else {
                    continue;
                };
                let names: Vec<&str> = pattern
                    .elements
                    .iter()
                    .filter_map(|element| match element {
                        PatternElement::Placeable {
                            expression: Expression::Inline(InlineExpression::VariableReference { id }),
                        } => Some(id.name),
                        _ => None,
                    })
                    .collect();
                let args: Vec<(&str, FluentValue)> = names
                    .iter()
                    .map(|name| (*name, FluentValue::from(format!("<{name}> 值"))))
                    .collect();
                if let Some(text) = plain_text(pattern, &args) {
                    plain += 1;
                    assert_eq!(text, fluent(lang, &id, &args), "{id}");
                }
                // A number, or an argument not given, goes to Fluent.
                if let Some(name) = names.first() {
                    assert_eq!(plain_text(pattern, &[(name, 1.into())]), None, "{id}");
                    assert_eq!(plain_text(pattern, &[]), None, "{id}");
                }
            }
            assert!(plain > 400, "{plain} plain messages");
        }
        let args = [("errors", 3.into()), ("warnings", 897.into())];
        assert_eq!(say(Lang::Zh, "count", &args), fluent(Lang::Zh, "count", &args));
    }

    #[test]
    fn chinese_sites_get_chinese_and_others_english() {
        assert_eq!(Lang::of_site(Some("zh-CN")), Lang::Zh);
        assert_eq!(Lang::of_site(Some("zh")), Lang::Zh);
        assert_eq!(Lang::of_site(Some("en-US")), Lang::En);
        assert_eq!(Lang::of_site(Some("zhx")), Lang::En);
        assert_eq!(Lang::of_site(None), Lang::Zh);
    }

    #[test]
    fn kepu_lang_overrides_only_when_it_names_a_language() {
        assert_eq!(Lang::from_override(Some("en")), Some(Lang::En));
        assert_eq!(Lang::from_override(Some("zh_CN.UTF-8")), Some(Lang::Zh));
        assert_eq!(Lang::from_override(Some("fr")), None);
        assert_eq!(Lang::from_override(None), None);
    }
}
