//! Markdown from templates: the template environment with the brief's filters, and how user text is escaped so
//! that it can never become markup, break a table or carry a marker of our own.

use crate::brief::words::{Words, light_of_key};
use crate::fmt::date::long_date;
use crate::fmt::number::{bar, digits, num, pct, signed};
use crate::fmt::text::trim;
use crate::lang::Lang;
use crate::output::marks;
use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, State, UndefinedBehavior};
use std::borrow::Cow;

/// How Markdown templates (`*.md`) escape what they write out: `{{ x }}` writes what `{{ x | md }}` does, the way
/// HTML templates escape for HTML, so text from the case files cannot break a table or start markup even where a
/// template does not ask for `md`. Filters that write Markdown of their own (`md`, `pct`, `date`, …) mark it as
/// finished, and `safe` writes text as it is.
pub const MARKDOWN: AutoEscape = AutoEscape::Custom("markdown");

/// The template environment: strict about undefined data, with the brief's filters.
pub fn environment(lang: Lang, marks: bool) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".md") {
            MARKDOWN
        } else {
            minijinja::default_auto_escape_callback(name)
        }
    });
    // Text is written out directly rather than through `Display`, which costs more; a Markdown template writes
    // every other value as `md` would; HTML goes through minijinja's own escaping.
    env.set_formatter(|out, state, value| {
        let escape = state.auto_escape();
        // A count is digits, which Markdown never escapes: written without `Display`.
        if escape == MARKDOWN
            && value.is_integer()
            && let Some(n) = value.as_usize()
        {
            return out
                .write_str(digits(n as u64, &mut [0; 20]))
                .map_err(Error::from);
        }
        match value.as_str() {
            Some(s) if escape == AutoEscape::None || value.is_safe() => {
                out.write_str(s).map_err(Error::from)
            }
            _ if escape == MARKDOWN => out.write_str(&md_cow(&text_of(value))).map_err(Error::from),
            _ => minijinja::escape_formatter(out, state, value),
        }
    });
    add_text_filters(&mut env);
    add_figure_filters(&mut env, lang, marks);
    env
}

/// `md` (escape user text), and `yaml` and `comment` for generated YAML files.
fn add_text_filters(env: &mut Environment<'static>) {
    env.add_filter("md", |state: &State, v: Value| {
        // In a Markdown template, finished Markdown (from a filter, or `safe`) is not escaped again.
        if v.is_safe() && state.auto_escape() == MARKDOWN {
            return v;
        }
        let text = text_of(&v);
        let escaped = md_cow(&text);
        // Text that needs no escaping is passed on as it came, without a copy (outside Markdown templates).
        let unchanged = matches!(escaped, Cow::Borrowed(e) if e.len() == text.len());
        if unchanged && v.as_str().is_some() && !v.is_safe() && state.auto_escape() != MARKDOWN {
            return v;
        }
        finished(state, escaped.into_owned())
    });
    // For generated YAML: a double-quoted scalar (JSON escaping is valid YAML), and text safe inside a comment.
    env.add_filter("yaml", |v: Value| {
        serde_json::to_string(&text_of(&v)).unwrap_or_else(|_| "\"\"".to_string())
    });
    // Every character YAML 1.1 or 1.2 could take for a line break ends a comment: joined into one line.
    env.add_filter("comment", |v: Value| {
        text_of(&v)
            .split(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'])
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
    });
}

/// Filters that write figures: `pct`, `num`, `signed`, `bar`, `date`, `light`, and the `chart` function. With
/// `marks` (HTML and PDF), bars, lights and charts are left as markers for the HTML conversion.
fn add_figure_filters(env: &mut Environment<'static>, lang: Lang, marks: bool) {
    env.add_filter("pct", |state: &State, v: Value| {
        finished(state, number(&v).map_or("—".to_string(), pct))
    });
    env.add_filter("num", |state: &State, v: Value| {
        finished(state, number(&v).map_or("—".to_string(), num))
    });
    env.add_filter("signed", |state: &State, v: Value| {
        finished(state, number(&v).map_or("—".to_string(), signed))
    });
    // In HTML the text bar becomes a drawn one; the markers carry the number through comrak.
    env.add_filter("bar", move |state: &State, v: Value| {
        let text = match number(&v) {
            None => "—".to_string(),
            Some(x) if marks => marks::bar(&num(x)),
            Some(x) => bar(x),
        };
        finished(state, text)
    });
    // A chart from the figures where the template asks for one (HTML and PDF only).
    env.add_function("chart", move |state: &State, name: String| {
        let text = if marks {
            marks::chart(&name)
        } else {
            String::new()
        };
        finished(state, text)
    });
    env.add_filter("date", move |state: &State, v: Value| {
        finished(state, date(&text_of(&v), lang))
    });
    // The coloured dot alone (HTML, PDF, Word), for a label the template writes itself: `{{ key | dot }}`.
    env.add_filter("dot", move |state: &State, v: Value| {
        let mark = marks::light(&text_of(&v)).filter(|_| marks);
        finished(state, mark.map(String::from).unwrap_or_default())
    });
    env.add_filter("light", move |state: &State, v: Value| {
        let key = text_of(&v);
        let mark = marks::light(&key).filter(|_| marks).map(String::from);
        finished(
            state,
            mark.unwrap_or_default() + light_of_key(&key).word(lang),
        )
    });
}

/// A filter's Markdown: finished in a Markdown template (not escaped again), ordinary text elsewhere (an HTML
/// template escapes it for HTML).
fn finished(state: &State, text: String) -> Value {
    if state.auto_escape() == MARKDOWN {
        Value::from_safe_string(text)
    } else {
        Value::from(text)
    }
}

/// A value as text, without copying when it already is text: empty for none and undefined.
fn text_of(v: &Value) -> Cow<'_, str> {
    if v.is_none() || v.is_undefined() {
        Cow::Borrowed("")
    } else if let Some(s) = v.as_str() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(v.to_string())
    }
}

