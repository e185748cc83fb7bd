//! A case's records grouped by the recommendation they are about, built once per case so that the figures at each
//! date look up a recommendation's records instead of scanning every reply and meeting for it.

use crate::case::model::{Assessment, Case, Meeting, Recommendation, ReplyItem};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A claim: reply date, file, department and the item.
pub(super) type Claim<'a> = (NaiveDate, &'a str, &'a str, &'a ReplyItem);

/// A case's records grouped by the recommendation they are about, built once per case so that the figures at each
/// date look up a recommendation's records instead of scanning every reply and meeting for it.
pub(super) struct Index<'a> {
    /// The case.
    pub(super) case: &'a Case,
    /// Every claim per recommendation, oldest first (date, file, line).
    pub(super) claims: HashMap<&'a str, Vec<Claim<'a>>>,
    /// Assessments at meetings that were held (not planned), per recommendation, in meeting and file order.
    pub(super) assessments: HashMap<&'a str, Vec<(&'a Meeting, &'a Assessment)>>,
    /// Recommendations that say they revise the one named, in file order.
    pub(super) revisions: HashMap<&'a str, Vec<&'a Recommendation>>,
}

impl<'a> Index<'a> {
    pub(super) fn new(case: &'a Case) -> Self {
        let mut claims: HashMap<&str, Vec<Claim<'a>>> = HashMap::new();
        for reply in &case.replies {
            for item in &reply.items {
                claims.entry(item.rec.value.as_str()).or_default().push((
                    reply.date.value,
                    reply.file.as_str(),
                    reply.department.value.as_str(),
                    item,
                ));
            }
        }
        // Replies are sorted by (date, file) by the loader; items keep file order. Make it explicit. Sorted by date
        // first, the claims up to any date are a prefix.
        for list in claims.values_mut() {
            list.sort_by(|a, b| (a.0, a.1, a.3.rec.pos.line).cmp(&(b.0, b.1, b.3.rec.pos.line)));
        }
        let mut assessments: HashMap<&str, Vec<(&Meeting, &Assessment)>> = HashMap::new();
        for m in case.meetings.iter().filter(|m| !m.planned) {
            for a in &m.assessments {
                assessments
                    .entry(a.rec.value.as_str())
                    .or_default()
                    .push((m, a));
            }
        }
        let mut revisions: HashMap<&str, Vec<&Recommendation>> = HashMap::new();
        for r in &case.recommendations {
            if let Some(f) = &r.revised_from {
                revisions.entry(f.value.as_str()).or_default().push(r);
            }
        }
        Index {
            case,
            claims,
            assessments,
            revisions,
        }
    }

    /// Claims about a recommendation up to `at`, oldest first.
    pub(super) fn claims(&self, rec: &str, at: NaiveDate) -> &[Claim<'a>] {
        let list = self.claims.get(rec).map_or(&[][..], Vec::as_slice);
        list.get(..list.partition_point(|c| c.0 <= at))
            .unwrap_or_default()
    }
}
