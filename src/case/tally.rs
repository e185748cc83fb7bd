//! Reading a filled tally workbook (评议汇总表, written by `forms`) with calamine: which case and meeting it is for,
//! and per recommendation the count of members who ticked each status and each level of satisfaction, an optional
//! progress and decided status, and a comment. Every problem names the sheet and the cell (`评议汇总!D7`), says what
//! is wrong and how to fix it. The status members decided is computed here too ([`verdict`]): pure arithmetic.

use crate::case::archive::{quietly, unpacked_size};
use crate::case::config::Config;
use crate::case::model::Satisfaction;
use crate::case::reader::MAX_COUNT;
use crate::diag::{Code, Diagnostic};
use crate::fmt::date::parse_date;
use crate::lang::Text;
use crate::tx;
use calamine::{Data, Range, Reader, Xlsx};
use chrono::NaiveDate;
use std::io::Cursor;

/// Sheet names and header labels, in both languages (a workbook made in one language imports in the other).
const TALLY_SHEETS: [&str; 2] = ["评议汇总", "Tally"];
const ABOUT_SHEETS: [&str; 2] = ["说明", "About"];
const FORMAT: &str = "rexieshang-tally 1";
const MAX_ROWS: usize = 10_000;

/// What a workbook says about one recommendation.
#[derive(Clone, Debug, PartialEq)]
pub struct TallyRow {
    /// Recommendation id.
    pub rec: String,
    /// Where the id is, e.g. `评议汇总!A5`.
    pub cell: String,
    /// Members who ticked each level of the scale, in scale order.
    pub votes: Vec<u64>,
    /// Satisfaction counts, when any was filled in.
    pub satisfaction: Option<Satisfaction>,
    /// Progress the meeting agreed on, 0–100.
    pub progress: Option<f64>,
    /// The status the meeting decided (index into the scale), which overrides the majority.
    pub decided: Option<usize>,
    /// Comment.
    pub comment: Option<String>,
}

impl TallyRow {
    /// Nothing was filled in: the recommendation was not assessed.
    pub fn is_blank(&self) -> bool {
        self.votes.iter().all(|v| *v == 0)
            && self.satisfaction.is_none()
            && self.progress.is_none()
            && self.decided.is_none()
            && self.comment.is_none()
    }
}

/// A read workbook.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    /// The case it says it is for.
    pub case: String,
    /// The meeting it says it is for.
    pub meeting: NaiveDate,
    /// Its rows, in sheet order.
    pub rows: Vec<TallyRow>,
}

/// The status a row decides: the meeting's decided status, else the one most members ticked; ties go to the lower
/// degree (the later level on equal degrees), and are reported.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// Index into the scale, or `None` when nobody ticked a status.
    pub status: Option<usize>,
    /// The levels that tied for the most ticks, when there was a tie and no decided status.
    pub tied: Vec<usize>,
}

/// What a row decides.
pub fn verdict(row: &TallyRow, cfg: &Config) -> Verdict {
    if let Some(d) = row.decided {
        return Verdict {
            status: Some(d),
            tied: Vec::new(),
        };
    }
    let most = row.votes.iter().copied().max().unwrap_or(0);
    if most == 0 {
        return Verdict {
            status: None,
            tied: Vec::new(),
        };
    }
    let top: Vec<usize> = (0..row.votes.len())
        .filter(|i| row.votes.get(*i) == Some(&most))
        .collect();
    let degree = |i: usize| cfg.scale.get(i).map_or(0.0, |l| l.degree);
    // The lowest degree; on equal degrees the later level, which the scale ranks lower.
    let status = top
        .iter()
        .copied()
        .min_by(|a, b| degree(*a).total_cmp(&degree(*b)).then(b.cmp(a)));
    Verdict {
        status,
        tied: if top.len() > 1 { top } else { Vec::new() },
    }
}