fn number(v: &Value) -> Option<f64> {
    if v.is_none() || v.is_undefined() {
        return None;
    }
    f64::try_from(v.clone()).ok()
}

/// Bytes where [`md`] has to look closer: the ASCII characters it escapes, line breaks, and the lead bytes of
/// U+E000–U+F8FF.
// Evaluated at compile time: an index out of range would stop the build, not the program.
#[allow(clippy::indexing_slicing)]
const MD_STOP: [bool; 256] = {
    let mut t = [false; 256];
    let escaped = b"\\`*_[]<>|#~!&\n\r";
    let mut k = 0;
    while k < escaped.len() {
        t[escaped[k] as usize] = true;
        k += 1;
    }
    t[0xEE] = true;
    t[0xEF] = true;
    t
};

/// Escapes user text for Markdown: no markup, no table breaks, one line.
pub fn md(s: &str) -> String {
    md_cow(s).into_owned()
}

/// [`md`], borrowing `s` (or the part of it left after trimming) when nothing in it needs escaping, which is most
/// text: most calls then copy and allocate nothing.
fn md_cow(s: &str) -> Cow<'_, str> {
    if let Some(text) = escape_line(trim(s)) {
        return text;
    }
    let joined = s
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    Cow::Owned(escape_line(&joined).unwrap_or_default().into_owned())
}

