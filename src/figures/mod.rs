//! The figures: implementation degree, claimed versus assessed status, and flags, per measure, recommendation,
//! aspect, department and case, at any cut-off date. Pure computation — a case, the config and a date in,
//! figures out; it never reads the clock or the disk.
//!
//! The rules (also printed by `explain` and documented in `docs/figures.md`):
//! - Only records dated on or before the cut-off count; planned meetings never count.
//! - A department's **claim** for a recommendation is its latest reply item about it (later date wins; on the
//!   same date, the later file and item). With measures, each measure's latest claim counts and the
//!   recommendation's claimed degree is the weighted mean of its measures — unless a whole-recommendation claim is
//!   newer than every measure claim.
//! - The members' **assessment** is the latest assessment at a held meeting.
//! - The **effective** figure is the newer of the two; on the same date the assessment wins.
//! - A record's degree is its explicit `progress`, else the degree of its status on the scale.
//! - Items whose status is excluded (e.g. N 不再适用), or that were superseded, merged or split by a recommendation
//!   already in force, leave every denominator and are listed with the reason.
//! - Items with no claim and no assessment are 未反馈 (unreported): counted as 0 or left out, as the config says,
//!   and always shown as their own state.
//! - Every aggregate is Σ weight × degree ÷ Σ weight over the items it actually used.
//!
//! The stages, each importing only those before it: [`cutoff`] (the case as it stood at a date) → [`index`] (its
//! records by recommendation) → [`mean`] (weighted means) → [`state`] (one recommendation's claim, assessment and
//! degree at a date) → [`aggregate`] (totals over recommendations) → [`light`] → [`rec`] (flags at the cut-off) →
//! [`case`] (all figures of a case); [`record`] lists the records behind one recommendation for `explain`.

pub mod aggregate;
pub mod case;
pub mod cutoff;
pub mod index;
pub mod light;
pub mod mean;
pub mod rec;
pub mod record;
pub mod state;

