//! dpkg's `/var/lib/dpkg/status` (and distroless images'
//! `status.d/<package>`): installed packages, with the source package and
//! its version (`Source: glibc (2.36-9)`), which Debian's advisories name.

use super::stanza::parse;
use super::{push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package, SourcePackage};

pub fn catalog(kind: FileKind, site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    for s in parse(text, false) {
        // `install ok installed`; not `deinstall ok config-files`, whose
        // files are gone (distroless stanzas have no Status at all).
        let installed = s
            .get("Status")
            .is_none_or(|st| st.split_whitespace().last() == Some("installed"));
        let (Some(name), Some(version)) = (s.get("Package"), s.get("Version")) else {
            continue;
        };
        if !installed {
            continue;
        }
        let source = s.get("Source").map(|src| {
            // `Source: glibc (2.36-9)` when the source version differs.
            let (sname, sver) = match src.split_once(' ') {
                Some((n, rest)) => (
                    n,
                    rest.trim()
                        .trim_start_matches('(')
                        .trim_end_matches(')')
                        .trim(),
                ),
                None => (src, version),
            };
            SourcePackage {
                name: sname.to_string(),
                version: sver.to_string(),
            }
        });
        let mut f = Found::new(name, version, Some(s.line));
        f.arch = s.get("Architecture");
        f.source = source.or_else(|| {
            Some(SourcePackage {
                name: name.to_string(),
                version: version.to_string(),
            })
        });
        push(&mut out, Ecosystem::Deb, kind, site, f)?;
    }
    Ok(out)
}
