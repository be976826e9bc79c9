//! Go: `go.mod` (`require` lines and blocks) and the build information a
//! Go binary carries (see `binary.rs`), which also names the Go release it
//! was built with: the standard library is a package (`stdlib`) with
//! advisories of its own. Its version is spelled as Go spells releases
//! (`go1.22.3`), as syft and `go version -m` do; the scanner strips the
//! prefix before it compares.

use super::{push, CatalogError, Found, Site};
use crate::files::FileKind;
use crate::model::{Ecosystem, Package};

pub fn go_mod(site: &Site<'_>, text: &str) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    let mut in_block = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split("//").next().unwrap_or(raw).trim();
        let spec = if in_block {
            if line == ")" {
                in_block = false;
                continue;
            }
            line
        } else if let Some(rest) = line.strip_prefix("require") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
                continue;
            }
            rest
        } else {
            continue;
        };
        let mut words = spec.split_whitespace();
        let (Some(module), Some(version)) = (words.next(), words.next()) else {
            continue;
        };
        push(
            &mut out,
            Ecosystem::Go,
            FileKind::GoMod,
            site,
            Found::new(module, version, Some(i as u32 + 1)),
        )?;
    }
    Ok(out)
}

/// The modules of a binary's build information: `go1.22.3` and the
/// `modinfo` text (`path`, `mod`, `dep`, `=>` lines).
pub fn build_info(
    site: &Site<'_>,
    go_version: &str,
    modinfo: &str,
) -> Result<Vec<Package>, CatalogError> {
    let mut out = Vec::new();
    if let Some(v) = go_version.strip_prefix("go") {
        // `go1.22.3 X:boringcrypto`: the release is the first word.
        let v = v.split_whitespace().next().unwrap_or(v);
        push(
            &mut out,
            Ecosystem::Go,
            FileKind::Binary,
            site,
            Found::new("stdlib", &format!("go{v}"), None),
        )?;
    }
    let lines: Vec<&str> = modinfo.lines().collect();
    let stamped = ldflags_version(&lines);
    for (i, line) in lines.iter().enumerate() {
        let parts: Vec<&str> = line.split('\t').collect();
        let (kind, module, version) = match parts.as_slice() {
            [k, m, v, ..] if *k == "mod" || *k == "dep" => (*k, *m, *v),
            _ => continue,
        };
        // A replacement on the next line is what was built.
        let (module, version) = match lines.get(i + 1).map(|l| l.split('\t').collect::<Vec<_>>()) {
            Some(r) if r.first() == Some(&"=>") && r.len() >= 3 => (r[1], r[2]),
            _ => (module, version),
        };
        // The main module of a `go build` in its own tree has no version,
        // unless the release build stamped one with `-ldflags -X`.
        let version = match (kind, version, stamped) {
            ("mod", "(devel)", Some(v)) => v,
            ("mod", "(devel)", None) => continue,
            _ => version,
        };
        push(
            &mut out,
            Ecosystem::Go,
            FileKind::Binary,
            site,
            Found::new(module, version, None),
        )?;
    }
    Ok(out)
}

/// The version a release build stamps into the main module with
/// `-ldflags "-X <pkg>.version=v1.2.3"` (the `build -ldflags=` line of the
/// build info). Only a SemVer-shaped value is taken, so a commit hash or a
/// date never becomes a version.
fn ldflags_version<'a>(lines: &[&'a str]) -> Option<&'a str> {
    let flags = lines
        .iter()
        .find_map(|l| l.strip_prefix("build\t-ldflags="))?;
    let words: Vec<&str> = flags
        .trim_matches(|c| c == '"' || c == '\'')
        .split_whitespace()
        .collect();
    words.windows(2).find_map(|w| {
        let assignment = match w {
            ["-X", a] => *a,
            _ => return None,
        };
        let (var, value) = assignment.split_once('=')?;
        let name = var.rsplit('.').next()?;
        if !name.eq_ignore_ascii_case("version") {
            return None;
        }
        let v = value.strip_prefix('v').unwrap_or(value);
        let core = v.split(['-', '+']).next()?;
        let parts: Vec<&str> = core.split('.').collect();
        let semver = parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        semver.then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site<'static> {
        Site {
            path: "usr/local/bin/docker-compose",
            layer: Some(0),
            distro: None,
        }
    }

    fn names(pkgs: &[Package]) -> Vec<(&str, &str)> {
        pkgs.iter()
            .map(|p| (p.name.as_str(), p.version.as_str()))
            .collect()
    }

    #[test]
    fn main_module_takes_the_version_release_builds_stamp() {
        // The shape of docker compose v2.40's own build info.
        let modinfo = "path\tgithub.com/docker/compose/v2/cmd\n\
            mod\tgithub.com/docker/compose/v2\t(devel)\t\n\
            dep\tgithub.com/spf13/cobra\tv1.10.1\th1:x\n\
            build\t-ldflags=\"-w -s -X github.com/docker/compose/v2/internal.Version=v2.40.3\"\n";
        let pkgs = build_info(&site(), "go1.24.9", modinfo).expect("packages");
        assert_eq!(
            names(&pkgs),
            [
                ("stdlib", "go1.24.9"),
                ("github.com/docker/compose/v2", "v2.40.3"),
                ("github.com/spf13/cobra", "v1.10.1"),
            ]
        );
    }

    #[test]
    fn unversioned_main_module_is_left_out() {
        // A commit or a date in -X is not a version.
        for flags in [
            "",
            "build\t-ldflags=\"-X main.version=3f2a9c1\"\n",
            "build\t-ldflags=\"-X main.Version=2024-05-01\"\n",
        ] {
            let modinfo =
                format!("path\texample.com/app\nmod\texample.com/app\t(devel)\t\n{flags}");
            let pkgs = build_info(&site(), "go1.22.3 X:boringcrypto", &modinfo).expect("packages");
            assert_eq!(names(&pkgs), [("stdlib", "go1.22.3")], "{flags}");
        }
    }
}
