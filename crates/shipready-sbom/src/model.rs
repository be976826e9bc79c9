use serde::Serialize;

/// Where a package comes from: the ecosystem whose version order and
/// advisories apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Ecosystem {
    /// dpkg: Debian and its derivatives (Ubuntu); the distribution says which.
    Deb,
    /// apk: Alpine and its derivatives.
    Apk,
    /// rpm: Fedora, RHEL, Rocky, Alma, openSUSE, Amazon Linux.
    Rpm,
    PyPI,
    Npm,
    Cargo,
    Go,
    RubyGems,
    Packagist,
    Maven,
    NuGet,
}

impl Ecosystem {
    /// The PURL type (`pkg:<type>/…`).
    pub fn purl_type(self) -> &'static str {
        match self {
            Ecosystem::Deb => "deb",
            Ecosystem::Apk => "apk",
            Ecosystem::Rpm => "rpm",
            Ecosystem::PyPI => "pypi",
            Ecosystem::Npm => "npm",
            Ecosystem::Cargo => "cargo",
            Ecosystem::Go => "golang",
            Ecosystem::RubyGems => "gem",
            Ecosystem::Packagist => "composer",
            Ecosystem::Maven => "maven",
            Ecosystem::NuGet => "nuget",
        }
    }

    /// The name OSV uses for language ecosystems (`PyPI`, `crates.io`);
    /// distributions add their release (`Debian:12`), see [`Distro`].
    pub fn osv_name(self) -> &'static str {
        match self {
            Ecosystem::Deb => "Debian",
            Ecosystem::Apk => "Alpine",
            Ecosystem::Rpm => "Red Hat",
            Ecosystem::PyPI => "PyPI",
            Ecosystem::Npm => "npm",
            Ecosystem::Cargo => "crates.io",
            Ecosystem::Go => "Go",
            Ecosystem::RubyGems => "RubyGems",
            Ecosystem::Packagist => "Packagist",
            Ecosystem::Maven => "Maven",
            Ecosystem::NuGet => "NuGet",
        }
    }

    /// Whether the operating system installed it (rather than a language
    /// package manager).
    pub fn is_os(self) -> bool {
        matches!(self, Ecosystem::Deb | Ecosystem::Apk | Ecosystem::Rpm)
    }
}

/// The source package a binary package was built from: distribution
/// advisories name the source (`glibc`, not `libc6`), and matching by the
/// binary name misses them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourcePackage {
    pub name: String,
    pub version: String,
}

/// Where a package was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Origin {
    /// A file in an image, in the layer that holds it (0-based).
    Image {
        layer: usize,
        path: String,
        line: Option<u32>,
    },
    /// A file of a source tree, as named, and the line of the entry.
    File { path: String, line: Option<u32> },
}

impl Origin {
    pub fn path(&self) -> &str {
        match self {
            Origin::Image { path, .. } | Origin::File { path, .. } => path,
        }
    }

    pub fn line(&self) -> Option<u32> {
        match self {
            Origin::Image { line, .. } | Origin::File { line, .. } => *line,
        }
    }
}

/// One package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Package {
    pub name: String,
    pub version: String,
    pub ecosystem: Ecosystem,
    pub purl: String,
    /// As declared (SPDX expressions or free text), when declared.
    pub licenses: Vec<String>,
    pub source: Option<SourcePackage>,
    pub arch: Option<String>,
    pub origin: Origin,
    /// Which cataloger found it (`dpkg-status`, `npm-lockfile`, …).
    pub cataloger: &'static str,
}

/// The operating system of an image, from `/etc/os-release`: distribution
/// advisories are per release (`Debian:12`, `Alpine:v3.20`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Distro {
    /// `debian`, `ubuntu`, `alpine`, `rhel`, …
    pub id: String,
    pub version_id: String,
    pub pretty_name: String,
}

impl Distro {
    /// `debian-12`, as PURL `distro` qualifiers write it.
    pub fn purl_qualifier(&self) -> String {
        format!("{}-{}", self.id, self.version_id)
    }
}

/// A file a cataloger could not read: the packages in it are unknown,
/// which a gate must not take for "none".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub line: Option<u32>,
    pub message: String,
}

/// What was found in one target (an image or a source tree).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Inventory {
    pub distro: Option<Distro>,
    pub packages: Vec<Package>,
    pub problems: Vec<Problem>,
}
