//! `deploy.resources` (and the older service-level `mem_limit`,
//! `mem_reservation`, `cpus`) as container requests and limits. What the
//! Compose file leaves out gets a default, and the caller marks each
//! defaulted field in an annotation so a reviewer sees it was not chosen:
//!
//! - requests: CPU 100m, memory 128Mi;
//! - limits: memory 256Mi, or the memory request when that is larger; no
//!   CPU limit by default (a CPU limit throttles a service that a request
//!   already protects its neighbours from; a Compose `cpus` limit is kept).

use k8s_openapi::api::core::v1::ResourceRequirements;
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use shipready_yaml::Node;
use std::collections::BTreeMap;

pub const DEFAULT_CPU_REQUEST: &str = "100m";
pub const DEFAULT_MEMORY_REQUEST_MI: u64 = 128;
pub const DEFAULT_MEMORY_LIMIT_MI: u64 = 256;

/// The annotation listing the defaulted fields.
pub const DEFAULTED_ANNOTATION: &str = "shipready.dev/defaulted-resources";

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Resources {
    pub requirements: ResourceRequirements,
    /// `requests.cpu`, `limits.memory`, …: what was defaulted.
    pub defaulted: Vec<&'static str>,
}

/// Compose memory in bytes, as docker compose reads it (go-units'
/// binary units), with the loader's own parser.
pub fn memory_bytes(s: &str) -> Option<u64> {
    shipready_compose::config::bytes(s).filter(|b| *b > 0)
}

/// Bytes as a Kubernetes quantity: whole Gi or Mi where exact, else Ki,
/// else bytes.
pub(crate) fn memory_quantity(bytes: u64) -> Quantity {
    let q = if bytes.is_multiple_of(1 << 30) {
        format!("{}Gi", bytes >> 30)
    } else if bytes.is_multiple_of(1 << 20) {
        format!("{}Mi", bytes >> 20)
    } else if bytes.is_multiple_of(1 << 10) {
        format!("{}Ki", bytes >> 10)
    } else {
        bytes.to_string()
    };
    Quantity(q)
}

/// Compose CPUs (`0.5`, `2`) as millicores (`500m`, `2`).
pub fn cpu_quantity(s: &str) -> Option<Quantity> {
    let v: f64 = s.trim().parse().ok()?;
    if !v.is_finite() || v <= 0.0 {
        return None;
    }
    let milli = (v * 1000.0).round() as u64;
    Some(Quantity(if milli.is_multiple_of(1000) {
        (milli / 1000).to_string()
    } else {
        format!("{milli}m")
    }))
}

fn text(node: Option<&Node>) -> Option<String> {
    node.and_then(Node::key_text).filter(|s| !s.is_empty())
}

