//! The ShellCheck rules against ShellCheck itself (Debian's `shellcheck`
//! 0.9, which scripts/test installs), per `RUN` script of every corpus
//! Dockerfile: for each SC code one of our rules claims, the number of
//! findings in each script must be ShellCheck's. ShellCheck reads each
//! script as `sh`, as hadolint has it do for the default shell, and is
//! told the Dockerfile's ENV and ARG names in scope (each script starts
//! with `NAME=1` for them), as hadolint tells it.

use shipready_dockerfile::{is_dockerfile_name, Args, Keyword};
use shipready_lint::{Context, Settings};
use shipready_project::{discover_settings, load, Inputs, Options, Selection};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Our rule for each SC code compared.
const RULES: &[(&str, &str)] = &[
    ("SC2155", "SR-D070"),
    ("SC2251", "SR-D071"),
    ("SC2046", "SR-D072"),
    ("SC2086", "SR-D073"),
    ("SC2028", "SR-D074"),
    ("SC2043", "SR-D075"),
    ("SC2016", "SR-D076"),
    ("SC2164", "SR-D077"),
    ("SC2006", "SR-D078"),
    ("SC2162", "SR-D079"),
    ("SC2015", "SR-D080"),
    ("SC3014", "SR-D081"),
    ("SC2002", "SR-D082"),
];

/// Our own fixtures of the compared rules: several SC codes never occur in
/// the corpus, and each must be compared on something.
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shipready-lint/fixtures");
    let mut out = Vec::new();
    for (_, id) in RULES {
        for name in ["fail.Dockerfile", "pass.Dockerfile"] {
            let p = root.join(id).join(name);
            if p.exists() {
                out.push(std::fs::canonicalize(p).expect("fixture path"));
            }
        }
    }
    out
}

fn corpus() -> Option<PathBuf> {
    shipready_testkit::reference::shared("corpus")
}

/// One shell-form RUN: its file, its lines, its script.
struct Run {
    file: PathBuf,
    lines: (u32, u32),
    script: String,
    /// ENV and ARG names in scope.
    known: Vec<String>,
    /// The shell that runs it (`sh` unless SHELL says otherwise).
    shell: String,
    /// SHELL passes `-e`: ShellCheck is told with `set -e`.
    errexit: bool,
}

fn runs(files: &[PathBuf]) -> Vec<Run> {
    let mut out = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(f) else {
            continue;
        };
        let Ok(df) = shipready_dockerfile::parse(&text) else {
            continue;
        };
        // The names the rules take as fixed by the build, as hadolint
        // passes them to ShellCheck.
        let settings = Settings::default();
        let ctx = Context::new(&df, &settings);
        for (index, i) in df.instructions.iter().enumerate() {
            if i.keyword != Keyword::Run || !i.heredocs.is_empty() {
                continue;
            }
            // A `# hadolint ignore=` pragma silences ours, not ShellCheck.
            let above = text.lines().nth((i.start_line as usize).saturating_sub(2));
            if i.start_line > 1
                && above.is_some_and(|l| l.trim_start().starts_with("# hadolint ignore"))
            {
                continue;
            }
            if let Args::Text(t) = &i.args {
                let Some(run) = ctx.runs.iter().find(|r| r.index == index) else {
                    continue;
                };
                out.push(Run {
                    shell: run.shell.clone(),
                    errexit: run.errexit,
                    file: f.clone(),
                    lines: (i.start_line, i.end_line),
                    script: t.value.clone(),
                    known: ctx
                        .stage_of(index)
                        .map(|s| ctx.declared_names(s, index))
                        .unwrap_or_default(),
                });
            }
        }
    }
    out
}

