//! Deterministic corpus generator for benchmarks: `cargo run --release --example gen-corpus -- --cases N --seed S OUT`.
//! Writes a case repository with N cases of realistic Chinese content: 8 aspects, 20–40 recommendations, 2–6 replies
//! and 1–4 meetings per case, using every record kind and option (measures, lineage, revised due dates, evidence,
//! satisfaction, feedback, new issues, decisions, a planned meeting). The same N and S always give the same files.

// A benchmark tool, not the product: it fails loudly on a broken setup rather than reporting nicely.
#![allow(
    clippy::indexing_slicing,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::too_many_lines
)]

use std::fmt::Write as _;
use std::path::Path;

/// xorshift64*: small, fast and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const TOPICS: &[&str] = &[
    "数字政府建设",
    "优化营商环境",
    "社区居家养老",
    "城市内涝治理",
    "义务教育均衡",
    "乡村振兴",
    "生态环境保护",
    "中小企业融资",
    "公共文化服务",
    "老旧小区改造",
];
const VERBS: &[&str] = &[
    "加快", "推进", "完善", "健全", "强化", "优化", "建立", "深化",
];
const OBJECTS: &[&str] = &[
    "工作机制",
    "政策体系",
    "服务平台",
    "标准规范",
    "考核评价",
    "数据共享",
    "资金保障",
    "人才队伍",
    "监督检查",
    "宣传引导",
];
const DEPTS: &[(&str, &str)] = &[
    ("政府办", "市人民政府办公厅"),
    ("发改委", "市发展和改革委员会"),
    ("财政局", "市财政局"),
    ("大数据局", "市大数据管理局"),
    ("民政局", "市民政局"),
    ("教育局", "市教育局"),
    ("住建局", "市住房和城乡建设局"),
    ("生态局", "市生态环境局"),
    ("人社局", "市人力资源和社会保障局"),
];
const STATUS: &[&str] = &["A", "B", "B", "B", "C", "已落实", "正在落实"];

fn date(y: i64, day_of_year: i64) -> String {
    let d = chrono_like(y, day_of_year);
    format!("{:04}-{:02}-{:02}", d.0, d.1, d.2)
}

/// Year and day of year (1..=360) to a valid date (months of 30 days are enough for test data).
fn chrono_like(y: i64, doy: i64) -> (i64, i64, i64) {
    let doy = doy.clamp(1, 360) - 1;
    (y, doy / 30 + 1, doy % 30 % 28 + 1)
}

