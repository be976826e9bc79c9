//! Package URLs (`pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12`)
//! through the `packageurl` crate, which encodes each part as the spec
//! says; the qualifiers follow what syft and the vulnerability databases
//! expect (`distro`, and `upstream` for a differently named source).

use crate::model::{Distro, Ecosystem, SourcePackage};
use packageurl::PackageUrl;

#[allow(clippy::too_many_arguments)]
pub fn purl(
    eco: Ecosystem,
    namespace: Option<&str>,
    name: &str,
    version: &str,
    arch: Option<&str>,
    distro: Option<&Distro>,
    source: Option<&SourcePackage>,
) -> String {
    build(eco, namespace, name, version, arch, distro, source)
        .unwrap_or_else(|| format!("pkg:{}/{name}@{version}", eco.purl_type()))
}

fn build(
    eco: Ecosystem,
    namespace: Option<&str>,
    name: &str,
    version: &str,
    arch: Option<&str>,
    distro: Option<&Distro>,
    source: Option<&SourcePackage>,
) -> Option<String> {
    let (namespace, name) = match eco {
        // The distribution is the namespace of an OS package.
        Ecosystem::Deb | Ecosystem::Apk | Ecosystem::Rpm => {
            let fallback = match eco {
                Ecosystem::Deb => "debian",
                Ecosystem::Apk => "alpine",
                _ => "redhat",
            };
            (
                Some(distro.map_or(fallback, |d| d.id.as_str())),
                name.to_string(),
            )
        }
        // PEP 503: lowercase, runs of `-_.` as one `-`.
        Ecosystem::PyPI => (None, crate::catalog::normalize_pypi(name)),
        // A Go module path: everything but the last element is the namespace.
        Ecosystem::Go => match name.rsplit_once('/') {
            Some((ns, n)) => (Some(ns), n.to_string()),
            None => (None, name.to_string()),
        },
        _ => (namespace, name.to_string()),
    };
    let mut p = PackageUrl::new(eco.purl_type(), name.as_str()).ok()?;
    if let Some(ns) = namespace {
        p.with_namespace(ns).ok()?;
    }
    p.with_version(version).ok()?;
    if let Some(a) = arch.filter(|a| !a.is_empty()) {
        p.add_qualifier("arch", a).ok()?;
    }
    if eco.is_os() {
        if let Some(d) = distro {
            p.add_qualifier("distro", d.purl_qualifier()).ok()?;
        }
        if let Some(s) = source.filter(|s| s.name != name) {
            p.add_qualifier("upstream", s.name.as_str()).ok()?;
        }
    }
    Some(p.to_string())
}
