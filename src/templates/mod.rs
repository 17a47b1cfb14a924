//! Tera set-up shared by the Markdown stage (shortcode templates) and the
//! renderer (page templates): the theme's files (`theme.rs`), escaping,
//! the filters that need no site data, and Tera's errors translated into
//! diagnostics that name the template file and line.

pub mod shortcodes;
pub mod theme;

use crate::dates;
use crate::messages::msg;
use crate::model::figures;
pub use shortcodes::ShortcodeTemplates;

use crate::error::{Diagnostic, Error};
use crate::qr::QrCache;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::{Kwargs, State, Tera, TeraResult, Value};
use theme::Theme;

/// The functions [`new_tera`] registers (they read no site data).
pub const FUNCTIONS: &[&str] = &["qr_code", "figure"];

/// A Tera that escapes the way kepu's pages need (HTML and XML templates),
/// with the filters and functions that need no site data.
pub fn new_tera(autoescaped: &[&'static str], qr_codes: Arc<QrCache>) -> Tera {
    let mut tera = Tera::new();
    tera.autoescape_on(autoescaped.to_vec());
    tera.set_escape_fn(escape_html);
    register_filters(&mut tera, qr_codes);
    tera
}

/// Tera's autoescaping (`&`, `<`, `>`, `"` and `'` to entities), writing
/// the text between those characters in one go: Tera's own writes every
/// byte through the `dyn Write` (3% of a build's CPU time).
pub fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut start = 0;
    for (i, byte) in bytes.iter().enumerate() {
        let entity: &[u8] = match byte {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[start..i])?;
        out.write_all(entity)?;
        start = i + 1;
    }
    out.write_all(&bytes[start..])
}

/// A Tera error as diagnostics: the template file, line and column, the
/// message and its causes, a hint, and which content was rendering.
pub fn template_error(err: &tera::Error, theme: &Theme, rendering: Option<&Path>) -> Error {
    Error::from_diagnostics(template_diagnostics(err, theme, rendering))
}

/// The first problem of a Tera error (a rendering error is always one), for
/// shortcodes, which collect it with other problems.
pub fn template_diagnostic(err: &tera::Error, theme: &Theme, rendering: Option<&Path>) -> Diagnostic {
    template_diagnostics(err, theme, rendering).remove(0)
}

/// See [`template_error`]; never empty.
fn template_diagnostics(err: &tera::Error, theme: &Theme, rendering: Option<&Path>) -> Vec<Diagnostic> {
    let file_of = |name: &str| {
        theme
            .file_of(name)
            .map_or_else(|| PathBuf::from(name), Path::to_path_buf)
    };
    let at_line_of = |name: &str, needle: &str, message: String| {
        let d = Diagnostic::new(file_of(name), message);
        match theme
            .source_of(name)
            .and_then(|source| line_containing(source, needle))
        {
            Some(line) => d.at(line, None),
            None => d,
        }
    };
    if err.to_string().contains("recursion depth for components") {
        return recursive_components(theme, rendering);
    }
    let diagnostics = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let d = Diagnostic::new(
                file_of(report.filename()),
                template_error_text(report.message(), err),
            )
            .at(report.span().start_line, Some(report.span().start_col + 1));
            vec![match rendering {
                Some(rendering) => d.hint(msg!(
                    "template-while-rendering",
                    file = rendering.display().to_string()
                )),
                None => d,
            }]
        }
        tera::ErrorKind::TemplateNotFound(name) => vec![
            Diagnostic::new(
                rendering.unwrap_or(Path::new("templates")),
                msg!(
                    "template-not-found",
                    name = name.as_str(),
                    causes = causes_inline(err)
                ),
            )
            .hint(msg!(
                "template-not-found-hint",
                name = name.as_str(),
                names = theme.names().join(", ")
            )),
        ],
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => vec![
            at_line_of(
                tpl,
                "extends",
                msg!(
                    "template-extends-itself",
                    tpl = tpl.as_str(),
                    chain = format!("{tpl} → {}", inheritance_chain.join(" → "))
                ),
            )
            .hint(msg!("template-extends-itself-hint")),
        ],
        tera::ErrorKind::CircularInclude { tpl, include_chain } => vec![
            at_line_of(
                tpl,
                "include",
                msg!(
                    "template-includes-itself",
                    tpl = tpl.as_str(),
                    chain = include_chain.join(" → ")
                ),
            )
            .hint(msg!("template-includes-itself-hint")),
        ],
        tera::ErrorKind::MissingParent { current, parent } => vec![
            at_line_of(
                current,
                "extends",
                msg!(
                    "template-missing-parent",
                    current = current.as_str(),
                    parent = parent.as_str()
                ),
            )
            .hint(msg!(
                "template-missing-parent-hint",
                names = theme.names().join(", ")
            )),
        ],
        tera::ErrorKind::Msg(text) if text.contains("--> ") => reports(text, &file_of),
        _ => Vec::new(),
    };
    if diagnostics.is_empty() {
        return vec![Diagnostic::new(
            "templates",
            template_error_text(&err.to_string(), err),
        )];
    }
    diagnostics
}

