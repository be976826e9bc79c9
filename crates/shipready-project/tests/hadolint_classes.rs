//! hadolint's semantics, class by class (issue #13): every fixture under
//! `crates/shipready-lint/fixtures/hadolint-classes/<class>/` is named
//! `<case>-<DL code>-fires` or `<case>-<DL code>-silent`, and linting it
//! through the pipeline must (or must not) give a finding of a rule that
//! claims that hadolint code.
//!
//! hadolint 2.15 (the oracle, from `.venv`) lints every fixture too and
//! must agree with the file name, except in the cases listed in
//! [`DIFFERENCES`], where shipready differs on purpose
//! (docs/hadolint-differences.md says why). A listed case that hadolint
//! starts to agree with fails the test, so the list stays true.

use shipready_project::{discover_settings, load, Inputs, Options};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Fixtures where hadolint 2.15 gives the other answer, with the reason.
const DIFFERENCES: &[(&str, &str)] = &[
    (
        "cache/apt-lib-cache-mount-DL3009-silent",
        "a cache mount on /var/lib/apt keeps the lists out of the layer; hadolint only accepts /var/lib/apt/lists itself or both apt directories",
    ),
    (
        "healthcheck/shell-form-DL3025-silent",
        "DL3025 is about PID 1 signals; a HEALTHCHECK command is not PID 1",
    ),
    (
        "onbuild/copy-relative-DL3045-fires",
        "hadolint's specification asks for it, its binary skips ONBUILD COPY",
    ),
    (
        "package-managers/microdnf-never-prompts-DL3038-silent",
        "microdnf never asks for confirmation",
    ),
    (
        "windows-paths/copy-many-to-backslash-dir-DL3021-silent",
        "with `# escape=`+\"`\"+`, c:\\app\\ is a directory on Windows",
    ),
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shipready-lint/fixtures/hadolint-classes")
}

/// (class/case, code, fires) for every fixture.
fn cases() -> Vec<(String, PathBuf, String, bool)> {
    let mut out = Vec::new();
    let mut classes: Vec<_> = std::fs::read_dir(fixtures())
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .collect();
    classes.sort();
    for class in classes {
        let mut files: Vec<_> = std::fs::read_dir(&class)
            .expect("class dir")
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for f in files {
            let stem = f.file_stem().and_then(|s| s.to_str()).expect("name");
            let (rest, fires) = match stem.rsplit_once('-') {
                Some((rest, "fires")) => (rest, true),
                Some((rest, "silent")) => (rest, false),
                _ => panic!("{}: name must end in -fires or -silent", f.display()),
            };
            let code = rest.rsplit_once('-').map(|(_, c)| c).expect("code");
            assert!(code.starts_with("DL"), "{}: no DL code", f.display());
            let class_name = class.file_name().and_then(|s| s.to_str()).expect("class");
            out.push((
                format!("{class_name}/{stem}"),
                f.clone(),
                code.to_string(),
                fires,
            ));
        }
    }
    out
}

/// The hadolint codes our findings claim, for one file.
fn ours(file: &Path) -> BTreeSet<&'static str> {
    let settings = discover_settings(None, file.parent().expect("dir")).expect("settings");
    let inputs = Inputs {
        paths: vec![file.to_path_buf()],
        ..Inputs::default()
    };
    let project = load(&inputs, &settings, &Options::default()).expect("load");
    let report = shipready_project::check(project, &settings);
    report
        .located()
        .into_iter()
        .flat_map(|l| l.finding.rule.equivalents.hadolint.iter().copied())
        .collect()
}

/// The codes hadolint reports for one file (DL3057 raised from "ignore").
fn theirs(file: &Path) -> BTreeSet<String> {
    let out = Command::new(shipready_testkit::reference::hadolint())
        .args(["-f", "json", "--no-fail", "--info", "DL3057"])
        .arg(file)
        .output()
        .expect("run hadolint");
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("hadolint json");
    doc.as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn every_class_fixture_fires_as_its_name_says_and_hadolint_agrees_unless_listed() {
    let cases = cases();
    assert!(cases.len() >= 70, "only {} fixtures", cases.len());
    let mut wrong = Vec::new();
    let mut hadolint_differs = BTreeSet::new();
    for (name, file, code, fires) in &cases {
        let ours = ours(file);
        if ours.contains(code.as_str()) != *fires {
            wrong.push(format!(
                "{name}: shipready {}",
                if *fires { "is silent" } else { "fires" }
            ));
        }
        if theirs(file).contains(code) != *fires {
            hadolint_differs.insert(name.clone());
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let listed: BTreeSet<String> = DIFFERENCES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        hadolint_differs, listed,
        "the cases where hadolint 2.15 differs are not the ones listed"
    );
}