/// The first byte at or after `i` that [`MD_STOP`] marks. Eight bytes at a time: a word with no ASCII byte and no
/// EE or EF byte (most words of Chinese text) holds none.
fn next_stop(bytes: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let stop = |b: &u8| MD_STOP.get(usize::from(*b)) == Some(&true);
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        let ascii = !w & HIGH;
        // A zero byte in `e` is an EE or EF byte in `w`; the subtraction finds whether there is one.
        let e = (w | ONES) ^ 0xEFEF_EFEF_EFEF_EFEF;
        let ee_ef = e.wrapping_sub(ONES) & !e & HIGH;
        if ascii | ee_ef != 0
            && let Some(k) = chunk.iter().position(stop)
        {
            return Some(i + k);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(stop).map(|k| i + k)
}

/// The escaping of [`md`] for one trimmed line; `None` if the text holds a line break after all.
fn escape_line(line: &str) -> Option<Cow<'_, str>> {
    // Private-use characters are markers of our own (coloured lights in HTML); user text never carries them.
    // Everything escaped is ASCII, and U+E000–U+F8FF is EE xx xx or EF 80–A3 xx in UTF-8, so the text is scanned as
    // bytes and copied in runs; the copy is only started at the first change.
    let bytes = line.as_bytes();
    let mut out: Option<String> = None;
    let (mut run, mut i) = (0, 0);
    while let Some(at) = next_stop(bytes, i) {
        i = at;
        let b = bytes.get(i).copied().unwrap_or(0);
        if b == b'\n' || b == b'\r' {
            return None;
        }
        if b >= 0x80 {
            // EE xx xx, or EF 80–A3 xx: a private-use character, dropped. Other EF… characters are kept.
            let private = b == 0xEE || bytes.get(i + 1).is_some_and(|&c| c <= 0xA3);
            if private {
                let out = out.get_or_insert_with(|| String::with_capacity(line.len()));
                out.push_str(line.get(run..i).unwrap_or(""));
                run = i + 3;
            }
            i += if private { 3 } else { 1 };
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(line.len() + 8));
        out.push_str(line.get(run..i).unwrap_or(""));
        out.push('\\');
        run = i;
        i += 1;
    }
    let mut text = match out {
        None => Cow::Borrowed(line),
        Some(mut out) => {
            out.push_str(line.get(run..).unwrap_or(""));
            Cow::Owned(out)
        }
    };
    // A leading "-", "+" or "=" would start a list, a rule or a heading underline; "1. " an ordered list.
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if text.starts_with(['-', '+', '=']) {
        text.to_mut().insert(0, '\\');
    } else if (1..=9).contains(&digits) && text.get(digits..).is_some_and(|r| r.starts_with(". ")) {
        text.to_mut().insert(digits, '\\');
    }
    Some(text)
}

/// `2020-06-23` → `2020年6月23日` or `23 June 2020`.
pub fn date(iso: &str, lang: Lang) -> String {
    match crate::fmt::date::parse_date(iso) {
        Ok(d) => long_date(d, lang),
        Err(_) => md(iso),
    }
}

