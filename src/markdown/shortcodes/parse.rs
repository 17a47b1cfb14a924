//! Finding shortcode calls in Markdown: `{{ name(key="value", n=3) }}`,
//! anywhere but in code spans and code blocks (which pulldown-cmark locates
//! for us, so the rules match the renderer's exactly). `{{/* … */}}` writes
//! a call out literally, for documentation.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::BTreeMap;
use std::ops::Range;

/// A shortcode argument value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Integer(i64),
    Bool(bool),
}

impl Arg {
    /// The value as text (numbers too: `period=2024` means `"2024"`).
    pub fn text(&self) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Integer(n) => n.to_string(),
            Arg::Bool(b) => b.to_string(),
        }
    }
}

/// A shortcode call found at `range` of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, Arg>,
    pub range: Range<usize>,
}

/// What the body holds at a place: a call, or literal text to write out
/// instead of the `{{/* … */}}` at `range`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Call(Call),
    Literal { text: String, range: Range<usize> },
}

/// A malformed call: where (byte offset into the body), what, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub offset: usize,
    pub message: String,
    pub hint: String,
}

const EXAMPLE: &str = "write it as {{ name(key=\"value\") }} on one line, e.g. {{ stat(name=\"sessions\") }}";

/// Every call and literal in `body`, in order; malformed calls are errors.
pub fn find(body: &str) -> Vec<Result<Found, ParseError>> {
    // Most pages have no shortcode: skip parsing them for code ranges.
    if !body.contains("{{") {
        return Vec::new();
    }
    let code = code_ranges(body);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = body[from..].find("{{").map(|i| from + i) {
        if let Some(code) = code.iter().find(|r| r.contains(&at)) {
            from = code.end;
            continue;
        }
        match parse_at(body, at) {
            Some(Ok(item)) => {
                from = match &item {
                    Found::Call(call) => call.range.end,
                    Found::Literal { range, .. } => range.end,
                };
                found.push(Ok(item));
            }
            Some(Err(err)) => {
                from = body[at..].find('\n').map_or(body.len(), |i| at + i);
                found.push(Err(err));
            }
            // `{{` not followed by a name is ordinary text.
            None => from = at + 2,
        }
    }
    found
}

/// Byte ranges of code spans and code blocks.
pub fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        match event {
            Event::Code(_) => ranges.push(range),
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    ranges
}

/// Parses the call starting with `{{` at `at`; `None` when it is no call.
fn parse_at(body: &str, at: usize) -> Option<Result<Found, ParseError>> {
    let mut cursor = Cursor { body, pos: at + 2 };
    if cursor.eat("/*") {
        return Some(literal(body, at));
    }
    cursor.skip_spaces();
    let name = cursor.identifier()?;
    Some(parse_call(cursor, at, name))
}

fn literal(body: &str, at: usize) -> Result<Found, ParseError> {
    let inner_start = at + "{{/*".len();
    let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    let close = body[inner_start..line_end]
        .find("*/}}")
        .map(|i| inner_start + i)
        .ok_or_else(|| ParseError {
            offset: at,
            message: "`{{/*` is never closed".into(),
            hint: "end the literal shortcode with `*/}}` on the same line".into(),
        })?;
    Ok(Found::Literal {
        text: format!("{{{{{}}}}}", &body[inner_start..close]),
        range: at..close + "*/}}".len(),
    })
}

fn parse_call(mut cursor: Cursor, at: usize, name: String) -> Result<Found, ParseError> {
    let error = |offset: usize, message: String| ParseError {
        offset,
        message,
        hint: EXAMPLE.into(),
    };
    cursor.skip_spaces();
    if !cursor.eat("(") {
        return Err(error(
            cursor.pos,
            format!("malformed shortcode `{name}`: expected `(` after its name"),
        ));
    }
    let mut args = BTreeMap::new();
    loop {
        cursor.skip_spaces();
        if cursor.eat(")") {
            break;
        }
        let key_at = cursor.pos;
        let key = cursor.identifier().ok_or_else(|| {
            error(
                key_at,
                format!("malformed shortcode `{name}`: expected an argument name or `)`"),
            )
        })?;
        cursor.skip_spaces();
        if !cursor.eat("=") {
            return Err(error(
                cursor.pos,
                format!("malformed shortcode `{name}`: expected `=` after `{key}`"),
            ));
        }
        cursor.skip_spaces();
        let value = cursor.value().map_err(|message| {
            error(
                cursor.pos,
                format!("malformed shortcode `{name}`: argument `{key}` {message}"),
            )
        })?;
        if args.insert(key.clone(), value).is_some() {
            return Err(error(
                key_at,
                format!("shortcode `{name}` has argument `{key}` twice"),
            ));
        }
        cursor.skip_spaces();
        if !cursor.eat(",") && !cursor.peek_is(")") {
            return Err(error(
                cursor.pos,
                format!("malformed shortcode `{name}`: expected `,` or `)` after argument `{key}`"),
            ));
        }
    }
    cursor.skip_spaces();
    if !cursor.eat("}}") {
        return Err(error(
            cursor.pos,
            format!("malformed shortcode `{name}`: expected `}}}}` after `)`"),
        ));
    }
    Ok(Found::Call(Call {
        name,
        args,
        range: at..cursor.pos,
    }))
}

