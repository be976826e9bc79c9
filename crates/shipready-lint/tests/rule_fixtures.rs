//! Every rule has `tests/fixtures/<ID>/fail.Dockerfile` (must trigger it)
//! and `pass.Dockerfile` (must not), and the failing fixture's findings are
//! snapshotted. Safe fixes are re-applied until nothing changes, and the
//! result must parse and be clean for that rule.

use shipready_diagnostics::{FixKind, LineIndex, Target};
use shipready_lint::fix::apply_safe_fixes;
use shipready_lint::{all_rules, lint_dockerfile, Settings};
use std::path::Path;

/// Default settings with the rule selected, plus the fixture directory's
/// `shipready.toml` when a rule needs configuration (label schema,
/// trusted registries).
fn settings_for(id: &'static str) -> Settings {
    let mut s = Settings::default();
    let toml =
        Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/{id}/shipready.toml"));
    if let Ok(text) = std::fs::read_to_string(&toml) {
        s.apply_toml(&toml, &text)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    s.extend_select.insert(id);
    s
}

fn read(id: &str, kind: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/{id}/{kind}.Dockerfile"));
    std::fs::read_to_string(&p)
        .unwrap_or_else(|e| panic!("{id}: fixture {} missing: {e}", p.display()))
}

#[test]
fn every_rule_has_fixtures_that_fail_and_pass() {
    for rule in all_rules()
        .iter()
        .filter(|r| r.meta.target == Target::Dockerfile)
    {
        let id = rule.meta.id;
        let settings = settings_for(id);
        let fail = read(id, "fail");
        let result = lint_dockerfile(&fail, &settings);
        assert!(
            result.error.is_none(),
            "{id}: fail fixture does not parse: {:?}",
            result.error
        );
        let hits: Vec<_> = result.findings.iter().filter(|f| f.rule == id).collect();
        assert!(!hits.is_empty(), "{id}: fail fixture produced no finding");
        let index = LineIndex::new(&fail);
        let rendered: String = hits
            .iter()
            .map(|f| {
                let p = index.line_col(&fail, f.span.start);
                format!(
                    "{}:{} {} `{}`\n  {}\n  help: {}\n",
                    p.line,
                    p.column,
                    f.severity,
                    &fail[f.span.range()],
                    f.message,
                    f.help.as_deref().unwrap_or("-")
                )
            })
            .collect();
        insta::assert_snapshot!(id, rendered);

        let pass = read(id, "pass");
        let result = lint_dockerfile(&pass, &settings);
        assert!(result.error.is_none(), "{id}: pass fixture does not parse");
        let hits: Vec<_> = result.findings.iter().filter(|f| f.rule == id).collect();
        assert!(hits.is_empty(), "{id}: pass fixture triggered it: {hits:?}");
    }
}

#[test]
fn safe_fixes_converge_and_reparse() {
    for rule in all_rules().iter().filter(|r| r.meta.fix == FixKind::Safe) {
        let id = rule.meta.id;
        let settings = settings_for(id);
        let mut text = read(id, "fail");
        let mut rounds = 0;
        loop {
            let result = lint_dockerfile(&text, &settings);
            assert!(
                result.error.is_none(),
                "{id}: fixed text does not parse:\n{text}"
            );
            let (next, n) = apply_safe_fixes(&text, &result.findings);
            if n == 0 {
                assert!(
                    result.findings.iter().all(|f| f.rule != id),
                    "{id}: findings remain after fixing:\n{text}"
                );
                break;
            }
            text = next;
            rounds += 1;
            assert!(rounds < 10, "{id}: fixes do not converge");
        }
        assert!(
            rounds >= 1,
            "{id}: a safe-fix rule offered no fix on its fail fixture"
        );
        // Idempotent: fixing the fixed text changes nothing.
        let again = lint_dockerfile(&text, &settings);
        assert_eq!(
            apply_safe_fixes(&text, &again.findings).1,
            0,
            "{id}: not idempotent"
        );
    }
}

#[test]
fn ids_are_unique_and_sorted() {
    let ids: Vec<_> = all_rules().iter().map(|r| r.meta.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted, "rule IDs must be unique and listed in order");
    for r in all_rules() {
        assert!(
            r.meta.doc.contains("## What it does"),
            "{}: doc lacks `## What it does`",
            r.meta.id
        );
        assert!(
            r.meta.doc.contains("## Why is this bad?"),
            "{}: doc lacks `## Why is this bad?`",
            r.meta.id
        );
    }
}
