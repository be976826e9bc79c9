//! `shipready db`, `scan` and `sbom` end to end: the database built from
//! real advisories (`../shared/vulndb`) and from the rule fixtures' OSV
//! record, `db update` against a local HTTP server, the gate and its
//! filters (ignore file, VEX, `--ignore-unfixed`), the JSON contract, the
//! documents validated against the official schemas, and bad input.

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use shipready_testkit::http::{Reply, Server};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_shipready"));
    c.env("NO_COLOR", "1");
    // Never the developer's own database.
    c.env("SHIPREADY_DB", "/nonexistent/shipready-db");
    c
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> Option<PathBuf> {
    let p = workspace().join("../shared");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED: {} is absent", p.display());
        None
    }
}

fn run(args: &[&str], cwd: &Path) -> Output {
    let out = bin()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run shipready");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "panic: {err}");
    out
}

fn code(out: &Output) -> i32 {
    out.status.code().expect("exit code")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", stdout(out)))
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    std::fs::write(&p, text).expect("write");
    p
}

/// The rule fixture's record: Django before 3.2.5, CVSS 9.8 CRITICAL.
fn fixture_records() -> PathBuf {
    workspace().join("crates/shipready-lint/fixtures/SR-V001/vulndb")
}

/// A database built from the fixture record by the CLI.
fn fixture_db(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).expect("mkdir");
    let db = dir.join("db");
    let out = run(
        &[
            "db",
            "import",
            fixture_records().to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
        dir,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("imported 1 records"),
        "{}",
        stderr(&out)
    );
    db
}

fn tree(dir: &Path, requirements: &str) -> PathBuf {
    let t = dir.join("app");
    write(&t, "requirements.txt", requirements);
    t
}

