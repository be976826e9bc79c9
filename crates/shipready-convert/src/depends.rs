//! `depends_on` in Kubernetes terms. Pods start together and nothing
//! orders them, so:
//!
//! - `condition: service_healthy` becomes an init container that waits
//!   until the dependency's Service accepts TCP connections on its first
//!   port (`nc -z`, every 2 s), which happens only once the dependency's
//!   readiness probe (made from its healthcheck) passes, since a Service
//!   sends traffic to ready pods only. It waits as long as the pod's
//!   start allows; the kubelet restarts it on failure.
//! - `service_started` (the default) needs nothing: the pods start
//!   anyway, and a client that retries is what Kubernetes expects.
//! - `service_completed_successfully` (a one-shot dependency, usually a
//!   migration) cannot be waited for from another pod; it is reported so
//!   the caller can turn the dependency into a Job or an init container of
//!   its own.
//!
//! The wait image is small and pinned; `WAIT_IMAGE` is the default a
//! command-line option can replace.

use crate::security;
use k8s_openapi::api::core::v1::{Container, ResourceRequirements};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use shipready_yaml::{Node, Value};
use std::collections::BTreeMap;

pub const WAIT_IMAGE: &str = "busybox:1.37.0";
/// `nobody`: the wait needs no privileges.
const WAIT_UID: i64 = 65534;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dependency {
    pub service: String,
    pub condition: String,
}

/// The dependencies as `(service, condition)`, short and long syntax.
pub fn dependencies(svc: &Node) -> Vec<Dependency> {
    match svc.get("depends_on").map(|n| &n.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(Node::key_text)
            .map(|service| Dependency {
                service,
                condition: "service_started".into(),
            })
            .collect(),
        Some(Value::Map(m)) => m
            .entries
            .iter()
            .filter_map(|(k, v)| {
                Some(Dependency {
                    service: k.key_text()?,
                    condition: v
                        .get("condition")
                        .and_then(Node::key_text)
                        .unwrap_or_else(|| "service_started".into()),
                })
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// What became of one dependency that needs a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub service: String,
    pub message: String,
}

/// The init containers for `deps`; `ports` maps a dependency's Service
/// name to its first port, `names` a Compose name to its DNS label.
pub fn init_containers(
    deps: &[Dependency],
    names: &BTreeMap<String, String>,
    ports: &BTreeMap<String, i32>,
    image: &str,
) -> (Vec<Container>, Vec<Note>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for d in deps {
        let host = names
            .get(&d.service)
            .cloned()
            .unwrap_or_else(|| d.service.clone());
        match d.condition.as_str() {
            "service_healthy" => match ports.get(&host) {
                Some(port) => out.push(Container {
                    name: format!("wait-for-{host}"),
                    image: Some(image.to_string()),
                    command: Some(vec![
                        "sh".into(),
                        "-c".into(),
                        format!("until nc -z -w 2 {host} {port}; do echo waiting for {host}:{port}; sleep 2; done"),
                    ]),
                    security_context: Some(security::context(Some((WAIT_UID, Some(WAIT_UID))), Vec::new())),
                    resources: Some(ResourceRequirements {
                        requests: Some(BTreeMap::from([
                            ("cpu".to_string(), Quantity("10m".into())),
                            ("memory".to_string(), Quantity("16Mi".into())),
                        ])),
                        limits: Some(BTreeMap::from([("memory".to_string(), Quantity("32Mi".into()))])),
                        ..ResourceRequirements::default()
                    }),
                    ..Container::default()
                }),
                None => notes.push(Note {
                    service: d.service.clone(),
                    message: format!("`{}` has no port, so there is no Service to wait for; the dependency is not enforced", d.service),
                }),
            },
            "service_completed_successfully" => notes.push(Note {
                service: d.service.clone(),
                message: format!("`{}` must finish first: make it a Job run before the rollout, or an init container of this workload", d.service),
            }),
            _ => {}
        }
    }
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svc(yaml: &str) -> Node {
        crate::yaml(yaml)
    }

    #[test]
    fn healthy_dependencies_get_a_wait_and_the_others_a_note_or_nothing() {
        let deps = dependencies(&svc(
            "depends_on:\n  db: {condition: service_healthy}\n  cache: {condition: service_started}\n  migrate: {condition: service_completed_successfully}\n  Search_Index: {condition: service_healthy}\n",
        ));
        assert_eq!(deps.len(), 4);
        let names = BTreeMap::from([("Search_Index".to_string(), "search-index".to_string())]);
        let ports = BTreeMap::from([("db".to_string(), 5432)]);
        let (init, notes) = init_containers(&deps, &names, &ports, WAIT_IMAGE);
        assert_eq!(init.len(), 1);
        assert_eq!(init[0].name, "wait-for-db");
        let cmd = init[0].command.as_ref().unwrap();
        assert_eq!(
            cmd[2],
            "until nc -z -w 2 db 5432; do echo waiting for db:5432; sleep 2; done"
        );
        let sc = init[0].security_context.as_ref().unwrap();
        assert_eq!(
            (sc.run_as_non_root, sc.run_as_user),
            (Some(true), Some(65534))
        );
        assert_eq!(notes.len(), 2);
        assert!(notes[0].message.contains("make it a Job"), "{notes:?}");
        assert!(
            notes[1].message.contains("`Search_Index` has no port"),
            "{notes:?}"
        );
        // The short syntax waits for nothing.
        assert!(init_containers(
            &dependencies(&svc("depends_on: [db]\n")),
            &names,
            &ports,
            WAIT_IMAGE
        )
        .0
        .is_empty());
    }
}
