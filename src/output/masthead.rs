//! What a printed brief's masthead says besides the committee: the issue number and the issuing office.

/// The masthead's lines under the committee's name, on printed briefs (PDF and Word).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Masthead {
    /// The issue number (第N期), if given.
    pub issue: Option<u32>,
    /// The issuing office, if it is not the committee itself.
    pub office: Option<String>,
}
