//! Small server-drawn SVG charts for the organiser's dashboard: no script, readable on a phone,
//! every number also printed as text for screen readers and print.

use std::fmt::Write;

use sc_floorplan::svg::escape;

/// Vertical bars, one per label (its hover title); `series` gives each slot one bar per series,
/// side by side. `ticks` are the axis labels under the bars, empty where none is wanted.
pub fn columns(title: &str, labels: &[String], ticks: &[String], series: &[&[i64]]) -> String {
    let n = labels.len().max(1);
    let max = series
        .iter()
        .flat_map(|s| s.iter())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let (w, h, pad) = (600i64, 200i64, 24i64);
    // At least twelve slots wide, so one day's or one hour's bar is a bar, not a wall.
    let slot = (w - pad) as f64 / n.max(12) as f64;
    let bar = (slot / series.len().max(1) as f64 * 0.8).max(1.0);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="chart" viewBox="0 0 {w} {}" role="img" aria-label="{}">"#,
        h + 30,
        escape(title)
    );
    let _ = write!(
        s,
        r#"<line class="axis" x1="{pad}" y1="{h}" x2="{w}" y2="{h}"/><text class="tick" x="0" y="12">{max}</text>"#
    );
    for (i, label) in labels.iter().enumerate() {
        let x0 = pad as f64 + i as f64 * slot;
        for (k, values) in series.iter().enumerate() {
            let v = values.get(i).copied().unwrap_or(0);
            let bh = (v as f64 / max as f64 * (h - 10) as f64).round();
            let _ = write!(
                s,
                r#"<rect class="s{k}" x="{:.1}" y="{:.1}" width="{:.1}" height="{bh:.1}"><title>{} {v}</title></rect>"#,
                x0 + k as f64 * bar,
                h as f64 - bh,
                bar,
                escape(label)
            );
        }
        if let Some(tick) = ticks.get(i).filter(|t| !t.is_empty()) {
            let _ = write!(
                s,
                r#"<text class="tick" x="{:.1}" y="{}">{}</text>"#,
                x0,
                h + 16,
                escape(tick)
            );
        }
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn bars_scale_to_the_largest_value_and_escape_labels() {
        let labels = ["10:00".to_string(), "<b>".to_string()];
        let ticks = ["10:00".to_string(), String::new()];
        let svg = super::columns("Scans <per hour>", &labels, &ticks, &[&[5, 10]]);
        assert!(
            svg.contains(">10:00</text>"),
            "a tick where one is asked for"
        );
        assert_eq!(
            svg.matches("class=\"tick\"").count(),
            2,
            "the scale and one tick"
        );
        assert!(svg.contains(r#"aria-label="Scans &lt;per hour&gt;""#));
        assert!(
            svg.contains(r#"height="190.0"><title>&lt;b&gt; 10</title>"#),
            "{svg}"
        );
        assert!(
            svg.contains(r#"height="95.0"><title>10:00 5</title>"#),
            "{svg}"
        );
        assert!(!svg.contains("<b>"));
    }
}
