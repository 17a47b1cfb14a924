//! CSS inlining for exports whose destination drops `<style>` and classes
//! (the WeChat editor). The stylesheet is read with `cssparser` (the CSS
//! syntax parser lol_html itself is built on, so it costs no extra build
//! time); each rule's selector is matched by lol_html while streaming, and
//! the declarations that apply to an element are written to its `style`
//! attribute in cascade order (importance, specificity, source order), with
//! the element's own `style` last.
//!
//! Only the subtree of the element carrying the root attribute is styled.
//! What cannot live in a `style` attribute is left out: at-rules (`@media`,
//! `@page`), pseudo-elements, state pseudo-classes (`:hover`) and selectors
//! lol_html cannot match while streaming (`+`, `~`, `:last-child`).
//! Custom properties (`var(--x)`) are substituted and `rem` becomes `px`,
//! since the destination has neither the theme's `:root` nor its root size.

use cssparser::{
    AtRuleParser, CowRcStr, DeclarationParser, Delimiter, ParseError, Parser, ParserInput, ParserState,
    QualifiedRuleParser, RuleBodyItemParser, RuleBodyParser, StyleSheetParser, ToCss, Token,
};
use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, HandlerResult, Selector, Settings};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

/// Properties an element passes on to its children: taken from the rules
/// for `html`, `body` and `:root` and set on the export root, so the export
/// keeps the page's type and colour outside the page.
const INHERITED: &[&str] = &[
    "color",
    "font-family",
    "font-size",
    "font-style",
    "font-weight",
    "letter-spacing",
    "line-break",
    "line-height",
    "overflow-wrap",
    "text-align",
    "word-break",
    "word-spacing",
];

/// The browser's default root font size, which `html { font-size: N% }` scales.
const BROWSER_ROOT_PX: f64 = 16.0;

/// A stylesheet compiled for inlining below one root element.
pub struct Stylesheet {
    root_attribute: String,
    /// The root and every element below it.
    scope: Selector,
    /// Set on the root element before its own style.
    inherited: Vec<Declaration>,
    /// In cascade order: later entries win.
    rules: Vec<Rule>,
    /// The words rules require, numbered for [`Rule::required_words`].
    vocabulary: HashMap<String, usize>,
}

struct Rule {
    selector: Selector,
    /// The tag names, classes and ids the selector's elements must have, as
    /// numbers in [`Stylesheet::vocabulary`]: a page whose tags lack one of
    /// them cannot match.
    required_words: Vec<usize>,
    declarations: Vec<Declaration>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    pub name: String,
    /// With ` !important` when the rule said so.
    pub value: String,
}

/// A style rule as written: its selectors and its declarations.
struct RawRule {
    selectors: Vec<String>,
    declarations: Vec<RawDeclaration>,
}

struct RawDeclaration {
    name: String,
    value: String,
    important: bool,
}

/// Selector specificity: ids, classes/attributes/pseudo-classes, types.
type Specificity = (u32, u32, u32);

impl Stylesheet {
    /// Compiles `css` to style the element with attribute `root_attribute`
    /// and its descendants.
    pub fn parse(css: &str, root_attribute: &str) -> Stylesheet {
        let raw = parse_rules(css);
        let values = ValueResolver::new(&raw);
        let scope = selector(&format!("[{root_attribute}], [{root_attribute}] *"))
            .unwrap_or_else(|| unreachable!("an attribute selector always parses"));
        let mut entries: Vec<(bool, Specificity, Rule)> = Vec::new();
        let mut vocabulary: HashMap<String, usize> = HashMap::new();
        for rule in &raw {
            for text in &rule.selectors {
                let Some(scoped) = selector(&scoped(text, root_attribute)) else {
                    continue;
                };
                let required: Vec<usize> = required_words(text)
                    .into_iter()
                    .map(|word| {
                        let next = vocabulary.len();
                        *vocabulary.entry(word).or_insert(next)
                    })
                    .collect();
                for important in [false, true] {
                    let declarations = values.declarations(rule, important);
                    if !declarations.is_empty() {
                        let compiled = Rule {
                            selector: scoped.clone(),
                            required_words: required.clone(),
                            declarations,
                        };
                        entries.push((important, specificity(text), compiled));
                    }
                }
            }
        }
        // Stable: equal importance and specificity keep source order.
        entries.sort_by_key(|(important, specificity, _)| (*important, *specificity));
        Stylesheet {
            root_attribute: root_attribute.to_string(),
            scope,
            inherited: values.inherited(&raw),
            rules: entries.into_iter().map(|(_, _, rule)| rule).collect(),
            vocabulary,
        }
    }

