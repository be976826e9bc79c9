//! One shape per attribute before files are merged: `build: .` becomes
//! `build: {context: .}`, `environment`/`labels` lists become mappings,
//! `depends_on` and `networks` lists become mappings. compose-go does the
//! same, and merging then only needs mapping and sequence rules.

use shipready_yaml::{Mapping, Node, Value};

fn str_node(s: &str, like: &Node) -> Node {
    Node {
        value: Value::Str(s.to_string()),
        span: like.span,
        tag: None,
    }
}

fn map_node(entries: Vec<(Node, Node)>, like: &Node) -> Node {
    Node {
        value: Value::Map(Mapping { entries }),
        span: like.span,
        tag: like.tag.clone(),
    }
}

/// `["A=1", "B"]` → `{A: "1", B: null}`; `sep` is `=` (or `:` too, for
/// extra_hosts-like lists). Key and value keep the item's span.
pub(crate) fn list_to_map(node: &mut Node, seps: &[char]) {
    let Value::Seq(items) = &node.value else {
        return;
    };
    let entries = items
        .iter()
        .filter_map(|item| {
            let text = item.key_text()?;
            Some(match text.find(seps) {
                Some(p) => (str_node(&text[..p], item), str_node(&text[p + 1..], item)),
                None => (
                    str_node(&text, item),
                    Node {
                        value: Value::Null,
                        span: item.span,
                        tag: None,
                    },
                ),
            })
        })
        .collect();
    *node = map_node(entries, node);
}

/// `depends_on: [db]` → `{db: {condition: service_started, required: true}}`.
fn depends_on(node: &mut Node) {
    if let Value::Seq(items) = &node.value {
        let entries = items
            .iter()
            .filter_map(|item| {
                let name = item.key_text()?;
                let cond = map_node(
                    vec![
                        (
                            str_node("condition", item),
                            str_node("service_started", item),
                        ),
                        (
                            str_node("required", item),
                            Node {
                                value: Value::Bool(true),
                                span: item.span,
                                tag: None,
                            },
                        ),
                    ],
                    item,
                );
                Some((str_node(&name, item), cond))
            })
            .collect();
        *node = map_node(entries, node);
    }
}

/// `networks: [front]` → `{front: null}`.
fn networks(node: &mut Node) {
    if let Value::Seq(items) = &node.value {
        let entries = items
            .iter()
            .filter_map(|item| {
                Some((
                    str_node(&item.key_text()?, item),
                    Node {
                        value: Value::Null,
                        span: item.span,
                        tag: None,
                    },
                ))
            })
            .collect();
        *node = map_node(entries, node);
    }
}

pub(crate) fn service(svc: &mut Node) {
    let Value::Map(m) = &mut svc.value else {
        return;
    };
    for (k, v) in &mut m.entries {
        match k.key_text().as_deref() {
            Some("build") => {
                if let Some(ctx) = v.as_str().map(str::to_string) {
                    let like = v.clone();
                    *v = map_node(
                        vec![(str_node("context", &like), str_node(&ctx, &like))],
                        &like,
                    );
                }
                if let Value::Map(b) = &mut v.value {
                    for (bk, bv) in &mut b.entries {
                        if matches!(bk.key_text().as_deref(), Some("args" | "labels")) {
                            list_to_map(bv, &['=']);
                        }
                    }
                }
            }
            Some("environment" | "labels" | "annotations" | "sysctls") => list_to_map(v, &['=']),
            Some("depends_on") => depends_on(v),
            Some("networks") => networks(v),
            Some("deploy") => {
                if let Value::Map(d) = &mut v.value {
                    for (dk, dv) in &mut d.entries {
                        if dk.key_text().as_deref() == Some("labels") {
                            list_to_map(dv, &['=']);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The `services` mapping of a file's root, to change in place.
pub(crate) fn services_mut(root: &mut Node) -> Option<&mut Mapping> {
    let Value::Map(m) = &mut root.value else {
        return None;
    };
    m.entries
        .iter_mut()
        .find(|(k, _)| k.key_text().as_deref() == Some("services"))
        .and_then(|(_, v)| match &mut v.value {
            Value::Map(services) => Some(services),
            _ => None,
        })
}

/// Shapes every service of a file's root.
pub(crate) fn file(root: &mut Node) {
    for (_, svc) in services_mut(root)
        .into_iter()
        .flat_map(|m| m.entries.iter_mut())
    {
        service(svc);
    }
}
