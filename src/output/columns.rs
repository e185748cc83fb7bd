//! Column widths for the tables of a Word file, by the rule the PDF template (`templates/brief.typ`, `widths`) uses,
//! so a table is laid out alike in both: widths in characters of the table's text, from what the cells hold.
//!
//! A table whose cells all fit on one line gets their widths, the longest column taking what is left. Otherwise a
//! column of short cells (dates, statuses, counts) is as wide as its longest cell, any other starts at its longest
//! unbreakable piece (three characters at least); then columns are widened a character at a time where that saves
//! the most lines, and what is left goes in proportion to the root mean square of the cell lengths. No column gets
//! more than its longest cell.

/// What a cell holds, in characters: its length (a Chinese character one, a Latin one about half) and its longest
/// piece that cannot be broken (a number, a word).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cell {
    /// Length.
    pub len: f64,
    /// Longest unbreakable piece.
    pub piece: f64,
}

/// Characters: a column whose cells are no longer is never broken (a date stays on one line).
const SHORT: f64 = 9.0;
/// Characters: the width of a column left blank for handwriting (a form's comments).
const WRITE_IN: f64 = 10.0;

/// Whether a column's body is blank, to be written in by hand.
fn blank(col: &[Cell]) -> bool {
    col.len() > 1 && col.iter().skip(1).all(|c| c.len == 0.0)
}

/// Measures a cell's text.
pub fn measure(text: &str) -> Cell {
    let (mut len, mut prev) = (0.0, None::<bool>);
    for c in text.chars() {
        let latin = c.is_ascii();
        len += if latin { 0.55 } else { 1.0 };
        // A little space where Latin and Chinese meet ("2019 年 6 月").
        if prev.is_some_and(|p| p != latin) && c != ' ' {
            len += 0.25;
        }
        prev = Some(latin);
    }
    // Pieces: runs of Latin letters, digits and signs (not a slash, where a path may break), bars drawn as text, and
    // tick boxes with their labels.
    let (mut piece, mut run) = (0.0, 0.0);
    for c in text.chars() {
        run = match c {
            '█' | '░' => run + 1.0,
            c if c.is_ascii_graphic() && c != '/' => run + 0.6,
            _ => 0.0,
        };
        piece = f64::max(piece, run);
    }
    // A tick box stays with its label (□不可行).
    for word in text.split(' ').filter(|w| w.starts_with('□')) {
        piece = f64::max(piece, word.chars().count() as f64);
    }
    Cell { len, piece }
}

/// Widths for `columns` (each a header cell and then the body's cells) sharing `avail` characters.
pub fn widths(columns: &[Vec<Cell>], avail: f64) -> Vec<f64> {
    let full: Vec<f64> = columns
        .iter()
        .map(|col| {
            let f = longest(col) + 0.6;
            if blank(col) { f.max(WRITE_IN) } else { f }
        })
        .collect();
    let total: f64 = full.iter().sum();
    if total <= avail {
        let widest = full
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map_or(0, |(c, _)| c);
        return full
            .iter()
            .enumerate()
            .map(|(c, w)| if c == widest { w + avail - total } else { *w })
            .collect();
    }
    let mins: Vec<f64> = columns.iter().map(|col| minimum(col)).collect();
    let sum: f64 = mins.iter().sum();
    if sum > avail {
        return mins.iter().map(|m| m * avail / sum).collect();
    }
    let w = grow(columns, mins, &full, avail);
    spread(columns, w, &full, avail)
}

fn longest(cells: &[Cell]) -> f64 {
    cells.iter().map(|c| c.len).fold(0.0, f64::max)
}

/// The narrowest a column may be: a column of short cells as wide as its longest, any other its longest piece
/// (at most twelve characters) and three characters at least; a header wraps between words, never inside one.
fn minimum(col: &[Cell]) -> f64 {
    let (header, body) = match col.split_first() {
        Some((h, b)) => (*h, b),
        None => return 3.0,
    };
    let head = (header.len + 0.6).min(3.0).max(header.piece + 0.6);
    if blank(col) {
        return head.max(WRITE_IN);
    }
    let longest = longest(body) + 0.6;
    if longest <= SHORT {
        return longest.max(head);
    }
    body.iter()
        .map(|c| (c.piece + 0.6).min(12.0))
        .fold(head.max(3.0), f64::max)
}

/// Lines a cell takes in a column `w` wide: a line holds about half the cell's longest piece less than the column.
fn lines(c: Cell, w: f64) -> f64 {
    (c.len / (w - c.piece / 2.0).max(1.0) - 0.001)
        .ceil()
        .max(1.0)
}

/// The table's height in lines.
fn height(columns: &[Vec<Cell>], w: &[f64]) -> f64 {
    let rows = columns.first().map_or(0, Vec::len);
    (0..rows)
        .map(|r| {
            columns
                .iter()
                .zip(w)
                .map(|(col, w)| col.get(r).map_or(1.0, |c| lines(*c, *w)))
                .fold(1.0, f64::max)
        })
        .sum()
}

