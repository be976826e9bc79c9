//! Validation against the Compose Specification's own JSON Schema
//! (embedded, see `schema/README.md`), with each error placed on the
//! offending key or value.

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use shipready_diagnostics::Span;
use shipready_yaml::{Node, Value};

/// The Compose schema's validator, generated from the embedded schema when
/// this crate is compiled (jsonschema's `validator` macro), so no process
/// compiles a schema at run time: the runtime compiler cost 100 ms and
/// 130 MB per process in jsonschema 0.33 and still 5 ms in 0.60, the whole
/// budget of a pre-commit run on one file. The file names its meta-schema as
/// `https://json-schema.org/draft-07/schema`, a spelling the compiler would
/// not recognise, so the draft is chosen here. The `equal_to_the_runtime_*`
/// test proves it agrees with the runtime-compiled schema.
#[jsonschema::validator(path = "schema/compose-spec.json", draft = Draft7)]
struct ComposeSchema;

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
    let json = root.to_json();
    let mut out: Vec<(Span, String)> = Vec::new();
    for e in ComposeSchema::iter_errors(&json) {
        let (node, at) = locate(root, e.instance_path());
        let at = if at.is_empty() {
            "the file".to_string()
        } else {
            format!("`{at}`")
        };
        let (span, message) = match e.kind() {
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
    use super::ComposeSchema;
    use serde_json::{json, Value};

    const SCHEMA: &str = include_str!("../schema/compose-spec.json");

    fn runtime() -> jsonschema::Validator {
        let mut schema: Value = serde_json::from_str(SCHEMA).expect("the embedded schema is JSON");
        schema.as_object_mut().expect("an object").remove("$schema");
        jsonschema::draft7::new(&schema).expect("the embedded schema compiles")
    }

    /// Every error as its path, kind and text, in the validator's order.
    fn errors(it: impl Iterator<Item = jsonschema::ValidationError<'static>>) -> Vec<String> {
        it.map(|e| format!("{} {:?} {e}", e.instance_path(), e.kind()))
            .collect()
    }

    /// Each document and four broken variants of it: an unknown key, a
    /// wrong type and a wrong enum value in every service, so that the
    /// error paths are compared too, not only the valid ones.
    fn variants(doc: Value) -> Vec<Value> {
        let mut out = vec![doc.clone()];
        for (key, bad) in [
            ("not_a_compose_key", json!(1)),
            ("ports", json!(5)),
            ("restart", json!(["always"])),
            ("healthcheck", json!({"test": 1, "interval": true})),
        ] {
            let mut d = doc.clone();
            if let Some(services) = d.get_mut("services").and_then(Value::as_object_mut) {
                for svc in services.values_mut() {
                    if let Some(m) = svc.as_object_mut() {
                        m.insert(key.into(), bad.clone());
                    }
                }
            }
            out.push(d);
        }
        out
    }

    #[test]
    fn equal_to_the_runtime_compiled_schema_on_the_corpus_and_fixtures() {
        let root = shipready_testkit::reference::workspace();
        let mut dirs = vec![
            root.join("crates/shipready-compose/tests/fixtures"),
            root.join("examples"),
        ];
        dirs.extend(shipready_testkit::reference::shared("corpus"));
        let files: Vec<_> = dirs
            .iter()
            .flat_map(|d| shipready_testkit::files_under(d, &crate::names::is_compose_name))
            .collect();
        let runtime = runtime();
        let (mut docs, mut with_errors) = (0, 0);
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue;
            };
            let Ok(parsed) = shipready_yaml::parse_stream(&text, &Default::default()) else {
                continue;
            };
            for d in parsed {
                for v in variants(d.root.to_json()) {
                    let generated = errors(ComposeSchema::iter_errors(&v).map(|e| e.to_owned()));
                    let compiled = errors(runtime.iter_errors(&v).map(|e| e.to_owned()));
                    assert_eq!(generated, compiled, "{}", f.display());
                    docs += 1;
                    with_errors += usize::from(!compiled.is_empty());
                }
            }
        }
        assert!(docs > 100, "only {docs} documents compared");
        assert!(
            with_errors > docs / 2,
            "only {with_errors} of {docs} had errors"
        );
    }
}