/// A position in the body; calls stay on one line, so a newline ends them.
struct Cursor<'a> {
    body: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.body[self.pos..]
    }

    fn peek_is(&self, token: &str) -> bool {
        self.rest().starts_with(token)
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.peek_is(token);
        if found {
            self.pos += token.len();
        }
        found
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn identifier(&mut self) -> Option<String> {
        let rest = self.rest();
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
            return None;
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        self.pos += len;
        Some(rest[..len].to_string())
    }

    /// A quoted string, an integer, `true` or `false`.
    fn value(&mut self) -> Result<Arg, &'static str> {
        let rest = self.rest();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let text = &rest[1..];
            let end = text
                .find([quote, '\n'])
                .filter(|i| text[*i..].starts_with(quote))
                .ok_or("has a quote that is never closed on its line")?;
            self.pos += end + 2;
            return Ok(Arg::Text(text[..end].to_string()));
        }
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.'))
            .unwrap_or(rest.len());
        let word = &rest[..len];
        let value = match word {
            "true" => Arg::Bool(true),
            "false" => Arg::Bool(false),
            _ => Arg::Integer(
                word.parse()
                    .map_err(|_| "needs a value in double quotes, a whole number, true or false")?,
            ),
        };
        self.pos += len;
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn calls(body: &str) -> Vec<Call> {
        find(body)
            .into_iter()
            .filter_map(|f| match f {
                Ok(Found::Call(call)) => Some(call),
                _ => None,
            })
            .collect()
    }

    fn error(body: &str) -> ParseError {
        find(body)
            .into_iter()
            .find_map(Result::err)
            .expect("a parse error")
    }

    #[test]
    fn finds_calls_with_their_arguments_and_places() {
        let body =
            "共举办{{ stat(name=\"sessions\", series='学雷锋i科普') }}场，{{chart(kind=\"bar\",n=3,x=true)}}";
        let found = calls(body);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name, "stat");
        assert_eq!(found[0].args["series"], Arg::Text("学雷锋i科普".into()));
        assert_eq!(
            &body[found[0].range.clone()],
            "{{ stat(name=\"sessions\", series='学雷锋i科普') }}"
        );
        assert_eq!(found[1].args["n"], Arg::Integer(3));
        assert_eq!(found[1].args["x"], Arg::Bool(true));
        assert_eq!(calls("{{ empty() }}")[0].args.len(), 0);
    }

    #[test]
    fn code_is_left_alone() {
        let body =
            "`{{ stat(name=\"a\") }}`\n\n```\n{{ stat(name=\"b\") }}\n```\n\n    {{ stat(name=\"c\") }}\n";
        assert!(find(body).is_empty(), "{:?}", find(body));
    }

    #[test]
    fn braces_without_a_name_are_text() {
        assert!(find("集合 {{1, 2}} 与 {{ }}").is_empty());
    }

    #[test]
    fn literal_calls_are_written_out() {
        let found = find("示例：{{/* stat(name=\"sessions\") */}}");
        assert_eq!(
            found[0].as_ref().unwrap(),
            &Found::Literal {
                text: "{{ stat(name=\"sessions\") }}".into(),
                range: "示例：".len().."示例：{{/* stat(name=\"sessions\") */}}".len()
            }
        );
    }

    #[test]
    fn malformed_calls_say_where_and_what() {
        let e = error("a {{ stat(name=\"x\" }}");
        assert!(e.message.contains("expected `,` or `)`"), "{e:?}");
        assert_eq!(e.offset, "a {{ stat(name=\"x\" ".len());
        assert!(error("{{ stat name }}").message.contains("expected `(`"));
        assert!(error("{{ stat(name=x) }}").message.contains("double quotes"));
        assert!(error("{{ stat(name=\"x) }}\n").message.contains("never closed"));
        assert!(error("{{ stat(name) }}").message.contains("expected `=`"));
        assert!(error("{{ stat(name=\"a\") }").message.contains("expected `}}`"));
        assert!(error("{{ stat(name=\"a\"\n) }}").message.contains("`,` or `)`"));
        assert!(error("{{ stat(a=1, a=2) }}").message.contains("twice"));
        assert!(error("{{/* stat() }}").message.contains("never closed"));
    }

    #[test]
    fn scanning_continues_after_an_error() {
        let found = find("{{ bad( }}\n{{ good() }}");
        assert!(found[0].is_err());
        assert!(matches!(&found[1], Ok(Found::Call(c)) if c.name == "good"));
    }
}
