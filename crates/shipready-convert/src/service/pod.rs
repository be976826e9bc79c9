//! Small pod-level mappings: labels as annotations, `extra_hosts` as
//! host aliases, `dns`, a Job's retries.

use k8s_openapi::api::core::v1::HostAlias;
use shipready_yaml::{Node, Value};
use std::collections::BTreeMap;

pub(super) fn labels_of(svc: &Node) -> Vec<(String, String)> {
    match svc.get("labels").map(|n| &n.value) {
        Some(Value::Map(m)) => m
            .entries
            .iter()
            .filter_map(|(k, v)| Some((k.key_text()?, v.key_text().unwrap_or_default())))
            .collect(),
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(|i| {
                let t = i.key_text()?;
                let (k, v) = t.split_once('=').unwrap_or((&t, ""));
                Some((k.to_string(), v.to_string()))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// A Kubernetes annotation key: `[prefix/]name`, the name at most 63 of
/// `[A-Za-z0-9-_.]` starting and ending alphanumeric, the prefix a DNS
/// subdomain.
pub(super) fn valid_annotation_key(k: &str) -> bool {
    let (prefix, name) = match k.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, k),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric());
    let prefix_ok = prefix.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 253
            && p.split('.').all(|l| {
                !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    && !l.starts_with('-')
                    && !l.ends_with('-')
            })
    });
    name_ok && prefix_ok
}

/// A Job's retries: `deploy.restart_policy.max_attempts`, or the `N` of
/// `restart: on-failure:N`.
pub(super) fn backoff_limit(svc: &Node) -> Option<i32> {
    svc.get("deploy")
        .and_then(|d| d.get("restart_policy"))
        .and_then(|r| r.get("max_attempts"))
        .and_then(Node::key_text)
        .or_else(|| {
            svc.get("restart")
                .and_then(Node::key_text)
                .and_then(|r| r.strip_prefix("on-failure:").map(str::to_string))
        })
        .and_then(|n| n.parse().ok())
}

pub(super) fn seq_or_one(node: Option<&Node>) -> Vec<String> {
    match node.map(|n| &n.value) {
        Some(Value::Seq(items)) => items.iter().filter_map(Node::key_text).collect(),
        Some(_) => node.and_then(Node::key_text).into_iter().collect(),
        None => Vec::new(),
    }
}

/// `extra_hosts` (`host:ip`, `host=ip`, or a mapping) as host aliases,
/// one per address.
pub(super) fn extra_hosts(svc: &Node) -> Vec<HostAlias> {
    let pairs: Vec<(String, String)> = match svc.get("extra_hosts").map(|n| &n.value) {
        Some(Value::Seq(items)) => items
            .iter()
            .filter_map(Node::key_text)
            .filter_map(|t| {
                let (h, ip) = t.split_once('=').or_else(|| t.split_once(':'))?;
                Some((h.to_string(), ip.trim_matches(['[', ']']).to_string()))
            })
            .collect(),
        Some(Value::Map(m)) => m
            .entries
            .iter()
            .filter_map(|(k, v)| Some((k.key_text()?, v.key_text()?)))
            .collect(),
        _ => Vec::new(),
    };
    let mut by_ip: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (h, ip) in pairs {
        // `host-gateway` is the Engine's own address; a pod has none.
        if ip == "host-gateway" {
            continue;
        }
        by_ip.entry(ip).or_default().push(h);
    }
    by_ip
        .into_iter()
        .map(|(ip, hostnames)| HostAlias {
            ip,
            hostnames: Some(hostnames),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotation_keys_are_checked() {
        assert!(valid_annotation_key("com.example.description"));
        assert!(valid_annotation_key("example.com/team"));
        assert!(!valid_annotation_key(
            "traefik.http.routers.a-very-long-router-name-that-goes-on-and-on.rule"
        ));
        assert!(!valid_annotation_key("Bad_Prefix/x"));
        assert!(!valid_annotation_key("trailing-"));
    }

    #[test]
    pub(super) fn extra_hosts_group_by_address() {
        let svc = crate::yaml("extra_hosts: [\"db:10.0.0.5\", \"cache=10.0.0.5\", \"gw:host-gateway\", \"v6:[::1]\"]\n");
        let aliases = extra_hosts(&svc);
        assert_eq!(aliases.len(), 2);
        assert_eq!(aliases[0].ip, "10.0.0.5");
        assert_eq!(aliases[0].hostnames.as_deref().unwrap(), ["db", "cache"]);
        assert_eq!(aliases[1].ip, "::1");
    }
}
