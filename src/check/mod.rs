//! Checks across the files of a case ([`rules`]: ids, references, dates, lineage, progress against status), and
//! a case read and checked in one step ([`checked`]).

pub mod checked;
pub mod rules;
