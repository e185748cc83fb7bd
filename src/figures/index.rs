//! A case's records grouped by the recommendation they are about, built once per case so that the figures at each
//! date look up a recommendation's records instead of scanning every reply and meeting for it.

use crate::case::model::{Assessment, Case, Meeting, Recommendation, Reply, ReplyItem};
use chrono::NaiveDate;
use std::collections::HashMap;

/// A claim: a department's reply item about a recommendation, with the reply it is in.
pub struct Claim<'a> {
    /// The reply it is in.
    pub reply: &'a Reply,
    /// The item about the recommendation.
    pub item: &'a ReplyItem,
}

impl Claim<'_> {
    /// The reply's date.
    pub fn date(&self) -> NaiveDate {
        self.reply.date.value
    }
}

/// A case's records grouped by the recommendation they are about, built once per case so that the figures at each
/// date look up a recommendation's records instead of scanning every reply and meeting for it.
pub struct Index<'a> {
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
    /// Groups the records of `case`.
    pub fn new(case: &'a Case) -> Self {
        let mut claims: HashMap<&str, Vec<Claim<'a>>> = HashMap::new();
        for reply in &case.replies {
            for item in &reply.items {
                claims
                    .entry(item.rec.value.as_str())
                    .or_default()
                    .push(Claim { reply, item });
            }
        }
        // Replies are sorted by (date, file) by the loader; items keep file order. Make it explicit. Sorted by date
        // first, the claims up to any date are a prefix.
        for list in claims.values_mut() {
            list.sort_by(|a, b| {
                (a.date(), &a.reply.file, a.item.rec.pos.line).cmp(&(
                    b.date(),
                    &b.reply.file,
                    b.item.rec.pos.line,
                ))
            });
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
    pub fn claims(&self, rec: &str, at: NaiveDate) -> &[Claim<'a>] {
        let list = self.claims.get(rec).map_or(&[][..], Vec::as_slice);
        list.get(..list.partition_point(|c| c.date() <= at))
            .unwrap_or_default()
    }
}
