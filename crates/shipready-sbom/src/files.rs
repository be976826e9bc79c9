//! Which files hold packages, by path: one table for images and source
//! trees. In an image the layer walk keeps only these files' contents
//! (bounded), and of an executable only what it says of its build.

/// What kind of package record a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `var/lib/dpkg/status`.
    DpkgStatus,
    /// `var/lib/dpkg/status.d/<package>`: distroless images, one stanza a file.
    DpkgStatusD,
    /// `lib/apk/db/installed`.
    ApkInstalled,
    /// `var/lib/rpm/rpmdb.sqlite` (Fedora 36+, RHEL 9+).
    RpmSqlite,
    /// `var/lib/rpm/Packages`: BerkeleyDB, not read (reported).
    RpmBerkeley,
    /// `Packages.db`: NDB (openSUSE), not read (reported).
    RpmNdb,
    /// `*.dist-info/METADATA`.
    PythonMetadata,
    /// `*.egg-info/PKG-INFO`, or an `.egg-info` file.
    PythonEggInfo,
    /// `requirements*.txt`: pinned (`==`) lines only.
    Requirements,
    PoetryLock,
    PipfileLock,
    UvLock,
    /// `package-lock.json`, `npm-shrinkwrap.json` (lockfile v1–v3).
    NpmLock,
    YarnLock,
    PnpmLock,
    /// `node_modules/**/package.json`: what is installed.
    NodePackage,
    CargoLock,
    GoMod,
    GemfileLock,
    ComposerLock,
    /// `*.deps.json` of a .NET application.
    DotnetDeps,
    /// `packages.lock.json` (NuGet).
    NugetLock,
    /// `*.jar`, `*.war`, `*.ear`: `pom.properties`, `MANIFEST.MF`.
    Jar,
    /// An executable: Go build info, cargo-auditable's dependency list.
    Binary,
}

impl FileKind {
    /// The cataloger's name, as reports show it.
    pub fn cataloger(self) -> &'static str {
        match self {
            FileKind::DpkgStatus | FileKind::DpkgStatusD => "dpkg-status",
            FileKind::ApkInstalled => "apk-installed",
            FileKind::RpmSqlite | FileKind::RpmBerkeley | FileKind::RpmNdb => "rpmdb",
            FileKind::PythonMetadata | FileKind::PythonEggInfo => "python-installed",
            FileKind::Requirements => "python-requirements",
            FileKind::PoetryLock => "poetry-lock",
            FileKind::PipfileLock => "pipfile-lock",
            FileKind::UvLock => "uv-lock",
            FileKind::NpmLock => "npm-lockfile",
            FileKind::YarnLock => "yarn-lockfile",
            FileKind::PnpmLock => "pnpm-lockfile",
            FileKind::NodePackage => "node-installed",
            FileKind::CargoLock => "cargo-lock",
            FileKind::GoMod => "go-mod",
            FileKind::GemfileLock => "gemfile-lock",
            FileKind::ComposerLock => "composer-lock",
            FileKind::DotnetDeps => "dotnet-deps",
            FileKind::NugetLock => "nuget-lock",
            FileKind::Jar => "java-archive",
            FileKind::Binary => "binary",
        }
    }

    /// The most of such a file a cataloger reads. A package database or a
    /// lockfile larger than this is refused (and reported), which keeps
    /// memory bounded; jars and binaries are read up to their own limit.
    pub fn max_bytes(self) -> u64 {
        match self {
            FileKind::Jar => 128 << 20,
            FileKind::Binary => u64::MAX,
            FileKind::NodePackage | FileKind::PythonMetadata | FileKind::PythonEggInfo => 1 << 20,
            _ => 64 << 20,
        }
    }
}

