//! Fonts for printing: found once per process (the system's, or only those of `REXIESHANG_FONTS` when it names a
//! folder), and a family chosen for each role of an official document. typst draws nothing, or boxes, for text no
//! font covers and only warns; so a role no installed family can fill for Chinese stops the print before typesetting.

use crate::diag::{Code, Diagnostic};
use crate::tx;
use std::sync::OnceLock;
use typst::text::FontBook;
use typst_kit::fonts::FontStore;

/// Set to a folder, only the fonts in it are used (for a reproducible set, and for tests).
pub const FONTS_ENV: &str = "REXIESHANG_FONTS";

/// The fonts of this process.
pub fn store() -> &'static FontStore {
    static STORE: OnceLock<FontStore> = OnceLock::new();
    STORE.get_or_init(|| {
        let mut store = FontStore::new();
        match std::env::var_os(FONTS_ENV).filter(|v| !v.is_empty()) {
            Some(dir) => store.extend(typst_kit::fonts::scan(std::path::Path::new(&dir))),
            None => store.extend(typst_kit::fonts::system()),
        }
        store
    })
}

/// A role in the layout and the families that can fill it, best first (GB/T 9704 names, then common substitutes).
struct Role {
    key: &'static str,
    zh: &'static str,
    families: &'static [&'static str],
}

const ROLES: [Role; 4] = [
    Role {
        key: "body",
        zh: "正文仿宋",
        families: &[
            "FangSong_GB2312",
            "仿宋_GB2312",
            "FangSong",
            "仿宋",
            "STFangsong",
            "华文仿宋",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "Noto Serif SC",
        ],
    },
    Role {
        key: "title",
        zh: "标题小标宋",
        families: &[
            "FZXiaoBiaoSong-B05S",
            "方正小标宋简体",
            "FZXiaoBiaoSong-B05",
            "方正小标宋_GBK",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "Noto Serif SC",
        ],
    },
    Role {
        key: "hei",
        zh: "一级标题黑体",
        families: &[
            "SimHei",
            "黑体",
            "STHeiti",
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "Noto Sans SC",
        ],
    },
    Role {
        key: "kai",
        zh: "二级标题楷体",
        families: &[
            "KaiTi_GB2312",
            "楷体_GB2312",
            "KaiTi",
            "楷体",
            "STKaiti",
            "华文楷体",
            "Noto Serif CJK SC",
            "Source Han Serif SC",
            "Noto Serif SC",
        ],
    },
];

/// Characters a family must have to print a Chinese brief.
const PROBE: &str = "落实度建议案政协简报一二三（）。，";

/// The family chosen for each role: (role key, family name).
pub type Choice = Vec<(&'static str, String)>;

/// A family for every role, or which role none of the installed fonts can fill and what to install.
pub fn choose(book: &FontBook) -> Result<Choice, Diagnostic> {
    ROLES
        .iter()
        .map(|role| {
            let family = role
                .families
                .iter()
                .find_map(|f| covering_chinese(book, &f.to_lowercase()))
                .ok_or_else(|| missing(role))?;
            Ok((role.key, family))
        })
        .collect()
}

/// The family's name as its fonts give it, when one of its faces covers Chinese.
fn covering_chinese(book: &FontBook, family: &str) -> Option<String> {
    book.select_family(family)
        .filter_map(|i| book.info(i))
        .find(|info| PROBE.chars().all(|c| info.coverage.contains(u32::from(c))))
        .map(|info| info.family.clone())
}

fn missing(role: &Role) -> Diagnostic {
    let (zh, looked) = (role.zh, role.families.join(", "));
    Diagnostic::error(
        Code::E905,
        tx!(
            "没有可用于{}的中文字体（找过：{looked}）",
            "no Chinese font for the {} role (looked for: {looked})"; zh, role.key
        ),
    )
    .help(tx!(
        "安装仿宋_GB2312、方正小标宋、楷体、黑体，或者 Noto Serif/Sans CJK SC（Debian/Ubuntu：apt-get install fonts-noto-cjk）；也可以用 --format docx 或 html。",
        "Install FangSong_GB2312, FZXiaoBiaoSong, KaiTi and SimHei, or Noto Serif/Sans CJK SC (Debian/Ubuntu: apt-get install fonts-noto-cjk); or use --format docx or html."
    ))
}
