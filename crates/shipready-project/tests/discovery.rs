//! What a run finds and how it reads it: Compose files by their standard
//! names (grouped into projects as `docker compose` loads them) and by
//! content under any other name, manifests by content, Dockerfiles by name
//! or, when named, by their first instruction; and what is left alone.

use shipready_diagnostics::FileKind;
use shipready_lint::Settings;
use shipready_project::{Inputs, Options, Report};
use std::path::Path;

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

fn run(paths: &[&Path]) -> Report {
    run_inputs(Inputs {
        paths: paths.iter().map(|p| p.to_path_buf()).collect(),
        ..Inputs::default()
    })
}

fn run_inputs(inputs: Inputs) -> Report {
    shipready_project::run(&inputs, &Settings::default(), &Options::default()).expect("run")
}

/// `(file name, kind)` of every checked file, sorted.
fn kinds(report: &Report, root: &Path) -> Vec<(String, FileKind)> {
    let prefix = format!("{}/", root.display());
    let mut v: Vec<_> = report
        .files
        .iter()
        .filter(|(_, f)| f.checked)
        .map(|(_, f)| (f.name.replace(&prefix, ""), f.kind))
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

const SERVICE: &str = "services:\n  web:\n    image: nginx:1.27\n";

#[test]
fn every_naming_style_is_found_in_a_walk() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    // By name: docker compose's four main names, an override, variants.
    for name in [
        "a/compose.yaml",
        "b/compose.yml",
        "c/docker-compose.yaml",
        "d/docker-compose.yml",
        "d/docker-compose.override.yml",
        "d/docker-compose.prod.yml",
    ] {
        write(d, name, SERVICE);
    }
    // By content, any name: each its own project.
    for name in [
        "e/docker-compose-secrets-long.yml",
        "e/compose-healthcheck.yaml",
        "e/alternative-compose.yaml",
        "e/compose-v3.yaml",
        "e/stack.json",
    ] {
        let text = if name.ends_with(".json") {
            "{\"services\": {\"web\": {\"image\": \"nginx:1.27\"}}}"
        } else {
            SERVICE
        };
        write(d, name, text);
    }
    // Manifests under any name, YAML or JSON.
    write(
        d,
        "k8s/web.yml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n",
    );
    write(
        d,
        "k8s/list.json",
        "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"c\"}}",
    );
    // Not ours: CI files with a `services:` list or nested services,
    // values files, a template, a service map without image or build.
    write(
        d,
        ".gitlab-ci.yml",
        "services:\n  - postgres:16\ntest:\n  script: make\n",
    );
    write(
        d,
        ".github/workflows/ci.yml",
        "jobs:\n  t:\n    services:\n      db:\n        image: postgres\n",
    );
    write(
        d,
        "chart/values.yaml",
        "replicas: 2\nservices:\n  api:\n    port: 80\n",
    );
    write(
        d,
        "chart/templates/svc.yaml",
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n",
    );
    let report = run(&[d]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    use FileKind::{Compose, Manifest};
    let want: Vec<(String, FileKind)> = [
        ("a/compose.yaml", Compose),
        ("b/compose.yml", Compose),
        ("c/docker-compose.yaml", Compose),
        ("d/docker-compose.override.yml", Compose),
        ("d/docker-compose.prod.yml", Compose),
        ("d/docker-compose.yml", Compose),
        ("e/alternative-compose.yaml", Compose),
        ("e/compose-healthcheck.yaml", Compose),
        ("e/compose-v3.yaml", Compose),
        ("e/docker-compose-secrets-long.yml", Compose),
        ("e/stack.json", Compose),
        ("k8s/list.json", Manifest),
        ("k8s/web.yml", Manifest),
    ]
    .into_iter()
    .map(|(n, k)| (n.to_string(), k))
    .collect();
    assert_eq!(kinds(&report, d), want);
    // d/ is two projects: main + override, and main + prod on top.
    let in_d: Vec<usize> = report_projects(d);
    assert_eq!(in_d, [2, 2], "projects of d/: {in_d:?}");
}

/// How many files each Compose project under `d/` loads, by loading the
/// directory again and counting the project units.
fn report_projects(root: &Path) -> Vec<usize> {
    let inputs = Inputs {
        paths: vec![root.join("d")],
        ..Inputs::default()
    };
    let project =
        shipready_project::load(&inputs, &Settings::default(), &Options::default()).expect("load");
    project
        .units
        .compose
        .iter()
        .map(|c| c.files.len())
        .collect()
}

#[test]
fn named_files_are_read_by_content() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    write(d, "alternative-compose.yaml", SERVICE);
    write(
        d,
        "build/app.docker",
        "# syntax=docker/dockerfile:1\nFROM alpine:3.20\nUSER 1000\n",
    );
    write(
        d,
        "deploy.yml",
        "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
    );
    let report = run(&[
        &d.join("alternative-compose.yaml"),
        &d.join("build/app.docker"),
        &d.join("deploy.yml"),
    ]);
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    assert_eq!(
        kinds(&report, d),
        [
            ("alternative-compose.yaml".to_string(), FileKind::Compose),
            ("build/app.docker".to_string(), FileKind::Dockerfile),
            ("deploy.yml".to_string(), FileKind::Manifest),
        ]
    );
    // A named file that is none of them is an input error, not a silence.
    write(d, "notes.txt", "remember the milk\n");
    write(d, "values.yaml", "replicas: 2\n");
    let report = run(&[&d.join("notes.txt"), &d.join("values.yaml")]);
    let mut messages: Vec<&str> = report.errors.iter().map(|e| e.message.as_str()).collect();
    messages.sort_unstable();
    assert_eq!(report.errors.len(), 2, "{messages:?}");
    assert!(
        messages[0].starts_with("neither a Compose file"),
        "{messages:?}"
    );
    assert!(messages[1].starts_with("not a Dockerfile"), "{messages:?}");
}

