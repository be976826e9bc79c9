//! What `shipready advise` prints: a terminal answer (the recommendation
//! with every threshold, what would change it, the options' costs, the
//! return, the plan of the current phase), and the JSON contract
//! (docs/advise-json.md).

use serde::Serialize;
use shipready_advise::costs::{Assumption, GUIDE_CLAIMS};
use shipready_advise::economics::ImageCost;
use shipready_advise::format::thousands;
use shipready_advise::framework::{Metric, Stage, Verdict};
use shipready_advise::options::PlatformOption;
use shipready_advise::plan::{Phase, Status};
use shipready_advise::roi::Roi;
use shipready_advise::{Advice, ADVICE_JSON_VERSION};
use std::fmt::Write;

/// Euros as every report prints them: `€12,000`.
pub(crate) fn eur(v: f64) -> String {
    let t = thousands(v);
    match t.strip_prefix('-') {
        Some(p) => format!("-€{p}"),
        None => format!("€{t}"),
    }
}

fn value(v: Option<f64>) -> String {
    match v {
        None => "?".to_string(),
        Some(x) if x.fract() == 0.0 => thousands(x),
        Some(x) => format!("{x}"),
    }
}

fn headline(stage: Stage) -> &'static str {
    match stage {
        Stage::Compose => "stay on Docker Compose",
        Stage::PrepareMigration => "prepare the migration to Kubernetes (phase 2)",
        Stage::Kubernetes => "move to Kubernetes: it pays off",
    }
}

/// The terminal answer. `verbose` adds the whole cost table.
pub fn render_advice_table(a: &Advice, color: bool, verbose: bool) -> String {
    let (bold, dim, green, red, reset) = if color {
        ("\x1b[1m", "\x1b[2m", "\x1b[32m", "\x1b[31m", "\x1b[0m")
    } else {
        ("", "", "", "", "")
    };
    let mut s = String::new();
    let d = &a.decision;
    let _ = writeln!(
        s,
        "{bold}Recommendation: {}{reset} (platform: {}: {})",
        headline(d.recommendation),
        a.platform,
        a.platform_reason
    );
    let _ = writeln!(s);
    let groups = [
        (Stage::Compose, "Compose is enough while all hold:"),
        (
            Stage::PrepareMigration,
            "Start migrating when any is reached:",
        ),
        (
            Stage::Kubernetes,
            "Kubernetes pays off with two or more of:",
        ),
    ];
    for (stage, title) in groups {
        let _ = writeln!(s, "  {title}");
        for r in d.rows.iter().filter(|r| r.threshold.stage == stage) {
            let (mark, paint) = match (r.verdict, stage) {
                (Verdict::Within, _) => ("holds   ", green),
                (Verdict::Exceeds, Stage::Compose) => ("exceeded", red),
                (Verdict::Exceeds, _) => ("reached ", red),
                (Verdict::Below, _) => ("not yet ", green),
                (Verdict::Unknown, _) => ("unknown ", dim),
            };
            let text = r
                .threshold
                .text
                .split_once(": ")
                .map_or(r.threshold.text, |(_, t)| t);
            let now = match (r.threshold.metric, r.value) {
                (Metric::Compliance | Metric::EnterpriseSecurity, Some(v)) => {
                    if v > 0.0 { "yes" } else { "no" }.to_string()
                }
                (_, v) => value(v),
            };
            let _ = writeln!(
                s,
                "    {paint}{mark}{reset}  {:<36} {dim}now{reset} {:>9}",
                text, now
            );
        }
    }
    if !d.would_change.is_empty() {
        let _ = writeln!(s, "\n  {bold}What would change it:{reset}");
        for w in &d.would_change {
            let _ = writeln!(s, "    {w}");
        }
    }
    if !a.missing.is_empty() {
        let _ = writeln!(
            s,
            "\n  {dim}Unknown: {}. Set them under [profile] in shipready.toml, or pass --team-size, --dau, --services, --regions, --compliance.{reset}",
            a.missing.join(", ")
        );
    }
    let _ = writeln!(
        s,
        "\n{bold}Cost per option{reset}  {:>10} {:>12}",
        "monthly", "first year"
    );
    for o in &a.options {
        let _ = writeln!(
            s,
            "  {:<14} {:>10} {:>12}",
            o.platform,
            eur(o.monthly_cost_eur),
            eur(o.first_year_cost_eur)
        );
    }
    if let Some(note) = a.options.get(1).and_then(|o| o.notes.last()) {
        let _ = writeln!(s, "  {dim}{note}{reset}");
    }
    match &a.roi {
        Some(r) => {
            let be = r
                .break_even_month
                .map_or("not within 24 months".to_string(), |m| format!("month {m}"));
            let _ = writeln!(
                s,
                "\n{bold}Migrating to {}:{reset} {} more than Compose in the first year against {} of the guide's claimed gains (ROI {:.0} %); break-even {be} (the guide claims month {}).",
                r.platform,
                eur(r.first_year_cost_eur),
                eur(r.first_year_benefit_eur),
                r.first_year_roi_percent,
                r.guide_break_even_month
            );
        }
        None => {
            let _ = writeln!(
                s,
                "\n{dim}No ROI without a team size ([profile] team-size or --team-size).{reset}"
            );
        }
    }
    for i in &a.images {
        let _ = write!(
            s,
            "\n  image {}: {:.0} MB a pull, {:.0} s per node, {:.0} GB ({}) a month",
            i.image,
            i.pull_bytes as f64 / 1e6,
            i.pull_seconds,
            i.monthly_gb,
            eur(i.monthly_egress_eur)
        );
        if let Some(b) = &i.at_budget {
            let _ = write!(
                s,
                "; at 150 MB: {:.0} s, {}",
                b.pull_seconds,
                eur(b.monthly_egress_eur)
            );
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "\n{bold}Phase {} of 4{reset}", a.plan.current);
    for p in &a.plan.plan {
        let here = p.phase == a.plan.current;
        let done = p.tasks.iter().filter(|t| t.status == Status::Done).count();
        let _ = writeln!(
            s,
            "  {}{} {} (months {}): {done} of {} done{}",
            if here { bold } else { "" },
            p.phase,
            p.name,
            p.months,
            p.tasks.len(),
            reset
        );
        if here {
            for t in &p.tasks {
                let mark = match t.status {
                    Status::Done => format!("{green}done{reset}"),
                    Status::Todo => format!("{red}todo{reset}"),
                    Status::Unknown => format!("{dim}?   {reset}"),
                };
                let _ = writeln!(s, "      {mark}  {}: {}", t.task, t.evidence);
            }
        }
    }
    let _ = writeln!(
        s,
        "\n{dim}The guide claims {}; these are its figures, not measurements.{reset}",
        GUIDE_CLAIMS.join(", ")
    );
    if verbose {
        let _ = writeln!(
            s,
            "\n{bold}Assumptions{reset} (override in [costs] of shipready.toml)"
        );
        for r in &a.assumptions {
            let _ = writeln!(
                s,
                "  {:<42} {:>10} {:<18} {dim}{}: {}{reset}",
                r.key,
                r.value,
                r.unit,
                r.source.describe(),
                r.note
            );
        }
        let _ = writeln!(s, "\n{bold}Thresholds{reset} (override in [thresholds])");
        for r in &d.rows {
            let _ = writeln!(
                s,
                "  {:<34} {:>10}  {dim}{}{reset}",
                r.threshold.key,
                value(Some(r.threshold.limit)),
                r.threshold.text
            );
        }
    } else {
        let _ = writeln!(
            s,
            "{dim}`--verbose` lists every assumption and threshold used.{reset}"
        );
    }
    s
}

#[derive(Serialize)]
struct AdviceJson<'a> {
    version: u32,
    recommendation: &'static str,
    platform: &'static str,
    platform_reason: &'a str,
    services: ServicesJson,
    /// The profile used: `[profile]` with the flags over it.
    profile: &'a shipready_advise::Profile,
    missing: &'a [&'static str],
    thresholds: Vec<ThresholdJson<'a>>,
    would_change: &'a [String],
    options: &'a [PlatformOption],
    roi: Option<&'a Roi>,
    images: &'a [ImageCost],
    phase: PhaseJson<'a>,
    assumptions: &'a [Assumption],
    guide_claims: &'static [&'static str],
    facts: &'a shipready_advise::Facts,
}

