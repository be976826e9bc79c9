//! Golden conversions of representative Compose projects written for
//! the mappings (`tests/fixtures/*`): the manifests exactly as written, and
//! the summary. Review a changed snapshot as a change to what users
//! deploy.

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use shipready_compose::LoadOptions;
use shipready_convert::{convert, write, Options};
use std::path::Path;

fn conversion(fixture: &str, registry: Option<&str>) -> shipready_convert::Conversion {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    let project = shipready_compose::load(&LoadOptions {
        working_dir: dir,
        ..LoadOptions::default()
    })
    .unwrap();
    convert(
        &project,
        &Options {
            registry: registry.map(str::to_string),
            tag: "1.4.2".into(),
            ..Options::default()
        },
    )
}

fn summary_json(c: &shipready_convert::Conversion) -> serde_json::Value {
    let mut v = serde_json::to_value(&c.summary).unwrap();
    // The file of an issue is where the test runs from; its line is what
    // matters.
    for i in v["issues"].as_array_mut().unwrap() {
        if let Some(f) = i["file"].as_str() {
            i["file"] = f.rsplit('/').next().unwrap().into();
        }
    }
    v
}

#[test]
fn every_mapping_in_one_project() {
    let c = conversion("full", Some("registry.invalid/full"));
    assert!(!c.summary.has_errors(), "{:#?}", c.summary.issues);
    insta::assert_snapshot!("full_manifests", write::stream(&c.objects));
    insta::assert_json_snapshot!("full_summary", summary_json(&c));
}

#[test]
fn kompose_labels_are_honoured() {
    let c = conversion("kompose", None);
    assert!(!c.summary.has_errors(), "{:#?}", c.summary.issues);
    insta::assert_snapshot!("kompose_manifests", write::stream(&c.objects));
    insta::assert_json_snapshot!("kompose_summary", summary_json(&c));
}

#[test]
fn a_build_without_a_registry_is_an_error_at_its_line() {
    let c = conversion("full", None);
    let e = c
        .summary
        .issues
        .iter()
        .find(|i| i.message.contains("--registry"))
        .unwrap();
    assert_eq!(e.service.as_deref(), Some("web"));
    assert_eq!(e.line, Some(5), "{e:?}");
}
