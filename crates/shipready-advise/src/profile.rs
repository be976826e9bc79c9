//! The team's profile: `[profile]` in `shipready.toml`, overridden by
//! flags. Every field is optional; the advice names each one it lacked.

use serde::{Deserialize, Serialize};

/// Compliance regimes a team may be held to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Compliance {
    None,
    Gdpr,
    Soc2,
    Iso27001,
    PciDss,
    Hipaa,
    Fedramp,
}

impl Compliance {
    pub fn as_str(self) -> &'static str {
        match self {
            Compliance::None => "none",
            Compliance::Gdpr => "gdpr",
            Compliance::Soc2 => "soc2",
            Compliance::Iso27001 => "iso27001",
            Compliance::PciDss => "pci-dss",
            Compliance::Hipaa => "hipaa",
            Compliance::Fedramp => "fedramp",
        }
    }

    /// Audited controls over change management, access and isolation: the
    /// guide's "compliance needs" that start a migration. GDPR alone is a
    /// data-handling duty a Compose host meets as well.
    pub fn is_audited(self) -> bool {
        !matches!(self, Compliance::None | Compliance::Gdpr)
    }

    /// The guide's "enterprise security standards" where Kubernetes pays
    /// off: regimes that demand network isolation and workload identity
    /// per service (PCI DSS segmentation, HIPAA, FedRAMP).
    pub fn is_enterprise(self) -> bool {
        matches!(
            self,
            Compliance::PciDss | Compliance::Hipaa | Compliance::Fedramp
        )
    }

    pub fn parse(s: &str) -> Option<Compliance> {
        Some(
            match s.to_ascii_lowercase().replace(['_', ' '], "-").as_str() {
                "none" => Compliance::None,
                "gdpr" => Compliance::Gdpr,
                "soc2" | "soc-2" => Compliance::Soc2,
                "iso27001" | "iso-27001" => Compliance::Iso27001,
                "pci-dss" | "pci" | "pcidss" => Compliance::PciDss,
                "hipaa" => Compliance::Hipaa,
                "fedramp" => Compliance::Fedramp,
                _ => return None,
            },
        )
    }
}

/// How much unplanned downtime the business accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Downtime {
    /// Hours a month are survivable (internal tools).
    Hours,
    /// Minutes a month (a 99.9 % target).
    Minutes,
    /// Seconds (99.99 % and up: rolling, multi-zone).
    Seconds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Maturity {
    /// Deploys by hand.
    None,
    /// CI builds images; deploys are scripted.
    Basic,
    /// CI/CD, infrastructure as code, on-call.
    Intermediate,
    /// A platform team already runs clusters.
    Advanced,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Hosting {
    Aws,
    Gcp,
    Azure,
    OnPrem,
    Vps,
    Paas,
    Other,
}

/// `[profile]`. Integers are unsigned, so a negative team size is a type
/// error naming its line, as is DAU written as text.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Profile {
    /// Engineers who ship to this system.
    pub team_size: Option<u32>,
    pub daily_active_users: Option<u64>,
    /// Expected growth of users, percent per year.
    pub expected_growth_percent: Option<f64>,
    pub regions: Option<u32>,
    pub compliance: Option<Vec<Compliance>>,
    pub downtime_tolerance: Option<Downtime>,
    pub devops_maturity: Option<Maturity>,
    pub hosting: Option<Hosting>,
    /// Overrides the count read from Compose and Kubernetes.
    pub services: Option<u32>,
    /// Image economics: deploys a day, and nodes that pull each image.
    pub deploys_per_day: Option<f64>,
    pub nodes: Option<u32>,
}

impl Profile {
    /// `other`'s fields where set, else ours: flags over the file.
    pub fn overridden_by(&self, other: &Profile) -> Profile {
        Profile {
            team_size: other.team_size.or(self.team_size),
            daily_active_users: other.daily_active_users.or(self.daily_active_users),
            expected_growth_percent: other
                .expected_growth_percent
                .or(self.expected_growth_percent),
            regions: other.regions.or(self.regions),
            compliance: other.compliance.clone().or_else(|| self.compliance.clone()),
            downtime_tolerance: other.downtime_tolerance.or(self.downtime_tolerance),
            devops_maturity: other.devops_maturity.or(self.devops_maturity),
            hosting: other.hosting.or(self.hosting),
            services: other.services.or(self.services),
            deploys_per_day: other.deploys_per_day.or(self.deploys_per_day),
            nodes: other.nodes.or(self.nodes),
        }
    }

    /// The profile fields the advice would use but were not given, as
    /// their `shipready.toml` keys.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let fields: [(&'static str, bool); 8] = [
            ("team-size", self.team_size.is_some()),
            ("daily-active-users", self.daily_active_users.is_some()),
            (
                "expected-growth-percent",
                self.expected_growth_percent.is_some(),
            ),
            ("regions", self.regions.is_some()),
            ("compliance", self.compliance.is_some()),
            ("downtime-tolerance", self.downtime_tolerance.is_some()),
            ("devops-maturity", self.devops_maturity.is_some()),
            ("hosting", self.hosting.is_some()),
        ];
        for (key, set) in fields {
            if !set {
                out.push(key);
            }
        }
        out
    }
}
