//! The machine's Docker Engine, for tests that build real images. Builds
//! use the classic builder (`DOCKER_BUILDKIT=0`): it needs no BuildKit
//! daemon and writes the legacy history lines the provenance code reads.

use std::path::Path;
use std::process::Command;

/// The Debian base `scripts/debian-base` imports (scripts/test runs it).
pub const DEBIAN_BASE: &str = "shipready-test/debian:bookworm";

/// Runs `cmd` and fails the test, with its output, when it fails.
pub fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Fails the test, with the remedy, when the Debian base is missing.
pub fn require_debian_base() {
    let have = Command::new("docker")
        .args(["image", "inspect", DEBIAN_BASE])
        .output()
        .expect("run docker");
    assert!(
        have.status.success(),
        "{DEBIAN_BASE} is missing: run scripts/debian-base (scripts/test does)"
    );
}

/// `docker build -t tag context` with the classic builder.
pub fn build(context: &Path, tag: &str) {
    run(Command::new("docker")
        .env("DOCKER_BUILDKIT", "0")
        .args(["build", "-q", "-t", tag])
        .arg(context));
}

/// `docker save -o out tag`.
pub fn save(tag: &str, out: &Path) {
    run(Command::new("docker")
        .args(["save", "-o"])
        .arg(out)
        .arg(tag));
}

/// `build`, then `save` to `out`.
pub fn build_and_save(context: &Path, tag: &str, out: &Path) {
    build(context, tag);
    save(tag, out);
}
