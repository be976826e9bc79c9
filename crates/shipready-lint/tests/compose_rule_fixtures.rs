//! Every Compose rule has `tests/compose-fixtures/<ID>/fail*.yaml` (must
//! trigger it) and `pass*.yaml` (must not), loaded by the real Compose
//! loader with an empty environment; a `.prod.` in the name makes it a
//! production file. The failing fixture's findings are snapshotted.

use shipready_compose::{load, LoadOptions};
use shipready_diagnostics::{LineIndex, Target};
use shipready_lint::{all_rules, lint_compose, Settings};
use std::path::{Path, PathBuf};

fn fixture(id: &str, kind: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/compose-fixtures/{id}"));
    let found = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{id}: {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(kind) && n.ends_with(".yaml"))
        });
    found.unwrap_or_else(|| panic!("{id}: no {kind}*.yaml fixture"))
}

fn run(
    id: &'static str,
    kind: &str,
) -> (
    shipready_compose::Project,
    Vec<shipready_diagnostics::Finding>,
) {
    let path = fixture(id, kind);
    let opts = LoadOptions {
        files: vec![path.clone()],
        working_dir: path.parent().expect("dir").to_path_buf(),
        ..LoadOptions::default()
    };
    let project = load(&opts).unwrap_or_else(|e| panic!("{id}/{kind}: does not load: {e}"));
    let mut settings = Settings::default();
    settings.extend_select.insert(id);
    let hits = lint_compose(&project, &settings)
        .into_iter()
        .filter(|f| f.rule == id)
        .collect();
    (project, hits)
}

#[test]
fn every_compose_rule_has_fixtures_that_fail_and_pass() {
    let rules: Vec<_> = all_rules()
        .iter()
        .filter(|r| r.meta.target == Target::Compose)
        .collect();
    assert!(rules.len() >= 22, "Compose rules went missing");
    for rule in rules {
        let id = rule.meta.id;
        let (project, hits) = run(id, "fail");
        assert!(!hits.is_empty(), "{id}: fail fixture produced no finding");
        let rendered: String = hits
            .iter()
            .map(|f| {
                let (src, local) = project.sources.locate(f.span).expect("span in a file");
                let at = LineIndex::new(&src.text).line_col(&src.text, local.start);
                format!(
                    "{}:{} {} `{}`\n  {}\n  help: {}\n",
                    at.line,
                    at.column,
                    f.severity,
                    src.text.get(local.range()).unwrap_or("?"),
                    f.message,
                    f.help.as_deref().unwrap_or("-")
                )
            })
            .collect();
        insta::assert_snapshot!(format!("compose-{id}"), rendered);
        let (_, hits) = run(id, "pass");
        assert!(hits.is_empty(), "{id}: pass fixture triggered it: {hits:?}");
    }
}
