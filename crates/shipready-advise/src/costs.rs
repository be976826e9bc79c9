//! The cost model's inputs: one editable table of assumptions, each with
//! its unit and its source. The guide's figures are its claims, list
//! prices carry the date they were recorded, and shipready's own defaults
//! say so; `[costs]` in `shipready.toml` overrides any of them.

use serde::Serialize;

/// Where a figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// The production guide this product encodes (DESIGN.md): a claim,
    /// not a measurement.
    Guide,
    /// A provider's public list price, as recorded on [`LIST_PRICE_DATE`].
    ListPrice,
    /// shipready's own default where the guide gives no figure: set yours.
    Default,
    /// Set in `[costs]` or `[thresholds]`.
    Config,
}

impl Source {
    pub fn describe(self) -> String {
        match self {
            Source::Guide => "the guide (a claim, not a measurement)".to_string(),
            Source::ListPrice => format!("provider list price as recorded {LIST_PRICE_DATE}"),
            Source::Default => "shipready default: set yours in [costs]".to_string(),
            Source::Config => "shipready.toml".to_string(),
        }
    }
}

/// When the list prices below were recorded. They were not fetched by the
/// tool (it runs offline); check the providers' pages before budgeting.
pub const LIST_PRICE_DATE: &str = "2026-12-01";

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assumption {
    pub key: &'static str,
    pub value: f64,
    pub unit: &'static str,
    pub source: Source,
    pub note: &'static str,
}

/// The managed Kubernetes providers the table must price.
pub const PROVIDERS: [&str; 3] = ["eks", "gke", "aks"];

/// The defaults, in the order they are printed.
pub const DEFAULTS: &[(&str, f64, &str, Source, &str)] = &[
    (
        "compose-host-eur-month",
        89.0,
        "EUR/month",
        Source::Guide,
        "one Compose host per region",
    ),
    (
        "kubernetes-all-in-eur-month",
        890.0,
        "EUR/month",
        Source::Guide,
        "a managed cluster per region, control plane and nodes",
    ),
    (
        "control-plane.eks",
        73.0,
        "EUR/month",
        Source::Guide,
        "EKS control plane per cluster",
    ),
    (
        "control-plane.gke",
        65.0,
        "EUR/month",
        Source::Guide,
        "GKE control plane per cluster",
    ),
    (
        "control-plane.aks",
        69.0,
        "EUR/month",
        Source::Guide,
        "AKS control plane per cluster",
    ),
    (
        "monitoring-stack-eur-month",
        2300.0,
        "EUR/month",
        Source::Guide,
        "phase 3 monitoring stack (metrics, logs, alerting)",
    ),
    (
        "kubernetes-monitoring-increase-eur-month",
        2800.0,
        "EUR/month",
        Source::Guide,
        "the guide's total increase of managed Kubernetes with monitoring, shown for comparison",
    ),
    (
        "self-hosted-cost-factor",
        0.40,
        "× managed",
        Source::Guide,
        "self-hosted costs about 60 % less",
    ),
    (
        "self-hosted-effort-factor",
        3.0,
        "× managed",
        Source::Guide,
        "self-hosted takes about 200 % more operational effort",
    ),
    (
        "devops-fte-first-year",
        1.0,
        "FTE",
        Source::Guide,
        "managed Kubernetes needs one more DevOps engineer at first",
    ),
    (
        "devops-fte-eur-year",
        90000.0,
        "EUR/year",
        Source::Default,
        "loaded cost of a DevOps engineer",
    ),
    (
        "engineer-eur-month",
        7500.0,
        "EUR/month",
        Source::Default,
        "loaded cost of an engineer",
    ),
    (
        "migration-person-months",
        4.0,
        "person-months",
        Source::Default,
        "effort of phases 1-2 (containerise, orchestrate)",
    ),
    (
        "velocity-gain",
        0.23,
        "share",
        Source::Guide,
        "+23 % delivery velocity after the migration",
    ),
    (
        "incident-reduction",
        0.67,
        "share",
        Source::Guide,
        "-67 % deployment incidents",
    ),
    (
        "incidents-per-month",
        2.0,
        "incidents/month",
        Source::Default,
        "deployment incidents today",
    ),
    (
        "incident-cost-eur",
        3000.0,
        "EUR/incident",
        Source::Default,
        "cost of one deployment incident",
    ),
    (
        "break-even-month-claim",
        8.0,
        "month",
        Source::Guide,
        "break-even typically in month 8",
    ),
    (
        "scanner-trivy-eur-year",
        0.0,
        "EUR/year",
        Source::Guide,
        "Trivy, open source",
    ),
    (
        "scanner-snyk-eur-year",
        12000.0,
        "EUR/year",
        Source::Guide,
        "Snyk",
    ),
    (
        "scanner-prisma-eur-year",
        45000.0,
        "EUR/year",
        Source::Guide,
        "Prisma Cloud / Twistlock",
    ),
    (
        "runtime-security-eur-node-month",
        20.0,
        "EUR/node/month",
        Source::Guide,
        "Sysdig or Aqua, EUR 15-25 per node; Falco is open source",
    ),
    (
        "nodes-per-cluster",
        3.0,
        "nodes",
        Source::Default,
        "nodes per cluster, for per-node prices",
    ),
    (
        "egress-eur-gb",
        0.08,
        "EUR/GB",
        Source::Default,
        "registry egress per GB pulled",
    ),
    (
        "pull-bandwidth-mbit",
        20.0,
        "Mbit/s",
        Source::Default,
        "bandwidth a node pulls at (20 Mbit/s: the guide's 900 MB in 6 min)",
    ),
    (
        "eks-usd-cluster-hour",
        0.10,
        "USD/cluster-hour",
        Source::ListPrice,
        "EKS standard support",
    ),
    (
        "eks-extended-usd-cluster-hour",
        0.60,
        "USD/cluster-hour",
        Source::ListPrice,
        "EKS extended support",
    ),
    (
        "gke-usd-cluster-hour",
        0.10,
        "USD/cluster-hour",
        Source::ListPrice,
        "GKE; a monthly credit covers one zonal or Autopilot cluster",
    ),
    (
        "gke-monthly-credit-usd",
        74.40,
        "USD/month",
        Source::ListPrice,
        "GKE free-tier credit per billing account",
    ),
    (
        "aks-free-usd-cluster-hour",
        0.0,
        "USD/cluster-hour",
        Source::ListPrice,
        "AKS Free tier: no uptime SLA, under 10 nodes recommended",
    ),
    (
        "aks-standard-usd-cluster-hour",
        0.10,
        "USD/cluster-hour",
        Source::ListPrice,
        "AKS Standard tier, with an uptime SLA",
    ),
];

