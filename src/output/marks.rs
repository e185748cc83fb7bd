//! The markers that carry drawn things through Markdown into HTML. For HTML and PDF, the `light` and `bar` filters
//! and the `chart` function write a private-use character around a key or a number instead of text; comrak passes
//! them through untouched and [`expand`] / [`chart_placeholder`] turn them into coloured dots, drawn bars and
//! charts after conversion. User text never carries them: the `md` escaping drops every private-use character.
//! Both ends of the channel live here, so nothing else needs to know the characters.

/// The traffic-light keys (and `blue`, the colour of a notice that only reminds) and the character for each.
const LIGHTS: [(char, &str); 4] = [
    ('\u{E000}', "red"),
    ('\u{E001}', "amber"),
    ('\u{E002}', "green"),
    ('\u{E007}', "blue"),
];
/// Around a degree that becomes a drawn bar.
const BAR_OPEN: char = '\u{E003}';
/// See [`BAR_OPEN`].
const BAR_CLOSE: char = '\u{E004}';
/// Around the name of a chart placed by the template.
const CHART_OPEN: char = '\u{E005}';
/// See [`CHART_OPEN`].
const CHART_CLOSE: char = '\u{E006}';

/// The marker for a traffic light (`red`, `amber`, `green`, `blue`); none for any other key.
pub fn light(key: &str) -> Option<char> {
    LIGHTS.iter().find(|(_, k)| *k == key).map(|(c, _)| *c)
}

/// The marker for a drawn bar of `number` (a degree written as text).
pub fn bar(number: &str) -> String {
    format!("{BAR_OPEN}{number}{BAR_CLOSE}")
}

/// The marker for the chart `name`.
pub fn chart(name: &str) -> String {
    format!("{CHART_OPEN}{name}{CHART_CLOSE}")
}

/// How a chart marker alone on a line comes out of comrak: the paragraph to replace with the chart.
pub fn chart_placeholder(name: &str) -> String {
    format!("<p>{CHART_OPEN}{name}{CHART_CLOSE}</p>")
}

/// Light and bar markers in converted HTML replaced by coloured dots and drawn bars.
pub fn expand(html: &str) -> String {
    let mut html = html.to_string();
    for (mark, class) in LIGHTS {
        html = html.replace(
            mark,
            &format!("<span class=\"light {class}\" aria-hidden=\"true\"></span>"),
        );
    }
    replace_bars(&html)
}

/// `BAR_OPEN 62.5 BAR_CLOSE` → a drawn bar of that length.
fn replace_bars(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(BAR_OPEN) {
        out.push_str(rest.get(..start).unwrap_or(""));
        let after = rest.get(start + BAR_OPEN.len_utf8()..).unwrap_or("");
        let Some(end) = after.find(BAR_CLOSE) else {
            rest = after;
            continue;
        };
        let value = after
            .get(..end)
            .unwrap_or("")
            .parse::<f64>()
            .unwrap_or(0.0)
            .clamp(0.0, 100.0);
        out.push_str(&format!(
            "<span class=\"bar\"><span style=\"width:{value:.1}%\"></span></span>"
        ));
        rest = after.get(end + BAR_CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The chart a Markdown paragraph holds when it holds nothing else (the `chart()` of a template on its own line).
pub fn chart_paragraph<'a>(node: &'a comrak::nodes::AstNode<'a>) -> Option<String> {
    let mut children = node.children();
    let only = children.next()?;
    if children.next().is_some() {
        return None;
    }
    let comrak::nodes::NodeValue::Text(t) = &only.data.borrow().value else {
        return None;
    };
    match pieces(t).as_slice() {
        [Piece::Chart(name)] => Some((*name).to_string()),
        _ => None,
    }
}

/// A stretch of converted text: plain text, or what a marker stands for.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece<'a> {
    /// Text as it is.
    Text(&'a str),
    /// A traffic light (`red`, `amber`, `green`).
    Light(&'static str),
    /// A drawn bar of this degree (0–100).
    Bar(f64),
    /// The chart with this name.
    Chart(&'a str),
}

/// Splits text into plain stretches and the things its markers stand for, for outputs other than HTML.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some((at, c)) = rest
        .char_indices()
        .find(|(_, c)| ('\u{E000}'..='\u{E007}').contains(c))
    {
        if at > 0 {
            out.push(Piece::Text(rest.get(..at).unwrap_or("")));
        }
        let after = rest.get(at + c.len_utf8()..).unwrap_or("");
        if let Some((_, key)) = LIGHTS.iter().find(|(m, _)| *m == c) {
            out.push(Piece::Light(key));
            rest = after;
            continue;
        }
        let close = if c == BAR_OPEN {
            BAR_CLOSE
        } else {
            CHART_CLOSE
        };
        let Some(end) = after
            .find(close)
            .filter(|_| c == BAR_OPEN || c == CHART_OPEN)
        else {
            // A closing marker alone, or an opening one never closed: dropped, as in HTML.
            rest = after;
            continue;
        };
        let inner = after.get(..end).unwrap_or("");
        out.push(if c == BAR_OPEN {
            Piece::Bar(inner.parse::<f64>().unwrap_or(0.0).clamp(0.0, 100.0))
        } else {
            Piece::Chart(inner)
        });
        rest = after.get(end + close.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_are_what_the_markers_stand_for() {
        let text = format!("a{}b{}c", bar("62.5"), chart("rounds"));
        assert_eq!(
            pieces(&text),
            [
                Piece::Text("a"),
                Piece::Bar(62.5),
                Piece::Text("b"),
                Piece::Chart("rounds"),
                Piece::Text("c")
            ]
        );
        let lit = format!("{}绿灯", light("green").unwrap());
        assert_eq!(pieces(&lit), [Piece::Light("green"), Piece::Text("绿灯")]);
        assert_eq!(pieces("plain"), [Piece::Text("plain")]);
    }
}
