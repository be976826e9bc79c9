//! One Kubernetes object of the output, already serialised, and the
//! metadata every object shares.

use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;
use std::collections::BTreeMap;

/// The label every object carries: which tool wrote it.
pub const MANAGED_BY: (&str, &str) = ("app.kubernetes.io/managed-by", "shipready");
/// The label that names the Compose project.
pub const PART_OF: &str = "app.kubernetes.io/part-of";

#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    pub kind: String,
    pub name: String,
    /// The object as the API takes it (`apiVersion`, `kind`, …).
    pub value: serde_json::Value,
}

impl Object {
    /// Serialises a typed object. k8s-openapi's types write their own
    /// `apiVersion` and `kind`.
    pub fn of<T: Serialize + k8s_openapi::Resource>(name: &str, object: &T) -> Object {
        Object {
            kind: T::KIND.to_string(),
            name: name.to_string(),
            // Serialising these types into a JSON value cannot fail: they
            // hold no maps with non-string keys.
            value: serde_json::to_value(object).unwrap_or(serde_json::Value::Null),
        }
    }

    /// Where the kind comes in the output: what others depend on first
    /// (a namespace, then configuration and storage, then workloads,
    /// then what points at workloads), as `kubectl apply -f` of one file
    /// needs and as Helm orders its install.
    pub fn rank(&self) -> usize {
        const ORDER: &[&str] = &[
            "Namespace",
            "NetworkPolicy",
            "Secret",
            "ConfigMap",
            "PersistentVolumeClaim",
            "Service",
            "StatefulSet",
            "Deployment",
            "DaemonSet",
            "Job",
            "CronJob",
            "PodDisruptionBudget",
            "HorizontalPodAutoscaler",
            "Ingress",
        ];
        ORDER
            .iter()
            .position(|k| *k == self.kind)
            .unwrap_or(ORDER.len())
    }

    /// `kind/name`, as the summary lists it.
    pub fn id(&self) -> String {
        format!("{}/{}", self.kind, self.name)
    }

    /// The file `-o DIR` writes it to: `<name>-<kind>.yaml`.
    pub fn file_name(&self) -> String {
        format!("{}-{}.yaml", self.name, self.kind.to_ascii_lowercase())
    }
}

/// Metadata for an object of `service` (or of the project, when `None`).
pub fn meta(name: &str, namespace: &str, project: &str, service: Option<&str>) -> ObjectMeta {
    let mut labels = BTreeMap::from([
        (MANAGED_BY.0.to_string(), MANAGED_BY.1.to_string()),
        (PART_OF.to_string(), project.to_string()),
    ]);
    if let Some(s) = service {
        labels.insert(crate::networks::NAME_LABEL.to_string(), s.to_string());
    }
    ObjectMeta {
        name: Some(name.to_string()),
        namespace: Some(namespace.to_string()),
        labels: Some(labels),
        ..ObjectMeta::default()
    }
}

/// The selector labels of a service's pods.
pub fn selector(service: &str) -> BTreeMap<String, String> {
    BTreeMap::from([(crate::networks::NAME_LABEL.to_string(), service.to_string())])
}
