use super::*;
use facts::{CiFacts, DockerfileFact, ImageFact, ServiceFact};
use framework::Verdict;
use profile::Compliance;

fn services(names: &[&str]) -> Vec<ServiceFact> {
    names
        .iter()
        .map(|n| ServiceFact {
            name: n.to_string(),
            healthcheck: *n != "db",
            one_shot: false,
            image: None,
        })
        .collect()
}

fn small_repo() -> Facts {
    Facts {
        compose_services: services(&["api", "worker", "web", "db", "redis"]),
        dockerfiles: vec![
            DockerfileFact {
                path: "api/Dockerfile".into(),
                label: "api".into(),
                stages: 1,
            },
            DockerfileFact {
                path: "web/Dockerfile".into(),
                label: "web".into(),
                stages: 2,
            },
        ],
        images: vec![ImageFact {
            reference: "shop/api:1".into(),
            size: 900_000_000,
            uncompressed_size: 2_000_000_000,
        }],
        ci: CiFacts {
            files: vec![".github/workflows/ci.yml".into()],
            cve_gate: None,
        },
        ..Facts::default()
    }
}

fn flags(team: u32, dau: u64) -> Profile {
    Profile {
        team_size: Some(team),
        daily_active_users: Some(dau),
        ..Profile::default()
    }
}

#[test]
fn a_small_team_stays_on_compose_and_is_told_what_would_change_it() {
    let a = advise(&AdviceConfig::default(), &flags(6, 8000), small_repo());
    assert_eq!(a.decision.recommendation, Stage::Compose);
    assert_eq!(a.platform, "compose");
    assert_eq!(a.services_from, "compose");
    let services = a
        .decision
        .rows
        .iter()
        .find(|r| r.threshold.key == "compose-max-services")
        .expect("row");
    assert_eq!(
        (services.value, services.verdict),
        (Some(5.0), Verdict::Within)
    );
    let change = &a.decision.would_change[0];
    assert!(change.contains("at 9 services (now 5)"), "{change}");
    assert!(
        change.contains("at 50,001 daily active users (now 8,000)"),
        "{change}"
    );
    assert!(change.contains("at 16 engineers (now 6)"), "{change}");
    assert!(
        change.ends_with("start phase 2 (prepare the migration)"),
        "{change}"
    );
    // The profile fields nobody gave are asked for.
    assert!(a.missing.contains(&"regions") && a.missing.contains(&"compliance"));
}

#[test]
fn one_migration_signal_prepares_and_two_kubernetes_signals_migrate() {
    let a = advise(&AdviceConfig::default(), &flags(16, 8000), small_repo());
    assert_eq!(a.decision.recommendation, Stage::PrepareMigration);
    assert!(
        a.decision.would_change[0].starts_with("2 more of these"),
        "{:?}",
        a.decision.would_change
    );

    let big = Profile {
        team_size: Some(25),
        daily_active_users: Some(150_000),
        services: Some(12),
        regions: Some(2),
        compliance: Some(vec![Compliance::Soc2]),
        hosting: Some(profile::Hosting::Gcp),
        ..Profile::default()
    };
    let a = advise(&AdviceConfig::default(), &big, small_repo());
    assert_eq!(a.decision.recommendation, Stage::Kubernetes);
    assert_eq!(a.platform, "managed-gke");
    assert_eq!(a.services_from, "profile");
    let platforms: Vec<&str> = a.options.iter().map(|o| o.platform).collect();
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
    // Two clusters: (control plane + nodes) × 2 + the monitoring stack.
    let gke = &a.options[2];
    assert!((gke.monthly_cost_eur - ((65.0 + 817.0) * 2.0 + 2300.0)).abs() < 1e-9);
}