    /// Which words of the vocabulary occur in the tags below the root of
    /// `html` (a superset of its tag names, classes and ids; text between
    /// tags is skipped, since it cannot name an element).
    fn words_present(&self, html: &str) -> Vec<bool> {
        let mut present = vec![false; self.vocabulary.len()];
        let below_root = html.find(&self.root_attribute).map_or(html, |at| &html[at..]);
        for tag in tags(below_root) {
            for word in words(tag) {
                let number = if word.bytes().any(|b| b.is_ascii_uppercase()) {
                    self.vocabulary.get(&word.to_ascii_lowercase())
                } else {
                    self.vocabulary.get(word)
                };
                if let Some(&number) = number {
                    present[number] = true;
                }
            }
        }
        present
    }

    /// `html` with the stylesheet's declarations in `style` attributes;
    /// `then` runs on the root and every element below it once its style is
    /// written (so a caller's own clean-up needs no second pass).
    pub fn inline(&self, html: &str, then: impl Fn(&mut Element) -> HandlerResult) -> Result<String, String> {
        // lol_html compiles every selector of a rewriter anew, which made
        // the whole stylesheet cost more than the rest of the export: only
        // the rules whose words all occur in this page are given to it.
        let present = self.words_present(html);
        let candidates = self
            .rules
            .iter()
            .filter(|rule| rule.required_words.iter().all(|&word| present[word]));
        self.inline_rules(html, candidates, then)
    }

    /// [`Self::inline`] with every rule given to lol_html: what the word
    /// filter must never change (the fuzz target compares the two).
    #[doc(hidden)]
    pub fn inline_every_rule(
        &self,
        html: &str,
        then: impl Fn(&mut Element) -> HandlerResult,
    ) -> Result<String, String> {
        self.inline_rules(html, self.rules.iter(), then)
    }

    fn inline_rules<'r>(
        &'r self,
        html: &str,
        rules: impl Iterator<Item = &'r Rule>,
        then: impl Fn(&mut Element) -> HandlerResult,
    ) -> Result<String, String> {
        // lol_html calls the handlers of one element one after another, in
        // the order they were added: the first resets, the rules add in
        // cascade order, the last writes the attribute.
        let applied: RefCell<Vec<&Declaration>> = RefCell::new(Vec::new());
        let mut settings = Settings::new().append_element_content_handler((
            Cow::Borrowed(&self.scope),
            ElementContentHandlers::default().element(|el: &mut Element| {
                let mut applied = applied.borrow_mut();
                applied.clear();
                if el.has_attribute(&self.root_attribute) {
                    applied.extend(&self.inherited);
                }
                Ok(())
            }),
        ));
        for rule in rules {
            settings = settings.append_element_content_handler((
                Cow::Borrowed(&rule.selector),
                ElementContentHandlers::default().element(|_: &mut Element| {
                    applied.borrow_mut().extend(&rule.declarations);
                    Ok(())
                }),
            ));
        }
        settings = settings.append_element_content_handler((
            Cow::Borrowed(&self.scope),
            ElementContentHandlers::default().element(|el: &mut Element| {
                let own = el
                    .get_attribute("style")
                    .map(|s| parse_style_attribute(&s))
                    .unwrap_or_default();
                let style = merge(&applied.borrow(), &own);
                if !style.is_empty() {
                    el.set_attribute("style", &style)?;
                }
                then(el)
            }),
        ));
        super::rewrite(html, settings)
    }
}

