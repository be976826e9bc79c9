//! End-to-end tests of the `shipready` binary: exit codes, bad input,
//! output contracts (JSON, SARIF validated against the official schema),
//! `--fix`, stdin, and the real corpus.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shipready"));
    c.env("NO_COLOR", "1");
    // Never the developer's own vulnerability database.
    c.env("SHIPREADY_DB", "/nonexistent/shipready-db");
    c
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> Option<PathBuf> {
    let p = workspace().join("../shared");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED: {} is absent", p.display());
        None
    }
}

fn run(args: &[&str], cwd: &Path) -> Output {
    bin()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run shipready")
}

fn no_panic(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "panic: {err}");
}

#[test]
fn bad_inputs_are_errors_not_crashes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let mk = |name: &str, bytes: &[u8]| {
        let p = d.join(name);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(&p, bytes).expect("write");
    };
    mk("binary/Dockerfile", b"FROM a\n\0\x01\x02");
    mk("utf8/Dockerfile", b"FROM alpine:3.20\nRUN echo \xff\xfe\n");
    mk(
        "heredoc/Dockerfile",
        b"FROM alpine:3.20\nRUN <<EOF\necho never closed\n",
    );
    mk("json/Dockerfile", b"FROM alpine:3.20\nCMD [\"a\", \n");
    mk("unknown/Dockerfile", b"FROM alpine:3.20\nFROB x\n");
    mk("empty/Dockerfile", b"");
    mk(
        "nonstring/Dockerfile",
        b"FROM alpine:3.20\nCMD [\"a\", 1]\n",
    );
    let mut huge = b"FROM alpine:3.20\nRUN echo ".to_vec();
    huge.extend(std::iter::repeat_n(b'x', 50 * 1024 * 1024));
    mk("huge/Dockerfile", &huge);
    std::fs::create_dir_all(d.join("dir/Dockerfile")).expect("mkdir");
    #[cfg(unix)]
    std::os::unix::fs::symlink(d.join("missing-target"), d.join("dangling.Dockerfile"))
        .expect("symlink");
    mk(
        "good/Dockerfile",
        b"FROM alpine:3.20\nUSER 10001\nCMD [\"true\"]\n",
    );

    let out = run(&["lint", "--format", "json", "."], d);
    no_panic(&out);
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let errors = doc["errors"].as_array().expect("errors");
    let msg_for = |dirname: &str| -> String {
        errors
            .iter()
            .find(|e| e["file"].as_str().is_some_and(|f| f.contains(dirname)))
            .map(|e| format!("{} line {}", e["message"].as_str().unwrap_or(""), e["line"]))
            .unwrap_or_else(|| panic!("no error for {dirname}: {errors:?}"))
    };
    assert!(msg_for("binary/").contains("binary file"));
    assert!(msg_for("utf8/").contains("invalid UTF-8 on line 2"));
    assert!(msg_for("heredoc/").contains("unterminated heredoc"));
    assert!(msg_for("heredoc/").contains("line 2"));
    assert!(msg_for("unknown/").contains("unknown instruction: FROB line 2"));
    assert!(msg_for("empty/").contains("no instructions"));
    assert!(msg_for("nonstring/").contains("strings only"));
    assert!(msg_for("huge/").contains("not checked"));
    assert!(msg_for("dangling").contains("cannot read"));
    // The good file and the JSON-ish shell form were still linted.
    assert!(doc["summary"]["files"].as_u64().expect("files") >= 2);
    // A gate never passes on what it could not read: exit 2, unless the
    // user accepts unreadable inputs.
    assert_eq!(out.status.code(), Some(2));
    let out = run(
        &["lint", "--allow-input-errors", "--fail-on", "none", "."],
        d,
    );
    assert_eq!(out.status.code(), Some(0));

    // One named bad file: exit 2 and a message naming file and line.
    let out = run(&["lint", "unknown/Dockerfile"], d);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("unknown/Dockerfile:2:1"), "{text}");
    let out = run(&["lint", "dir/Dockerfile"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a directory"));
    let out = run(&["lint", "nope/Dockerfile"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));
}

#[test]
fn exit_codes_follow_the_threshold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    std::fs::write(d.join("Dockerfile"), "FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\nWORKDIR app\nUSER 10001\n").expect("write");
    assert_eq!(run(&["lint", "Dockerfile"], d).status.code(), Some(1));
    assert_eq!(
        run(&["lint", "--fail-on", "none", "Dockerfile"], d)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        run(&["lint", "--ignore", "DL3000", "Dockerfile"], d)
            .status
            .code(),
        Some(0)
    );
    // A config file in the directory is honoured, and a typo in it is an
    // error naming the file and line.
    std::fs::write(d.join("shipready.toml"), "ignore = [\"SR-D020\"]\n").expect("write");
    assert_eq!(run(&["lint", "Dockerfile"], d).status.code(), Some(0));
    std::fs::write(
        d.join("shipready.toml"),
        "ignore = [\"SR-D020\"]\nfail_on = \"error\"\n",
    )
    .expect("write");
    let out = run(&["lint", "Dockerfile"], d);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("shipready.toml") && err.contains("line 2") && err.contains("fail_on"),
        "{err}"
    );
}

