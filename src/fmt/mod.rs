//! Formatting shared by every output: dates, numbers and text by display width.
