//! Bar-chart geometry for the `chart` shortcode: where each bar, its label
//! and its value go in an SVG `viewBox`, computed here so the theme's
//! template only draws (and stays easy to restyle). Horizontal bars, because
//! Chinese series names are long and read best on one line.

use serde::Serialize;

/// Kinds of chart the `chart` shortcode draws.
pub const KINDS: [&str; 1] = ["bar"];

/// Narrow, so that scaled to a phone's column (about 350px) the 14-unit
/// text is still at least 14px; on wider screens the theme scales it up.
const WIDTH: u32 = 340;
const ROW: u32 = 32;
const BAR: u32 = 20;
const PAD: u32 = 8;
const FONT: u32 = 14;
const LABEL_MIN: u32 = 56;
const LABEL_MAX: u32 = 150;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BarChart {
    pub width: u32,
    pub height: u32,
    pub font_size: u32,
    /// The x of the axis the bars start from.
    pub axis_x: u32,
    pub max: u64,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bar {
    pub key: String,
    /// The label as drawn, shortened with `…` when too long to fit.
    pub label: String,
    pub full_label: String,
    pub value: u64,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    /// Baseline of the label and value text.
    pub text_y: u32,
    /// Right edge of the label (text-anchor: end).
    pub label_x: u32,
    /// Left edge of the value, just after the bar.
    pub value_x: u32,
}

/// One bar to draw: key, label, value.
pub struct Datum {
    pub key: String,
    pub label: String,
    pub value: u64,
}

/// Lays out one horizontal bar per datum, longest bar for the largest value.
pub fn bar_chart(data: &[Datum]) -> BarChart {
    let max = data.iter().map(|d| d.value).max().unwrap_or(0);
    let widest_label = data.iter().map(|d| text_width(&d.label)).max().unwrap_or(0);
    let axis_x = (widest_label + 2 * PAD).clamp(LABEL_MIN, LABEL_MAX);
    let value_room = text_width(&max.to_string()) + 2 * PAD;
    let bar_room = WIDTH - axis_x - value_room;
    let bars = data
        .iter()
        .zip(0u32..)
        .map(|(datum, row)| {
            let top = PAD + row * ROW;
            let width = bar_length(datum.value, max, bar_room);
            Bar {
                key: datum.key.clone(),
                label: fit(&datum.label, axis_x - 2 * PAD),
                full_label: datum.label.clone(),
                value: datum.value,
                x: axis_x,
                y: top + (ROW - BAR) / 2,
                width,
                height: BAR,
                // Centre a 14px line in the row: its baseline sits ~5px below the middle.
                text_y: top + ROW / 2 + 5,
                label_x: axis_x - PAD,
                value_x: axis_x + width + PAD / 2,
            }
        })
        .collect::<Vec<_>>();
    BarChart {
        width: WIDTH,
        height: 2 * PAD + ROW * (bars.len().max(1) as u32),
        font_size: FONT,
        axis_x,
        max,
        bars,
    }
}

/// Bars in proportion to the largest; a non-zero value stays visible.
fn bar_length(value: u64, max: u64, room: u32) -> u32 {
    if max == 0 || value == 0 {
        return 0;
    }
    let length = (value as f64 / max as f64 * room as f64).round() as u32;
    length.max(1)
}

/// Approximate width in px at 14px: a Chinese character is a full em,
/// Latin letters and digits a bit over half.
fn text_width(text: &str) -> u32 {
    text.chars().map(|c| if c.is_ascii() { 8 } else { FONT }).sum()
}

/// `text`, or as much of it as fits in `room` px followed by `…`.
fn fit(text: &str, room: u32) -> String {
    if text_width(text) <= room {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = FONT; // the ellipsis
    for c in text.chars() {
        used += text_width(c.encode_utf8(&mut [0; 4]));
        if used > room {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn datum(label: &str, value: u64) -> Datum {
        Datum {
            key: label.into(),
            label: label.into(),
            value,
        }
    }

    #[test]
    fn bars_are_proportional_and_stacked() {
        let chart = bar_chart(&[datum("3月", 20), datum("4月", 10), datum("5月", 0)]);
        let [a, b, c] = &chart.bars[..] else { panic!() };
        assert!(a.width.abs_diff(2 * b.width) <= 1);
        assert_eq!(c.width, 0);
        assert_eq!(b.y - a.y, ROW);
        assert_eq!(a.x, chart.axis_x);
        assert!(a.x + a.width + PAD / 2 == a.value_x && a.value_x < chart.width);
        assert_eq!(chart.height, 2 * PAD + 3 * ROW);
        assert_eq!(chart.max, 20);
    }

    #[test]
    fn long_labels_are_shortened_and_small_values_stay_visible() {
        let long = "大爱xx周六全民志愿服务日暨文明创建志愿服务集中行动";
        let chart = bar_chart(&[datum(long, 100_000), datum("小", 1)]);
        assert_eq!(chart.axis_x, LABEL_MAX);
        assert!(chart.bars[0].label.ends_with('…'));
        assert!(text_width(&chart.bars[0].label) <= LABEL_MAX - 2 * PAD);
        assert_eq!(chart.bars[0].full_label, long);
        assert_eq!(chart.bars[1].width, 1);
    }

    #[test]
    fn no_data_draws_an_empty_chart() {
        let chart = bar_chart(&[]);
        assert!(chart.bars.is_empty());
        assert_eq!(chart.height, 2 * PAD + ROW);
    }
}