pub use aggregate::{Aggregate, StatusTally, aggregate};
pub use case::{Figures, Round, figures};
pub use light::{Light, light};
pub use mean::{Mean, weighted_mean};
pub use rec::{Dispute, Flags, RecFigure, STALL_DAYS, Stall};
pub use state::{Basis, Exclusion, MeasureFigure, Reading, RecState, Source, measure_terms};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::config::{Config, Unreported};
    use crate::case::model::{Case, Satisfaction};
    use crate::case::reader::Reader;
    use crate::case::records::{read_case, read_meeting, read_reply};
    use crate::case::yaml::parse;
    use chrono::NaiveDate;

    fn date(s: &str) -> NaiveDate {
        crate::fmt::date::parse_date(s).unwrap()
    }

    /// Builds a case from YAML texts, asserting they read cleanly.
    fn case(case_yaml: &str, replies: &[&str], meetings: &[&str], cfg: &Config) -> Case {
        let mut r = Reader::new("case.yaml");
        let mut c = read_case("t", &parse(case_yaml).unwrap(), &mut r).unwrap();
        for (i, y) in replies.iter().enumerate() {
            let mut rr = Reader::new(&format!("replies/{i}.yaml"));
            c.replies
                .push(read_reply(&parse(y).unwrap(), &mut rr, cfg).unwrap());
            assert!(rr.diags.is_empty(), "{:?}", rr.diags);
        }
        for (i, y) in meetings.iter().enumerate() {
            let mut rm = Reader::new(&format!("meetings/{i}.yaml"));
            c.meetings
                .push(read_meeting(&parse(y).unwrap(), &mut rm, cfg).unwrap());
            assert!(rm.diags.is_empty(), "{:?}", rm.diags);
        }
        c.replies
            .sort_by(|a, b| (a.date.value, &a.file).cmp(&(b.date.value, &b.file)));
        c.meetings.sort_by_key(|m| m.date.value);
        assert!(r.diags.is_empty(), "{:?}", r.diags);
        c
    }

    const HEAD: &str = "title: t\nproposal: {title: p, adopted: 2020-01-01}\ndepartments: [{id: 甲}, {id: 乙}]\naspects: [{id: 一, title: a}, {id: 二, title: b}]\n";

    fn reply(date: &str, items: &str) -> String {
        format!("department: 甲\ndate: {date}\nitems:\n{items}")
    }

    fn rec<'a>(f: &'a Figures, id: &str) -> &'a RecFigure {
        f.recs.iter().find(|r| r.id == id).unwrap()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn the_status_tally_counts_each_recommendation_once() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: a1, aspect: 一, text: x, lead: 甲}}\n  - {{id: a2, aspect: 一, text: x, lead: 甲}}\n  - {{id: p, aspect: 一, text: x, lead: 甲}}\n  - {{id: u, aspect: 一, text: x, lead: 甲}}\n  - {{id: old, aspect: 一, text: x, lead: 甲, split_into: [b]}}\n  - {{id: b, aspect: 一, text: x, lead: 甲}}\n"
        );
        let r = reply(
            "2020-02-01",
            "  - {rec: a1, status: A}\n  - {rec: a2, status: A}\n  - {rec: p, progress: 40}\n  - {rec: old, status: A}\n  - {rec: b, status: B}\n",
        );
        // Members confirm the claims; a later claim that says more is a state of its own until they look at it.
        let m = "date: 2020-02-15\nkind: reconsultation\nassessments:\n  - {rec: a1, status: A}\n  - {rec: a2, status: A}\n  - {rec: p, progress: 40}\n  - {rec: b, status: B}\n";
        let later = reply("2020-02-20", "  - {rec: b, status: A}\n");
        let tally = |replies: &[&str]| {
            let c = case(&y, replies, &[m], &cfg);
            figures(&c, &cfg, date("2020-03-01")).status_tally(cfg.scale.len())
        };
        let at = |t: &StatusTally, key: &str| {
            let i = cfg.scale.iter().position(|l| l.key == key).unwrap();
            t.levels[i]
        };
        // `old` is split, so its status A is not counted; `p` has progress only; `u` has nothing.
        let t = tally(&[&r]);
        assert_eq!((at(&t, "A"), at(&t, "B")), (2, 1));
        assert_eq!(t.levels.iter().sum::<usize>(), 3);
        assert_eq!(
            (t.superseded, t.progress_only, t.unreported, t.unverified),
            (1, 1, 1, 0)
        );
        // b claims A after members assessed B: 待核实, neither A nor B.
        let t = tally(&[&r, &later]);
        assert_eq!((at(&t, "A"), at(&t, "B"), t.unverified), (2, 0, 1));
    }

    #[test]
    fn weights_that_do_not_sum_to_one_are_normalised() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲, weight: 2}}\n  - {{id: r2, aspect: 一, text: x, lead: 甲}}\n"
        );
        let r = reply(
            "2020-02-01",
            "  - {rec: r1, status: A}\n  - {rec: r2, status: B, progress: 40}\n",
        );
        let c = case(&y, &[&r], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-03-01"));
        // (2×100 + 1×40) ÷ 3 = 80
        assert!(close(f.overall.degree, 80.0), "{:?}", f.overall);
        assert_eq!((f.overall.counted, f.overall.weight), (2, 3.0));
    }

    #[test]
    fn excluded_and_unreported_items_follow_the_documented_rules() {
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲, weight: 2}}\n  - {{id: r2, aspect: 一, text: x, lead: 甲}}\n  - {{id: r3, aspect: 二, text: x, lead: 甲}}\n  - {{id: r4, aspect: 二, text: x, lead: 乙}}\n"
        );
        let r = reply(
            "2020-02-01",
            "  - {rec: r1, status: A}\n  - {rec: r2, progress: 40, status: B}\n  - {rec: r3, status: N}\n",
        );
        let mut cfg = Config::default();
        let c = case(&y, &[&r], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-03-01"));
        // r3 (N) leaves the denominator; r4 is unreported and counts as 0: (200 + 40 + 0) ÷ 4 = 60.
        assert!(close(f.overall.degree, 60.0), "{:?}", f.overall);
        assert_eq!(
            (f.overall.excluded, f.overall.unreported, f.overall.total),
            (1, 1, 4)
        );
        assert!(rec(&f, "r4").flags.unreported);
        assert_eq!(
            rec(&f, "r4").now.degree,
            None,
            "unreported is not silently 0"
        );
        assert_eq!(rec(&f, "r3").now.excluded, Some(Exclusion::Status(4)));
        // Aspect 二 holds r3 (excluded) and r4 (unreported, 0).
        let a2 = &f.aspects.iter().find(|(id, _)| id == "二").unwrap().1;
        assert!(close(a2.degree, 0.0));
        cfg.unreported = Unreported::Exclude;
        let f = figures(&c, &cfg, date("2020-03-01"));
        assert!(close(f.overall.degree, 80.0), "{:?}", f.overall);
        let a2 = &f.aspects.iter().find(|(id, _)| id == "二").unwrap().1;
        assert_eq!(a2.degree, None, "nothing counted: no figure rather than 0");
    }

    #[test]
    fn measures_roll_up_by_weight() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - id: r1\n    aspect: 一\n    text: x\n    lead: 甲\n    measures:\n      - {{id: m1, text: x}}\n      - {{id: m2, text: x, weight: 3}}\n      - {{id: m3, text: x}}\n"
        );
        let r = reply(
            "2020-02-01",
            "  - {rec: r1, measure: m1, status: A}\n  - {rec: r1, measure: m2, status: B, progress: 20}\n",
        );
        let c = case(&y, &[&r], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-03-01"));
        // m1 100×1, m2 20×3, m3 unreported 0×1: 160 ÷ 5 = 32; status is the weakest reported (B).
        let r1 = rec(&f, "r1");
        assert!(close(r1.now.degree, 32.0), "{:?}", r1.now);
        assert_eq!(r1.now.status, Some(1));
        // A whole-recommendation claim newer than every measure claim takes over.
        let later = reply("2020-02-15", "  - {rec: r1, status: A}\n");
        let c = case(&y, &[&r, &later], &[], &cfg);
        assert!(close(
            figures(&c, &cfg, date("2020-03-01")).recs[0].now.degree,
            100.0
        ));
    }

    #[test]
    fn a_split_recommendation_leaves_the_totals_once_its_parts_are_in_force() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: p, aspect: 一, text: x, lead: 甲, split_into: [a, b]}}\n  - {{id: a, aspect: 一, text: x, lead: 甲, added: 2020-06-20}}\n  - {{id: b, aspect: 一, text: x, lead: 甲, added: 2020-06-20}}\n"
        );
        let r1 = reply("2020-02-01", "  - {rec: p, status: B, progress: 30}\n");
        let r2 = reply(
            "2020-07-01",
            "  - {rec: a, status: A}\n  - {rec: b, status: B, progress: 50}\n",
        );
        let m = "date: 2020-06-20\nkind: reconsultation\n";
        let c = case(&y, &[&r1, &r2], &[m], &cfg);
        let before = figures(&c, &cfg, date("2020-06-01"));
        assert_eq!(before.recs.len(), 1, "parts not yet added");
        assert!(close(before.overall.degree, 30.0));
        let after = figures(&c, &cfg, date("2020-08-01"));
        assert_eq!(
            rec(&after, "p").now.excluded,
            Some(Exclusion::SplitInto(vec!["a".into(), "b".into()]))
        );
        // (100 + 50) ÷ 2 = 75, the parent no longer counted.
        assert!(close(after.overall.degree, 75.0), "{:?}", after.overall);
        assert!(rec(&after, "a").flags.new);
    }

    #[test]
    fn a_revised_due_date_moves_the_overdue_flag() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲, due: 2020-06-30}}\n"
        );
        let r1 = reply("2020-02-01", "  - {rec: r1, status: B, progress: 30}\n");
        let r2 = reply(
            "2020-06-15",
            "  - {rec: r1, status: B, progress: 40, revised_due: 2020-12-31, revised_due_reason: 待审批}\n",
        );
        let c = case(&y, &[&r1], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-09-01"));
        assert!(rec(&f, "r1").flags.overdue);
        assert_eq!(rec(&f, "r1").light, Light::Red, "overdue and below 50");
        let c = case(&y, &[&r1, &r2], &[], &cfg);
        let f = figures(&c, &cfg, date("2020-09-01"));
        assert!(!rec(&f, "r1").flags.overdue);
        assert_eq!(rec(&f, "r1").due, Some(date("2020-12-31")));
        assert!(
            rec(&figures(&c, &cfg, date("2021-01-05")), "r1")
                .flags
                .overdue
        );
    }

    #[test]
    fn the_newer_record_wins_and_a_lower_assessment_is_a_dispute() {
        let cfg = Config::default();
        let y = format!("{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲}}\n");
        let claim = reply("2020-06-01", "  - {rec: r1, status: A}\n");
        let meeting = "date: 2020-06-20\nkind: reconsultation\nassessments:\n  - {rec: r1, status: B, progress: 60, satisfaction: {satisfied: 3, basic: 1, unsatisfied: 1}}\n";
        let c = case(&y, &[&claim], &[meeting], &cfg);
        let f = figures(&c, &cfg, date("2020-07-01"));
        let r1 = rec(&f, "r1");
        assert_eq!(r1.now.basis, Basis::AssessmentNewer);
        assert!(close(r1.now.degree, 60.0));
        assert!(r1.flags.disputed);
        assert_eq!(
            r1.satisfaction,
            vec![(
                date("2020-06-20"),
                Satisfaction {
                    satisfied: 3,
                    basic: 1,
                    unsatisfied: 1
                }
            )]
        );
        // A later claim is newer evidence; the dispute about the claim members saw remains.
        let again = reply("2020-08-01", "  - {rec: r1, status: A, progress: 90}\n");
        let c = case(&y, &[&claim, &again], &[meeting], &cfg);
        let r1 = figures(&c, &cfg, date("2020-09-01")).recs.remove(0);
        assert_eq!(r1.now.basis, Basis::ClaimNewer);
        assert!(close(r1.now.degree, 90.0));
        assert!(close(r1.change, 30.0), "since the meeting: 60 → 90");
        assert!(r1.flags.disputed);
        assert!(
            r1.flags.unverified && !r1.flags.closed,
            "A claimed after members assessed B is not closed on the claim alone"
        );
    }

    #[test]
    fn a_progress_assessed_well_below_the_claim_is_a_dispute_at_the_same_status() {
        let y = format!("{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲}}\n");
        let claim = reply("2020-06-01", "  - {rec: r1, status: B, progress: 60}\n");
        let at = |p: u32| {
            format!(
                "date: 2020-06-20\nkind: reconsultation\nassessments:\n  - {{rec: r1, status: B, progress: {p}}}\n"
            )
        };
        let disputed = |p: u32, cfg: &Config| {
            let c = case(&y, &[&claim], &[&at(p)], cfg);
            rec(&figures(&c, cfg, date("2020-07-01")), "r1")
                .flags
                .disputed
        };
        let cfg = Config::default();
        assert!(
            disputed(40, &cfg),
            "B 60 % claimed, B 40 % assessed: 20 points"
        );
        assert!(disputed(50, &cfg), "10 points is the default threshold");
        assert!(!disputed(55, &cfg), "5 points is not a dispute");
        assert!(
            !disputed(60, &cfg) && !disputed(70, &cfg),
            "equal or higher is not"
        );
        let strict = Config {
            dispute_points: 25.0,
            ..Config::default()
        };
        assert!(
            !disputed(40, &strict),
            "20 points under a 25-point threshold"
        );
        // The dispute names the claim members judged, not one written after the meeting; and a recommendation a
        // later claim takes out of the totals (N, no longer applicable) is no longer disputed.
        let later = |status: &str| {
            reply(
                "2020-06-25",
                &format!("  - {{rec: r1, status: {status}, progress: 70}}\n"),
            )
        };
        let figure = |later: &str| {
            let c = case(&y, &[&claim, later], &[&at(40)], &cfg);
            figures(&c, &cfg, date("2020-07-01")).recs.remove(0)
        };
        let d = figure(&later("B")).dispute.expect("still disputed");
        assert!(close(Some(d.claimed.degree), 60.0) && close(Some(d.assessed.degree), 40.0));
        let n = figure(&later("N"));
        assert!(n.now.excluded.is_some() && !n.flags.disputed && n.dispute.is_none());
    }

    #[test]
    fn the_lead_departments_claim_counts_and_a_supporting_one_only_stands_in() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲, support: [乙]}}\n"
        );
        let lead = reply("2020-03-01", "  - {rec: r1, status: B, progress: 40}\n");
        let support = "department: 乙\ndate: 2020-04-01\nitems:\n  - {rec: r1, status: A}\n";
        let at = |replies: &[&str]| {
            let c = case(&y, replies, &[], &cfg);
            figures(&c, &cfg, date("2020-05-01")).recs.remove(0)
        };
        // The supporting department's later A does not replace the lead's B 40 %.
        let r = at(&[&lead, support]);
        assert!(close(r.now.degree, 40.0) && !r.flags.lead_silent);
        // With only the supporting department's reply, it counts, and the brief says the lead has not replied.
        let r = at(&[support]);
        assert!(close(r.now.degree, 100.0) && r.flags.lead_silent);
        assert!(
            r.flags.unverified && !r.flags.closed,
            "nobody has assessed the A"
        );
    }

    #[test]
    fn a_claim_is_unverified_until_members_assess_it_or_a_meeting_closes_it() {
        let cfg = Config::default();
        let y = format!("{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲}}\n");
        let done = reply("2020-07-01", "  - {rec: r1, status: A}\n");
        let meeting = |d: &str, extra: &str| {
            format!(
                "date: {d}\nkind: reconsultation\nassessments:\n  - {{rec: r1, status: B, progress: 50}}\n{extra}"
            )
        };
        let fig = |meetings: &[&str], replies: &[&str], as_of: &str| {
            let c = case(&y, replies, meetings, &cfg);
            figures(&c, &cfg, date(as_of)).recs.remove(0)
        };
        // Claimed A after members assessed B 50 %: 待核实, not closed, not final in the status tally.
        let before = meeting("2020-06-01", "");
        let r = fig(&[&before], &[&done], "2020-07-15");
        assert!(r.flags.unverified && !r.flags.closed);
        // Members then assessed it (the assessment is newer): verified, whatever they said.
        let after = meeting("2020-08-01", "");
        let r = fig(&[&before, &after], &[&done], "2020-08-15");
        assert!(!r.flags.unverified && close(r.now.degree, 50.0));
        // A claim no higher than the assessment needs no verification.
        let same = reply("2020-07-01", "  - {rec: r1, status: B, progress: 50}\n");
        assert!(!fig(&[&before], &[&same], "2020-07-15").flags.unverified);
        // A meeting's decision to close closes it.
        let closing =
            "date: 2020-07-10\nkind: reconsultation\ndecisions:\n  - {rec: r1, action: close}\n";
        let r = fig(&[&before, closing], &[&done], "2020-07-15");
        assert!(!r.flags.unverified && r.flags.closed);
    }

    #[test]
    fn a_measure_nobody_reported_on_keeps_the_recommendation_open() {
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲, measures: [{{id: m1, text: a}}, {{id: m2, text: b}}]}}\n"
        );
        let one = reply("2020-03-01", "  - {rec: r1, measure: m1, status: A}\n");
        let fig = |cfg: &Config| {
            let c = case(&y, &[&one], &[], cfg);
            figures(&c, cfg, date("2020-04-01")).recs.remove(0)
        };
        // Under `zero` the silent measure is a 0 % link: (100 + 0) ÷ 2.
        let zero = fig(&Config::default());
        assert!(close(zero.now.degree, 50.0));
        // Under `exclude` it leaves the mean, but still keeps A from standing for the whole.
        let exclude = fig(&Config {
            unreported: Unreported::Exclude,
            ..Config::default()
        });
        assert!(close(exclude.now.degree, 100.0));
        for f in [&zero, &exclude] {
            assert_eq!(f.now.status, None, "no final status while m2 is unreported");
            assert!(!f.flags.closed);
        }
    }

    #[test]
    fn rounds_show_the_degree_at_each_meeting() {
        let cfg = Config::default();
        let y = format!(
            "{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲}}\n  - {{id: r2, aspect: 一, text: x, lead: 甲}}\n"
        );
        let r1 = reply("2020-02-01", "  - {rec: r1, progress: 20, status: B}\n");
        let r2 = reply(
            "2020-08-01",
            "  - {rec: r1, progress: 80, status: B}\n  - {rec: r2, progress: 40, status: B}\n",
        );
        let m1 = "date: 2020-06-20\nkind: reconsultation\n";
        let c = case(&y, &[&r1, &r2], &[m1], &cfg);
        let f = figures(&c, &cfg, date("2020-12-01"));
        assert_eq!(f.rounds.len(), 2);
        assert!(
            close(f.rounds[0].overall.degree, 10.0),
            "(20 + 0) ÷ 2 at the meeting"
        );
        assert!(close(f.rounds[1].overall.degree, 60.0), "(80 + 40) ÷ 2 now");
        assert!(close(f.change, 50.0));
    }

    #[test]
    fn stalled_after_ninety_quiet_days_and_regressed_when_lower() {
        let cfg = Config::default();
        let y = format!("{HEAD}recommendations:\n  - {{id: r1, aspect: 一, text: x, lead: 甲}}\n");
        let claim = reply("2020-06-01", "  - {rec: r1, status: B, progress: 50}\n");
        let m = "date: 2020-06-20\nkind: reconsultation\n";
        let c = case(&y, &[&claim], &[m], &cfg);
        assert!(
            !rec(&figures(&c, &cfg, date("2020-09-01")), "r1")
                .flags
                .stalled
        );
        assert!(
            rec(&figures(&c, &cfg, date("2020-09-30")), "r1")
                .flags
                .stalled
        );
        let worse = reply("2020-07-01", "  - {rec: r1, status: B, progress: 30}\n");
        let c = case(&y, &[&claim, &worse], &[m], &cfg);
        let f = figures(&c, &cfg, date("2020-09-30"));
        assert!(rec(&f, "r1").flags.regressed);
        assert!(
            !rec(&f, "r1").flags.stalled,
            "a reply came after the meeting"
        );
    }

    #[test]
    fn no_aggregate_exceeds_one_hundred() {
        // Deterministic pseudo-random weights and degrees.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..1000 {
            let n = (x % 7 + 1) as usize;
            let items: Vec<(f64, f64)> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    ((x % 1000) as f64 / 7.0, (x % 101) as f64)
                })
                .collect();
            if let Some(m) = weighted_mean(items) {
                assert!((0.0..=100.0 + 1e-9).contains(&m), "{m}");
            }
        }
        assert_eq!(
            weighted_mean(vec![(0.0, 50.0)]),
            None,
            "zero total weight gives no figure, not 0"
        );
    }
}
