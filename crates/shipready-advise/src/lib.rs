//! The advisor: where a team stands on the path from Compose to
//! Kubernetes, what each platform costs, when a migration pays back, and
//! the phased plan filled with the repository's own findings.
//!
//! Everything the answer rests on is data a team can read and override:
//! the thresholds (`framework`), the cost table (`costs`), and the facts
//! the pipeline gathered (`facts`). The computation is pure; the pipeline
//! (`shipready-project`) gathers the facts and the report crate renders.

pub mod config;
pub mod costs;
pub mod economics;
pub mod facts;
pub mod format;
pub mod framework;
pub mod options;
pub mod plan;
pub mod profile;
pub mod roi;

pub use config::{AdviceConfig, ConfigError};
pub use facts::Facts;
pub use profile::Profile;

use costs::{Assumption, CostTable};
use economics::ImageCost;
use framework::{Decision, Stage};
use options::PlatformOption;
use plan::Plan;
use profile::Hosting;
use roi::Roi;
use serde::Serialize;

/// The version of `advise --format json`.
pub const ADVICE_JSON_VERSION: u32 = 1;

/// The whole answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Advice {
    pub profile: Profile,
    /// Profile fields the answer lacked (their `[profile]` keys).
    pub missing: Vec<&'static str>,
    pub services: Option<u32>,
    /// Where the service count came from.
    pub services_from: &'static str,
    pub decision: Decision,
    /// The platform for the recommendation.
    pub platform: &'static str,
    pub platform_reason: String,
    pub options: Vec<PlatformOption>,
    pub roi: Option<Roi>,
    pub images: Vec<ImageCost>,
    pub plan: Plan,
    pub assumptions: Vec<Assumption>,
    pub facts: Facts,
}

fn cheapest_managed(options: &[PlatformOption]) -> &'static str {
    options
        .iter()
        .filter(|o| o.platform.starts_with("managed-"))
        .min_by(|a, b| a.first_year_cost_eur.total_cmp(&b.first_year_cost_eur))
        .map_or("managed-eks", |o| o.platform)
}

/// The platform to move to: the team's cloud's managed service, a
/// self-hosted cluster on its own hardware when it already runs clusters,
/// else the cheapest managed option.
fn platform(stage: Stage, profile: &Profile, options: &[PlatformOption]) -> (&'static str, String) {
    if stage == Stage::Compose {
        return ("compose", "Compose is enough for now".to_string());
    }
    let advanced = profile.devops_maturity == Some(profile::Maturity::Advanced);
    match profile.hosting {
        Some(Hosting::Aws) => ("managed-eks", "the team hosts on AWS".to_string()),
        Some(Hosting::Gcp) => ("managed-gke", "the team hosts on Google Cloud".to_string()),
        Some(Hosting::Azure) => ("managed-aks", "the team hosts on Azure".to_string()),
        Some(Hosting::OnPrem) if advanced => (
            "self-hosted",
            "own hardware and a team that already runs clusters".to_string(),
        ),
        _ => {
            let p = cheapest_managed(options);
            (p, "the cheapest managed option in the first year; set [profile] hosting to choose by cloud".to_string())
        }
    }
}

/// When expected growth carries the DAU over the next stage's limit: "at
/// 40 % a year, 8,000 daily active users pass 50,000 in about 65 months".
fn growth_note(d: &Decision, profile: &Profile) -> Option<String> {
    let growth = profile.expected_growth_percent? / 100.0;
    let dau = profile.daily_active_users? as f64;
    let next = match d.recommendation {
        Stage::Compose => Stage::PrepareMigration,
        Stage::PrepareMigration => Stage::Kubernetes,
        Stage::Kubernetes => return None,
    };
    let limit = d
        .rows
        .iter()
        .find(|r| {
            r.threshold.stage == next && r.threshold.metric == framework::Metric::DailyActiveUsers
        })?
        .threshold
        .limit;
    if growth <= 0.0 || dau <= 0.0 || dau > limit {
        return None;
    }
    let months = ((limit / dau).ln() / (1.0 + growth).ln() * 12.0).ceil();
    Some(format!(
        "at {:.0} % growth a year, {} daily active users pass {} in about {months:.0} months",
        growth * 100.0,
        dau as u64,
        limit as u64
    ))
}

/// Decides, prices and plans.
pub fn advise(config: &AdviceConfig, flags: &Profile, facts: Facts) -> Advice {
    let profile = config.profile.overridden_by(flags);
    let (services, services_from) = match (profile.services, facts.service_count()) {
        (Some(n), _) => (Some(n), "profile"),
        (None, Some(n)) => (
            Some(n),
            if facts.kube_workloads.len() > facts.compose_services.len() {
                "kubernetes"
            } else {
                "compose"
            },
        ),
        (None, None) => (None, "unknown"),
    };
    let inputs = framework::Inputs {
        team_size: profile.team_size,
        daily_active_users: profile.daily_active_users,
        services,
        regions: profile.regions,
        compliance: profile.compliance.clone(),
    };
    let mut decision = framework::decide(&config.thresholds, &inputs);
    if let Some(note) = growth_note(&decision, &profile) {
        decision.would_change.push(note);
    }
    let costs: &CostTable = &config.costs;
    let options = options::options(
        costs,
        options::Scale {
            regions: profile.regions.unwrap_or(1),
            has_cve_gate: facts.ci.cve_gate.is_some(),
        },
    );
    let (platform, platform_reason) = platform(decision.recommendation, &profile, &options);
    let target = if platform == "compose" {
        cheapest_managed(&options)
    } else {
        platform
    };
    let extra_fte = if target == "self-hosted" {
        costs.get("devops-fte-first-year") * costs.get("self-hosted-effort-factor")
    } else {
        costs.get("devops-fte-first-year")
    };
    let roi = match (
        options.iter().find(|o| o.platform == "compose"),
        options.iter().find(|o| o.platform == target),
    ) {
        (Some(c), Some(t)) => roi::roi(costs, c, t, profile.team_size, extra_fte),
        _ => None,
    };
    let deploys = profile.deploys_per_day.unwrap_or(1.0);
    let nodes = profile
        .nodes
        .unwrap_or(costs.get("nodes-per-cluster") as u32);
    let images = facts
        .images
        .iter()
        .map(|i| economics::image_cost(&i.reference, i.size, deploys, nodes, costs))
        .collect();
    let mut missing = profile.missing();
    if services.is_none() {
        missing.push("services");
    }
    Advice {
        plan: plan::plan(&facts, profile.regions),
        missing,
        services,
        services_from,
        decision,
        platform,
        platform_reason,
        options,
        roi,
        images,
        assumptions: costs.rows.clone(),
        profile,
        facts,
    }
}

#[cfg(test)]
mod tests;
