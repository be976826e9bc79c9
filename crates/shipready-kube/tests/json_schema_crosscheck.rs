//! The other reference: the Kubernetes 1.34 JSON schemas in
//! ../shared/schemas (openapi2jsonschema, standalone, not strict). Every
//! built-in object we read is validated with them; an object they refuse
//! must be one we refuse too, except for the one documented class below.
//! (They accept unknown fields, being non-strict, so our unknown-field
//! findings are checked against kubernetes-validate --strict instead.)
//!
//! These schemas carry the API's enums (a port's `protocol: tcp` is
//! refused for not being `TCP`), which the Rust API types hold as plain
//! strings; `enums.rs` checks them, and this test keeps it honest.

mod common;

use shipready_kube::{is_builtin, parse_manifests, validate, ProblemKind};

/// `<kind>[-<first part of the group>]-<version>.json`, as
/// yannh/kubernetes-json-schema names them.
fn schema_name(api_version: &str, kind: &str) -> String {
    let (group, version) = api_version.rsplit_once('/').unwrap_or(("", api_version));
    let prefix = group.split('.').next().unwrap_or("");
    if prefix.is_empty() {
        format!("{}-{version}.json", kind.to_lowercase())
    } else {
        format!("{}-{prefix}-{version}.json", kind.to_lowercase())
    }
}

#[test]
fn objects_the_json_schemas_refuse_are_refused() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let schemas = corpus.join("../../schemas/kubernetes-json-schema/v1.34.0-standalone");
    if !schemas.exists() {
        eprintln!("SKIPPED: {} is absent", schemas.display());
        return;
    }
    let paths = common::manifest_files(&corpus);
    let mut checked = 0;
    let mut enum_only = Vec::new();
    let mut diffs = Vec::new();
    for p in &paths {
        let Ok(objs) = parse_manifests(&std::fs::read_to_string(p).expect("utf-8"), 0) else {
            continue;
        };
        for o in objs.iter().filter(|o| is_builtin(o)) {
            let ours = validate(o);
            if ours.iter().any(|p| {
                matches!(
                    p.kind,
                    ProblemKind::Removed { .. } | ProblemKind::UnknownVersion
                )
            }) {
                continue;
            }
            let Ok(text) =
                std::fs::read_to_string(schemas.join(schema_name(&o.api_version, &o.kind)))
            else {
                continue;
            };
            let mut schema: serde_json::Value = serde_json::from_str(&text).expect("schema");
            // They name their meta-schema `http://json-schema.org/schema`,
            // which is no draft; they are draft-04 in practice.
            if let Some(m) = schema.as_object_mut() {
                m.remove("$schema");
            }
            let validator = jsonschema::draft4::new(&schema).expect("compile");
            let errors: Vec<String> = validator
                .iter_errors(&o.node.to_json())
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            checked += 1;
            let refused_by_us = ours.iter().any(|p| p.kind == ProblemKind::Invalid);
            if errors.is_empty() || refused_by_us {
                continue;
            }
            if errors.iter().all(|e| e.contains("is not one of")) {
                enum_only.push(format!("{} {}", p.display(), o.label()));
            } else {
                diffs.push(format!("{} {}: {errors:?}", p.display(), o.label()));
            }
        }
    }
    assert!(
        diffs.is_empty(),
        "{} objects the schemas refuse and we accept:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert!(checked >= 240, "only {checked} objects checked");
    assert!(
        enum_only.is_empty(),
        "enum values we accept: {enum_only:#?}"
    );
}
