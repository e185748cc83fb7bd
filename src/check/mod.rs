//! Checks across the files of a case: ids, references, dates, lineage and progress against status.

pub mod rules;
