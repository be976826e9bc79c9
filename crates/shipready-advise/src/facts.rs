//! What the repository shows, gathered by the pipeline
//! (`shipready-project`) and handed to the advisor: services, manifests,
//! Dockerfiles, images, findings, vulnerabilities and the CI gate.

use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Facts {
    pub compose_services: Vec<ServiceFact>,
    /// `Kind/name` of every workload (Deployment, StatefulSet, DaemonSet,
    /// Job, CronJob).
    pub kube_workloads: Vec<String>,
    /// Every object kind in the manifests.
    pub kube_kinds: BTreeSet<String>,
    pub dockerfiles: Vec<DockerfileFact>,
    pub images: Vec<ImageFact>,
    pub findings: Vec<FindingFact>,
    /// `None` when no vulnerability database was used.
    pub vulns: Option<VulnCounts>,
    pub ci: CiFacts,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceFact {
    pub name: String,
    pub healthcheck: bool,
    /// Runs once and exits (`restart: "no"`/`on-failure`): needs no health
    /// check.
    pub one_shot: bool,
    pub image: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DockerfileFact {
    pub path: String,
    /// The service it builds, else its directory's name.
    pub label: String,
    pub stages: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImageFact {
    pub reference: String,
    /// As a registry serves it (compressed layers).
    pub size: u64,
    pub uncompressed_size: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindingFact {
    pub rule: String,
    /// `error`, `warning`, `info`, `style`.
    pub severity: String,
    /// The file (or image) it is in.
    pub file: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct VulnCounts {
    pub critical: usize,
    pub high: usize,
    pub medium: usize,
    pub low: usize,
    pub unknown: usize,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct CiFacts {
    /// CI configuration files read.
    pub files: Vec<String>,
    /// Where CI blocks on vulnerabilities (`file:line: command`).
    pub cve_gate: Option<String>,
}

impl Facts {
    /// Services: the larger of Compose's and Kubernetes' counts (a
    /// repository that holds both usually describes one system twice).
    pub fn service_count(&self) -> Option<u32> {
        let compose: BTreeSet<&str> = self
            .compose_services
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        let n = compose.len().max(self.kube_workloads.len());
        (n > 0).then(|| u32::try_from(n).unwrap_or(u32::MAX))
    }

    pub fn has_kubernetes(&self) -> bool {
        !self.kube_kinds.is_empty()
    }

    /// Distinct files with a finding of any of `rules`.
    pub fn files_with(&self, rules: &[&str]) -> Vec<String> {
        let set: BTreeSet<String> = self
            .findings
            .iter()
            .filter(|f| rules.contains(&f.rule.as_str()))
            .map(|f| f.file.clone())
            .collect();
        set.into_iter().collect()
    }
}

/// The lines of a CI file that gate on vulnerabilities: a scanner run
/// that fails the job on HIGH/CRITICAL. Recognised: `shipready scan` and
/// `shipready audit` (their default gate is HIGH), `trivy image|fs|repo`
/// with `--exit-code 1`, `grype` with `--fail-on`, `osv-scanner`, `snyk
/// container test`, `docker scout cves` with `--exit-code`.
pub fn cve_gate_line(line: &str) -> bool {
    let l = line.to_ascii_lowercase();
    let has = |s: &str| l.contains(s);
    if has("shipready scan") || has("shipready audit") {
        return !has("--fail-on none") && !has("--fail-on=none");
    }
    (has("trivy image") || has("trivy fs") || has("trivy repo") || has("trivy rootfs"))
        && (has("--exit-code 1") || has("--exit-code=1"))
        || has("grype") && has("--fail-on")
        || has("osv-scanner")
        || has("snyk container test")
        || has("docker scout cves") && has("--exit-code")
}

#[cfg(test)]
mod tests {
    use super::cve_gate_line;

    #[test]
    fn gates_are_recognised_and_non_gates_are_not() {
        for gate in [
            "      - run: shipready scan myapp:1.2 --fail-on high",
            "  script: shipready audit .",
            "trivy image --exit-code 1 --severity HIGH,CRITICAL app:1",
            "grype app:1 --fail-on high",
            "docker scout cves app:1 --exit-code --only-severity critical,high",
        ] {
            assert!(cve_gate_line(gate), "{gate}");
        }
        for not in [
            "trivy image app:1",
            "shipready scan . --fail-on none",
            "shipready lint .",
            "echo scanning",
        ] {
            assert!(!cve_gate_line(not), "{not}");
        }
    }
}
