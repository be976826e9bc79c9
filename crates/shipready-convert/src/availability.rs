//! What keeps several replicas available: from 2 replicas a
//! PodDisruptionBudget (a drain evicts one pod at a time) and a topology
//! spread over nodes (so one node's loss is not every replica's), and an
//! autoscaler when the labels ask for one (`shipready.dev/hpa-max`,
//! `shipready.dev/hpa-cpu`, or kompose's `kompose.hpa.replicas.max`,
//! `kompose.hpa.replicas.min`, `kompose.hpa.cpu`, `kompose.hpa.memory`).

use k8s_openapi::api::autoscaling::v2::{
    CrossVersionObjectReference, HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, MetricSpec,
    MetricTarget, ResourceMetricSource,
};
use k8s_openapi::api::core::v1::TopologySpreadConstraint;
use k8s_openapi::api::policy::v1::{PodDisruptionBudget, PodDisruptionBudgetSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use shipready_yaml::Node;
use std::collections::BTreeMap;

/// Default target CPU utilisation of an autoscaler, in percent.
pub const DEFAULT_CPU_PERCENT: i32 = 70;

pub fn disruption_budget(
    meta: ObjectMeta,
    selector: BTreeMap<String, String>,
) -> PodDisruptionBudget {
    PodDisruptionBudget {
        metadata: meta,
        spec: Some(PodDisruptionBudgetSpec {
            max_unavailable: Some(IntOrString::Int(1)),
            selector: Some(LabelSelector {
                match_labels: Some(selector),
                ..LabelSelector::default()
            }),
            ..PodDisruptionBudgetSpec::default()
        }),
        ..PodDisruptionBudget::default()
    }
}

/// Spread over nodes, preferred: a cluster with fewer nodes than
/// replicas still schedules them all.
pub fn spread(selector: BTreeMap<String, String>) -> Vec<TopologySpreadConstraint> {
    vec![TopologySpreadConstraint {
        max_skew: 1,
        topology_key: "kubernetes.io/hostname".into(),
        when_unsatisfiable: "ScheduleAnyway".into(),
        label_selector: Some(LabelSelector {
            match_labels: Some(selector),
            ..LabelSelector::default()
        }),
        ..TopologySpreadConstraint::default()
    }]
}

/// What the labels ask of an autoscaler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Autoscale {
    pub min: i32,
    pub max: i32,
    pub cpu: Option<i32>,
    pub memory: Option<i32>,
}

fn label(svc: &Node, keys: &[&str]) -> Option<String> {
    let labels = svc.get("labels")?;
    keys.iter()
        .find_map(|k| labels.get(k).and_then(Node::key_text))
        .filter(|s| !s.is_empty())
}

fn number(svc: &Node, keys: &[&str]) -> Result<Option<i32>, String> {
    match label(svc, keys) {
        None => Ok(None),
        Some(t) => t
            .trim_end_matches('%')
            .parse::<i32>()
            .ok()
            .filter(|n| *n > 0)
            .map(Some)
            .ok_or_else(|| format!("label {}: `{t}` is not a positive number", keys[0])),
    }
}

/// `None` when no label asks; `replicas` is the workload's count (the
/// minimum unless a label says).
pub fn autoscale(svc: &Node, replicas: i32) -> Result<Option<Autoscale>, String> {
    let max = number(svc, &["shipready.dev/hpa-max", "kompose.hpa.replicas.max"])?;
    let min = number(svc, &["shipready.dev/hpa-min", "kompose.hpa.replicas.min"])?;
    let cpu = number(svc, &["shipready.dev/hpa-cpu", "kompose.hpa.cpu"])?;
    let memory = number(svc, &["shipready.dev/hpa-memory", "kompose.hpa.memory"])?;
    if max.is_none() && cpu.is_none() && memory.is_none() {
        return Ok(None);
    }
    let min = min.unwrap_or(replicas.max(1));
    let max = max.unwrap_or(min.max(1) * 3).max(min);
    let cpu = if cpu.is_none() && memory.is_none() {
        Some(DEFAULT_CPU_PERCENT)
    } else {
        cpu
    };
    Ok(Some(Autoscale {
        min,
        max,
        cpu,
        memory,
    }))
}

fn metric(name: &str, percent: i32) -> MetricSpec {
    MetricSpec {
        type_: "Resource".into(),
        resource: Some(ResourceMetricSource {
            name: name.into(),
            target: MetricTarget {
                type_: "Utilization".into(),
                average_utilization: Some(percent),
                ..MetricTarget::default()
            },
        }),
        ..MetricSpec::default()
    }
}

pub fn autoscaler(
    meta: ObjectMeta,
    a: &Autoscale,
    kind: &str,
    target: &str,
) -> HorizontalPodAutoscaler {
    let mut metrics = Vec::new();
    if let Some(c) = a.cpu {
        metrics.push(metric("cpu", c));
    }
    if let Some(m) = a.memory {
        metrics.push(metric("memory", m));
    }
    HorizontalPodAutoscaler {
        metadata: meta,
        spec: Some(HorizontalPodAutoscalerSpec {
            min_replicas: Some(a.min),
            max_replicas: a.max,
            scale_target_ref: CrossVersionObjectReference {
                api_version: Some("apps/v1".into()),
                kind: kind.into(),
                name: target.into(),
            },
            metrics: Some(metrics),
            ..HorizontalPodAutoscalerSpec::default()
        }),
        ..HorizontalPodAutoscaler::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autoscaling_comes_from_labels_with_defaults() {
        assert_eq!(autoscale(&crate::yaml("image: a\n"), 2).unwrap(), None);
        let a = autoscale(&crate::yaml("labels: {shipready.dev/hpa-max: \"10\"}\n"), 2)
            .unwrap()
            .unwrap();
        assert_eq!((a.min, a.max, a.cpu, a.memory), (2, 10, Some(70), None));
        let k = autoscale(
            &crate::yaml("labels: {kompose.hpa.memory: \"80\", kompose.hpa.replicas.min: \"3\"}\n"),
            2,
        )
        .unwrap()
        .unwrap();
        assert_eq!((k.min, k.max, k.cpu, k.memory), (3, 9, None, Some(80)));
        assert!(autoscale(&crate::yaml("labels: {kompose.hpa.cpu: lots}\n"), 1).is_err());
        let hpa = autoscaler(ObjectMeta::default(), &a, "Deployment", "web");
        let spec = hpa.spec.unwrap();
        assert_eq!(spec.scale_target_ref.name, "web");
        assert_eq!(
            spec.metrics.unwrap()[0].resource.as_ref().unwrap().name,
            "cpu"
        );
    }
}
