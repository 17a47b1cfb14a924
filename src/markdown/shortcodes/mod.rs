//! Shortcodes, the first step of the Markdown stage: each
//! `{{ name(key="value") }}` outside code is rendered with the template
//! `shortcodes/NAME.html`; a block `{% name(…) %} … {% end %}` too, with
//! its body's Markdown expanded and rendered first and given to the
//! template as `body` (HTML), and the calls directly inside it as
//! `children` (`shortcode`, `args`, `body`, `text` each, for blocks such as a quiz
//! that gather what their parts say). The figure shortcodes get the totals of the
//! site's event recaps (which is why Markdown runs after the model is
//! built). The Markdown gets a placeholder where each call was, and the
//! rendered HTML replaces it after pulldown-cmark, so HTML is never
//! re-read as Markdown and a block (a table, a chart) alone on its line
//! replaces its paragraph instead of sitting inside one.

mod builtin;
pub mod chart;
pub mod parse;
mod quiz;
mod video;

use crate::body::{Rendered, TocEntry};
use crate::config;
use crate::error::{Diagnostic, did_you_mean};
use crate::fingerprint;
use crate::markdown;
use crate::markdown::bundle_files::BundleFile;
use crate::messages::msg;
use crate::model::figures::Recaps;
use crate::period::Period;
use crate::templates::ShortcodeTemplates;
use builtin::{Builtin, Inputs};
use parse::{Call, Found};
use std::borrow::Cow;
use std::path::Path;
use tera::{Context, Value};

/// Expands shortcodes for every page of one site.
pub struct Expander<'a> {
    recaps: &'a Recaps,
    materials: Vec<String>,
    templates: &'a ShortcodeTemplates<'a>,
    config: Value,
}

/// Where shortcodes are being expanded.
#[derive(Clone, Copy)]
pub struct Place<'p> {
    pub file: &'p Path,
    /// The file's path in `content/`, against which a block body's links are read.
    pub rel_path: &'p str,
    /// What the `id` of each call here starts with: empty at the top, the
    /// enclosing block's id inside a block, so ids stay unique in the page.
    pub id_prefix: &'p str,
    /// The file line the body starts on.
    pub first_line: usize,
    /// The page's `period:`, the default for its figures.
    pub period: Option<&'p Period>,
    /// The files of the page's bundle (`files` in shortcode templates).
    pub files: &'p [BundleFile],
}

/// Markdown with placeholders, and what each placeholder stands for.
#[derive(Debug, Default)]
pub struct Expanded<'b> {
    /// The body itself when it calls no shortcode (most bodies): not copied.
    pub markdown: Cow<'b, str>,
    pieces: Vec<Piece>,
    /// What each call said, for the block enclosing them.
    children: Vec<Child>,
    /// The renderings of block bodies, whose links and images belong to the page.
    bodies: Vec<Rendered>,
}

/// A call as the template of the block around it sees it.
#[derive(Debug, serde::Serialize)]
struct Child {
    shortcode: String,
    args: std::collections::BTreeMap<String, Value>,
    body: String,
    /// The body's text without markup, for structured data (JSON-LD).
    text: String,
}

#[derive(Debug)]
struct Piece {
    html: String,
    /// The HTML's text, for plain text and heading titles.
    text: String,
}

impl<'a> Expander<'a> {
    pub fn new(recaps: &'a Recaps, templates: &'a ShortcodeTemplates<'a>, config: &config::Config) -> Self {
        Expander {
            recaps,
            materials: recaps.material_names(),
            templates,
            config: Value::from_serializable(config),
        }
    }

