//! The CI examples in docs/ci, run for real: each file is parsed, and its
//! shipready commands run in order, through `sh`, in a copy of
//! examples/shop, with the built binary first on PATH. `db update` reads
//! its source from the copy's shipready.toml, pointed at a local HTTP
//! server that serves an OSV export (nothing leaves the machine). The
//! reports each writes must be what its CI reads, and the gate must fail
//! on the shop's lint errors.

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use shipready_testkit::http::{Reply, Server};
use shipready_testkit::reference::workspace;
use std::io::Write;
use std::path::Path;
use std::process::Command;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let dest = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).unwrap();
        }
    }
}

/// Serves the rule fixtures' OSV record as an osv.dev `all.zip`.
fn osv_server() -> Server {
    let record = std::fs::read(
        workspace().join("crates/shipready-lint/fixtures/SR-V001/vulndb/GHSA-xpfp-f569-q3p2.json"),
    )
    .unwrap();
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file(
            "GHSA-xpfp-f569-q3p2.json",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        z.write_all(&record).unwrap();
        z.finish().unwrap();
    }
    let server = Server::start();
    server.route("/PyPI/all.zip", vec![Reply::Body(buf.into_inner())]);
    server
}

/// A copy of the shop whose `[scan] sources` is the local server.
fn shop(server: &Server) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&workspace().join("examples/shop"), &dir.path().join("repo"));
    let toml = dir.path().join("repo/shipready.toml");
    let mut text = std::fs::read_to_string(&toml).unwrap();
    text.push_str(&format!(
        "\n[scan]\nsources = [\"{}\"]\n",
        server.url("/PyPI/all.zip")
    ));
    std::fs::write(toml, text).unwrap();
    dir
}

/// Runs `cmd` as the CI would: `sh -c`, in the repository, with shipready
/// on PATH and its database in the temp dir.
fn sh(dir: &Path, cmd: &str) -> i32 {
    let bin = Path::new(env!("CARGO_BIN_EXE_shipready")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg(cmd)
        .current_dir(dir.join("repo"))
        .env("PATH", path)
        .env("SHIPREADY_DB", dir.join("db"))
        .env("NO_COLOR", "1")
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{cmd}: {stderr}");
    out.status.code().unwrap_or(-1)
}

fn yaml(name: &str) -> serde_yaml_ng::Value {
    serde_yaml_ng::from_str(
        &std::fs::read_to_string(workspace().join("docs/ci").join(name)).unwrap(),
    )
    .unwrap()
}

#[test]
fn github_actions_lints_to_sarif_and_gates() {
    let server = osv_server();
    let dir = shop(&server);
    let doc = yaml("github-actions.yml");
    let steps = doc["jobs"]["shipready"]["steps"].as_sequence().unwrap();
    let mut codes = Vec::new();
    for step in steps {
        if let Some(run) = step["run"].as_str() {
            codes.push((run.to_string(), sh(dir.path(), run)));
        } else if step["uses"]
            .as_str()
            .is_some_and(|u| u.contains("upload-sarif"))
        {
            // What the upload step reads must exist and be SARIF.
            let file = step["with"]["sarif_file"].as_str().unwrap();
            let sarif: Value =
                serde_json::from_slice(&std::fs::read(dir.path().join("repo").join(file)).unwrap())
                    .unwrap();
            assert_eq!(sarif["version"], "2.1.0");
            assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
        }
    }
    let want: Vec<i32> = vec![0, 0, 1];
    assert_eq!(
        codes.iter().map(|c| c.1).collect::<Vec<_>>(),
        want,
        "{codes:?}"
    );
    assert!(server
        .requests()
        .iter()
        .any(|r| r.contains("/PyPI/all.zip")));
}

#[test]
fn gitlab_ci_writes_code_quality_and_junit() {
    let server = osv_server();
    let dir = shop(&server);
    let doc = yaml("gitlab-ci.yml");
    let job = &doc["shipready"];
    let codes: Vec<i32> = job["script"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|c| sh(dir.path(), c.as_str().unwrap()))
        .collect();
    assert_eq!(codes, [0, 0, 1]);
    let reports = &job["artifacts"]["reports"];
    let cq = reports["codequality"].as_str().unwrap();
    let issues: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("repo").join(cq)).unwrap()).unwrap();
    assert!(issues
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["fingerprint"].is_string()));
    let junit = std::fs::read_to_string(
        dir.path()
            .join("repo")
            .join(reports["junit"].as_str().unwrap()),
    )
    .unwrap();
    assert!(junit.contains("<testsuites"), "{junit}");
}

#[test]
fn the_shell_gate_fails_on_the_shop_and_leaves_its_comment() {
    let server = osv_server();
    let dir = shop(&server);
    let script = workspace().join("docs/ci/gate.sh");
    assert_eq!(sh(dir.path(), &format!("sh {}", script.display())), 1);
    let md = std::fs::read_to_string(dir.path().join("repo/shipready-audit.md")).unwrap();
    assert!(md.starts_with("## shipready audit"), "{md}");
}
