//! Kubernetes manifests as a linter needs them: multi-document YAML and
//! JSON streams, `List` objects flattened, every value with its span; and
//! strict offline validation of each object against the Kubernetes 1.34
//! API (the `k8s-openapi` types): unknown fields, wrong types, missing
//! required fields, API versions Kubernetes has removed. Objects of kinds
//! it does not know (custom resources) are kept with their
//! group/version/kind and not validated.

mod enums;
mod kinds;
mod removed;
mod validate;

pub use removed::removed;
use shipready_diagnostics::Span;
use shipready_yaml::{parse_stream_at, Limits, Node, Value, YamlError};
pub use validate::Seg;

/// One Kubernetes object of a manifest file.
#[derive(Debug, Clone)]
pub struct Object {
    pub api_version: String,
    pub kind: String,
    pub name: Option<String>,
    pub namespace: Option<String>,
    /// The object's mapping; spans are global (see `parse_manifests`).
    pub node: Node,
}

impl Object {
    /// `apps/v1` → `apps`; `v1` → `` (the core group).
    pub fn group(&self) -> &str {
        self.api_version.rsplit_once('/').map_or("", |(g, _)| g)
    }

    /// `Deployment/web` for messages.
    pub fn label(&self) -> String {
        format!(
            "{}/{}",
            self.kind,
            self.name.as_deref().unwrap_or("<unnamed>")
        )
    }
}

/// What is wrong with an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// A field its type does not have (kubectl's strict decoding refuses it).
    UnknownField,
    /// A wrong type or a missing required field.
    Invalid,
    /// An apiVersion Kubernetes has removed.
    Removed {
        release: &'static str,
        replacement: &'static str,
    },
    /// A built-in kind under an apiVersion that never had it.
    UnknownVersion,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub kind: ProblemKind,
}

/// The objects of a manifest stream (spans shifted by `base`, as in
/// `shipready_yaml::parse_stream_at`). Documents without `apiVersion` and
/// `kind` (a Helm values file, an empty document) are not objects.
pub fn parse_manifests(text: &str, base: u32) -> Result<Vec<Object>, YamlError> {
    let docs = parse_stream_at(text, base, &Limits::default())?;
    let mut out = Vec::new();
    for d in docs {
        collect(d.root, &mut out);
    }
    Ok(out)
}

fn text(node: &Node, key: &str) -> Option<String> {
    node.get(key).and_then(Node::as_str).map(str::to_string)
}

fn collect(node: Node, out: &mut Vec<Object>) {
    let (Some(api_version), Some(kind)) = (text(&node, "apiVersion"), text(&node, "kind")) else {
        return;
    };
    if kind.ends_with("List") {
        if let Some(items) = node.get("items").and_then(Node::as_seq) {
            for item in items.iter().cloned() {
                collect(item, out);
            }
            return;
        }
    }
    let meta = node.get("metadata");
    out.push(Object {
        name: meta.and_then(|m| text(m, "name")),
        namespace: meta.and_then(|m| text(m, "namespace")),
        api_version,
        kind,
        node,
    });
}

/// The node a path leads to, and for the last key, the key node itself
/// (where an unknown field is best pointed at).
fn locate<'a>(root: &'a Node, path: &[Seg], want_key: bool) -> &'a Node {
    let mut node = root;
    for (i, seg) in path.iter().enumerate() {
        let last = i + 1 == path.len();
        let next = match (seg, &node.value) {
            (Seg::Key(k), Value::Map(m)) => m
                .entry(k)
                .map(|(key, v)| if last && want_key { key } else { v }),
            (Seg::Index(n), Value::Seq(items)) => items.get(*n),
            // A number printed as a key by the path tracker.
            (Seg::Index(n), Value::Map(m)) => m.get(&n.to_string()),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    node
}

fn dotted(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Everything strict validation finds in one object.
pub fn validate(obj: &Object) -> Vec<Problem> {
    let version_span = obj.node.get("apiVersion").map_or(obj.node.span, |n| n.span);
    if let Some((release, replacement)) = removed(&obj.api_version, &obj.kind) {
        return vec![Problem {
            span: version_span,
            message: format!(
                "{} {} was removed in Kubernetes {release}: use {replacement}",
                obj.api_version, obj.kind
            ),
            kind: ProblemKind::Removed {
                release,
                replacement,
            },
        }];
    }
    let mut json = obj.node.to_json();
    validate::quantities_as_strings(&mut json);
    let Some(decoded) = kinds::decode_known(&obj.api_version, &obj.kind, &json) else {
        let builtin_group = !obj.group().contains('.') || obj.group().ends_with(".k8s.io");
        if kinds::is_builtin_kind(&obj.kind) && builtin_group {
            return vec![Problem {
                span: version_span,
                message: format!("Kubernetes 1.34 has no {} in {}", obj.kind, obj.api_version),
                kind: ProblemKind::UnknownVersion,
            }];
        }
        return Vec::new();
    };
    let mut out: Vec<Problem> = decoded
        .unknown
        .iter()
        .map(|path| Problem {
            span: locate(&obj.node, path, true).span,
            message: format!(
                "`{}`: unknown field (a typo, or a field of another version?); kubectl's strict validation refuses it",
                dotted(path)
            ),
            kind: ProblemKind::UnknownField,
        })
        .collect();
    let mut bad = Vec::new();
    enums::check(&obj.node, &mut bad);
    for (node, path, allowed) in bad {
        out.push(Problem {
            span: node.span,
            message: format!(
                "`{path}`: `{}` is not one of {} (the API server refuses it)",
                node.key_text().unwrap_or_default(),
                allowed.join(", ")
            ),
            kind: ProblemKind::Invalid,
        });
    }
    for (path, message) in decoded.errors {
        let at = if path.is_empty() {
            obj.label()
        } else {
            format!("`{}`", dotted(&path))
        };
        out.push(Problem {
            span: locate(&obj.node, &path, false).span,
            message: format!("{at}: {message}"),
            kind: ProblemKind::Invalid,
        });
    }
    out
}

/// Whether the object is of a built-in Kubernetes type (and so was
/// validated), not a custom resource.
pub fn is_builtin(obj: &Object) -> bool {
    kinds::is_builtin_kind(&obj.kind)
        && (!obj.group().contains('.') || obj.group().ends_with(".k8s.io"))
}
