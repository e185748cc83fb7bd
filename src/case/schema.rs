//! JSON Schemas for editors (VS Code's YAML extension completes field names and underlines mistakes). The schemas
//! are generated from the types below; a test feeds a document generated from each schema through the real reader
//! and compares field sets both ways, so schema and reader cannot drift apart. Choice lists come from the same
//! tables the reader uses.

// The types exist only to describe the files; they are never constructed.
#![allow(dead_code)]

use crate::case::reader::Choices;
use crate::case::records;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// The file kinds, with their schema file names.
pub const KINDS: &[(&str, &str)] = &[
    ("config", "config.schema.json"),
    ("case", "case.schema.json"),
    ("reply", "reply.schema.json"),
    ("meeting", "meeting.schema.json"),
];

/// The schema of one file kind as pretty JSON, or `None` for an unknown kind.
pub fn schema_json(kind: &str) -> Option<String> {
    let generator = || schemars::generate::SchemaSettings::draft07().into_generator();
    let schema = match kind {
        "config" => generator().into_root_schema_for::<ConfigFile>(),
        "case" => generator().into_root_schema_for::<CaseFile>(),
        "reply" => generator().into_root_schema_for::<ReplyFile>(),
        "meeting" => generator().into_root_schema_for::<MeetingFile>(),
        _ => return None,
    };
    let mut value = schema.to_value();
    allow_blank_optional_fields(&mut value);
    serde_json::to_string_pretty(&value).ok().map(|s| s + "\n")
}

/// An optional field left blank (`status:`) reads as absent and a blank list as empty, so the schema accepts `null`
/// for every optional field and every list — the files `new` writes are full of such blanks.
fn allow_blank_optional_fields(v: &mut serde_json::Value) {
    use serde_json::Value;
    if let Value::Object(map) = v {
        let required: Vec<String> = map
            .get("required")
            .and_then(Value::as_array)
            .map(|r| {
                r.iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(Value::Object(props)) = map.get_mut("properties") {
            for (name, prop) in props.iter_mut() {
                // A list may be left blank too (it reads as empty), even when the field itself must be present.
                if !required.contains(name) || prop.get("type") == Some(&Value::from("array")) {
                    let inner = std::mem::take(prop);
                    *prop = serde_json::json!({ "anyOf": [inner, { "type": "null" }] });
                }
            }
        }
        for child in map.values_mut() {
            allow_blank_optional_fields(child);
        }
    } else if let Value::Array(items) = v {
        for child in items {
            allow_blank_optional_fields(child);
        }
    }
}

fn choices(list: Choices) -> Schema {
    let values: Vec<&str> = list
        .iter()
        .flat_map(|(name, aliases)| std::iter::once(*name).chain(aliases.iter().copied()))
        .collect();
    json_schema!({ "type": "string", "enum": values })
}

fn id(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "number"], "description": "编号（在议题内唯一）/ id" })
}

fn ids(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "anyOf": [ { "type": ["string", "number"] }, { "type": "array", "items": { "type": ["string", "number"] } } ] })
}

fn formats(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "anyOf": [
        { "enum": ["md", "html", "pdf", "docx"] },
        { "type": "array", "items": { "enum": ["md", "html", "pdf", "docx"] } }
    ] })
}

fn texts(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "anyOf": [ { "type": "string" }, { "type": "array", "items": { "type": "string" } } ] })
}

fn date(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "pattern": "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$", "description": "日期，写成 2020-06-23 / a date, YYYY-MM-DD" })
}

fn status(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "description": "状态：状态等级表里的 key、中文名或别名，如 A、已落实 / a status key, label or alias" })
}

fn percent(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "number", "minimum": 0, "maximum": 100 })
}

fn weight(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "number", "minimum": 0, "maximum": crate::case::reader::MAX_WEIGHT, "description": "汇总权重，默认 1 / weight in totals, default 1" })
}