#[test]
fn json_output_is_the_documented_contract() {
    let out = run(&["lint", "--format", "json", "examples/shop"], &workspace());
    no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(doc["version"], 2);
    let findings = doc["findings"].as_array().expect("findings");
    assert!(findings.len() >= 10);
    for f in findings {
        for key in [
            "rule",
            "severity",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "message",
            "help",
            "equivalents",
            "name",
            "category",
        ] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
        assert!(f["line"].as_u64().expect("line") >= 1);
        assert!(f["column"].as_u64().expect("col") >= 1);
    }
    let root = findings
        .iter()
        .find(|f| f["rule"] == "SR-D001" && f["file"].as_str().is_some_and(|p| p.contains("api")))
        .expect("api runs as root");
    assert_eq!(root["equivalents"]["hadolint"][0], "DL3002");
    assert_eq!(doc["summary"]["files"], 4, "3 Dockerfiles and compose.yaml");
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let Some(shared) = shared() else { return };
    let schema_text = std::fs::read_to_string(shared.join("schemas/sarif/sarif-schema-2.1.0.json"))
        .expect("schema");
    let schema: Value = serde_json::from_str(&schema_text).expect("schema json");
    let validator = jsonschema::draft4::new(&schema).expect("compile schema");
    let out = run(
        &["lint", "--format", "sarif", "examples/shop"],
        &workspace(),
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("sarif json");
    let errors: Vec<String> = validator
        .iter_errors(&doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
    let results = doc["runs"][0]["results"].as_array().expect("results");
    assert!(!results.is_empty());
    // An input error becomes a tool notification, still schema-valid.
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("Dockerfile"), "FROM a\nBOGUS\n").expect("write");
    let out = run(&["lint", "--format", "sarif", "."], dir.path());
    let doc: Value = serde_json::from_slice(&out.stdout).expect("sarif json");
    assert!(validator.is_valid(&doc));
    assert_eq!(
        doc["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
}

#[test]
fn fix_applies_safe_fixes_idempotently_and_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("Dockerfile");
    let original = "FROM debian:12-slim\nRUN apt-get update && apt-get install curl=7.88.1-10 \\\n  && rm -rf /var/lib/apt/lists/*\nADD app.py /app/\nRUN pip install flask==3.0.3\n";
    std::fs::write(&p, original).expect("write");
    run(&["lint", "Dockerfile"], dir.path());
    assert_eq!(
        std::fs::read_to_string(&p).expect("read"),
        original,
        "lint without --fix changed the file"
    );
    run(&["lint", "--fix", "Dockerfile"], dir.path());
    let fixed = std::fs::read_to_string(&p).expect("read");
    assert!(
        fixed.contains("apt-get install -y --no-install-recommends curl")
            || fixed.contains("apt-get install --no-install-recommends -y curl"),
        "{fixed}"
    );
    assert!(fixed.contains("COPY app.py /app/"), "{fixed}");
    assert!(
        fixed.contains("pip install --no-cache-dir flask"),
        "{fixed}"
    );
    run(&["lint", "--fix", "Dockerfile"], dir.path());
    assert_eq!(
        std::fs::read_to_string(&p).expect("read"),
        fixed,
        "--fix is not idempotent"
    );
}

/// `--fix` replaces a file atomically and keeps its mode (no temporary
/// file is left), and never writes through a symlink that leads out of
/// the project: that file is reported, and left as it was.
#[test]
fn fix_keeps_the_mode_and_never_writes_out_of_the_project() {
    use std::os::unix::fs::PermissionsExt;
    let fixable = "FROM debian:12-slim\nADD app.py /app/\n";
    let root = tempfile::tempdir().expect("tempdir");
    let project = root.path().join("project");
    let outside = root.path().join("outside");
    std::fs::create_dir_all(&project).expect("mkdir");
    std::fs::create_dir_all(&outside).expect("mkdir");
    let own = project.join("Dockerfile");
    std::fs::write(&own, fixable).expect("write");
    std::fs::set_permissions(&own, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    run(&["lint", "--fix", "."], &project);
    let fixed = std::fs::read_to_string(&own).expect("read");
    assert!(fixed.contains("COPY app.py /app/"), "{fixed}");
    let mode = std::fs::metadata(&own).expect("stat").permissions().mode() & 0o7777;
    assert_eq!(mode, 0o640, "the mode changed to {mode:o}");
    let names: Vec<_> = std::fs::read_dir(&project)
        .expect("ls")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names, ["Dockerfile"], "left behind: {names:?}");

    let theirs = outside.join("Dockerfile");
    std::fs::write(&theirs, fixable).expect("write");
    std::fs::create_dir_all(project.join("api")).expect("mkdir");
    std::os::unix::fs::symlink(&theirs, project.join("api/Dockerfile")).expect("symlink");
    let out = run(&["lint", "--fix", "."], &project);
    no_panic(&out);
    assert_eq!(
        std::fs::read_to_string(&theirs).expect("read"),
        fixable,
        "--fix wrote through a symlink out of the project"
    );
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        said.contains("api/Dockerfile: not fixed") && said.contains("outside the project"),
        "{said}"
    );
    assert_eq!(out.status.code(), Some(2), "{said}");
}

#[test]
fn stdin_and_formats() {
    let mut child = bin()
        .args([
            "lint",
            "--format",
            "github",
            "--stdin-filename",
            "api/Dockerfile",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"FROM node:latest\nUSER root\n")
            .expect("write");
    }
    let out = child.wait_with_output().expect("output");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("::warning file=api/Dockerfile,line=1,col=6"),
        "{text}"
    );
    assert!(
        text.contains("::error file=api/Dockerfile,line=2"),
        "{text}"
    );
    let out = run(
        &["lint", "--format", "checkstyle", "examples/shop"],
        &workspace(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("<?xml") && text.contains("source=\"shipready.SR-D001\""),
        "{text}"
    );
}

#[test]
fn rules_command_lists_and_explains() {
    let out = run(&["rules", "--format", "json"], &workspace());
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rules = doc["rules"].as_array().expect("rules");
    assert!(rules.len() >= 25);
    assert!(rules
        .iter()
        .all(|r| r["equivalents"].is_object() && r["doc"].as_str().is_some_and(|d| !d.is_empty())));
    let out = run(&["rules", "DL3008"], &workspace());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("SR-D025 apt-unpinned"), "{text}");
    assert!(text.contains("## Why is this bad?"));
    assert_eq!(
        run(&["rules", "NOPE123"], &workspace()).status.code(),
        Some(2)
    );
}