/// The table in use: the defaults with any overrides.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CostTable {
    pub rows: Vec<Assumption>,
}

impl Default for CostTable {
    fn default() -> Self {
        CostTable {
            rows: DEFAULTS
                .iter()
                .map(|&(key, value, unit, source, note)| Assumption {
                    key,
                    value,
                    unit,
                    source,
                    note,
                })
                .collect(),
        }
    }
}

impl CostTable {
    /// The value of `key`. Every key the model reads is in [`DEFAULTS`];
    /// a test checks that.
    pub fn get(&self, key: &str) -> f64 {
        self.rows
            .iter()
            .find(|r| r.key == key)
            .map_or(0.0, |r| r.value)
    }

    pub fn knows(&self, key: &str) -> bool {
        self.rows.iter().any(|r| r.key == key)
    }

    /// Sets `key` from the configuration; `false` when there is no such
    /// key.
    pub fn set(&mut self, key: &str, value: f64) -> bool {
        match self.rows.iter_mut().find(|r| r.key == key) {
            Some(r) => {
                r.value = value;
                r.source = Source::Config;
                true
            }
            None => false,
        }
    }

    pub fn control_plane(&self, provider: &str) -> f64 {
        self.get(&format!("control-plane.{provider}"))
    }

    /// A node pool per cluster: the guide's all-in figure less the EKS
    /// control plane it includes.
    pub fn nodes_eur_month(&self) -> f64 {
        (self.get("kubernetes-all-in-eur-month") - self.control_plane("eks")).max(0.0)
    }
}

/// Outcomes the guide reports from teams that made the move. They are
/// printed as its claims, never as something shipready measured.
pub const GUIDE_CLAIMS: &[&str] = &[
    "-67 % deployment incidents",
    "+23 % delivery velocity",
    "99.9 % uptime",
    "environment setup from 2 h to 5 min",
];