fn count(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "integer", "minimum": 0, "maximum": crate::case::reader::MAX_COUNT })
}

fn flag(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "boolean" })
}

fn text(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": ["string", "number"], "minLength": 1 })
}

fn lang(_: &mut SchemaGenerator) -> Schema {
    json_schema!({ "type": "string", "enum": ["zh", "en"] })
}

fn unreported(_: &mut SchemaGenerator) -> Schema {
    choices(crate::case::config::UNREPORTED)
}
fn priority(_: &mut SchemaGenerator) -> Schema {
    choices(records::PRIORITIES)
}
fn reply_kind(_: &mut SchemaGenerator) -> Schema {
    choices(records::REPLY_KINDS)
}
fn adoption(_: &mut SchemaGenerator) -> Schema {
    choices(records::ADOPTIONS)
}
fn meeting_kind(_: &mut SchemaGenerator) -> Schema {
    choices(records::MEETING_KINDS)
}
fn feedback_kind(_: &mut SchemaGenerator) -> Schema {
    choices(records::FEEDBACK_KINDS)
}
fn outcome(_: &mut SchemaGenerator) -> Schema {
    choices(records::ISSUE_OUTCOMES)
}
fn decision(_: &mut SchemaGenerator) -> Schema {
    choices(records::DECISIONS)
}

/// rexieshang.yaml：仓库配置 / repository configuration
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ConfigFile {
    /// 委员会名称 / committee name
    committee: Option<String>,
    /// 简报版头的发文机关，默认同委员会名称 / issuing office on a brief's masthead (default: the committee)
    office: Option<String>,
    /// 提示和简报的语言 / language of messages and briefs
    #[schemars(schema_with = "lang")]
    #[serde(default)]
    lang: Option<String>,
    /// 简报输出文件夹 / output folder
    output_dir: Option<String>,
    /// 不写 --format 时 report 生成的格式：md、html、pdf、docx，一个或一个列表 / the formats report writes without --format
    #[schemars(schema_with = "formats")]
    #[serde(default)]
    format: Option<Vec<String>>,
    /// 委员评议的落实度比当时的单位自评低这么多个百分点及以上，即使状态相同也算“评议低于自评” / an assessment this many
    /// points below the claim it judged is a dispute
    #[schemars(range(min = 0, max = 100))]
    dispute_points: Option<f64>,
    /// 委员评议表不留姓名栏（匿名评议） / members' assessment forms without a name line
    #[schemars(schema_with = "flag")]
    #[serde(default)]
    anonymous_forms: Option<bool>,
    /// 督办通知：逾期超过这么多天（或重点建议逾期）的为“重点督办” / a notice is red for items overdue more than this
    /// many days (or overdue and high priority)
    #[schemars(range(min = 0, max = 3650))]
    notice_red_days: Option<u32>,
    /// 未反馈的建议：zero 按 0% 计入，exclude 不计入分母 / how unreported items count
    #[schemars(schema_with = "unreported")]
    #[serde(default)]
    unreported: Option<String>,
    /// 红黄绿灯 / traffic-light bands
    traffic_lights: Option<Lights>,
    /// 状态等级表（写了就替换默认表）/ the status scale
    status_scale: Option<Vec<StatusLevel>>,
}

/// 红黄绿灯 / traffic lights
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Lights {
    /// ≤ 此值为红灯 / red at or below
    #[schemars(schema_with = "percent")]
    #[serde(default)]
    red_max: Option<f64>,
    /// > 此值为绿灯 / green above
    #[schemars(schema_with = "percent")]
    #[serde(default)]
    green_above: Option<f64>,
    /// 逾期且低于此值为红灯 / overdue and below: red
    #[schemars(schema_with = "percent")]
    #[serde(default)]
    overdue_red_below: Option<f64>,
}