/// Components that call themselves (Tera stops them at a depth limit and
/// says only that): each self-call, at its line.
fn recursive_components(theme: &Theme, rendering: Option<&Path>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for name in theme.names() {
        let (Some(source), Some(file)) = (theme.source_of(name), theme.file_of(name)) else {
            continue;
        };
        for (component, call_line) in self_calls(source) {
            found.push(
                Diagnostic::new(
                    file,
                    msg!("component-calls-itself", component = component.as_str()),
                )
                .at(call_line, None)
                .hint(msg!(
                    "component-calls-itself-hint",
                    component = component.as_str()
                )),
            );
        }
    }
    if found.is_empty() {
        let d = Diagnostic::new(
            rendering.unwrap_or(Path::new("templates")),
            msg!("components-call-each-other"),
        );
        found.push(d.hint(msg!("components-call-each-other-hint")));
    }
    found
}

/// Each component defined in `source` whose body calls it (`<name`), with
/// the 1-based line of that call.
fn self_calls(source: &str) -> Vec<(String, usize)> {
    let mut calls = Vec::new();
    for (start, _) in source.match_indices("component ") {
        let rest = &source[start + "component ".len()..];
        let Some(name) = rest.split('(').next().map(str::trim) else {
            continue;
        };
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let end = rest.find(&format!("endcomponent {name}")).unwrap_or(rest.len());
        let body = &rest[..end];
        let call = format!("<{name}");
        let called = body.match_indices(&call).find(|(at, _)| {
            body[at + call.len()..].starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>')
        });
        if let Some((at, _)) = called {
            let offset = start + "component ".len() + at;
            calls.push((name.to_string(), source[..offset].matches('\n').count() + 1));
        }
    }
    calls
}

/// `template error: MESSAGE` and the error's causes, in the user's words.
fn template_error_text(message: &str, err: &tera::Error) -> String {
    msg!("template-error", message = tera_words(message)) + &causes(err)
}

/// The chain of an error's causes, one `caused by:` line each.
fn causes(err: &tera::Error) -> String {
    cause_texts(err)
        .into_iter()
        .map(|cause| format!("\n  {}", msg!("template-caused-by", cause = cause)))
        .collect()
}

/// The chain of an error's causes on one line, each after `: `.
fn causes_inline(err: &tera::Error) -> String {
    cause_texts(err)
        .into_iter()
        .map(|cause| format!(": {cause}"))
        .collect()
}

fn cause_texts(err: &tera::Error) -> Vec<String> {
    let mut texts = Vec::new();
    let mut cause: Option<&dyn std::error::Error> = std::error::Error::source(err);
    while let Some(c) = cause {
        texts.push(tera_words(&c.to_string()));
        cause = c.source();
    }
    texts
}

/// Tera's most common messages (`Unknown filter `uper``, `Field `autor`
/// is not defined`) in the user's language; others as Tera says them.
fn tera_words(message: &str) -> String {
    let named = |prefix: &str, suffix: &str| {
        let rest = message.strip_prefix(prefix)?;
        let (name, after) = rest.split_once('`')?;
        let after = after.strip_prefix(suffix)?;
        Some((name.to_string(), after.to_string()))
    };
    if let Some((name, after)) = named("Unknown filter `", "") {
        msg!("tera-unknown-filter", name = name) + &after
    } else if let Some((name, after)) = named("Unknown function `", "") {
        msg!("tera-unknown-function", name = name) + &after
    } else if let Some((name, after)) = named("Field `", " is not defined") {
        msg!("tera-field-undefined", name = name) + &after
    } else {
        message.to_string()
    }
}

