//! Differential test against BuildKit's own parser (PyPI `dockerfile`, a
//! wrapper around moby/buildkit's Go parser), over every Dockerfile in
//! `../shared/corpus` plus our own tricky fixtures.
//!
//! `scripts/test` creates `.venv` with the reference parser; this test fails
//! (it does not skip) when the venv is missing, so CI cannot pass without
//! really comparing.

use serde_json::{json, Value};
use shipready_dockerfile::{is_dockerfile_name, parse, Args, Instruction};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> PathBuf {
    if let Some(p) = std::env::var_os("SHIPREADY_REF_PYTHON") {
        return PathBuf::from(p);
    }
    let p = workspace().join(".venv/bin/python");
    assert!(
        p.exists(),
        "reference parser missing: {} does not exist; run scripts/test (it creates .venv with the BuildKit parser)",
        p.display()
    );
    p
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(is_dockerfile_name)
        {
            out.push(p);
        }
    }
}

fn values(args: &Args) -> Vec<String> {
    match args {
        Args::None => vec![],
        Args::Exec(items) | Args::Words(items) => items.iter().map(|i| i.value.clone()).collect(),
        Args::Text(t) => vec![t.value.clone()],
        Args::KeyValues(kvs) => kvs
            .iter()
            .flat_map(|kv| [kv.key.value.clone(), kv.value.value.clone()])
            .collect(),
        Args::Healthcheck { kind, cmd } => {
            let mut v = vec![kind.value.clone()];
            v.extend(values(cmd));
            v
        }
        Args::Onbuild(inner) => values(&inner.args),
    }
}

fn is_json(inst: &Instruction) -> bool {
    match &inst.args {
        Args::Exec(_) => true,
        Args::Healthcheck { cmd, .. } => matches!(**cmd, Args::Exec(_)),
        Args::Onbuild(inner) => is_json(inner),
        _ => false,
    }
}

fn ours(inst: &Instruction) -> Value {
    let sub_cmd = match &inst.args {
        Args::Onbuild(inner) => Some(inner.keyword.as_str()),
        _ => None,
    };
    json!({
        "cmd": inst.keyword.as_str(),
        "sub_cmd": sub_cmd,
        "json": is_json(inst),
        "start_line": inst.start_line,
        "end_line": inst.end_line,
        "flags": inst.flags.iter().map(|f| match &f.value {
            Some(v) => format!("--{}={}", f.name, v),
            None => format!("--{}", f.name),
        }).collect::<Vec<_>>(),
        "value": values(&inst.args),
        "heredocs": inst.heredocs.iter().map(|h| json!({
            "name": h.name, "content": h.content, "fd": h.file_descriptor,
        })).collect::<Vec<_>>(),
    })
}

/// Errors we raise on purpose where BuildKit's *parser* accepts the file
/// (its instruction layer or the build rejects them later).
const EXPECTED_STRICTER: &[&str] = &["unknown instruction", "requires at least one argument"];

fn reference(files: &[PathBuf]) -> BTreeMap<String, Value> {
    let mut child = Command::new(python())
        .arg(workspace().join("scripts/buildkit_dump.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the BuildKit reference parser");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        for f in files {
            writeln!(stdin, "{}", f.display()).expect("write path");
        }
    }
    let out = child.wait_with_output().expect("reference parser output");
    assert!(out.status.success(), "reference parser failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("reference JSON");
            (v["path"].as_str().unwrap_or_default().to_string(), v)
        })
        .collect()
}

fn compare(files: &[PathBuf]) -> (usize, Vec<String>, Vec<String>) {
    let refs = reference(files);
    let mut compared = 0;
    let mut stricter = Vec::new();
    let mut mismatches = Vec::new();
    for f in files {
        let key = f.display().to_string();
        let r = &refs[&key];
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                mismatches.push(format!("{key}: unreadable: {e}"));
                continue;
            }
        };
        let parsed = parse(&text);
        match (r["ok"].as_bool() == Some(true), parsed) {
            (true, Ok(df)) => {
                compared += 1;
                let mine: Vec<Value> = df.instructions.iter().map(ours).collect();
                let theirs = r["commands"].as_array().cloned().unwrap_or_default();
                if mine.len() != theirs.len() {
                    mismatches.push(format!(
                        "{key}: {} instructions, BuildKit {}",
                        mine.len(),
                        theirs.len()
                    ));
                    continue;
                }
                for (m, t) in mine.iter().zip(&theirs) {
                    if m != t {
                        mismatches.push(format!("{key}:\n  ours     {m}\n  buildkit {t}"));
                        break;
                    }
                }
            }
            (true, Err(e)) => {
                if EXPECTED_STRICTER.iter().any(|s| e.message.contains(s)) {
                    stricter.push(format!("{key}: {}", e.message));
                } else {
                    mismatches.push(format!(
                        "{key}: we reject ({}), BuildKit accepts",
                        e.message
                    ));
                }
            }
            (false, Ok(_)) => mismatches.push(format!(
                "{key}: we accept, BuildKit rejects: {}",
                r["error"]
            )),
            (false, Err(_)) => compared += 1,
        }
    }
    (compared, stricter, mismatches)
}

#[test]
fn corpus_matches_buildkit() {
    let corpus = workspace().join("../shared/corpus");
    if !corpus.exists() {
        eprintln!(
            "SKIPPED: {} is absent; the differential test needs the shared corpus",
            corpus.display()
        );
        return;
    }
    let corpus = corpus.canonicalize().expect("corpus path");
    let mut files = Vec::new();
    collect(&corpus, &mut files);
    assert!(
        files.len() >= 513,
        "expected the 513+ corpus Dockerfiles, found {}",
        files.len()
    );
    let (compared, stricter, mismatches) = compare(&files);
    println!(
        "compared {compared} of {} corpus Dockerfiles with BuildKit; {} rejected on purpose",
        files.len(),
        stricter.len()
    );
    for s in &stricter {
        println!("  stricter: {s}");
    }
    assert!(
        mismatches.is_empty(),
        "{} differences:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
    // Only templates (jq `{{ }}`, `%%VAR%%`, shell fragments) may be
    // rejected on purpose; every generated Dockerfile must parse.
    for s in &stricter {
        let path = s.split(": ").next().unwrap_or_default();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            path.ends_with(".template") || text.contains("{{"),
            "unexpected stricter rejection: {s}"
        );
    }
}

#[test]
fn fixtures_match_buildkit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files = Vec::new();
    collect(&dir, &mut files);
    assert!(files.len() >= 5, "fixtures missing");
    let (compared, stricter, mismatches) = compare(&files);
    println!("compared {compared} fixtures with BuildKit");
    assert!(stricter.is_empty(), "{stricter:?}");
    assert!(
        mismatches.is_empty(),
        "{} differences:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}
