use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_kube::Object;
use shipready_yaml::{Node, Value};

crate::declare_rule! {
    /// ## What it does
    /// Reports Ingress backends naming a Service that is not in the run, or
    /// a port (number or name) that Service does not have. Runs only when
    /// the run holds Services in the Ingress's namespace.
    ///
    /// ## Why is this bad?
    /// The Ingress controller answers 503 for that path; nothing fails at
    /// deploy time.
    ///
    /// ## Example
    /// ```yaml
    /// backend:
    ///   service: {name: web, port: {number: 8080}}
    /// # the Service `web` exposes port 80
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// backend:
    ///   service: {name: web, port: {number: 80}}
    /// ```
    id: "SR-K022",
    name: "kube-ingress-backend",
    summary: "An Ingress points at a missing Service or port",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
    kube_linter: ["dangling-ingress"],
    kube_score: ["ingress-targets-service"],
}

fn backends(n: &Node, out: &mut Vec<Node>) {
    match &n.value {
        Value::Map(m) => {
            for (k, v) in m.iter() {
                if k.key_text().as_deref() == Some("service") && v.get("name").is_some() {
                    out.push(v.clone());
                } else {
                    backends(v, out);
                }
            }
        }
        Value::Seq(items) => items.iter().for_each(|i| backends(i, out)),
        _ => {}
    }
}

fn has_port(svc: &Object, port: &Node) -> bool {
    let ports = svc
        .node
        .get("spec")
        .and_then(|s| s.get("ports"))
        .and_then(Node::as_seq)
        .unwrap_or(&[]);
    if let Some(n) = port.get("number") {
        return ports
            .iter()
            .any(|p| p.get("port").map(|x| &x.value) == Some(&n.value));
    }
    if let Some(name) = port.get("name").and_then(Node::key_text) {
        return ports
            .iter()
            .any(|p| p.get("name").and_then(Node::key_text).as_deref() == Some(name.as_str()));
    }
    true
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for ing in ctx.of_kind("Ingress") {
        let services: Vec<&Object> = ctx
            .of_kind("Service")
            .filter(|s| s.namespace == ing.namespace)
            .collect();
        if services.is_empty() {
            continue;
        }
        let mut found = Vec::new();
        if let Some(spec) = ing.node.get("spec") {
            backends(spec, &mut found);
        }
        for b in &found {
            let Some(name_node) = b.get("name") else {
                continue;
            };
            let name = name_node.key_text().unwrap_or_default();
            match services
                .iter()
                .find(|s| s.name.as_deref() == Some(name.as_str()))
            {
                None => out.push(
                    RULE.finding(
                        name_node.span,
                        format!(
                            "{} routes to Service `{name}`, which these manifests do not define",
                            ing.label()
                        ),
                    )
                    .with_help("fix the Service name, or add the Service"),
                ),
                Some(svc) => {
                    if let Some(port) = b.get("port").filter(|p| !has_port(svc, p)) {
                        out.push(
                            RULE.finding(port.span, format!("{} routes to a port Service `{name}` does not expose", ing.label()))
                                .with_help("use one of the Service's `spec.ports` (its `port`, not the targetPort)"),
                        );
                    }
                }
            }
        }
    }
}
