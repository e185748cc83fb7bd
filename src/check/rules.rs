//! Semantic checks over a loaded case: duplicate ids, references that point nowhere, dates out of order or past
//! the cut-off, progress that contradicts its status, lineage cycles. Pure: a case, the config and a date in,
//! diagnostics out.

use crate::case::config::Config;
use crate::case::model::*;
use crate::diag::Code;
use crate::diag::Diagnostic;
use crate::fmt::date::iso;
use crate::fmt::text::{folded, look_alike, nearest};
use crate::lang::Text;
use crate::tx;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Runs every check on one case.
pub fn check_case(case: &Case, cfg: &Config, as_of: NaiveDate) -> Vec<Diagnostic> {
    let mut c = Checker {
        case,
        cfg,
        as_of,
        out: Vec::new(),
    };
    c.duplicates();
    c.case_references();
    c.lineage_cycles();
    for reply in &case.replies {
        c.reply(reply);
    }
    c.meetings();
    c.out
}

struct Checker<'a> {
    case: &'a Case,
    cfg: &'a Config,
    as_of: NaiveDate,
    out: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn push(&mut self, file: &str, d: Diagnostic) {
        self.out.push(d.in_file(file.to_string()));
    }

    fn duplicates(&mut self) {
        let file = self.case.file.clone();
        let mut groups: Vec<(Text, Vec<&Id>)> = vec![
            (
                tx!("承办单位", "department"),
                self.case.departments.iter().map(|d| &d.id).collect(),
            ),
            (
                tx!("方面", "aspect"),
                self.case.aspects.iter().map(|a| &a.id).collect(),
            ),
            (
                tx!("建议", "recommendation"),
                self.case.recommendations.iter().map(|r| &r.id).collect(),
            ),
        ];
        for rec in &self.case.recommendations {
            groups.push((
                tx!("建议 {} 的举措", "measure of {}"; rec.id.value, rec.id.value),
                rec.measures.iter().map(|m| &m.id).collect(),
            ));
        }
        for (noun, ids) in groups {
            let mut first: BTreeMap<&str, &Id> = BTreeMap::new();
            for id in ids {
                if let Some(prev) = first.get(id.value.as_str()) {
                    let (v, line) = (&id.value, prev.pos.line);
                    self.push(
                        &file,
                        Diagnostic::error(Code::E401, tx!("{}编号 `{v}` 重复（第 {line} 行已用过）", "duplicate {} id `{v}` (already used on line {line})"; noun.zh, noun.en))
                            .at(id.pos)
                            .help(tx!("每个编号在议题内只能用一次；改成一个新编号，并同步修改引用它的记录。", "Each id may be used once in a case; give this one a new id and update the records that refer to it.")),
                    );
                } else {
                    first.insert(&id.value, id);
                }
            }
            self.look_alikes(&file, &noun, first.values().copied());
        }
        let mut issue_ids: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
        for m in &self.case.meetings {
            for id in m.new_issues.iter().filter_map(|i| i.id.as_ref()) {
                if let Some((f, line)) = issue_ids.get(id.value.as_str()) {
                    let (v, f, line) = (&id.value, f.to_string(), *line);
                    self.push(
                        &m.file,
                        Diagnostic::error(
                            Code::E401,
                            tx!(
                                "新问题编号 `{v}` 重复（{f} 第 {line} 行已用过）",
                                "duplicate new-issue id `{v}` (already used in {f} line {line})"
                            ),
                        )
                        .at(id.pos)
                        .help(tx!("给它换一个新编号。", "Give it a new id.")),
                    );
                } else {
                    issue_ids.insert(&id.value, (&m.file, id.pos.line));
                }
            }
        }
    }

    /// Warns about ids of one kind that differ only in full-width/half-width or Unicode form (`1.1` and `１.１`):
    /// on paper they are the same id, and a reference meant for one silently lands on the other.
    fn look_alikes<'i>(&mut self, file: &str, noun: &Text, ids: impl Iterator<Item = &'i Id>) {
        let mut seen: BTreeMap<String, &Id> = BTreeMap::new();
        let mut ids: Vec<&Id> = ids.collect();
        ids.sort_by_key(|id| id.pos.start);
        for id in ids {
            match seen.get(&folded(&id.value)) {
                Some(prev) => {
                    let (v, p, line) = (&id.value, &prev.value, prev.pos.line);
                    self.push(
                        file,
                        Diagnostic::warning(Code::W413, tx!("{}编号 `{v}` 和第 {line} 行的 `{p}` 只差全角／半角或字符写法", "{} id `{v}` differs from `{p}` on line {line} only in full-width/half-width or character form"; noun.zh, noun.en))
                            .at(id.pos)
                            .help(tx!("打印出来两者看不出区别，引用时很容易写错。统一用半角字符，给其中一个换个编号。", "Printed, the two look the same and references easily go to the wrong one. Use half-width characters and give one of them another id.")),
                    );
                }
                None => {
                    seen.insert(folded(&id.value), id);
                }
            }
        }
    }

    /// Reports a reference to an unknown id, suggesting the nearest one.
    fn reference(&mut self, file: &str, id: &Id, kind: Ref) {
        let incomplete = match kind {
            Ref::Department => self.case.incomplete.departments,
            Ref::Aspect => self.case.incomplete.aspects,
            Ref::Rec => self.case.incomplete.recommendations,
        };
        let v = id.value.as_str();
        let found = match kind {
            Ref::Department => self.case.departments.iter().any(|d| d.id.value == v),
            Ref::Aspect => self.case.aspects.iter().any(|a| a.id.value == v),
            Ref::Rec => self.case.recommendations.iter().any(|r| r.id.value == v),
        };
        // An empty id was already reported as missing; a list with broken items would give false alarms.
        if v.is_empty() || incomplete || found {
            return;
        }
        let known: Vec<&str> = match kind {
            Ref::Department => self
                .case
                .departments
                .iter()
                .map(|d| d.id.value.as_str())
                .collect(),
            Ref::Aspect => self
                .case
                .aspects
                .iter()
                .map(|a| a.id.value.as_str())
                .collect(),
            Ref::Rec => self
                .case
                .recommendations
                .iter()
                .map(|r| r.id.value.as_str())
                .collect(),
        };
        let (code, noun, list_key) = match kind {
            Ref::Department => (Code::E403, tx!("承办单位", "department"), "departments"),
            Ref::Aspect => (Code::E402, tx!("方面", "aspect"), "aspects"),
            Ref::Rec => (Code::E404, tx!("建议", "recommendation"), "recommendations"),
        };
        let hint = match nearest(v, known.iter().copied()) {
            Some(s) if look_alike(v, s) => tx!(
                "它和 `{s}` 只差全角／半角或字符写法，你是不是想写 `{s}`？",
                "It differs from `{s}` only in full-width/half-width or character form: did you mean `{s}`? "
            ),
            Some(s) => tx!("你是不是想写 `{s}`？", "Did you mean `{s}`? "),
            None => tx!("", ""),
        };
        let case_file = &self.case.file;
        self.push(
            file,
            Diagnostic::error(
                code,
                tx!("找不到{} `{v}`", "unknown {} `{v}`"; noun.zh, noun.en),
            )
            .at(id.pos)
            .label(tx!(
                "{case_file} 里没有这个编号",
                "not an id in {case_file}'s {list_key}"
            ))
            .help(tx!(
                "{}引用的编号必须在 {case_file} 的 `{list_key}` 里定义。",
                "{}References must use an id defined under `{list_key}` in {case_file}.";
                hint.zh, hint.en
            )),
        );
    }

    fn case_references(&mut self) {
        let case = self.case;
        let file = case.file.as_str();
        for ins in &case.instructions {
            self.not_before_adoption(file, &ins.date, tx!("批示", "instruction"));
            self.not_after_cutoff(file, &ins.date, tx!("批示", "instruction"));
        }
        let meeting_dates: BTreeSet<NaiveDate> =
            case.meetings.iter().map(|m| m.date.value).collect();
        for rec in &case.recommendations {
            self.reference(file, &rec.aspect, Ref::Aspect);
            // An empty lead is a recommendation not yet assigned (W217 when read).
            if !rec.lead.value.is_empty() {
                self.reference(file, &rec.lead, Ref::Department);
            }
            for s in &rec.support {
                self.reference(file, s, Ref::Department);
            }
            for target in rec
                .revised_from
                .iter()
                .chain(&rec.split_into)
                .chain(&rec.merged_into)
                .chain(&rec.superseded_by)
            {
                self.reference(file, target, Ref::Rec);
                if target.value == rec.id.value {
                    let v = &rec.id.value;
                    self.push(
                        file,
                        Diagnostic::error(
                            Code::E409,
                            tx!(
                                "建议 `{v}` 的沿革指向了它自己",
                                "recommendation `{v}`'s lineage points at itself"
                            ),
                        )
                        .at(target.pos)
                        .help(tx!(
                            "沿革字段应指向另一条建议。",
                            "Lineage fields must name another recommendation."
                        )),
                    );
                }
            }
            self.rec_dates(rec, &meeting_dates);
            if rec.weight.value == 0.0 {
                let v = &rec.id.value;
                self.push(
                    file,
                    Diagnostic::warning(Code::W408, tx!("建议 `{v}` 的权重为 0，不会计入任何汇总", "recommendation `{v}` has weight 0 and counts in no total"))
                        .at(rec.weight.pos)
                        .help(tx!("若确实不计入，请改用“不再适用”状态并说明原因；否则删去 weight 行（默认 1）。", "To leave it out, use the “no longer applicable” status with a reason; otherwise delete the weight line (default 1).")),
                );
            }
        }
    }

    /// A recommendation's dates: assigned after adoption, due after assigned, `added` naming a meeting.
    fn rec_dates(&mut self, rec: &Recommendation, meeting_dates: &BTreeSet<NaiveDate>) {
        let case = self.case;
        let file = case.file.as_str();
        let adopted = case.proposal.adopted.value;
        if let Some(a) = &rec.assigned {
            self.not_before_adoption(file, a, tx!("交办日期", "assignment date"));
        }
        if let (Some(a), Some(d)) = (&rec.assigned, &rec.due)
            && d.value < a.value
        {
            let (dd, aa) = (iso(d.value), iso(a.value));
            self.push(
                file,
                Diagnostic::warning(Code::W503, tx!("办理期限 {dd} 早于交办日期 {aa}", "due date {dd} is before the assignment date {aa}"))
                    .at(d.pos)
                    .help(tx!("核对两个日期；实践中书面答复期限一般为交办后 3 个月，最长 6 个月。", "Check both dates; a written reply is usually due 3 months after assignment, 6 at most.")),
            );
        }
        // A meeting file that could not be read is reported on its own; what follows from it is not repeated.
        let unread = |d: NaiveDate| {
            case.incomplete
                .meetings
                .iter()
                .any(|m| m.is_none_or(|m| m == d))
        };
        if let Some(added) = &rec.added
            && added.value != adopted
            && !meeting_dates.contains(&added.value)
            && !unread(added.value)
        {
            let d = iso(added.value);
            self.push(
                file,
                Diagnostic::error(Code::E406, tx!("`added` 的日期 {d} 既不是建议案通过日期，也没有这一天的会议记录", "`added` is {d}, neither the adoption date nor the date of a meeting file"))
                    .at(added.pos)
                    .help(tx!("`added` 写提出这条建议的会议日期，并在 meetings/ 里有这次会议的文件。", "`added` names the date of the meeting that added the recommendation; that meeting needs a file in meetings/.")),
            );
        }
    }

    fn lineage_cycles(&mut self) {
        // Edges run from an older recommendation to the one that continues it.
        let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for rec in &self.case.recommendations {
            let id = rec.id.value.as_str();
            if let Some(from) = &rec.revised_from {
                next.entry(from.value.as_str()).or_default().push(id);
            }
            for to in rec
                .split_into
                .iter()
                .chain(&rec.merged_into)
                .chain(&rec.superseded_by)
            {
                next.entry(id).or_default().push(to.value.as_str());
            }
        }
        let mut reported: BTreeSet<String> = BTreeSet::new();
        for rec in &self.case.recommendations {
            let start = rec.id.value.as_str();
            if let Some(cycle) = find_cycle(start, &next)
                && !cycle.iter().any(|c| reported.contains(*c))
            {
                reported.extend(cycle.iter().map(|s| s.to_string()));
                let path = cycle.join(" → ");
                let file = self.case.file.clone();
                self.push(
                    &file,
                    Diagnostic::error(Code::E409, tx!("建议的沿革形成了循环：{path} → {start}", "recommendation lineage forms a cycle: {path} → {start}"))
                        .at(rec.id.pos)
                        .help(tx!("沿革只能从旧建议指向新建议（revised_from 指旧的，split_into / merged_into / superseded_by 指新的）；删掉其中一个指向。", "Lineage runs from old to new (revised_from names the older one; split_into, merged_into and superseded_by name newer ones); remove one of these links.")),
                );
            }
        }
    }

    fn reply(&mut self, reply: &Reply) {
        let file = reply.file.as_str();
        self.reference(file, &reply.department, Ref::Department);
        self.not_before_adoption(file, &reply.date, tx!("复文", "reply"));
        self.not_after_cutoff(file, &reply.date, tx!("复文", "reply"));
        let dept = reply.department.value.as_str();
        for item in &reply.items {
            self.reference(file, &item.rec, Ref::Rec);
            let Some(rec) = self.case.rec(&item.rec.value) else {
                continue;
            };
            if let Some(m) = &item.measure
                && !rec.measures.iter().any(|x| x.id.value == m.value)
            {
                let (v, r) = (&m.value, &rec.id.value);
                let known: Vec<&str> = rec.measures.iter().map(|x| x.id.value.as_str()).collect();
                let listed = if known.is_empty() {
                    "—".to_string()
                } else {
                    known.join("、")
                };
                self.push(
                    file,
                    Diagnostic::error(
                        Code::E405,
                        tx!(
                            "建议 `{r}` 下没有举措 `{v}`",
                            "recommendation `{r}` has no measure `{v}`"
                        ),
                    )
                    .at(m.pos)
                    .help(tx!("这条建议的举措：{listed}。", "Its measures: {listed}.")),
                );
            }
            if rec.lead.value != dept
                && !rec.support.iter().any(|s| s.value == dept)
                && self.case.department(dept).is_some()
            {
                let r = &rec.id.value;
                self.push(
                    file,
                    Diagnostic::warning(Code::W410, tx!("`{dept}` 不是建议 `{r}` 的主办或协办单位", "`{dept}` is neither lead nor support for recommendation `{r}`"))
                        .at(item.rec.pos)
                        .help(tx!("若确有交办，请在 case.yaml 里把它加入该建议的 support；否则核对建议编号。", "If it was assigned, add it to the recommendation's `support` in case.yaml; otherwise check the id.")),
                );
            }
            self.progress_matches_status(file, item.status.as_ref(), item.progress.as_ref());
            for a in &item.actions {
                if let Some(d) = &a.date {
                    self.not_after_cutoff(file, d, tx!("办理举措", "action"));
                }
            }
            if item.revised_due.is_some() && item.revised_due_reason.is_none() {
                let pos = item.revised_due.as_ref().map(|d| d.pos).unwrap_or_default();
                self.push(
                    file,
                    Diagnostic::warning(
                        Code::W504,
                        tx!(
                            "调整了办理期限，但没有写原因",
                            "the due date was revised without a reason"
                        ),
                    )
                    .at(pos)
                    .help(tx!(
                        "加一行 `revised_due_reason: …` 说明为什么延期；简报会列出。",
                        "Add `revised_due_reason: …`; the brief shows it."
                    )),
                );
            }
        }
    }

    fn progress_matches_status(
        &mut self,
        file: &str,
        status: Option<&crate::case::reader::At<usize>>,
        progress: Option<&crate::case::reader::At<f64>>,
    ) {
        let (Some(s), Some(p)) = (status, progress) else {
            return;
        };
        let Some(level) = self.cfg.scale.get(s.value) else {
            return;
        };
        if p.value < level.min_progress || p.value > level.max_progress {
            let (pv, key, label, lo, hi) = (
                p.value,
                &level.key,
                &level.zh,
                level.min_progress,
                level.max_progress,
            );
            self.push(
                file,
                Diagnostic::error(Code::E407, tx!("进度 {pv}% 与状态 {key}（{label}）不符", "progress {pv}% contradicts status {key} ({label})"))
                    .at(p.pos)
                    .help(tx!("状态 {key} 的进度应在 {lo}% 到 {hi}% 之间；请核对原始复文，改正进度或状态。", "Status {key} allows progress from {lo}% to {hi}%; check the source document and correct one of them.")),
            );
        }
    }

    fn meetings(&mut self) {
        let mut dates: BTreeMap<NaiveDate, String> = BTreeMap::new();
        for m in &self.case.meetings {
            let file = m.file.as_str();
            if let Some(other) = dates.get(&m.date.value) {
                let (d, other) = (iso(m.date.value), other.clone());
                self.push(
                    file,
                    Diagnostic::error(
                        Code::E411,
                        tx!(
                            "{d} 已有会议记录 {other}",
                            "there is already a meeting file for {d}: {other}"
                        ),
                    )
                    .at(m.date.pos)
                    .help(tx!(
                        "同一天的会议只能有一个文件；把两份内容合并。",
                        "One file per meeting; merge the two."
                    )),
                );
            } else {
                dates.insert(m.date.value, m.file.clone());
            }
            self.not_before_adoption_meeting(m);
            self.meeting_date(m);
            self.meeting_records(m);
        }
    }

    /// A planned meeting should lie ahead and have no assessments yet; a held one not after the cut-off.
    fn meeting_date(&mut self, m: &Meeting) {
        let file = m.file.as_str();
        if m.planned {
            if m.date.value < self.as_of {
                let d = iso(m.date.value);
                self.push(
                file,
                Diagnostic::warning(Code::W505, tx!("计划中的会议日期 {d} 已过", "the planned meeting date {d} has passed"))
                    .at(m.date.pos)
                    .help(tx!("会议开过了就把 `planned: true` 删掉并补上评议；改期了就改日期。", "If it was held, remove `planned: true` and record the assessments; if it moved, change the date.")),
            );
            }
            // Blank assessments prepared by `new meeting` are fine; filled-in ones before the meeting are not.
            if m.assessments.iter().any(|a| {
                a.status.is_some()
                    || a.progress.is_some()
                    || a.satisfaction.is_some_and(|x| x != Satisfaction::default())
            }) {
                self.push(
                file,
                Diagnostic::warning(Code::W506, tx!("计划中的会议已经有评议记录", "a planned meeting already has assessments"))
                    .at(m.date.pos)
                    .help(tx!("评议在会后填写；会议开过后删掉 `planned: true`。", "Assessments are recorded after the meeting; remove `planned: true` once it is held.")),
            );
            }
        } else {
            self.not_after_cutoff(file, &m.date, tx!("会议", "meeting"));
        }
    }

    /// References in a meeting's records, and each recommendation assessed once.
    fn meeting_records(&mut self, m: &Meeting) {
        let file = m.file.as_str();
        for d in &m.departments {
            self.reference(file, d, Ref::Department);
        }
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for a in &m.assessments {
            self.reference(file, &a.rec, Ref::Rec);
            if let Some(line) = seen.get(a.rec.value.as_str()) {
                let (v, line) = (&a.rec.value, *line);
                self.push(
                    file,
                    Diagnostic::error(
                        Code::E412,
                        tx!(
                            "建议 `{v}` 在本次会议评议了两次（第 {line} 行）",
                            "recommendation `{v}` is assessed twice in this meeting (line {line})"
                        ),
                    )
                    .at(a.rec.pos)
                    .help(tx!(
                        "每次会议每条建议只评议一次；把两条合并。",
                        "Assess each recommendation once per meeting; merge the two."
                    )),
                );
            } else {
                seen.insert(&a.rec.value, a.rec.pos.line);
            }
            self.progress_matches_status(file, a.status.as_ref(), a.progress.as_ref());
        }
        for fb in &m.feedback {
            self.reference(file, &fb.department, Ref::Department);
            if let Some(r) = &fb.rec {
                self.reference(file, r, Ref::Rec);
            }
        }
        for i in &m.new_issues {
            if let Some(b) = &i.became {
                self.reference(file, b, Ref::Rec);
            }
        }
        for d in &m.decisions {
            self.reference(file, &d.rec, Ref::Rec);
        }
    }

    fn not_before_adoption_meeting(&mut self, m: &Meeting) {
        if m.kind == MeetingKind::Initial {
            return;
        }
        self.not_before_adoption(
            &m.file,
            &m.date,
            tx!("再协商会议", "re-consultation meeting"),
        );
    }

    fn not_before_adoption(&mut self, file: &str, date: &Date, what: Text) {
        let adopted = self.case.proposal.adopted.value;
        if date.value < adopted {
            let (d, a) = (iso(date.value), iso(adopted));
            self.push(
                file,
                Diagnostic::error(Code::E501, tx!("{}日期 {d} 早于建议案通过日期 {a}", "{} date {d} is before the proposal was adopted ({a})"; what.zh, what.en))
                    .at(date.pos)
                    .help(tx!("核对日期（常见是年份写错）；建议案通过前的事项不属于本议题的办理记录。", "Check the date (often a wrong year); nothing before adoption belongs to this case's handling.")),
            );
        }
    }

    fn not_after_cutoff(&mut self, file: &str, date: &Date, what: Text) {
        if date.value > self.as_of {
            let (d, c) = (iso(date.value), iso(self.as_of));
            self.push(
                file,
                Diagnostic::error(Code::E502, tx!("{}日期 {d} 晚于数据截止日期 {c}", "{} date {d} is after the cut-off date {c}"; what.zh, what.en))
                    .at(date.pos)
                    .help(tx!(
                        "核对日期（常见是年份写错）。未来的会议请加 `planned: true`；要查看更晚的数据，用 `--as-of` 指定截止日期。",
                        "Check the date (often a wrong year). Mark future meetings `planned: true`; to include later records, pass a later `--as-of`."
                    )),
            );
        }
    }
}

