//! The case as it stood at a cut-off date: the meetings held by then, the replies and instructions received, and
//! the meeting that comes next. Every figure, brief and explanation takes "the case at this date" from here.

use crate::case::model::{Case, Instruction, Meeting, Reply};
use chrono::NaiveDate;

/// Whether a meeting had been held by `at`: not a planned one, and on or before that date.
pub fn held_by(m: &Meeting, at: NaiveDate) -> bool {
    !m.planned && m.date.value <= at
}

/// A case seen at a cut-off date: later records do not exist yet.
#[derive(Clone, Copy, Debug)]
pub struct AtCutoff<'a> {
    /// The case with all its records.
    pub case: &'a Case,
    /// The cut-off.
    pub as_of: NaiveDate,
}

impl<'a> AtCutoff<'a> {
    /// The case at `as_of`.
    pub fn new(case: &'a Case, as_of: NaiveDate) -> AtCutoff<'a> {
        AtCutoff { case, as_of }
    }

    /// Meetings held by the cut-off, in date order (planned meetings never count).
    pub fn held(self) -> impl DoubleEndedIterator<Item = &'a Meeting> + Clone {
        self.case
            .meetings
            .iter()
            .filter(move |m| held_by(m, self.as_of))
    }

    /// Replies received by the cut-off, in date and file order.
    pub fn replies(self) -> impl DoubleEndedIterator<Item = &'a Reply> + Clone {
        self.case
            .replies
            .iter()
            .filter(move |r| r.date.value <= self.as_of)
    }

    /// Leaders' instructions given by the cut-off.
    pub fn instructions(self) -> impl DoubleEndedIterator<Item = &'a Instruction> + Clone {
        self.case
            .instructions
            .iter()
            .filter(move |i| i.date.value <= self.as_of)
    }
}

/// Finds the meeting a brief prepares: the one given, else the next meeting after the cut-off (a planned one may
/// also fall on the cut-off day). For a past cut-off this is the meeting that was held next.
pub fn target_meeting(case: &Case, as_of: NaiveDate, given: Option<NaiveDate>) -> Option<&Meeting> {
    match given {
        Some(d) => case.meetings.iter().find(|m| m.date.value == d),
        None => case
            .meetings
            .iter()
            .find(|m| m.date.value > as_of || (m.planned && m.date.value == as_of)),
    }
}
