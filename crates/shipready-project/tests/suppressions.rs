//! Every suppression form goes through the one finish step: YAML ignore
//! comments in Compose files and manifests (also for cross-file
//! findings), Kubernetes annotations, Dockerfile comments, per-file
//! ignores in `shipready.toml`; and an ignore that matches nothing is
//! reported as SR-X001 where it is written, whatever its form.

use shipready_project::{discover_settings, Inputs, Options, Report};
use std::path::Path;

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(p, text).expect("write");
}

/// Lints `dir` as `shipready lint dir` would (configuration found in it).
fn lint(dir: &Path) -> Report {
    let settings = discover_settings(None, dir).expect("settings");
    let inputs = Inputs {
        paths: vec![dir.to_path_buf()],
        ..Inputs::default()
    };
    let report = shipready_project::run(&inputs, &settings, &Options::default()).expect("run");
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    report
}

/// `(file name, line, rule)` of every finding of these rules.
fn hits(report: &Report, rules: &[&str]) -> Vec<(String, u32, String)> {
    report
        .findings
        .iter()
        .filter(|f| rules.contains(&f.rule.id))
        .map(|f| {
            let (file, range) = report.position(&f.at);
            let name = Path::new(&file.name)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (
                name,
                range.map_or(0, |(s, _)| s.line),
                f.rule.id.to_string(),
            )
        })
        .collect()
}

fn messages(report: &Report, rule: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.id == rule)
        .map(|f| f.message.clone())
        .collect()
}

const COMPOSE: &str = "\
services:
  web:
    build: ./web
    image: shop/web:1.0
    privileged: true
    ports:
      - \"8080:8080\"
";

const DOCKERFILE: &str = "FROM nginx:1.27\nEXPOSE 80\nUSER 101\n";

#[test]
fn yaml_comments_silence_compose_and_cross_file_findings() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    write(d, "web/Dockerfile", DOCKERFILE);
    write(d, "compose.yaml", COMPOSE);
    let before = lint(d);
    assert_eq!(
        hits(&before, &["SR-C010", "SR-F002"]),
        [
            ("compose.yaml".to_string(), 5, "SR-C010".to_string()),
            ("compose.yaml".to_string(), 7, "SR-F002".to_string()),
        ]
    );
    // On the line before the key, and at the end of the entry's line.
    let commented = COMPOSE
        .replace(
            "    privileged: true\n",
            "    # shipready ignore=SR-C010 the GPU driver needs it\n    privileged: true\n",
        )
        .replace(
            "      - \"8080:8080\"\n",
            "      - \"8080:8080\" # shipready ignore=cross-port-not-exposed nginx listens on 8080 in this image\n",
        );
    write(d, "compose.yaml", &commented);
    let after = lint(d);
    assert_eq!(hits(&after, &["SR-C010", "SR-F002", "SR-X001"]), []);
}

#[test]
fn an_ignore_that_matches_nothing_is_reported_where_it_is_written() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    write(d, "web/Dockerfile", DOCKERFILE);
    write(
        d,
        "compose.yaml",
        &COMPOSE.replace(
            "    image: shop/web:1.0\n",
            "    # shipready ignore=SR-C008,SR-NOPE\n    image: shop/web:1.0\n",
        ),
    );
    write(
        d,
        "deploy.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\n  annotations:\n    shipready.io/ignore: SR-K006\nspec:\n  containers:\n    - name: web\n      image: shop/web:1.0\n",
    );
    let report = lint(d);
    let stale = hits(&report, &["SR-X001"]);
    assert_eq!(
        stale,
        [
            ("compose.yaml".to_string(), 4, "SR-X001".to_string()),
            ("compose.yaml".to_string(), 4, "SR-X001".to_string()),
            ("deploy.yaml".to_string(), 7, "SR-X001".to_string()),
        ]
    );
    let text = messages(&report, "SR-X001").join("\n");
    assert!(
        text.contains("ignore for `SR-C008` matches no finding"),
        "{text}"
    );
    assert!(
        text.contains("`SR-NOPE` in this ignore comment is not a known rule"),
        "{text}"
    );
    assert!(
        text.contains("ignore for `SR-K006` matches no finding"),
        "{text}"
    );
}

