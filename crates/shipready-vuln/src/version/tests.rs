//! Each order against its ecosystem's own rules (tables from the
//! ecosystems' documentation and tools), and every order as a total order
//! (antisymmetry, transitivity) on generated versions.

use super::Scheme;
use proptest::prelude::*;
use std::cmp::Ordering;

/// Asserts that the versions are listed in ascending order; `=` between
/// two versions says they are equal.
fn ascending(scheme: Scheme, list: &[&str]) {
    let mut prev: Option<&str> = None;
    let mut equal_next = false;
    for v in list {
        if *v == "=" {
            equal_next = true;
            continue;
        }
        if let Some(p) = prev {
            let got = scheme.compare(p, v).unwrap_or_else(|e| panic!("{e}"));
            let want = if equal_next {
                Ordering::Equal
            } else {
                Ordering::Less
            };
            assert_eq!(got, want, "{scheme:?}: {p} vs {v}");
            let back = scheme.compare(v, p).expect("parses");
            assert_eq!(back, want.reverse(), "{scheme:?}: {v} vs {p}");
        }
        equal_next = false;
        prev = Some(v);
    }
}

#[test]
fn dpkg() {
    ascending(
        Scheme::Dpkg,
        &[
            "0.9",
            "1.0~rc1",
            "1.0",
            "=",
            "1.00",
            "1.0-1",
            "1.0-1+b1",
            "1.0.1",
            "2.36-9+deb12u4",
            "2.36-9+deb12u7",
            "1:0.5",
        ],
    );
    ascending(
        Scheme::Dpkg,
        &["3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "3.0.11-1"],
    );
}

#[test]
fn apk() {
    ascending(
        Scheme::Apk,
        &[
            "1.0_alpha",
            "1.0_beta",
            "1.0_pre",
            "1.0_rc1",
            "1.0_rc2",
            "1.0",
            "1.0-r1",
            "1.0-r2",
            "1.0_p1",
            "1.0a",
            "1.0b",
            "1.0.1",
            "1.2.4-r2",
            "2.8.6-r0",
            "2.9.3-r0",
            "2.10",
        ],
    );
    assert!(Scheme::Apk.parse("1.0_bogus").is_err());
    assert!(Scheme::Apk.parse("abc").is_err());
}

#[test]
fn rpm() {
    ascending(
        Scheme::Rpm,
        &[
            "1.0~rc1",
            "1.0",
            "1.0^git1",
            "1.0a",
            "1.0.1",
            "1.0.1-1.el9",
            "1.0.1-2.el9",
            "1.0.1-10.el9",
            "2.0",
            "1:0.1",
        ],
    );
    ascending(
        Scheme::Rpm,
        &["3.0.7-25.el9", "3.0.7-27.el9", "1:3.0.7-1.el9"],
    );
}

#[test]
fn semver() {
    // The SemVer 2.0 specification's own example, §11.
    ascending(
        Scheme::Semver,
        &[
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0-rc.1",
            "1.0.0",
            "=",
            "v1.0.0",
            "=",
            "1.0.0+build.5",
            "1.2",
            "1.10.0",
        ],
    );
}

#[test]
fn go() {
    ascending(
        Scheme::Go,
        &[
            "v0.0.0-20220101120000-abcdef123456",
            "v0.0.0-20230101120000-abcdef123456",
            "v0.0.1",
            "v1.2.3",
            "v1.10.0",
            "v2.0.0",
            "=",
            "v2.0.0+incompatible",
        ],
    );
}

#[test]
fn pep440() {
    // PEP 440's summary of permitted suffixes and their order.
    ascending(
        Scheme::Pep440,
        &[
            "1.0.dev456",
            "1.0a1",
            "1.0a2.dev456",
            "1.0a12",
            "1.0b1.dev456",
            "1.0b2",
            "1.0rc1",
            "1.0",
            "=",
            "1.0.0",
            "1.0.post456.dev34",
            "1.0.post456",
            "1.1.dev1",
            "3.2.1",
            "3.2.13",
            "1!0.1",
        ],
    );
    assert!(Scheme::Pep440.parse("a6b2c3e4").is_err());
}

#[test]
fn rubygems() {
    ascending(
        Scheme::RubyGems,
        &[
            "1.0.a",
            "1.0.a1",
            "1.0.b",
            "1.0.0-rc1",
            "1.0",
            "=",
            "1",
            "=",
            "1.0.0",
            "1.9",
            "1.10",
            "2.2.3",
            "2.2.3.1",
            "7.0.4",
        ],
    );
}

#[test]
fn maven() {
    ascending(
        Scheme::Maven,
        &[
            "1.0-alpha1",
            "1.0-alpha2",
            "1.0-beta",
            "1.0-milestone1",
            "1.0-rc1",
            "1.0-SNAPSHOT",
            "1.0",
            "=",
            "1.0.0",
            "=",
            "1-ga",
            "1.0-sp1",
            "1.0.1",
            "2.14.1",
            "2.15.0",
        ],
    );
}

#[test]
fn nuget_and_composer() {
    ascending(
        Scheme::NuGet,
        &[
            "1.0.0-alpha",
            "1.0.0-alpha.1",
            "1.0.0-alpha.beta",
            "1.0.0-beta",
            "1.0.0-beta.2",
            "1.0.0-beta.11",
            "1.0.0",
            "=",
            "1.0",
            "=",
            "1.0.0.0",
            "4.7.1",
            "4.7.10",
            "13.0.1",
        ],
    );
    ascending(
        Scheme::Composer,
        &[
            "v1.0.0-beta2",
            "1.0.0RC1",
            "1.0.0",
            "=",
            "v1.0.0",
            "7.4.0",
            "7.4.5",
        ],
    );
}

#[test]
fn ecosystems_map_to_schemes() {
    assert_eq!(Scheme::for_ecosystem("Debian:12"), Some(Scheme::Dpkg));
    assert_eq!(Scheme::for_ecosystem("Alpine:v3.20"), Some(Scheme::Apk));
    assert_eq!(Scheme::for_ecosystem("crates.io"), Some(Scheme::Semver));
    assert_eq!(Scheme::for_ecosystem("Rocky Linux:9"), Some(Scheme::Rpm));
    assert_eq!(Scheme::for_ecosystem("Ecosystem1"), None);
}

/// Version-like strings for a scheme: numbers, separators and the
/// scheme's suffix words, in random combinations.
fn versions(scheme: Scheme) -> BoxedStrategy<String> {
    let num = "(0|[1-9][0-9]{0,2})";
    let pattern = match scheme {
        Scheme::Dpkg => format!(
            "([1-9]:)?{num}(\\.{num}){{0,2}}(~rc{num}|\\+b{num})?(-{num}(\\+deb{num}u{num})?)?"
        ),
        Scheme::Apk => format!("{num}(\\.{num}){{0,2}}[a-c]?(_(alpha|beta|rc|p){num}?)?(-r{num})?"),
        Scheme::Rpm => format!(
            "([1-9]:)?{num}(\\.{num}){{0,2}}(~rc{num}|\\^git{num}|[a-c])?(-{num}(\\.el[89])?)?"
        ),
        Scheme::Semver | Scheme::Go => {
            format!("v?{num}\\.{num}\\.{num}(-(alpha|beta|rc|{num})(\\.({num}|x)){{0,2}})?")
        }
        Scheme::Pep440 => {
            format!("([1-2]!)?{num}(\\.{num}){{0,2}}((a|b|rc){num})?(\\.post{num})?(\\.dev{num})?")
        }
        Scheme::RubyGems => format!("{num}(\\.{num}){{0,3}}(\\.(pre|rc|a){num}?)?"),
        Scheme::Maven => {
            format!("{num}(\\.{num}){{0,2}}(-(alpha|beta|rc|SNAPSHOT|sp|ga|jre|android){num}?)?")
        }
        Scheme::NuGet | Scheme::Composer => {
            format!("{num}(\\.{num}){{0,3}}(-(alpha|beta|rc|{num})(\\.({num}|x)){{0,2}})?")
        }
    };
    proptest::string::string_regex(&pattern)
        .expect("a valid pattern")
        .boxed()
}

const ALL: [Scheme; 10] = [
    Scheme::Dpkg,
    Scheme::Apk,
    Scheme::Rpm,
    Scheme::Semver,
    Scheme::Go,
    Scheme::Pep440,
    Scheme::RubyGems,
    Scheme::Maven,
    Scheme::NuGet,
    Scheme::Composer,
];

/// A scheme and three of its versions.
fn triple() -> impl Strategy<Value = (Scheme, String, String, String)> {
    (0..ALL.len()).prop_flat_map(|i| {
        let s = ALL[i];
        (Just(s), versions(s), versions(s), versions(s))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(5000))]

    #[test]
    fn every_order_is_total((scheme, x, y, z) in triple()) {
        let (Ok(px), Ok(py), Ok(pz)) = (scheme.parse(&x), scheme.parse(&y), scheme.parse(&z)) else {
            // Generated strings the scheme refuses are not versions.
            return Ok(());
        };
        prop_assert_eq!(px.cmp(&py), py.cmp(&px).reverse(), "{:?}: {} vs {}", scheme, x, y);
        if px <= py && py <= pz {
            prop_assert!(px <= pz, "{:?}: {} <= {} <= {} but not {} <= {}", scheme, x, y, z, x, z);
        }
        if px.cmp(&py) == Ordering::Equal {
            prop_assert_eq!(px.cmp(&pz), py.cmp(&pz), "{:?}: {} == {} differ against {}", scheme, x, y, z);
        }
    }
}
