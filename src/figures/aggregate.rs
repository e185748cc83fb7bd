//! Weighted means over recommendations, normalised by the weights actually used, and counts by status.

use crate::case::model::Recommendation;
use crate::figures::mean::weighted_mean;
use crate::figures::state::{Basis, RecState};

/// A weighted mean and what went into it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Aggregate {
    /// Σ w·d / Σ w, or `None` when nothing was counted.
    pub degree: Option<f64>,
    /// Σ w over the items counted.
    pub weight: f64,
    /// Items counted in the mean.
    pub counted: usize,
    /// Items out of the denominator because excluded or superseded.
    pub excluded: usize,
    /// Unreported items (counted as 0 or left out, per config).
    pub unreported: usize,
    /// Active items in all.
    pub total: usize,
    /// The same mean over the degrees members verified (see `RecState::verified`), or `None`.
    pub verified: Option<f64>,
    /// Σ w over the items in the verified mean.
    pub verified_weight: f64,
}

/// Aggregates recommendations' states (only active ones count).
pub fn aggregate<'a>(
    items: impl IntoIterator<Item = (&'a Recommendation, &'a RecState)>,
) -> Aggregate {
    let mut agg = Aggregate::default();
    let mut pairs = Vec::new();
    let mut verified = Vec::new();
    for (rec, s) in items.into_iter().filter(|(_, s)| s.active) {
        agg.total += 1;
        if s.excluded.is_some() {
            agg.excluded += 1;
            continue;
        }
        if s.basis == Basis::Unreported {
            agg.unreported += 1;
        }
        if rec.weight.value <= 0.0 {
            continue;
        }
        if let Some(d) = s.counted {
            agg.counted += 1;
            agg.weight += rec.weight.value;
            pairs.push((rec.weight.value, d));
        }
        if let Some(d) = s.verified {
            agg.verified_weight += rec.weight.value;
            verified.push((rec.weight.value, d));
        }
    }
    agg.degree = weighted_mean(pairs);
    agg.verified = weighted_mean(verified);
    agg
}

/// How many recommendations stand at each level of the status scale, and how many outside it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusTally {
    /// Per level of the scale, in scale order: effective status at that level.
    pub levels: Vec<usize>,
    /// Out of the totals by lineage (superseded, merged, split).
    pub superseded: usize,
    /// Reported with a progress figure but no status.
    pub progress_only: usize,
    /// Claimed more than members last assessed (待核实): its own state, not counted at the level claimed.
    pub unverified: usize,
    /// No claim and no assessment (未反馈).
    pub unreported: usize,
}