#[test]
fn manifests_take_comments_and_annotations() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  containers:\n    - name: web\n      image: shop/web:1.0\n      securityContext:\n        privileged: true\n";
    write(d, "pod.yaml", pod);
    let before = hits(&lint(d), &["SR-K005", "SR-K006"]);
    assert!(
        before.iter().any(|h| h.2 == "SR-K005") && before.iter().any(|h| h.2 == "SR-K006"),
        "{before:?}"
    );
    // A comment above the container covers all of it.
    write(
        d,
        "pod.yaml",
        &pod.replace(
            "    - name: web\n",
            "    # shipready ignore=SR-K005,SR-K006 a node agent\n    - name: web\n",
        ),
    );
    assert_eq!(hits(&lint(d), &["SR-K005", "SR-K006", "SR-X001"]), []);
    // Annotations: ours (IDs, names, upstream codes) and kube-linter's.
    for annotation in [
        "shipready.io/ignore: \"SR-K006\"",
        "shipready.io/ignore: kube-privileged",
        "ignore-check.kube-linter.io/privileged-container: \"needs the GPU driver\"",
    ] {
        write(
            d,
            "pod.yaml",
            &pod.replace(
                "  namespace: shop\n",
                &format!("  namespace: shop\n  annotations:\n    {annotation}\n"),
            ),
        );
        let left = hits(&lint(d), &["SR-K006", "SR-X001"]);
        assert_eq!(left, [], "{annotation} did not switch SR-K006 off");
    }
}

#[test]
fn dockerfile_comments_and_per_file_ignores() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    write(
        d,
        "legacy/Dockerfile",
        "FROM debian:12-slim\nCMD [\"true\"]\n",
    );
    write(d, "app/Dockerfile", "FROM debian:12-slim\nCMD [\"true\"]\n");
    let before = hits(&lint(d), &["SR-D001"]);
    assert_eq!(before.len(), 2, "{before:?}");
    write(
        d,
        "shipready.toml",
        "[per-file-ignores]\n\"legacy/*\" = [\"SR-D001\"]\n\"old/**\" = [\"DL3008\"]\n",
    );
    let report = lint(d);
    let left = hits(&report, &["SR-D001", "SR-X001"]);
    // legacy/ is silenced; app/ is not; the entry for old/** matches no
    // file and is reported at its line in shipready.toml.
    assert_eq!(
        left,
        [
            ("Dockerfile".to_string(), 1, "SR-D001".to_string()),
            ("shipready.toml".to_string(), 3, "SR-X001".to_string()),
        ]
    );
    let (file, _) = report.position(
        &report
            .findings
            .iter()
            .find(|f| f.rule.id == "SR-D001")
            .expect("SR-D001")
            .at,
    );
    assert!(file.name.contains("app"), "{}", file.name);

    // A Dockerfile comment silences the next instruction only (SR-D001
    // sits on the final FROM).
    write(
        d,
        "app/Dockerfile",
        "# shipready ignore=SR-D001 runs as root by design\nFROM debian:12-slim\nCMD [\"true\"]\n",
    );
    write(
        d,
        "legacy/Dockerfile",
        "FROM debian:12-slim\n# shipready ignore=SR-D001\nCMD [\"true\"]\n",
    );
    std::fs::remove_file(d.join("shipready.toml")).expect("rm");
    let left = hits(&lint(d), &["SR-D001", "SR-X001"]);
    assert_eq!(
        left,
        [
            ("Dockerfile".to_string(), 1, "SR-D001".to_string()),
            ("Dockerfile".to_string(), 2, "SR-X001".to_string()),
        ],
        "the comment after the FROM covers the CMD, which has no SR-D001"
    );
}
