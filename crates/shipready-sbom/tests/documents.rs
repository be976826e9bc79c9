//! Catalogers on sample records, and the SBOM documents of the result,
//! validated against the official CycloneDX 1.6 and SPDX 2.3 schemas from
//! `../shared/schemas` (skipped, with a message, only where it is absent).

use shipready_sbom::document::Subject;
use shipready_sbom::{add, kind_of, Distro, Inventory, Site};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn inventory() -> Inventory {
    let debian = Distro {
        id: "debian".into(),
        version_id: "12".into(),
        pretty_name: "Debian GNU/Linux 12 (bookworm)".into(),
    };
    let mut inv = Inventory::default();
    let status = std::fs::read(fixtures().join("status")).expect("status");
    let site = Site {
        path: "var/lib/dpkg/status",
        layer: Some(0),
        distro: Some(&debian),
    };
    add(&mut inv, kind_of(site.path).expect("kind"), &site, &status);
    let apk = std::fs::read(fixtures().join("installed")).expect("installed");
    let site = Site {
        path: "lib/apk/db/installed",
        layer: Some(1),
        distro: None,
    };
    add(&mut inv, kind_of(site.path).expect("kind"), &site, &apk);
    for entry in std::fs::read_dir(fixtures().join("tree")).expect("tree") {
        let path = entry.expect("entry").path();
        let name = format!("tree/{}", path.file_name().expect("name").to_string_lossy());
        let kind = kind_of(&name).unwrap_or_else(|| panic!("{name}: no cataloger"));
        let bytes = std::fs::read(&path).expect("read");
        let site = Site {
            path: &name,
            layer: None,
            distro: None,
        };
        add(&mut inv, kind, &site, &bytes);
    }
    inv.packages
        .sort_by(|a, b| (a.ecosystem, &a.name).cmp(&(b.ecosystem, &b.name)));
    inv.distro = Some(debian);
    inv
}

#[test]
fn every_cataloger_reads_its_sample() {
    let inv = inventory();
    assert!(inv.problems.is_empty(), "{:?}", inv.problems);
    let got: Vec<String> = inv
        .packages
        .iter()
        .map(|p| {
            format!(
                "{} {} {}",
                p.purl,
                p.cataloger,
                p.origin.line().unwrap_or(0)
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc dpkg-status 1",
            "pkg:deb/debian/libssl3@3.0.11-1~deb12u2%2Bb1?arch=amd64&distro=debian-12&upstream=openssl dpkg-status 21",
            "pkg:apk/alpine/libcrypto3@3.1.4-r0?arch=x86_64&upstream=openssl apk-installed 9",
            "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64 apk-installed 1",
            "pkg:pypi/django@3.2.1 python-requirements 1",
            "pkg:pypi/requests@2.19.0 python-requirements 2",
            "pkg:npm/%40types/node@20.11.5 npm-lockfile 3",
            "pkg:npm/lodash@4.17.20 npm-lockfile 2",
            "pkg:cargo/app@0.1.0 cargo-lock 9",
            "pkg:cargo/smallvec@1.6.0 cargo-lock 4",
            "pkg:golang/github.com/gin-gonic/gin@v1.9.1 go-mod 7",
            "pkg:golang/golang.org/x/net@v0.17.0 go-mod 6",
            "pkg:gem/rack@2.2.3 gemfile-lock 4",
            "pkg:gem/rails@7.0.4 gemfile-lock 5",
            "pkg:composer/guzzlehttp/guzzle@7.4.0 composer-lock 1",
        ]
    );
    // The source package and its own version: Debian's advisories name it.
    let ssl = inv
        .packages
        .iter()
        .find(|p| p.name == "libssl3")
        .expect("libssl3");
    let src = ssl.source.as_ref().expect("source");
    assert_eq!(
        (src.name.as_str(), src.version.as_str()),
        ("openssl", "3.0.11-1~deb12u2")
    );
}

fn validator(rel: &str, resources: &[(&str, &str)]) -> Option<jsonschema::Validator> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/schemas");
    let read = |p: &str| -> Option<serde_json::Value> {
        serde_json::from_str(&std::fs::read_to_string(root.join(p)).ok()?).ok()
    };
    let Some(schema) = read(rel) else {
        eprintln!("SKIPPED: {} is absent", root.join(rel).display());
        return None;
    };
    let mut registry = jsonschema::Registry::new();
    for (uri, file) in resources {
        let doc = read(file).expect("referenced schema");
        registry = registry.add(*uri, doc).expect("a schema resource");
    }
    let registry = registry.prepare().expect("the referenced schemas resolve");
    Some(
        jsonschema::options()
            .with_registry(&registry)
            .build(&schema)
            .expect("compile the schema"),
    )
}

fn assert_valid(v: &jsonschema::Validator, doc: &serde_json::Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "invalid:\n{}", errors.join("\n"));
}

fn subject() -> Subject<'static> {
    Subject {
        name: "shop/api:1.4.2",
        image: true,
        tool_version: "0.1.0",
        created: time::macros::datetime!(2026-12-01 12:00 UTC),
    }
}

#[test]
fn cyclonedx_1_6_is_valid_and_complete() {
    let inv = inventory();
    let text = shipready_sbom::cyclonedx::render(&subject(), &inv);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["specVersion"], "1.6");
    assert_eq!(
        doc["components"].as_array().expect("components").len(),
        inv.packages.len()
    );
    let lodash = doc["components"]
        .as_array()
        .expect("components")
        .iter()
        .find(|c| c["name"] == "lodash")
        .expect("lodash");
    assert_eq!(lodash["licenses"][0]["license"]["id"], "MIT");
    if let Some(v) = validator(
        "cyclonedx/bom-1.6.schema.json",
        &[
            (
                "http://cyclonedx.org/schema/spdx.schema.json",
                "cyclonedx/spdx.schema.json",
            ),
            (
                "http://cyclonedx.org/schema/jsf-0.82.schema.json",
                "cyclonedx/jsf-0.82.schema.json",
            ),
        ],
    ) {
        assert_valid(&v, &doc);
    }
    // The same inventory gives the same document.
    assert_eq!(text, shipready_sbom::cyclonedx::render(&subject(), &inv));
}

#[test]
fn spdx_2_3_is_valid_and_complete() {
    let inv = inventory();
    let text = shipready_sbom::spdx::render(&subject(), &inv);
    let doc: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    assert_eq!(doc["spdxVersion"], "SPDX-2.3");
    let packages = doc["packages"].as_array().expect("packages");
    assert_eq!(packages.len(), inv.packages.len() + 1);
    let musl = packages.iter().find(|p| p["name"] == "musl").expect("musl");
    assert_eq!(musl["licenseDeclared"], "MIT");
    assert_eq!(musl["externalRefs"][0]["referenceType"], "purl");
    if let Some(v) = validator("spdx/spdx-schema-2.3.json", &[]) {
        assert_valid(&v, &doc);
    }
}
