//! The tally workbook (评议汇总表) staff fill in after a meeting from the counted forms: one row per recommendation on
//! the form, a column for the count of each status and each level of satisfaction, an optional progress and decided
//! status, and a comment. Ids and titles are locked (the sheet is protected, input cells are not); counts accept
//! whole numbers ≥ 0 only, the decided status only the scale's keys. A second sheet names the case and the meeting,
//! so that `import tally` refuses a workbook meant for another.

use crate::brief::forms::Forms;
use crate::lang::Lang;
use rust_xlsxwriter::{
    DataValidation, DataValidationErrorStyle, DataValidationRule, Format, FormatAlign, Workbook,
    Worksheet, XlsxError,
};

/// The format name written on the about sheet, read back by `import tally`.
pub const TALLY_FORMAT: &str = "rexieshang-tally 1";

/// The tally sheet's name.
pub fn tally_sheet(lang: Lang) -> &'static str {
    lang.pick("评议汇总", "Tally")
}

/// The about sheet's name.
pub fn about_sheet(lang: Lang) -> &'static str {
    lang.pick("说明", "About")
}

/// Header labels of the fixed columns: (zh, en). Status columns (one per level, headed `KEY 名称`) come between
/// the lead and the satisfaction counts.
pub const ID: (&str, &str) = ("编号", "No.");
/// The recommendation's title.
pub const TITLE: (&str, &str) = ("建议", "Recommendation");
/// The lead department.
pub const LEAD: (&str, &str) = ("主办单位", "Lead");
/// Satisfied.
pub const SATISFIED: (&str, &str) = ("满意", "Satisfied");
/// Basically satisfied.
pub const BASIC: (&str, &str) = ("基本满意", "Basically satisfied");
/// Dissatisfied.
pub const UNSATISFIED: (&str, &str) = ("不满意", "Dissatisfied");
/// Progress members agreed on, optional.
pub const PROGRESS: (&str, &str) = ("进度（可选）", "Progress (optional)");
/// The status the meeting decided, optional: overrides the majority.
pub const DECIDED: (&str, &str) = ("议定状态（可选）", "Decided status (optional)");
/// Members' comments.
pub const COMMENT: (&str, &str) = ("意见", "Comment");
/// About sheet labels.
pub const ABOUT_CASE: (&str, &str) = ("议题", "Case");
/// The meeting's date.
pub const ABOUT_MEETING: (&str, &str) = ("会议日期", "Meeting");
/// The format.
pub const ABOUT_FORMAT: (&str, &str) = ("格式", "Format");

/// The workbook's bytes.
pub fn workbook(forms: &Forms, lang: Lang) -> Result<Vec<u8>, String> {
    let e = |x: XlsxError| x.to_string();
    let mut book = Workbook::new();
    tally(book.add_worksheet(), forms, lang).map_err(e)?;
    about(book.add_worksheet(), forms, lang).map_err(e)?;
    book.save_to_buffer().map_err(e)
}

fn pick(label: (&'static str, &'static str), lang: Lang) -> &'static str {
    lang.pick(label.0, label.1)
}

