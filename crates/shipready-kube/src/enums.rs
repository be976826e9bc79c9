//! The API's closed sets of values for fields the Rust types hold as
//! plain strings: `protocol: tcp` decodes, but the API server refuses it.
//! (The JSON schemas carry these enums; checking them here keeps the
//! validation offline and cheap.)

use shipready_yaml::{Node, Value};

/// (field name, the parent key it must sit under or `*`, allowed values).
const ENUMS: &[(&str, &str, &[&str])] = &[
    ("protocol", "ports", &["TCP", "UDP", "SCTP"]),
    ("imagePullPolicy", "*", &["Always", "IfNotPresent", "Never"]),
    ("restartPolicy", "spec", &["Always", "OnFailure", "Never"]),
    (
        "dnsPolicy",
        "spec",
        &["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"],
    ),
    (
        "pathType",
        "paths",
        &["Exact", "Prefix", "ImplementationSpecific"],
    ),
    ("concurrencyPolicy", "spec", &["Allow", "Forbid", "Replace"]),
    ("externalTrafficPolicy", "spec", &["Cluster", "Local"]),
    ("internalTrafficPolicy", "spec", &["Cluster", "Local"]),
    ("sessionAffinity", "spec", &["ClientIP", "None"]),
];

/// Values outside their set: `(node, field path, allowed)`.
pub(crate) fn check<'a>(
    root: &'a Node,
    out: &mut Vec<(&'a Node, String, &'static [&'static str])>,
) {
    walk(root, "", "", out);
}

fn walk<'a>(
    node: &'a Node,
    parent_key: &str,
    path: &str,
    out: &mut Vec<(&'a Node, String, &'static [&'static str])>,
) {
    match &node.value {
        Value::Map(m) => {
            for (k, v) in m.iter() {
                let Some(key) = k.key_text() else { continue };
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                for (field, under, allowed) in ENUMS {
                    if key == *field && (*under == "*" || *under == parent_key) {
                        if let Some(s) = v.as_str() {
                            if !allowed.contains(&s) {
                                out.push((v, here.clone(), allowed));
                            }
                        }
                    }
                }
                walk(v, &key, &here, out);
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                // A list item sits under the list's key.
                walk(item, parent_key, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}