/// A rule's selector limited to the root's subtree. A selector that starts
/// at the root already (`[data-kepu-export] .video-wechat`, how a theme
/// says "only in the export") is taken as written: scoping it again would
/// ask for a root inside the root, and the rule would never apply.
fn scoped(text: &str, root_attribute: &str) -> String {
    let root = format!("[{root_attribute}]");
    if text.trim_start().starts_with(&root) {
        text.to_string()
    } else {
        format!("{root} {text}")
    }
}

/// The markup of each tag in `html`, from `<` to `>` (a `>` in a quoted
/// attribute value does not end it).
fn tags(html: &str) -> impl Iterator<Item = &str> {
    let mut rest = html;
    std::iter::from_fn(move || {
        let open = rest.find('<')?;
        let mut quote = None;
        let close = rest[open..]
            .bytes()
            .position(|b| match quote {
                Some(q) if b == q => {
                    quote = None;
                    false
                }
                Some(_) => false,
                None if b == b'"' || b == b'\'' => {
                    quote = Some(b);
                    false
                }
                None => b == b'>',
            })
            .map_or(rest.len(), |at| open + at);
        let tag = &rest[open..close];
        rest = &rest[close..];
        Some(tag)
    })
}

/// The words of a tag's markup: what lies between spaces, quotes, `=`, `<`
/// and `>`, without the `/` of `</p` or `<br/`. Class names keep every other
/// character (`md:flex`, `w-1/2` are one word, as a selector names them).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_ascii_whitespace() || matches!(c, '"' | '\'' | '=' | '<' | '>'))
        .map(|word| word.trim_matches('/'))
        .filter(|word| !word.is_empty())
}

/// The tag names, classes and ids of a selector's compounds, lowercased;
/// what sits in brackets or pseudo-class arguments is not required.
fn required_words(selector: &str) -> Vec<String> {
    let mut input = ParserInput::new(selector);
    let mut parser = Parser::new(&mut input);
    let mut words = Vec::new();
    while let Ok(token) = parser.next_including_whitespace().cloned() {
        match token {
            Token::IDHash(id) => words.push(id.to_ascii_lowercase()),
            Token::Delim('.') => {
                if let Ok(Token::Ident(class)) = parser.next_including_whitespace() {
                    words.push(class.to_ascii_lowercase());
                }
            }
            Token::Ident(tag) => words.push(tag.to_ascii_lowercase()),
            // `:first-child`, `::marker`: names of pseudo-classes, not of elements.
            Token::Colon => while let Ok(Token::Colon) = parser.next_including_whitespace() {},
            _ => {}
        }
    }
    words
}

/// A selector lol_html can match while streaming, else `None`.
fn selector(text: &str) -> Option<Selector> {
    text.parse().ok()
}

/// The declarations in order, each property once, at the place of its last
/// occurrence (so a later shorthand still overrides an earlier longhand).
/// Runs for every element: one string, no map (an element has a few dozen
/// declarations at most).
fn merge(applied: &[&Declaration], own: &[Declaration]) -> String {
    let all: Vec<&Declaration> = applied.iter().copied().chain(own).collect();
    let mut style = String::with_capacity(all.iter().map(|d| d.name.len() + d.value.len() + 2).sum());
    for (i, declaration) in all.iter().enumerate() {
        if all[i + 1..].iter().any(|later| later.name == declaration.name) {
            continue;
        }
        if !style.is_empty() {
            style.push(';');
        }
        style.push_str(&declaration.name);
        style.push(':');
        style.push_str(&declaration.value);
    }
    style
}

/// The declarations of a `style` attribute.
fn parse_style_attribute(style: &str) -> Vec<Declaration> {
    let mut input = ParserInput::new(style);
    let mut parser = Parser::new(&mut input);
    RuleBodyParser::new(&mut parser, &mut CssReader)
        .filter_map(Result::ok)
        .filter_map(|item| match item {
            Item::Declaration(d) => Some(Declaration {
                value: with_importance(d.value, d.important),
                name: d.name,
            }),
            Item::Rule(_) => None,
        })
        .collect()
}