/// 一个状态等级 / one status level
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct StatusLevel {
    /// 简写，如 A / key
    #[schemars(schema_with = "text")]
    key: String,
    /// 中文名 / Chinese label
    zh: String,
    /// 英文名 / English label
    en: Option<String>,
    /// 折算落实度 0–100 / degree
    #[schemars(schema_with = "percent")]
    degree: f64,
    /// 是否终结 / final
    #[schemars(schema_with = "flag")]
    #[serde(default)]
    r#final: Option<bool>,
    /// 是否不计入汇总 / excluded from totals
    #[schemars(schema_with = "flag")]
    #[serde(default)]
    excluded: Option<bool>,
    /// 是否属于“暂不能解决或留作参考” / cannot be solved for now, or kept for reference
    #[schemars(schema_with = "flag")]
    #[serde(default)]
    blocked: Option<bool>,
    /// 其他写法 / other spellings
    #[schemars(schema_with = "texts")]
    #[serde(default)]
    aliases: Option<Vec<String>>,
    /// 相容的最低进度 / lowest consistent progress
    #[schemars(schema_with = "percent")]
    #[serde(default)]
    min_progress: Option<f64>,
    /// 相容的最高进度 / highest consistent progress
    #[schemars(schema_with = "percent")]
    #[serde(default)]
    max_progress: Option<f64>,
}

/// case.yaml：议题 / a case
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CaseFile {
    /// 协商议题 / the topic
    #[schemars(schema_with = "text")]
    title: String,
    /// 议题已办结 / the case is closed
    #[schemars(schema_with = "flag")]
    #[serde(default)]
    closed: Option<bool>,
    /// 标签 / tags
    #[schemars(schema_with = "texts")]
    #[serde(default)]
    tags: Option<Vec<String>>,
    /// 委员会 / committee
    committee: Option<String>,
    /// 说明 / note
    note: Option<String>,
    /// 背景段落 / background paragraph
    background: Option<String>,
    /// 初次协商时指出的问题 / problems named at the initial consultation
    #[schemars(schema_with = "texts")]
    #[serde(default)]
    problems: Option<Vec<String>>,
    /// 建议案 / the proposal
    proposal: Proposal,
    /// 领导批示 / instructions
    instructions: Option<Vec<Instruction>>,
    /// 承办单位 / departments
    #[serde(default)]
    departments: Option<Vec<Department>>,
    /// 方面 / aspects
    aspects: Vec<Aspect>,
    /// 建议 / recommendations
    recommendations: Vec<Recommendation>,
}

/// 建议案 / proposal
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Proposal {
    /// 标题 / title
    #[schemars(schema_with = "text")]
    title: String,
    /// 类别，如 常委会议建议案 / kind
    kind: Option<String>,
    /// 通过的会议 / adopting meeting
    meeting: Option<String>,
    /// 通过日期 / date adopted
    #[schemars(schema_with = "date")]
    adopted: String,
    /// 文号 / document number
    doc_no: Option<String>,
}

/// 批示 / instruction
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Instruction {
    /// 日期 / date
    #[schemars(schema_with = "date")]
    date: String,
    /// 批示人，如 市长 / by
    #[schemars(schema_with = "text")]
    by: String,
    /// 批示内容 / text
    #[schemars(schema_with = "text")]
    text: String,
}

/// 承办单位 / department
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Department {
    /// 简称，引用时用 / short id
    #[schemars(schema_with = "id")]
    id: String,
    /// 全称 / full name
    name: Option<String>,
}

/// 方面 / aspect
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Aspect {
    /// 编号 / id
    #[schemars(schema_with = "id")]
    id: String,
    /// 标题 / title
    #[schemars(schema_with = "text")]
    title: String,
}

