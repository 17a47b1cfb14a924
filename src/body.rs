//! What the Markdown stage makes of a page body, as plain data: the HTML,
//! its table of contents, summary and text, and the links and images it
//! contains. The model holds it, the checks and the renderer read it; no
//! stage's machinery comes with it.

use crate::text::count;
use serde::Serialize;

/// A heading in the table of contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
    pub children: Vec<TocEntry>,
}

/// A link to another content file, as written at `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// Content-relative path of the target file (`tips/drink-water.md`).
    pub target: String,
    pub anchor: Option<String>,
    pub line: usize,
    pub column: usize,
}

/// An image as written in the Markdown, for checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    pub src: String,
    pub alt: String,
    pub line: usize,
}

/// A link to something other than a content file (a download, a page
/// path, an `#anchor` of the same page), as written at `line`, for checks.
/// Links to other sites are [`Rendered::external_links`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLink {
    pub url: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rendered {
    pub html: String,
    pub summary: String,
    pub toc: Vec<TocEntry>,
    pub links: Vec<InternalLink>,
    pub file_links: Vec<FileLink>,
    /// Links to other sites (`http:` and `https:` only), for `--external`.
    pub external_links: Vec<FileLink>,
    pub images: Vec<ImageRef>,
    /// Ids of all headings and those written in raw HTML
    /// (`<span id="example-2-1">`), for checking `#anchor` links.
    pub heading_ids: Vec<String>,
    /// The visible text outside code blocks (for counting and search).
    pub plain_text: String,
    /// CJK characters and Latin words of `plain_text`.
    pub count: count::TextCount,
}
