//! Each ecosystem's version order. A version is parsed once in the scheme
//! its ecosystem uses; two versions of one scheme compare as that
//! ecosystem's tools compare them. Maintained crates where one is right
//! (`debversion` for dpkg, `pep440_rs` for PEP 440, `semver`); by hand
//! where none is (apk, rpm, RubyGems, Maven, NuGet), each written down
//! from the ecosystem's own rules and tested as a total order.

mod apk;
mod gem;
mod key;
mod maven;
mod nuget;
mod rpm;
mod semverish;

use std::cmp::Ordering;

/// A version order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// Debian and Ubuntu (`dpkg --compare-versions`): epochs, `~`.
    Dpkg,
    /// Alpine (`apk version -t`): `_rc1`, `_p2`, `-r3`.
    Apk,
    /// rpm (`rpmvercmp`): epoch, version and release; `~` and `^`.
    Rpm,
    /// SemVer 2.0 (npm, crates.io, OSV's `SEMVER` ranges).
    Semver,
    /// Go modules: SemVer with a `v`, pseudo-versions, `+incompatible`.
    Go,
    /// PEP 440 (PyPI).
    Pep440,
    /// RubyGems (`Gem::Version`).
    RubyGems,
    /// Maven (`ComparableVersion`).
    Maven,
    /// NuGet: up to four numbers and a SemVer pre-release.
    NuGet,
    /// Packagist: Composer versions, numbers and a stability suffix.
    Composer,
}

impl Scheme {
    /// The scheme of an OSV ecosystem name (`PyPI`, `Debian:12`,
    /// `Alpine:v3.20`, `Rocky Linux:9`); `None` for ecosystems we have no
    /// order for.
    pub fn for_ecosystem(ecosystem: &str) -> Option<Scheme> {
        let base = ecosystem.split(':').next().unwrap_or(ecosystem);
        Some(match base {
            "Debian" | "Ubuntu" => Scheme::Dpkg,
            "Alpine" | "Wolfi" | "Chainguard" => Scheme::Apk,
            "Red Hat" | "Rocky Linux" | "AlmaLinux" | "openSUSE" | "SUSE" | "Mageia" => Scheme::Rpm,
            "npm" | "crates.io" | "Hex" | "Pub" | "SwiftURL" => Scheme::Semver,
            "Go" => Scheme::Go,
            "PyPI" => Scheme::Pep440,
            "RubyGems" => Scheme::RubyGems,
            "Maven" => Scheme::Maven,
            "NuGet" => Scheme::NuGet,
            "Packagist" => Scheme::Composer,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            Scheme::Dpkg => "dpkg",
            Scheme::Apk => "apk",
            Scheme::Rpm => "rpm",
            Scheme::Semver => "SemVer",
            Scheme::Go => "Go",
            Scheme::Pep440 => "PEP 440",
            Scheme::RubyGems => "RubyGems",
            Scheme::Maven => "Maven",
            Scheme::NuGet => "NuGet",
            Scheme::Composer => "Composer",
        }
    }

    /// Parses a version of this scheme.
    pub fn parse(self, s: &str) -> Result<Version, VersionError> {
        let bad = || VersionError {
            version: s.to_string(),
            scheme: self,
        };
        let s = s.trim();
        if s.is_empty() {
            return Err(bad());
        }
        Ok(match self {
            Scheme::Dpkg => Version::Dpkg(s.parse().map_err(|_| bad())?),
            Scheme::Apk => Version::Key(apk::key(s).ok_or_else(bad)?),
            Scheme::Rpm => Version::Key(rpm::key(s).ok_or_else(bad)?),
            Scheme::Semver => Version::Semver(semverish::parse(s).ok_or_else(bad)?),
            Scheme::Go => Version::Semver(semverish::parse_go(s).ok_or_else(bad)?),
            Scheme::Pep440 => Version::Pep440(s.parse().map_err(|_| bad())?),
            Scheme::RubyGems => Version::Key(gem::key(s).ok_or_else(bad)?),
            Scheme::Maven => Version::Key(maven::key(s).ok_or_else(bad)?),
            Scheme::NuGet | Scheme::Composer => Version::Key(nuget::key(s).ok_or_else(bad)?),
        })
    }

    /// Compares two version strings, when both parse.
    pub fn compare(self, a: &str, b: &str) -> Result<Ordering, VersionError> {
        Ok(self.parse(a)?.cmp(&self.parse(b)?))
    }
}

/// A version that does not read in its ecosystem's scheme: it is never
/// taken for vulnerable or for safe.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{version}` is not a {} version", scheme.name())]
pub struct VersionError {
    pub version: String,
    pub scheme: Scheme,
}

/// A parsed version. Versions of one scheme compare by its order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Version {
    Dpkg(debversion::Version),
    Semver(semver::Version),
    Pep440(pep440_rs::Version),
    /// The hand-written orders compare by a key built at parse time.
    Key(key::Key),
}

impl Ord for Version {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (Version::Dpkg(a), Version::Dpkg(b)) => a.cmp(b),
            (Version::Semver(a), Version::Semver(b)) => semverish::cmp(a, b),
            (Version::Pep440(a), Version::Pep440(b)) => a.cmp(b),
            (Version::Key(a), Version::Key(b)) => a.cmp(b),
            // Different schemes are never compared by the matcher; any
            // fixed order keeps `Ord` total.
            _ => self.rank().cmp(&other.rank()),
        }
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Version {
    fn rank(&self) -> u8 {
        match self {
            Version::Dpkg(_) => 0,
            Version::Semver(_) => 1,
            Version::Pep440(_) => 2,
            Version::Key(_) => 3,
        }
    }
}

/// A SemVer version read leniently (`v1.2`, `=1.2.3`), for npm ranges.
pub fn semverish_parse(s: &str) -> Option<semver::Version> {
    semverish::parse(s)
}

#[cfg(test)]
mod tests;
