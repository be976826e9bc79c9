use crate::KubeContext;
use shipready_diagnostics::{Finding, Severity, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports `hostPath` volumes: as a warning in general, as an error for
    /// the node's system paths (`/`, `/etc`, `/root`, `/proc`, `/sys`,
    /// `/var/lib/kubelet`, `/var/lib/docker`, `/var/run`, `/run`, `/boot`,
    /// `/dev`). The engine's socket has its own rule.
    ///
    /// ## Why is this bad?
    /// A hostPath ties the pod to one node's disk and, for system paths,
    /// hands it the node's credentials and configuration.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   - name: host
    ///     hostPath: {path: /etc}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// volumes:
    ///   - name: data
    ///     persistentVolumeClaim: {claimName: data}
    /// ```
    id: "SR-K011",
    name: "kube-host-path",
    summary: "A pod mounts a hostPath volume",
    severity: Warning,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV023"],
    checkov: [],
    kube_check: check,
    kube_linter: ["sensitive-host-mounts"],
    polaris: ["hostPathSet"],
}

const SENSITIVE: &[&str] = &[
    "/",
    "/etc",
    "/root",
    "/proc",
    "/sys",
    "/var/lib/kubelet",
    "/var/lib/docker",
    "/var/run",
    "/run",
    "/boot",
    "/dev",
];

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for v in w.pod.get("volumes").and_then(Node::as_seq).unwrap_or(&[]) {
            let Some(hp) = v.get("hostPath") else {
                continue;
            };
            let path = hp.get("path").and_then(Node::key_text).unwrap_or_default();
            if path.ends_with(".sock") {
                continue;
            }
            let trimmed = path.trim_end_matches('/');
            let p = if trimmed.is_empty() { "/" } else { trimmed };
            let sensitive = SENSITIVE
                .iter()
                .any(|s| p == *s || (*s != "/" && p.starts_with(&format!("{s}/"))));
            let mut f = RULE.finding(
                hp.span,
                format!(
                    "{} mounts the node's {path}{}",
                    w.label(),
                    if sensitive {
                        ": node credentials and configuration become reachable"
                    } else {
                        ": the pod is tied to one node's disk"
                    }
                ),
            );
            if sensitive {
                f.severity = Severity::Error;
            }
            out.push(
                f.with_help("use a PersistentVolumeClaim, a ConfigMap or an emptyDir instead"),
            );
        }
    }
}
