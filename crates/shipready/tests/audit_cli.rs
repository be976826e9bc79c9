//! `shipready audit` end to end: a repository whose Compose file names an
//! image the machine's Docker Engine really has (built here `FROM
//! scratch`), a lockfile matched against a database built from the rule
//! fixtures' OSV record, the scorecard, the exit code, and each part
//! degrading on its own (no Engine, no database, no image).

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use shipready_testkit::engine;
use shipready_testkit::reference::workspace;
use std::process::{Command, Output};

fn shipready(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shipready"));
    c.args(args)
        .env("NO_COLOR", "1")
        .env("SHIPREADY_DB", "/nonexistent/shipready-db");
    for (k, v) in envs {
        c.env(k, v);
    }
    let out = c.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

/// A repository: one service whose image is `image`, a Dockerfile, and a
/// requirements.txt pinning a Django with a known vulnerability.
fn repo(image: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::create_dir(root.join("api")).unwrap();
    std::fs::write(
        root.join("api/Dockerfile"),
        "FROM scratch\nCOPY app /app\nUSER 10001\nCMD [\"/app\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("api/app"), "not really a program\n").unwrap();
    std::fs::write(root.join("api/requirements.txt"), "django==3.2.1\n").unwrap();
    std::fs::write(
        root.join("compose.yaml"),
        format!("services:\n  api:\n    build: ./api\n    image: {image}\n  db:\n    image: postgres:16.4\n"),
    )
    .unwrap();
    dir
}

fn area<'a>(doc: &'a Value, name: &str) -> &'a Value {
    doc["scorecard"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["area"] == name)
        .unwrap_or_else(|| panic!("no area {name}"))
}

