//! Finding shortcode calls in Markdown: `{{ name(key="value", n=3) }}`,
//! and blocks with a Markdown body, `{% name(key="value") %} … {% end %}`
//! (nested blocks close innermost first; `{% end name %}` says which one it
//! closes), anywhere but in code spans and code blocks (which pulldown-cmark
//! locates for us, so the rules match the renderer's exactly). A call may
//! span lines; a quoted value may not. `{{/* … */}}` and `{%/* … */%}`
//! write a call out literally, for documentation.

use crate::markdown;
use crate::messages::msg;
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

/// A shortcode call found at `range` of the body (for a block, from its
/// opening tag to the end of its `{% end %}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub name: String,
    pub args: BTreeMap<String, Arg>,
    pub range: Range<usize>,
    /// A block's Markdown body, between its tags.
    pub body: Option<Range<usize>>,
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

/// The two kinds of tags: `{{ call() }}` and `{% block() %}`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Inline,
    Block,
}

impl Kind {
    fn open(self) -> &'static str {
        match self {
            Kind::Inline => "{{",
            Kind::Block => "{%",
        }
    }

    fn close(self) -> &'static str {
        match self {
            Kind::Inline => "}}",
            Kind::Block => "%}",
        }
    }

    fn example(self) -> String {
        match self {
            Kind::Inline => msg!("shortcode-example"),
            Kind::Block => msg!("shortcode-block-example"),
        }
    }
}

