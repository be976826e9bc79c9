//! `shipready convert` end to end:
//!
//! - every awesome-compose project of `../shared/corpus` converts; the
//!   manifests pass `kubernetes-validate --strict` for 1.34 and our own
//!   validator, and `shipready lint` finds no error on them and no warning
//!   the converter did not already give for the same service (the only
//!   ones left are what the input carries and the converter never invents:
//!   an image without a version, a service with neither healthcheck nor
//!   port, a single replica bound to one volume, an added capability);
//! - a round trip against `docker compose config`: every service, port,
//!   env key and volume is in the output or in the summary's dropped list;
//! - the Helm chart renders with `helm template` to exactly the plain
//!   output, and `helm lint` passes; the Kustomize base lists every file;
//! - bad input is an error (exit 2, nothing written) naming the service
//!   and line;
//! - a user name is resolved in the image's own /etc/passwd, read from
//!   the Docker Engine.

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use shipready_testkit::reference::{compose_binary, helm, kubernetes_validate, workspace};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const REGISTRY: &str = "registry.invalid/team";

fn shipready(args: &[&str], dir: &Path, env: &[(String, String)]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    out
}

fn awesome_compose() -> Option<PathBuf> {
    let dir = workspace().join("../shared/corpus/awesome-compose");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/corpus/awesome-compose is absent");
        None
    }
}

/// Every project directory with a Compose file.
fn projects(root: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            [
                "compose.yaml",
                "compose.yml",
                "docker-compose.yml",
                "docker-compose.yaml",
            ]
            .iter()
            .any(|n| p.join(n).is_file())
        })
        .collect();
    out.sort();
    out
}

/// A value for every `${VAR}` the project's Compose files use: the
/// samples keep their `.env` out of the repository, as a user's CI sets
/// the variables instead.
fn variables(dir: &Path) -> Vec<(String, String)> {
    let mut vars = BTreeSet::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let Ok(text) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let mut rest = text.as_str();
        while let Some(i) = rest.find("${") {
            rest = &rest[i + 2..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                vars.insert(name);
            }
        }
    }
    // A `…_PATH` is a bind mount's source.
    vars.into_iter()
        .map(|v| {
            let value = if v.ends_with("PATH") {
                "./test-value"
            } else {
                "test-value"
            };
            (v, value.to_string())
        })
        .collect()
}

fn yaml_docs(text: &str) -> Vec<Value> {
    use serde::Deserialize as _;
    serde_yaml_ng::Deserializer::from_str(text)
        .map(|d| Value::deserialize(d).unwrap())
        .filter(|v| !v.is_null())
        .collect()
}

/// One converted project: its summary and its objects.
struct Converted {
    project: PathBuf,
    out: PathBuf,
    summary: Value,
    objects: Vec<Value>,
}

fn convert_all(root: &Path, tmp: &Path) -> Vec<Converted> {
    let mut out = Vec::new();
    for p in projects(root) {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let dir = tmp.join(&name);
        let summary_file = tmp.join(format!("{name}.summary.json"));
        let o = shipready(
            &[
                "convert",
                ".",
                "--registry",
                REGISTRY,
                "--tag",
                "1.0.0",
                "--no-images",
                "-o",
                dir.to_str().unwrap(),
                "--summary",
                "json",
                "--summary-output",
                summary_file.to_str().unwrap(),
            ],
            &p,
            &variables(&p),
        );
        assert_eq!(
            o.status.code(),
            Some(0),
            "{name}: {}",
            std::fs::read_to_string(&summary_file).unwrap_or_default()
        );
        let summary: Value =
            serde_json::from_str(&std::fs::read_to_string(&summary_file).unwrap()).unwrap();
        let mut objects = Vec::new();
        for f in std::fs::read_dir(&dir).unwrap().flatten() {
            if f.path().extension().is_some_and(|e| e == "yaml") {
                objects.extend(yaml_docs(&std::fs::read_to_string(f.path()).unwrap()));
            }
        }
        assert_eq!(
            objects.len(),
            summary["objects"].as_array().unwrap().len(),
            "{name}: one file per object"
        );
        out.push(Converted {
            project: p,
            out: dir,
            summary,
            objects,
        });
    }
    out
}