fn with_importance(value: String, important: bool) -> String {
    if important {
        format!("{value} !important")
    } else {
        value
    }
}

/// Top-level style rules; at-rules and invalid rules are skipped, as a
/// browser skips what it cannot use.
fn parse_rules(css: &str) -> Vec<RawRule> {
    let mut input = ParserInput::new(css);
    let mut parser = Parser::new(&mut input);
    StyleSheetParser::new(&mut parser, &mut CssReader)
        .filter_map(Result::ok)
        .filter_map(|item| match item {
            Item::Rule(rule) => Some(rule),
            Item::Declaration(_) => None,
        })
        .collect()
}

/// What the cssparser callbacks produce.
enum Item {
    Rule(RawRule),
    Declaration(RawDeclaration),
}

/// The cssparser callbacks: qualified rules with their selector texts and
/// declarations; at-rules are refused (and so skipped).
struct CssReader;

impl<'i> QualifiedRuleParser<'i> for CssReader {
    type Prelude = Vec<String>;
    type QualifiedRule = Item;
    type Error = ();

    fn parse_prelude<'t>(&mut self, input: &mut Parser<'i, 't>) -> Result<Vec<String>, ParseError<'i, ()>> {
        input.parse_comma_separated(|input| {
            let start = input.position();
            while input.next_including_whitespace().is_ok() {}
            Ok(input.slice_from(start).trim().to_string())
        })
    }

    fn parse_block<'t>(
        &mut self,
        selectors: Vec<String>,
        _: &ParserState,
        input: &mut Parser<'i, 't>,
    ) -> Result<Item, ParseError<'i, ()>> {
        let declarations = RuleBodyParser::new(input, &mut CssReader)
            .filter_map(Result::ok)
            .filter_map(|item| match item {
                Item::Declaration(d) => Some(d),
                Item::Rule(_) => None,
            })
            .collect();
        Ok(Item::Rule(RawRule {
            selectors,
            declarations,
        }))
    }
}

impl<'i> DeclarationParser<'i> for CssReader {
    type Declaration = Item;
    type Error = ();

    fn parse_value<'t>(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i, 't>,
        _: &ParserState,
    ) -> Result<Item, ParseError<'i, ()>> {
        let value = input.parse_until_before(Delimiter::Bang, |input| {
            let start = input.position();
            while input.next_including_whitespace().is_ok() {}
            Ok(input.slice_from(start).trim().to_string())
        })?;
        let important = input.try_parse(cssparser::parse_important).is_ok();
        Ok(Item::Declaration(RawDeclaration {
            name: name.to_ascii_lowercase(),
            value,
            important,
        }))
    }
}

impl AtRuleParser<'_> for CssReader {
    type Prelude = ();
    type AtRule = Item;
    type Error = ();
}

impl<'i> RuleBodyItemParser<'i, Item, ()> for CssReader {
    fn parse_declarations(&self) -> bool {
        true
    }
    fn parse_qualified(&self) -> bool {
        false
    }
}

/// Specificity of one selector, counted over its tokens.
fn specificity(selector: &str) -> Specificity {
    let mut input = ParserInput::new(selector);
    specificity_of(&mut Parser::new(&mut input))
}

fn specificity_of(input: &mut Parser) -> Specificity {
    let (mut ids, mut classes, mut types) = (0, 0, 0);
    // The largest alternative inside :not(a, b) / :is(a, b) counts.
    let mut argument: Specificity = (0, 0, 0);
    while let Ok(token) = input.next_including_whitespace().cloned() {
        match token {
            Token::IDHash(_) => ids += 1,
            // `.name`: the ident after the dot is a class, not a type.
            Token::Delim('.') => {
                classes += 1;
                let _ = input.next_including_whitespace();
            }
            Token::SquareBracketBlock => classes += 1,
            Token::Ident(_) => types += 1,
            Token::Colon => match input.next_including_whitespace().cloned() {
                Ok(Token::Colon) => {
                    types += 1;
                    let _ = input.next_including_whitespace();
                }
                Ok(Token::Function(name)) if name.eq_ignore_ascii_case("where") => {}
                Ok(Token::Function(name))
                    if ["not", "is", "has"].iter().any(|f| name.eq_ignore_ascii_case(f)) =>
                {
                    let inner = input
                        .parse_nested_block(|arg| Ok::<_, ParseError<()>>(max_alternative(arg)))
                        .unwrap_or_default();
                    argument = add(argument, inner);
                }
                _ => classes += 1,
            },
            _ => {}
        }
    }
    add((ids, classes, types), argument)
}