/// The tally sheet: locked ids and titles, open input cells with validation.
fn tally(sheet: &mut Worksheet, forms: &Forms, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(tally_sheet(lang))?;
    let bold = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let open = Format::new().set_unlocked();
    let wrap_open = Format::new().set_unlocked().set_text_wrap();
    let levels: Vec<String> = forms
        .scale
        .iter()
        .map(|l| format!("{} {}", l.key, l.label))
        .collect();
    let mut headers: Vec<String> = [ID, TITLE, LEAD]
        .iter()
        .map(|l| pick(*l, lang).to_string())
        .collect();
    headers.extend(levels.iter().cloned());
    headers.extend(
        [SATISFIED, BASIC, UNSATISFIED, PROGRESS, DECIDED, COMMENT]
            .iter()
            .map(|l| pick(*l, lang).to_string()),
    );
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, col(c), h, &bold)?;
    }
    let counts = 3..3 + levels.len() + 3;
    let (progress, decided, comment) = (counts.end, counts.end + 1, counts.end + 2);
    for (i, r) in forms.rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|_| XlsxError::RowColumnLimitError)?;
        sheet.write_string(row, 0, &r.id)?;
        sheet.write_string(row, 1, &r.title)?;
        sheet.write_string(row, 2, &r.lead)?;
        for c in counts.clone() {
            sheet.write_blank(row, col(c), &open)?;
        }
        sheet.write_blank(row, col(progress), &open)?;
        sheet.write_blank(row, col(decided), &open)?;
        sheet.write_blank(row, col(comment), &wrap_open)?;
    }
    let last =
        u32::try_from(forms.rows.len().max(1)).map_err(|_| XlsxError::RowColumnLimitError)?;
    validations(
        sheet,
        forms,
        last,
        (col(counts.start), col(counts.end - 1)),
        col(progress),
        col(decided),
    )?;
    sheet.set_column_width(0, 8)?;
    sheet.set_column_width(1, 30)?;
    sheet.set_column_width(2, 20)?;
    sheet.set_column_range_width(col(counts.start), col(decided), 10)?;
    sheet.set_column_width(col(comment), 40)?;
    sheet.set_row_height(0, 45)?;
    sheet.set_freeze_panes(1, 3)?;
    sheet.protect();
    Ok(())
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

/// Whole numbers ≥ 0 for counts, 0–100 for progress, the scale's keys for the decided status.
fn validations(
    sheet: &mut Worksheet,
    forms: &Forms,
    last: u32,
    counts: (u16, u16),
    progress: u16,
    decided: u16,
) -> Result<(), XlsxError> {
    let whole = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(0))
        .set_error_style(DataValidationErrorStyle::Stop)
        .set_error_message("0, 1, 2, …")?;
    sheet.add_data_validation(1, counts.0, last, counts.1, &whole)?;
    let percent = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 100.0))
        .set_error_message("0–100")?;
    sheet.add_data_validation(1, progress, last, progress, &percent)?;
    let keys: Vec<&str> = forms.scale.iter().map(|l| l.key.as_str()).collect();
    let list = DataValidation::new().allow_list_strings(&keys)?;
    sheet.add_data_validation(1, decided, last, decided, &list)?;
    Ok(())
}

/// The about sheet: which case and meeting the workbook is for, and how to fill it in.
fn about(sheet: &mut Worksheet, forms: &Forms, lang: Lang) -> Result<(), XlsxError> {
    sheet.set_name(about_sheet(lang))?;
    let bold = Format::new().set_bold();
    let rows = [
        (ABOUT_CASE, forms.case.as_str()),
        (ABOUT_MEETING, forms.meeting.date.as_str()),
        (ABOUT_FORMAT, TALLY_FORMAT),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(0);
        sheet.write_string_with_format(row, 0, pick(*label, lang), &bold)?;
        sheet.write_string(row, 1, *value)?;
    }
    let help = lang.pick(
        "把收回的评议表逐条计数后填入“评议汇总”：每种评议状态勾选的人数、三种满意度的人数；会议另有议定的状态或进度时填在可选列；意见可摘要填写。编号、建议和本表不要改动。填好后运行：rexieshang import tally 本文件 --case 议题 --meeting 会议日期",
        "Count the returned forms into the Tally sheet: how many ticked each status and each level of satisfaction; a status or progress the meeting decided goes in the optional columns; comments may be summarised. Do not change the ids, titles or this sheet. Then run: rexieshang import tally THIS-FILE --case CASE --meeting DATE",
    );
    sheet.write_string(4, 0, help)?;
    sheet.set_column_width(0, 12)?;
    sheet.set_column_width(1, 36)?;
    sheet.protect();
    Ok(())
}
