use crate::cross_context::CrossContext;
use shipready_diagnostics::Finding;
use shipready_yaml::{Node, Value};

crate::declare_rule! {
    /// ## What it does
    /// Compares the ports an image's Dockerfile EXPOSEs with the container
    /// ports Compose maps (`ports:` targets, `expose:`) for the service
    /// that builds it, and with the `containerPort`s of the Kubernetes
    /// containers that run it. Reported when the Dockerfile EXPOSEs ports
    /// and the other side uses one it does not.
    ///
    /// ## Why is this bad?
    /// The service listens where its Dockerfile says; a mapping to another
    /// port forwards to nothing. It is the classic result of changing the
    /// port in one file.
    ///
    /// ## Example
    /// ```dockerfile
    /// EXPOSE 3000
    /// ```
    /// ```yaml
    /// services:
    ///   web:
    ///     build: .
    ///     ports: ["80:8080"]
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// services:
    ///   web:
    ///     build: .
    ///     ports: ["80:3000"]
    /// ```
    id: "SR-F002",
    name: "cross-port-not-exposed",
    summary: "A port is mapped that the image's Dockerfile does not EXPOSE",
    severity: Warning,
    category: Correctness,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    cross_check: check,
}

/// Container port of a Compose `ports` entry.
fn compose_target(p: &Node) -> Option<u16> {
    if let Some(t) = p.get("target") {
        return t.key_text()?.parse().ok();
    }
    let text = p.key_text()?;
    let spec = text.split('/').next()?;
    let target = spec.rsplit(':').next()?;
    target.split('-').next()?.parse().ok()
}

fn check(ctx: &CrossContext<'_>, out: &mut Vec<Finding>) {
    for unit in ctx.compose() {
        for (key, svc) in unit.project.services() {
            let Some(name) = key.key_text() else { continue };
            let Some(df) = ctx.built_by(unit, &name) else {
                continue;
            };
            let exposes = &df.final_stage.exposes;
            if exposes.is_empty() {
                continue;
            }
            let ports = svc.get("ports").and_then(Node::as_seq).unwrap_or(&[]);
            let expose = svc.get("expose").and_then(Node::as_seq).unwrap_or(&[]);
            for (node, port) in
                ports
                    .iter()
                    .map(|p| (p, compose_target(p)))
                    .chain(expose.iter().map(|e| {
                        (
                            e,
                            e.key_text().and_then(|t| t.split('/').next()?.parse().ok()),
                        )
                    }))
            {
                let Some(port) = port else { continue };
                if exposes.iter().any(|(e, _)| *e == port) {
                    continue;
                }
                let Some(at) = unit.locate(node.span) else {
                    continue;
                };
                let declared: Vec<String> = exposes.iter().map(|(p, _)| p.to_string()).collect();
                let first = exposes[0].1;
                out.push(
                    RULE.finding(at, format!("container port {port} is mapped, but the image's Dockerfile EXPOSEs {} ({})", declared.join(", "), ctx.line_of(df, first)))
                        .with_help("map the port the service listens on, or fix the EXPOSE")
                        .with_related(df.at(first), "the EXPOSE"),
                );
            }
        }
    }
    for c in ctx.kube_containers() {
        let Some(df) = ctx.dockerfile_for_image(&c.image) else {
            continue;
        };
        let exposes = &df.final_stage.exposes;
        if exposes.is_empty() {
            continue;
        }
        for p in c
            .container
            .get("ports")
            .and_then(Node::as_seq)
            .unwrap_or(&[])
        {
            let Some(cp) = p.get("containerPort") else {
                continue;
            };
            let Value::Int(n) = cp.value else { continue };
            if exposes.iter().any(|(e, _)| i64::from(*e) == n) {
                continue;
            }
            let Some(at) = ctx.kube_at(cp.span) else {
                continue;
            };
            let declared: Vec<String> = exposes.iter().map(|(p, _)| p.to_string()).collect();
            let first = exposes[0].1;
            out.push(
                RULE.finding(
                    at,
                    format!(
                        "{} declares containerPort {n}, but `{}`'s Dockerfile EXPOSEs {} ({})",
                        c.owner,
                        c.image,
                        declared.join(", "),
                        ctx.line_of(df, first)
                    ),
                )
                .with_help("use the port the service listens on, or fix the EXPOSE")
                .with_related(df.at(first), "the EXPOSE"),
            );
        }
    }
}