/// Reads a workbook's bytes (`shown`: its path as messages show it).
pub fn read_tally(bytes: Vec<u8>, shown: &str, cfg: &Config) -> Result<Tally, Vec<Diagnostic>> {
    let unreadable = |why: Text| {
        let (zh, en) = (why.zh, why.en);
        vec![
            Diagnostic::error(
                Code::E810,
                tx!("读不出评议汇总表 `{shown}`：{zh}", "cannot read the tally workbook `{shown}`: {en}"),
            )
            .in_file(shown.to_string())
            .help(tx!(
                "用 rexieshang forms 生成的 .xlsx 文件填写；在 Excel 或 WPS 里另存时选“Excel 工作簿（.xlsx）”。",
                "Fill in the .xlsx file rexieshang forms wrote; when saving from Excel or WPS choose “Excel Workbook (.xlsx)”."
            )),
        ]
    };
    let calamine = |e: calamine::XlsxError| {
        let e = e.to_string();
        Text::new(e.clone(), e)
    };
    unpacked_size(&bytes).map_err(unreadable)?;
    // calamine is a library for well-formed files; a damaged one may make it panic (an arithmetic overflow on a
    // dimension written backwards, found by fuzzing). That is a damaged workbook, not a crash.
    let opened = quietly(move || -> Result<_, Text> {
        let mut book = Xlsx::new(Cursor::new(bytes)).map_err(calamine)?;
        let names = book.sheet_names();
        let sheet = |candidates: [&str; 2]| {
            names
                .iter()
                .find(|n| candidates.contains(&n.as_str()))
                .cloned()
        };
        let (Some(tally_name), Some(about_name)) = (sheet(TALLY_SHEETS), sheet(ABOUT_SHEETS))
        else {
            return Err(tx!(
                "没有“评议汇总”和“说明”两个工作表",
                "it has no Tally and About sheets"
            ));
        };
        let about = book.worksheet_range(&about_name).map_err(calamine)?;
        let range = book.worksheet_range(&tally_name).map_err(calamine)?;
        Ok((tally_name, range, about_name, about))
    });
    let damaged = || unreadable(tx!("文件已损坏", "the file is damaged"));
    let (tally_name, range, about_name, about) = opened.ok_or_else(damaged)?.map_err(unreadable)?;
    let at = Place {
        shown,
        sheet: &about_name,
    };
    let (case, meeting) = read_about(&about, &at).map_err(|d| vec![d])?;
    let at = Place {
        shown,
        sheet: &tally_name,
    };
    let rows = read_rows(&range, &at, cfg)?;
    Ok(Tally {
        case,
        meeting,
        rows,
    })
}

/// A sheet of a workbook, to name cells in messages.
struct Place<'a> {
    shown: &'a str,
    sheet: &'a str,
}

impl Place<'_> {
    /// `评议汇总!D7` for row and column from 0.
    fn cell(&self, row: usize, col: usize) -> String {
        format!("{}!{}{}", self.sheet, column_letters(col), row + 1)
    }

    fn error(&self, code: Code, row: usize, col: usize, message: Text, help: Text) -> Diagnostic {
        let cell = self.cell(row, col);
        Diagnostic::error(
            code,
            Text::new(
                format!("{cell}：{}", message.zh),
                format!("{cell}: {}", message.en),
            ),
        )
        .in_file(format!("{} {cell}", self.shown))
        .help(help)
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for a column from 0.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + u8::try_from(col % 26).unwrap_or(0)));
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.iter().rev().collect()
}

fn text(cell: Option<&Data>) -> Option<String> {
    match cell? {
        Data::Empty => None,
        Data::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Data::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Some(format!("{x:.0}")),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().format("%Y-%m-%d").to_string()),
        other => Some(other.to_string()).filter(|s| !s.is_empty()),
    }
}