#[derive(Clone, Copy)]
enum Ref {
    Department,
    Aspect,
    Rec,
}

/// A cycle through `start`, as the list of ids on it, if one exists.
fn find_cycle<'a>(start: &'a str, next: &BTreeMap<&'a str, Vec<&'a str>>) -> Option<Vec<&'a str>> {
    // Depth-first search with an explicit stack, so long lineages cannot overflow the call stack.
    let mut stack: Vec<(&str, usize)> = vec![(start, 0)];
    let mut on_path: Vec<&str> = vec![start];
    let mut done: BTreeSet<&str> = BTreeSet::new();
    while let Some((node, i)) = stack.last().copied() {
        let succ = next.get(node).and_then(|v| v.get(i)).copied();
        match succ {
            Some(s) => {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                if s == start {
                    return Some(on_path.clone());
                }
                if !done.contains(s) && !on_path.contains(&s) {
                    stack.push((s, 0));
                    on_path.push(s);
                }
            }
            None => {
                done.insert(node);
                stack.pop();
                on_path.pop();
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycles_are_found_and_chains_are_not_cycles() {
        let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        next.insert("1", vec!["2"]);
        next.insert("2", vec!["3"]);
        assert_eq!(find_cycle("1", &next), None);
        next.insert("3", vec!["1"]);
        assert_eq!(find_cycle("1", &next), Some(vec!["1", "2", "3"]));
        assert_eq!(find_cycle("2", &next), Some(vec!["2", "3", "1"]));
    }
}
