//! Every cross-file rule has `tests/cross-fixtures/<ID>/fail/` (a small
//! repository: Dockerfiles with Compose files and/or manifests, that must
//! trigger it) and `pass/` (must not); `shipready lint` runs on each, and
//! the failing directory's findings of the rule are snapshotted.

use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn findings(dir: &Path, id: &str) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(["lint", "--format", "json", "--select", id, "."])
        .current_dir(dir)
        .output()
        .expect("run shipready");
    let v: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{id}: {e}: {}", String::from_utf8_lossy(&out.stderr)));
    v["findings"].as_array().cloned().unwrap_or_default()
}

#[test]
fn every_cross_file_rule_has_fixtures_that_fail_and_pass() {
    let rules = Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(["rules", "--format", "json"])
        .output()
        .expect("rules");
    let rules: Value = serde_json::from_slice(&rules.stdout).expect("rules json");
    let ids: Vec<String> = rules["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .filter(|r| r["target"] == "cross-file")
        .filter_map(|r| r["id"].as_str().map(String::from))
        .collect();
    assert!(ids.len() >= 3, "cross-file rules went missing");
    for id in ids {
        let base = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/cross-fixtures/{id}"));
        let fail = findings(&base.join("fail"), &id);
        assert!(!fail.is_empty(), "{id}: fail fixture produced no finding");
        let rendered: String = fail
            .iter()
            .map(|f| {
                format!(
                    "{}:{}:{} {}\n  {}\n",
                    f["file"].as_str().unwrap_or(""),
                    f["line"],
                    f["column"],
                    f["severity"].as_str().unwrap_or(""),
                    f["message"].as_str().unwrap_or("")
                )
            })
            .collect();
        insta::assert_snapshot!(format!("cross-{id}"), rendered);
        let pass = findings(&base.join("pass"), &id);
        assert!(
            pass.is_empty(),
            "{id}: pass fixture triggered it: {pass:#?}"
        );
    }
}
