//! The world a template is typeset in: the template as the only source, the document's data as one in-memory
//! JSON file, the process's fonts, and the cut-off as today. No disk, no packages, no network.

use chrono::Datelike;
use std::sync::{LazyLock, OnceLock};
use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// Where the template reads its data from.
pub const DATA_PATH: &str = "/data.json";

/// File ids are interned for the life of the process: the same two paths serve every document.
fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

static MAIN: LazyLock<Option<FileId>> = LazyLock::new(|| file_id("/main.typ"));
static DATA: LazyLock<Option<FileId>> = LazyLock::new(|| file_id(DATA_PATH));

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::default()))
}

/// One document to typeset.
pub struct PrintWorld {
    fonts: &'static FontStore,
    main: Source,
    main_id: FileId,
    data: Bytes,
    today: Option<Datetime>,
}

impl PrintWorld {
    /// A world for `template` with `data` as `/data.json`, dated `today`; none when the fixed paths cannot be made.
    pub fn new(
        fonts: &'static FontStore,
        template: &str,
        data: Vec<u8>,
        today: chrono::NaiveDate,
    ) -> Option<PrintWorld> {
        let main_id = (*MAIN)?;
        Some(PrintWorld {
            fonts,
            main: Source::new(main_id, template.to_string()),
            main_id,
            data: Bytes::new(data),
            today: date(today),
        })
    }

    /// The template's source, for turning spans into lines.
    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

impl World for PrintWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main_id {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if Some(id) == *DATA {
            Ok(self.data.clone())
        } else if id == self.main_id {
            Ok(Bytes::from_string(self.main.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

/// A date as typst's.
pub fn date(d: chrono::NaiveDate) -> Option<Datetime> {
    Datetime::from_ymd(
        d.year(),
        u8::try_from(d.month()).ok()?,
        u8::try_from(d.day()).ok()?,
    )
}
