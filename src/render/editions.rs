//! The other editions of every article, rendered from the same page value as
//! its web page: `/wechat/<path>/` (a body ready to paste into the WeChat
//! public-account editor) and `/print/<path>/` (A4, with a QR code to the
//! article; the default theme has no `print.html`, its article pages print
//! as themselves). Each is made when `outputs:` has it on and the theme has its
//! template; the WeChat edition's charts are PNG files beside it. A page
//! without a picture cover also gets its share card.
//!
//! An edition is read at another address than its article, so the
//! article's relative references are read at the article's own; and what
//! it hands on (QR codes, printed addresses, the WeChat body) carries the
//! public address even while `kepu serve` previews it locally.

use super::{Export, Job, RenderOptions, Renderer, share_image};
use crate::error::{Diagnostic, Error, Result};
use crate::files::Output;
use crate::fingerprint::{self, Fingerprint, Fingerprinter};
use crate::images::html;
use crate::messages::msg;
use crate::model::Page;
use crate::plan::index_file;
use crate::postprocess;
use crate::wechat::{self, Stylesheet, charts};

use crate::plan::{Kind, PRINT_TEMPLATE, SHARE_CARD, wechat_chart_path};
use crate::templates::theme::WECHAT_TEMPLATE;

/// The body shows a number of marked charts other than its `chart` calls:
/// a theme's chart template that draws no `<svg data-kepu-chart>`.
fn missing_charts(source: &std::path::Path, planned: usize, found: usize) -> Error {
    Diagnostic::new(
        source,
        msg!("wechat-missing-charts", planned = planned, found = found),
    )
    .hint(msg!("wechat-missing-charts-hint", mark = charts::CHART_MARK))
    .into()
}

/// The theme stylesheet compiled for the WeChat edition's body, and the
/// fingerprint of its text (an input of every WeChat page).
pub(super) struct WechatStylesheet {
    compiled: Stylesheet,
    fingerprint: Fingerprint,
}

impl WechatStylesheet {
    pub(super) fn new(css: &str) -> Self {
        WechatStylesheet {
            compiled: Stylesheet::parse(css, wechat::EXPORT_ROOT),
            fingerprint: fingerprint::of_strs([css]),
        }
    }
}