/// Widens columns a character at a time (up to eight at once) where that saves the most lines per character.
fn grow(columns: &[Vec<Cell>], mut w: Vec<f64>, full: &[f64], avail: f64) -> Vec<f64> {
    while avail - w.iter().sum::<f64>() >= 1.0 {
        let now = height(columns, &w);
        let room = (avail - w.iter().sum::<f64>()).floor().min(8.0) as usize;
        let mut best: Option<(f64, usize, f64)> = None;
        for (c, (&here, &most)) in w.iter().zip(full).enumerate() {
            for d in (1..=room)
                .map(|d| d as f64)
                .take_while(|d| here + d <= most)
            {
                let wider: Vec<f64> = w
                    .iter()
                    .enumerate()
                    .map(|(k, x)| if k == c { x + d } else { *x })
                    .collect();
                let ratio = (now - height(columns, &wider)) / d;
                if ratio > 0.0 && best.is_none_or(|(b, _, _)| ratio > b) {
                    best = Some((ratio, c, d));
                }
            }
        }
        let Some((_, c, d)) = best else { break };
        if let Some(x) = w.get_mut(c) {
            *x += d;
        }
    }
    w
}

/// Shares what is left in proportion to the root mean square of each column's cell lengths, none past its longest.
fn spread(columns: &[Vec<Cell>], mut w: Vec<f64>, full: &[f64], avail: f64) -> Vec<f64> {
    let means: Vec<f64> = columns
        .iter()
        .map(|col| {
            let body = col.get(1..).unwrap_or(&[]);
            (body.iter().map(|c| c.len * c.len).sum::<f64>() / body.len().max(1) as f64).sqrt()
        })
        .collect();
    for _ in 0..w.len() {
        let rest = avail - w.iter().sum::<f64>();
        let total: f64 = w
            .iter()
            .zip(full)
            .zip(&means)
            .filter(|((x, most), _)| x < most)
            .map(|(_, m)| m)
            .sum();
        if rest <= 0.01 || total <= 0.0 {
            break;
        }
        for ((x, most), m) in w.iter_mut().zip(full).zip(&means) {
            if *x < *most {
                *x = most.min(*x + rest * m / total);
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn col(header: &str, cells: &[&str]) -> Vec<Cell> {
        std::iter::once(header)
            .chain(cells.iter().copied())
            .map(measure)
            .collect()
    }

    #[test]
    fn a_table_that_fits_gives_the_rest_to_its_longest_column() {
        let w = widths(&[col("编号", &["1.1"]), col("建议", &["建立机制"])], 40.0);
        assert!((w.iter().sum::<f64>() - 40.0).abs() < 1e-9);
        assert!(w[1] > w[0] && (w[0] - (measure("编号").len + 0.6)).abs() < 1e-9);
    }

    #[test]
    fn long_text_gets_the_width_and_dates_are_not_squeezed_to_a_few_characters() {
        let actions = "2019年9月10日，启动全市政务信息系统普查，已完成市直部门填报；".repeat(3);
        let columns = [
            col("编号", &["1.1", "4.1"]),
            col(
                "期限",
                &["2021年6月30日（原2020年12月31日）", "2020年6月30日"],
            ),
            col("主要举措", &[&actions, &actions]),
        ];
        let w = widths(&columns, 40.0);
        assert!((w.iter().sum::<f64>() - 40.0).abs() < 1e-6, "{w:?}");
        assert!(w[2] > w[1] * 2.0, "{w:?}");
        assert!(w[1] >= 5.0, "a date column keeps room for a date: {w:?}");
        // Never wider than the longest cell, never narrower than the minimum.
        for (c, col) in columns.iter().enumerate() {
            assert!(
                w[c] <= longest(col) + 0.6 + 1e-9 && w[c] + 1e-9 >= minimum(col),
                "{w:?}"
            );
        }
    }

    #[test]
    fn a_blank_column_keeps_room_for_handwriting_and_a_tick_box_its_label() {
        let long = "某市人力资源和社会保障局（协办：某市委机构编制委员会办公室）".repeat(2);
        let columns = [
            col("编号", &["1.1", "1.2"]),
            col("主办单位", &[&long, &long]),
            col("意见", &["", ""]),
        ];
        let w = widths(&columns, 30.0);
        assert!(w[2] >= WRITE_IN, "{w:?}");
        assert_eq!(measure("□修正 □补充 □不可行 □其他").piece, 4.0);
    }

    #[test]
    fn minimums_that_do_not_fit_shrink_in_proportion() {
        let columns: Vec<Vec<Cell>> = (0..10).map(|_| col("Recommendation", &["x"])).collect();
        let w = widths(&columns, 30.0);
        assert!((w.iter().sum::<f64>() - 30.0).abs() < 1e-9);
    }

    #[test]
    fn a_cell_with_words_takes_more_lines_than_one_of_characters() {
        let chinese = measure("建立由市委市政府主要领导牵头的数字政府建设领导机制");
        let english = measure("Set up a leading group chaired by the mayor and sec");
        assert_eq!(lines(chinese, 10.0), 3.0);
        assert!(lines(english, 10.0) > (english.len / 10.0).ceil());
    }
}
