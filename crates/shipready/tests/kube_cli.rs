//! `shipready lint` on Kubernetes manifests: objects across files, from
//! standard input (`helm template … | shipready lint -`), hostile files,
//! and the kubernetes/examples corpus without a crash.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], cwd: &Path, stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run shipready");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(text.as_bytes())
            .expect("write stdin");
    }
    child.wait_with_output().expect("wait")
}

fn json(out: &Output) -> Value {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"))
}

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: shop/api:1.4.2
          readinesProbe: {httpGet: {path: /, port: 8080}}
";

#[test]
fn objects_in_several_files_meet_each_other() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    std::fs::create_dir_all(d.join("k8s")).expect("mkdir");
    std::fs::write(d.join("k8s/deployment.yaml"), DEPLOYMENT).expect("write");
    std::fs::write(
        d.join("k8s/service.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec:\n  selector: {app: api}\n  ports: [{port: 80}]\n---\napiVersion: v1\nkind: Service\nmetadata: {name: old, namespace: shop}\nspec:\n  selector: {app: gone}\n",
    )
    .expect("write");
    // Not manifests: left alone.
    std::fs::write(d.join("k8s/values.yaml"), "replicaCount: 2\n").expect("write");
    std::fs::write(
        d.join("k8s/chart.yaml"),
        "apiVersion: v2\nkind: {{ .Values.kind }}\n",
    )
    .expect("write");
    let out = run(&["lint", "--format", "json", "."], d, None);
    let v = json(&out);
    assert_eq!(out.status.code(), Some(1));
    let findings = v["findings"].as_array().expect("findings");
    let find = |rule: &str| {
        findings
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule}: {findings:#?}"))
    };
    let typo = find("SR-K001");
    assert!(typo["file"]
        .as_str()
        .is_some_and(|f| f.ends_with("deployment.yaml")));
    assert_eq!(typo["line"], 16);
    assert_eq!(typo["equivalents"]["kube_linter"], serde_json::json!([]));
    // The Service selecting app=api finds the Deployment in the other file;
    // the one selecting app=gone does not.
    let dangling: Vec<_> = findings.iter().filter(|f| f["rule"] == "SR-K018").collect();
    assert_eq!(dangling.len(), 1, "{dangling:#?}");
    assert_eq!(dangling[0]["line"], 12);
    assert_eq!(
        find("SR-K005")["equivalents"]["kube_linter"][0],
        "run-as-non-root"
    );
    assert_eq!(
        v["summary"]["files"], 2,
        "values.yaml and the template are not manifests"
    );
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn helm_template_output_on_standard_input() {
    let tmp = tempfile::tempdir().expect("tmp");
    let rendered = format!("---\n# Source: shop/templates/deployment.yaml\n{DEPLOYMENT}");
    let out = run(
        &[
            "lint",
            "--format",
            "json",
            "-",
            "--stdin-filename",
            "rendered.yaml",
        ],
        tmp.path(),
        Some(&rendered),
    );
    let v = json(&out);
    let files: Vec<&str> = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["file"].as_str())
        .collect();
    assert!(files.iter().all(|f| *f == "rendered.yaml"), "{files:?}");
    assert!(v["findings"]
        .as_array()
        .expect("f")
        .iter()
        .any(|f| f["rule"] == "SR-K003"));
}

#[test]
fn a_named_broken_manifest_is_an_error_with_a_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    std::fs::write(
        d.join("bad.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n  name: b\n",
    )
    .expect("write");
    let out = run(&["lint", "--format", "json", "bad.yaml"], d, None);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    assert_eq!(v["errors"][0]["line"], 5);
    std::fs::write(d.join("empty.yaml"), "just: data\n").expect("write");
    let out = run(&["lint", "--format", "json", "empty.yaml"], d, None);
    assert_eq!(out.status.code(), Some(2));
    assert!(json(&out)["errors"][0]["message"]
        .as_str()
        .is_some_and(
            |m| m.contains("neither a Compose file") && m.contains("nor Kubernetes objects")
        ));
}

#[test]
fn the_kubernetes_examples_corpus_lints_without_a_crash() {
    let corpus =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/k8s-examples");
    if !corpus.exists() {
        eprintln!("SKIPPED: {} is absent", corpus.display());
        return;
    }
    let out = run(&["lint", "--format", "json", "."], &corpus, None);
    let v = json(&out);
    // 258 files: 5 are templates (skipped), 5 repeat a key (errors).
    assert_eq!(
        v["errors"].as_array().map(Vec::len),
        Some(5),
        "{}",
        v["errors"]
    );
    assert!(v["summary"]["files"].as_u64().is_some_and(|n| n >= 240));
    let removed = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "SR-K002")
        .count();
    assert_eq!(removed, 11, "removed API versions reported");
}