impl Renderer<'_> {
    /// The share card and the WeChat and print editions of the page at
    /// `index` in `Site::pages`, as far as they are made.
    pub(super) fn page_editions(&self, index: usize, options: &RenderOptions) -> Result<Vec<Output>> {
        let page = &self.site.pages[index];
        let mut files = Vec::with_capacity(3);
        if self.plan.has(Kind::ShareCard(index)) {
            files.push(self.share_card(page)?);
        }
        if let Some(stylesheet) = self
            .compiled
            .wechat_stylesheet
            .as_ref()
            .filter(|_| self.plan.has(Kind::Wechat(index)))
        {
            files.push(self.wechat_edition(index, page, stylesheet, options)?);
            files.extend(self.wechat_charts(index, page, stylesheet)?);
        }
        if self.plan.has(Kind::Print(index)) {
            files.push(self.print_edition(index, page, options)?);
        }
        Ok(files)
    }

    /// `print.html` rendered, with the article's relative references (a
    /// bundle's pictures) read at the article's address.
    fn print_edition(&self, index: usize, page: &Page, options: &RenderOptions) -> Result<Output> {
        let path = format!("/print{}", page.path);
        let source = &page.source.file;
        let page_url = self.site.permalink(&page.path);
        let rebase = |html: String| -> Result<String> {
            // Photos at their largest, loaded at once (lazy images may not print).
            let html = html::for_edition(&html, html::Edition::Print);
            postprocess::rebase(&html, &page_url, self.links.as_ref())
                .map_err(|message| Diagnostic::new(source, message).into())
        };
        let export = Export {
            inputs: fingerprint::of_strs([page_url.as_str()]),
            apply: &rebase,
        };
        let job = Job {
            output: &index_file(&path),
            template: PRINT_TEMPLATE,
            path: &path,
            vars: vec![("page", self.values.pages[index].clone())],
            source,
        };
        self.render_job(job, options, Some(&export))
    }

    /// The page's share card, made again only when the address its QR
    /// code holds changes.
    fn share_card(&self, page: &Page) -> Result<Output> {
        let url = self.site.config.public_url(&page.path);
        let output = format!("{}{SHARE_CARD}", page.path.trim_start_matches('/'));
        self.memoised(&output, fingerprint::of_strs([url.as_str()]), || {
            let qr = self.qr_codes.encode(&url).map_err(|message| {
                Diagnostic::new(&page.source.file, message).hint(msg!("share-card-slug-hint"))
            })?;
            share_image::share_card(&qr).map_err(|reason| {
                Diagnostic::new(&page.source.file, msg!("share-card-failed", reason = reason)).into()
            })
        })
    }

    /// How many charts of the page at `index` the plan draws as PNG.
    fn planned_charts(&self, index: usize) -> usize {
        (0..)
            .take_while(|&chart| self.plan.has(Kind::WechatChart { page: index, chart }))
            .count()
    }

    /// The PNG of each chart the page's WeChat edition shows, drawn from
    /// the chart in the page body with the edition's stylesheet inlined.
    fn wechat_charts(&self, index: usize, page: &Page, stylesheet: &WechatStylesheet) -> Result<Vec<Output>> {
        let planned = self.planned_charts(index);
        if planned == 0 {
            return Ok(Vec::new());
        }
        let source = &page.source.file;
        let cannot = |message: String| -> Error {
            Diagnostic::new(source, msg!("wechat-chart-failed", reason = message)).into()
        };
        let svgs = charts::svgs(&page.rendered.html).map_err(cannot)?;
        if svgs.len() != planned {
            return Err(missing_charts(source, planned, svgs.len()));
        }
        let wechat = format!("/wechat{}", page.path);
        svgs.iter()
            .enumerate()
            .map(|(n, svg)| {
                let mut inputs = Fingerprinter::new();
                inputs.fingerprint(stylesheet.fingerprint);
                inputs.str(svg);
                self.memoised(&wechat_chart_path(&wechat, n), inputs.finish128(), || {
                    let styled = stylesheet
                        .compiled
                        .inline(&charts::chart_document(svg), |_| Ok(()))
                        .map_err(cannot)?;
                    charts::draw_png(&styled).map_err(cannot)
                })
            })
            .collect()
    }

    /// `wechat.html` rendered, then its marked body made editor-ready.
    fn wechat_edition(
        &self,
        index: usize,
        page: &Page,
        stylesheet: &WechatStylesheet,
        options: &RenderOptions,
    ) -> Result<Output> {
        let path = format!("/wechat{}", page.path);
        let source = &page.source.file;
        let page_url = self.site.permalink(&page.path);
        let bases = self.site.config.bases();
        let charts = self.planned_charts(index);
        let chart_url = |n| self.site.config.public_url(&wechat_chart_path(&path, n));
        let make_editor_ready = |html: String| -> Result<String> {
            let cannot = |message: String| -> Error {
                Diagnostic::new(source, msg!("wechat-edition-failed", reason = message))
                    .hint(msg!("wechat-edition-failed-hint", template = WECHAT_TEMPLATE))
                    .into()
            };
            // The WeChat editor keeps only `<img src>`: the 1080-wide JPEG.
            let html = html::for_edition(&html, html::Edition::Wechat);
            let html = wechat::export(&html, &page_url, bases, &stylesheet.compiled).map_err(cannot)?;
            let (html, shown) = charts::as_images(&html, chart_url).map_err(cannot)?;
            if shown != charts {
                return Err(missing_charts(source, charts, shown));
            }
            Ok(html)
        };
        let mut inputs = Fingerprinter::new();
        inputs.fingerprint(stylesheet.fingerprint);
        inputs.str(&page_url);
        inputs.str(bases.public);
        let export = Export {
            inputs: inputs.finish128(),
            apply: &make_editor_ready,
        };
        let job = Job {
            output: &index_file(&path),
            template: WECHAT_TEMPLATE,
            path: &path,
            vars: vec![("page", self.values.pages[index].clone())],
            source,
        };
        self.render_job(job, options, Some(&export))
    }
}