/// The 1-based line of the first line of `source` containing `needle`.
fn line_containing(source: &str, needle: &str) -> Option<usize> {
    source.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

/// Tera reports the problems it finds while checking all templates (unknown
/// filters, functions, blocks) as one text of reports `error: what` +
/// `--> name:line:column`; each becomes a diagnostic.
fn reports(text: &str, file_of: &dyn Fn(&str) -> PathBuf) -> Vec<Diagnostic> {
    text.split("\n\n")
        .filter_map(|report| {
            let message = report.lines().next()?.strip_prefix("error: ")?;
            let place = report.lines().find_map(|l| l.trim_start().strip_prefix("--> "))?;
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next()?.parse().ok();
            let line = parts.next()?.parse().ok()?;
            let name = parts.next()?;
            Some(
                Diagnostic::new(
                    file_of(name),
                    msg!("template-error", message = tera_words(message)),
                )
                .at(line, column)
                .maybe_hint(template_hint(message)),
            )
        })
        .collect()
}

fn template_hint(message: &str) -> Option<String> {
    Some(if message.starts_with("Unknown filter") {
        msg!("template-hint-filter")
    } else if message.starts_with("Unknown function") {
        msg!("template-hint-function")
    } else if message.starts_with("Unknown template") {
        msg!("template-hint-include")
    } else if message.contains("is not defined in any parent template") {
        msg!("template-hint-block")
    } else {
        return None;
    })
}

/// Filters and functions that need no site data, shared with the shortcode
/// templates.
fn register_filters(tera: &mut Tera, qr_codes: Arc<QrCache>) {
    tera.register_function("qr_code", move |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
        let url: &str = kwargs.must_get("url")?;
        let label: Option<&str> = kwargs.get("label")?;
        let qr = qr_codes.encode(url).map_err(tera::Error::message)?;
        Ok(Value::safe_string(&qr.to_svg(label.unwrap_or("二维码"))))
    });
    // `figure(name="volunteers")` → `{name, label, short, unit}`: what a
    // count is called and counted in, from the one table of figures.
    tera.register_function("figure", |kwargs: Kwargs, _: &State| -> TeraResult<Value> {
        let name: &str = kwargs.must_get("name")?;
        let figures = &figures::FIGURES;
        let known = figures.iter().find(|f| f.name == name).ok_or_else(|| {
            let names: Vec<&str> = figures.iter().map(|f| f.name).collect();
            tera::Error::message(msg!(
                "template-figure-unknown",
                name = name,
                names = names.join(", ")
            ))
        })?;
        Ok(Value::from_serializable(known))
    });
    // `{{ data | json }}`: JSON that is safe inside `<script>` (JSON-LD).
    tera.register_filter(
        "json",
        |value: &Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            let json = serde_json::to_string(value).map_err(tera::Error::message)?;
            Ok(Value::safe_string(&script_safe(&json)))
        },
    );
    tera.register_filter(
        "date",
        |value: &str, kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let format: Option<&str> = kwargs.get("format")?;
            let date = dates::parse(value).map_err(tera::Error::message)?;
            dates::format(&date, format.unwrap_or("%Y-%m-%d")).map_err(tera::Error::message)
        },
    );
}

/// `json` written so that no text inside it can end a `<script>` element
/// or open a comment there (`</script>`, `<!--`), and so that the line
/// separators JavaScript once refused in strings are escaped: the same
/// value to a JSON parser.
fn script_safe(json: &str) -> String {
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_in_a_script_cannot_close_it_and_parses_back() {
        let mut tera = super::new_tera(&[".html"], Default::default());
        tera.add_raw_template(
            "t.html",
            r#"<script type="application/ld+json">{{ data | json }}</script>"#,
        )
        .unwrap();
        let text = "问</script><!-- & \"引号\" \u{2028}";
        let mut context = tera::Context::new();
        context.insert("data", &serde_json::json!({"name": text, "n": 1}));
        let html = tera.render("t.html", &context).unwrap();
        let inner = html
            .strip_prefix(r#"<script type="application/ld+json">"#)
            .and_then(|rest| rest.strip_suffix("</script>"))
            .unwrap();
        assert!(!inner.contains('<') && !inner.contains('&'), "{inner}");
        let back: serde_json::Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back["name"], text);
        assert_eq!(back["n"], 1);
    }

    #[test]
    fn escaping_writes_what_teras_own_does() {
        for text in [
            "",
            "plain",
            "科普 & <b>\"反邪教\"</b> 'quoted' &amp;",
            "&",
            "<<>>",
            "末尾'",
        ] {
            let (mut ours, mut teras) = (Vec::new(), Vec::new());
            super::escape_html(text, &mut ours).unwrap();
            tera::escape_html(text, &mut teras).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(teras).unwrap()
            );
        }
    }
}