#[test]
fn standard_input_is_read_by_content() {
    let stdin = |text: &str| {
        run_inputs(Inputs {
            paths: vec!["-".into()],
            stdin: Some(text.as_bytes().to_vec()),
            stdin_name: "<stdin>".into(),
            ..Inputs::default()
        })
    };
    for (text, kind) in [
        (SERVICE, FileKind::Compose),
        (
            "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n",
            FileKind::Manifest,
        ),
        ("FROM alpine:3.20\n", FileKind::Dockerfile),
    ] {
        let r = stdin(text);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        let files: Vec<_> = r
            .files
            .iter()
            .map(|(_, f)| (f.name.as_str(), f.kind))
            .collect();
        assert_eq!(files, [("<stdin>", kind)]);
    }
}

#[test]
fn unreadable_inputs_of_ours_are_errors_wherever_they_are() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    // Invalid UTF-8 in a Compose file found by content, an alias bomb in
    // a manifest, an oversized manifest: never silently skipped.
    let mut bad = b"services:\n  web:\n    image: \"nginx".to_vec();
    bad.extend_from_slice(&[0xff, 0xfe]);
    bad.extend_from_slice(b"\"\n");
    std::fs::write(d.join("stack.yml"), &bad).expect("write");
    let mut bomb = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\na: &a [x, x, x, x, x, x, x, x, x, x]\n");
    let mut prev = 'a';
    for c in 'b'..='k' {
        bomb.push_str(&format!(
            "{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
        prev = c;
    }
    write(d, "bomb.yaml", &bomb);
    let mut huge =
        String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  x: \"");
    huge.push_str(&"x".repeat(9 << 20));
    huge.push_str("\"\n");
    write(d, "huge.yaml", &huge);
    // Unreadable YAML that is not ours stays none of our business.
    std::fs::write(d.join("other.yaml"), b"name: \xff\xfe\n").expect("write");
    let report = run(&[d]);
    let mut errors: Vec<(String, String)> = report
        .errors
        .iter()
        .map(|e| {
            let name = Path::new(&e.file)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, e.message.clone())
        })
        .collect();
    errors.sort();
    let names: Vec<&str> = errors.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["bomb.yaml", "huge.yaml", "stack.yml"], "{errors:?}");
    assert!(errors[0].1.contains("billion laughs"), "{errors:?}");
    assert!(errors[1].1.contains("larger than"), "{errors:?}");
    assert!(
        errors[2].1.contains("invalid UTF-8 on line 3"),
        "{errors:?}"
    );
}
