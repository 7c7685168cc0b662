//! Charts as inline SVG, drawn on the server so they show without JavaScript.

use super::html::esc;
use crate::output::number;
use crate::store::CompareRow;

const WIDTH: f64 = 760.0;
const HEIGHT: f64 = 300.0;
const LEFT: f64 = 48.0;
const BOTTOM: f64 = 40.0;
const TOP: f64 = 24.0;

/// The top of the value axis: a round number above the largest value, so that the four grid
/// steps read as 1, 2, 2.5 or 5 times a power of ten.
fn scale_max(rows: &[CompareRow]) -> f64 {
    let max = rows
        .iter()
        .map(|r| r.value_high.unwrap_or(r.value))
        .fold(0.0_f64, f64::max);
    if max <= 0.0 {
        return 1.0;
    }
    let raw_step = max * 1.1 / 4.0;
    let magnitude = 10f64.powf(raw_step.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|&s| s >= raw_step)
        .unwrap_or(10.0 * magnitude);
    step * 4.0
}

fn label(r: &CompareRow) -> String {
    let high = r
        .value_high
        .map(|h| format!("–{}", number(h)))
        .unwrap_or_default();
    format!("{}{}{}{}", r.mark, number(r.value), high, r.unit)
}

fn axis(max: f64) -> String {
    let mut s = String::new();
    for i in 0..=4 {
        let v = max * f64::from(i) / 4.0;
        let y = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * f64::from(i) / 4.0;
        s.push_str(&format!(
            r#"<line class="grid" x1="{LEFT}" x2="{WIDTH}" y1="{y:.1}" y2="{y:.1}"/><text class="tick" x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            LEFT - 6.0,
            y + 4.0,
            esc(&number((v * 100.0).round() / 100.0))
        ));
    }
    s
}

/// The region name of the whole country: its figure is the reference the provinces are
/// read against, drawn as a line, not as a bar.
pub const NATIONAL: &str = "全国";

/// One bar per region, highest first, labelled with its qualifier mark and value, each a
/// link to the sentence it came from. A range is drawn from its low to its high end; the
/// country's figure, where the rows have one, is a dashed line across.
pub fn bars(rows: &[CompareRow]) -> String {
    let national = rows.iter().find(|r| r.region.as_deref() == Some(NATIONAL));
    let mut regions: Vec<&CompareRow> = rows
        .iter()
        .filter(|r| r.region.as_deref() != Some(NATIONAL))
        .collect();
    if regions.is_empty() {
        return String::new();
    }
    let top = |r: &CompareRow| r.value_high.unwrap_or(r.value);
    regions.sort_by(|a, b| top(b).total_cmp(&top(a)).then(b.value.total_cmp(&a.value)));
    let all: Vec<CompareRow> = regions
        .iter()
        .map(|r| (*r).clone())
        .chain(national.cloned())
        .collect();
    let max = scale_max(&all);
    let plot_h = HEIGHT - BOTTOM - TOP;
    let y_of = |v: f64| HEIGHT - BOTTOM - plot_h * v.max(0.0) / max;
    let plot_w = WIDTH - LEFT;
    let slot = plot_w / regions.len() as f64;
    let bar_w = (slot * 0.6).min(60.0);
    let mut s = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="bar chart">{}"#,
        axis(max)
    );
    for (i, r) in regions.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar_w) / 2.0;
        // A range floats from its low end to its high end; any other figure stands on zero.
        let (bottom, top_v) = match r.value_high {
            Some(h) => (r.value, h),
            None => (0.0, r.value),
        };
        let (y, h) = (y_of(top_v), y_of(bottom) - y_of(top_v));
        let name = r
            .region
            .clone()
            .or(r.year.map(|y| y.to_string()))
            .unwrap_or_default();
        let range = if r.value_high.is_some() { " range" } else { "" };
        let conflict = if r.conflict { " conflict" } else { "" };
        s.push_str(&format!(
            r##"<a href="/doc/{doc}#fact-{id}"><rect class="bar q-{q}{range}{conflict}" data-region="{name}" data-value="{value}" x="{x:.1}" y="{y:.1}" width="{bar_w:.1}" height="{h:.1}"><title>{name} {label}</title></rect><text class="value" x="{cx:.1}" y="{ly:.1}" text-anchor="middle">{label}</text><text class="name" x="{cx:.1}" y="{ny:.1}" text-anchor="middle">{name}</text></a>"##,
            doc = r.doc_id,
            id = r.fact_id,
            q = r.qualifier.as_str(),
            value = r.value,
            name = esc(&name),
            label = esc(&label(r)),
            cx = x + bar_w / 2.0,
            ly = y - 6.0,
            ny = HEIGHT - BOTTOM + 18.0,
        ));
    }
    if let Some(n) = national {
        let y = y_of(n.value_high.map_or(n.value, |h| (n.value + h) / 2.0));
        s.push_str(&format!(
            r##"<a href="/doc/{doc}#fact-{id}"><line class="reference" data-value="{value}" x1="{LEFT}" x2="{WIDTH}" y1="{y:.1}" y2="{y:.1}"><title>{NATIONAL} {label}</title></line><text class="reference-label" x="{lx:.1}" y="{ly:.1}" text-anchor="end">{NATIONAL} {label}</text></a>"##,
            doc = n.doc_id,
            id = n.fact_id,
            value = n.value,
            label = esc(&label(n)),
            lx = WIDTH - 4.0,
            ly = y - 4.0,
        ));
    }
    s.push_str("</svg>");
    s
}