/// The warnings the converter gave for a service, by its DNS name.
fn warnings_of<'a>(summary: &'a Value, dns: &str) -> Vec<&'a str> {
    let compose = summary["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == dns)
        .and_then(|s| s["compose"].as_str())
        .unwrap_or(dns);
    summary["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["level"] == "warning" && i["service"] == compose)
        .filter_map(|i| i["message"].as_str())
        .collect()
}

#[test]
fn every_awesome_compose_project_converts_to_valid_manifests_lint_finds_nothing_new_in() {
    let Some(root) = awesome_compose() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let converted = convert_all(&root, tmp.path());
    assert!(converted.len() >= 35, "only {} projects", converted.len());

    // kubernetes-validate --strict, Kubernetes 1.34.
    let files: Vec<PathBuf> = converted
        .iter()
        .flat_map(|c| {
            std::fs::read_dir(&c.out)
                .unwrap()
                .flatten()
                .map(|e| e.path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    let v = Command::new(kubernetes_validate())
        .args(["--strict", "--quiet", "-k", "1.34.0"])
        .args(&files)
        .output()
        .unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&v.stdout),
        String::from_utf8_lossy(&v.stderr)
    );
    assert!(v.status.success() && !said.contains("ERROR"), "{said}");

    // shipready lint, our validator included.
    let lint = shipready(
        &["lint", "--format", "json", "--fail-on", "none", "."],
        tmp.path(),
        &[],
    );
    let report: Value = serde_json::from_slice(&lint.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap();
    let mut carried = 0;
    for f in findings {
        let sev = f["severity"].as_str().unwrap();
        if sev != "error" && sev != "warning" {
            continue;
        }
        let file = f["file"].as_str().unwrap();
        let message = f["message"].as_str().unwrap();
        assert_eq!(sev, "warning", "{file}: {message}");
        let path = tmp.path().join(file.trim_start_matches("./"));
        let c = converted
            .iter()
            .find(|c| path.starts_with(&c.out))
            .unwrap_or_else(|| panic!("{file}: not an output"));
        // The workload the finding is about: `Kind/name` in its message.
        let dns = c.summary["objects"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(Value::as_str)
            .find(|id| message.contains(id))
            .and_then(|id| id.split('/').nth(1))
            .unwrap_or_else(|| panic!("{file}: {message}: no object named"));
        let said = warnings_of(&c.summary, dns);
        let key = match f["rule"].as_str().unwrap() {
            "SR-K013" => "names no version",
            "SR-K003" => "no probes",
            "SR-K016" => "one replica",
            "SR-K009" => "cap_add",
            other => panic!("{file}: {other} {message}: the converter made this"),
        };
        assert!(
            said.iter().any(|w| w.contains(key)),
            "{file}: {message}: the converter did not warn ({said:?})"
        );
        carried += 1;
    }
    // The corpus does carry such inputs; a run that finds none checked
    // nothing.
    assert!(carried > 0);
}

/// The objects of kind `kind` named `name`.
fn object<'a>(objects: &'a [Value], kind: &str, name: &str) -> Option<&'a Value> {
    objects
        .iter()
        .find(|o| o["kind"] == kind && o["metadata"]["name"] == name)
}

fn pod_spec(w: &Value) -> &Value {
    if w["kind"] == "CronJob" {
        &w["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    } else {
        &w["spec"]["template"]["spec"]
    }
}

#[test]
fn every_service_port_env_key_and_volume_survives_or_is_dropped_with_a_reason() {
    let Some(root) = awesome_compose() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for c in convert_all(&root, tmp.path()) {
        let vars = variables(&c.project);
        let cfg = Command::new(compose_binary())
            .current_dir(&c.project)
            .envs(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .args(["config", "--format", "json"])
            .output()
            .unwrap();
        assert!(
            cfg.status.success(),
            "{}: {}",
            c.project.display(),
            String::from_utf8_lossy(&cfg.stderr)
        );
        let cfg: Value = serde_json::from_slice(&cfg.stdout).unwrap();
        let dropped: Vec<String> = c.summary["dropped"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["service"].as_str().unwrap(),
                    d["item"].as_str().unwrap()
                )
            })
            .collect();
        for (service, svc) in cfg["services"].as_object().unwrap() {
            let label = format!("{}: {service}", c.project.display());
            let dns = c.summary["services"]
                .as_array()
                .unwrap()
                .iter()
                .find(|s| s["compose"] == service.as_str())
                .unwrap_or_else(|| panic!("{label}: not converted"))["name"]
                .as_str()
                .unwrap()
                .to_string();
            let w = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"]
                .iter()
                .find_map(|k| object(&c.objects, k, &dns))
                .unwrap_or_else(|| panic!("{label}: no workload"));
            let spec = pod_spec(w);
            let container = &spec["containers"][0];
            for p in svc["ports"].as_array().into_iter().flatten() {
                let target = p["target"].as_u64().unwrap();
                let declared = container["ports"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|cp| cp["containerPort"].as_u64() == Some(target));
                assert!(declared, "{label}: port {target}");
                checked += 1;
            }
            let config_env = object(&c.objects, "ConfigMap", &format!("{dns}-env"))
                .map(|m| m["data"].clone())
                .unwrap_or(Value::Null);
            for key in svc["environment"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(k, _)| k)
            {
                let in_env = container["env"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|e| e["name"] == key.as_str());
                let ok = in_env
                    || config_env.get(key).is_some()
                    || dropped.contains(&format!("{service} env {key}"));
                assert!(ok, "{label}: env {key}");
                checked += 1;
            }
            for v in svc["volumes"].as_array().into_iter().flatten() {
                let target = v["target"].as_str().unwrap().trim_end_matches('/');
                let mounted = container["volumeMounts"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|m| m["mountPath"] == target);
                let gone = dropped.iter().any(|d| {
                    d.starts_with(&format!("{service} volume "))
                        && d.trim_end_matches('/').ends_with(&format!(":{target}"))
                });
                assert!(mounted || gone, "{label}: volume at {target}");
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} items checked");
}

fn fixture(name: &str) -> PathBuf {
    workspace()
        .join("crates/shipready-convert/tests/fixtures")
        .join(name)
}

fn by_id(docs: Vec<Value>) -> BTreeMap<String, Value> {
    docs.into_iter()
        .map(|d| {
            (
                format!(
                    "{}/{}",
                    d["kind"].as_str().unwrap(),
                    d["metadata"]["name"].as_str().unwrap()
                ),
                d,
            )
        })
        .collect()
}

#[test]
fn the_helm_chart_renders_to_the_plain_output_and_lints() {
    let mut projects = vec![fixture("full"), fixture("kompose")];
    if let Some(root) = awesome_compose() {
        projects.push(root.join("react-express-mongodb"));
        projects.push(root.join("nginx-golang-mysql"));
    }
    for p in projects {
        let tmp = tempfile::tempdir().unwrap();
        let chart = tmp.path().join("chart");
        let base = [
            "convert",
            ".",
            "--registry",
            REGISTRY,
            "--tag",
            "2.0.0",
            "--no-images",
        ];
        let vars = variables(&p);
        let plain = shipready(&base, &p, &vars);
        assert_eq!(
            plain.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&plain.stderr)
        );
        let mut args = base.to_vec();
        args.extend(["--format", "helm", "-o", chart.to_str().unwrap()]);
        let o = shipready(&args, &p, &vars);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let rendered = Command::new(helm())
            .args(["template", "release"])
            .arg(&chart)
            .output()
            .unwrap();
        assert!(
            rendered.status.success(),
            "{}",
            String::from_utf8_lossy(&rendered.stderr)
        );
        let ours = by_id(yaml_docs(&String::from_utf8(plain.stdout).unwrap()));
        let helms = by_id(yaml_docs(&String::from_utf8(rendered.stdout).unwrap()));
        assert_eq!(
            ours.keys().collect::<Vec<_>>(),
            helms.keys().collect::<Vec<_>>(),
            "{}",
            p.display()
        );
        for (id, o) in &ours {
            assert_eq!(o, &helms[id], "{}: {id}", p.display());
        }
        let lint = Command::new(helm())
            .arg("lint")
            .arg(&chart)
            .output()
            .unwrap();
        assert!(
            lint.status.success(),
            "{}",
            String::from_utf8_lossy(&lint.stdout)
        );
        // A value really moves the output.
        let moved = Command::new(helm())
            .args(["template", "release", "--set", "namespace=elsewhere"])
            .arg(&chart)
            .output()
            .unwrap();
        let moved = by_id(yaml_docs(&String::from_utf8(moved.stdout).unwrap()));
        assert!(moved
            .values()
            .all(|d| d["kind"] == "Namespace" || d["metadata"]["namespace"] == "elsewhere"));
    }
}

#[test]
fn the_kustomize_base_lists_every_object_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("base");
    let o = shipready(
        &[
            "convert",
            ".",
            "--registry",
            REGISTRY,
            "--tag",
            "1",
            "--no-images",
            "--format",
            "kustomize",
            "-o",
            out.to_str().unwrap(),
        ],
        &fixture("full"),
        &[],
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let k = &yaml_docs(&std::fs::read_to_string(out.join("kustomization.yaml")).unwrap())[0];
    let listed: BTreeSet<String> = k["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_string())
        .collect();
    let files: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n != "kustomization.yaml" && !n.starts_with('.'))
        .collect();
    assert_eq!(listed, files);
    assert!(listed.len() > 20);
}

/// Converts `compose` (a Compose file's text) in a fresh directory.
fn convert_text(compose: &str, extra: &[&str]) -> (Output, Value, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("compose.yaml"), compose).unwrap();
    let mut args = vec![
        "convert",
        ".",
        "--no-images",
        "--summary",
        "json",
        "--summary-output",
        "summary.json",
    ];
    args.extend(extra);
    let o = shipready(&args, tmp.path(), &[]);
    let s =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("summary.json")).unwrap())
            .unwrap();
    (o, s, tmp)
}

