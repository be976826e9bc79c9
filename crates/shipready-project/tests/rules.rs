//! One test per rule, through the real pipeline (the code path a user
//! hits): every rule has `crates/shipready-lint/fixtures/<ID>/` with a
//! failing and a passing fixture, by the kind of thing the rule reads:
//!
//! | rule kind | fail (must trigger it) | pass (must not) |
//! |---|---|---|
//! | Dockerfile | `fail.Dockerfile` | `pass.Dockerfile` |
//! | Compose | `fail*.yaml` (a `.prod.` name makes it a production file) | `pass*.yaml` |
//! | Kubernetes | `fail.yaml` | `pass.yaml` |
//! | image | `fail.toml`, an image spec built into a real `docker save` archive | `pass.toml` |
//! | cross-file | `fail/`, a small repository | `pass/` |
//! | packages | `fail/`, a tree of lockfiles (and its ignore file) | `pass/` |
//!
//! Package rules also have `vulndb/`: OSV records imported into a fresh
//! database for the test.
//! A `shipready.toml` beside them configures the rule. The failing
//! fixture's findings of the rule are snapshotted; the fixtures must load
//! without input errors. Rules with a safe fix also get a test that runs
//! `--fix` on a copy of the failing fixture: the result parses, no longer
//! triggers the rule, and fixing again changes nothing.
//!
//! A custom harness (libtest-mimic) makes each rule its own test, so every
//! failing rule is listed, not only the first.

use libtest_mimic::{Arguments, Failed, Trial};
use shipready_diagnostics::{FixKind, Location, Target};
use shipready_lint::{all_rules, Rule, Settings};
use shipready_project::{find_ignore_file, ImageInput, Inputs, Options, Report, VulnOptions};
use shipready_testkit::spec::ImageSpec;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shipready-lint/fixtures");
    std::fs::canonicalize(&p).unwrap_or(p)
}

fn settings_for(rule: &'static Rule, dir: &Path) -> Result<Settings, Failed> {
    let mut s = Settings::default();
    let toml = dir.join("shipready.toml");
    if let Ok(text) = std::fs::read_to_string(&toml) {
        s.apply_toml(&toml, &text).map_err(|e| e.to_string())?;
    }
    s.extend_select.insert(rule.meta.id);
    Ok(s)
}

/// The fixture file or directory of a kind (`fail` or `pass`).
fn fixture(rule: &Rule, dir: &Path, kind: &str) -> Result<PathBuf, Failed> {
    let ext = match rule.meta.target {
        Target::Dockerfile => Some(".Dockerfile"),
        Target::Compose | Target::Kubernetes => Some(".yaml"),
        Target::Image => Some(".toml"),
        Target::CrossFile | Target::Packages => None,
    };
    let Some(ext) = ext else {
        let d = dir.join(kind);
        return if d.is_dir() {
            Ok(d)
        } else {
            Err(format!("{}: no {kind}/ directory", dir.display()).into())
        };
    };
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(kind) && n.ends_with(ext))
        })
        .ok_or_else(|| format!("{}: no {kind}*{ext} fixture", dir.display()).into())
}

fn inputs(rule: &Rule, path: &Path) -> Result<Inputs, Failed> {
    let mut inputs = Inputs::default();
    if rule.meta.target == Target::Image {
        let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
        let spec = ImageSpec::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        inputs.images.push(ImageInput::Archive {
            name: name.into_owned(),
            bytes: spec.docker_archive(),
        });
    } else {
        inputs.paths.push(path.to_path_buf());
    }
    Ok(inputs)
}

/// Runs the pipeline on a fixture; the fixture must load cleanly.
fn run(rule: &'static Rule, dir: &Path, path: &Path, fix: bool) -> Result<Report, Failed> {
    let settings = settings_for(rule, dir)?;
    let mut options = Options {
        fix,
        ..Options::default()
    };
    // A package rule's database, built from the fixture's records.
    let db = tempfile::tempdir().map_err(|e| e.to_string())?;
    if rule.meta.target == Target::Packages {
        shipready_vuln::import(
            &[dir.join("vulndb")],
            db.path(),
            "2026-01-01T00:00:00Z",
            &mut |_, _| {},
        )
        .map_err(|e| format!("{}: {e}", dir.display()))?;
        options.packages = true;
        options.vulns = Some(VulnOptions {
            db: db.path().to_path_buf(),
            ignore_file: find_ignore_file(path),
            ..VulnOptions::default()
        });
    }
    let report = shipready_project::run(&inputs(rule, path)?, &settings, &options)
        .map_err(|e| e.to_string())?;
    if !report.errors.is_empty() {
        return Err(format!("{}: input errors: {:?}", path.display(), report.errors).into());
    }
    Ok(report)
}