fn max_alternative(input: &mut Parser) -> Specificity {
    input
        .parse_comma_separated(|alternative| Ok::<_, ParseError<()>>(specificity_of(alternative)))
        .map(|all| all.into_iter().max().unwrap_or_default())
        .unwrap_or_default()
}

fn add(a: Specificity, b: Specificity) -> Specificity {
    (a.0 + b.0, a.1 + b.1, a.2 + b.2)
}

/// Turns declaration values into self-contained ones: `var(--x)` replaced
/// by the custom property, `rem` converted to `px`.
struct ValueResolver {
    variables: HashMap<String, String>,
    root_px: f64,
}

/// How deep custom properties may refer to each other (guards cycles).
const MAX_VARIABLE_DEPTH: usize = 8;

impl ValueResolver {
    fn new(rules: &[RawRule]) -> ValueResolver {
        let mut variables = HashMap::new();
        let mut root_px = BROWSER_ROOT_PX;
        for (selector, declaration) in root_declarations(rules) {
            if declaration.name.starts_with("--") {
                variables.insert(declaration.name.clone(), declaration.value.clone());
            } else if selector == "html" && declaration.name == "font-size" {
                root_px = font_size_px(&declaration.value).unwrap_or(root_px);
            }
        }
        ValueResolver { variables, root_px }
    }

    /// A rule's ordinary (or only its important) declarations, resolved.
    fn declarations(&self, rule: &RawRule, important: bool) -> Vec<Declaration> {
        rule.declarations
            .iter()
            .filter(|d| d.important == important && !d.name.starts_with("--"))
            .map(|d| Declaration {
                name: d.name.clone(),
                value: with_importance(self.resolve(&d.value, 0), important),
            })
            .collect()
    }

    /// The inherited properties of `html`, `body` and `:root`, in source
    /// order; `html`'s font size becomes the pixels it amounts to.
    fn inherited(&self, rules: &[RawRule]) -> Vec<Declaration> {
        root_declarations(rules)
            .filter(|(_, d)| INHERITED.contains(&d.name.as_str()))
            .map(|(selector, d)| Declaration {
                name: d.name.clone(),
                value: if selector == "html" && d.name == "font-size" {
                    px(self.root_px)
                } else {
                    self.resolve(&d.value, 0)
                },
            })
            .collect()
    }

    fn resolve(&self, value: &str, depth: usize) -> String {
        let mut input = ParserInput::new(value);
        let mut out = String::with_capacity(value.len());
        self.write_tokens(&mut Parser::new(&mut input), depth, &mut out);
        out.trim().to_string()
    }

    fn write_tokens(&self, input: &mut Parser, depth: usize, out: &mut String) {
        while let Ok(token) = input.next_including_whitespace().cloned() {
            match token {
                Token::Function(name) if name.eq_ignore_ascii_case("var") => {
                    let value = input
                        .parse_nested_block(|args| Ok::<_, ParseError<()>>(self.variable(args, depth)))
                        .unwrap_or_default();
                    out.push_str(&value);
                }
                // Line breaks and indents of the stylesheet mean nothing in an attribute.
                Token::WhiteSpace(_) => {
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                }
                Token::Dimension { value, unit, .. } if unit.eq_ignore_ascii_case("rem") => {
                    out.push_str(&px(f64::from(value) * self.root_px));
                }
                token @ (Token::Function(_)
                | Token::ParenthesisBlock
                | Token::SquareBracketBlock
                | Token::CurlyBracketBlock) => {
                    let _ = token.to_css(out);
                    let _ = input.parse_nested_block(|inner| {
                        self.write_tokens(inner, depth, out);
                        Ok::<_, ParseError<()>>(())
                    });
                    out.push(closing(&token));
                }
                token => {
                    let _ = token.to_css(out);
                }
            }
        }
    }