fn issue<'a>(summary: &'a Value, level: &str, needle: &str) -> &'a Value {
    summary["issues"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["level"] == level && i["message"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no {level} with `{needle}` in {summary:#}"))
}

#[test]
fn bad_input_is_an_error_at_the_service_and_line_and_nothing_is_written() {
    let cases: &[(&str, &str, Option<&str>, u64)] = &[
        ("services:\n  web:\n    image: nginx:1.27\n    ports: \"80\"\n", "invalid Compose", None, 4),
        ("services:\n  web:\n    image: nginx:${SHIPREADY_TEST_UNSET_TAG}\n", "SHIPREADY_TEST_UNSET_TAG", None, 3),
        ("services:\n  ___:\n    image: nginx:1.27\n", "DNS label", Some("___"), 2),
        ("services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8000-8010:8000-8010\"\n", "range", Some("web"), 5),
        ("services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - a:/data\n      - b:/data\nvolumes: {a: {}, b: {}}\n", "two volumes are mounted at `/data`", Some("web"), 6),
        ("services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - undeclared:/data\n", "not declared", Some("web"), 5),
        ("services:\n  api:\n    build: .\n", "--registry", Some("api"), 3),
    ];
    for (compose, needle, service, line) in cases {
        let (o, s, _tmp) = convert_text(compose, &[]);
        assert_eq!(o.status.code(), Some(2), "{compose}");
        assert!(o.stdout.is_empty(), "{compose}: wrote manifests");
        assert_eq!(s["withheld"], true);
        let i = issue(&s, "error", needle);
        assert_eq!(i["line"].as_u64(), Some(*line), "{compose}: {i}");
        assert_eq!(i["file"], "compose.yaml");
        if let Some(svc) = service {
            assert_eq!(i["service"], *svc, "{compose}");
        }
    }
    // network_mode: host is converted without it, with a warning.
    let (o, s, _tmp) = convert_text(
        "services:\n  web:\n    image: nginx:1.27\n    network_mode: host\n",
        &[],
    );
    assert_eq!(o.status.code(), Some(0));
    let i = issue(&s, "warning", "network_mode `host`");
    assert_eq!(
        (i["service"].as_str(), i["line"].as_u64()),
        (Some("web"), Some(4))
    );
    assert!(!String::from_utf8(o.stdout).unwrap().contains("hostNetwork"));
}

#[test]
fn a_directory_of_other_files_is_never_written_into() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("keep.txt"), "mine").unwrap();
    let o = shipready(
        &[
            "convert",
            ".",
            "--registry",
            REGISTRY,
            "--tag",
            "1",
            "--no-images",
            "-o",
            tmp.path().to_str().unwrap(),
        ],
        &fixture("full"),
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("did not write"));
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn a_user_name_is_resolved_in_the_images_own_passwd() {
    let ctx = tempfile::tempdir().unwrap();
    std::fs::write(
        ctx.path().join("Dockerfile"),
        "FROM scratch\nCOPY passwd /etc/passwd\nCOPY group /etc/group\nUSER app\nEXPOSE 9000\n",
    )
    .unwrap();
    std::fs::write(
        ctx.path().join("passwd"),
        "root:x:0:0:root:/root:/sbin/nologin\napp:x:10001:10002::/app:/sbin/nologin\n",
    )
    .unwrap();
    std::fs::write(
        ctx.path().join("group"),
        "root:x:0:\napp:x:10002:\nstaff:x:50:\n",
    )
    .unwrap();
    let tag = format!("shipready-test/convert-user:{}", std::process::id());
    shipready_testkit::engine::build(ctx.path(), &tag);
    let compose = format!("services:\n  app:\n    image: {tag}\n  named:\n    image: {tag}\n    user: \"app:staff\"\n  ghost:\n    image: {tag}\n    user: nobody\n");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("compose.yaml"), &compose).unwrap();
    let o = shipready(
        &[
            "convert",
            ".",
            "--summary",
            "json",
            "--summary-output",
            "s.json",
        ],
        tmp.path(),
        &[],
    );
    let _ = Command::new("docker").args(["rmi", "-f", &tag]).output();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let docs = by_id(yaml_docs(&String::from_utf8(o.stdout).unwrap()));
    let ctx_of = |name: &str| {
        docs[&format!("Deployment/{name}")]["spec"]["template"]["spec"]["containers"][0]
            ["securityContext"]
            .clone()
    };
    assert_eq!(ctx_of("app")["runAsUser"], 10001);
    assert_eq!(ctx_of("app")["runAsGroup"], 10002);
    assert_eq!(ctx_of("named")["runAsGroup"], 50);
    assert!(ctx_of("ghost").get("runAsUser").is_none());
    // The image's EXPOSE gives the Service a port.
    assert_eq!(docs["Service/app"]["spec"]["ports"][0]["port"], 9000);
    let s: Value =
        serde_json::from_str(&std::fs::read_to_string(tmp.path().join("s.json")).unwrap()).unwrap();
    assert!(s["images_read"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i == tag.as_str()));
    issue(&s, "warning", "`nobody` is not in the image's /etc/passwd");
}

