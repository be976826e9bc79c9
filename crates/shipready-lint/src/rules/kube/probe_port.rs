use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::{Node, Value};

crate::declare_rule! {
    /// ## What it does
    /// Reports `httpGet`/`tcpSocket`/`grpc` probes whose port is a name the
    /// container does not declare, or a number none of its `ports` has
    /// (when it declares any).
    ///
    /// ## Why is this bad?
    /// A named port that does not exist makes the kubelet fail the probe
    /// forever: the pod never becomes ready, or is restarted in a loop. A
    /// number that is not declared is usually a port that was changed in
    /// one place and not the other.
    ///
    /// ## Example
    /// ```yaml
    /// ports: [{name: http, containerPort: 8080}]
    /// readinessProbe:
    ///   httpGet: {path: /ready, port: web}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// ports: [{name: http, containerPort: 8080}]
    /// readinessProbe:
    ///   httpGet: {path: /ready, port: http}
    /// ```
    id: "SR-K020",
    name: "kube-probe-port",
    summary: "A probe points at a port the container does not declare",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    kube_check: check,
    kube_score: ["pod-probes"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for (c, _) in w.containers() {
            let ports = c.get("ports").and_then(Node::as_seq).unwrap_or(&[]);
            let names: Vec<String> = ports
                .iter()
                .filter_map(|p| p.get("name").and_then(Node::key_text))
                .collect();
            let numbers: Vec<i64> = ports
                .iter()
                .filter_map(|p| match p.get("containerPort").map(|n| &n.value) {
                    Some(Value::Int(n)) => Some(*n),
                    _ => None,
                })
                .collect();
            for probe in ["readinessProbe", "livenessProbe", "startupProbe"] {
                let Some(pr) = c.get(probe) else { continue };
                for handler in ["httpGet", "tcpSocket", "grpc"] {
                    let Some(port) = pr.get(handler).and_then(|h| h.get("port")) else {
                        continue;
                    };
                    let problem = match &port.value {
                        Value::Str(name) if !names.contains(name) => Some(format!(
                            "names port `{name}`, which the container does not declare"
                        )),
                        Value::Int(n) if !numbers.is_empty() && !numbers.contains(n) => Some(
                            format!("uses port {n}, which is not among the container's ports"),
                        ),
                        _ => None,
                    };
                    if let Some(p) = problem {
                        let name = crate::Workload::container_name(c);
                        out.push(
                            RULE.finding(
                                port.span,
                                format!("{probe} of container `{name}` ({}) {p}", w.label()),
                            )
                            .with_help(
                                "point the probe at a declared port (by its name or number)",
                            ),
                        );
                    }
                }
            }
        }
    }
}
