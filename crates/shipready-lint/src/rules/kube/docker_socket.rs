use crate::KubeContext;
use shipready_diagnostics::{Finding, Span};
use shipready_yaml::Node;

crate::declare_rule! {
    /// ## What it does
    /// Reports hostPath volumes of a container engine's socket (Docker,
    /// containerd, CRI-O, Podman).
    ///
    /// ## Why is this bad?
    /// Whoever talks to the socket starts privileged containers on the
    /// node: it is root on the node for the pod and whoever compromises it.
    ///
    /// ## Example
    /// ```yaml
    /// volumes:
    ///   - name: docker
    ///     hostPath: {path: /var/run/docker.sock}
    /// ```
    ///
    /// ## Use instead
    /// ```yaml
    /// # build images with a rootless builder (BuildKit rootless, kaniko)
    /// ```
    id: "SR-K012",
    name: "kube-docker-socket",
    summary: "A pod mounts the container engine's socket",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: ["KSV006"],
    checkov: ["CKV_K8S_27"],
    kube_check: check,
    kube_linter: ["docker-sock"],
}

fn check(ctx: &KubeContext<'_>, out: &mut Vec<Finding<Span>>) {
    for w in ctx.workloads() {
        for v in w.pod.get("volumes").and_then(Node::as_seq).unwrap_or(&[]) {
            let Some(path) = v.get("hostPath").and_then(|h| h.get("path")) else {
                continue;
            };
            let p = path.key_text().unwrap_or_default();
            if p.ends_with("docker.sock")
                || p.ends_with("containerd.sock")
                || p.ends_with("crio.sock")
                || p.ends_with("podman.sock")
            {
                out.push(
                    RULE.finding(path.span, format!("{} mounts {p}: control of the engine is root on the node", w.label()))
                        .with_help("remove it; build images with a rootless builder and talk to the API server, not the engine"),
                );
            }
        }
    }
}