#[test]
fn output_is_stable_and_the_summary_reads_in_every_form() {
    let dir = fixture("full");
    let args = [
        "convert",
        ".",
        "--registry",
        REGISTRY,
        "--tag",
        "3",
        "--no-images",
    ];
    let a = shipready(&args, &dir, &[]);
    let b = shipready(&args, &dir, &[]);
    assert_eq!(a.status.code(), Some(0));
    assert_eq!(a.stdout, b.stdout, "two runs differ");
    // The human summary goes to standard error, next to the manifests.
    let human = String::from_utf8(a.stderr).unwrap();
    assert!(
        human.starts_with("converted full → 25 objects in namespace full"),
        "{human}"
    );
    assert!(human.contains("compose.yaml:"), "{human}");
    let mut md_args = args.to_vec();
    md_args.extend(["--summary", "markdown"]);
    let md = String::from_utf8(shipready(&md_args, &dir, &[]).stderr).unwrap();
    assert!(md.starts_with("## shipready convert: full"), "{md}");
    assert!(md.contains("| web | Deployment |"), "{md}");
    assert!(md.contains("### Dropped"), "{md}");
    assert!(md.contains("| warning | compose.yaml:"), "{md}");
}

#[test]
fn several_file_layouts_need_a_directory() {
    for layout in ["kustomize", "helm"] {
        let o = shipready(
            &[
                "convert",
                ".",
                "--registry",
                REGISTRY,
                "--tag",
                "1",
                "--no-images",
                "--format",
                layout,
            ],
            &fixture("full"),
            &[],
        );
        assert_eq!(o.status.code(), Some(2), "{layout}");
        assert!(o.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("-o DIR"),
            "{layout}"
        );
    }
}