fn text(rng: &mut Rng, topic: &str) -> String {
    format!(
        "{}{}{}，{}{}，确保{}取得实效。",
        rng.pick(VERBS),
        topic,
        rng.pick(OBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(OBJECTS)
    )
}

fn write(path: &Path, content: &str) {
    if let Some(p) = path.parent() {
        std::fs::create_dir_all(p).expect("create folder");
    }
    std::fs::write(path, content).expect("write file");
}

fn case(out: &Path, n: usize, rng: &mut Rng) {
    let id = format!("case-{n:05}");
    let dir = out.join("cases").join(&id);
    let year = 2015 + rng.range(0, 8) as i64;
    let topic = rng.pick(TOPICS);
    let recs = rng.range(20, 40) as usize;
    let depts: Vec<(&str, &str)> = DEPTS
        .iter()
        .copied()
        .filter(|_| rng.range(0, 3) > 0)
        .chain([DEPTS[0]])
        .collect();
    let dept_ids: Vec<&str> = {
        let mut v: Vec<&str> = depts.iter().map(|d| d.0).collect();
        v.sort();
        v.dedup();
        v
    };
    let mut y = String::new();
    let _ = writeln!(
        y,
        "title: {topic}（第{n}号议题）\ntags: [{}]\nbackground: 委员围绕{topic}开展调研，提出建议。",
        if n.is_multiple_of(2) {
            "民生"
        } else {
            "发展"
        }
    );
    let _ = writeln!(
        y,
        "problems:\n  - {}\n  - {}",
        text(rng, topic),
        text(rng, topic)
    );
    let _ = writeln!(
        y,
        "proposal:\n  title: 关于{topic}的建议案\n  kind: 常委会议建议案\n  meeting: 常委会议\n  adopted: {}\n  doc_no: 示例〔{year}〕{n}号",
        date(year, 60)
    );
    let _ = writeln!(
        y,
        "instructions:\n  - date: {}\n    by: 市长\n    text: 请认真研究办理。",
        date(year, 70)
    );
    y.push_str("departments:\n");
    for d in &dept_ids {
        let name = DEPTS.iter().find(|x| x.0 == *d).map_or(*d, |x| x.1);
        let _ = writeln!(y, "  - id: {d}\n    name: {name}");
    }
    y.push_str("aspects:\n");
    for a in 1..=8 {
        let _ = writeln!(
            y,
            "  - id: \"{a}\"\n    title: {}{}",
            rng.pick(VERBS),
            rng.pick(OBJECTS)
        );
    }
    y.push_str("recommendations:\n");
    let later = recs - 2;
    let mut assigned: Vec<(&str, &str)> = Vec::new();
    for r in 1..=recs {
        let lead = dept_ids[rng.range(0, dept_ids.len() as u64 - 1) as usize];
        let support = dept_ids[rng.range(0, dept_ids.len() as u64 - 1) as usize];
        assigned.push((lead, support));
        let _ = writeln!(
            y,
            "  - id: \"R{r}\"\n    aspect: \"{}\"\n    text: {}\n    lead: {lead}\n    assigned: {}\n    due: {}\n    weight: {}",
            (r - 1) % 8 + 1,
            text(rng, topic),
            date(year, 80),
            date(year + 1, 180),
            rng.range(1, 3)
        );
        if support != lead {
            let _ = writeln!(y, "    support: [{support}]");
        }
        if r % 5 == 0 {
            let _ = writeln!(
                y,
                "    priority: high\n    measures:\n      - id: m1\n        text: {}\n        due: {}\n      - id: m2\n        text: {}\n        weight: 2",
                text(rng, topic),
                date(year, 300),
                text(rng, topic)
            );
        }
        if r == later {
            let _ = writeln!(y, "    superseded_by: \"R{}\"", recs);
        }
        if r == recs {
            let _ = writeln!(
                y,
                "    added: {}\n    revised_from: \"R{later}\"",
                date(year + 1, 170)
            );
        }
    }
    write(&dir.join("case.yaml"), &y);
    let meetings = rng.range(1, 4) as i64;
    let replies = rng.range(2, 6) as usize;
    for k in 0..replies {
        let d = dept_ids[k % dept_ids.len()];
        let day = 120 + (k as i64) * 40;
        let mut t = format!(
            "department: {d}\ndate: {}\nkind: {}\ndoc_no: 示例函〔{year}〕{k}号\nitems:\n",
            date(year + (day / 360), day % 360 + 1),
            if k == 0 { "reply" } else { "progress" }
        );
        for r in 1..=recs {
            let (lead, support) = assigned[r - 1];
            if rng.range(0, 2) != 0 || (lead != d && support != d) {
                continue;
            }
            let status = rng.pick(STATUS);
            let progress = match status {
                "A" | "已落实" => 100,
                "C" => 0,
                _ => rng.range(10, 90),
            };
            let _ = writeln!(
                t,
                "  - rec: \"R{r}\"\n    status: {status}\n    progress: {progress}\n    summary: {}\n    actions:\n      - date: {}\n        text: {}\n        evidence: [《{}实施方案》]",
                text(rng, topic),
                date(year, 110),
                text(rng, topic),
                rng.pick(OBJECTS)
            );
            if r % 7 == 0 {
                let _ = writeln!(
                    t,
                    "    obstacles: 资金和人员不足\n    next_steps:\n      - text: {}\n        target: {}\n    revised_due: {}\n    revised_due_reason: 需上级部门统一部署",
                    text(rng, topic),
                    date(year + 1, 200),
                    date(year + 2, 100)
                );
            }
        }
        write(&dir.join(format!("replies/{k:02}-{d}.yaml")), &t);
    }
    for m in 0..meetings {
        let mut t = format!(
            "date: {}\nkind: {}\ntitle: 第{m}次协商会议\nattendees:\n  members: [委员甲, 委员乙]\n  departments: [{}]\n",
            date(year + 1 + m, 170),
            if m == 0 {
                "reconsultation"
            } else {
                "再协商"
            },
            dept_ids[0]
        );
        if m == 0 {
            // The initial consultation is the proposal's date; meetings here are the re-consultations.
        }
        t.push_str("assessments:\n");
        for r in 1..recs {
            if rng.range(0, 1) == 0 {
                continue;
            }
            let _ = writeln!(
                t,
                "  - rec: \"R{r}\"\n    status: {}\n    satisfaction: {{satisfied: {}, basic: {}, unsatisfied: {}}}\n    comment: {}",
                rng.pick(&["A", "B", "C"]),
                rng.range(5, 20),
                rng.range(0, 5),
                rng.range(0, 3),
                text(rng, topic)
            );
        }
        let _ = writeln!(
            t,
            "feedback:\n  - department: {}\n    rec: \"R1\"\n    kind: correction\n    text: {}",
            dept_ids[0],
            text(rng, topic)
        );
        let _ = writeln!(
            t,
            "new_issues:\n  - id: N{m}\n    text: {}\n    outcome: noted",
            text(rng, topic)
        );
        let _ = writeln!(t, "decisions:\n  - rec: \"R2\"\n    action: carry_over");
        write(&dir.join(format!("meetings/{:02}.yaml", m)), &t);
    }
    write(
        &dir.join("meetings/99-planned.yaml"),
        &format!(
            "date: {}\nkind: reconsultation\nplanned: true\n",
            date(2031, 100)
        ),
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let cases: usize = get("--cases").and_then(|v| v.parse().ok()).unwrap_or(10);
    let seed: u64 = get("--seed").and_then(|v| v.parse().ok()).unwrap_or(1);
    let Some(out) = args.iter().skip(1).rev().find(|a| {
        !a.starts_with("--")
            && Some(*a) != get("--cases").as_ref()
            && Some(*a) != get("--seed").as_ref()
    }) else {
        eprintln!("usage: gen-corpus --cases N --seed S OUT");
        std::process::exit(2);
    };
    let out = Path::new(out);
    write(&out.join("rexieshang.yaml"), "committee: 基准测试委员会\n");
    for n in 1..=cases {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (n as u64).wrapping_mul(0xD1B5_4A32_D192_ED03)
            | 1);
        case(out, n, &mut rng);
    }
    println!("{cases} cases written to {}", out.display());
}
