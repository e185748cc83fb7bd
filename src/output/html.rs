//! Printable output: the Markdown brief rendered to a self-contained HTML page (comrak, an overridable HTML
//! template, CSS for A4 paper in the manner of GB/T 9704, SVG charts drawn from the figures). No network, no
//! scripts; user text reaches the page only as escaped text.

use crate::brief::Brief;
use crate::diag::Located;
use crate::lang::Lang;
use crate::output::marks;
use crate::output::templates::Renderer;
use serde::Serialize;

/// A chart for the page.
#[derive(Debug, Serialize)]
pub struct Chart {
    /// Name a template places it by (`aspects`, `departments`, `rounds`).
    pub name: String,
    /// Caption above it.
    pub caption: String,
    /// The SVG element.
    pub svg: String,
}

#[derive(Serialize)]
struct Page<'a> {
    title: &'a str,
    html_lang: &'a str,
    body: String,
    /// Charts the template did not place; the page appends them.
    charts: Vec<&'a Chart>,
}

/// Markdown to HTML: GFM tables, strikethrough, autolinks, CJK-friendly emphasis; raw HTML is shown as text.
pub fn markdown_to_html(md: &str) -> String {
    let mut options = comrak::Options::default();
    options.extension.table = true;
    options.extension.strikethrough = true;
    options.extension.autolink = true;
    options.extension.cjk_friendly_emphasis = true;
    options.render.escape = true;
    marks::expand(&comrak::markdown_to_html(md, &options))
}

/// The whole HTML page for a Markdown document.
pub fn page(
    renderer: &Renderer,
    markdown: &str,
    title: &str,
    charts: &[Chart],
    lang: Lang,
) -> Result<String, Box<Located>> {
    let mut body = markdown_to_html(markdown);
    let mut unplaced = Vec::new();
    for c in charts {
        let placeholder = marks::chart_placeholder(&c.name);
        if body.contains(&placeholder) {
            let figure = format!(
                "<figure><figcaption>{}</figcaption>{}</figure>",
                esc(&c.caption),
                c.svg
            );
            body = body.replace(&placeholder, &figure);
        } else {
            unplaced.push(c);
        }
    }
    // A placeholder for a chart that does not exist shows nothing.
    for name in ["aspects", "departments", "rounds"] {
        body = body.replace(&marks::chart_placeholder(name), "");
    }
    let model = Page {
        title,
        html_lang: if lang == Lang::Zh { "zh-CN" } else { "en" },
        body,
        // A document that places no chart gets them all at the end; one that places some chose which.
        charts: if unplaced.len() == charts.len() {
            unplaced
        } else {
            Vec::new()
        },
    };
    renderer.render(&model)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn colour(cfg_light: &str) -> &'static str {
    match cfg_light {
        "red" => "#c8102e",
        "amber" => "#f2a900",
        "green" => "#2e8b57",
        _ => "#bbbbbb",
    }
}

/// Cuts a label to about `width` display columns.
fn short(label: &str, width: usize) -> String {
    crate::fmt::text::truncate(label, width)
}

/// A horizontal bar chart of degrees, one bar per row: (label, degree, light).
pub fn bar_chart(rows: &[(String, Option<f64>, String)], none_label: &str) -> String {
    let (label_w, bar_w, row_h, top) = (230.0, 300.0, 24.0, 8.0);
    let height = top * 2.0 + row_h * rows.len() as f64 + 18.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 {height}\" width=\"600\" height=\"{height}\" font-size=\"12\" font-family=\"inherit\" role=\"img\">"
    );
    for tick in [0, 25, 50, 75, 100] {
        let x = label_w + bar_w * f64::from(tick) / 100.0;
        svg.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{top}\" x2=\"{x}\" y2=\"{}\" stroke=\"#ddd\" stroke-width=\"0.5\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\" fill=\"#555\">{tick}%</text>",
            height - 18.0,
            height - 4.0
        ));
    }
    for (i, (label, degree, light)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        svg.push_str(&format!(
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 6.0,
            y + 16.0,
            esc(&short(label, 30))
        ));
        match degree {
            Some(d) => {
                let w = bar_w * d.clamp(0.0, 100.0) / 100.0;
                svg.push_str(&format!(
                    "<rect x=\"{label_w}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{}\">{}%</text>",
                    y + 4.0,
                    row_h - 8.0,
                    colour(light),
                    label_w + w + 4.0,
                    y + 16.0,
                    crate::fmt::number::num(*d)
                ));
            }
            None => svg.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" fill=\"#555\">{}</text>",
                label_w + 4.0,
                y + 16.0,
                esc(none_label)
            )),
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A line chart of the overall degree at each meeting and at the cut-off: (date label, degree).
pub fn line_chart(points: &[(String, Option<f64>)]) -> String {
    let (left, right, top, plot_h) = (40.0, 20.0, 12.0, 120.0);
    let width = 600.0;
    let step = if points.len() > 1 {
        (width - left - right) / (points.len() - 1) as f64
    } else {
        0.0
    };
    let y_of = |d: f64| top + plot_h * (1.0 - d.clamp(0.0, 100.0) / 100.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 {h}\" width=\"600\" height=\"{h}\" font-size=\"12\" font-family=\"inherit\" role=\"img\">",
        h = top + plot_h + 40.0
    );
    for tick in [0, 25, 50, 75, 100] {
        let y = y_of(f64::from(tick));
        svg.push_str(&format!(
            "<line x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#ddd\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"#555\">{tick}%</text>",
            width - right,
            left - 4.0,
            y + 4.0
        ));
    }
    let coords: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, (_, d))| d.map(|d| (left + step * i as f64, y_of(d))))
        .collect();
    if coords.len() > 1 {
        let path: Vec<String> = coords
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        svg.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#c8102e\" stroke-width=\"2\"/>",
            path.join(" ")
        ));
    }
    for (i, (label, degree)) in points.iter().enumerate() {
        let x = left + step * i as f64;
        // The last date ends at its point and, with several, the first starts there: both stay inside the chart.
        let anchor = match i {
            _ if i + 1 == points.len() && i > 0 => "end",
            0 if points.len() > 1 => "start",
            _ => "middle",
        };
        svg.push_str(&format!(
            "<text x=\"{x:.1}\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#333\">{}</text>",
            top + plot_h + 18.0,
            esc(label)
        ));
        if let Some(d) = degree {
            let y = y_of(*d);
            svg.push_str(&format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"#c8102e\"/><text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}%</text>",
                y - 8.0,
                crate::fmt::number::num(*d)
            ));
        }
    }
    svg.push_str("</svg>");
    svg
}

