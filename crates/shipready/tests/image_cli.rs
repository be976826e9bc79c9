//! `shipready image` end to end: a real image from the machine's Docker
//! Engine (`FROM scratch`), its JSON contract, and bad inputs.

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn shipready(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run shipready")
}

fn no_panic(out: &Output) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
}

fn docker(args: &[&str], dir: &Path) {
    let out = Command::new("docker")
        .args(args)
        .current_dir(dir)
        .env("DOCKER_BUILDKIT", "0")
        .output()
        .expect("run docker");
    assert!(
        out.status.success(),
        "docker {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn json_contract_on_a_real_image() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    std::fs::write(d.join("server"), vec![7u8; 4096]).expect("write");
    std::fs::write(
        d.join("Dockerfile"),
        "FROM scratch\nCOPY server /app/server\nHEALTHCHECK CMD [\"/app/server\", \"health\"]\n",
    )
    .expect("write");
    docker(&["build", "-q", "-t", "shipready-test/cli:1", "."], d);
    docker(&["save", "-o", "img.tar", "shipready-test/cli:1"], d);
    let tar = d.join("img.tar");
    let out = shipready(&["image", tar.to_str().expect("utf-8"), "--format", "json"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["version"], 1);
    let img = &v["image"];
    for key in [
        "reference",
        "os",
        "architecture",
        "size",
        "uncompressed_size",
        "layers",
        "efficiency",
        "wasted_bytes",
        "user_wasted_percent",
        "user",
        "healthcheck",
        "exposed_ports",
    ] {
        assert!(img.get(key).is_some(), "image.{key} missing: {img}");
    }
    assert_eq!(img["reference"], "shipready-test/cli:1");
    assert_eq!(img["healthcheck"][0], "CMD");
    let layer = &img["layers"][0];
    for key in [
        "digest",
        "size",
        "uncompressed_size",
        "created_by",
        "files_added",
        "files_removed",
        "wasted_bytes",
    ] {
        assert!(layer.get(key).is_some(), "layers[0].{key} missing: {layer}");
    }
    assert_eq!(img["largest_files"][0]["path"], "/app/server");
    assert!(v["findings"].is_array());

    let human = shipready(&["image", tar.to_str().expect("utf-8"), "--max-size", "1kB"]);
    let text = String::from_utf8_lossy(&human.stdout);
    assert!(text.contains("over the 1.0 kB budget"), "{text}");
}

#[test]
fn bad_image_inputs_exit_2_with_a_message() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = tmp.path().join("notes.txt");
    std::fs::write(&text, "not an image").expect("write");
    let cases: [(&str, &str); 3] = [
        (text.to_str().expect("utf-8"), "not a container image"),
        ("/nonexistent/image.tar", "no such file or directory"),
        (tmp.path().to_str().expect("utf-8"), "neither manifest.json"),
    ];
    for (arg, expected) in cases {
        let out = shipready(&["image", arg]);
        no_panic(&out);
        assert_eq!(out.status.code(), Some(2), "{arg}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{arg}: {err}");
    }
    let out = shipready(&[
        "image",
        text.to_str().expect("utf-8"),
        "--max-size",
        "12 parsecs",
    ]);
    assert_eq!(out.status.code(), Some(2));

    // An image the Engine does not have, and an Engine that is not there.
    let out = shipready(&["image", "shipready-test/never-built:0"]);
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no such image"), "{err}");
    let out = Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(["image", "alpine:3.20"])
        .env("DOCKER_HOST", "unix:///nonexistent/docker.sock")
        .output()
        .expect("run shipready");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot use the Docker Engine at unix:///nonexistent/docker.sock"),
        "{err}"
    );
}

#[test]
fn reads_straight_from_the_engine() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    std::fs::write(d.join("hello"), "hello").expect("write");
    std::fs::write(d.join("Dockerfile"), "FROM scratch\nCOPY hello /hello\n").expect("write");
    docker(&["build", "-q", "-t", "shipready-test/engine:1", "."], d);
    let out = shipready(&["image", "shipready-test/engine:1", "--format", "json"]);
    no_panic(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["image"]["format"], "docker-engine");
    assert_eq!(v["image"]["largest_files"][0]["path"], "/hello");
}