    /// Replaces every shortcode in `body` by a placeholder; all problems
    /// are reported, each at its line and column.
    pub fn expand<'b>(&self, body: &'b str, place: &Place) -> Result<Expanded<'b>, Vec<Diagnostic>> {
        let mut expanded = Expanded::default();
        let mut markdown = String::new();
        let mut problems = Vec::new();
        let mut copied = 0;
        for found in parse::find(body) {
            let (range, replacement) = match found {
                Err(err) => {
                    problems.push(at(place, body, err.offset, err.message).hint(err.hint));
                    continue;
                }
                Ok(Found::Literal { text, range }) => (range, text),
                Ok(Found::Call(call)) => match self.render_call(&call, place, body, &mut expanded) {
                    Ok(html) => {
                        let text = text_of(&html);
                        expanded.pieces.push(Piece { html, text });
                        let mut replacement = placeholder(expanded.pieces.len() - 1);
                        // A block keeps its lines, so later lines keep their numbers.
                        if call.body.is_some() {
                            let lines = body[call.range.clone()].matches('\n').count();
                            replacement.push_str(&"\n".repeat(lines));
                        }
                        (call.range, replacement)
                    }
                    Err(mut found) => {
                        problems.append(&mut found);
                        continue;
                    }
                },
            };
            markdown.push_str(&body[copied..range.start]);
            markdown.push_str(&replacement);
            copied = range.end;
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        // Nothing replaced (every range replaced is a call or literal, never empty).
        expanded.markdown = if copied == 0 {
            Cow::Borrowed(body)
        } else {
            markdown.push_str(&body[copied..]);
            Cow::Owned(markdown)
        };
        Ok(expanded)
    }

    /// Renders `call` (of `body`, at `place`) for `expanded`, which gets
    /// the call as a child and its body's rendering.
    fn render_call(
        &self,
        call: &Call,
        place: &Place,
        body: &str,
        expanded: &mut Expanded<'_>,
    ) -> Result<String, Vec<Diagnostic>> {
        let number = expanded.pieces.len() + 1;
        let id = format!("{}{}-{number}", place.id_prefix, call.name);
        let mut context = self
            .context(call, &id, number, place, body)
            .map_err(|d| vec![d])?;
        let (block_body, block_text) = match &call.body {
            Some(range) => {
                let inner_place = Place {
                    first_line: line_column(place, body, range.start).0,
                    id_prefix: &format!("{id}-"),
                    ..*place
                };
                let inner = self.expand(&body[range.clone()], &inner_place)?;
                let mut rendered = markdown::render(&inner.markdown, place.rel_path, inner_place.first_line);
                inner.fill(&mut rendered);
                context.insert("children", &inner.children);
                context.insert("body", &rendered.html);
                let written = (rendered.html.clone(), rendered.plain_text.clone());
                expanded.bodies.push(rendered);
                written
            }
            None => Default::default(),
        };
        let (line, _) = line_column(place, body, call.range.start);
        let html = self
            .templates
            .render(&call.name, &context, place.file)
            .map(|html| html.trim().to_string())
            .map_err(|d| {
                vec![d.hint(msg!(
                    "shortcode-while-expanding",
                    name = call.name.as_str(),
                    file = place.file.display().to_string(),
                    line = line
                ))]
            })?;
        expanded.children.push(Child {
            shortcode: call.name.clone(),
            args: call.args.iter().map(|(k, v)| (k.clone(), arg_value(v))).collect(),
            body: block_body,
            text: block_text,
        });
        Ok(html)
    }

    /// The template context of `call`: its arguments, `id`, the site's
    /// `config` and, for the figure shortcodes, the figures.
    fn context(
        &self,
        call: &Call,
        id: &str,
        number: usize,
        place: &Place,
        body: &str,
    ) -> Result<Context, Diagnostic> {
        let here = |message: String| at(place, body, call.range.start, message);
        if !self.templates.contains(&call.name) {
            let names: Vec<&str> = self.templates.names().iter().map(String::as_str).collect();
            let hint = match did_you_mean(&call.name, &names) {
                Some(near) => msg!("shortcode-did-you-mean", near = near),
                None if names.is_empty() => msg!("shortcode-none-in-theme"),
                None => msg!(
                    "shortcode-known",
                    names = names.join(", "),
                    name = call.name.as_str()
                ),
            };
            return Err(here(msg!("shortcode-unknown", name = call.name.as_str())).hint(hint));
        }
        let mut context = Context::new();
        for (key, value) in &call.args {
            context.insert(key.clone(), &arg_value(value));
        }
        // Unique within the page, for SVG `<title>` ids and the like.
        context.insert("id", id);
        context.insert_value("config", self.config.clone());
        context.insert("files", place.files);
        if let Some(builtin) = Builtin::of(&call.name) {
            let inputs = Inputs {
                recaps: self.recaps,
                materials: &self.materials,
                page_period: place.period,
            };
            builtin::add_figures(builtin, &call.args, &inputs, &mut context)
                .map_err(|err| here(err.message).hint(err.hint))?;
        }
        let checked = match call.name.as_str() {
            video::NAME => video::add(&call.args, &mut context),
            quiz::NAME => quiz::add(&call.args, &mut context),
            _ => Ok(()),
        };
        checked.map_err(|(message, hint)| here(message).hint(hint))?;
        // Its place among the calls around it, from 1: a quiz's question number.
        context.insert("number", &number);
        Ok(context)
    }
}

