//! Every Kubernetes rule has `tests/kube-fixtures/<ID>/fail.yaml` (must
//! trigger it) and `pass.yaml` (must not), read by the real manifest
//! loader; the failing fixture's findings are snapshotted. The
//! annotations that switch a rule off are tested on the failing fixtures.

use shipready_diagnostics::{LineIndex, Target};
use shipready_lint::{all_rules, lint_kube, Settings};
use std::path::Path;

fn read(id: &str, kind: &str) -> String {
    let p =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/kube-fixtures/{id}/{kind}.yaml"));
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{id}: {}: {e}", p.display()))
}

fn hits(id: &'static str, text: &str) -> Vec<shipready_diagnostics::Finding> {
    let objects = shipready_kube::parse_manifests(text, 0).unwrap_or_else(|e| panic!("{id}: {e}"));
    let mut settings = Settings::default();
    settings.extend_select.insert(id);
    lint_kube(&objects, &settings)
        .into_iter()
        .filter(|f| f.rule == id)
        .collect()
}

fn kube_rules() -> Vec<&'static shipready_lint::Rule> {
    all_rules()
        .iter()
        .copied()
        .filter(|r| r.meta.target == Target::Kubernetes)
        .collect()
}

#[test]
fn every_kube_rule_has_fixtures_that_fail_and_pass() {
    let rules = kube_rules();
    assert!(rules.len() >= 25, "Kubernetes rules went missing");
    for rule in rules {
        let id = rule.meta.id;
        let fail = read(id, "fail");
        let found = hits(id, &fail);
        assert!(!found.is_empty(), "{id}: fail fixture produced no finding");
        let index = LineIndex::new(&fail);
        let rendered: String = found
            .iter()
            .map(|f| {
                let at = index.line_col(&fail, f.span.start);
                let text: String = fail[f.span.range()].chars().take(60).collect();
                format!(
                    "{}:{} {} `{}`\n  {}\n  help: {}\n",
                    at.line,
                    at.column,
                    f.severity,
                    text,
                    f.message,
                    f.help.as_deref().unwrap_or("-")
                )
            })
            .collect();
        insta::assert_snapshot!(format!("kube-{id}"), rendered);
        let pass = hits(id, &read(id, "pass"));
        assert!(pass.is_empty(), "{id}: pass fixture triggered it: {pass:?}");
    }
}

#[test]
fn annotations_switch_rules_off_per_object() {
    let text = read("SR-K006", "fail");
    assert!(!hits("SR-K006", &text).is_empty());
    for annotation in [
        "shipready.io/ignore: \"SR-K006,SR-K003\"",
        "shipready.io/ignore: kube-privileged",
        "ignore-check.kube-linter.io/privileged-container: \"needs the GPU driver\"",
    ] {
        let annotated = text.replacen(
            "  namespace: shop\n",
            &format!("  namespace: shop\n  annotations:\n    {annotation}\n"),
            1,
        );
        assert!(
            hits("SR-K006", &annotated).is_empty(),
            "{annotation} did not switch it off"
        );
    }
}
