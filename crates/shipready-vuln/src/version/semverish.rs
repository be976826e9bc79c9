//! SemVer 2.0 through the `semver` crate, read leniently where the
//! ecosystems are (`v1.2.3`, `=1.2.3`, `1.2` for `1.2.0`), with build
//! metadata dropped: SemVer says it has no precedence, and keeping it
//! would make `Ord` and `Eq` disagree.

use std::cmp::Ordering;

pub fn parse(s: &str) -> Option<semver::Version> {
    let s = s.trim().trim_start_matches(['v', 'V', '=']).trim();
    let (core, rest) = match s.find(['-', '+']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let dots = core.matches('.').count();
    let padded = match dots {
        0 => format!("{core}.0.0{rest}"),
        1 => format!("{core}.0{rest}"),
        _ => s.to_string(),
    };
    let mut v = semver::Version::parse(&padded).ok()?;
    v.build = semver::BuildMetadata::EMPTY;
    Some(v)
}

/// Go module versions: always `v`-prefixed SemVer; pseudo-versions
/// (`v0.0.0-20230101120000-abcdef123456`) are pre-releases and order by
/// their timestamp; `+incompatible` is build metadata.
pub fn parse_go(s: &str) -> Option<semver::Version> {
    parse(s)
}

pub fn cmp(a: &semver::Version, b: &semver::Version) -> Ordering {
    a.cmp(b)
}
