//! Draws a hall as inline SVG: booths as labelled rectangles (links to the exhibitors), marks for
//! search matches, bookmarks and "you are here", and the route as a line. Units are decimetres,
//! so the drawing scales with the viewBox and the browser's own zoom works without script.

use std::fmt::Write;

use crate::HallPlan;
use crate::route::Route;

/// A booth's link and hover title (the exhibitor's name), when it has an exhibitor.
pub type BoothInfo<'a> = &'a dyn Fn(&str) -> Option<(String, String)>;

/// What to show on the plan besides the booths.
#[derive(Default)]
pub struct Marks<'a> {
    /// Booths matching the visitor's search.
    pub matches: Vec<&'a str>,
    /// Bookmarked booths, or the booth being looked for.
    pub targets: Vec<&'a str>,
    pub here: Option<&'a str>,
    pub route: Option<&'a Route>,
    /// Link and hover title (exhibitor name) of each booth, when it has an exhibitor.
    pub booth_info: Option<BoothInfo<'a>>,
    /// Accessible name of the whole drawing.
    pub label: &'a str,
}

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

pub fn render(plan: &HallPlan, marks: &Marks<'_>) -> String {
    let mut s = String::with_capacity(200 + plan.booths.len() * 160);
    let _ = write!(
        s,
        r#"<svg class="plan" xmlns="http://www.w3.org/2000/svg" viewBox="-10 -10 {} {}" role="img" aria-label="{}" data-width="{}" data-height="{}">"#,
        plan.width + 20,
        plan.height + 20,
        escape(marks.label),
        plan.width + 20,
        plan.height + 20
    );
    let _ = write!(
        s,
        r#"<rect class="hall" x="0" y="0" width="{}" height="{}"/>"#,
        plan.width, plan.height
    );
    for b in &plan.booths {
        let r = b.rect;
        let mut class = String::from("booth");
        if marks.matches.contains(&b.code.as_str()) {
            class.push_str(" match");
        }
        if marks.targets.contains(&b.code.as_str()) {
            class.push_str(" target");
        }
        if marks.here == Some(b.code.as_str()) {
            class.push_str(" here");
        }
        let info = marks.booth_info.and_then(|f| f(&b.code));
        if info.is_none() {
            class.push_str(" vacant");
        }
        let code = escape(&b.code);
        if let Some((href, _)) = &info {
            let _ = write!(s, r#"<a href="{}">"#, escape(href));
        }
        let _ = write!(
            s,
            r#"<g class="{class}" id="booth-{code}"><rect x="{}" y="{}" width="{}" height="{}"/>"#,
            r.x, r.y, r.w, r.h
        );
        if let Some((_, title)) = &info {
            let _ = write!(s, "<title>{code} {}</title>", escape(title));
        }
        // As large as fits: a third of the booth's depth, and the code's width (about 0.6 of
        // the font size a character) within the booth's width.
        let chars = b.code.chars().count().max(1) as i32;
        let size = (r.h / 3).min(r.w * 10 / (6 * chars + 2)).clamp(2, 40);
        let c = r.centre();
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" font-size="{size}">{code}</text></g>"#,
            c.x,
            c.y + size / 3
        );
        if info.is_some() {
            s.push_str("</a>");
        }
    }
    if let Some(route) = marks.route {
        for leg in &route.legs {
            let points: Vec<String> = leg
                .points
                .iter()
                .map(|p| format!("{},{}", p.x, p.y))
                .collect();
            let _ = write!(
                s,
                r#"<polyline class="route" points="{}"/>"#,
                points.join(" ")
            );
        }
    }
    let e = plan.entrance;
    let _ = write!(
        s,
        r#"<circle class="entrance" cx="{}" cy="{}" r="8"/></svg>"#,
        e.x, e.y
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::{Start, route};

    #[test]
    fn booths_are_drawn_marked_and_escaped() {
        let mut plan = crate::grid(&["A1".to_string(), "A2".to_string(), "<b>".to_string()]);
        plan.booths[0].code = "A\"1".into();
        let r = route(&plan, Start::Entrance, &["A2"]).unwrap();
        let info = |code: &str| {
            (code == "A2").then(|| ("/x?a=1&b=2".to_string(), "Café <Ltd>".to_string()))
        };
        let svg = render(
            &plan,
            &Marks {
                matches: vec!["A2"],
                targets: vec!["A2"],
                here: Some("<b>"),
                route: Some(&r),
                booth_info: Some(&info),
                label: "Hall \"1\"",
            },
        );
        assert!(
            svg.contains(r#"class="booth match target" id="booth-A2""#),
            "{svg}"
        );
        assert!(svg.contains(r#"<a href="/x?a=1&amp;b=2">"#), "{svg}");
        assert!(svg.contains("<title>A2 Café &lt;Ltd&gt;</title>"), "{svg}");
        assert!(
            svg.contains(r#"class="booth here vacant" id="booth-&lt;b&gt;""#),
            "{svg}"
        );
        assert!(svg.contains("id=\"booth-A&quot;1\""), "{svg}");
        assert!(svg.contains(r#"aria-label="Hall &quot;1&quot;""#));
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert!(!svg.contains("<b>"));
    }
}
