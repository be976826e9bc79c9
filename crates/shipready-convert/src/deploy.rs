//! `deploy:` settings for the workload: `replicas`, `update_config` as a
//! RollingUpdate that never drops below the wanted replicas
//! (`maxUnavailable: 0`, `maxSurge` from `parallelism`), and `placement`
//! constraints on node labels as a nodeSelector (`==`) or node affinity
//! (`!=`). Swarm-only constraints (`node.role`, `node.hostname`,
//! `engine.labels`) have no node-label equivalent and come back as notes.

use k8s_openapi::api::apps::v1::{DeploymentStrategy, RollingUpdateDeployment};
use k8s_openapi::api::core::v1::{
    Affinity, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use shipready_yaml::{Node, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Deploy {
    pub replicas: Option<i32>,
    pub strategy: Option<DeploymentStrategy>,
    pub node_selector: BTreeMap<String, String>,
    pub affinity: Option<Affinity>,
    /// Settings with no equivalent, with the reason.
    pub notes: Vec<String>,
}

pub fn from_service(svc: &Node) -> Result<Deploy, String> {
    let mut out = Deploy::default();
    let Some(d) = svc.get("deploy") else {
        return Ok(out);
    };
    if let Some(r) = d.get("replicas").and_then(Node::key_text) {
        let n: i32 = r
            .parse()
            .map_err(|_| format!("deploy.replicas: `{r}` is not a number"))?;
        if n < 0 {
            return Err(format!("deploy.replicas: {n} is negative"));
        }
        out.replicas = Some(n);
    }
    if let Some(u) = d.get("update_config") {
        let parallelism = u
            .get("parallelism")
            .and_then(Node::key_text)
            .and_then(|p| p.parse::<i32>().ok())
            .filter(|p| *p > 0)
            .unwrap_or(1);
        out.strategy = Some(DeploymentStrategy {
            type_: Some("RollingUpdate".into()),
            rolling_update: Some(RollingUpdateDeployment {
                max_unavailable: Some(IntOrString::Int(0)),
                max_surge: Some(IntOrString::Int(parallelism)),
            }),
        });
        if u.get("order").and_then(Node::key_text).as_deref() == Some("stop-first") {
            out.notes.push("update_config.order stop-first: the rollout starts new pods first (maxUnavailable 0) so capacity never drops".into());
        }
    }
    let constraints = d
        .get("placement")
        .and_then(|p| p.get("constraints"))
        .map(|c| match &c.value {
            Value::Seq(items) => items.iter().filter_map(Node::key_text).collect(),
            _ => Vec::new(),
        })
        .unwrap_or_default();
    let mut not_in: Vec<NodeSelectorRequirement> = Vec::new();
    for c in constraints {
        let (op, (k, v)) = if let Some(kv) = c.split_once("==") {
            ("==", kv)
        } else if let Some(kv) = c.split_once("!=") {
            ("!=", kv)
        } else {
            return Err(format!(
                "placement constraint `{c}` is not `key==value` or `key!=value`"
            ));
        };
        let (k, v) = (k.trim(), v.trim());
        let Some(label) = k.strip_prefix("node.labels.") else {
            out.notes.push(format!("placement constraint `{c}` is about Swarm's nodes, not a node label; it is not carried over"));
            continue;
        };
        if op == "==" {
            out.node_selector.insert(label.to_string(), v.to_string());
        } else {
            not_in.push(NodeSelectorRequirement {
                key: label.to_string(),
                operator: "NotIn".into(),
                values: Some(vec![v.to_string()]),
            });
        }
    }
    if !not_in.is_empty() {
        out.affinity = Some(Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: Some(not_in),
                        ..NodeSelectorTerm::default()
                    }],
                }),
                ..NodeAffinity::default()
            }),
            ..Affinity::default()
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn deploy(yaml: &str) -> Result<Deploy, String> {
        from_service(&crate::yaml(yaml))
    }

    #[test]
    fn replicas_rollouts_and_placement() {
        let d = deploy("deploy:\n  replicas: 3\n  update_config: {parallelism: 2, order: stop-first}\n  placement:\n    constraints: [\"node.labels.zone==eu-1\", \"node.labels.disk != hdd\", \"node.role==manager\"]\n").unwrap();
        assert_eq!(d.replicas, Some(3));
        let ru = d.strategy.unwrap().rolling_update.unwrap();
        assert_eq!(
            (ru.max_unavailable, ru.max_surge),
            (Some(IntOrString::Int(0)), Some(IntOrString::Int(2)))
        );
        assert_eq!(
            d.node_selector,
            BTreeMap::from([("zone".to_string(), "eu-1".to_string())])
        );
        let req = d
            .affinity
            .unwrap()
            .node_affinity
            .unwrap()
            .required_during_scheduling_ignored_during_execution
            .unwrap();
        let e = &req.node_selector_terms[0]
            .match_expressions
            .as_ref()
            .unwrap()[0];
        assert_eq!((e.key.as_str(), e.operator.as_str()), ("disk", "NotIn"));
        assert_eq!(d.notes.len(), 2, "{:?}", d.notes);
        assert!(d.notes[1].contains("node.role==manager"));
        assert_eq!(deploy("image: a\n").unwrap(), Deploy::default());
    }

    #[test]
    fn bad_settings_are_errors() {
        assert!(deploy("deploy: {replicas: many}\n")
            .unwrap_err()
            .contains("not a number"));
        assert!(deploy("deploy: {replicas: -1}\n")
            .unwrap_err()
            .contains("negative"));
        assert!(deploy("deploy:\n  placement: {constraints: [\"zone\"]}\n")
            .unwrap_err()
            .contains("not `key==value`"));
    }
}