#[test]
fn audit_reads_the_engine_image_and_the_lockfile_and_fails_on_a_high_vulnerability() {
    const TAG: &str = "shipready-test/audit-api:1";
    let dir = repo(TAG);
    let root = dir.path();
    engine::build(&root.join("api"), TAG);
    let db = root.join("db");
    let fixture = workspace().join("crates/shipready-lint/fixtures/SR-V001/vulndb");
    let out = shipready(
        &[
            "db",
            "import",
            fixture.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
        &[],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let path = root.to_str().unwrap();
    let db = db.to_str().unwrap();
    let out = shipready(
        &["audit", path, "--db", db, "-f", "json", "--team-size", "5"],
        &[],
    );
    // Django 3.2.1 has a CRITICAL advisory: the vulnerability gate fails.
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["images"]["analysed"], serde_json::json!([TAG]));
    assert_eq!(
        doc["images"]["named"],
        serde_json::json!(["postgres:16.4", TAG])
    );
    let images = area(&doc, "Images");
    assert!(
        images["summary"]
            .as_str()
            .unwrap()
            .starts_with("1 analysed, 0 over budget"),
        "{images}"
    );
    let vulns = area(&doc, "Vulnerabilities");
    assert_eq!(vulns["status"], "fail");
    assert!(
        vulns["summary"].as_str().unwrap().contains("1 critical"),
        "{vulns}"
    );
    assert_eq!(area(&doc, "Kubernetes")["status"], "absent");
    assert_eq!(
        area(&doc, "Dockerfiles")["summary"],
        "1 file: 0 errors, 1 warning"
    );
    assert_eq!(area(&doc, "Readiness")["status"], "info");
    // The whole lint report and the advice are inside.
    assert!(doc["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "SR-V001"));
    assert_eq!(doc["report"]["images"][0]["reference"], TAG);
    assert_eq!(doc["advice"]["recommendation"], "compose");
    assert_eq!(doc["advice"]["services"]["count"], 2);
    assert!(!doc["actions"].as_array().unwrap().is_empty());

    // The terminal scorecard.
    let out = shipready(&["audit", path, "--db", db], &[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Vulnerabilities  fail"), "{text}");
    assert!(text.contains("Top actions\n  1. SR-V001"), "{text}");

    // Markdown for a PR comment, and JUnit.
    let md = shipready(&["audit", path, "--db", db, "-f", "markdown"], &[]);
    let md = String::from_utf8_lossy(&md.stdout);
    assert!(
        md.starts_with("## shipready audit\n\n| area | status | summary |"),
        "{md}"
    );
    assert!(md.contains("<details><summary>All findings</summary>"));
    let junit = shipready(&["audit", path, "--db", db, "-f", "junit"], &[]);
    assert!(String::from_utf8_lossy(&junit.stdout).contains("<testsuites"));
}

#[test]
fn each_part_degrades_on_its_own() {
    let dir = repo("shipready-test/never-built:1");
    let path = dir.path().to_str().unwrap();
    // No Engine at all: the images are skipped with the reason, not an
    // input error.
    let out = shipready(
        &["audit", path, "-f", "json", "--fail-on", "none"],
        &[("DOCKER_HOST", "unix:///nonexistent/docker.sock")],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let images = area(&doc, "Images");
    assert_eq!(images["status"], "absent");
    assert!(
        images["summary"]
            .as_str()
            .unwrap()
            .starts_with("the Docker Engine could not be asked"),
        "{images}"
    );
    assert!(area(&doc, "Vulnerabilities")["summary"]
        .as_str()
        .unwrap()
        .starts_with("no vulnerability database"));

    // An Engine without the images.
    let out = shipready(&["audit", path, "-f", "json", "--fail-on", "none"], &[]);
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        area(&doc, "Images")["summary"],
        "none of the 2 images Compose and Kubernetes name is in the local Docker Engine: `--build` builds them first"
    );
}

#[test]
fn build_makes_the_images_first_honouring_dockerignore() {
    let tag = format!("shipready-test/audit-built:{}", std::process::id());
    let _ = Command::new("docker").args(["rmi", "-f", &tag]).output();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("api")).unwrap();
    std::fs::write(
        root.join("api/Dockerfile"),
        "FROM scratch\nCOPY . /app/\nUSER 10001\nCMD [\"/app/run\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("api/run"), "x\n").unwrap();
    std::fs::write(root.join("api/.env"), "TOKEN=not-for-the-image\n").unwrap();
    std::fs::write(root.join("api/.dockerignore"), "# keep secrets out\n.env\n").unwrap();
    std::fs::create_dir_all(root.join("bad")).unwrap();
    std::fs::write(root.join("bad/Dockerfile"), "FROM scratch\nRUN true\n").unwrap();
    std::fs::write(
        root.join("compose.yaml"),
        format!("services:\n  api:\n    build: ./api\n    image: {tag}\n  bad:\n    build: ./bad\n    image: {tag}-bad\n"),
    )
    .unwrap();
    let out = shipready(
        &[
            "audit",
            root.to_str().unwrap(),
            "--build",
            "-f",
            "json",
            "--fail-on",
            "none",
        ],
        &[],
    );
    let _ = Command::new("docker").args(["rmi", "-f", &tag]).output();
    // The service whose build fails is an input error: exit 2, named.
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad/Dockerfile") && stderr.contains(&format!("building {tag}-bad")),
        "{stderr}"
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["images"]["built"], serde_json::json!([tag]));
    assert_eq!(doc["images"]["analysed"], serde_json::json!([tag]));
    // .dockerignore kept .env out of the image: no secret-file finding.
    let findings = doc["report"]["findings"].as_array().unwrap();
    assert!(
        !findings.iter().any(|f| f["rule"] == "SR-I010"),
        "{findings:#?}"
    );
    assert_eq!(doc["report"]["images"][0]["reference"], tag.as_str());
}

#[test]
fn a_migration_advice_comes_with_a_dry_run_conversion() {
    let ws = workspace();
    let run = |example: &str| -> Value {
        let p = ws.join(example);
        let out = shipready(
            &[
                "audit",
                p.to_str().unwrap(),
                "--no-images",
                "-f",
                "json",
                "--fail-on",
                "none",
            ],
            &[],
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    // The platform example is told to move: the audit converts it, and
    // the count is what `convert` makes of it.
    let doc = run("examples/platform");
    let m = &doc["migration"];
    assert!(m["objects"].as_u64().unwrap() > 30, "{m}");
    assert_eq!(m["errors"], 0);
    assert!(area(&doc, "Migration")["summary"]
        .as_str()
        .unwrap()
        .contains("Kubernetes objects"));
    let convert = shipready(
        &[
            "convert",
            ws.join("examples/platform").to_str().unwrap(),
            "--no-images",
            "--registry",
            "registry.invalid",
            "--tag",
            "dry-run",
            "--summary",
            "json",
        ],
        &[],
    );
    // The manifests go to standard output, the summary to standard error.
    let summary: Value = serde_json::from_slice(&convert.stderr).unwrap();
    assert_eq!(
        summary["objects"].as_array().unwrap().len() as u64,
        m["objects"].as_u64().unwrap()
    );
    // The shop stays on Compose: no dry run, no area.
    let doc = run("examples/shop");
    assert!(doc["migration"].is_null());
    assert!(doc["scorecard"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["area"] != "Migration"));
}
