//! `shipready advise` end to end: the bundled example through the whole
//! pipeline, the JSON contract (docs/advise-json.md), the profile from
//! `shipready.toml` and its overrides, the CI gate found in a workflow,
//! and bad profiles named by file and line.

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use shipready_testkit::reference::workspace;
use std::process::{Command, Output};

fn advise(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_shipready"))
        .arg("advise")
        .args(args)
        .env("NO_COLOR", "1")
        .env("SHIPREADY_DB", "/nonexistent/shipready-db")
        .current_dir(workspace())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

fn json(out: &Output) -> Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn task<'a>(doc: &'a Value, phase: usize, name: &str) -> &'a Value {
    doc["phase"]["plan"][phase - 1]["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["task"] == name)
        .unwrap_or_else(|| panic!("no task {name}"))
}

#[test]
fn the_example_shop_stays_on_compose_with_its_own_findings_in_the_plan() {
    let doc = json(&advise(&[
        "examples/shop",
        "--team-size",
        "6",
        "--dau",
        "8000",
        "-f",
        "json",
    ]));
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["recommendation"], "compose");
    assert_eq!(doc["platform"], "compose");
    // Five services in the example's compose.yaml.
    assert_eq!(doc["services"]["count"], 5);
    assert_eq!(doc["services"]["from"], "compose");
    let rows = doc["thresholds"].as_array().unwrap();
    let row = |name: &str| rows.iter().find(|r| r["name"] == name).unwrap();
    assert_eq!(row("compose-max-team-size")["verdict"], "within");
    assert_eq!(row("migrate-daily-active-users")["value"], 8000.0);
    assert_eq!(row("migrate-daily-active-users")["verdict"], "below");
    assert_eq!(row("kubernetes-regions")["value"], 1.0);
    assert_eq!(row("kubernetes-regions")["verdict"], "below");
    for r in rows {
        for key in ["name", "value", "limit", "source", "verdict"] {
            assert!(r.get(key).is_some(), "{key} in {r}");
        }
    }
    let platforms: Vec<&str> = doc["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["platform"].as_str().unwrap())
        .collect();
    assert_eq!(
        platforms,
        [
            "compose",
            "managed-eks",
            "managed-gke",
            "managed-aks",
            "self-hosted"
        ]
    );
    assert!(doc["roi"]["break_even_month"].is_u64() || doc["roi"]["break_even_month"].is_null());
    assert_eq!(doc["phase"]["current"], 1);
    // The example's api and worker Dockerfiles are single-stage; web is not.
    let multi = task(&doc, 1, "multi-stage builds");
    assert_eq!(multi["status"], "todo");
    assert_eq!(
        multi["evidence"],
        "2 of 3 Dockerfiles are single-stage: api, worker"
    );
    assert_eq!(task(&doc, 1, "images under 150 MB")["status"], "unknown");
    assert!(task(&doc, 1, "health checks")["evidence"]
        .as_str()
        .unwrap()
        .starts_with("no healthcheck on "));
    // Every default used is in the output.
    let keys: Vec<&str> = doc["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["key"].as_str().unwrap())
        .collect();
    for k in [
        "compose-host-eur-month",
        "control-plane.eks",
        "devops-fte-eur-year",
        "pull-bandwidth-mbit",
    ] {
        assert!(keys.contains(&k), "{k}");
    }
    // examples/shop/shipready.toml gives every profile field.
    assert_eq!(doc["missing"], serde_json::json!([]));
    assert_eq!(doc["profile"]["team-size"], 6);
    assert_eq!(doc["profile"]["hosting"], "vps");
    // Its CI lints but has no CVE gate.
    let gate = task(&doc, 3, "CVE gate in CI");
    assert_eq!(
        gate["evidence"],
        "no CVE gate in CI (.github/workflows/ci.yml): add `shipready scan --fail-on high`"
    );
}

#[test]
fn a_profile_in_shipready_toml_flags_over_it_and_a_ci_gate() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(
        root.join("compose.yaml"),
        "services:\n  api:\n    image: shop/api:1.2\n    healthcheck:\n      test: [\"CMD\", \"/app/health\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("shipready.toml"),
        "[profile]\nteam-size = 30\ndaily-active-users = 250000\nregions = 2\nhosting = \"azure\"\n\n[costs]\ncompose-host-eur-month = 120\n",
    )
    .unwrap();
    std::fs::create_dir_all(root.join(".github/workflows")).unwrap();
    std::fs::write(
        root.join(".github/workflows/ci.yml"),
        "on: push\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      # shipready scan is below\n      - run: shipready scan shop/api:1.2 --fail-on high\n",
    )
    .unwrap();
    let path = root.to_str().unwrap();
    let doc = json(&advise(&[path, "-f", "json"]));
    assert_eq!(doc["recommendation"], "kubernetes");
    assert_eq!(doc["platform"], "managed-aks");
    let compose = &doc["options"][0];
    assert_eq!(
        compose["monthly_cost_eur"], 240.0,
        "two regions at the configured 120"
    );
    let gate = task(&doc, 3, "CVE gate in CI");
    assert_eq!(gate["status"], "done");
    assert_eq!(
        gate["evidence"],
        "CI blocks on vulnerabilities: .github/workflows/ci.yml:7: - run: shipready scan shop/api:1.2 --fail-on high"
    );
    let aks_notes = doc["options"][3]["notes"].to_string();
    assert!(aks_notes.contains("replaces a paid scanner"), "{aks_notes}");
    let host = doc["assumptions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["key"] == "compose-host-eur-month")
        .unwrap();
    assert_eq!(host["source"], "config");

    // Flags override the file.
    let doc = json(&advise(&[
        path,
        "-f",
        "json",
        "--team-size",
        "4",
        "--dau",
        "2000",
        "--regions",
        "1",
    ]));
    assert_eq!(doc["recommendation"], "compose");
    let team = doc["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "compose-max-team-size")
        .unwrap();
    assert_eq!(team["value"], 4.0);

    // The terminal answer names the thresholds and what would change it.
    let out = advise(&[path, "--team-size", "4", "--dau", "2000", "--regions", "1"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Recommendation: stay on Docker Compose"),
        "{text}"
    );
    assert!(
        text.contains(
            "What would change it:\n    at 16 engineers (now 4) or at 9 services (now 1)"
        ),
        "{text}"
    );
}

#[test]
fn bad_profiles_are_named_by_file_and_line() {
    for (toml, line, says) in [
        ("[profile]\nteam-size = -3\n", 2, "invalid value"),
        (
            "[profile]\n\ndaily-active-users = \"lots\"\n",
            3,
            "invalid type",
        ),
        ("[profile]\nteams = 3\n", 2, "unknown field `teams`"),
        (
            "[costs.control-plane]\neks = 73\ngke = 65\n",
            1,
            "has no `aks`",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("shipready.toml"), toml).unwrap();
        std::fs::write(
            dir.path().join("compose.yaml"),
            "services:\n  api:\n    image: a:1\n",
        )
        .unwrap();
        let out = advise(&[dir.path().to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{toml}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("shipready.toml:{line}: ")),
            "{toml}: {stderr}"
        );
        assert!(stderr.contains(says), "{toml}: {stderr}");
    }
    let out = advise(&["examples/shop", "--compliance", "soc3"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--compliance soc3"));
}

#[test]
fn the_platform_example_is_past_the_kubernetes_thresholds() {
    let doc = json(&advise(&["examples/platform", "-f", "json"]));
    assert_eq!(doc["recommendation"], "kubernetes");
    assert_eq!(doc["platform"], "managed-eks");
    assert_eq!(doc["services"]["count"], 12);
    let reached = doc["thresholds"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["stage"] == "kubernetes" && r["verdict"] == "exceeds")
        .count();
    assert_eq!(
        reached, 5,
        "every Kubernetes row: 34 engineers, 12 services, 220k DAU, 2 regions, PCI DSS"
    );
    // Its CI gates on shipready scan: no paid scanner in the costs.
    assert_eq!(task(&doc, 3, "CVE gate in CI")["status"], "done");
    // The gateway has an HPA; orders has neither probes nor resources.
    assert_eq!(task(&doc, 3, "autoscaling")["status"], "done");
    let probes = task(&doc, 2, "readiness and liveness probes");
    assert_eq!(probes["status"], "todo");
    assert!(
        probes["evidence"]
            .as_str()
            .unwrap()
            .contains("k8s/orders.yaml"),
        "{probes}"
    );
    let m = doc["roi"]["break_even_month"].as_u64().unwrap();
    assert!(m <= 8, "a team of 34 pays back by the guide's month 8: {m}");
}
