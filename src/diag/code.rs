//! Every diagnostic's code, one enum: `docs/errors.md` lists each with its causes and fixes, and
//! `tests/catalogue.rs` keeps the two in step (and asks for a fixture per code).

use std::fmt;

macro_rules! codes {
    ($($(#[$doc:meta])* $code:ident,)*) => {
        /// A diagnostic's stable code: `E…` errors, `W…` warnings.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[$doc])* $code,)*
        }

        impl Code {
            /// Every code, in order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            /// The code as written in messages and in the catalogue, e.g. `E201`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }
        }
    };
}

codes! {
    /// Not UTF-8 (不是 UTF-8).
    E001,
    /// Broken UTF-16 (UTF-16 内容损坏).
    E002,
    /// Cannot read (无法读取).
    E004,
    /// No such path (路径不存在).
    E005,
    /// Folder where a file belongs (应是文件却是文件夹).
    E006,
    /// Bad option value (命令行参数不对).
    E007,
    /// No such case or recommendation (找不到议题或建议).
    E008,
    /// Not a regular file (不是普通文件).
    E009,
    /// YAML syntax error (YAML 语法错误).
    E101,
    /// Duplicate key (同一层字段重复).
    E102,
    /// File too large (文件太大).
    E103,
    /// Parsing limit exceeded (超出解析限制).
    E104,
    /// More than one document (一个文件里有多份文档).
    E105,
    /// Unknown field (未知字段).
    E201,
    /// Missing required field (缺少必填字段).
    E202,
    /// Wrong kind of value, or an empty file (类型不对或文件为空).
    E203,
    /// Empty required value (必填内容为空).
    E204,
    /// Not a date (日期格式不对).
    E205,
    /// No such date (日期不存在).
    E206,
    /// Number out of range (数值超出范围).
    E207,
    /// Negative weight (权重为负).
    E208,
    /// Not a number (不是数字).
    E209,
    /// Not one of the choices (不是可选值之一).
    E210,
    /// Status not in the scale (状态不在等级表中).
    E211,
    /// Traffic-light bands inverted (红黄绿灯设置矛盾).
    E212,
    /// Status spelling used twice (状态写法重复).
    E213,
    /// Invisible character in an id (编号里有看不见的字符).
    E214,
    /// Control character in text (文字里有控制字符).
    W215,
    /// Text longer than a spreadsheet cell (文字超过表格单元格上限).
    W216,
    /// Recommendation without a lead department yet (建议还没有主办单位).
    W217,
    /// No case.yaml (没有 case.yaml).
    E301,
    /// Not a case repository (不是议题仓库).
    E302,
    /// Symbolic link loop (符号链接循环).
    E303,
    /// Link leading out of the repository (符号链接指向仓库之外).
    E304,
    /// Case folder name unusable on Windows (议题文件夹名在 Windows 上不能用).
    W305,
    /// Duplicate id (编号重复).
    E401,
    /// Unknown aspect (找不到方面).
    E402,
    /// Unknown department (找不到承办单位).
    E403,
    /// Unknown recommendation (找不到建议).
    E404,
    /// Unknown measure (找不到举措).
    E405,
    /// Unknown meeting in `added` (找不到提出建议的会议).
    E406,
    /// Progress contradicts status (进度与状态矛盾).
    E407,
    /// Lineage cycle (沿革成环).
    E409,
    /// Two meeting files for one date (同一天两个会议文件).
    E411,
    /// Assessed twice in one meeting (同一会议重复评议).
    E412,
    /// Before adoption (早于建议案通过日期).
    E501,
    /// After the cut-off (晚于数据截止日期).
    E502,
    /// Cut-off before adoption (数据截止日期早于建议案通过日期).
    E507,
    /// Cannot read a template (无法读取模板).
    E601,
    /// Template error (模板错误).
    E602,
    /// Cannot write (无法写入).
    E701,
    /// Unusable case folder name (议题文件夹名不能用作文件名).
    E702,
    /// Export failed (导出失败).
    E703,
    /// Init would overwrite (init 不覆盖已有文件).
    E801,
    /// File exists (文件已存在).
    E802,
    /// Unusable case id (议题编号不能用作文件夹名).
    E803,
    /// No such department (没有这个承办单位).
    E804,
    /// No meeting to make forms for (没有要准备的会议).
    E805,
    /// Tally workbook unreadable (评议汇总表读不出来).
    E810,
    /// Workbook for another case or meeting (不是这次会议的评议汇总表).
    E811,
    /// Unknown or repeated recommendation in a workbook (汇总表里的建议编号不对).
    E812,
    /// A count or progress that is not a valid number (人数或进度不对).
    E813,
    /// A decided status not in the scale (议定状态不在状态等级表中).
    E814,
    /// Assessments already filled in (会议文件里已有评议).
    E815,
    /// Nothing filled in a tally (汇总表是空的).
    E817,
    /// Proposal unreadable (建议案读不出来).
    E820,
    /// No numbered recommendations in a proposal (建议案里没有分条的建议).
    E821,
    /// Register unreadable or without the columns it needs (交办表读不出来).
    E822,
    /// A register value that is not valid (交办表里的值不对).
    E823,
    /// A register that contradicts the case (交办表与议题文件不一致).
    E824,
    /// A department or aspect created from a register (按交办表新建了单位或方面).
    W825,
    /// No Chinese font for printing (没有可用的中文字体).
    E905,
    /// A character no font can print (有字印不出来).
    E906,
    /// Stray file in cases/ (cases 里有不认识的文件).
    W301,
    /// Unknown file in a case folder (议题文件夹里有不认识的文件).
    W302,
    /// No cases (没有议题).
    W303,
    /// Weight zero (权重为 0).
    W408,
    /// Department not assigned (不是承办单位).
    W410,
    /// Ids that differ only in width or form (编号只差全角半角).
    W413,
    /// Tie between statuses in a tally (评议状态票数相同).
    W816,
    /// Due before assigned (期限早于交办日期).
    W503,
    /// Revised due date without reason (调整期限未写原因).
    W504,
    /// Planned meeting date has passed (计划中的会议日期已过).
    W505,
    /// Planned meeting with assessments (计划中的会议已有评议).
    W506,
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
