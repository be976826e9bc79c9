//! The guide's four phases, each a checklist filled with this
//! repository's facts, and the phase the repository is in: the first one
//! with an open task.

use crate::economics::BUDGET_BYTES;
use crate::facts::Facts;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Done,
    Todo,
    /// The repository cannot show it (no image built, no database, a
    /// profile field missing).
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    pub task: &'static str,
    pub status: Status,
    /// What the repository shows, in words: "3 of 5 Dockerfiles are
    /// single-stage: api, worker, web".
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Phase {
    pub phase: u8,
    pub name: &'static str,
    pub months: &'static str,
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Plan {
    /// 1-4.
    pub current: u8,
    pub plan: Vec<Phase>,
}

const ROOT_RULES: &[&str] = &["SR-D001", "SR-C018", "SR-I001", "SR-K005"];
const SECRET_RULES: &[&str] = &[
    "SR-D009", "SR-D010", "SR-C015", "SR-I004", "SR-I010", "SR-I011", "SR-K014",
];
const LATEST_RULES: &[&str] = &["SR-D006", "SR-C008", "SR-K013", "SR-I005"];
const PROBE_RULES: &[&str] = &["SR-K003"];
const RESOURCE_RULES: &[&str] = &["SR-K004", "SR-C007"];
const REPLICA_RULES: &[&str] = &["SR-K016"];

fn task(task: &'static str, done: bool, evidence: String) -> Task {
    Task {
        task,
        status: if done { Status::Done } else { Status::Todo },
        evidence,
    }
}

fn unknown(task: &'static str, evidence: String) -> Task {
    Task {
        task,
        status: Status::Unknown,
        evidence,
    }
}

fn list(items: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut s = items
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        s.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    s
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1e6)
}

/// A rule-based task: done when no file has one of `rules`.
fn by_rules(facts: &Facts, name: &'static str, rules: &[&str], what: &str) -> Task {
    let files = facts.files_with(rules);
    if files.is_empty() {
        task(name, true, format!("no file found with {what}"))
    } else {
        task(
            name,
            false,
            format!("{what} in {} file(s): {}", files.len(), list(&files)),
        )
    }
}

fn phase1(f: &Facts) -> Vec<Task> {
    let mut tasks = Vec::new();
    let single: Vec<String> = f
        .dockerfiles
        .iter()
        .filter(|d| d.stages < 2)
        .map(|d| d.label.clone())
        .collect();
    tasks.push(if f.dockerfiles.is_empty() {
        task(
            "multi-stage builds",
            false,
            "no Dockerfile found: containerise each service".to_string(),
        )
    } else if single.is_empty() {
        task(
            "multi-stage builds",
            true,
            format!("all {} Dockerfiles are multi-stage", f.dockerfiles.len()),
        )
    } else {
        task(
            "multi-stage builds",
            false,
            format!(
                "{} of {} Dockerfiles are single-stage: {}",
                single.len(),
                f.dockerfiles.len(),
                list(&single)
            ),
        )
    });
    let over: Vec<String> = f
        .images
        .iter()
        .filter(|i| i.size > BUDGET_BYTES)
        .map(|i| format!("{} ({})", i.reference, mb(i.size)))
        .collect();
    tasks.push(if f.images.is_empty() {
        unknown(
            "images under 150 MB",
            "no built image analysed: `shipready audit --build` builds them first".to_string(),
        )
    } else {
        task(
            "images under 150 MB",
            over.is_empty(),
            if over.is_empty() {
                format!("all {} images are under 150 MB", f.images.len())
            } else {
                format!("{} images over 150 MB: {}", over.len(), list(&over))
            },
        )
    });
    tasks.push(by_rules(f, "non-root users", ROOT_RULES, "a root user"));
    let unchecked: Vec<String> = f
        .compose_services
        .iter()
        .filter(|s| !s.healthcheck && !s.one_shot)
        .map(|s| s.name.clone())
        .collect();
    tasks.push(if f.compose_services.is_empty() {
        by_rules(
            f,
            "health checks",
            &["SR-D002", "SR-I002", "SR-K003"],
            "a missing health check",
        )
    } else {
        task(
            "health checks",
            unchecked.is_empty(),
            if unchecked.is_empty() {
                "every long-running service has a healthcheck".to_string()
            } else {
                format!("no healthcheck on {}", list(&unchecked))
            },
        )
    });
    tasks.push(by_rules(
        f,
        "no secrets in images or files",
        SECRET_RULES,
        "a credential",
    ));
    tasks.push(by_rules(
        f,
        "pinned versions",
        LATEST_RULES,
        "a `latest` or untagged image",
    ));
    tasks
}