/// A line through the rows in order (years of one region).
pub fn line(rows: &[CompareRow]) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let max = scale_max(rows);
    let plot_w = WIDTH - LEFT - 20.0;
    let step = if rows.len() > 1 {
        plot_w / (rows.len() - 1) as f64
    } else {
        0.0
    };
    let point = |i: usize, r: &CompareRow| {
        let x = LEFT + 10.0 + step * i as f64;
        let y = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * r.value / max;
        (x, y)
    };
    let path: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let (x, y) = point(i, r);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let mut s = format!(
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="line chart">{}<polyline class="line" points="{}"/>"#,
        axis(max),
        path.join(" ")
    );
    for (i, r) in rows.iter().enumerate() {
        let (x, y) = point(i, r);
        let year = r.year.map(|y| y.to_string()).unwrap_or_default();
        s.push_str(&format!(
            r##"<a href="/doc/{doc}#fact-{id}"><circle class="point" cx="{x:.1}" cy="{y:.1}" r="5"><title>{year} {label}</title></circle><text class="value" x="{x:.1}" y="{ly:.1}" text-anchor="middle">{label}</text><text class="name" x="{x:.1}" y="{ny:.1}" text-anchor="middle">{year}</text></a>"##,
            doc = r.doc_id,
            id = r.fact_id,
            label = esc(&label(r)),
            ly = y - 10.0,
            ny = HEIGHT - BOTTOM + 18.0,
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::Qualifier;

    fn row(region: &str, value: f64, high: Option<f64>) -> CompareRow {
        CompareRow {
            region: Some(region.into()),
            year: Some(2026),
            period: None,
            value,
            value_high: high,
            unit: "%".into(),
            qualifier: if high.is_some() {
                Qualifier::Range
            } else {
                Qualifier::Approx
            },
            mark: if high.is_some() { "~" } else { "≈" },
            text: String::new(),
            indicator: String::new(),
            sentence: String::new(),
            path: String::new(),
            doc_id: 1,
            article: 0,
            fact_id: 1,
            conflict: false,
            others: Vec::new(),
        }
    }

    #[test]
    fn bars_stand_highest_first_ranges_float_and_the_country_is_a_line() {
        let rows = [
            row("河南", 5.0, None),
            row("安徽", 5.0, Some(5.5)),
            row(NATIONAL, 5.0, None),
            row("海南", 6.0, None),
        ];
        let svg = bars(&rows);
        let order: Vec<&str> = svg
            .split("data-region=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(order, ["海南", "安徽", "河南"]);
        assert_eq!(svg.matches("<rect").count(), 3, "the country is no bar");
        assert!(svg.contains(r#"class="reference""#) && svg.contains("全国 ≈5%"));
        // The range floats: its bar ends above the axis, where 5.0 is.
        let range = &svg[svg.find("range").unwrap()..];
        let attr = |name: &str| -> f64 {
            let at = range.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
            range[at..at + range[at..].find('"').unwrap()]
                .parse()
                .unwrap()
        };
        assert!(attr("y") + attr("height") < HEIGHT - BOTTOM - 1.0);
    }
}