    /// `var(--name[, fallback])`, the parser inside the parentheses.
    fn variable(&self, args: &mut Parser, depth: usize) -> String {
        let Ok(name) = args.expect_ident().map(|n| n.to_string()) else {
            return String::new();
        };
        let fallback = args.try_parse(|a| a.expect_comma()).ok().map(|()| {
            let start = args.position();
            while args.next_including_whitespace().is_ok() {}
            args.slice_from(start).trim().to_string()
        });
        match (self.variables.get(&name), fallback) {
            (Some(value), _) if depth < MAX_VARIABLE_DEPTH => self.resolve(value, depth + 1),
            (_, Some(fallback)) => self.resolve(&fallback, depth + 1),
            _ => String::new(),
        }
    }
}

/// The declarations of rules that apply to the document root or body, with
/// the selector that named them.
fn root_declarations(rules: &[RawRule]) -> impl Iterator<Item = (&str, &RawDeclaration)> {
    rules.iter().flat_map(|rule| {
        rule.selectors
            .iter()
            .filter(|s| matches!(s.as_str(), "html" | "body" | ":root"))
            .flat_map(move |s| rule.declarations.iter().map(move |d| (s.as_str(), d)))
    })
}

/// `112.5%` or `18px` as pixels of the browser default.
fn font_size_px(value: &str) -> Option<f64> {
    let mut input = ParserInput::new(value);
    match Parser::new(&mut input).next().ok()? {
        Token::Percentage { unit_value, .. } => Some(f64::from(*unit_value) * BROWSER_ROOT_PX),
        Token::Dimension { value, unit, .. } if unit.eq_ignore_ascii_case("px") => Some(f64::from(*value)),
        _ => None,
    }
}

/// `25.2px`: at most two decimals, no trailing zeros.
fn px(value: f64) -> String {
    let text = format!("{value:.2}");
    format!("{}px", text.trim_end_matches('0').trim_end_matches('.'))
}