fn phase2(f: &Facts) -> Vec<Task> {
    let mut tasks = vec![if f.has_kubernetes() {
        task(
            "Kubernetes manifests",
            true,
            format!(
                "{} workloads: {}",
                f.kube_workloads.len(),
                list(&f.kube_workloads)
            ),
        )
    } else {
        task(
            "Kubernetes manifests",
            false,
            "none yet: `shipready convert` turns the Compose file into them".to_string(),
        )
    }];
    if f.has_kubernetes() {
        tasks.push(by_rules(
            f,
            "readiness and liveness probes",
            PROBE_RULES,
            "a container without probes",
        ));
        tasks.push(by_rules(
            f,
            "requests and limits",
            RESOURCE_RULES,
            "a container without requests or limits",
        ));
        tasks.push(by_rules(
            f,
            "replicas and disruption budgets",
            REPLICA_RULES,
            "a single replica without a PodDisruptionBudget",
        ));
    } else {
        tasks.push(by_rules(
            f,
            "resource limits",
            RESOURCE_RULES,
            "a service without resource limits",
        ));
    }
    tasks
}

fn phase3(f: &Facts) -> Vec<Task> {
    let gate = match &f.ci.cve_gate {
        Some(at) => task(
            "CVE gate in CI",
            true,
            format!("CI blocks on vulnerabilities: {at}"),
        ),
        None if f.ci.files.is_empty() => task(
            "CVE gate in CI",
            false,
            "no CI configuration found: add `shipready scan --fail-on high` to CI".to_string(),
        ),
        None => task(
            "CVE gate in CI",
            false,
            format!(
                "no CVE gate in CI ({}): add `shipready scan --fail-on high`",
                list(&f.ci.files)
            ),
        ),
    };
    let vulns = match f.vulns {
        None => unknown(
            "no HIGH or CRITICAL vulnerabilities",
            "no vulnerability database: `shipready db update`".to_string(),
        ),
        Some(v) => task(
            "no HIGH or CRITICAL vulnerabilities",
            v.critical + v.high == 0,
            format!(
                "{} critical, {} high, {} medium, {} low, {} unrated",
                v.critical, v.high, v.medium, v.low, v.unknown
            ),
        ),
    };
    let kinds = |ks: &[&str]| ks.iter().any(|k| f.kube_kinds.contains(*k));
    let hpa = kinds(&["HorizontalPodAutoscaler", "ScaledObject"]);
    let monitoring = kinds(&["ServiceMonitor", "PodMonitor", "PrometheusRule"])
        || f.compose_services.iter().any(|s| {
            s.image.as_deref().is_some_and(|i| {
                ["prometheus", "grafana", "otel", "opentelemetry", "datadog"]
                    .iter()
                    .any(|m| i.contains(m))
            })
        });
    vec![
        gate,
        vulns,
        task(
            "autoscaling",
            hpa,
            if hpa {
                "a HorizontalPodAutoscaler scales the workloads".to_string()
            } else {
                "no HorizontalPodAutoscaler".to_string()
            },
        ),
        task(
            "monitoring and alerting",
            monitoring,
            if monitoring {
                "a monitoring stack is declared".to_string()
            } else {
                "no ServiceMonitor, Prometheus or OpenTelemetry collector in the repository"
                    .to_string()
            },
        ),
    ]
}

fn phase4(f: &Facts, regions: Option<u32>) -> Vec<Task> {
    let netpol = f.kube_kinds.contains("NetworkPolicy");
    let gitops = [
        "Application",
        "ApplicationSet",
        "Kustomization",
        "HelmRelease",
    ]
    .iter()
    .any(|k| f.kube_kinds.contains(*k));
    vec![
        match regions {
            None => unknown(
                "multi-region disaster recovery",
                "regions unknown: set [profile] regions".to_string(),
            ),
            Some(r) => task(
                "multi-region disaster recovery",
                r >= 2,
                format!("{r} region(s)"),
            ),
        },
        task(
            "network policies",
            netpol,
            if netpol {
                "NetworkPolicy objects restrict traffic".to_string()
            } else {
                "no NetworkPolicy".to_string()
            },
        ),
        task(
            "advanced CI/CD (GitOps)",
            gitops,
            if gitops {
                "Argo CD or Flux objects deploy the manifests".to_string()
            } else {
                "no Argo CD or Flux objects".to_string()
            },
        ),
    ]
}

pub fn plan(facts: &Facts, regions: Option<u32>) -> Plan {
    let plan = vec![
        Phase {
            phase: 1,
            name: "containerisation",
            months: "1-2",
            tasks: phase1(facts),
        },
        Phase {
            phase: 2,
            name: "orchestration",
            months: "3-4",
            tasks: phase2(facts),
        },
        Phase {
            phase: 3,
            name: "production optimisation",
            months: "5-6",
            tasks: phase3(facts),
        },
        Phase {
            phase: 4,
            name: "advanced orchestration",
            months: "7-12",
            tasks: phase4(facts, regions),
        },
    ];
    let current = plan
        .iter()
        .find(|p| p.tasks.iter().any(|t| t.status == Status::Todo))
        .map_or(4, |p| p.phase);
    Plan { current, plan }
}
