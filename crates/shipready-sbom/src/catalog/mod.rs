//! One cataloger per kind of package record. Each reads a file's bytes
//! and returns the packages in it, with the line of each entry where the
//! format has lines; a file it cannot read is an error naming the line,
//! never an empty list.

mod apk;
mod binary;
mod cargo;
mod composer;
mod dotnet;
mod dpkg;
mod gem;
mod go;
mod jar;
mod npm;
mod python;
mod rpm;
mod stanza;

pub use binary::inspect_binary;
pub use jar::inspect as jar_inspect;
pub use python::normalize_pypi;

use crate::files::FileKind;
use crate::model::{Distro, Ecosystem, Origin, Package, SourcePackage};

/// Most packages one file may list: a lockfile of more is refused before
/// it takes unbounded memory. The largest real lockfiles (monorepos'
/// `yarn.lock` and `package-lock.json`) hold tens of thousands; a package
/// costs about 600 bytes, so the limit keeps one file under 60 MB.
pub const MAX_PACKAGES: usize = 100_000;

/// Why a file's packages could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CatalogError {
    pub line: Option<u32>,
    pub message: String,
}

impl CatalogError {
    pub fn new(message: impl Into<String>) -> Self {
        CatalogError {
            line: None,
            message: message.into(),
        }
    }

    pub fn at(line: u32, message: impl Into<String>) -> Self {
        CatalogError {
            line: Some(line),
            message: message.into(),
        }
    }
}

/// Where the file is, for the packages' origins.
#[derive(Debug, Clone, Copy)]
pub struct Site<'a> {
    pub path: &'a str,
    /// The image layer that holds it; `None` in a source tree.
    pub layer: Option<usize>,
    pub distro: Option<&'a Distro>,
}

impl Site<'_> {
    pub fn origin(&self, line: Option<u32>) -> Origin {
        match self.layer {
            Some(layer) => Origin::Image {
                layer,
                path: format!("/{}", self.path.trim_start_matches('/')),
                line,
            },
            None => Origin::File {
                path: self.path.to_string(),
                line,
            },
        }
    }
}

/// A package under construction: what catalogers fill in.
pub(crate) struct Found<'a> {
    pub name: &'a str,
    pub version: &'a str,
    pub namespace: Option<&'a str>,
    pub licenses: Vec<String>,
    pub source: Option<SourcePackage>,
    pub arch: Option<&'a str>,
    pub line: Option<u32>,
}

impl<'a> Found<'a> {
    pub fn new(name: &'a str, version: &'a str, line: Option<u32>) -> Self {
        Found {
            name,
            version,
            namespace: None,
            licenses: Vec::new(),
            source: None,
            arch: None,
            line,
        }
    }
}

/// Adds a package, with its PURL, unless the file already listed more than
/// [`MAX_PACKAGES`].
pub(crate) fn push(
    out: &mut Vec<Package>,
    eco: Ecosystem,
    kind: FileKind,
    site: &Site<'_>,
    f: Found<'_>,
) -> Result<(), CatalogError> {
    if out.len() >= MAX_PACKAGES {
        return Err(CatalogError::new(format!(
            "more than {MAX_PACKAGES} packages in one file; not read (a real lockfile has far fewer)"
        )));
    }
    let purl = crate::purl::purl(
        eco,
        f.namespace,
        f.name,
        f.version,
        f.arch,
        site.distro,
        f.source.as_ref(),
    );
    out.push(Package {
        name: match f.namespace {
            Some(ns) if eco != Ecosystem::Deb && eco != Ecosystem::Apk && eco != Ecosystem::Rpm => {
                let sep = if eco == Ecosystem::Maven { ":" } else { "/" };
                format!("{ns}{sep}{}", f.name)
            }
            _ => f.name.to_string(),
        },
        version: f.version.to_string(),
        ecosystem: eco,
        purl,
        licenses: f.licenses,
        source: f.source,
        arch: f.arch.map(str::to_string),
        origin: site.origin(f.line),
        cataloger: kind.cataloger(),
    });
    Ok(())
}

/// The packages in one file.
pub fn catalog(
    kind: FileKind,
    site: &Site<'_>,
    bytes: &[u8],
) -> Result<Vec<Package>, CatalogError> {
    if bytes.len() as u64 > kind.max_bytes() {
        return Err(CatalogError::new(format!(
            "{} MB; larger than any real {} file ({} MB): not read",
            bytes.len() >> 20,
            kind.cataloger(),
            kind.max_bytes() >> 20
        )));
    }
    match kind {
        FileKind::Jar => return jar::catalog(site, bytes),
        FileKind::Binary => return binary::catalog(site, bytes),
        FileKind::RpmSqlite => return rpm::catalog(site, bytes),
        FileKind::RpmBerkeley => {
            return Err(CatalogError::new(
                "a BerkeleyDB rpm database (RHEL/CentOS 8 and older): not supported yet; its packages are not listed",
            ))
        }
        FileKind::RpmNdb => {
            return Err(CatalogError::new(
                "an NDB rpm database (openSUSE): not supported yet; its packages are not listed",
            ))
        }
        _ => {}
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        CatalogError::at(line as u32, "not UTF-8 text")
    })?;
    match kind {
        FileKind::DpkgStatus | FileKind::DpkgStatusD => dpkg::catalog(kind, site, text),
        FileKind::ApkInstalled => apk::catalog(site, text),
        FileKind::PythonMetadata | FileKind::PythonEggInfo => python::installed(kind, site, text),
        FileKind::Requirements => python::requirements(site, text),
        FileKind::PoetryLock | FileKind::UvLock => python::toml_lock(kind, site, text),
        FileKind::PipfileLock => python::pipfile_lock(site, text),
        FileKind::NpmLock => npm::package_lock(site, text),
        FileKind::YarnLock => npm::yarn_lock(site, text),
        FileKind::PnpmLock => npm::pnpm_lock(site, text),
        FileKind::NodePackage => npm::installed(site, text),
        FileKind::CargoLock => cargo::lock(site, text),
        FileKind::GoMod => go::go_mod(site, text),
        FileKind::GemfileLock => gem::lock(site, text),
        FileKind::ComposerLock => composer::lock(site, text),
        FileKind::DotnetDeps => dotnet::deps(site, text),
        FileKind::NugetLock => dotnet::nuget_lock(site, text),
        FileKind::Jar
        | FileKind::Binary
        | FileKind::RpmSqlite
        | FileKind::RpmBerkeley
        | FileKind::RpmNdb => Ok(Vec::new()),
    }
}

/// 1-based line of byte `offset` in `text`.
pub(crate) fn line_of(text: &str, offset: usize) -> u32 {
    (text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1) as u32
}

/// The line where `needle` first occurs at or after `from` (lockfile
/// formats parsed by serde have no positions; the entry's key is found in
/// the text instead).
pub(crate) fn find_line(text: &str, needle: &str, from: &mut usize) -> Option<u32> {
    let at = text.get(*from..)?.find(needle)? + *from;
    *from = at + needle.len();
    Some(line_of(text, at))
}