#[test]
fn break_even_reproduces_the_guides_month_8_from_its_inputs() {
    // Team of 25 on EKS, one region. Benefit at full ramp:
    // 25 × 7,500 × 0.23 + 2 × 3,000 × 0.67 = 47,145 a month (half in
    // months 5-6). Cost: the migration 4 × 7,500 spread over months 1-4,
    // the DevOps FTE 7,500 a month in year one, and from month 3 the
    // platform's 73 + 817 + 2,300 − 89 = 3,101 a month over Compose.
    // Month 7: 94,290 against 98,005; month 8: 141,435 against 108,606.
    let profile = Profile {
        hosting: Some(profile::Hosting::Aws),
        services: Some(12),
        regions: Some(1),
        compliance: Some(vec![Compliance::PciDss]),
        ..flags(25, 150_000)
    };
    let a = advise(&AdviceConfig::default(), &profile, small_repo());
    let roi = a.roi.expect("roi");
    assert_eq!(roi.platform, "managed-eks");
    let m7 = &roi.months[6];
    assert!((m7.cumulative_cost_eur - 98_005.0).abs() < 1e-6, "{m7:?}");
    assert!(
        (m7.cumulative_benefit_eur - 94_290.0).abs() < 1e-6,
        "{m7:?}"
    );
    assert_eq!(roi.break_even_month, Some(8));
    assert_eq!(roi.guide_break_even_month, 8.0);

    // A team of four pays back only in month 22, and only with the
    // guide's claimed gains.
    let a = advise(
        &AdviceConfig::default(),
        &Profile {
            hosting: Some(profile::Hosting::Aws),
            ..flags(4, 1000)
        },
        small_repo(),
    );
    assert_eq!(a.roi.expect("roi").break_even_month, Some(22));
}

#[test]
fn without_a_team_size_there_is_no_roi_and_it_is_asked_for() {
    let a = advise(&AdviceConfig::default(), &Profile::default(), small_repo());
    assert!(a.roi.is_none());
    assert!(a.missing.contains(&"team-size"));
    assert!(a
        .decision
        .would_change
        .iter()
        .any(|c| c.contains("(now unknown: set team-size)")));
}

#[test]
fn the_plan_is_filled_with_the_repository() {
    let a = advise(&AdviceConfig::default(), &flags(6, 8000), small_repo());
    let p1 = &a.plan.plan[0];
    let evidence: Vec<&str> = p1.tasks.iter().map(|t| t.evidence.as_str()).collect();
    assert!(
        evidence.contains(&"1 of 2 Dockerfiles are single-stage: api"),
        "{evidence:?}"
    );
    assert!(
        evidence.contains(&"1 images over 150 MB: shop/api:1 (900 MB)"),
        "{evidence:?}"
    );
    assert!(evidence.contains(&"no healthcheck on db"), "{evidence:?}");
    assert_eq!(a.plan.current, 1);
    let gate = &a.plan.plan[2].tasks[0];
    assert_eq!(gate.status, plan::Status::Todo);
    assert!(
        gate.evidence
            .starts_with("no CVE gate in CI (.github/workflows/ci.yml)"),
        "{}",
        gate.evidence
    );
    // Image economics for the 900 MB image at one deploy a day on 3 nodes.
    assert_eq!(a.images.len(), 1);
    assert!((a.images[0].monthly_gb - 0.9 * 30.0 * 3.0).abs() < 1e-9);
}

#[test]
fn a_cve_gate_replaces_the_paid_scanner() {
    let mut facts = small_repo();
    let without = advise(&AdviceConfig::default(), &flags(25, 150_000), facts.clone());
    facts.ci.cve_gate =
        Some(".github/workflows/ci.yml:12: shipready scan app --fail-on high".into());
    let with = advise(&AdviceConfig::default(), &flags(25, 150_000), facts);
    let eks = |a: &Advice| a.options[1].clone();
    assert!(
        (eks(&without).first_year_cost_eur - eks(&with).first_year_cost_eur - 12_000.0).abs()
            < 1e-6
    );
    assert!(eks(&with)
        .notes
        .iter()
        .any(|n| n.contains("replaces a paid scanner")));
}

/// Every key the model reads is a row of the table, so no figure is a
/// hidden default.
#[test]
fn every_key_read_is_in_the_table() {
    let table = CostTable::default();
    for src in [
        include_str!("options.rs"),
        include_str!("roi.rs"),
        include_str!("economics.rs"),
        include_str!("lib.rs"),
        include_str!("costs.rs"),
    ] {
        for piece in src.split("get(\"").skip(1) {
            let key = piece.split('"').next().unwrap_or("");
            assert!(table.knows(key), "`{key}` is read but not in the table");
        }
    }
}

#[test]
fn growth_says_when_the_next_limit_is_crossed() {
    let p = Profile {
        expected_growth_percent: Some(100.0),
        ..flags(6, 12_500)
    };
    let a = advise(&AdviceConfig::default(), &p, small_repo());
    // 12,500 doubling yearly passes 50,000 after two years.
    assert!(
        a.decision.would_change.iter().any(|c| c
            == "at 100 % growth a year, 12500 daily active users pass 50000 in about 24 months"),
        "{:?}",
        a.decision.would_change
    );
}