/// 建议 / recommendation
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Recommendation {
    /// 编号 / id
    #[schemars(schema_with = "id")]
    id: String,
    /// 所属方面 / aspect id
    #[schemars(schema_with = "id")]
    aspect: String,
    /// 简称 / short title
    title: Option<String>,
    /// 建议原文 / text
    #[schemars(schema_with = "text")]
    text: String,
    /// 主办单位（交办前可以没有）/ lead department (may be missing before assignment)
    #[schemars(schema_with = "id")]
    #[serde(default)]
    lead: Option<String>,
    /// 协办单位 / support departments
    #[schemars(schema_with = "ids")]
    #[serde(default)]
    support: Option<Vec<String>>,
    /// 交办日期 / assigned
    #[schemars(schema_with = "date")]
    #[serde(default)]
    assigned: Option<String>,
    /// 办理期限 / due
    #[schemars(schema_with = "date")]
    #[serde(default)]
    due: Option<String>,
    /// 权重 / weight
    #[schemars(schema_with = "weight")]
    #[serde(default)]
    weight: Option<f64>,
    /// 重点 / priority
    #[schemars(schema_with = "priority")]
    #[serde(default)]
    priority: Option<String>,
    /// 举措 / measures
    measures: Option<Vec<Measure>>,
    /// 提出这条建议的会议日期 / date of the meeting that added it
    #[schemars(schema_with = "date")]
    #[serde(default)]
    added: Option<String>,
    /// 修订自 / revised from
    #[schemars(schema_with = "id")]
    #[serde(default)]
    revised_from: Option<String>,
    /// 拆分为 / split into
    #[schemars(schema_with = "ids")]
    #[serde(default)]
    split_into: Option<Vec<String>>,
    /// 并入 / merged into
    #[schemars(schema_with = "id")]
    #[serde(default)]
    merged_into: Option<String>,
    /// 被取代 / superseded by
    #[schemars(schema_with = "id")]
    #[serde(default)]
    superseded_by: Option<String>,
}

/// 举措 / measure
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Measure {
    /// 编号 / id
    #[schemars(schema_with = "id")]
    id: String,
    /// 内容 / text
    #[schemars(schema_with = "text")]
    text: String,
    /// 目标日期 / target date
    #[schemars(schema_with = "date")]
    #[serde(default)]
    due: Option<String>,
    /// 权重 / weight
    #[schemars(schema_with = "weight")]
    #[serde(default)]
    weight: Option<f64>,
}

/// replies/*.yaml：复文或办理情况 / a reply
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReplyFile {
    /// 来文单位 / department id
    #[schemars(schema_with = "id")]
    department: String,
    /// 来文日期 / date
    #[schemars(schema_with = "date")]
    date: String,
    /// 类别 / kind
    #[schemars(schema_with = "reply_kind")]
    #[serde(default)]
    kind: Option<String>,
    /// 标题 / title
    title: Option<String>,
    /// 文号 / document number
    doc_no: Option<String>,
    /// 逐条内容 / items
    items: Option<Vec<ReplyItem>>,
}

/// 复文中的一条 / reply item
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ReplyItem {
    /// 建议编号 / recommendation id
    #[schemars(schema_with = "id")]
    rec: String,
    /// 举措编号 / measure id
    #[schemars(schema_with = "id")]
    #[serde(default)]
    measure: Option<String>,
    /// 单位自评状态 / claimed status
    #[schemars(schema_with = "status")]
    #[serde(default)]
    status: Option<String>,
    /// 进度 0–100 / progress
    #[schemars(schema_with = "percent")]
    #[serde(default)]
    progress: Option<f64>,
    /// 是否采纳 / adoption
    #[schemars(schema_with = "adoption")]
    #[serde(default)]
    adoption: Option<String>,
    /// 概述 / summary
    summary: Option<String>,
    /// 已做的工作 / actions
    actions: Option<Vec<Action>>,
    /// 困难 / obstacles
    obstacles: Option<String>,
    /// 下一步 / next steps
    next_steps: Option<Vec<Step>>,
    /// 调整后的期限 / revised due date
    #[schemars(schema_with = "date")]
    #[serde(default)]
    revised_due: Option<String>,
    /// 调整原因 / reason
    revised_due_reason: Option<String>,
}