/// The about sheet: the case and the meeting, found by their labels in column A.
fn read_about(sheet: &Range<Data>, at: &Place<'_>) -> Result<(String, NaiveDate), Diagnostic> {
    let value = |labels: [&str; 2]| {
        sheet.rows().enumerate().find_map(|(r, row)| {
            let label = text(row.first())?;
            labels
                .contains(&label.as_str())
                .then(|| (r, text(row.get(1))))
        })
    };
    let wrong = |r: usize, what: Text| {
        at.error(
            Code::E811,
            r,
            1,
            what,
            tx!("用 rexieshang forms 为这次会议重新生成评议汇总表；“说明”表不要改动。", "Make the workbook for this meeting with rexieshang forms; do not change the About sheet."),
        )
    };
    match value(["格式", "Format"]) {
        Some((_, Some(f))) if f == FORMAT => {}
        found => {
            return Err(wrong(
                found.map_or(0, |(r, _)| r),
                tx!(
                    "这不是 rexieshang 生成的评议汇总表（格式应为 {FORMAT}）",
                    "this is not a tally workbook made by rexieshang (format {FORMAT})"
                ),
            ));
        }
    }
    let Some((cr, Some(case))) = value(["议题", "Case"]) else {
        return Err(wrong(
            0,
            tx!("“说明”表里没有议题", "the About sheet names no case"),
        ));
    };
    let Some((mr, Some(date))) = value(["会议日期", "Meeting"]) else {
        return Err(wrong(
            cr,
            tx!("“说明”表里没有会议日期", "the About sheet names no meeting"),
        ));
    };
    let meeting = parse_date(&date).map_err(|_| {
        wrong(
            mr,
            tx!(
                "会议日期 `{date}` 不是日期",
                "the meeting date `{date}` is not a date"
            ),
        )
    })?;
    Ok((case, meeting))
}

/// What each column of the tally sheet holds.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Role {
    Id,
    Level(usize),
    Satisfied,
    Basic,
    Unsatisfied,
    Progress,
    Decided,
    Comment,
}

/// The role of a header cell; `None` for columns to leave alone (title, lead, anything added).
fn role(header: &str, cfg: &Config) -> Option<Role> {
    let h = header.trim();
    let starts = |labels: [&str; 2]| labels.iter().any(|l| h.starts_with(l));
    Some(match h {
        "编号" | "No." => Role::Id,
        "满意" | "Satisfied" => Role::Satisfied,
        "基本满意" | "Basically satisfied" => Role::Basic,
        "不满意" | "Dissatisfied" => Role::Unsatisfied,
        "意见" | "Comment" => Role::Comment,
        _ if starts(["进度", "Progress"]) => Role::Progress,
        _ if starts(["议定状态", "Decided status"]) => Role::Decided,
        _ => Role::Level(cfg.status_index(h.split_whitespace().next()?)?),
    })
}

