//! Kubernetes objects switch rules off for themselves with annotations:
//! `shipready.io/ignore: "SR-K005,kube-privileged"` (IDs, names or
//! upstream codes), and kube-linter's `ignore-check.kube-linter.io/<check>`
//! for the checks our rules are equivalent to.

use super::{Code, Scope, Suppression};
use crate::{all_rules, KubeUnit};
use shipready_yaml::Node;

/// The suppressions in the objects' annotations.
pub fn from_annotations(unit: &KubeUnit) -> Vec<Suppression> {
    let mut out = Vec::new();
    for o in &unit.objects {
        let Some(ann) = o
            .node
            .get("metadata")
            .and_then(|m| m.get("annotations"))
            .and_then(Node::as_map)
        else {
            continue;
        };
        let Some(scope) = unit.locate(o.node.span) else {
            continue;
        };
        let scope = match scope {
            shipready_diagnostics::Location::Text { file, span } => Scope::Range { file, span },
            shipready_diagnostics::Location::Image { .. } => continue,
        };
        for (k, v) in ann.iter() {
            let Some(key) = k.key_text() else { continue };
            let Some(at) = unit.locate(v.span) else {
                continue;
            };
            if key == "shipready.io/ignore" {
                let list = v.key_text().unwrap_or_default();
                out.push(Suppression {
                    at,
                    scope: scope.clone(),
                    codes: list
                        .split(',')
                        .map(str::trim)
                        .filter(|c| !c.is_empty())
                        .map(Code::new)
                        .collect(),
                    report_unused: true,
                    what: "annotation",
                });
            } else if let Some(check) = key.strip_prefix("ignore-check.kube-linter.io/") {
                let ids = all_rules()
                    .iter()
                    .filter(|r| r.meta.equivalents.kube_linter.contains(&check))
                    .map(|r| r.meta.id)
                    .collect();
                out.push(Suppression {
                    at,
                    scope: scope.clone(),
                    codes: vec![Code::with_ids(check, ids)],
                    report_unused: false,
                    what: "annotation",
                });
            }
        }
    }
    out
}