#[test]
fn our_shellcheck_rules_find_what_shellcheck_finds_in_every_run() {
    let Some(corpus) = corpus() else { return };
    let mut files = shipready_testkit::files_under(&corpus, &is_dockerfile_name);
    files.extend(fixtures());
    let runs = runs(&files);
    assert!(runs.len() > 1000, "only {} RUN scripts", runs.len());

    // ShellCheck, once over every script.
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut paths = Vec::new();
    for (n, r) in runs.iter().enumerate() {
        let p = tmp.path().join(format!("{n}.sh"));
        // As hadolint runs it: the shell as the shebang, then the names.
        let mut prelude = format!("#!/bin/{}\n", r.shell);
        if r.errexit {
            prelude.push_str("set -e\n");
        }
        prelude.extend(r.known.iter().map(|n| format!("{n}=1\n")));
        std::fs::write(&p, format!("{prelude}{}", r.script)).expect("write");
        paths.push(p);
    }
    let codes: Vec<&str> = RULES.iter().map(|(sc, _)| *sc).collect();
    let mut theirs: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for chunk in paths.chunks(500) {
        let out = Command::new("shellcheck")
            .args(["-f", "json1", "-i", &codes.join(",")])
            .args(chunk)
            .output()
            .expect(
                "shellcheck is not installed: run scripts/test (it installs Debian's shellcheck)",
            );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("shellcheck json");
        for c in doc["comments"].as_array().expect("comments") {
            let file = c["file"].as_str().expect("file");
            let n: usize = Path::new(file)
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.parse().ok())
                .expect("script number");
            let code = format!("SC{}", c["code"]);
            if let Some(sc) = codes.iter().find(|c| **c == code) {
                *theirs.entry((n, sc)).or_default() += 1;
            }
        }
    }

    // Ours, through the pipeline with only the compared rules.
    let mut settings = discover_settings(None, &corpus).expect("settings");
    Selection {
        select: RULES.iter().map(|(_, id)| id.to_string()).collect(),
        ..Default::default()
    }
    .apply(&mut settings)
    .expect("selection");
    let inputs = Inputs {
        paths: files.clone(),
        ..Inputs::default()
    };
    let project = load(&inputs, &settings, &Options::default()).expect("load");
    let report = shipready_project::check(project, &settings);
    let mut ours: BTreeMap<(usize, &str), usize> = BTreeMap::new();
    for l in report.located() {
        let Some(line) = l.line() else { continue };
        let Some((sc, _)) = RULES.iter().find(|(_, id)| *id == l.finding.rule.id) else {
            continue;
        };
        let file = Path::new(&l.file.name);
        let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let n = runs
            .iter()
            .position(|r| r.file == file && (r.lines.0..=r.lines.1).contains(&line));
        if let Some(n) = n {
            *ours.entry((n, sc)).or_default() += 1;
        }
    }

    let mut differences = Vec::new();
    let keys: std::collections::BTreeSet<_> = theirs.keys().chain(ours.keys()).collect();
    for k in keys {
        let (a, b) = (
            ours.get(k).copied().unwrap_or(0),
            theirs.get(k).copied().unwrap_or(0),
        );
        let r = &runs[k.0];
        if a != b && !newer_shellcheck_agrees(k.1, &r.script) {
            differences.push(format!(
                "{}:{} {}: ours {a}, shellcheck {b}: {}",
                r.file.display(),
                r.lines.0,
                k.1,
                r.script.chars().take(120).collect::<String>()
            ));
        }
    }
    for sc in &codes {
        let n: usize = theirs
            .iter()
            .filter(|((_, c), _)| c == sc)
            .map(|(_, n)| n)
            .sum();
        eprintln!("{sc}: {n}");
        assert!(n > 0, "shellcheck found no {sc} to compare");
    }
    let total: usize = theirs.values().sum();
    eprintln!(
        "{} RUN scripts, {total} ShellCheck findings compared",
        runs.len()
    );
    // hadolint reports 166 SC2155 and 41 SC2251 on this corpus: a run
    // that compares far fewer did not really read the scripts.
    assert!(total > 200, "shellcheck found only {total} to compare");
    assert!(
        differences.is_empty(),
        "{} of {total} differ:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

/// Where Debian's ShellCheck 0.9 reports what 0.10 (the version hadolint
/// 2.15 is built on) and we let be: `A && B || :` and `|| true` only
/// ignore a failure, so SC2015 is noise there.
fn newer_shellcheck_agrees(code: &str, script: &str) -> bool {
    code == "SC2015" && (script.contains("|| :") || script.contains("|| true"))
}