/// The data rows under the header.
fn read_rows(
    sheet: &Range<Data>,
    at: &Place<'_>,
    cfg: &Config,
) -> Result<Vec<TallyRow>, Vec<Diagnostic>> {
    let (r0, c0) = sheet
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut rows = sheet.rows();
    let roles: Vec<Option<Role>> = rows
        .next()
        .map(|h| {
            h.iter()
                .map(|c| text(Some(c)).and_then(|t| role(&t, cfg)))
                .collect()
        })
        .unwrap_or_default();
    let Some(id_col) = roles.iter().position(|r| *r == Some(Role::Id)) else {
        return Err(vec![at.error(
            Code::E810,
            r0,
            c0,
            tx!(
                "第一行没有“编号”列，这不是评议汇总表",
                "the first row has no “No.” column: this is not a tally sheet"
            ),
            tx!(
                "用 rexieshang forms 生成的评议汇总表填写，不要改动表头。",
                "Fill in the workbook rexieshang forms wrote, without changing its header row."
            ),
        )]);
    };
    if sheet.height() > MAX_ROWS + 1 {
        return Err(vec![at.error(
            Code::E810,
            r0 + MAX_ROWS + 1,
            c0,
            tx!("评议汇总表超过 {MAX_ROWS} 行", "the tally sheet has more than {MAX_ROWS} rows"),
            tx!("每条建议一行；删掉多余的行（包括只有格式、看似空白的行）。", "One row per recommendation: delete the extra rows (also rows that only look empty)."),
        )]);
    }
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (i, cells) in rows.enumerate() {
        let r = r0 + 1 + i;
        match read_row(cells, &roles, (r, c0), id_col, at, cfg) {
            Ok(Some(row)) => out.push(row),
            Ok(None) => {}
            Err(mut d) => diags.append(&mut d),
        }
    }
    duplicates(&out, at, &mut diags);
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// One data row (`at`: its sheet row and the sheet column of the range's first column); `None` when it is empty.
fn read_row(
    cells: &[Data],
    roles: &[Option<Role>],
    (r, c0): (usize, usize),
    id_col: usize,
    at: &Place<'_>,
    cfg: &Config,
) -> Result<Option<TallyRow>, Vec<Diagnostic>> {
    let mut row = TallyRow {
        rec: String::new(),
        cell: at.cell(r, c0 + id_col),
        votes: vec![0; cfg.scale.len()],
        satisfaction: None,
        progress: None,
        decided: None,
        comment: None,
    };
    let mut diags = Vec::new();
    let mut filled = false;
    for (c, role) in roles.iter().enumerate() {
        let Some(role) = role else { continue };
        let cell = cells.get(c);
        if text(cell).is_some() {
            filled = true;
        }
        if let Err(d) = fill(&mut row, *role, cell, (r, c0 + c), at, cfg) {
            diags.push(d);
        }
    }
    match text(cells.get(id_col)) {
        Some(id) => row.rec = id,
        None if filled => diags.push(at.error(
            Code::E812,
            r,
            c0 + id_col,
            tx!(
                "这一行填了内容，但没有建议编号",
                "this row has entries but no recommendation id"
            ),
            tx!(
                "编号列不要改动；多出来的行请删掉。",
                "Do not change the id column; delete rows that were added."
            ),
        )),
        None => return Ok(None),
    }
    if diags.is_empty() {
        Ok(Some(row))
    } else {
        Err(diags)
    }
}

/// Reads one cell into the row.
fn fill(
    row: &mut TallyRow,
    role: Role,
    cell: Option<&Data>,
    (r, c): (usize, usize),
    at: &Place<'_>,
    cfg: &Config,
) -> Result<(), Diagnostic> {
    match role {
        Role::Id => {}
        Role::Level(i) => {
            if let (Some(n), Some(v)) = (count(cell, at, (r, c))?, row.votes.get_mut(i)) {
                *v = n;
            }
        }
        Role::Satisfied | Role::Basic | Role::Unsatisfied => {
            if let Some(n) = count(cell, at, (r, c))? {
                let s = row.satisfaction.get_or_insert_with(Satisfaction::default);
                match role {
                    Role::Satisfied => s.satisfied = n,
                    Role::Basic => s.basic = n,
                    _ => s.unsatisfied = n,
                }
            }
        }
        Role::Progress => row.progress = progress(cell, at, (r, c))?,
        Role::Decided => {
            if let Some(t) = text(cell) {
                row.decided = Some(cfg.status_index(&t).ok_or_else(|| {
                    let keys: Vec<&str> = cfg.scale.iter().map(|l| l.key.as_str()).collect();
                    let keys = keys.join("、");
                    at.error(
                        Code::E814,
                        r,
                        c,
                        tx!("议定状态 `{t}` 不在状态等级表中", "the decided status `{t}` is not in the status scale"),
                        tx!("从下拉列表里选：{keys}；没有议定就留空，按多数评议。", "Pick one of {keys} from the list; leave it empty to go by the majority."),
                    )
                })?);
            }
        }
        Role::Comment => row.comment = text(cell),
    }
    Ok(())
}

/// A count of members: empty, or a whole number from 0 to [`MAX_COUNT`].
fn count(
    cell: Option<&Data>,
    at: &Place<'_>,
    (r, c): (usize, usize),
) -> Result<Option<u64>, Diagnostic> {
    let bad = |found: String| {
        at.error(
            Code::E813,
            r,
            c,
            tx!(
                "人数应为 0 到 {MAX_COUNT} 的整数，这里是 `{found}`",
                "a count should be a whole number from 0 to {MAX_COUNT}; found `{found}`"
            ),
            tx!(
                "填勾选这一项的委员人数，没人勾选填 0 或留空。",
                "Write how many members ticked it; 0 or empty when nobody did."
            ),
        )
    };
    let n = match cell {
        None | Some(Data::Empty) => return Ok(None),
        Some(Data::Int(n)) => u64::try_from(*n).map_err(|_| bad(n.to_string()))?,
        Some(Data::Float(x)) if x.fract() == 0.0 && *x >= 0.0 && *x <= f64::from(MAX_COUNT) => {
            *x as u64
        }
        Some(Data::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Data::String(s)) => s.trim().parse::<u64>().map_err(|_| bad(short(s)))?,
        Some(other) => return Err(bad(short(&other.to_string()))),
    };
    if n > u64::from(MAX_COUNT) {
        return Err(bad(n.to_string()));
    }
    Ok(Some(n))
}

/// Progress agreed at the meeting: empty, or a number from 0 to 100 (a cell formatted as a percentage holds 0–1).
fn progress(
    cell: Option<&Data>,
    at: &Place<'_>,
    (r, c): (usize, usize),
) -> Result<Option<f64>, Diagnostic> {
    let bad = |found: String| {
        at.error(
            Code::E813,
            r,
            c,
            tx!("进度应为 0 到 100 的数，这里是 `{found}`", "progress should be a number from 0 to 100; found `{found}`"),
            tx!("填会议议定的进度（如 60），没有议定就留空，按状态折算。", "Write the progress the meeting agreed (such as 60), or leave it empty to go by the status."),
        )
    };
    let x = match cell {
        None | Some(Data::Empty) => return Ok(None),
        Some(Data::Int(n)) => *n as f64,
        Some(Data::Float(x)) => *x,
        Some(Data::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Data::String(s)) => s
            .trim()
            .trim_end_matches('%')
            .parse::<f64>()
            .map_err(|_| bad(short(s)))?,
        Some(other) => return Err(bad(short(&other.to_string()))),
    };
    if !(0.0..=100.0).contains(&x) || !x.is_finite() {
        return Err(bad(crate::fmt::number::num(x)));
    }
    Ok(Some(x))
}

fn short(s: &str) -> String {
    crate::fmt::text::truncate(s.trim(), 30)
}

/// A recommendation on two rows is an error at the second.
fn duplicates(rows: &[TallyRow], at: &Place<'_>, diags: &mut Vec<Diagnostic>) {
    for (i, row) in rows.iter().enumerate() {
        if let Some(first) = rows.iter().take(i).find(|r| r.rec == row.rec) {
            let (id, cell) = (&row.rec, &first.cell);
            diags.push(
                Diagnostic::error(
                    Code::E812,
                    tx!("{}：建议 `{id}` 出现了两次（{cell} 已有）", "{}: recommendation `{id}` appears twice (already at {cell})"; row.cell, row.cell),
                )
                .in_file(format!("{} {}", at.shown, row.cell))
                .help(tx!("每条建议一行；把两行的人数合并到一行，删掉另一行。", "One row per recommendation: add the counts into one row and delete the other.")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(votes: &[u64], decided: Option<usize>) -> TallyRow {
        TallyRow {
            rec: "1.1".into(),
            cell: "评议汇总!A2".into(),
            votes: votes.to_vec(),
            satisfaction: None,
            progress: None,
            decided,
            comment: None,
        }
    }

    /// The majority decides; a tie goes to the lower degree (the default scale: A 100, B 50, C 0, D 0, N 0; C and D
    /// tie on degree and the later, D, is lower); a decided status overrides; nobody ticking decides nothing.
    #[test]
    fn the_majority_decides_and_ties_go_to_the_lower_degree() {
        let cfg = Config::default();
        assert_eq!(
            verdict(&row(&[12, 6, 0, 0, 0], None), &cfg),
            Verdict {
                status: Some(0),
                tied: vec![]
            }
        );
        assert_eq!(
            verdict(&row(&[9, 9, 0, 0, 0], None), &cfg),
            Verdict {
                status: Some(1),
                tied: vec![0, 1]
            }
        );
        assert_eq!(
            verdict(&row(&[0, 0, 4, 4, 0], None), &cfg),
            Verdict {
                status: Some(3),
                tied: vec![2, 3]
            }
        );
        assert_eq!(
            verdict(&row(&[9, 9, 0, 0, 0], Some(0)), &cfg),
            Verdict {
                status: Some(0),
                tied: vec![]
            }
        );
        assert_eq!(
            verdict(&row(&[0, 0, 0, 0, 0], None), &cfg),
            Verdict {
                status: None,
                tied: vec![]
            }
        );
        assert!(row(&[0; 5], None).is_blank());
    }

    #[test]
    fn cells_are_named_as_spreadsheets_name_them() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|c| column_letters(*c))
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    /// A small file that would unpack to more than the limit is refused before anything is unpacked.
    #[test]
    fn a_workbook_that_unpacks_to_too_much_is_refused() {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let deflated = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        w.start_file("xl/worksheets/sheet1.xml", deflated).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..65 {
            w.write_all(&zeros).unwrap();
        }
        let bytes = w.finish().unwrap().into_inner();
        assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
        let e = read_tally(bytes, "bomb.xlsx", &Config::default()).unwrap_err();
        assert_eq!(e[0].code, Code::E810);
        assert!(
            e[0].message.en.contains("unpacks to more than 64 MB"),
            "{:?}",
            e[0].message
        );
    }

    /// A sheet longer than any tally is refused, not cut short silently.
    #[test]
    fn a_sheet_of_too_many_rows_is_refused() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet().set_name("评议汇总").unwrap();
        sheet.write_string(0, 0, "编号").unwrap();
        for r in 1..=u32::try_from(MAX_ROWS + 1).unwrap() {
            sheet.write_string(r, 0, format!("{r}")).unwrap();
        }
        let about = book.add_worksheet().set_name("说明").unwrap();
        for (r, (k, v)) in [("格式", FORMAT), ("议题", "t"), ("会议日期", "2021-12-16")]
            .iter()
            .enumerate()
        {
            about
                .write_string(u32::try_from(r).unwrap(), 0, *k)
                .unwrap();
            about
                .write_string(u32::try_from(r).unwrap(), 1, *v)
                .unwrap();
        }
        let bytes = book.save_to_buffer().unwrap();
        let e = read_tally(bytes, "x.xlsx", &Config::default()).unwrap_err();
        assert_eq!(e[0].code, Code::E810, "{e:?}");
        assert!(e[0].message.zh.contains("10000"), "{:?}", e[0].message);
    }

    /// Arbitrary bytes are refused with E810, never a panic; so are the workbooks fuzzing found to make calamine
    /// panic (a dimension written backwards overflows a subtraction).
    #[test]
    fn bytes_that_are_no_workbook_are_refused() {
        let cfg = Config::default();
        let found = [
            include_bytes!("../../tests/fixtures/tally/crash-dimension-backwards.xlsx").to_vec(),
            include_bytes!("../../tests/fixtures/tally/crash-second.xlsx").to_vec(),
        ];
        for bytes in [Vec::new(), b"PK\x03\x04 broken".to_vec(), vec![0u8; 4096]]
            .into_iter()
            .chain(found)
        {
            let e = read_tally(bytes, "x.xlsx", &cfg).unwrap_err();
            assert_eq!(e[0].code, Code::E810);
        }
    }
}
