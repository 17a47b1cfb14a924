//! The HTML of planned images: `<picture>` with a `<source>` per preferred
//! format and an `<img>` fallback, each with `srcset` and `sizes`, the
//! `width` and `height` of the largest rendition (so the page does not
//! jump while it loads), `loading="lazy"` and `decoding="async"` but for
//! the first image of a page. [`Pictures::rewrite`] applies it to every
//! `<img>` of a rendered body whose `src` names a planned original.

use super::plan::{File, Plan, Planned};
use crate::urls;
use lol_html::html_content::ContentType;
use lol_html::{HtmlRewriter, Settings, element};
use std::borrow::Cow;
use std::cell::Cell;

/// Writes pictures of the planned originals of one site.
pub struct Pictures<'a> {
    pub plan: &'a Plan,
    /// The site's `base_url`, ending with `/`.
    pub base_url: &'a str,
    /// The `sizes` attribute.
    pub sizes: &'a str,
}

impl Pictures<'_> {
    /// The absolute URL of site path `path`, safe inside `srcset`.
    pub fn url(&self, path: &str) -> String {
        urls::iri_to_uri(&format!("{}{path}", self.base_url)).into_owned()
    }

    /// The planned original `src` names on the page at absolute `page_url`.
    pub fn planned(&self, page_url: &str, src: &str) -> Option<&Planned> {
        self.plan
            .get(&site_path(self.base_url, &urls::resolve(page_url, src))?)
    }

    /// What templates get of a planned cover (`page.cover_image`).
    pub fn cover(&self, planned: &Planned, alt: &str) -> Cover {
        let largest = planned.largest();
        Cover {
            // In lists the cover sits in a link beside the title, which
            // says what it shows: alt text would repeat it.
            picture: self.picture(planned, "", None, false),
            picture_eager: self.picture(planned, alt, None, true),
            width: largest.width,
            height: largest.height,
            src: self.url(&largest.path),
            share: planned.crop(super::plan::SHARE_CARD).map(|f| self.url(&f.path)),
            wechat_covers: super::plan::WECHAT_COVERS
                .iter()
                .filter_map(|size| planned.crop(*size))
                .map(|f| CoverCrop {
                    url: self.url(&f.path),
                    width: f.width,
                    height: f.height,
                })
                .collect(),
        }
    }

    fn srcset<'f>(&self, files: impl Iterator<Item = &'f File>) -> String {
        let entries: Vec<String> = files
            .map(|f| format!("{} {}w", self.url(&f.path), f.width))
            .collect();
        entries.join(", ")
    }

    /// The `<picture>` of `planned`. `eager` for the first image of a page,
    /// which the reader sees at once.
    pub fn picture(&self, planned: &Planned, alt: &str, title: Option<&str>, eager: bool) -> String {
        self.picture_sized(planned, alt, title, eager, self.sizes)
    }

    /// [`Self::picture`] with its own `sizes` (a gallery's thumbnails).
    fn picture_sized(
        &self,
        planned: &Planned,
        alt: &str,
        title: Option<&str>,
        eager: bool,
        sizes: &str,
    ) -> String {
        let (sources, fallback) = planned.sets.split_at(planned.sets.len() - 1);
        let (_, files) = &fallback[0];
        let files: Vec<&File> = planned.each(files).collect();
        let largest = planned.largest();
        // Paper gets the largest rendition: a browser picks the first
        // source that matches, and a screen-sized one prints blurred. Its
        // width and `sizes` keep the validator content: a picture whose
        // other sources give widths must not mix in a bare URL.
        let mut html = format!(
            r#"<picture><source media="print" srcset="{}" sizes="{sizes}">"#,
            self.srcset(std::iter::once(largest))
        );
        for (format, files) in sources {
            html.push_str(&format!(
                r#"<source type="{}" srcset="{}" sizes="{}">"#,
                format.mime(),
                self.srcset(planned.each(files)),
                sizes
            ));
        }
        // The middle width: what a browser without srcset shows.
        let src = &files[files.len() / 2];
        html.push_str(&format!(
            r#"<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}""#,
            self.url(&src.path),
            self.srcset(files.iter().copied()),
            sizes,
            largest.width,
            largest.height,
            escape(alt)
        ));
        if let Some(title) = title {
            html.push_str(&format!(r#" title="{}""#, escape(title)));
        }
        // The WeChat and print editions pick their own file.
        if let Some(wechat) = planned.wechat() {
            html.push_str(&format!(r#" data-wechat-src="{}""#, self.url(&wechat.path)));
        }
        html.push_str(&format!(r#" data-print-src="{}""#, self.url(&largest.path)));
        if !eager {
            html.push_str(r#" loading="lazy" decoding="async""#);
        }
        html.push_str("></picture>");
        html
    }

    /// `html` (a rendered body on the page at absolute `page_url`) with
    /// each `<img>` of a planned original made a `<picture>`; the first
    /// image is eager when `eager_first`.
    pub fn rewrite<'h>(&self, html: &'h str, page_url: &str, eager_first: bool) -> Cow<'h, str> {
        if self.plan.is_empty() || !html.contains("<img") {
            return Cow::Borrowed(html);
        }
        let first = Cell::new(eager_first);
        let handler = element!("img[src]", |el| {
            let eager = first.replace(false);
            let src = el.get_attribute("src").unwrap_or_default();
            if let Some(planned) = self.planned(page_url, &src) {
                let alt = el.get_attribute("alt").unwrap_or_default();
                let title = el.get_attribute("title");
                let sizes = el.get_attribute("sizes");
                let sizes = sizes.as_deref().unwrap_or(self.sizes);
                let picture = self.picture_sized(planned, &alt, title.as_deref(), eager, sizes);
                el.replace(&picture, ContentType::Html);
            } else if !eager {
                // Not ours (an SVG, an image elsewhere): still lazy.
                el.set_attribute("loading", "lazy")?;
            }
            Ok(())
        });
        // A link to an original (a gallery's) leads to its largest rendition.
        let link = element!("a[href]", |el| {
            let href = el.get_attribute("href").unwrap_or_default();
            if let Some(planned) = self.planned(page_url, &href) {
                el.set_attribute("href", &self.url(&planned.largest().path))?;
            }
            Ok(())
        });
        rewrite_with(html, vec![handler, link])
    }
}

/// An edition that shows one file per image instead of a `<picture>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edition {
    /// The largest rendition, loaded at once (lazy images may not print).
    Print,
    /// The 1080-wide JPEG: the WeChat editor keeps only `<img src>`.
    Wechat,
}

/// `html` with each planned `<picture>` made one `<img>` of `edition`'s file.
pub fn for_edition(html: &str, edition: Edition) -> Cow<'_, str> {
    if !html.contains("<picture") {
        return Cow::Borrowed(html);
    }
    let chosen = match edition {
        Edition::Print => "data-print-src",
        Edition::Wechat => "data-wechat-src",
    };
    let handlers = vec![
        element!("picture", |el| {
            el.remove_and_keep_content();
            Ok(())
        }),
        element!("picture source", |el| {
            el.remove();
            Ok(())
        }),
        element!("img[data-print-src]", move |el| {
            if let Some(src) = el.get_attribute(chosen) {
                el.set_attribute("src", &src)?;
            }
            for attr in [
                "srcset",
                "sizes",
                "loading",
                "decoding",
                "data-print-src",
                "data-wechat-src",
            ] {
                el.remove_attribute(attr);
            }
            Ok(())
        }),
    ];
    rewrite_with(html, handlers)
}

/// `html` rewritten by `handlers`; as it was if lol_html refuses it (it
/// accepts any text, so this does not happen for rendered pages).
fn rewrite_with<'h>(
    html: &'h str,
    handlers: Vec<(Cow<'_, lol_html::Selector>, lol_html::ElementContentHandlers<'_>)>,
) -> Cow<'h, str> {
    let mut out = Vec::with_capacity(html.len() + 1024);
    let settings = handlers.into_iter().fold(Settings::new(), |settings, handler| {
        settings.append_element_content_handler(handler)
    });
    let mut rewriter = HtmlRewriter::new(settings, |chunk: &[u8]| out.extend_from_slice(chunk));
    let done = rewriter.write(html.as_bytes()).and_then(|()| rewriter.end());
    match (done, String::from_utf8(out)) {
        (Ok(()), Ok(text)) => Cow::Owned(text),
        _ => Cow::Borrowed(html),
    }
}

/// The site path (`events/a/b.jpg`) of the absolute `url`, when it is one
/// of the site's.
pub fn site_path(base_url: &str, url: &str) -> Option<String> {
    let url = url.split(['?', '#']).next()?;
    urls::percent_decode(url.strip_prefix(base_url)?)
}

/// A cover as templates see it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Cover {
    /// The `<picture>`, lazy and without alt text (for lists, where the
    /// title stands beside it).
    pub picture: String,
    /// The same, loaded at once (for the top of its page).
    pub picture_eager: String,
    pub width: u32,
    pub height: u32,
    /// The largest rendition.
    pub src: String,
    /// The share card crop (1200×630).
    pub share: Option<String>,
    /// The WeChat cover shapes (2.35:1, 1:1), for the editor to download.
    pub wechat_covers: Vec<CoverCrop>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CoverCrop {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// `text` safe inside a double-quoted attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut escaped, text).expect("writing to a String");
    escaped
}