/// Every call and literal in `body`, in order; malformed calls are errors.
pub fn find(body: &str) -> Vec<Result<Found, ParseError>> {
    // Most pages have no shortcode: skip parsing them for code ranges.
    if !crate::text::has_tag_opening(body) {
        return Vec::new();
    }
    let code = code_ranges(body);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some((at, kind)) = next_tag(body, from, &code) {
        match parse_at(body, at, kind, &code) {
            Some(Ok(item)) => {
                from = match &item {
                    Found::Call(call) => call.range.end,
                    Found::Literal { range, .. } => range.end,
                };
                found.push(Ok(item));
            }
            // A block whose end is unclear leaves the rest of the body unclear too.
            Some(Err(err)) if kind == Kind::Block => {
                found.push(Err(err));
                break;
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

/// The next `{{` or `{%` at or after `from`, outside code.
fn next_tag(body: &str, mut from: usize, code: &[Range<usize>]) -> Option<(usize, Kind)> {
    loop {
        let at = from + body[from..].find(['{'])?;
        let kind = match body[at + 1..].chars().next() {
            Some('{') => Kind::Inline,
            Some('%') => Kind::Block,
            _ => {
                from = at + 1;
                continue;
            }
        };
        match code.iter().find(|r| r.contains(&at)) {
            Some(code) => from = code.end,
            None => return Some((at, kind)),
        }
    }
}

/// Byte ranges of code spans and code blocks.
pub fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new_ext(body, markdown::options()).into_offset_iter() {
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

/// Parses the call starting with `{{` or `{%` at `at`; `None` when it is no call.
fn parse_at(body: &str, at: usize, kind: Kind, code: &[Range<usize>]) -> Option<Result<Found, ParseError>> {
    let mut cursor = Cursor { body, pos: at + 2 };
    if cursor.eat("/*") {
        return Some(literal(body, at, kind));
    }
    cursor.skip_spaces();
    let name = cursor.identifier()?;
    let opens_arguments = body[cursor.pos..].trim_start().starts_with('(');
    if kind == Kind::Block && name != END && !opens_arguments {
        // `{% asset_img a.png %}`: Hexo's or Jekyll's, which the source
        // stage warns about; kepu's blocks are `{% name(…) %}`.
        return None;
    }
    if kind == Kind::Inline && name == "site" && body[cursor.pos..].starts_with('.') {
        // `{{ site.baseurl }}`: Jekyll's, which the source stage warns about.
        return None;
    }
    if kind == Kind::Inline {
        return Some(parse_call(cursor, at, name, kind).map(Found::Call));
    }
    if name == END {
        return Some(Err(ParseError {
            offset: at,
            message: msg!("shortcode-end-alone"),
            hint: msg!("shortcode-end-alone-hint"),
        }));
    }
    Some(parse_call(cursor, at, name, kind).and_then(|open| close_block(body, open, code).map(Found::Call)))
}

const END: &str = "end";

fn literal(body: &str, at: usize, kind: Kind) -> Result<Found, ParseError> {
    let (open, close_tag) = (kind.open(), kind.close());
    let inner_start = at + open.len() + "/*".len();
    let ending = format!("*/{close_tag}");
    let line_end = body[at..].find('\n').map_or(body.len(), |i| at + i);
    let close = body[inner_start..line_end]
        .find(&ending)
        .map(|i| inner_start + i)
        .ok_or_else(|| ParseError {
            offset: at,
            message: msg!("shortcode-literal-unclosed", open = open),
            hint: msg!("shortcode-literal-unclosed-hint", ending = ending.as_str()),
        })?;
    Ok(Found::Literal {
        text: format!("{open}{}{close_tag}", &body[inner_start..close]),
        range: at..close + ending.len(),
    })
}

/// Finds the `{% end %}` of the block `open`, skipping nested blocks and
/// code, and gives the block its body and full range.
fn close_block(body: &str, mut open: Call, code: &[Range<usize>]) -> Result<Call, ParseError> {
    // Blocks open inside `open`, innermost last: name and where it opens.
    let mut stack = vec![(open.name.clone(), open.range.start)];
    let body_start = open.range.end;
    let mut from = body_start;
    while let Some((at, kind)) = next_tag(body, from, code) {
        from = at + 2;
        if kind == Kind::Inline {
            continue;
        }
        let mut cursor = Cursor { body, pos: at + 2 };
        cursor.skip_spaces();
        let Some(name) = cursor.identifier() else {
            continue;
        };
        if name != END {
            if let Ok(inner) = parse_call(cursor, at, name.clone(), kind) {
                from = inner.range.end;
                stack.push((name, at));
            }
            continue;
        }
        cursor.skip_spaces();
        let closes = cursor.identifier();
        cursor.skip_spaces();
        if !cursor.eat(Kind::Block.close()) {
            return Err(ParseError {
                offset: cursor.pos,
                message: msg!("shortcode-end-malformed"),
                hint: Kind::Block.example(),
            });
        }
        let (innermost, opened_at) = stack.pop().unwrap_or_else(|| unreachable!());
        if let Some(closes) = closes.filter(|c| *c != innermost) {
            return Err(ParseError {
                offset: at,
                message: msg!(
                    "shortcode-end-mismatch",
                    closes = closes,
                    block = innermost.as_str(),
                    lines = body[opened_at..at].matches('\n').count()
                ),
                hint: msg!("shortcode-end-mismatch-hint", block = innermost.as_str()),
            });
        }
        if stack.is_empty() {
            open.body = Some(body_start..at);
            open.range.end = cursor.pos;
            return Ok(open);
        }
        from = cursor.pos;
    }
    let (innermost, opened_at) = stack.pop().unwrap_or_else(|| unreachable!());
    Err(ParseError {
        offset: opened_at,
        message: msg!("shortcode-block-unclosed", block = innermost.as_str()),
        hint: msg!("shortcode-block-unclosed-hint", example = Kind::Block.example()),
    })
}

fn parse_call(mut cursor: Cursor, at: usize, name: String, kind: Kind) -> Result<Call, ParseError> {
    let error = |offset: usize, message: String| ParseError {
        offset,
        message,
        hint: kind.example(),
    };
    let malformed = |offset: usize, problem: String| {
        error(
            offset,
            msg!("shortcode-malformed", name = name.as_str(), problem = problem),
        )
    };
    cursor.skip_spaces();
    if !cursor.eat("(") {
        let mut problem = malformed(cursor.pos, msg!("shortcode-expected-paren"));
        if kind == Kind::Inline {
            // `{{ page.title }}` in an article about templates, meant as text.
            problem.hint = msg!(
                "shortcode-hints",
                first = problem.hint,
                second = msg!("shortcode-as-text-hint")
            );
        }
        return Err(problem);
    }
    let mut args = BTreeMap::new();
    loop {
        cursor.skip_spaces();
        if cursor.eat(")") {
            break;
        }
        let key_at = cursor.pos;
        let key = cursor
            .identifier()
            .ok_or_else(|| malformed(key_at, msg!("shortcode-expected-argument")))?;
        cursor.skip_spaces();
        if !cursor.eat("=") {
            return Err(malformed(
                cursor.pos,
                msg!("shortcode-expected-equals", key = key.as_str()),
            ));
        }
        cursor.skip_spaces();
        let value = cursor.value().map_err(|message| {
            malformed(
                cursor.pos,
                msg!(
                    "shortcode-argument-problem",
                    key = key.as_str(),
                    problem = message
                ),
            )
        })?;
        if args.insert(key.clone(), value).is_some() {
            return Err(error(
                key_at,
                msg!(
                    "shortcode-argument-twice",
                    name = name.as_str(),
                    key = key.as_str()
                ),
            ));
        }
        cursor.skip_spaces();
        if !cursor.eat(",") && !cursor.peek_is(")") {
            return Err(malformed(
                cursor.pos,
                msg!("shortcode-expected-comma", key = key.as_str()),
            ));
        }
    }
    cursor.skip_spaces();
    if !cursor.eat(kind.close()) {
        return Err(malformed(
            cursor.pos,
            msg!("shortcode-expected-close", close = kind.close()),
        ));
    }
    Ok(Call {
        name,
        args,
        range: at..cursor.pos,
        body: None,
    })
}

/// A position in the body; a call may span lines, a quoted value may not.
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
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
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
    fn value(&mut self) -> Result<Arg, String> {
        let rest = self.rest();
        if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
            let text = &rest[1..];
            let end = text
                .find([quote, '\n'])
                .filter(|i| text[*i..].starts_with(quote))
                .ok_or_else(|| msg!("shortcode-quote-unclosed"))?;
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
            _ => Arg::Integer(word.parse().map_err(|_| msg!("shortcode-value-kind"))?),
        };
        self.pos += len;
        Ok(value)
    }
}

/// Text arguments from `(key, value)` pairs, for tests of shortcodes.
#[cfg(test)]
pub(crate) fn text_args(pairs: &[(&str, &str)]) -> std::collections::BTreeMap<String, Arg> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), Arg::Text(v.to_string())))
        .collect()
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
        assert!(error("{{ stat(a=1, a=2) }}").message.contains("twice"));
        assert!(error("{{/* stat() }}").message.contains("never closed"));
    }

    #[test]
    fn calls_may_span_lines_but_quoted_values_may_not() {
        let found = calls("{{ chart(\n  kind=\"bar\",\n  n=3\n) }}");
        assert_eq!(found[0].args["n"], Arg::Integer(3));
        assert!(
            error("{{ stat(name=\"a\nb\") }}")
                .message
                .contains("never closed")
        );
    }

    #[test]
    fn blocks_have_bodies_and_nest() {
        let body =
            "前\n{% rumor(claim=\"隔夜水致癌\") %}\n**真相**：{% note() %}内{% end %}\n{% end rumor %}\n后";
        let found = calls(body);
        assert_eq!(found.len(), 1, "{found:?}");
        let block = &found[0];
        assert_eq!(block.name, "rumor");
        assert_eq!(
            &body[block.range.clone()],
            &body["前\n".len()..body.len() - "\n后".len()]
        );
        let inner = &body[block.body.clone().unwrap()];
        assert_eq!(inner, "\n**真相**：{% note() %}内{% end %}\n");
        let nested = calls(inner);
        assert_eq!(nested[0].name, "note");
        assert_eq!(&inner[nested[0].body.clone().unwrap()], "内");
    }

    #[test]
    fn blocks_in_code_are_left_alone_and_ends_in_code_do_not_count() {
        assert!(find("`{% rumor() %}`\n\n```\n{% end %}\n```\n").is_empty());
        let e = error("{% rumor() %}\n```\n{% end %}\n```\n");
        assert!(e.message.contains("never closed"), "{e:?}");
    }

    #[test]
    fn unclosed_stray_and_mismatched_blocks_say_where() {
        let e = error("文字\n{% quiz() %}\n{% rumor() %}\n{% end %}\n");
        assert!(e.message.contains("`quiz` is never closed"), "{e:?}");
        assert_eq!(e.offset, "文字\n".len());
        let e = error("文字\n{% end %}");
        assert!(e.message.contains("closes no block"), "{e:?}");
        assert_eq!(e.offset, "文字\n".len());
        let body = "{% quiz() %}\n{% rumor() %}\n{% end quiz %}\n{% end %}";
        let e = error(body);
        assert!(
            e.message.contains("does not match the open block `rumor`"),
            "{e:?}"
        );
        assert_eq!(e.offset, body.find("{% end quiz").unwrap());
        assert!(error("{% rumor() }}{% end %}").message.contains("expected `%}`"));
    }

    #[test]
    fn literal_blocks_are_written_out() {
        let found = find("示例：{%/* rumor(claim=\"x\") */%}");
        assert!(matches!(&found[0], Ok(Found::Literal { text, .. }) if text == "{% rumor(claim=\"x\") %}"));
    }

    #[test]
    fn scanning_continues_after_an_error() {
        let found = find("{{ bad( }}\n{{ good() }}");
        assert!(found[0].is_err());
        assert!(matches!(&found[1], Ok(Found::Call(c)) if c.name == "good"));
    }
}
