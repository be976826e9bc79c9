//! The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit
//! itself (PyPI `pre-commit`, installed by scripts/test) with `try-repo`
//! on a fixture repository: a Dockerfile with findings fails the commit,
//! other YAML is not handed to shipready, and a repository within its
//! `fail-on` passes. pre-commit's cache lives in the temp dir.

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use shipready_testkit::reference::workspace;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pre_commit() -> PathBuf {
    let p = std::env::var_os("SHIPREADY_PRE_COMMIT")
        .map_or_else(|| workspace().join(".venv/bin/pre-commit"), PathBuf::from);
    assert!(
        p.exists(),
        "pre-commit is not installed: run scripts/test (it installs PyPI pre-commit into .venv)"
    );
    p
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn fixture(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    for (name, text) in files {
        std::fs::write(repo.join(name), text).unwrap();
    }
    git(&repo, &["init", "-q"]);
    git(
        &repo,
        &[
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "user.name=t",
            "add",
            ".",
        ],
    );
    git(
        &repo,
        &[
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "user.name=t",
            "commit",
            "-qm",
            "fixture",
        ],
    );
    dir
}

fn try_repo(dir: &Path, hook: &str) -> Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_shipready")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new(pre_commit())
        .args(["try-repo"])
        .arg(workspace())
        .args([hook, "--all-files", "--verbose"])
        .current_dir(dir.join("repo"))
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", dir.join("pre-commit-home"))
        .env("SHIPREADY_DB", "/nonexistent/shipready-db")
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_hook_fails_a_dockerfile_with_findings_and_ignores_other_yaml() {
    let dir = fixture(&[
        (
            "Dockerfile",
            "FROM debian:latest\nRUN apt-get update && apt-get install -y curl\n",
        ),
        ("values.yaml", "replicas: 3\n"),
    ]);
    let out = try_repo(dir.path(), "shipready-lint");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("SR-D025") && text.contains("Dockerfile:2"),
        "{text}"
    );
    assert!(
        !text.contains("values.yaml"),
        "only Dockerfiles and Compose files are passed: {text}"
    );
}

#[test]
fn the_repository_hook_passes_within_fail_on() {
    let dir = fixture(&[
        (
            "Dockerfile",
            "FROM scratch\nCOPY app /app\nUSER 10001\nCMD [\"/app\"]\n",
        ),
        ("app", "x\n"),
        ("shipready.toml", "fail-on = \"error\"\n"),
    ]);
    let out = try_repo(dir.path(), "shipready-lint-repo");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("1 file checked: 0 errors"), "{text}");
}
