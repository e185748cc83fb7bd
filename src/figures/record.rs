//! Every record behind one recommendation's figures up to the cut-off, in date order: what `explain` lists so that
//! anyone can recompute the figures by hand.

use crate::figures::cutoff::AtCutoff;
use chrono::NaiveDate;

/// Who made a record.
#[derive(Clone, Debug, PartialEq)]
pub enum Author {
    /// A department's reply (a claim), about the whole recommendation or one measure.
    Department {
        /// Department id.
        id: String,
        /// The measure it is about, if any.
        measure: Option<String>,
    },
    /// Members' assessment at a held meeting.
    Members,
}

/// One record about a recommendation.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Date of the reply or meeting.
    pub date: NaiveDate,
    /// Who made it.
    pub author: Author,
    /// Status stated (index on the scale).
    pub status: Option<usize>,
    /// Progress stated.
    pub progress: Option<f64>,
    /// File it is in.
    pub file: String,
    /// Line of the item in that file.
    pub line: usize,
}

/// Every reply item and assessment about `rec` by the cut-off: replies first, then assessments, sorted by date (a
/// stable sort, so on one date replies come before assessments and files keep their order).
pub fn records(cut: AtCutoff<'_>, rec: &str) -> Vec<Record> {
    let mut out = Vec::new();
    for r in cut.replies() {
        for i in r.items.iter().filter(|i| i.rec.value == rec) {
            out.push(Record {
                date: r.date.value,
                author: Author::Department {
                    id: r.department.value.clone(),
                    measure: i.measure.as_ref().map(|m| m.value.clone()),
                },
                status: i.status.as_ref().map(|s| s.value),
                progress: i.progress.as_ref().map(|p| p.value),
                file: r.file.clone(),
                line: i.rec.pos.line,
            });
        }
    }
    for m in cut.held() {
        for a in m.assessments.iter().filter(|a| a.rec.value == rec) {
            out.push(Record {
                date: m.date.value,
                author: Author::Members,
                status: a.status.as_ref().map(|s| s.value),
                progress: a.progress.as_ref().map(|p| p.value),
                file: m.file.clone(),
                line: a.rec.pos.line,
            });
        }
    }
    out.sort_by_key(|r| r.date);
    out
}