#[test]
fn lints_the_whole_corpus_without_crashing() {
    let Some(shared) = shared() else { return };
    let out = run(
        &["lint", "--format", "json", "--fail-on", "none"],
        &shared.join("corpus"),
    );
    no_panic(&out);
    // The templates are input errors: the gate fails on them...
    assert_eq!(out.status.code(), Some(2));
    let accepted = run(
        &[
            "lint",
            "--format",
            "json",
            "--fail-on",
            "none",
            "--allow-input-errors",
        ],
        &shared.join("corpus"),
    );
    // ...unless the user accepts them.
    assert_eq!(accepted.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("json");
    let files = doc["summary"]["files"].as_u64().expect("files");
    let errors = doc["errors"].as_array().expect("errors");
    println!(
        "corpus: {files} files linted, {} findings, {} unreadable",
        doc["summary"]["findings"],
        errors.len()
    );
    // 513 real Dockerfiles, 39 Compose files, ~246 files of Kubernetes
    // objects; the 25 Dockerfile templates (jq/%%VAR%%) are not
    // Dockerfiles, and 5 manifests repeat a key (kubectl refuses them too).
    assert!(files >= 489 + 39 + 240, "only {files} files linted");
    let mut duplicate_keys = 0;
    for e in errors {
        let f = e["file"].as_str().unwrap_or("");
        let message = e["message"].as_str().unwrap_or("");
        if message.contains("duplicate key") {
            duplicate_keys += 1;
            continue;
        }
        let text = std::fs::read_to_string(shared.join("corpus").join(f)).unwrap_or_default();
        assert!(
            f.ends_with(".template") || text.contains("{{"),
            "unexpected error: {e}"
        );
    }
    assert_eq!(duplicate_keys, 5);
}

#[test]
fn gitlab_code_quality_lists_every_finding_with_a_stable_fingerprint() {
    let json = run(&["lint", "--format", "json", "examples/shop"], &workspace());
    let doc: Value = serde_json::from_slice(&json.stdout).expect("json");
    let findings = doc["findings"].as_array().expect("findings");
    let out = run(
        &["lint", "--format", "gitlab", "examples/shop"],
        &workspace(),
    );
    let issues: Value = serde_json::from_slice(&out.stdout).expect("code quality JSON");
    let issues = issues.as_array().expect("an array of issues");
    assert_eq!(issues.len(), findings.len());
    let mut prints = std::collections::HashSet::new();
    for (i, f) in issues.iter().zip(findings) {
        assert_eq!(i["type"], "issue");
        assert_eq!(
            i["check_name"],
            format!("shipready/{}", f["rule"].as_str().unwrap())
        );
        assert_eq!(i["description"], f["message"]);
        assert_eq!(i["location"]["path"], f["file"]);
        assert_eq!(i["location"]["lines"]["begin"], f["line"]);
        assert!(["info", "minor", "major", "critical", "blocker"]
            .contains(&i["severity"].as_str().unwrap()));
        assert!(
            prints.insert(i["fingerprint"].as_str().unwrap().to_string()),
            "fingerprints are unique"
        );
    }
    // The same input gives the same fingerprints.
    let again = run(
        &["lint", "--format", "gitlab", "examples/shop"],
        &workspace(),
    );
    assert_eq!(out.stdout, again.stdout);
}
