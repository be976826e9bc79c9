//! Our strict validation against PyPI `kubernetes-validate --strict -k
//! 1.34.0` (strict JSON schemas; installed by scripts/test), object by
//! object, on the whole kubernetes/examples corpus. Verdicts must agree:
//! valid, invalid, no schema (removed API or custom resource), not YAML.
//!
//! Documented differences, each checked here rather than skipped:
//! - duplicate keys: go-yaml (kubectl) refuses a mapping with a key twice,
//!   and so do we; PyYAML keeps the last value, so kubernetes-validate
//!   passes those files;
//! - `{{ }}` templates: PyYAML cannot read `{{x}}` as a key and fails the
//!   file; YAML 1.2 reads it as a mapping, which then has the wrong type,
//!   so we report the object invalid. Either way the file is refused;
//! - a JSON file indented with tabs: PyYAML (YAML 1.1) cannot read it;
//!   it is valid JSON, which YAML 1.2 and kubectl read;
//! - enum values (`protocol: tcp`): kubernetes-validate's strict schemas
//!   have no enums and pass them; the API server refuses them, and so do
//!   we, with the 1.34 JSON schemas (see json_schema_crosscheck.rs).

mod common;

use shipready_kube::{is_builtin, parse_manifests, validate, ProblemKind};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The Python of the .venv scripts/test makes, where kubernetes-validate
/// is installed.
fn python() -> PathBuf {
    if let Ok(p) = std::env::var("SHIPREADY_REF_PYTHON") {
        return PathBuf::from(p);
    }
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
    assert!(
        p.is_file(),
        "the reference tools are not installed: run scripts/test (it installs kubernetes-validate into .venv)"
    );
    p
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Valid,
    Invalid,
    NoSchema,
    NotYaml,
}

type Theirs = BTreeMap<PathBuf, Result<Vec<(Option<String>, Verdict)>, Verdict>>;

/// kubernetes-validate's verdicts for all files, from one process.
fn theirs(paths: &[PathBuf]) -> Theirs {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/kube_validate_batch.py");
    let out = Command::new(python())
        .arg(script)
        .args(paths)
        .output()
        .expect("run kubernetes-validate");
    assert!(
        out.status.success(),
        "kubernetes-validate failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut all: Theirs = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        let file = PathBuf::from(v["file"].as_str().expect("file"));
        let verdict = match v["verdict"].as_str() {
            Some("valid") => Verdict::Valid,
            Some("invalid") => Verdict::Invalid,
            Some("noschema") => Verdict::NoSchema,
            _ => Verdict::NotYaml,
        };
        if verdict == Verdict::NotYaml {
            all.insert(file, Err(Verdict::NotYaml));
            continue;
        }
        let entry = all.entry(file).or_insert_with(|| Ok(Vec::new()));
        if let Ok(list) = entry {
            list.push((v["object"].as_str().map(String::from), verdict));
        }
    }
    all
}

#[test]
fn strict_validation_agrees_with_kubernetes_validate() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let paths = common::manifest_files(&corpus);
    let all = theirs(&paths);
    let mut diffs = Vec::new();
    let (mut compared, mut duplicate_key_files, mut template_files, mut tabbed_json, mut enums) =
        (0, 0, 0, 0, 0);
    for p in &paths {
        let text = std::fs::read_to_string(p).expect("utf-8");
        let label = p.strip_prefix(&corpus).unwrap_or(p).display().to_string();
        let ours = parse_manifests(&text, 0);
        let theirs = all.get(p).cloned().unwrap_or(Ok(Vec::new()));
        match (ours, theirs) {
            (Err(e), Ok(_)) if e.message.contains("duplicate key") => duplicate_key_files += 1,
            (Err(_), Err(Verdict::NotYaml)) => compared += 1,
            (Ok(objs), Err(Verdict::NotYaml)) if text.contains("{{") => {
                let refused = objs.iter().any(|o| !validate(o).is_empty());
                if refused {
                    template_files += 1;
                } else {
                    diffs.push(format!("{label}: a template we accept"));
                }
            }
            (Ok(_), Err(Verdict::NotYaml))
                if serde_json::from_str::<serde_json::Value>(&text).is_ok()
                    && text.contains('\t') =>
            {
                tabbed_json += 1
            }
            (Err(e), t) => diffs.push(format!(
                "{label}: we cannot read it ({}), they say {t:?}",
                e.message
            )),
            (Ok(_), Err(v)) => diffs.push(format!("{label}: they say {v:?}, we read it")),
            (Ok(objs), Ok(verdicts)) => {
                if objs.len() != verdicts.len() {
                    diffs.push(format!(
                        "{label}: {} objects, they see {}",
                        objs.len(),
                        verdicts.len()
                    ));
                    continue;
                }
                for (o, (their_name, their)) in objs.iter().zip(verdicts) {
                    let problems = validate(o);
                    let mine = if problems.iter().any(|p| {
                        matches!(
                            p.kind,
                            ProblemKind::Removed { .. } | ProblemKind::UnknownVersion
                        )
                    }) || !is_builtin(o)
                    {
                        Verdict::NoSchema
                    } else if problems.is_empty() {
                        Verdict::Valid
                    } else {
                        Verdict::Invalid
                    };
                    let key = format!(
                        "{}/{}",
                        o.kind.to_lowercase(),
                        o.name.as_deref().unwrap_or("")
                    );
                    if their_name.as_deref().is_some_and(|n| n != key) {
                        diffs.push(format!(
                            "{label}: objects out of step ({key} / {their_name:?})"
                        ));
                        break;
                    }
                    compared += 1;
                    let only_enums = !problems.is_empty()
                        && problems.iter().all(|p| p.message.contains("is not one of"));
                    if their == Verdict::Valid && mine == Verdict::Invalid && only_enums {
                        enums += 1;
                        continue;
                    }
                    if their != mine {
                        diffs.push(format!(
                            "{label} {key}: ours {mine:?}, theirs {their:?} {problems:?}"
                        ));
                    }
                }
            }
        }
    }
    assert!(
        diffs.is_empty(),
        "{} disagreements:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert!(compared >= 270, "only {compared} objects compared");
    assert_eq!(duplicate_key_files, 5, "files with duplicate keys");
    assert_eq!(template_files, 5, "template files");
    assert_eq!(tabbed_json, 1, "JSON files indented with tabs");
    assert_eq!(enums, 2, "objects refused for an enum value only");
}
