use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::{Node, Value};

crate::declare_rule! {
    /// ## What it does
    /// Reports Service ports whose `targetPort` is a name no container of
    /// the selected pods declares, or a number none of them declares as a
    /// `containerPort` (when they declare ports at all).
    ///
    /// ## Why is this bad?
    /// The Service forwards to a port nothing listens on: connections are
    /// refused although every pod is healthy. It happens when a port is
    /// renamed or renumbered in one manifest and not the other.
    ///
    /// ## Example
    /// ```yaml
    /// kind: Service
    /// spec:
    ///   ports: [{port: 80, targetPort: 8080}]
    /// # the pods declare containerPort 3000
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// kind: Service
    /// spec:
    ///   ports: [{port: 80, targetPort: http}]
    /// # the pods declare {name: http, containerPort: 3000}
    /// ```
    id: "SR-K025",
    name: "kube-service-target-port",
    summary: "A Service targets a port its pods do not declare",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for svc in ctx.of_kind("Service") {
        let spec = svc.node.get("spec");
        let selector = super::labels(spec.and_then(|s| s.get("selector")));
        if selector.is_empty() {
            continue;
        }
        let selected = ctx.selected(&svc.namespace, &selector);
        let ports: Vec<&Node> = selected
            .iter()
            .flat_map(|w| w.containers().map(|(c, _)| c).collect::<Vec<_>>())
            .flat_map(|c| c.get("ports").and_then(Node::as_seq).unwrap_or(&[]).iter())
            .collect();
        if ports.is_empty() {
            continue;
        }
        for p in spec
            .and_then(|s| s.get("ports"))
            .and_then(Node::as_seq)
            .unwrap_or(&[])
        {
            let target = p.get("targetPort").or_else(|| p.get("port"));
            let Some(target) = target else { continue };
            let known = match &target.value {
                Value::Str(name) => ports.iter().any(|cp| {
                    cp.get("name").and_then(Node::key_text).as_deref() == Some(name.as_str())
                }),
                Value::Int(n) => ports
                    .iter()
                    .any(|cp| cp.get("containerPort").map(|c| &c.value) == Some(&Value::Int(*n))),
                _ => true,
            };
            if !known {
                let t = target.key_text().unwrap_or_default();
                out.push(
                    RULE.finding(target.span, format!("{} targets port `{t}`, which no container of the pods it selects declares", svc.label()))
                        .with_help("target a declared containerPort (by number or, better, by its name)"),
                );
            }
        }
    }
}