fn closing(block: &Token) -> char {
    match block {
        Token::SquareBracketBlock => ']',
        Token::CurlyBracketBlock => '}',
        _ => ')',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = "data-export";

    fn inline(css: &str, html: &str) -> String {
        Stylesheet::parse(css, ROOT).inline(html, |_| Ok(())).unwrap()
    }

    #[test]
    fn applies_rules_in_cascade_order_and_keeps_own_style_last() {
        let css = ".prose h2 { color: red; margin: 0 } h2 { color: blue; padding: 1px } \
                   h2 { margin-top: 2px }";
        let html = r#"<div data-export><div class="prose"><h2 style="text-align: center">T</h2></div></div>"#;
        let out = inline(css, html);
        // h2 (0,0,1) rules first in source order, then .prose h2 (0,1,1).
        assert!(
            out.contains(r#"<h2 style="padding:1px;margin-top:2px;color:red;margin:0;text-align:center">"#),
            "{out}"
        );
    }

    #[test]
    fn rules_written_for_the_export_override_the_page_rules() {
        let css = ".note { display: none; color: red } [data-export] .note { display: block }";
        let out = inline(
            css,
            r#"<p class="note">web</p><div data-export><p class="note">export</p></div>"#,
        );
        assert_eq!(
            out,
            r#"<p class="note">web</p><div data-export><p class="note" style="color:red;display:block">export</p></div>"#
        );
    }

    #[test]
    fn only_the_root_subtree_is_styled() {
        let out = inline(
            "p { color: red }",
            r#"<p>outside</p><section data-export><p>inside</p></section>"#,
        );
        assert_eq!(
            out,
            r#"<p>outside</p><section data-export><p style="color:red">inside</p></section>"#
        );
    }

    #[test]
    fn substitutes_custom_properties_and_converts_rem() {
        let css = ":root { --blue: #0b4a8b; --edge: 5px solid var(--blue) } html { font-size: 112.5% } \
                   blockquote { border-left: var(--edge); padding: 0.5rem 1em; color: var(--none, #333) }";
        let out = inline(css, "<div data-export><blockquote>q</blockquote></div>");
        assert!(
            out.contains(r#"style="border-left:5px solid #0b4a8b;padding:9px 1em;color:#333""#),
            "{out}"
        );
    }

    #[test]
    fn root_gets_the_inherited_properties_of_html_and_body() {
        let css = "html { font-size: 112.5% } body { margin: 0; font-size: 1rem; line-height: 1.8; \
                   color: #1a1a1a; display: flex }";
        let out = inline(css, "<div data-export>x</div>");
        assert_eq!(
            out,
            r#"<div data-export style="font-size:18px;line-height:1.8;color:#1a1a1a">x</div>"#
        );
    }

    #[test]
    fn skips_what_a_style_attribute_cannot_say() {
        let css = "a:hover { color: red } p::before { content: 'x' } li + li { margin: 1px } \
                   @media print { p { color: black } } p { color: green } :focus-visible { outline: 0 }";
        let out = inline(
            css,
            "<div data-export><p>a</p><ul><li>1</li><li>2</li></ul></div>",
        );
        assert_eq!(
            out,
            r#"<div data-export><p style="color:green">a</p><ul><li>1</li><li>2</li></ul></div>"#
        );
    }

    #[test]
    fn important_declarations_win_over_specificity() {
        let css = "#x p { color: red } p { color: blue !important }";
        let out = inline(css, r#"<div data-export><div id="x"><p>a</p></div></div>"#);
        assert!(out.contains(r#"<p style="color:blue !important">"#), "{out}");
    }

    #[test]
    fn rules_naming_words_absent_from_the_page_are_not_matched() {
        assert_eq!(
            required_words("#Top .prose > h2:not(.x)::before [data-k=\"v\"] *"),
            ["top", "prose", "h2"]
        );
        let tags: Vec<&str> = tags(r#"a<DIV class="P>x" id=y>你好</DIV><br"#).collect();
        assert_eq!(tags, [r#"<DIV class="P>x" id=y"#, "</DIV", "<br"]);
        let found: Vec<&str> = words(r#"<DIV class="Prose md:flex w-1/2" id=x你好-w data-a='b'"#).collect();
        assert_eq!(
            found,
            [
                "DIV",
                "class",
                "Prose",
                "md:flex",
                "w-1/2",
                "id",
                "x你好-w",
                "data-a",
                "b"
            ]
        );
        assert_eq!(words("</p").collect::<Vec<_>>(), ["p"]);
        assert_eq!(words("<br/").collect::<Vec<_>>(), ["br"]);
        // Escaped selector characters name the same class as the markup.
        let out = inline(
            r".md\:flex { color: red } br { clear: both }",
            r#"<div data-export><p class="md:flex">a<br/></p></div>"#,
        );
        assert!(out.contains(r#"<p class="md:flex" style="color:red">"#), "{out}");
        assert!(out.contains(r#"<br style="clear:both" />"#), "{out}");
        // Case differences between markup and stylesheet do not drop a rule.
        let out = inline(
            "DIV.prose P { color: red }",
            r#"<div data-export><div class="prose"><P>a</P></div></div>"#,
        );
        assert!(out.contains(r#"<P style="color:red">"#), "{out}");
    }

    #[test]
    fn counts_specificity() {
        assert_eq!(specificity("h1"), (0, 0, 1));
        assert_eq!(specificity(".prose th[align=\"right\"]"), (0, 2, 1));
        assert_eq!(specificity("#a .b > c:first-child"), (1, 2, 1));
        assert_eq!(specificity(":not(pre) > code"), (0, 0, 2));
        assert_eq!(specificity("p::before"), (0, 0, 2));
        assert_eq!(specificity(":where(.a) p"), (0, 0, 1));
    }
}