/// 办理举措 / action
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Action {
    /// 日期 / date
    #[schemars(schema_with = "date")]
    #[serde(default)]
    date: Option<String>,
    /// 内容 / text
    #[schemars(schema_with = "text")]
    text: String,
    /// 证明材料 / evidence
    #[schemars(schema_with = "texts")]
    #[serde(default)]
    evidence: Option<Vec<String>>,
}

/// 下一步 / next step
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Step {
    /// 内容 / text
    #[schemars(schema_with = "text")]
    text: String,
    /// 目标日期 / target
    #[schemars(schema_with = "date")]
    #[serde(default)]
    target: Option<String>,
}

/// meetings/*.yaml：会议 / a meeting
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MeetingFile {
    /// 日期 / date
    #[schemars(schema_with = "date")]
    date: String,
    /// initial 初次协商 / reconsultation 再协商
    #[schemars(schema_with = "meeting_kind")]
    kind: String,
    /// 会议名称 / title
    title: Option<String>,
    /// 计划中 / planned
    #[schemars(schema_with = "flag")]
    #[serde(default)]
    planned: Option<bool>,
    /// 说明 / note
    note: Option<String>,
    /// 概况 / summary
    summary: Option<String>,
    /// 出席 / attendees
    attendees: Option<Attendees>,
    /// 委员评议 / assessments
    assessments: Option<Vec<Assessment>>,
    /// 部门反向评议 / department feedback
    feedback: Option<Vec<Feedback>>,
    /// 新问题新建议 / new issues
    new_issues: Option<Vec<NewIssue>>,
    /// 会议决定 / decisions
    decisions: Option<Vec<Decision>>,
}

/// 出席 / attendees
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Attendees {
    /// 委员 / members
    #[schemars(schema_with = "texts")]
    #[serde(default)]
    members: Option<Vec<String>>,
    /// 单位 / departments
    #[schemars(schema_with = "ids")]
    #[serde(default)]
    departments: Option<Vec<String>>,
}

/// 评议 / assessment
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Assessment {
    /// 建议编号 / recommendation id
    #[schemars(schema_with = "id")]
    rec: String,
    /// 委员评议状态 / assessed status
    #[schemars(schema_with = "status")]
    #[serde(default)]
    status: Option<String>,
    /// 进度 / progress
    #[schemars(schema_with = "percent")]
    #[serde(default)]
    progress: Option<f64>,
    /// 满意度 / satisfaction
    satisfaction: Option<SatisfactionCounts>,
    /// 意见 / comment
    comment: Option<String>,
}

/// 满意度人数 / satisfaction counts
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct SatisfactionCounts {
    /// 满意 / satisfied
    #[schemars(schema_with = "count")]
    #[serde(default)]
    satisfied: Option<u32>,
    /// 基本满意 / basically satisfied
    #[schemars(schema_with = "count")]
    #[serde(default)]
    basic: Option<u32>,
    /// 不满意 / dissatisfied
    #[schemars(schema_with = "count")]
    #[serde(default)]
    unsatisfied: Option<u32>,
}

/// 反向评议 / feedback
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Feedback {
    /// 单位 / department id
    #[schemars(schema_with = "id")]
    department: String,
    /// 建议编号 / recommendation id
    #[schemars(schema_with = "id")]
    #[serde(default)]
    rec: Option<String>,
    /// 类别 / kind
    #[schemars(schema_with = "feedback_kind")]
    #[serde(default)]
    kind: Option<String>,
    /// 内容 / text
    #[schemars(schema_with = "text")]
    text: String,
}

/// 新问题 / new issue
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct NewIssue {
    /// 编号 / id
    #[schemars(schema_with = "id")]
    #[serde(default)]
    id: Option<String>,
    /// 内容 / text
    #[schemars(schema_with = "text")]
    text: String,
    /// 提出人 / raised by
    raised_by: Option<String>,
    /// 结果 / outcome
    #[schemars(schema_with = "outcome")]
    #[serde(default)]
    outcome: Option<String>,
    /// 转成的建议 / the recommendation it became
    #[schemars(schema_with = "id")]
    #[serde(default)]
    became: Option<String>,
}

