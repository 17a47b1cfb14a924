//! Charts in the WeChat edition: the public-account editor drops inline
//! SVG, so each chart the theme marks with [`CHART_MARK`] is drawn as a PNG
//! (a planned output beside the edition) and the exported body shows it as
//! an `<img>` whose `alt` carries the chart's title and numbers.
//!
//! [`svgs`] finds the marked charts of a page; [`chart_document`] wraps one
//! for the stylesheet inliner, so it is drawn with the theme's look
//! (`var()` already resolved); [`draw_png`] rasterises it with resvg and
//! the system's fonts (Chinese labels need a Chinese font such as Noto
//! Sans CJK); [`as_images`] puts the pictures in the exported body.

use super::EXPORT_ROOT;
use crate::postprocess::rewrite;
use lol_html::{Settings, element, end_tag, text};
use pulldown_cmark_escape::escape_html;
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;
use std::sync::{Arc, OnceLock};

/// The attribute a theme's chart template sets on the chart's `<svg>`.
pub const CHART_MARK: &str = "data-kepu-chart";

/// How many pixels the PNG has per unit of the chart's `viewBox`: twice
/// the drawn size, sharp on a phone's screen.
const SCALE: f32 = 2.0;

/// A marked chart of a page: its SVG markup, and its title and description
/// (the numbers, in words).
#[derive(Debug, Default)]
struct Found {
    range: Range<usize>,
    title: String,
    desc: String,
}

/// The marked charts of `html`, in order, each as it is written.
fn find(html: &str, scope: &str) -> Result<Vec<Found>, String> {
    if !html.contains(CHART_MARK) {
        return Ok(Vec::new());
    }
    let found: Rc<RefCell<Vec<Found>>> = Rc::default();
    let chart = format!("{scope}svg[{CHART_MARK}]");
    let settings = Settings::new()
        .append_element_content_handler(element!(&chart, |el| {
            let start = el.source_location().bytes().start;
            found.borrow_mut().push(Found {
                range: start..start,
                ..Found::default()
            });
            let found = Rc::clone(&found);
            el.on_end_tag(end_tag!(move |end| {
                if let Some(last) = found.borrow_mut().last_mut() {
                    last.range.end = end.source_location().bytes().end;
                }
                Ok(())
            }))
        }))
        .append_element_content_handler(text!(format!("{chart} > title"), |chunk| {
            if let Some(last) = found.borrow_mut().last_mut() {
                last.title.push_str(chunk.as_str());
            }
            Ok(())
        }))
        .append_element_content_handler(text!(format!("{chart} > desc"), |chunk| {
            if let Some(last) = found.borrow_mut().last_mut() {
                last.desc.push_str(chunk.as_str());
            }
            Ok(())
        }));
    rewrite(html, settings)?;
    Ok(found.take())
}

/// The SVG markup of every marked chart in `html` (a page body), in order.
pub fn svgs(html: &str) -> Result<Vec<String>, String> {
    Ok(find(html, "")?
        .into_iter()
        .map(|chart| html[chart.range].to_string())
        .collect())
}

/// `svg` placed as the theme places a chart in an article, to be given to
/// the stylesheet inliner; [`draw_png`] takes the result.
pub fn chart_document(svg: &str) -> String {
    format!(
        r#"<section {EXPORT_ROOT}><div class="prose"><figure class="chart">{svg}</figure></div></section>"#
    )
}

/// The chart in `styled` (a [`chart_document`] with its styles inlined)
/// as PNG, on white.
pub fn draw_png(styled: &str) -> Result<Vec<u8>, String> {
    let chart = find(styled, "")?.into_iter().next().ok_or("no chart to draw")?;
    let options = resvg::usvg::Options {
        fontdb: Arc::clone(system_fonts()),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(&styled[chart.range], &options).map_err(|e| e.to_string())?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(SCALE)
        .ok_or("the chart has no size")?;
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the chart has no size")?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| e.to_string())
}

/// The machine's fonts, read once: reading them takes longer than drawing.
fn system_fonts() -> &'static Arc<resvg::usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut fonts = resvg::usvg::fontdb::Database::new();
        fonts.load_system_fonts();
        fonts.set_sans_serif_family("Noto Sans CJK SC");
        Arc::new(fonts)
    })
}

