//! Output language and two-language message text.

use std::fmt;

/// The language of messages and briefs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Parses `zh` / `en` (and a few obvious spellings).
    pub fn parse(s: &str) -> Option<Lang> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "zh_cn" | "cn" | "中文" => Some(Lang::Zh),
            "en" | "en-us" | "en-gb" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    /// The wording for this language of a text given in both.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// The code written in files and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// A message in both languages; the caller picks one at render time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// Chinese wording.
    pub zh: String,
    /// English wording.
    pub en: String,
}

impl Text {
    /// Builds a text from both wordings.
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    /// The wording for `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Shorthand for two-language text. `tx!("中文 {x}", "English {x}")` captures variables by name;
/// `tx!("{}里…", "… in {}"; zh_arg, en_arg)` fills one positional argument per language.
#[macro_export]
macro_rules! tx {
    ($zh:literal, $en:literal) => {
        $crate::lang::Text::new(format!($zh), format!($en))
    };
    ($zh:literal, $en:literal; $za:expr, $ea:expr $(,)?) => {
        $crate::lang::Text::new(format!($zh, $za), format!($en, $ea))
    };
}
