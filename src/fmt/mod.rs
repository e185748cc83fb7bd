//! Formatting shared by every output: dates, numbers and text by display width.

pub mod date;
pub mod number;
pub mod text;
