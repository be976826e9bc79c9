//! Validation against the Compose Specification's own JSON Schema
//! (embedded, see `schema/README.md`), with each error placed on the
//! offending key or value.

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use shipready_diagnostics::Span;
use shipready_yaml::{Node, Value};
use std::sync::OnceLock;

const SCHEMA: &str = include_str!("../schema/compose-spec.json");

fn validator() -> Option<&'static jsonschema::Validator> {
    static V: OnceLock<Option<jsonschema::Validator>> = OnceLock::new();
    V.get_or_init(|| {
        let mut schema: serde_json::Value = serde_json::from_str(SCHEMA).ok()?;
        // The file names its meta-schema as `https://json-schema.org/draft-07/schema`,
        // a spelling the validator would fetch over HTTP; the draft is
        // chosen explicitly here instead, so nothing is fetched.
        if let Some(m) = schema.as_object_mut() {
            m.remove("$schema");
        }
        jsonschema::draft7::new(&schema).ok()
    })
    .as_ref()
}

/// The node at a JSON pointer, and the path as a reader would write it
/// (`services.web.ports[0]`).
fn locate<'a>(root: &'a Node, path: &jsonschema::paths::Location) -> (&'a Node, String) {
    let mut node = root;
    let mut shown = String::new();
    for seg in path {
        let next = match (&seg, &node.value) {
            (LocationSegment::Index(i), Value::Seq(items)) => {
                shown.push_str(&format!("[{i}]"));
                items.get(*i)
            }
            (LocationSegment::Index(i), Value::Map(m)) => {
                shown.push_str(&format!(".{i}"));
                m.get(&i.to_string())
            }
            (LocationSegment::Property(p), Value::Map(m)) => {
                if !shown.is_empty() {
                    shown.push('.');
                }
                shown.push_str(p);
                m.get(p)
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    (node, shown)
}

/// Every schema violation of one file's (interpolated) tree.
pub(crate) fn validate(root: &Node) -> Vec<(Span, String)> {
    let Some(v) = validator() else {
        return vec![(
            root.span,
            "internal error: the embedded Compose schema does not compile".into(),
        )];
    };
    let json = root.to_json();
    let mut out: Vec<(Span, String)> = Vec::new();
    for e in v.iter_errors(&json) {
        let (node, at) = locate(root, &e.instance_path);
        let at = if at.is_empty() {
            "the file".to_string()
        } else {
            format!("`{at}`")
        };
        let (span, message) = match &e.kind {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let key = unexpected.first().map(String::as_str).unwrap_or("");
                let span = node
                    .as_map()
                    .and_then(|m| m.entry(key))
                    .map_or(node.span, |(k, _)| k.span);
                let what = if unexpected.len() == 1 {
                    format!("`{key}` is not a Compose attribute")
                } else {
                    format!("`{}` are not Compose attributes", unexpected.join("`, `"))
                };
                (
                    span,
                    format!("{at}: {what} (a typo, or an option of another tool?)"),
                )
            }
            _ => {
                let mut text = e.to_string();
                if text.len() > 160 {
                    let cut = text.char_indices().nth(157).map_or(text.len(), |(i, _)| i);
                    text.truncate(cut);
                    text.push_str("...");
                }
                (node.span, format!("{at}: {text}"))
            }
        };
        if !out.iter().any(|(s, m)| *s == span && *m == message) {
            out.push((span, message));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_schema_compiles() {
        assert!(super::validator().is_some());
    }
}
