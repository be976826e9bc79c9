//! Compose service keys the conversion does not carry over, each with
//! the reason, so the summary can list them instead of losing them
//! silently (kompose logs a few of these at debug level; Compose Bridge
//! says nothing).

/// Keys the converter reads; everything else is reported.
const MAPPED: &[&str] = &[
    "build",
    "cap_add",
    "cap_drop",
    "command",
    "configs",
    "cpus",
    "depends_on",
    "deploy",
    "dns",
    "dns_search",
    "entrypoint",
    "env_file",
    "environment",
    "expose",
    "extra_hosts",
    "healthcheck",
    "hostname",
    "image",
    "labels",
    "mem_limit",
    "mem_reservation",
    "networks",
    "platform",
    "ports",
    "pull_policy",
    "read_only",
    "restart",
    "scale",
    "secrets",
    "shm_size",
    "stdin_open",
    "stop_grace_period",
    "tmpfs",
    "tty",
    "user",
    "volumes",
    "working_dir",
];

/// Keys with no equivalent, and why.
const REASONS: &[(&str, &str)] = &[
    ("container_name", "pods get generated names; the Service name is the stable address"),
    ("links", "every Service is reachable by name in the namespace; links are not needed"),
    ("external_links", "reach the outside service through a Service of type ExternalName"),
    ("logging", "the cluster's log collector reads container stdout; configure it there"),
    ("privileged", "a privileged container owns the node; it is never carried over (grant the capability it needs with cap_add)"),
    ("network_mode", "pods have their own network namespace; hostNetwork ties a pod to one node's ports"),
    ("pid", "sharing the node's PID namespace exposes every process on the node"),
    ("ipc", "sharing IPC namespaces has no safe pod equivalent"),
    ("devices", "devices need a device plugin on the nodes"),
    ("device_cgroup_rules", "devices need a device plugin on the nodes"),
    ("security_opt", "the pod gets seccomp RuntimeDefault and a strict security context instead"),
    ("sysctls", "most sysctls are unsafe in a pod; set the safe ones in the pod's securityContext by hand"),
    ("ulimits", "Kubernetes has no per-container ulimits; the node's container runtime sets them"),
    ("init", "run a minimal init (tini) as the image's ENTRYPOINT instead"),
    ("stop_signal", "Kubernetes sends SIGTERM; make the process handle it"),
    ("cgroup_parent", "the kubelet manages cgroups"),
    ("userns_mode", "user namespaces are a pod setting (hostUsers) the cluster must support"),
    ("oom_score_adj", "the kubelet sets it from the pod's QoS class"),
    ("mem_swappiness", "the kubelet manages swap"),
    ("memswap_limit", "the kubelet manages swap"),
    ("cpu_shares", "set CPU requests instead (deploy.resources.reservations.cpus)"),
    ("cpu_quota", "set a CPU limit instead (deploy.resources.limits.cpus)"),
    ("cpu_period", "set a CPU limit instead (deploy.resources.limits.cpus)"),
    ("cpuset", "CPU pinning is the kubelet's CPU manager policy"),
    ("blkio_config", "Kubernetes has no block I/O weights"),
    ("pids_limit", "the kubelet's podPidsLimit sets it for every pod"),
    ("runtime", "choose a runtime with a RuntimeClass"),
    ("isolation", "a Windows container setting"),
    ("storage_opt", "container storage is the node's"),
    ("volumes_from", "share a volume by mounting the same PersistentVolumeClaim"),
    ("domainname", "the pod's DNS domain is the cluster's"),
    ("mac_address", "pods get addresses from the cluster network"),
    ("develop", "`docker compose watch` is for development"),
    ("attach", "there is no terminal to attach to"),
    ("annotations", "container annotations are not pod annotations; move what matters to labels"),
    ("post_start", "copy the hook into a lifecycle.postStart by hand (it runs as the container user)"),
    ("pre_stop", "copy the hook into a lifecycle.preStop by hand"),
    ("group_add", "set supplementalGroups in the pod's securityContext by hand"),
    ("uts", "sharing the node's UTS namespace has no pod equivalent"),
    ("gpus", "GPUs need a device plugin; request them as an extended resource"),
    ("extends", "already merged by the loader"),
    ("profiles", "only the active profiles' services are converted"),
];

/// `(key, why)` for each key of the service that is not carried over.
pub fn keys<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for k in keys {
        if k.starts_with("x-") || MAPPED.contains(&k) || k == "extends" || k == "profiles" {
            continue;
        }
        let why = REASONS.iter().find(|(key, _)| *key == k).map_or(
            "it has no Kubernetes equivalent the converter knows",
            |(_, w)| w,
        );
        out.push((k.to_string(), why.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_without_an_equivalent_come_with_a_reason() {
        let out = keys(
            [
                "image",
                "privileged",
                "x-team",
                "container_name",
                "frobnicate",
            ]
            .into_iter(),
        );
        assert_eq!(out.len(), 3);
        assert!(out[0].1.contains("never carried over"));
        assert!(out[1].1.contains("generated names"));
        assert!(out[2].1.contains("no Kubernetes equivalent"));
    }
}
