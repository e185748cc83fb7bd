//! Reading a case repository: bytes are decoded ([`decode`]), parsed into a YAML tree with positions ([`yaml`]),
//! read field by field ([`reader`], [`records`]) into the [`model`]; [`config`] is the repository's settings and
//! [`load`] finds and reads the files on disk. [`schema`] describes the same files for editors; [`tally`] reads
//! the tally workbook filled in after a meeting.

pub mod archive;
pub mod config;
pub mod decode;
pub mod load;
pub mod model;
pub mod proposal;
pub mod reader;
pub mod records;
pub mod register;
pub mod schema;
pub mod tally;
pub mod yaml;
