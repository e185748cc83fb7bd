//! What the sections of a brief share: the wording context, the figures, the case at the cut-off, the
//! recommendations in force with their figures, and their records.

use crate::brief::context::Ctx;
use crate::case::model::Recommendation;
use crate::figures::cutoff::AtCutoff;
use crate::figures::index::{Claim, Index};
use crate::figures::{Figures, RecFigure};

/// What the sections of a brief share.
pub(super) struct Parts<'a> {
    /// Wording.
    pub(super) cx: Ctx<'a>,
    /// The figures at the cut-off.
    pub(super) figures: &'a Figures,
    /// The case at the cut-off.
    pub(super) cut: AtCutoff<'a>,
    /// Each recommendation in force with its figure, in file order.
    pub(super) recs: Vec<(&'a Recommendation, &'a RecFigure)>,
    /// The records by recommendation.
    pub(super) ix: Index<'a>,
}

impl<'a> Parts<'a> {
    /// A recommendation's reply items up to the cut-off, in reply order.
    pub(super) fn own(&self, id: &str) -> &[Claim<'a>] {
        self.ix.claims(id, self.cut.as_of)
    }
}
