//! Compose networks as NetworkPolicies: in Compose a service reaches only
//! the services that share one of its networks (every service without
//! `networks:` is on `default`). Each workload gets a policy that admits
//! ingress from the pods of exactly those services, and nothing else, so
//! the cluster keeps the isolation the Compose file had (Kubernetes lets
//! every pod reach every pod otherwise). Pods are selected by the
//! `app.kubernetes.io/name` label the converter sets.

use k8s_openapi::api::networking::v1::{
    NetworkPolicy, NetworkPolicyIngressRule, NetworkPolicyPeer, NetworkPolicySpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use shipready_yaml::{Node, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The label every converted pod carries with its service's name.
pub const NAME_LABEL: &str = "app.kubernetes.io/name";

/// The networks a service is on.
pub fn networks_of(svc: &Node) -> BTreeSet<String> {
    let set: BTreeSet<String> = match svc.get("networks").map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().filter_map(Node::key_text).collect(),
        Some(Value::Map(m)) => m.entries.iter().filter_map(|(k, _)| k.key_text()).collect(),
        _ => BTreeSet::new(),
    };
    if set.is_empty() {
        BTreeSet::from(["default".to_string()])
    } else {
        set
    }
}

fn selector(name: &str) -> LabelSelector {
    LabelSelector {
        match_labels: Some(BTreeMap::from([(NAME_LABEL.to_string(), name.to_string())])),
        ..LabelSelector::default()
    }
}

/// One policy per service. `services` maps each service's DNS name to
/// its networks; `published` lists the services reached from outside (a
/// LoadBalancer or an Ingress), which admit any source.
pub fn policies(
    services: &BTreeMap<String, BTreeSet<String>>,
    published: &BTreeSet<String>,
    namespace: Option<&str>,
) -> Vec<NetworkPolicy> {
    services
        .iter()
        .map(|(name, nets)| {
            let peers: Vec<NetworkPolicyPeer> = services
                .iter()
                .filter(|(other, other_nets)| *other != name && !nets.is_disjoint(other_nets))
                .map(|(other, _)| NetworkPolicyPeer {
                    pod_selector: Some(selector(other)),
                    ..NetworkPolicyPeer::default()
                })
                .collect();
            let ingress = if published.contains(name) {
                // Reached from outside the namespace: any source.
                vec![NetworkPolicyIngressRule::default()]
            } else if peers.is_empty() {
                Vec::new()
            } else {
                vec![NetworkPolicyIngressRule {
                    from: Some(peers),
                    ..NetworkPolicyIngressRule::default()
                }]
            };
            NetworkPolicy {
                metadata: ObjectMeta {
                    name: Some(name.clone()),
                    namespace: namespace.map(str::to_string),
                    ..ObjectMeta::default()
                },
                spec: Some(NetworkPolicySpec {
                    pod_selector: Some(selector(name)),
                    policy_types: Some(vec!["Ingress".into()]),
                    ingress: Some(ingress),
                    ..NetworkPolicySpec::default()
                }),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(yaml: &str) -> BTreeSet<String> {
        networks_of(&crate::yaml(yaml))
    }

    fn from(p: &NetworkPolicy) -> Vec<String> {
        let spec = p.spec.as_ref().unwrap();
        spec.ingress
            .as_ref()
            .unwrap()
            .iter()
            .flat_map(|r| r.from.iter().flatten())
            .filter_map(|peer| {
                peer.pod_selector
                    .as_ref()?
                    .match_labels
                    .as_ref()?
                    .get(NAME_LABEL)
                    .cloned()
            })
            .collect()
    }

    #[test]
    fn services_reach_only_those_on_a_shared_network() {
        assert_eq!(nets("image: a\n"), BTreeSet::from(["default".into()]));
        assert_eq!(
            nets("networks: [front, back]\n"),
            BTreeSet::from(["back".into(), "front".into()])
        );
        assert_eq!(
            nets("networks:\n  back: {aliases: [db]}\n"),
            BTreeSet::from(["back".into()])
        );
        let services = BTreeMap::from([
            ("web".to_string(), nets("networks: [front]\n")),
            ("api".to_string(), nets("networks: [front, back]\n")),
            ("db".to_string(), nets("networks: [back]\n")),
            ("batch".to_string(), nets("networks: [jobs]\n")),
        ]);
        let ps = policies(
            &services,
            &BTreeSet::from(["web".to_string()]),
            Some("shop"),
        );
        let by: BTreeMap<String, &NetworkPolicy> = ps
            .iter()
            .map(|p| (p.metadata.name.clone().unwrap(), p))
            .collect();
        assert_eq!(from(by["api"]), ["db", "web"]);
        assert_eq!(from(by["db"]), ["api"]);
        // Nobody shares `jobs`: nothing may reach batch.
        assert!(by["batch"]
            .spec
            .as_ref()
            .unwrap()
            .ingress
            .as_ref()
            .unwrap()
            .is_empty());
        // The published web admits any source.
        let web = by["web"].spec.as_ref().unwrap().ingress.as_ref().unwrap();
        assert_eq!(web.len(), 1);
        assert!(web[0].from.is_none());
        assert_eq!(by["db"].metadata.namespace.as_deref(), Some("shop"));
    }
}
