//! `shipready report merge`: the audits of the two bundled examples merged
//! into one fleet view (JSON, table, HTML), bad files named, and the
//! documented Indexed Job manifest linted clean by shipready itself.

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use shipready_testkit::reference::workspace;
use std::process::{Command, Output};

fn shipready(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("SHIPREADY_DB", "/nonexistent/shipready-db")
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .current_dir(workspace())
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    out
}

#[test]
fn two_audits_merge_into_one_fleet() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for ex in ["shop", "platform"] {
        let f = dir.path().join(format!("{ex}.json"));
        let out = shipready(&[
            "audit",
            &format!("examples/{ex}"),
            "-f",
            "json",
            "--fail-on",
            "none",
            "-o",
            f.to_str().unwrap(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        files.push(f.to_str().unwrap().to_string());
    }
    let html = dir.path().join("fleet.html");
    let mut args = vec![
        "report",
        "merge",
        "-f",
        "json",
        "--html",
        html.to_str().unwrap(),
    ];
    args.extend(files.iter().map(String::as_str));
    let out = shipready(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fleet: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(fleet["version"], 1);
    let repos = fleet["repositories"].as_array().unwrap();
    assert_eq!(repos[0]["target"], "examples/shop");
    assert_eq!(repos[0]["recommendation"], "compose");
    assert_eq!(repos[1]["target"], "examples/platform");
    assert_eq!(repos[1]["recommendation"], "kubernetes");
    // The platform is told to move: its audit has the Migration row too.
    assert_eq!(repos[0]["areas"].as_array().unwrap().len(), 6);
    assert_eq!(repos[1]["areas"].as_array().unwrap().len(), 7);
    assert!(repos[1]["areas"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["area"] == "Migration"));
    // The totals are the sums of each audit's own findings.
    let mut errors = 0;
    for f in &files {
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
        errors += doc["report"]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|x| x["severity"] == "error")
            .count();
    }
    assert_eq!(fleet["totals"]["errors"], errors);
    assert_eq!(fleet["totals"]["repositories"], 2);
    assert_eq!(fleet["totals"]["recommendations"]["kubernetes"], 1);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_eq!(page.matches("<tr class=\"repo\"").count(), 2);
    // The column of an area only one audit has is still there, for it.
    assert!(page.contains("<th>Migration</th>"));
    assert_eq!(page.matches("data-area=\"Migration\"").count(), 1);
    assert!(!page.contains("http://") && !page.contains("https://"));

    let table = shipready(&["report", "merge", &files[0], &files[1]]);
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.lines().nth(1).unwrap().starts_with("examples/shop"),
        "{text}"
    );
}

#[test]
fn files_that_are_not_audits_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let lint = dir.path().join("lint.json");
    let out = shipready(&[
        "lint",
        "examples/shop",
        "-f",
        "json",
        "-o",
        lint.to_str().unwrap(),
        "--fail-on",
        "none",
    ]);
    assert!(out.status.success());
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\n  \"version\": 1,\n  oops\n").unwrap();
    for (file, says) in [
        (&lint, "not a `shipready audit --format json` document"),
        (&broken, "broken.json:3:3: not JSON"),
    ] {
        let out = shipready(&["report", "merge", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{stderr}");
    }
}

#[test]
fn the_documented_indexed_job_lints_clean() {
    let out = shipready(&[
        "lint",
        "docs/fleet/audit-job.yaml",
        "-f",
        "json",
        "--fail-on",
        "info",
    ]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["errors"], serde_json::json!([]), "strict validation");
    assert_eq!(doc["findings"], serde_json::json!([]));
    assert_eq!(out.status.code(), Some(0));
}