/// 会议决定 / decision
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
struct Decision {
    /// 建议编号 / recommendation id
    #[schemars(schema_with = "id")]
    rec: String,
    /// close 办结 / revise 修改 / carry_over 继续督办
    #[schemars(schema_with = "decision")]
    action: String,
    /// 说明 / note
    note: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::reader::Reader;
    use serde_json::Value;
    use std::collections::BTreeSet;

    /// A document with every property of every object, built from the schema.
    fn sample(schema: &Value, root: &Value) -> Value {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/definitions/");
            return sample(&root["definitions"][name], root);
        }
        if let Some(e) = schema.get("enum") {
            return e[0].clone();
        }
        if let Some(any) = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .or_else(|| schema.get("allOf"))
        {
            let first = any
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s.get("type") != Some(&Value::from("null")))
                .unwrap();
            return sample(first, root);
        }
        let ty = match &schema["type"] {
            Value::Array(types) => types.iter().find(|t| *t != "null").cloned().unwrap(),
            t => t.clone(),
        };
        match ty.as_str().unwrap_or_else(|| panic!("no type in {schema}")) {
            "object" => Value::Object(
                schema["properties"]
                    .as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), sample(v, root)))
                    .collect(),
            ),
            "array" => Value::Array(vec![sample(&schema["items"], root)]),
            "string" if schema.get("pattern").is_some() => Value::from("2020-01-01"),
            "string" => Value::from("x"),
            "boolean" => Value::from(false),
            _ => Value::from(1),
        }
    }

    fn object_key_sets(schema: &Value) -> BTreeSet<Vec<String>> {
        let keys = |o: &Value| {
            let mut k: Vec<String> = o["properties"]
                .as_object()
                .unwrap()
                .keys()
                .cloned()
                .collect();
            k.sort();
            k
        };
        let mut out = BTreeSet::from([keys(schema)]);
        for def in schema["definitions"]
            .as_object()
            .into_iter()
            .flat_map(|m| m.values())
        {
            if def.get("properties").is_some() {
                out.insert(keys(def));
            }
        }
        out
    }

    #[test]
    fn schemas_and_the_reader_accept_exactly_the_same_fields() {
        let cfg = crate::case::config::Config::default();
        for (kind, _) in KINDS {
            let schema: Value = serde_json::from_str(&schema_json(kind).unwrap()).unwrap();
            let doc = serde_json::to_string(&sample(&schema, &schema)).unwrap();
            let node = crate::case::yaml::parse(&doc).unwrap();
            let mut r = Reader::recording("sample.yaml");
            match *kind {
                "config" => {
                    crate::case::config::Config::from_node(&node, &mut r);
                }
                "case" => {
                    crate::case::records::read_case("t", &node, &mut r);
                }
                "reply" => {
                    crate::case::records::read_reply(&node, &mut r, &cfg);
                }
                _ => {
                    crate::case::records::read_meeting(&node, &mut r, &cfg);
                }
            }
            let unknown: Vec<_> = r
                .diags
                .iter()
                .filter(|d| d.code == crate::diag::Code::E201)
                .map(|d| d.message.en.clone())
                .collect();
            assert!(
                unknown.is_empty(),
                "{kind}: the schema allows fields the reader rejects: {unknown:?}"
            );
            let read: BTreeSet<Vec<String>> = r
                .fields_seen
                .unwrap()
                .into_iter()
                .map(|k| {
                    let mut v: Vec<String> = k.into_iter().map(String::from).collect();
                    v.sort();
                    v
                })
                .collect();
            assert_eq!(
                read,
                object_key_sets(&schema),
                "{kind}: reader and schema disagree on some mapping's fields"
            );
        }
    }
}