/// The requirements of one service.
pub fn from_service(svc: &Node) -> Result<Resources, String> {
    let res = svc.get("deploy").and_then(|d| d.get("resources"));
    let limits = res.and_then(|r| r.get("limits"));
    let reservations = res.and_then(|r| r.get("reservations"));
    let pick = |inner: Option<&Node>, key: &str, legacy: &str| {
        text(inner.and_then(|n| n.get(key))).or_else(|| text(svc.get(legacy)))
    };
    let mem_limit = pick(limits, "memory", "mem_limit");
    let mem_request = pick(reservations, "memory", "mem_reservation");
    let cpu_limit = pick(limits, "cpus", "cpus");
    let cpu_request = text(reservations.and_then(|n| n.get("cpus")));
    let mem = |s: &str, what: &str| {
        memory_bytes(s).ok_or_else(|| format!("{what}: `{s}` is not a memory size"))
    };
    let cpu = |s: &str, what: &str| {
        cpu_quantity(s).ok_or_else(|| format!("{what}: `{s}` is not a number of CPUs"))
    };

    let mut requests = BTreeMap::new();
    let mut lims = BTreeMap::new();
    let mut defaulted = Vec::new();
    let req_bytes = match &mem_request {
        Some(s) => mem(s, "memory reservation")?,
        None => {
            defaulted.push("requests.memory");
            DEFAULT_MEMORY_REQUEST_MI << 20
        }
    };
    let limit_bytes = match &mem_limit {
        Some(s) => mem(s, "memory limit")?,
        None => {
            defaulted.push("limits.memory");
            (DEFAULT_MEMORY_LIMIT_MI << 20).max(req_bytes)
        }
    };
    // A request above the limit is refused by the API server.
    let req_bytes = req_bytes.min(limit_bytes);
    requests.insert("memory".to_string(), memory_quantity(req_bytes));
    lims.insert("memory".to_string(), memory_quantity(limit_bytes));
    match &cpu_request {
        Some(s) => {
            requests.insert("cpu".to_string(), cpu(s, "CPU reservation")?);
        }
        None => {
            defaulted.push("requests.cpu");
            requests.insert("cpu".to_string(), Quantity(DEFAULT_CPU_REQUEST.to_string()));
        }
    }
    if let Some(s) = &cpu_limit {
        lims.insert("cpu".to_string(), cpu(s, "CPU limit")?);
    }
    Ok(Resources {
        requirements: ResourceRequirements {
            requests: Some(requests),
            limits: Some(lims),
            ..ResourceRequirements::default()
        },
        defaulted,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(yaml: &str) -> Node {
        crate::yaml(yaml)
    }

    fn q(r: &Resources, side: &str, key: &str) -> Option<String> {
        let m = if side == "requests" {
            &r.requirements.requests
        } else {
            &r.requirements.limits
        };
        m.as_ref()?.get(key).map(|q| q.0.clone())
    }

    #[test]
    fn compose_units_and_cpus_convert() {
        assert_eq!(memory_bytes("512m"), Some(512 << 20));
        assert_eq!(memory_bytes("1.5GB"), Some(3 << 29));
        assert_eq!(memory_bytes("268435456"), Some(268_435_456));
        assert_eq!(memory_bytes("lots"), None);
        assert_eq!(cpu_quantity("0.5").unwrap().0, "500m");
        assert_eq!(cpu_quantity("2").unwrap().0, "2");
        assert_eq!(cpu_quantity("0"), None);
    }

    #[test]
    fn declared_values_are_kept_and_the_rest_defaulted_and_listed() {
        let r = from_service(&svc("deploy:\n  resources:\n    limits: {cpus: \"1.5\", memory: 1G}\n    reservations: {cpus: \"0.25\", memory: 256M}\n")).unwrap();
        assert_eq!(q(&r, "limits", "memory").as_deref(), Some("1Gi"));
        assert_eq!(q(&r, "limits", "cpu").as_deref(), Some("1500m"));
        assert_eq!(q(&r, "requests", "memory").as_deref(), Some("256Mi"));
        assert_eq!(q(&r, "requests", "cpu").as_deref(), Some("250m"));
        assert!(r.defaulted.is_empty());

        let r = from_service(&svc("image: a:1\n")).unwrap();
        assert_eq!(
            r.defaulted,
            ["requests.memory", "limits.memory", "requests.cpu"]
        );
        assert_eq!(q(&r, "limits", "memory").as_deref(), Some("256Mi"));
        assert_eq!(q(&r, "limits", "cpu"), None, "no CPU limit by default");

        // The older service-level keys.
        let r = from_service(&svc("mem_limit: 64m\ncpus: 0.5\n")).unwrap();
        assert_eq!(q(&r, "limits", "memory").as_deref(), Some("64Mi"));
        assert_eq!(
            q(&r, "requests", "memory").as_deref(),
            Some("64Mi"),
            "the default request is capped by the limit"
        );
        assert_eq!(q(&r, "limits", "cpu").as_deref(), Some("500m"));
    }

    #[test]
    fn bad_values_are_errors() {
        let e = from_service(&svc(
            "deploy:\n  resources:\n    limits: {memory: plenty}\n",
        ))
        .unwrap_err();
        assert!(e.contains("`plenty` is not a memory size"), "{e}");
    }
}