/// The charts of a brief: degree by aspect, by lead department, and at each meeting; numbered 图1, 图2, … in the order
/// the document (`markdown`, what the template wrote) places them, so a chart a template leaves out leaves no gap.
pub fn brief_charts(b: &Brief, lang: Lang, markdown: &str) -> Vec<Chart> {
    let mut charts = unnumbered_charts(b, lang);
    let at = |c: &Chart| markdown.find(&marks::chart(&c.name)).unwrap_or(usize::MAX);
    charts.sort_by_key(at);
    for (n, c) in charts.iter_mut().enumerate() {
        c.caption = match lang {
            Lang::Zh => format!("图{} {}", n + 1, c.caption),
            Lang::En => format!("Figure {}. {}", n + 1, c.caption),
        };
    }
    charts
}

fn unnumbered_charts(b: &Brief, lang: Lang) -> Vec<Chart> {
    let t = |zh: &str, en: &str| {
        if lang == Lang::Zh {
            zh.to_string()
        } else {
            en.to_string()
        }
    };
    let none = t("无数据", "no figure");
    let aspects: Vec<(String, Option<f64>, String)> = b
        .aspects
        .iter()
        .map(|a| {
            (
                format!("{} {}", a.id, a.title),
                a.agg.degree,
                a.agg.light.clone(),
            )
        })
        .collect();
    let departments: Vec<(String, Option<f64>, String)> = b
        .departments
        .iter()
        .map(|d| (d.name.clone(), d.agg.degree, d.agg.light.clone()))
        .collect();
    let rounds: Vec<(String, Option<f64>)> = b
        .rounds
        .iter()
        .map(|r| (r.date.clone(), r.overall.degree))
        .collect();
    vec![
        Chart {
            name: "aspects".into(),
            caption: t("各方面落实度", "Degree by aspect"),
            svg: bar_chart(&aspects, &none),
        },
        Chart {
            name: "departments".into(),
            caption: t("各主办单位落实度", "Degree by lead department"),
            svg: bar_chart(&departments, &none),
        },
        Chart {
            name: "rounds".into(),
            caption: t("历次会议时的总体落实度", "Overall degree at each meeting"),
            svg: line_chart(&rounds),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_in_markdown_is_shown_as_text() {
        let html =
            markdown_to_html("<script>alert(1)</script>\n\n文字 <img src=x onerror=alert(1)>\n");
        assert!(
            !html.contains("<script>") && !html.contains("<img"),
            "{html}"
        );
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn light_marks_become_coloured_spans() {
        let html = markdown_to_html("| a |\n|---|\n| \u{E000}红灯 |\n");
        assert!(
            html.contains("<span class=\"light red\" aria-hidden=\"true\"></span>红灯"),
            "{html}"
        );
    }

    #[test]
    fn chart_text_is_escaped_and_bars_stay_inside_the_plot() {
        let svg = bar_chart(
            &[
                ("<b>&".into(), Some(150.0), "green".into()),
                ("无".into(), None, "none".into()),
            ],
            "无数据",
        );
        assert!(
            svg.contains("&lt;b&gt;&amp;") && !svg.contains("<b>"),
            "{svg}"
        );
        assert!(
            svg.contains("width=\"300.0\""),
            "clamped to the plot width: {svg}"
        );
        assert!(svg.contains("无数据"));
    }
}
