//! The platform options priced from the cost table: monthly and
//! first-year cost of Compose, EKS, GKE, AKS and self-hosted Kubernetes.

use crate::costs::CostTable;
use crate::format::eur;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlatformOption {
    /// `compose`, `managed-eks`, `managed-gke`, `managed-aks`,
    /// `self-hosted`.
    pub platform: &'static str,
    pub monthly_cost_eur: f64,
    pub first_year_cost_eur: f64,
    /// How the figure was made, and what it leaves out.
    pub notes: Vec<String>,
}

/// What the options depend on besides the table.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    /// Clusters or Compose hosts: one per region.
    pub regions: u32,
    /// The repository's CI already blocks on HIGH/CRITICAL vulnerabilities
    /// with shipready: no paid scanner is added.
    pub has_cve_gate: bool,
}

pub fn options(costs: &CostTable, scale: Scale) -> Vec<PlatformOption> {
    let regions = f64::from(scale.regions.max(1));
    let fte = costs.get("devops-fte-eur-year") * costs.get("devops-fte-first-year");
    let one_off = costs.get("migration-person-months") * costs.get("engineer-eur-month");
    let monitoring = costs.get("monitoring-stack-eur-month");
    let scanner = if scale.has_cve_gate {
        0.0
    } else {
        costs.get("scanner-snyk-eur-year")
    };
    let scanner_note = if scale.has_cve_gate {
        "image scanning: this repository's CI already gates on shipready scan, which replaces a paid scanner (Snyk about EUR 12k/year, Prisma about EUR 45k/year)".to_string()
    } else {
        format!(
            "image scanning: Snyk at {}/year counted (Trivy or shipready scan in CI costs nothing)",
            eur(costs.get("scanner-snyk-eur-year"))
        )
    };
    let compose_monthly = costs.get("compose-host-eur-month") * regions;
    let mut out = vec![PlatformOption {
        platform: "compose",
        monthly_cost_eur: compose_monthly,
        first_year_cost_eur: compose_monthly * 12.0,
        notes: vec![format!(
            "{} host(s) at {}/month; no migration effort",
            regions,
            eur(costs.get("compose-host-eur-month"))
        )],
    }];
    let nodes = costs.nodes_eur_month();
    for (platform, provider) in [
        ("managed-eks", "eks"),
        ("managed-gke", "gke"),
        ("managed-aks", "aks"),
    ] {
        let cp = costs.control_plane(provider);
        let monthly = (cp + nodes) * regions + monitoring;
        out.push(PlatformOption {
            platform,
            monthly_cost_eur: monthly,
            first_year_cost_eur: monthly * 12.0 + fte + one_off + scanner,
            notes: vec![
                format!(
                    "{regions} cluster(s): control plane {} + nodes {} per month, monitoring stack {}/month",
                    eur(cp),
                    eur(nodes),
                    eur(monitoring)
                ),
                format!(
                    "first year adds {} DevOps FTE ({}) and the migration ({})",
                    costs.get("devops-fte-first-year"),
                    eur(fte),
                    eur(one_off)
                ),
                scanner_note.clone(),
            ],
        });
    }
    let managed_avg = out[1..].iter().map(|o| o.monthly_cost_eur).sum::<f64>() / 3.0;
    let factor = costs.get("self-hosted-cost-factor");
    let effort = costs.get("self-hosted-effort-factor");
    let monthly = managed_avg * factor;
    out.push(PlatformOption {
        platform: "self-hosted",
        monthly_cost_eur: monthly,
        first_year_cost_eur: monthly * 12.0 + fte * effort + one_off + scanner,
        notes: vec![
            format!(
                "{:.0} % of the managed average; operations take {effort}× the DevOps effort ({})",
                factor * 100.0,
                eur(fte * effort)
            ),
            scanner_note,
        ],
    });
    out
}
