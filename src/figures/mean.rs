//! Weighted means normalised by the weights actually used: the one piece of arithmetic every aggregate shares.

/// A weighted mean with its terms kept, to show the arithmetic: Σ w·d ÷ Σ w, summed as [`weighted_mean`] sums.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Mean {
    /// (weight, value) of each term.
    pub terms: Vec<(f64, f64)>,
    /// Σ w.
    pub weight: f64,
    /// Σ w·d.
    pub sum: f64,
}

/// Weighted mean normalised by the weights used; `None` when no weight was used.
pub fn weighted_mean(items: impl IntoIterator<Item = (f64, f64)>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (weight, value) in items {
        sum += weight * value;
        weights += weight;
    }
    (weights > 0.0).then(|| sum / weights)
}

impl Mean {
    /// The mean of `terms`.
    pub fn of(terms: impl IntoIterator<Item = (f64, f64)>) -> Mean {
        let mut mean = Mean::default();
        for (weight, value) in terms {
            mean.sum += weight * value;
            mean.weight += weight;
            mean.terms.push((weight, value));
        }
        mean
    }

    /// Σ w·d ÷ Σ w, or `None` when no weight was used: the same number [`weighted_mean`] gives.
    pub fn degree(&self) -> Option<f64> {
        (self.weight > 0.0).then(|| self.sum / self.weight)
    }
}
