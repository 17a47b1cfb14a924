//! Shortcodes and tags of other generators left in a page's Markdown by a
//! move to kepu: Hugo's `{{< figure … >}}` and `{{% note %}}`, Hexo's and
//! Jekyll's `{% asset_img … %}` and `{% codeblock %}`, Jekyll's `{{ site.baseurl }}`.
//! kepu would print them as text, so each one outside code is a warning at
//! its line, naming what kepu writes instead (or that `kepu import`
//! converts them).

use crate::error::Diagnostic;
use crate::messages::msg;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::Path;

/// Whose syntax a tag is.
#[derive(Clone, Copy)]
enum Generator {
    Hugo,
    Hexo,
    /// Jekyll's Liquid variables, `{{ site.baseurl }}`.
    Jekyll,
}

/// Warnings for every foreign shortcode or tag in `body`, whose first line
/// is line `first_line` of `file`.
pub fn warnings(body: &str, first_line: usize, file: &Path) -> Vec<Diagnostic> {
    // Most pages have none: skip parsing them for code.
    if !crate::text::has_tag_opening(body) {
        return Vec::new();
    }
    let code = code_ranges(body);
    let mut warnings = Vec::new();
    for (at, _) in body.match_indices('{') {
        // The second `{` of `{{%` is part of the tag already looked at.
        if code.iter().any(|range| range.contains(&at)) || body[..at].ends_with('{') {
            continue;
        }
        let Some((generator, name)) = foreign_tag(&body[at..]) else {
            continue;
        };
        let before = &body[..at];
        let line = first_line + before.matches('\n').count();
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        let written = body[at..].lines().next().unwrap_or("");
        // The tag itself, up to its closing braces if on its line.
        let written = ["}}", "%}"]
            .iter()
            .filter_map(|close| written.find(close).map(|i| &written[..i + close.len()]))
            .min_by_key(|tag| tag.len())
            .unwrap_or(written);
        let written: String = written.chars().take(60).collect();
        warnings.push(
            Diagnostic::new(file, msg!("foreign-tag", tag = written.as_str()))
                .at(line, Some(column))
                .code("foreign-syntax")
                .hint(instead(generator, name)),
        );
    }
    warnings
}

/// The generator and tag name of the foreign opening tag `text` starts
/// with: `{{< name`, `{{% name`, or `{% name` followed by a space or `%}`
/// (kepu's own blocks are `{% name(…) %}`). Closing tags (`{{< /note >}}`,
/// `{% endcodeblock %}`) belong to the tag already reported.
fn foreign_tag(text: &str) -> Option<(Generator, &str)> {
    let (generator, rest) = if let Some(rest) = text.strip_prefix("{{<").or_else(|| text.strip_prefix("{{%"))
    {
        (Generator::Hugo, rest)
    } else if let Some(rest) = text.strip_prefix("{{") {
        // `{{ site.baseurl }}`; kepu's own `{{ name(…) }}` is no variable.
        let variable = rest.trim_start_matches([' ', '\t']).strip_prefix("site.")?;
        let end = variable
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(variable.len());
        return (end > 0).then(|| (Generator::Jekyll, &variable[..end]));
    } else {
        (Generator::Hexo, text.strip_prefix("{%")?)
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(rest.len());
    let (name, after) = rest.split_at(end);
    if name.is_empty() {
        return None;
    }
    match generator {
        Generator::Hugo | Generator::Jekyll => Some((generator, name)),
        Generator::Hexo => {
            let is_tag = after.starts_with([' ', '\t']) || after.starts_with("%}");
            let closes = name.starts_with("end");
            let is_kepu_block = after.trim_start().starts_with('(');
            (is_tag && !closes && !is_kepu_block).then_some((generator, name))
        }
    }
}

/// What kepu writes instead of the tag `name`, in a hint.
fn instead(generator: Generator, name: &str) -> String {
    if let Generator::Jekyll = generator {
        return match name {
            "baseurl" | "url" => msg!("foreign-tag-baseurl"),
            _ => msg!("foreign-tag-site-variable"),
        };
    }
    match name {
        "figure" | "img" | "image" | "asset_img" | "asset_image" => msg!("foreign-tag-image"),
        "ref" | "relref" | "post_link" | "post_path" | "link" | "asset_link" => msg!("foreign-tag-link"),
        "highlight" | "codeblock" | "code" | "include_code" | "gist" => msg!("foreign-tag-code"),
        "note" | "tip" | "warning" | "notice" | "alert" | "admonition" | "blockquote" | "quote" => {
            msg!("foreign-tag-note")
        }
        _ => match generator {
            Generator::Hugo => msg!("foreign-tag-import", generator = "hugo"),
            Generator::Hexo | Generator::Jekyll => msg!("foreign-tag-import", generator = "hexo"),
        },
    }
}

/// Byte ranges of code spans and code blocks, where tags are examples.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> Vec<(Option<usize>, String)> {
        warnings(body, 5, Path::new("a.md"))
            .into_iter()
            .map(|d| (d.line, d.message))
            .collect()
    }

    #[test]
    fn hugo_and_hexo_tags_outside_code_are_found_at_their_lines() {
        let body = "文字\n\n{{< figure src=\"a.jpg\" >}}\n\n{{% note %}}注意{{% /note %}}\n\n{% asset_img b.png 图 %}\n\n{% codeblock %}\nx\n{% endcodeblock %}\n";
        let lines: Vec<Option<usize>> = found(body).into_iter().map(|(line, _)| line).collect();
        assert_eq!(lines, [Some(7), Some(9), Some(11), Some(13)]);
    }

    #[test]
    fn jekyll_site_variables_are_found_with_what_kepu_writes() {
        let body = "![图]({{ site.baseurl }}/img/a.png)\n\n{{site.title}}\n\n`{{ site.baseurl }}`\n";
        let warnings = warnings(body, 5, Path::new("a.md"));
        let lines: Vec<Option<usize>> = warnings.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(5), Some(7)]);
        assert!(
            warnings[0].message.contains("{{ site.baseurl }}"),
            "{:?}",
            warnings[0]
        );
        let hint = warnings[0].hint.as_deref().unwrap_or("");
        assert!(hint.contains("@/"), "{hint}");
    }

    #[test]
    fn kepu_calls_code_and_closing_tags_are_left_alone() {
        let body = "{% rumor(claim=\"x\") %}真相{% end %}\n\n`{{< figure >}}`\n\n```\n{% asset_img a.png %}\n```\n\n{{ stat(name=\"sessions\") }}\n";
        assert_eq!(found(body), []);
    }
}