/// The exported body with each marked chart replaced by the picture at
/// `image_url(n)` (n from 0), its title and numbers as `alt`; returns how
/// many it replaced. The chart's inlined `style` (its width) stays.
pub fn as_images(html: &str, image_url: impl Fn(usize) -> String) -> Result<(String, usize), String> {
    let charts = find(html, &format!("[{EXPORT_ROOT}] "))?;
    let mut out = String::with_capacity(html.len());
    let mut cursor = 0;
    for (n, chart) in charts.iter().enumerate() {
        out.push_str(&html[cursor..chart.range.start]);
        cursor = chart.range.end;
        let svg = &html[chart.range.clone()];
        let style = root_attribute(svg, "style").unwrap_or_default();
        let (width, height) = (root_attribute(svg, "width"), root_attribute(svg, "height"));
        out.push_str(r#"<img src=""#);
        let _ = escape_html(&mut out, &image_url(n));
        out.push_str(r#"" alt=""#);
        // Title and description are HTML text already: only quotes need escaping.
        let alt = match chart.desc.trim() {
            "" => chart.title.trim().to_string(),
            desc => format!("{}：{desc}", chart.title.trim()),
        };
        out.push_str(&alt.replace('"', "&quot;"));
        out.push('"');
        for (name, value) in [("width", width), ("height", height)] {
            if let Some(value) = value {
                out.push_str(&format!(r#" {name}="{value}""#));
            }
        }
        if !style.is_empty() {
            out.push_str(&format!(r#" style="{style}""#));
        }
        out.push('>');
    }
    out.push_str(&html[cursor..]);
    Ok((out, charts.len()))
}

/// The value of attribute `name` of the first tag of `svg` as written
/// (escaped), from lol_html's serialisation (`name="value"`).
fn root_attribute<'s>(svg: &'s str, name: &str) -> Option<&'s str> {
    let tag = &svg[..svg.find('>')?];
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wechat::Stylesheet;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" data-kepu-chart="bar" class="chart-svg" viewBox="0 0 100 40" width="100" height="40"><title>场次</title><desc>3月：48场</desc><rect class="chart-bar" x="0" y="10" width="80" height="20"></rect></svg>"##;

    #[test]
    fn marked_charts_are_found_and_become_pictures_with_their_numbers() {
        assert_eq!(svgs(&format!("<p>甲</p>{SVG}<svg></svg>")).unwrap(), [SVG]);
        let body = format!(r#"<main>{SVG}<section {EXPORT_ROOT}><p>甲</p>{SVG}</section></main>"#);
        let (out, n) = as_images(&body, |n| format!("https://e.org/wechat/a/chart-{}.png", n + 1)).unwrap();
        assert_eq!(n, 1);
        assert!(
            out.contains(r#"<p>甲</p><img src="https://e.org/wechat/a/chart-1.png" alt="场次：3月：48场" width="100" height="40"></section>"#),
            "{out}"
        );
        assert!(
            out.starts_with(&format!("<main>{SVG}")),
            "only the export body changes: {out}"
        );
    }

    #[test]
    fn a_chart_is_drawn_with_the_theme_look() {
        let css = ":root { --blue: #0b4a8b } .chart-bar { fill: var(--blue) }";
        let styled = Stylesheet::parse(css, EXPORT_ROOT)
            .inline(&chart_document(SVG), |_| Ok(()))
            .unwrap();
        let png = draw_png(&styled).unwrap();
        let image = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(image.dimensions(), (200, 80));
        // Inside the bar the theme's blue, beside it the white page.
        assert_eq!(image.get_pixel(80, 40).0, [0x0b, 0x4a, 0x8b]);
        assert_eq!(image.get_pixel(190, 40).0, [255, 255, 255]);
    }
}