/// How many calls of shortcode `name` the Markdown `body` makes, inside
/// blocks too; malformed calls are not counted (they fail the build).
pub fn count_calls(body: &str, name: &str) -> usize {
    parse::find(body)
        .into_iter()
        .filter_map(Result::ok)
        .map(|found| match found {
            Found::Call(call) => {
                usize::from(call.name == name) + call.body.map_or(0, |inner| count_calls(&body[inner], name))
            }
            Found::Literal { .. } => 0,
        })
        .sum()
}

fn arg_value(arg: &parse::Arg) -> Value {
    match arg {
        parse::Arg::Text(text) => Value::from(text.as_str()),
        parse::Arg::Integer(n) => Value::from(*n),
        parse::Arg::Bool(b) => Value::from(*b),
    }
}

fn at(place: &Place, body: &str, offset: usize, message: String) -> Diagnostic {
    let (line, column) = line_column(place, body, offset);
    Diagnostic::new(place.file, message).at(line, Some(column))
}

fn line_column(place: &Place, body: &str, offset: usize) -> (usize, usize) {
    let before = &body[..offset];
    let line = place.first_line + before.matches('\n').count();
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// Placeholders are made of private-use characters: pulldown-cmark passes
/// them through as text, and heading ids (letters and digits only) skip
/// them, so a figure in a heading does not change its id.
const MARK: char = '\u{E000}';
const DIGIT_ZERO: u32 = 0xE001;

fn placeholder(index: usize) -> String {
    let digits: String = index
        .to_string()
        .chars()
        .filter_map(|d| char::from_u32(DIGIT_ZERO + d.to_digit(10).unwrap_or(0)))
        .collect();
    format!("{MARK}{digits}{MARK}")
}

impl Expanded<'_> {
    /// The fingerprint of everything rendering this Markdown depends on,
    /// for the file at `rel_path` whose body starts at `first_line`.
    pub fn fingerprint(&self, rel_path: &str, first_line: usize) -> fingerprint::Fingerprint {
        use std::hash::Hasher;
        let mut hasher = fingerprint::Fingerprinter::new();
        hasher.str(rel_path);
        hasher.write_usize(first_line);
        hasher.str(&self.markdown);
        for piece in &self.pieces {
            hasher.str(&piece.html);
            hasher.str(&piece.text);
        }
        hasher.finish128()
    }

    /// Puts the shortcodes' output where their placeholders ended up.
    pub fn fill(&self, rendered: &mut Rendered) {
        if self.pieces.is_empty() {
            return;
        }
        rendered.html = self.fill_html(&rendered.html);
        rendered.summary = self.fill_html(&rendered.summary);
        rendered.plain_text = self.fill_text(&rendered.plain_text);
        self.fill_toc(&mut rendered.toc);
        for body in &self.bodies {
            rendered.links.extend(body.links.iter().cloned());
            rendered.file_links.extend(body.file_links.iter().cloned());
            rendered
                .external_links
                .extend(body.external_links.iter().cloned());
            rendered.images.extend(body.images.iter().cloned());
            rendered.heading_ids.extend(body.heading_ids.iter().cloned());
        }
    }

    fn fill_html(&self, html: &str) -> String {
        let mut html = html.to_string();
        for (index, piece) in self.pieces.iter().enumerate() {
            let mark = placeholder(index);
            // A shortcode alone in its paragraph replaces the paragraph.
            html = html
                .replace(&format!("<p>{mark}</p>"), &piece.html)
                .replace(&mark, &piece.html);
        }
        html
    }

    fn fill_text(&self, text: &str) -> String {
        let mut text = text.to_string();
        for (index, piece) in self.pieces.iter().enumerate() {
            text = text.replace(&placeholder(index), &piece.text);
        }
        text
    }

    fn fill_toc(&self, toc: &mut [TocEntry]) {
        for entry in toc {
            entry.title = self.fill_text(&entry.title);
            self.fill_toc(&mut entry.children);
        }
    }
}