/// A finding as the snapshot shows it: where (file relative to the
/// fixture directory, line and column, then the severity and the text it
/// points at; or the place in the image), message, help, related places.
fn render(report: &Report, rule: &Rule, dir: &Path) -> String {
    let prefix = format!("{}/", dir.display());
    let short = |text: &str| text.replace(&prefix, "");
    let place = |at: &Location, severity: &str| -> String {
        let (file, range) = report.position(at);
        match (at, range) {
            (Location::Text { span, .. }, Some((s, _))) => {
                let text: String = file
                    .text
                    .get(span.range())
                    .unwrap_or("?")
                    .chars()
                    .take(60)
                    .collect();
                format!(
                    "{}:{}:{} {severity}`{text}`",
                    short(&file.name),
                    s.line,
                    s.column
                )
            }
            (Location::Image { place, .. }, _) => {
                let p = place.describe();
                if p.is_empty() {
                    format!("{severity}image")
                } else {
                    format!("{severity}image › {p}")
                }
            }
            _ => format!("{severity}{}", short(&file.name)),
        }
    };
    let mut out = String::new();
    for f in report.findings.iter().filter(|f| f.rule.id == rule.meta.id) {
        out.push_str(&format!(
            "{}\n  {}\n  help: {}\n",
            place(&f.at, &format!("{} ", f.severity)),
            short(&f.message),
            f.help.as_deref().unwrap_or("-")
        ));
        for r in &f.related {
            out.push_str(&format!("  related: {} ({})\n", place(&r.at, ""), r.note));
        }
    }
    out
}

fn fails_and_passes(rule: &'static Rule) -> Result<(), Failed> {
    let id = rule.meta.id;
    let dir = fixtures().join(id);
    let fail = fixture(rule, &dir, "fail")?;
    let report = run(rule, &dir, &fail, false)?;
    let rendered = render(&report, rule, &dir);
    if rendered.is_empty() {
        return Err(format!("{id}: the fail fixture produced no finding").into());
    }
    insta::assert_snapshot!(id, rendered);
    let pass = fixture(rule, &dir, "pass")?;
    let report = run(rule, &dir, &pass, false)?;
    let rendered = render(&report, rule, &dir);
    if !rendered.is_empty() {
        return Err(format!("{id}: the pass fixture triggered it:\n{rendered}").into());
    }
    Ok(())
}

/// `--fix` on a copy of the failing fixture: it changes the file, the
/// result parses and is clean for the rule, and a second `--fix` changes
/// nothing.
fn fix_converges(rule: &'static Rule) -> Result<(), Failed> {
    let id = rule.meta.id;
    let dir = fixtures().join(id);
    let fail = fixture(rule, &dir, "fail")?;
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let copy = tmp.path().join("fail.Dockerfile");
    std::fs::copy(&fail, &copy).map_err(|e| e.to_string())?;
    if let Ok(toml) = std::fs::read_to_string(dir.join("shipready.toml")) {
        std::fs::write(tmp.path().join("shipready.toml"), toml).map_err(|e| e.to_string())?;
    }
    let before = std::fs::read_to_string(&copy).map_err(|e| e.to_string())?;
    let report = run(rule, &dir, &copy, true)?;
    let after = std::fs::read_to_string(&copy).map_err(|e| e.to_string())?;
    if after == before {
        return Err(format!("{id}: a safe-fix rule changed nothing in its fail fixture").into());
    }
    let left = render(&report, rule, tmp.path());
    if !left.is_empty() {
        return Err(format!("{id}: findings remain after fixing:\n{left}\n{after}").into());
    }
    run(rule, &dir, &copy, true)?;
    let again = std::fs::read_to_string(&copy).map_err(|e| e.to_string())?;
    if again != after {
        return Err(format!("{id}: fixing is not idempotent:\n{after}\n---\n{again}").into());
    }
    Ok(())
}

/// Rule IDs are unique and in order, and every rule's documentation has
/// the sections `shipready rules` and SARIF read.
fn catalogue() -> Result<(), Failed> {
    let ids: Vec<_> = all_rules().iter().map(|r| r.meta.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if ids != sorted {
        return Err("rule IDs must be unique and listed in order".into());
    }
    for r in all_rules() {
        for section in ["What it does", "Why is this bad?"] {
            if r.meta.section(section).is_none_or(|s| s.is_empty()) {
                return Err(format!("{}: the doc has no `## {section}`", r.meta.id).into());
            }
        }
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = vec![Trial::test("catalogue", catalogue)];
    for rule in all_rules() {
        let rule: &'static Rule = rule;
        trials.push(Trial::test(rule.meta.id, move || fails_and_passes(rule)));
        if rule.meta.fix == FixKind::Safe {
            trials.push(Trial::test(format!("fix::{}", rule.meta.id), move || {
                fix_converges(rule)
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