/// The kind of a file from its path (relative to the image root or the
/// tree; either slash form). Executables are found by mode, not path:
/// see [`is_executable`].
pub fn kind_of(path: &str) -> Option<FileKind> {
    let p = path.trim_start_matches('/');
    let name = p.rsplit('/').next().unwrap_or(p);
    let dir = p.rsplit_once('/').map_or("", |(d, _)| d);
    let parent = dir.rsplit('/').next().unwrap_or(dir);
    let kind = match name {
        "status" if p.ends_with("var/lib/dpkg/status") => FileKind::DpkgStatus,
        "installed" if p.ends_with("lib/apk/db/installed") => FileKind::ApkInstalled,
        "rpmdb.sqlite" if parent == "rpm" => FileKind::RpmSqlite,
        "Packages" if p.ends_with("var/lib/rpm/Packages") => FileKind::RpmBerkeley,
        "Packages.db" if parent == "rpm" => FileKind::RpmNdb,
        "METADATA" if parent.ends_with(".dist-info") => FileKind::PythonMetadata,
        "PKG-INFO" if parent.ends_with(".egg-info") => FileKind::PythonEggInfo,
        "poetry.lock" => FileKind::PoetryLock,
        "Pipfile.lock" => FileKind::PipfileLock,
        "uv.lock" => FileKind::UvLock,
        "package-lock.json" | "npm-shrinkwrap.json" => FileKind::NpmLock,
        "yarn.lock" => FileKind::YarnLock,
        "pnpm-lock.yaml" => FileKind::PnpmLock,
        "package.json" if in_node_modules(p) => FileKind::NodePackage,
        "Cargo.lock" => FileKind::CargoLock,
        "go.mod" => FileKind::GoMod,
        "Gemfile.lock" | "gems.locked" => FileKind::GemfileLock,
        "composer.lock" => FileKind::ComposerLock,
        "packages.lock.json" => FileKind::NugetLock,
        _ if dir.ends_with("var/lib/dpkg/status.d")
            && !name.ends_with(".md5sums")
            && !name.starts_with('.') =>
        {
            FileKind::DpkgStatusD
        }
        _ if name.starts_with("requirements") && name.ends_with(".txt") => FileKind::Requirements,
        _ if name.ends_with(".egg-info") => FileKind::PythonEggInfo,
        _ if name.ends_with(".deps.json") => FileKind::DotnetDeps,
        _ if [".jar", ".war", ".ear"].iter().any(|e| name.ends_with(e)) => FileKind::Jar,
        _ => return None,
    };
    Some(kind)
}

/// `node_modules/x/package.json` or `node_modules/@s/x/package.json`: a
/// package's own manifest, not one deeper in its files.
fn in_node_modules(p: &str) -> bool {
    let Some(i) = p.rfind("node_modules/") else {
        return false;
    };
    let rest = &p[i + "node_modules/".len()..];
    let depth = rest.matches('/').count();
    if rest.starts_with('@') {
        depth == 2
    } else {
        depth == 1
    }
}

/// A regular file any of whose execute bits is set, large enough to be a
/// compiled program: a candidate for build information.
pub fn is_executable(mode: u32, size: u64) -> bool {
    mode & 0o111 != 0 && size >= 4096
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_path() {
        for (p, k) in [
            ("var/lib/dpkg/status", FileKind::DpkgStatus),
            ("var/lib/dpkg/status.d/base-files", FileKind::DpkgStatusD),
            ("lib/apk/db/installed", FileKind::ApkInstalled),
            ("var/lib/rpm/rpmdb.sqlite", FileKind::RpmSqlite),
            ("usr/lib/sysimage/rpm/rpmdb.sqlite", FileKind::RpmSqlite),
            (
                "usr/lib/python3/dist-packages/requests-2.31.0.dist-info/METADATA",
                FileKind::PythonMetadata,
            ),
            ("app/requirements-dev.txt", FileKind::Requirements),
            (
                "app/node_modules/express/package.json",
                FileKind::NodePackage,
            ),
            (
                "app/node_modules/@types/node/package.json",
                FileKind::NodePackage,
            ),
            ("srv/Cargo.lock", FileKind::CargoLock),
            ("app/App.deps.json", FileKind::DotnetDeps),
            ("opt/app/lib/guava-33.0.jar", FileKind::Jar),
        ] {
            assert_eq!(kind_of(p), Some(k), "{p}");
        }
        for p in [
            "app/package.json",
            "app/node_modules/express/lib/package.json",
            "var/lib/dpkg/status.d/base-files.md5sums",
            "etc/status",
            "src/main.rs",
        ] {
            assert_eq!(kind_of(p), None, "{p}");
        }
    }
}
