//! The decision framework of the guide, as data: every threshold is a row
//! with its metric, its limit, the stage it belongs to and its source, and
//! one evaluation walks the rows. `[thresholds]` overrides the limits.

use crate::costs::Source;
use crate::format::thousands as number;
use crate::profile::Compliance;
use serde::Serialize;

/// Where a team stands, and the recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// Compose is enough.
    Compose,
    /// Start migrating: prepare phase 2.
    PrepareMigration,
    /// Kubernetes pays off.
    Kubernetes,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Compose => "compose",
            Stage::PrepareMigration => "prepare-migration",
            Stage::Kubernetes => "kubernetes",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Metric {
    TeamSize,
    DailyActiveUsers,
    Services,
    Regions,
    /// Audited compliance (SOC 2, ISO 27001, PCI DSS, HIPAA, FedRAMP).
    Compliance,
    /// Enterprise security standards (PCI DSS, HIPAA, FedRAMP).
    EnterpriseSecurity,
}

impl Metric {
    pub fn label(self) -> &'static str {
        match self {
            Metric::TeamSize => "engineers",
            Metric::DailyActiveUsers => "daily active users",
            Metric::Services => "services",
            Metric::Regions => "regions",
            Metric::Compliance => "audited compliance",
            Metric::EnterpriseSecurity => "enterprise security standard",
        }
    }

    /// The profile key or flag that sets it.
    pub fn key(self) -> &'static str {
        match self {
            Metric::TeamSize => "team-size",
            Metric::DailyActiveUsers => "daily-active-users",
            Metric::Services => "services",
            Metric::Regions => "regions",
            Metric::Compliance | Metric::EnterpriseSecurity => "compliance",
        }
    }
}

/// One row: `metric` crosses the row's stage when it is above `limit`
/// (Compose rows: when it is not below it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Threshold {
    /// The `[thresholds]` key.
    pub key: &'static str,
    pub metric: Metric,
    pub stage: Stage,
    pub limit: f64,
    pub source: Source,
    pub text: &'static str,
}

/// The guide's framework. A Compose row holds while the value is at most
/// `limit`; a migration or Kubernetes row is a signal when the value is
/// above `limit` (flags count as 0 or 1 against a limit of 0; regions
/// against 1: multi-region).
pub const DEFAULT_THRESHOLDS: &[(&str, Metric, Stage, f64, &str)] = &[
    (
        "compose-max-team-size",
        Metric::TeamSize,
        Stage::Compose,
        9.0,
        "Compose is enough: team < 10 developers",
    ),
    (
        "compose-max-services",
        Metric::Services,
        Stage::Compose,
        5.0,
        "Compose is enough: 2-5 services",
    ),
    (
        "compose-max-daily-active-users",
        Metric::DailyActiveUsers,
        Stage::Compose,
        9999.0,
        "Compose is enough: < 10k users",
    ),
    (
        "migrate-team-size",
        Metric::TeamSize,
        Stage::PrepareMigration,
        15.0,
        "start migrating: > 15 developers",
    ),
    (
        "migrate-services",
        Metric::Services,
        Stage::PrepareMigration,
        8.0,
        "start migrating: > 8 services",
    ),
    (
        "migrate-daily-active-users",
        Metric::DailyActiveUsers,
        Stage::PrepareMigration,
        50000.0,
        "start migrating: > 50k daily active users",
    ),
    (
        "migrate-compliance",
        Metric::Compliance,
        Stage::PrepareMigration,
        0.0,
        "start migrating: compliance needs",
    ),
    (
        "kubernetes-team-size",
        Metric::TeamSize,
        Stage::Kubernetes,
        20.0,
        "Kubernetes pays off: > 20 engineers",
    ),
    (
        "kubernetes-services",
        Metric::Services,
        Stage::Kubernetes,
        10.0,
        "Kubernetes pays off: > 10 services",
    ),
    (
        "kubernetes-daily-active-users",
        Metric::DailyActiveUsers,
        Stage::Kubernetes,
        100000.0,
        "Kubernetes pays off: > 100k daily active users",
    ),
    (
        "kubernetes-regions",
        Metric::Regions,
        Stage::Kubernetes,
        1.0,
        "Kubernetes pays off: multi-region",
    ),
    (
        "kubernetes-enterprise-security",
        Metric::EnterpriseSecurity,
        Stage::Kubernetes,
        0.0,
        "Kubernetes pays off: enterprise security standards",
    ),
];

/// How many Kubernetes signals make the recommendation Kubernetes: the
/// guide lists them together, and one alone (say, a second region for a
/// team of four) is a reason to prepare, not to run clusters.
pub const KUBERNETES_MIN_SIGNALS: usize = 2;

