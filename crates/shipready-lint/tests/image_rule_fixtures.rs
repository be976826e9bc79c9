//! Every image rule has `tests/image-fixtures/<ID>/fail.toml` (an image
//! that must trigger it) and `pass.toml` (one that must not), written as
//! TOML image specs. Each spec is built into a real `docker save` archive
//! and read back through the same reader and analysis as a user's image;
//! the failing fixture's findings are snapshotted.

use shipready_diagnostics::Target;
use shipready_image::{analyse, open_stream, ReadOptions};
use shipready_lint::{all_rules, lint_image, Settings};
use shipready_testkit::spec::ImageSpec;
use std::path::{Path, PathBuf};

fn dir(id: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/image-fixtures/{id}"))
}

fn settings_for(id: &'static str) -> Settings {
    let mut s = Settings::default();
    let toml = dir(id).join("shipready.toml");
    if let Ok(text) = std::fs::read_to_string(&toml) {
        s.apply_toml(&toml, &text)
            .unwrap_or_else(|e| panic!("{id}: {e}"));
    }
    s.extend_select.insert(id);
    s
}

fn findings(id: &'static str, kind: &str) -> Vec<shipready_diagnostics::Finding> {
    let path = dir(id).join(format!("{kind}.toml"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{id}: fixture {} missing: {e}", path.display()));
    let spec = ImageSpec::parse(&text).unwrap_or_else(|e| panic!("{id}/{kind}: {e}"));
    let archive = spec.docker_archive();
    let image = open_stream(
        &archive[..],
        &path.display().to_string(),
        &ReadOptions::default(),
    )
    .unwrap_or_else(|e| panic!("{id}/{kind}: the built archive does not read: {e}"));
    let analysis = analyse(&image);
    lint_image(&image, &analysis, &settings_for(id))
        .into_iter()
        .filter(|f| f.rule == id)
        .collect()
}

#[test]
fn every_image_rule_has_fixtures_that_fail_and_pass() {
    let rules: Vec<_> = all_rules()
        .iter()
        .filter(|r| r.meta.target == Target::Image)
        .collect();
    assert!(rules.len() >= 16, "image rules went missing");
    for rule in rules {
        let id = rule.meta.id;
        let hits = findings(id, "fail");
        assert!(!hits.is_empty(), "{id}: fail fixture produced no finding");
        let rendered: String = hits
            .iter()
            .map(|f| {
                let place = f.image.as_deref().cloned().unwrap_or_default();
                format!(
                    "{} path={} layer={}\n  {}\n  help: {}\n",
                    f.severity,
                    place.path.as_deref().unwrap_or("-"),
                    place.layer.map_or("-".to_string(), |l| l.to_string()),
                    f.message,
                    f.help.as_deref().unwrap_or("-")
                )
            })
            .collect();
        insta::assert_snapshot!(format!("image-{id}"), rendered);
        let hits = findings(id, "pass");
        assert!(hits.is_empty(), "{id}: pass fixture triggered it: {hits:?}");
    }
}
