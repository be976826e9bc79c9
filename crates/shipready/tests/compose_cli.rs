//! `shipready lint` on Compose files: discovery of the project and its
//! variants, findings placed in the right file, errors with lines, and the
//! whole awesome-compose corpus without a crash.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("COMPOSE_PROFILES")
        .output()
        .expect("run shipready")
}

fn json(out: &Output) -> Value {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {err}"))
}

#[test]
fn a_project_and_its_production_variant() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    std::fs::write(
        d.join("compose.yaml"),
        "services:\n  api:\n    build: .\n    ports: [\"8080:8080\"]\n  db:\n    image: postgres\n    ports: [\"5432:5432\"]\n",
    )
    .expect("write");
    std::fs::write(
        d.join("compose.prod.yaml"),
        "services:\n  api:\n    volumes: [\"./:/app\"]\n    privileged: true\n",
    )
    .expect("write");
    let out = run(&["lint", "--format", "json", "."], d);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let findings = v["findings"].as_array().expect("findings");
    let find = |rule: &str, file: &str| {
        findings
            .iter()
            .find(|f| f["rule"] == rule && f["file"].as_str().is_some_and(|p| p.ends_with(file)))
            .unwrap_or_else(|| panic!("no {rule} in {file}: {findings:#?}"))
    };
    // In the main file, once, although two projects read it.
    let db_port = find("SR-C016", "compose.yaml");
    assert_eq!(db_port["line"], 7);
    assert_eq!(
        findings.iter().filter(|f| f["rule"] == "SR-C016").count(),
        1,
        "the shared main file is reported once"
    );
    assert_eq!(find("SR-C008", "compose.yaml")["line"], 6);
    // Production-only rules fire through the variant, pointing into it.
    assert_eq!(find("SR-C021", "compose.prod.yaml")["line"], 3);
    assert_eq!(find("SR-C010", "compose.prod.yaml")["line"], 4);
    let build = find("SR-C009", "compose.yaml");
    assert_eq!(build["line"], 3);
    assert_eq!(v["summary"]["files"], 2);
}

#[test]
fn a_broken_compose_file_is_an_error_with_a_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    std::fs::write(
        d.join("compose.yaml"),
        "services:\n  web:\n    image: a\n    image: b\n",
    )
    .expect("write");
    let out = run(&["lint", "--format", "json", "compose.yaml"], d);
    assert_eq!(out.status.code(), Some(2));
    let v = json(&out);
    let e = &v["errors"][0];
    assert_eq!(e["file"], "compose.yaml");
    assert_eq!(e["line"], 4);
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.contains("duplicate key `image`")),
        "{e}"
    );
}

#[test]
fn the_awesome_compose_corpus_lints_without_a_crash() {
    let corpus =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/awesome-compose");
    if !corpus.exists() {
        eprintln!("SKIPPED: {} is absent", corpus.display());
        return;
    }
    let out = run(&["lint", "--format", "json", "."], &corpus);
    let v = json(&out);
    let compose_files = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"].as_str().is_some_and(|r| r.starts_with("SR-C")))
        .filter_map(|f| f["file"].as_str())
        .collect::<std::collections::BTreeSet<_>>();
    assert!(
        compose_files.len() >= 39,
        "{} Compose files with findings",
        compose_files.len()
    );
    assert_eq!(
        v["errors"].as_array().map(Vec::len),
        Some(0),
        "{}",
        v["errors"]
    );
    // plex's volume needs a variable that is not set: compose refuses it.
    assert!(v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["rule"] == "SR-C001" && f["file"].as_str().is_some_and(|p| p.contains("plex"))));
}

#[test]
fn compose_files_named_with_compose_file_merge_like_dash_f() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    std::fs::write(
        d.join("base.yml"),
        "services:\n  cache:\n    image: redis:7.4.1\n    restart: always\n",
    )
    .expect("write");
    std::fs::write(
        d.join("stack.yml"),
        "services:\n  cache:\n    image: redis\n",
    )
    .expect("write");
    let out = run(
        &[
            "lint",
            "--format",
            "json",
            "--select",
            "SR-C006,SR-C008",
            "--compose-file",
            "base.yml",
            "--compose-file",
            "stack.yml",
        ],
        d,
    );
    let v = json(&out);
    let findings = v["findings"].as_array().expect("findings");
    // The second file's untagged image wins the merge and is reported in
    // it; the first file's restart policy still applies.
    assert_eq!(findings.len(), 1, "{findings:#?}");
    assert_eq!(findings[0]["rule"], "SR-C008");
    assert_eq!(findings[0]["file"], "stack.yml");
    assert_eq!(findings[0]["line"], 3);
    assert_eq!(v["summary"]["files"], 2);
    let out = run(&["lint", "--compose-file", "missing.yml"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.yml: no such Compose file"));
}