#[test]
fn the_gate_blocks_critical_and_the_json_is_the_contract() {
    let tmp = tempfile::tempdir().unwrap();
    let db = fixture_db(tmp.path());
    let app = tree(tmp.path(), "# pins\nDjango==3.2.1\ngunicorn==22.0.0\n");
    let out = run(
        &[
            "scan",
            app.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "-f",
            "json",
        ],
        tmp.path(),
    );
    assert_eq!(
        code(&out),
        1,
        "CRITICAL fails the default gate: {}",
        stderr(&out)
    );
    let doc = json(&out);
    assert_eq!(doc["version"], 1);
    assert_eq!(doc["target"], app.to_str().unwrap());
    assert_eq!(doc["packages_scanned"], 2);
    assert!(doc["db"]["built"].as_str().unwrap().ends_with('Z'));
    assert_eq!(doc["db"]["sources"][0]["name"], "GitHub");
    let v = &doc["vulnerabilities"].as_array().unwrap()[..];
    assert_eq!(v.len(), 1, "{v:?}");
    let d = &v[0];
    assert_eq!(d["id"], "GHSA-xpfp-f569-q3p2");
    assert_eq!(d["aliases"][0], "CVE-2021-35042");
    assert_eq!(d["package"], "Django");
    assert_eq!(d["version"], "3.2.1");
    assert_eq!(d["ecosystem"], "PyPI");
    assert_eq!(d["purl"], "pkg:pypi/django@3.2.1");
    assert_eq!(
        d["fixed_versions"],
        serde_json::json!(["3.2.5"]),
        "only fixes above 3.2.1"
    );
    assert_eq!(d["severity"], "CRITICAL");
    assert_eq!(d["cvss_score"], 9.8);
    assert_eq!(d["title"], "SQL injection in Django's QuerySet.order_by");
    assert_eq!(d["location"]["line"], 2);
    assert!(d["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("requirements.txt"));

    // The gate's threshold moves.
    let db_s = db.to_str().unwrap();
    let app_s = app.to_str().unwrap();
    assert_eq!(
        code(&run(
            &["scan", app_s, "--db", db_s, "--fail-on", "critical"],
            tmp.path()
        )),
        1
    );
    assert_eq!(
        code(&run(
            &["scan", app_s, "--db", db_s, "--fail-on", "none"],
            tmp.path()
        )),
        0
    );
    // It has a fix: --ignore-unfixed keeps it.
    assert_eq!(
        code(&run(
            &["scan", app_s, "--db", db_s, "--ignore-unfixed"],
            tmp.path()
        )),
        1
    );
    // The fixed version passes.
    let fixed = tree(&tmp.path().join("fixed"), "Django==3.2.5\n");
    let out = run(&["scan", fixed.to_str().unwrap(), "--db", db_s], tmp.path());
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("no known vulnerabilities"),
        "{}",
        stdout(&out)
    );

    // The table groups by package and names the upgrade.
    let out = run(&["scan", app_s, "--db", db_s], tmp.path());
    let table = stdout(&out);
    assert!(table.contains("Django 3.2.1"), "{table}");
    assert!(table.contains("upgrade to 3.2.5"), "{table}");
    assert!(table.contains("CRITICAL"), "{table}");
    assert!(
        table.contains("GHSA-xpfp-f569-q3p2 (CVE-2021-35042)"),
        "{table}"
    );

    // `lint` of the tree includes it when the database is named.
    let out = run(&["lint", app_s, "--db", db_s, "-f", "json"], tmp.path());
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let findings = json(&out)["findings"].as_array().unwrap().clone();
    assert!(
        findings
            .iter()
            .any(|f| f["rule"] == "SR-V001" && f["line"] == 2),
        "{findings:?}"
    );
    // …and `--no-vulns` leaves it out.
    let out = run(
        &["lint", app_s, "--db", db_s, "--no-vulns", "-f", "json"],
        tmp.path(),
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn ignore_file_and_vex_suppress_with_their_reasons() {
    let tmp = tempfile::tempdir().unwrap();
    let db = fixture_db(tmp.path());
    let db_s = db.to_str().unwrap();
    let app = tree(tmp.path(), "Django==3.2.1\n");
    let app_s = app.to_str().unwrap();
    write(
        &app,
        ".shipready-ignore.toml",
        "[[ignore]]\nid = \"CVE-2021-35042\"\npackage = \"django\"\nreason = \"ordering never comes from user input\"\nexpires = 2099-01-01\n\n[[ignore]]\nid = \"CVE-2000-0001\"\nreason = \"left over\"\n",
    );
    let out = run(&["scan", app_s, "--db", db_s, "-f", "json"], tmp.path());
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let doc = json(&out);
    assert_eq!(doc["vulnerabilities"].as_array().unwrap().len(), 0);
    let s = &doc["suppressed"][0];
    assert_eq!(s["id"], "GHSA-xpfp-f569-q3p2");
    assert!(
        s["reason"]
            .as_str()
            .unwrap()
            .contains("ordering never comes from user input"),
        "{s}"
    );
    // The unused entry is a finding in the ignore file (SARIF shows it).
    let out = run(&["scan", app_s, "--db", db_s, "-f", "sarif"], tmp.path());
    let sarif = json(&out);
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let stale = results
        .iter()
        .find(|r| r["ruleId"] == "SR-V002")
        .expect("SR-V002");
    assert!(
        stale["message"]["text"]
            .as_str()
            .unwrap()
            .contains("CVE-2000-0001"),
        "{stale}"
    );
    assert_eq!(
        stale["locations"][0]["physicalLocation"]["region"]["startLine"],
        7
    );

    // An entry without a reason is an error naming the file and line.
    write(
        &app,
        ".shipready-ignore.toml",
        "[[ignore]]\nid = \"CVE-2021-35042\"\n",
    );
    let out = run(&["scan", app_s, "--db", db_s], tmp.path());
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        all.contains(".shipready-ignore.toml") && all.contains("line 1") && all.contains("reason"),
        "{all}"
    );
    std::fs::remove_file(app.join(".shipready-ignore.toml")).unwrap();

    // OpenVEX: not_affected suppresses, with the justification.
    let vex = write(
        tmp.path(),
        "app.openvex.json",
        r#"{"@context": "https://openvex.dev/ns/v0.2.0", "@id": "https://example.com/vex/1", "author": "ops", "timestamp": "2026-11-01T00:00:00Z", "version": 1,
            "statements": [{"vulnerability": {"name": "CVE-2021-35042"}, "products": [{"@id": "pkg:pypi/django@3.2.1"}],
                            "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"}]}"#,
    );
    let out = run(
        &[
            "scan",
            app_s,
            "--db",
            db_s,
            "--vex",
            vex.to_str().unwrap(),
            "-f",
            "json",
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let doc = json(&out);
    assert!(
        doc["suppressed"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("vulnerable_code_not_in_execute_path"),
        "{doc}"
    );
    // A statement about another version does not apply.
    let other = write(
        tmp.path(),
        "other.openvex.json",
        r#"{"statements": [{"vulnerability": "CVE-2021-35042", "products": ["pkg:pypi/django@3.2.4"], "status": "not_affected"}]}"#,
    );
    let out = run(
        &[
            "scan",
            app_s,
            "--db",
            db_s,
            "--vex",
            other.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 1);
    // CycloneDX VEX: analysis.state not_affected.
    let cdx = write(
        tmp.path(),
        "app.cdx.json",
        r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "vulnerabilities": [{"id": "GHSA-xpfp-f569-q3p2",
            "analysis": {"state": "not_affected", "justification": "requires_configuration"}, "affects": [{"ref": "pkg:pypi/django@3.2.1"}]}]}"#,
    );
    let out = run(
        &["scan", app_s, "--db", db_s, "--vex", cdx.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    // A VEX file that does not read fails the run: the gate must not
    // pass on what it could not read.
    let bad = write(tmp.path(), "bad.json", "{\"statements\": 3}");
    let out = run(
        &["scan", app_s, "--db", db_s, "--vex", bad.to_str().unwrap()],
        tmp.path(),
    );
    assert_eq!(code(&out), 2, "{}", stdout(&out));
}

fn cyclonedx_validator(shared: &Path) -> jsonschema::Validator {
    let read = |p: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(shared.join("schemas").join(p)).expect(p))
            .expect(p)
    };
    let mut registry = jsonschema::Registry::new();
    for (uri, file) in [
        (
            "http://cyclonedx.org/schema/spdx.schema.json",
            "cyclonedx/spdx.schema.json",
        ),
        (
            "http://cyclonedx.org/schema/jsf-0.82.schema.json",
            "cyclonedx/jsf-0.82.schema.json",
        ),
    ] {
        registry = registry.add(uri, read(file)).expect("resource");
    }
    let registry = registry.prepare().expect("the referenced schemas resolve");
    jsonschema::options()
        .with_registry(&registry)
        .build(&read("cyclonedx/bom-1.6.schema.json"))
        .expect("compile")
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid:\n{}", errors.join("\n"));
}

#[test]
fn documents_validate_against_the_official_schemas() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let db = fixture_db(tmp.path());
    let app = tree(tmp.path(), "Django==3.2.1\nrequests==2.31.0\n");
    write(&app, "Cargo.lock", "version = 3\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n");
    let app_s = app.to_str().unwrap();
    let cdx = cyclonedx_validator(&shared);
    // The VEX document: the BOM and its vulnerability.
    let out = run(
        &[
            "scan",
            app_s,
            "--db",
            db.to_str().unwrap(),
            "-f",
            "cyclonedx-vex",
        ],
        tmp.path(),
    );
    let doc = json(&out);
    assert_valid(&cdx, &doc);
    assert_eq!(doc["vulnerabilities"][0]["id"], "GHSA-xpfp-f569-q3p2");
    assert_eq!(
        doc["vulnerabilities"][0]["ratings"][0]["severity"],
        "critical"
    );
    let affected = doc["vulnerabilities"][0]["affects"][0]["ref"]
        .as_str()
        .unwrap();
    assert!(
        doc["components"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["bom-ref"] == affected && c["name"] == "Django"),
        "{doc}"
    );
    // The SBOMs.
    let out = run(&["sbom", app_s, "-f", "cyclonedx"], tmp.path());
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let doc = json(&out);
    assert_valid(&cdx, &doc);
    let names: Vec<&str> = doc["components"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(
        names.contains(&"smallvec") && names.contains(&"requests"),
        "{names:?}"
    );
    let out = run(&["sbom", app_s, "-f", "spdx"], tmp.path());
    let doc = json(&out);
    let spdx: Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("schemas/spdx/spdx-schema-2.3.json")).unwrap(),
    )
    .unwrap();
    assert_valid(&jsonschema::options().build(&spdx).unwrap(), &doc);
    let out = run(&["sbom", app_s], tmp.path());
    let table = stdout(&out);
    assert!(
        table.contains("smallvec") && table.contains("1.6.0") && table.contains("cargo"),
        "{table}"
    );
}

#[test]
fn real_advisories_find_real_vulnerabilities() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let vulndb = shared.join("vulndb");
    let out = run(
        &[
            "db",
            "import",
            vulndb.join("pypa-advisory-database").to_str().unwrap(),
            vulndb.join("rustsec-advisory-db").to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let out = run(
        &["db", "status", "--db", db.to_str().unwrap(), "-f", "json"],
        tmp.path(),
    );
    let status = json(&out);
    let sources: Vec<&str> = status["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        sources.contains(&"PyPA") && sources.contains(&"RustSec"),
        "{sources:?}"
    );
    let app = tree(tmp.path(), "requests==2.19.0\n");
    write(&app, "Cargo.lock", "version = 3\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n");
    let out = run(
        &[
            "scan",
            app.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
            "-f",
            "json",
        ],
        tmp.path(),
    );
    let doc = json(&out);
    let ids: Vec<(&str, &str)> = doc["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["package"].as_str().unwrap(), v["id"].as_str().unwrap()))
        .collect();
    // requests 2.19.0: the redirect Authorization leak (fixed in 2.20.0).
    assert!(ids.contains(&("requests", "PYSEC-2018-28")), "{ids:?}");
    // smallvec 1.6.0: RUSTSEC-2021-0003, the insert_many overflow.
    assert!(ids.contains(&("smallvec", "RUSTSEC-2021-0003")), "{ids:?}");
    // The PyPA records carry no CVSS: UNKNOWN does not fail `high`, and
    // `--fail-on-unknown` makes it.
    let args = ["scan", app.to_str().unwrap(), "--db", db.to_str().unwrap()];
    let out = run(&args, tmp.path());
    assert!(
        stderr(&out).contains("unknown severity"),
        "{}",
        stderr(&out)
    );
    let mut strict = args.to_vec();
    strict.push("--fail-on-unknown");
    assert_eq!(code(&run(&strict, tmp.path())), 1);
}

fn zip_of(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        for (name, bytes) in files {
            z.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
                .unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap();
    }
    buf.into_inner()
}

/// An OSV export as osv.dev publishes it: the JSON records of one
/// ecosystem in a zip, here from the Go vulndb in ../shared.
fn go_export(shared: &Path, limit: usize) -> Vec<u8> {
    let dir = shared.join("vulndb/golang-vulndb");
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        let mut entries: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "json")
                && p.file_name().unwrap().to_string_lossy().starts_with("GO-")
                && files.len() < limit
            {
                files.push((
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                ));
            }
        }
    }
    assert!(files.len() >= 100, "Go records found: {}", files.len());
    zip_of(&files)
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn built(db: &Path, cwd: &Path) -> String {
    let out = run(
        &["db", "status", "--db", db.to_str().unwrap(), "-f", "json"],
        cwd,
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    json(&out)["built"].as_str().unwrap().to_string()
}

#[test]
fn db_update_downloads_checks_and_replaces_atomically() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let db_s = db.to_str().unwrap();
    let go = go_export(&shared, 400);
    let pypa = {
        let dir = shared.join("vulndb/pypa-advisory-database/vulns/django");
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        zip_of(&files)
    };
    let server = Server::start();
    server.route(
        "Go/all.zip",
        vec![Reply::Status(429), Reply::Body(go.clone())],
    );
    server.route("PyPI/all.zip", vec![Reply::Body(pypa.clone())]);
    let go_url = server.url("Go/all.zip");
    let pypi_url = server.url("PyPI/all.zip");

    // A rate limit is retried; both exports are imported.
    let out = run(
        &[
            "db", "update", "--db", db_s, "--source", &go_url, "--source", &pypi_url,
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("HTTP 429"),
        "the retry is said: {}",
        stderr(&out)
    );
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|p| *p == "/Go/all.zip")
            .count(),
        2
    );
    let out = run(&["db", "status", "--db", db_s, "-f", "json"], tmp.path());
    let status = json(&out);
    let count = |name: &str| {
        status["sources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .map_or(0, |s| s["records"].as_u64().unwrap())
    };
    assert!(count("Go vulndb") >= 100 && count("PyPA") >= 20, "{status}");
    let first = built(&db, tmp.path());
    let app = tree(tmp.path(), "Django==3.2.1\n");
    let out = run(
        &["scan", app.to_str().unwrap(), "--db", db_s, "-f", "json"],
        tmp.path(),
    );
    assert!(json(&out)["vulnerabilities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|v| v["id"] == "PYSEC-2021-109"));

    // A pinned checksum that does not match: the update fails and the
    // old database stays.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let wrong = format!("{pypi_url}#sha256={}", "0".repeat(64));
    let out = run(
        &["db", "update", "--db", db_s, "--source", &wrong],
        tmp.path(),
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("SHA-256"), "{}", stderr(&out));
    assert_eq!(
        built(&db, tmp.path()),
        first,
        "the old database is untouched"
    );
    // A body cut short is retried, then refused.
    server.route("cut.zip", vec![Reply::Truncated(pypa.clone())]);
    let out = run(
        &[
            "db",
            "update",
            "--db",
            db_s,
            "--source",
            &server.url("cut.zip"),
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert_eq!(built(&db, tmp.path()), first);
    // A server error that does not go away.
    server.route("gone.zip", vec![Reply::Status(404)]);
    let out = run(
        &[
            "db",
            "update",
            "--db",
            db_s,
            "--source",
            &server.url("gone.zip"),
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("HTTP 404"), "{}", stderr(&out));
    // The right checksum passes and replaces the database.
    let right = format!("{pypi_url}#sha256={}", sha256(&pypa));
    let out = run(
        &["db", "update", "--db", db_s, "--source", &right],
        tmp.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_ne!(built(&db, tmp.path()), first);
    // Nothing is left behind in the database directory.
    let left: Vec<String> = std::fs::read_dir(&db)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["shipready-vulns.sqlite"], "{left:?}");

    // A team's published database file is installed as is.
    let published = std::fs::read(db.join("shipready-vulns.sqlite")).unwrap();
    server.route("ci/shipready-vulns.sqlite", vec![Reply::Body(published)]);
    let other = tmp.path().join("ci-db");
    let out = run(
        &[
            "db",
            "update",
            "--db",
            other.to_str().unwrap(),
            "--source",
            &server.url("ci/shipready-vulns.sqlite"),
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(built(&other, tmp.path()), built(&db, tmp.path()));
    // Plain HTTP is refused beyond this machine (no connection is made).
    let out = run(
        &[
            "db",
            "update",
            "--db",
            db_s,
            "--source",
            "http://vulns.example.invalid/all.zip",
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("plain http://"), "{}", stderr(&out));
}

#[test]
fn bad_databases_and_lockfiles_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let app = tree(tmp.path(), "Django==3.2.1\n");
    let app_s = app.to_str().unwrap();
    // No database: the message says how to make one.
    let out = run(
        &[
            "scan",
            app_s,
            "--db",
            tmp.path().join("none").to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("shipready db update"),
        "{}",
        stderr(&out)
    );
    // A corrupt file and a truncated one.
    let db = fixture_db(tmp.path());
    let file = db.join("shipready-vulns.sqlite");
    let whole = std::fs::read(&file).unwrap();
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    let out = run(&["scan", app_s, "--db", db.to_str().unwrap()], tmp.path());
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert!(stderr(&out).contains("rebuild it"), "{}", stderr(&out));
    std::fs::write(&file, b"this is not SQLite at all, just text").unwrap();
    let out = run(&["scan", app_s, "--db", db.to_str().unwrap()], tmp.path());
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("not a readable vulnerability database"),
        "{}",
        stderr(&out)
    );

    let db = fixture_db(&tmp.path().join("fresh"));
    let db_s = db.to_str().unwrap();
    // A lockfile that is not what its name says.
    let liar = tmp.path().join("liar");
    write(&liar, "package-lock.json", "just some notes, not JSON\n");
    let out = run(&["scan", liar.to_str().unwrap(), "--db", db_s], tmp.path());
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert!(
        stdout(&out).contains("package-lock.json"),
        "{}",
        stdout(&out)
    );
    // An installed version that does not read is never taken for clean.
    let odd = tree(&tmp.path().join("odd"), "Django==3.2.1.dev-foo!bar\n");
    let out = run(&["scan", odd.to_str().unwrap(), "--db", db_s], tmp.path());
    assert_eq!(code(&out), 2, "{}", stdout(&out));
    assert!(stdout(&out).contains("not matched"), "{}", stdout(&out));
    // A million-entry lockfile: refused with a clear error, in bounded
    // memory.
    let huge = tmp.path().join("huge");
    std::fs::create_dir_all(&huge).unwrap();
    let mut text = String::with_capacity(24 << 20);
    for i in 0..1_000_000 {
        text.push_str(&format!("pkg{i}==1.0.{}\n", i % 10));
    }
    std::fs::write(huge.join("requirements.txt"), text).unwrap();
    let out = run(&["sbom", huge.to_str().unwrap()], tmp.path());
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("packages in one file"),
        "{}",
        stdout(&out)
    );
}

/// A Debian 11 image with an OpenSSL before DSA-5343-1 (its binary
/// package `libssl1.1`, source `openssl`) and Django installed by pip in
/// a later layer, as a real `docker save` archive.
const IMAGE: &str = r#"
reference = "shop/api:1.0"
[config]
User = "10001"
[[layers]]
created_by = "/bin/sh -c #(nop) ADD file:debian-bullseye in /"
files = [
  { path = "usr/lib/os-release", text = "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\nID=debian\nVERSION_ID=\"11\"\n" },
  { path = "var/lib/dpkg/status", text = "Package: libssl1.1\nStatus: install ok installed\nPriority: optional\nArchitecture: amd64\nSource: openssl\nVersion: 1.1.1n-0+deb11u3\nDescription: Secure Sockets Layer toolkit\n\nPackage: base-files\nStatus: install ok installed\nArchitecture: amd64\nVersion: 11.1+deb11u5\nDescription: Debian base system\n" },
]
[[layers]]
created_by = "RUN pip install -r requirements.txt # buildkit"
files = [
  { path = "usr/local/lib/python3.11/site-packages/Django-3.2.1.dist-info/METADATA", text = "Metadata-Version: 2.1\nName: Django\nVersion: 3.2.1\nLicense: BSD-3-Clause\n" },
]
"#;

#[test]
fn an_image_is_scanned_by_source_package_and_layer() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let spec = shipready_testkit::spec::ImageSpec::parse(IMAGE).unwrap();
    let archive = tmp.path().join("api.tar");
    std::fs::write(&archive, spec.docker_archive()).unwrap();
    let db = tmp.path().join("db");
    let out = run(
        &[
            "db",
            "import",
            shared
                .join("vulndb/debian-security-tracker")
                .to_str()
                .unwrap(),
            fixture_records().to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let a = archive.to_str().unwrap();
    let out = run(
        &["scan", a, "--db", db.to_str().unwrap(), "-f", "json"],
        tmp.path(),
    );
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let doc = json(&out);
    assert_eq!(doc["packages_scanned"], 3);
    let v = doc["vulnerabilities"].as_array().unwrap();
    let dsa = v
        .iter()
        .find(|x| x["id"] == "DSA-5343-1")
        .unwrap_or_else(|| panic!("{v:?}"));
    assert_eq!(dsa["package"], "libssl1.1");
    assert_eq!(dsa["matched"]["name"], "openssl", "matched through Source:");
    assert_eq!(dsa["matched"]["ecosystem"], "Debian:11");
    assert_eq!(
        dsa["feed"], "debian-dsa",
        "the vendor feed that decided it is named"
    );
    assert_eq!(dsa["fixed_versions"][0], "1.1.1n-0+deb11u4");
    assert_eq!(dsa["location"]["path"], "/var/lib/dpkg/status");
    assert_eq!(dsa["location"]["layer"], 0, "0-based");
    let django = v
        .iter()
        .find(|x| x["package"] == "Django")
        .unwrap_or_else(|| panic!("{v:?}"));
    assert_eq!(django["location"]["layer"], 1);
    // The table says which source package and feed.
    let out = run(&["scan", a, "--db", db.to_str().unwrap()], tmp.path());
    let table = stdout(&out);
    assert!(
        table.contains("libssl1.1 1.1.1n-0+deb11u3 (source openssl 1.1.1n-0+deb11u3)"),
        "{table}"
    );
    assert!(table.contains("[debian-dsa]"), "{table}");
    // `image` adds the summary, and the finding points into the image.
    let out = run(&["image", a, "--db", db.to_str().unwrap()], tmp.path());
    let text = stdout(&out);
    assert!(text.contains("vulnerabilities: 1 critical"), "{text}");
    let out = run(
        &["image", a, "--db", db.to_str().unwrap(), "-f", "json"],
        tmp.path(),
    );
    let findings = json(&out)["findings"].as_array().unwrap().clone();
    let f = findings
        .iter()
        .find(|f| f["rule"] == "SR-V001" && f["message"].as_str().unwrap().contains("Django"))
        .expect("SR-V001");
    assert_eq!(
        f["image"]["path"],
        "/usr/local/lib/python3.11/site-packages/Django-3.2.1.dist-info/METADATA"
    );
    assert_eq!(f["image"]["layer"], 1);
    // Without a database, `image` says how to get one only when asked:
    // nothing is catalogued.
    let out = run(&["image", a, "-f", "json"], tmp.path());
    assert!(!stdout(&out).contains("SR-V001"));
    // The SBOM of the image: both packages, with the layer.
    let out = run(&["sbom", a, "-f", "json"], tmp.path());
    let doc = json(&out);
    let pk = doc["targets"][0]["packages"].as_array().unwrap();
    assert_eq!(pk.len(), 3, "{pk:?}");
    assert_eq!(doc["targets"][0]["distro"]["version_id"], "11");
}

/// Our own dependencies against RustSec (`../shared/vulndb`'s OSV export),
/// through the product itself: the gate fails the suite on any HIGH or
/// CRITICAL advisory for a crate in our `Cargo.lock` (issue #15; quick-xml
/// 0.38 was upgraded to 0.41 for RUSTSEC-2026-0194 and -0195 when this
/// check first ran).
#[test]
fn our_own_cargo_lock_has_no_high_or_critical_rustsec_advisory() {
    let Some(shared) = shared() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("db");
    let osv = shared.join("vulndb/rustsec-advisory-db/osv");
    let import = run(
        &[
            "db",
            "import",
            "--db",
            db.to_str().unwrap(),
            osv.to_str().unwrap(),
        ],
        tmp.path(),
    );
    assert_eq!(code(&import), 0, "{}{}", stdout(&import), stderr(&import));
    assert!(stderr(&import).contains("RustSec"), "{}", stderr(&import));
    let lock = workspace().join("Cargo.lock");
    let scan = run(
        &[
            "scan",
            "--db",
            db.to_str().unwrap(),
            "--format",
            "json",
            lock.to_str().unwrap(),
        ],
        tmp.path(),
    );
    let doc: Value = serde_json::from_str(&stdout(&scan)).unwrap();
    // The lockfile was read: a gate that read nothing proves nothing.
    let scanned = doc["packages_scanned"].as_u64().unwrap();
    assert!(
        scanned > 100,
        "too few crates read from Cargo.lock: {scanned}"
    );
    assert_eq!(doc["errors"], serde_json::json!([]));
    assert_eq!(doc["db"]["sources"][0]["name"], "RustSec");
    assert_eq!(code(&scan), 0, "{}", stdout(&scan));
}
