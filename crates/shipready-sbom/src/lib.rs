//! Packages in an image or a source tree, and their SBOM documents.
//!
//! Catalogers (one per record format, `catalog/`) read what each package
//! manager or build tool wrote: dpkg, apk and rpm databases; Python's
//! installed metadata and lockfiles; npm, yarn and pnpm lockfiles and
//! installed `node_modules`; `Cargo.lock` and cargo-auditable binaries;
//! `go.mod` and Go binaries' build information; `Gemfile.lock`,
//! `composer.lock`; jars; .NET `deps.json` and `packages.lock.json`. In an
//! image they read what the one layer walk kept ([`keep`] is its inspect
//! hook): the walk is not repeated, nothing is extracted or executed.
//! [`cyclonedx`] and [`spdx`] write the documents.

pub mod catalog;
pub mod cyclonedx;
pub mod document;
pub mod files;
mod keep;
pub mod model;
mod purl;
pub mod spdx;

pub use catalog::{catalog, CatalogError, Site};
pub use files::{kind_of, FileKind};
pub use keep::keep;
pub use model::{Distro, Ecosystem, Inventory, Origin, Package, Problem, SourcePackage};

/// The inventory of an image from what its layer walk kept: `(path in
/// the image, layer, kept bytes)` of every file in the final tree.
pub fn from_image<'a>(
    kept: impl Iterator<Item = (&'a str, usize, &'a [u8])>,
    distro: Option<Distro>,
) -> Inventory {
    let mut inv = Inventory::default();
    for (path, layer, bytes) in kept {
        let Some(kind) = kind_of(path).or_else(|| {
            // What an executable's build information was kept as.
            bytes.starts_with(b"{").then_some(FileKind::Binary)
        }) else {
            continue;
        };
        let site = Site {
            path,
            layer: Some(layer),
            distro: distro.as_ref(),
        };
        add(&mut inv, kind, &site, bytes);
    }
    inv.distro = distro;
    inv.packages.sort_by(|a, b| {
        (a.ecosystem, &a.name, &a.version).cmp(&(b.ecosystem, &b.name, &b.version))
    });
    inv
}

/// Catalogues one file into an inventory: its packages, or a problem.
pub fn add(inv: &mut Inventory, kind: FileKind, site: &Site<'_>, kept: &[u8]) {
    if let Some(size) = keep::too_large(kept) {
        inv.problems.push(Problem {
            path: site.path.to_string(),
            line: None,
            message: format!(
                "{:.1} MB: larger than any real {} file ({} MB), not read",
                size as f64 / 1e6,
                kind.cataloger(),
                kind.max_bytes() >> 20
            ),
        });
        return;
    }
    match catalog(kind, site, kept) {
        Ok(found) => inv.packages.extend(found),
        Err(e) => inv.problems.push(Problem {
            path: site.path.to_string(),
            line: e.line,
            message: e.message,
        }),
    }
}
