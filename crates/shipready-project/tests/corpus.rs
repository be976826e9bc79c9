//! The whole of `../shared/corpus` (513 Dockerfiles, the awesome-compose
//! projects, the Kubernetes examples) gives the same findings and input
//! errors as before the pipeline was rebuilt: `corpus-baseline.tsv` holds,
//! per file, every finding as `rule:line:column:hash of the message` (the
//! hash keeps the corpus's text out of this repository), taken from the
//! binary at 873e631, before the one-pipeline rework, run as `shipready
//! lint --format json .` inside the corpus (so files are named `./…`, as
//! here, and messages that name another file agree).
//!
//! A change of findings is a change of behaviour: it is either a bug, or
//! deliberate and listed in `DELIBERATE` with its reason. To take a new
//! baseline after a deliberate change, run with `SHIPREADY_BLESS=1` and
//! review the diff of the file like a snapshot.

use sha2::{Digest, Sha256};
use shipready_lint::Settings;
use shipready_project::{load, Inputs, Options};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Differences from the baseline that are meant, and why. Empty: the
/// rework changed no finding on the corpus. (The secret-file messages
/// changed with the merged list of SR-D010/SR-I010/SR-I011, but no corpus
/// file copies a secret.)
const DELIBERATE: &[(&str, &str, &str)] = &[];

fn corpus() -> Option<PathBuf> {
    shipready_testkit::reference::shared("corpus")
}

fn hash(s: &str) -> String {
    let d = Sha256::digest(s.as_bytes());
    d.iter().take(3).map(|b| format!("{b:02x}")).collect()
}

type Table = BTreeMap<String, BTreeSet<String>>;

fn current(root: &Path) -> Table {
    let inputs = Inputs {
        paths: vec![root.to_path_buf()],
        ..Inputs::default()
    };
    let settings = Settings::default();
    let mut project = load(&inputs, &settings, &Options::default()).expect("the corpus loads");
    // Named as `shipready lint .` in the corpus names them.
    project.rename(&format!("{}/", root.display()), "./");
    let report = shipready_project::check(project, &settings);
    let rel = |name: &str| name.strip_prefix("./").unwrap_or(name).to_string();
    let mut t = Table::new();
    for f in &report.findings {
        let (file, range) = report.position(&f.at);
        let (line, col) = range.map_or((0, 0), |(s, _)| (s.line, s.column));
        t.entry(rel(&file.name)).or_default().insert(format!(
            "{}:{line}:{col}:{}",
            f.rule.id,
            hash(&f.message)
        ));
    }
    for e in &report.errors {
        let at = |n: Option<u32>| n.map_or("None".to_string(), |n| n.to_string());
        t.entry(rel(&e.file)).or_default().insert(format!(
            "error:{}:{}:{}",
            at(e.line),
            at(e.column),
            hash(&e.message)
        ));
    }
    t
}

fn read_baseline(path: &Path) -> Table {
    let text = std::fs::read_to_string(path).expect("corpus-baseline.tsv");
    text.lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(file, items)| {
            (
                file.to_string(),
                items.split(' ').map(String::from).collect(),
            )
        })
        .collect()
}

#[test]
fn the_corpus_gives_the_findings_it_gave_before() {
    let Some(root) = corpus() else { return };
    let baseline_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus-baseline.tsv");
    let now = current(&root);
    if std::env::var_os("SHIPREADY_BLESS").is_some() {
        let text: String = now
            .iter()
            .map(|(f, items)| {
                format!(
                    "{f}\t{}\n",
                    items.iter().cloned().collect::<Vec<_>>().join(" ")
                )
            })
            .collect();
        std::fs::write(&baseline_path, text).expect("write the baseline");
        return;
    }
    let before = read_baseline(&baseline_path);
    let allowed = |file: &str, item: &str| {
        DELIBERATE
            .iter()
            .any(|(f, i, _)| *f == file && (*i == item || item.starts_with(&format!("{i}:"))))
    };
    let mut differences = Vec::new();
    let empty = BTreeSet::new();
    for file in before.keys().chain(now.keys()).collect::<BTreeSet<_>>() {
        let (b, n) = (
            before.get(file).unwrap_or(&empty),
            now.get(file).unwrap_or(&empty),
        );
        for item in n.difference(b) {
            if !allowed(file, item) {
                differences.push(format!("+ {file} {item}"));
            }
        }
        for item in b.difference(n) {
            if !allowed(file, item) {
                differences.push(format!("- {file} {item}"));
            }
        }
    }
    let total: usize = now.values().map(BTreeSet::len).sum();
    println!(
        "corpus: {total} findings and input errors, {} files",
        now.len()
    );
    assert!(
        differences.is_empty(),
        "{} findings differ from the baseline (a bug, or list it in DELIBERATE):\n{}",
        differences.len(),
        differences.join("\n")
    );
}

/// `run` (the lint command's path) lints each Dockerfile as it is loaded
/// and drops its parse; `load` then `check` lints after everything is
/// loaded. On the whole corpus, with the test project and the stale
/// suppression fixtures beside it (the corpus has no suppression
/// comments), both give the same report: the same files, every finding
/// equal and in the same order (stale suppressions included), the same
/// input errors.
#[test]
fn linting_as_loaded_reports_what_linting_after_loading_reports() {
    let Some(root) = corpus() else {
        eprintln!("skipped: ../shared/corpus is absent");
        return;
    };
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = Inputs {
        paths: vec![
            root,
            here.join("tests/project"),
            here.join("../shipready-lint/fixtures/SR-X001"),
        ],
        ..Inputs::default()
    };
    let settings = Settings::default();
    let project = load(&inputs, &settings, &Options::default()).expect("the corpus loads");
    let after = shipready_project::check(project, &settings);
    let early = shipready_project::run(&inputs, &settings, &Options::default()).expect("runs");
    let names = |r: &shipready_project::Report| {
        r.files
            .iter()
            .map(|(_, f)| f.name.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(names(&early), names(&after));
    assert!(after.findings.len() > 1000, "{}", after.findings.len());
    assert!(
        after.findings.iter().any(|f| f.rule.id == "SR-X001"),
        "the corpus has stale suppressions to compare"
    );
    assert_eq!(early.findings.len(), after.findings.len());
    let seen = |f: &shipready_diagnostics::Finding| {
        (
            f.rule.id,
            f.severity,
            f.at.clone(),
            f.message.clone(),
            f.help.clone(),
            format!("{:?} {:?}", f.fix, f.related),
        )
    };
    for (i, (a, b)) in early.findings.iter().zip(&after.findings).enumerate() {
        assert_eq!(seen(a), seen(b), "finding {i}");
    }
    assert_eq!(early.errors, after.errors);
}