#[derive(Serialize)]
struct ServicesJson {
    count: Option<u32>,
    from: &'static str,
}

#[derive(Serialize)]
struct ThresholdJson<'a> {
    name: &'static str,
    metric: Metric,
    stage: Stage,
    value: Option<f64>,
    limit: f64,
    source: shipready_advise::costs::Source,
    verdict: Verdict,
    text: &'a str,
}

#[derive(Serialize)]
struct PhaseJson<'a> {
    current: u8,
    plan: &'a [Phase],
}

/// The advice as the versioned JSON contract.
pub fn render_advice_json(a: &Advice) -> String {
    let doc = AdviceJson {
        version: ADVICE_JSON_VERSION,
        recommendation: a.decision.recommendation.as_str(),
        platform: a.platform,
        platform_reason: &a.platform_reason,
        services: ServicesJson {
            count: a.services,
            from: a.services_from,
        },
        profile: &a.profile,
        missing: &a.missing,
        thresholds: a
            .decision
            .rows
            .iter()
            .map(|r| ThresholdJson {
                name: r.threshold.key,
                metric: r.threshold.metric,
                stage: r.threshold.stage,
                value: r.value,
                limit: r.threshold.limit,
                source: r.threshold.source,
                verdict: r.verdict,
                text: r.threshold.text,
            })
            .collect(),
        would_change: &a.decision.would_change,
        options: &a.options,
        roi: a.roi.as_ref(),
        images: &a.images,
        phase: PhaseJson {
            current: a.plan.current,
            plan: &a.plan.plan,
        },
        assumptions: &a.assumptions,
        guide_claims: GUIDE_CLAIMS,
        facts: &a.facts,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
