//! Merging Compose files, `docker compose -f a -f b` style (the Compose
//! Specification's merge rules, as compose-go applies them): mappings
//! merge key by key, sequences append, scalars are replaced; `command`,
//! `entrypoint` and `healthcheck.test` are replaced whole; `ports`,
//! `volumes`, `secrets`, `configs` and the list attributes keep one entry
//! per unique key, the later one winning; `logging` merges only when the
//! driver is the same; `!reset` removes a value and `!override` replaces
//! it without merging.

use shipready_yaml::{Mapping, Node, Value};

fn matches(path: &[String], pattern: &[&str]) -> bool {
    path.len() == pattern.len() && path.iter().zip(pattern).all(|(p, q)| *q == "*" || p == q)
}

/// The unique key of a sequence entry, for attributes that have one.
fn unique_key(path: &[String], item: &Node) -> Option<String> {
    let attr = if path.len() == 3 && path[0] == "services" {
        path[2].as_str()
    } else {
        return None;
    };
    match attr {
        "ports" => Some(match &item.value {
            Value::Map(m) => {
                let f = |k: &str| m.get(k).and_then(Node::key_text).unwrap_or_default();
                format!(
                    "{}:{}:{}/{}",
                    f("host_ip"),
                    f("published"),
                    f("target"),
                    m.get("protocol")
                        .and_then(Node::key_text)
                        .unwrap_or_else(|| "tcp".into())
                )
            }
            _ => item.key_text()?,
        }),
        "volumes" => Some(match &item.value {
            Value::Map(m) => m.get("target").and_then(Node::key_text)?,
            _ => {
                let text = item.key_text()?;
                let parts: Vec<&str> = text.split(':').collect();
                match parts.len() {
                    1 => parts[0].to_string(),
                    _ => parts[1].to_string(),
                }
            }
        }),
        "secrets" | "configs" => Some(match &item.value {
            Value::Map(m) => m
                .get("target")
                .or_else(|| m.get("source"))
                .and_then(Node::key_text)?,
            _ => item.key_text()?,
        }),
        "dns" | "dns_opt" | "dns_search" | "env_file" | "expose" | "cap_add" | "cap_drop"
        | "devices" | "tmpfs" | "security_opt" | "external_links" | "links" | "group_add"
        | "profiles" | "extra_hosts" => match &item.value {
            Value::Map(m) => m.get("path").and_then(Node::key_text),
            _ => item.key_text(),
        },
        _ => None,
    }
}

/// Appends `over` to `base`, then keeps the last entry of each unique key
/// at the place of the first.
fn merge_seq(mut base: Vec<Node>, over: Vec<Node>, path: &[String]) -> Vec<Node> {
    base.extend(over);
    let keys: Vec<Option<String>> = base.iter().map(|n| unique_key(path, n)).collect();
    if keys.iter().all(Option::is_none) {
        return base;
    }
    let mut out: Vec<Node> = Vec::with_capacity(base.len());
    let mut out_keys: Vec<Option<String>> = Vec::with_capacity(base.len());
    for (node, key) in base.into_iter().zip(keys) {
        match key
            .as_ref()
            .and_then(|k| out_keys.iter().position(|o| o.as_ref() == Some(k)))
        {
            Some(i) => out[i] = node,
            None => {
                out.push(node);
                out_keys.push(key);
            }
        }
    }
    out
}

fn merge_map(mut base: Mapping, over: Mapping, path: &mut Vec<String>) -> Mapping {
    for (k, v) in over.entries {
        let name = k.key_text().unwrap_or_default();
        let pos = base
            .entries
            .iter()
            .position(|(bk, _)| bk.key_text().as_deref() == Some(name.as_str()));
        if v.tag.as_deref() == Some("!reset") {
            if let Some(i) = pos {
                base.entries.remove(i);
            }
            continue;
        }
        match pos {
            Some(i) if !name.starts_with("x-") && v.tag.as_deref() != Some("!override") => {
                let old = std::mem::replace(
                    &mut base.entries[i].1,
                    Node {
                        value: Value::Null,
                        span: v.span,
                        tag: None,
                    },
                );
                path.push(name);
                let merged = merge(old, v, path);
                path.pop();
                base.entries[i].1 = merged;
            }
            Some(i) => base.entries[i] = (k, v),
            None => base.entries.push((k, v)),
        }
    }
    base
}

/// Merges `over` into `base`; `path` is where they sit in the file.
pub(crate) fn merge(base: Node, over: Node, path: &mut Vec<String>) -> Node {
    let replace_whole = [
        ["services", "*", "command"].as_slice(),
        &["services", "*", "entrypoint"],
        &["services", "*", "healthcheck", "test"],
    ];
    if replace_whole.iter().any(|p| matches(path, p)) || over.tag.as_deref() == Some("!override") {
        return over;
    }
    if matches(path, &["services", "*", "logging"]) {
        let driver = |n: &Node| n.get("driver").and_then(Node::key_text);
        if let (Some(a), Some(b)) = (driver(&base), driver(&over)) {
            if a != b {
                return over;
            }
        }
    }
    match (base.value, over.value) {
        (Value::Map(b), Value::Map(o)) => Node {
            value: Value::Map(merge_map(b, o, path)),
            span: over.span,
            tag: over.tag,
        },
        (Value::Seq(b), Value::Seq(o)) => Node {
            value: Value::Seq(merge_seq(b, o, path)),
            span: over.span,
            tag: over.tag,
        },
        (_, value) => Node {
            value,
            span: over.span,
            tag: over.tag,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::merge;
    use shipready_yaml::{parse_stream, Limits, Node};

    fn yaml(text: &str) -> Node {
        let mut root = parse_stream(text, &Limits::default())
            .expect("yaml")
            .remove(0)
            .root;
        crate::shape::file(&mut root);
        root
    }

    #[test]
    fn compose_override_rules() {
        let base = yaml(
            "services:\n  web:\n    image: a\n    command: [a, b]\n    ports: ['80:80', '443:443']\n    volumes: ['data:/data', './src:/src']\n    environment: [A=1, B=2]\n    dns: [1.1.1.1]\n    logging: {driver: json-file, options: {max-size: 1m}}\n",
        );
        let over = yaml(
            "services:\n  web:\n    image: b\n    command: [c]\n    ports: ['80:80', '8080:8080']\n    volumes: ['other:/data']\n    environment: {B: '3', C: '4'}\n    dns: [8.8.8.8, 1.1.1.1]\n    logging: {driver: syslog}\n    labels: !reset []\n",
        );
        let m = merge(base, over, &mut Vec::new());
        let web = m
            .get("services")
            .and_then(|s| s.get("web"))
            .expect("web")
            .to_json();
        assert_eq!(web["image"], "b");
        assert_eq!(web["command"], serde_json::json!(["c"]));
        assert_eq!(
            web["ports"],
            serde_json::json!(["80:80", "443:443", "8080:8080"])
        );
        assert_eq!(
            web["volumes"],
            serde_json::json!(["other:/data", "./src:/src"])
        );
        assert_eq!(
            web["environment"],
            serde_json::json!({"A": "1", "B": "3", "C": "4"})
        );
        assert_eq!(web["dns"], serde_json::json!(["1.1.1.1", "8.8.8.8"]));
        assert_eq!(web["logging"], serde_json::json!({"driver": "syslog"}));
        assert!(web.get("labels").is_none());
    }
}