/// No runs of blank lines, no leading blank lines, one trailing newline.
pub fn squeeze_blank_lines(s: &str) -> String {
    let text = s.trim_start_matches('\n').trim_end();
    let mut out = String::with_capacity(text.len() + 1);
    // Line breaks are found a word at a time (`find` of one character); text is copied only where a run is cut.
    let (mut copied, mut i) = (0, 0);
    while let Some(at) = text
        .get(i..)
        .and_then(|rest| rest.find('\n'))
        .map(|k| i + k)
    {
        let breaks = text
            .get(at..)
            .map_or(0, |r| r.bytes().take_while(|&b| b == b'\n').count());
        if breaks >= 3 {
            out.push_str(text.get(copied..at + 2).unwrap_or(""));
            copied = at + breaks;
        }
        i = at + breaks;
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_break_a_table_or_inject_markup() {
        assert_eq!(md("a|b"), "a\\|b");
        assert_eq!(md("<script>x</script>"), "\\<script\\>x\\</script\\>");
        assert_eq!(md("# 标题"), "\\# 标题");
        assert_eq!(md("---"), "\\---");
        assert_eq!(md("第一行\n第二行"), "第一行 第二行");
        assert_eq!(md("1. 条"), "1\\. 条");
        assert_eq!(md("`code`"), "\\`code\\`");
    }

    /// The escaping as first written, character by character: the byte scanner must agree with it.
    fn md_by_chars(s: &str) -> String {
        let one_line = s
            .split(['\n', '\r'])
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let mut out = String::new();
        for c in one_line
            .chars()
            .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c))
        {
            if "\\`*_[]<>|#~!&".contains(c) {
                out.push('\\');
            }
            out.push(c);
        }
        if out.starts_with(['-', '+', '=']) {
            out.insert(0, '\\');
        } else if let Some((n, _)) = out.split_once(". ")
            && !n.is_empty()
            && n.len() <= 9
            && n.bytes().all(|b| b.is_ascii_digit())
        {
            out.insert(n.len(), '\\');
        }
        out
    }

    #[test]
    fn markers_are_dropped_and_everything_else_kept() {
        assert_eq!(
            md("红\u{E001}灯，好\u{F8FF}！豈\u{F900}"),
            "红灯，好！豈\u{F900}"
        );
        let pieces = [
            "a", "1", "12", ". ", "-", "+", "=", "|", "*", "\\", "&", "\n", "\r\n", " ", "议题",
            "，", "！", "\u{E000}", "\u{EFFF}", "\u{F000}", "\u{F8FF}", "\u{F900}", "\u{FF01}",
            "😀", "é",
        ];
        let mut seed: u64 = 7;
        // Up to 30 pieces: long enough for the eight-byte steps of the scan, with stops anywhere in a word.
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(seed % 31) {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                s.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
            }
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            assert_eq!(md(&s), md_by_chars(&s), "{s:?}");
        }
    }

    #[test]
    fn filter_results_are_ordinary_text_escaped_in_html_templates() {
        let mut env = environment(Lang::Zh, false);
        let t = "{{ a | md }}|{{ b | md }}|{{ c | md | e }}|{{ d | date }}|{{ p | pct }}";
        env.add_template("t.html", t).unwrap();
        let ctx = minijinja::context! { a => "甲<乙>", b => "议题", c => "a&b", d => "2020-06-23", p => 12.5 };
        assert_eq!(
            env.get_template("t.html").unwrap().render(&ctx).unwrap(),
            "甲\\&lt;乙\\&gt;|议题|a\\&amp;b|2020年6月23日|12.5%"
        );
    }

    #[test]
    fn markdown_templates_escape_every_value_once() {
        let mut env = environment(Lang::Zh, false);
        let ctx = minijinja::context! {
            a => "甲<乙> | *丙*", b => "议题", c => "a&b\n第二行", d => "2020-06-23", n => -5, k => 3, f => 2.5,
            none => (), yes => true, list => vec!["-甲", "乙_丙"], raw => "**粗**", bad => "-坏<日期>",
        };
        let render = |env: &mut Environment<'static>, t: &str| {
            env.add_template_owned("t.md", t.to_string()).unwrap();
            env.get_template("t.md").unwrap().render(&ctx).unwrap()
        };
        // `{{ x }}` writes what `{{ x | md }}` writes, and `md` on top escapes nothing twice.
        for v in [
            "a", "b", "c", "d", "n", "k", "f", "none", "yes", "list", "bad",
        ] {
            let plain = render(&mut env, &format!("{{{{ {v} }}}}"));
            assert_eq!(
                plain,
                render(&mut env, &format!("{{{{ {v} | md }}}}")),
                "{v}"
            );
            assert_eq!(
                plain,
                render(&mut env, &format!("{{{{ {v} | md | md }}}}")),
                "{v}"
            );
            assert_eq!(
                plain,
                render(&mut env, &format!("{{{{ {v} | e }}}}")),
                "{v}"
            );
        }
        assert_eq!(
            render(
                &mut env,
                "{{ a }}|{{ c }}|{{ n }}|{{ k }}|{{ f }}|{{ none }}|{{ yes }}"
            ),
            "甲\\<乙\\> \\| \\*丙\\*|a\\&b 第二行|\\-5|3|2.5||True"
        );
        assert_eq!(
            render(&mut env, "{{ list | join(\"、\") }}"),
            "\\-甲、乙\\_丙"
        );
        // Filters write finished Markdown; `safe` writes text as it is.
        assert_eq!(
            render(
                &mut env,
                "{{ d | date }}|{{ bad | date }}|{{ n | signed }}|{{ f | pct }}|{{ raw | safe }}"
            ),
            "2020年6月23日|\\-坏\\<日期\\>|−5|2.5%|**粗**"
        );
    }

    #[test]
    fn squeezing_is_cutting_runs_of_line_breaks_to_two() {
        // Every text of up to five pieces of line breaks, spaces and text, against the plain definition.
        let pieces = ["\n", "\n\n", " ", "甲", "a\nb"];
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| pieces.iter().map(move |p| format!("{t}{p}")))
                .collect();
            texts.extend(longer);
        }
        for t in &texts {
            let mut plain = t.trim_start_matches('\n').trim_end().to_string();
            while plain.contains("\n\n\n") {
                plain = plain.replace("\n\n\n", "\n\n");
            }
            assert_eq!(squeeze_blank_lines(t), plain + "\n", "{t:?}");
        }
    }

    #[test]
    fn blank_line_runs_are_squeezed() {
        assert_eq!(
            squeeze_blank_lines("\n\na\n\n\n\nb\n\n\nc \n\n"),
            "a\n\nb\n\nc\n"
        );
        assert_eq!(squeeze_blank_lines("a\n \n\n\nb"), "a\n \n\nb\n");
        assert_eq!(squeeze_blank_lines("表\n\n甲"), "表\n\n甲\n");
        assert_eq!(squeeze_blank_lines(""), "\n");
    }
}
