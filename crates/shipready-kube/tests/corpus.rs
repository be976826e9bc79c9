//! The kubernetes/examples corpus (../shared/corpus/k8s-examples) in
//! numbers, against DATA.md's: it counts 283 objects, 262 valid under the
//! 1.34 schemas, 18 with no schema (removed APIs and custom resources), 3
//! invalid and 5 unreadable files (`{{ }}` templates, for PyYAML).
//!
//! Ours differ where we are stricter, each for a reason the other tests
//! pin down: 5 files have a key twice (go-yaml and kubectl refuse them;
//! PyYAML keeps the last value), so their objects are not counted; the 5
//! templates read as YAML 1.2 and are refused as invalid objects; strict
//! decoding refuses 5 objects for unknown fields or wrong types
//! (kubernetes-validate --strict agrees); 2 are refused for an enum value.
//! The 18 without a schema are the same: 11 removed APIs, reported with
//! their replacement, and 7 custom resources, kept unvalidated.

mod common;

use shipready_kube::{parse_manifests, validate, ProblemKind};

#[test]
fn corpus_counts() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let paths = common::manifest_files(&corpus);
    let (mut objects, mut valid, mut removed, mut invalid, mut parse_errors, mut custom) =
        (0, 0, 0, 0, 0, 0);
    for p in &paths {
        let text = std::fs::read_to_string(p).expect("utf-8");
        let objs = match parse_manifests(&text, 0) {
            Ok(o) => o,
            Err(e) => {
                parse_errors += 1;
                eprintln!("PARSE {}: {}", p.display(), e.message);
                continue;
            }
        };
        for o in &objs {
            objects += 1;
            let problems = validate(o);
            if problems.iter().any(|p| {
                matches!(
                    p.kind,
                    ProblemKind::Removed { .. } | ProblemKind::UnknownVersion
                )
            }) {
                removed += 1;
            } else if problems.is_empty() {
                if shipready_kube::is_builtin(o) {
                    valid += 1
                } else {
                    custom += 1
                }
            } else {
                invalid += 1;
                for pr in &problems {
                    eprintln!("INVALID {} {}: {}", p.display(), o.label(), pr.message);
                }
            }
        }
    }
    assert_eq!(
        (objects, valid, removed, custom, invalid, parse_errors),
        (283, 253, 11, 7, 12, 5),
        "(objects, valid, removed APIs, custom resources, invalid, unreadable files)"
    );
    assert_eq!(
        removed + custom,
        18,
        "DATA.md's objects with no 1.34 schema"
    );
}