pub fn default_thresholds() -> Vec<Threshold> {
    DEFAULT_THRESHOLDS
        .iter()
        .map(|&(key, metric, stage, limit, text)| Threshold {
            key,
            metric,
            stage,
            limit,
            source: Source::Guide,
            text,
        })
        .collect()
}

/// The values the framework reads.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inputs {
    pub team_size: Option<u32>,
    pub daily_active_users: Option<u64>,
    pub services: Option<u32>,
    pub regions: Option<u32>,
    pub compliance: Option<Vec<Compliance>>,
}

impl Inputs {
    pub fn value(&self, m: Metric) -> Option<f64> {
        let flag = |f: fn(Compliance) -> bool| {
            self.compliance
                .as_ref()
                .map(|c| if c.iter().any(|&x| f(x)) { 1.0 } else { 0.0 })
        };
        match m {
            Metric::TeamSize => self.team_size.map(f64::from),
            Metric::DailyActiveUsers => self.daily_active_users.map(|d| d as f64),
            Metric::Services => self.services.map(f64::from),
            Metric::Regions => self.regions.map(f64::from),
            Metric::Compliance => flag(Compliance::is_audited),
            Metric::EnterpriseSecurity => flag(Compliance::is_enterprise),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// A Compose row that holds.
    Within,
    /// A Compose row exceeded, or a migration/Kubernetes signal.
    Exceeds,
    /// A migration/Kubernetes row not reached.
    Below,
    /// The value is not known.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluated {
    pub threshold: Threshold,
    pub value: Option<f64>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    pub recommendation: Stage,
    pub rows: Vec<Evaluated>,
    /// What would move the recommendation one stage up, in words.
    pub would_change: Vec<String>,
}

fn signal(e: &Evaluated, stage: Stage) -> bool {
    e.threshold.stage == stage && e.verdict == Verdict::Exceeds
}

/// Evaluates every row and decides.
pub fn decide(thresholds: &[Threshold], inputs: &Inputs) -> Decision {
    let rows: Vec<Evaluated> = thresholds
        .iter()
        .map(|t| {
            let value = inputs.value(t.metric);
            let verdict = match (value, t.stage) {
                (None, _) => Verdict::Unknown,
                (Some(v), Stage::Compose) if v <= t.limit => Verdict::Within,
                (Some(_), Stage::Compose) => Verdict::Exceeds,
                (Some(v), _) if v > t.limit => Verdict::Exceeds,
                (Some(_), _) => Verdict::Below,
            };
            Evaluated {
                threshold: t.clone(),
                value,
                verdict,
            }
        })
        .collect();
    let k8s = rows.iter().filter(|e| signal(e, Stage::Kubernetes)).count();
    let migrate = rows
        .iter()
        .filter(|e| signal(e, Stage::PrepareMigration))
        .count();
    let recommendation = if k8s >= KUBERNETES_MIN_SIGNALS {
        Stage::Kubernetes
    } else if migrate + k8s > 0 {
        Stage::PrepareMigration
    } else {
        Stage::Compose
    };
    let would_change = would_change(&rows, recommendation, k8s);
    Decision {
        recommendation,
        rows,
        would_change,
    }
}

/// "at 9 services (now 5)" for the rows of the next stage.
fn crossing(e: &Evaluated) -> String {
    let t = &e.threshold;
    match t.metric {
        Metric::Compliance => "with a SOC 2, ISO 27001, PCI DSS or HIPAA audit".to_string(),
        Metric::EnterpriseSecurity => "with PCI DSS, HIPAA or FedRAMP".to_string(),
        Metric::Regions => format!(
            "at {} regions (now {})",
            number(t.limit + 1.0),
            e.value.map_or("unknown".to_string(), number)
        ),
        m => format!(
            "at {} {} (now {})",
            number(t.limit.floor() + 1.0),
            m.label(),
            e.value.map_or(format!("unknown: set {}", m.key()), number)
        ),
    }
}

fn would_change(rows: &[Evaluated], now: Stage, k8s_signals: usize) -> Vec<String> {
    match now {
        Stage::Compose => {
            let next: Vec<String> = rows
                .iter()
                .filter(|e| e.threshold.stage == Stage::PrepareMigration)
                .map(crossing)
                .collect();
            vec![format!(
                "{}: start phase 2 (prepare the migration)",
                next.join(" or ")
            )]
        }
        Stage::PrepareMigration => {
            let open: Vec<String> = rows
                .iter()
                .filter(|e| e.threshold.stage == Stage::Kubernetes && e.verdict != Verdict::Exceeds)
                .map(crossing)
                .collect();
            let more = KUBERNETES_MIN_SIGNALS.saturating_sub(k8s_signals);
            vec![format!(
                "{more} more of these makes Kubernetes pay off: {}",
                open.join("; ")
            )]
        }
        Stage::Kubernetes => Vec::new(),
    }
}
