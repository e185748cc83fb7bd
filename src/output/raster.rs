//! Charts as PNG images for Word, which cannot show SVG reliably: the same SVGs the HTML and PDF carry, drawn with
//! resvg, their labels in a Chinese font of this machine.

use crate::output::typeset::fonts::FONTS_ENV;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use std::sync::{Arc, OnceLock};

/// The fonts labels are drawn with: the system's, or only those of `REXIESHANG_FONTS`, read once per process.
fn fonts() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        match std::env::var_os(FONTS_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => db.load_fonts_dir(dir),
            None => db.load_system_fonts(),
        }
        Arc::new(db)
    })
    .clone()
}

/// The chart drawn at `scale` (pixels per SVG unit), as PNG bytes with its size in pixels; labels in `family`.
pub fn png(svg: &str, family: &str, scale: f32) -> Option<(Vec<u8>, u32, u32)> {
    let svg = svg.replace(
        "font-family=\"inherit\"",
        &format!("font-family=\"{family}\""),
    );
    let options = usvg::Options {
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options).ok()?;
    let size = tree.size().to_int_size().scale_by(scale)?;
    let mut pixmap = Pixmap::new(size.width(), size.height())?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Some((pixmap.encode_png().ok()?, size.width(), size.height()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_becomes_a_png_of_its_size_times_the_scale() {
        let svg = crate::output::html::bar_chart(&[("一".into(), Some(50.0), "amber".into())], "—");
        let (bytes, w, _) = png(&svg, "serif", 2.0).unwrap();
        assert!(bytes.starts_with(b"\x89PNG"));
        assert_eq!(w, 1200);
    }
}