/// The text of an HTML fragment: tags dropped, and what scripts and
/// styles hold (a block's player code, its JSON-LD), which no reader sees;
/// whitespace runs folded.
fn text_of(html: &str) -> String {
    let mut shown = String::with_capacity(html.len());
    let mut rest = html;
    while let Some((before, element, after)) = ["<script", "<style"]
        .iter()
        .filter_map(|open| Some((rest.find(open)?, *open)))
        .min()
        .map(|(at, open)| (&rest[..at], &open[1..], &rest[at..]))
    {
        shown.push_str(before);
        let close = format!("</{element}>");
        rest = after.find(&close).map_or("", |end| &after[end + close.len()..]);
    }
    shown.push_str(rest);
    let mut text = String::with_capacity(shown.len());
    let mut in_tag = false;
    for c in shown.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if in_tag => {}
            c => text.push(c),
        }
    }
    // The entities HTML escaping writes (`&amp;` last, so `&amp;lt;` stays `&lt;`).
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_unique_and_invisible_to_heading_ids() {
        assert_ne!(placeholder(1), placeholder(10));
        let id = crate::markdown::slug_id(&format!("共{}场", placeholder(12)));
        assert_eq!(id, "共场");
    }

    #[test]
    fn calls_are_counted_inside_blocks_and_not_in_code() {
        let body = "{{ chart(of=\"sessions\") }}\n\n`{{ chart() }}`\n\n{% rumor(claim=\"x\") %}\n{{ chart(of=\"people\") }}\n{% end %}\n";
        assert_eq!(count_calls(body, "chart"), 2);
        assert_eq!(count_calls(body, "stat"), 0);
    }

    #[test]
    fn fill_replaces_paragraphs_of_blocks_and_inline_marks() {
        let expanded = Expanded {
            markdown: Cow::Borrowed(""),
            children: Vec::new(),
            bodies: Vec::new(),
            pieces: vec![
                Piece {
                    html: "<span>20</span>".into(),
                    text: "20".into(),
                },
                Piece {
                    html: "<table></table>".into(),
                    text: String::new(),
                },
            ],
        };
        let mut rendered = Rendered {
            html: format!("<p>共{}场</p>\n<p>{}</p>\n", placeholder(0), placeholder(1)),
            plain_text: format!("共{}场", placeholder(0)),
            ..Rendered::default()
        };
        expanded.fill(&mut rendered);
        assert_eq!(rendered.html, "<p>共<span>20</span>场</p>\n<table></table>\n");
        assert_eq!(rendered.plain_text, "共20场");
    }

    #[test]
    fn text_of_html() {
        assert_eq!(text_of("<span class=\"stat\">20000</span>"), "20000");
        assert_eq!(text_of("<table><tr><td>甲</td><td>1</td></tr></table>"), "甲 1");
        assert_eq!(
            text_of(
                "<p>问</p><script type=\"application/ld+json\">{\"a\":1}</script><style>p{}</style><p>答</p>"
            ),
            "问 答"
        );
        assert_eq!(
            text_of("<p>&lt;3.9 &amp;lt; &quot;甲&quot;</p>"),
            "<3.9 &lt; \"甲\""
        );
    }
}
