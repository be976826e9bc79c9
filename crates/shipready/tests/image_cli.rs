//! `shipready image` end to end: a real image from the machine's Docker
//! Engine (`FROM scratch`), its JSON contract, and bad inputs.

use serde_json::Value;
use shipready_testkit::engine;
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
    engine::build_and_save(d, "shipready-test/cli:1", &d.join("img.tar"));
    let tar = d.join("img.tar");
    let out = shipready(&["image", tar.to_str().expect("utf-8"), "--format", "json"]);
    no_panic(&out);
    // No USER: an error finding, so the default gate fails.
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["version"], 2);
    assert_eq!(v["summary"]["images"], 1);
    let img = &v["images"][0];
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
    let root = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "SR-I001")
        .expect("the image runs as root");
    assert_eq!(root["name"], "image-runs-as-root");
    assert_eq!(root["severity"], "error");
    assert_eq!(root["file"], "shipready-test/cli:1");
    assert!(root["line"].is_null(), "no --dockerfile, no line: {root}");
    assert_eq!(root["image"]["config"]["key"], "user");
    assert_eq!(root["equivalents"]["dockle"][0], "CIS-DI-0001");
    let quiet = shipready(&["image", tar.to_str().expect("utf-8"), "--fail-on", "none"]);
    assert_eq!(quiet.status.code(), Some(0));
    let ignored = shipready(&[
        "image",
        tar.to_str().expect("utf-8"),
        "--ignore",
        "CIS-DI-0001,SR-I005,image-missing-labels",
        "--fail-on",
        "error",
    ]);
    assert_eq!(
        ignored.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ignored.stdout)
    );

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
    engine::build(d, "shipready-test/engine:1");
    let out = shipready(&[
        "image",
        "shipready-test/engine:1",
        "--format",
        "json",
        "--fail-on",
        "none",
    ]);
    no_panic(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["images"][0]["format"], "docker-engine");
    assert_eq!(v["images"][0]["largest_files"][0]["path"], "/hello");
}

/// The official SARIF schema from ../shared; `None` (with a message) only
/// where the shared data is absent.
fn sarif_validator() -> Option<jsonschema::Validator> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/schemas/sarif/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&schema) else {
        eprintln!("SKIPPED SARIF schema check: {} is absent", schema.display());
        return None;
    };
    let schema: Value = serde_json::from_str(&text).expect("schema json");
    Some(jsonschema::draft4::new(&schema).expect("compile schema"))
}

#[test]
fn findings_point_at_the_dockerfile_on_a_debian_image() {
    engine::require_debian_base();
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    std::fs::create_dir_all(d.join("app")).expect("mkdir");
    std::fs::write(d.join("app/start.sh"), "#!/bin/sh\nexec sleep 1\n").expect("write");
    std::fs::write(d.join("id_rsa"), "-----BEGIN OPENSSH PRIVATE KEY-----\n").expect("write");
    let dockerfile = format!(
        "FROM {}\n\
         COPY id_rsa /root/.ssh/id_rsa\n\
         COPY app/ /app/\n\
         RUN rm /root/.ssh/id_rsa \\\n    && chmod 777 /app/start.sh\n\
         ENV API_TOKEN=abc123 LANG=C.UTF-8\n\
         USER 10001\n\
         HEALTHCHECK CMD [\"/app/start.sh\"]\n",
        engine::DEBIAN_BASE
    );
    std::fs::write(d.join("Dockerfile"), &dockerfile).expect("write");
    engine::build_and_save(d, "shipready-test/debian-app:1", &d.join("app.tar"));
    let tar = d.join("app.tar");
    let df = d.join("Dockerfile");
    let args = |format: &str| {
        vec![
            "image".to_string(),
            tar.display().to_string(),
            "--dockerfile".to_string(),
            df.display().to_string(),
            "--format".to_string(),
            format.to_string(),
        ]
    };
    let run = |format: &str| {
        let a = args(format);
        let out = shipready(&a.iter().map(String::as_str).collect::<Vec<_>>());
        no_panic(&out);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    };
    let v: Value = serde_json::from_slice(&run("json").stdout).expect("JSON");
    assert_eq!(v["images"][0]["base_os"]["id"], "debian");
    assert_eq!(v["images"][0]["base_os"]["version_id"], "12");
    let findings = v["findings"].as_array().expect("findings");
    let find = |rule: &str, path: Option<&str>| {
        findings
            .iter()
            .find(|f| f["rule"] == rule && path.is_none_or(|p| f["image"]["path"] == p))
            .unwrap_or_else(|| panic!("no {rule} {path:?} in {findings:#?}"))
    };
    let df_name = df.display().to_string();
    // The key deleted by the RUN still ships in the COPY's layer: the
    // finding points at that COPY, line 2.
    let key = find("SR-I011", Some("/root/.ssh/id_rsa"));
    assert_eq!(key["file"], df_name.as_str());
    assert_eq!(key["line"], 2);
    let writable = find("SR-I013", Some("/app/start.sh"));
    assert_eq!(writable["line"], 4, "the RUN spans lines 4-5: {writable}");
    assert_eq!(writable["end_line"], 5);
    let env = find("SR-I004", None);
    assert_eq!(env["line"], 6);
    assert!(
        env["message"]
            .as_str()
            .is_some_and(|m| !m.contains("abc123")),
        "never print the value"
    );
    // The base's apt lists and shells come from a layer the Dockerfile
    // did not write: they stay on the image.
    let lists = find("SR-I009", Some("/var/lib/apt/lists"));
    assert_eq!(lists["file"], "shipready-test/debian-app:1");
    assert!(lists["line"].is_null());
    assert_eq!(lists["image"]["layer"], 0);
    let shells = find("SR-I014", None);
    assert!(
        shells["message"]
            .as_str()
            .is_some_and(|m| m.contains("/bin/sh") && m.contains("/usr/bin/apt-get")),
        "{shells}"
    );
    find("SR-I012", None);
    assert!(
        findings
            .iter()
            .all(|f| f["rule"] != "SR-I001" && f["rule"] != "SR-I002"),
        "USER and HEALTHCHECK are set"
    );

    let sarif: Value = serde_json::from_slice(&run("sarif").stdout).expect("SARIF");
    if let Some(validator) = sarif_validator() {
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
    }
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let key = results
        .iter()
        .find(|r| r["ruleId"] == "SR-I011")
        .expect("SR-I011 in SARIF");
    assert_eq!(
        key["locations"][0]["physicalLocation"]["region"]["startLine"],
        2
    );
    assert_eq!(key["properties"]["path"], "/root/.ssh/id_rsa");

    let human = String::from_utf8_lossy(&run("human").stdout).into_owned();
    assert!(
        human.contains("base Debian GNU/Linux 12 (bookworm)"),
        "{human}"
    );
    assert!(human.contains("COPY id_rsa /root/.ssh/id_rsa"), "{human}");
}

#[test]
fn dive_gates_fail_the_run() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let d = tmp.path();
    std::fs::write(d.join("data"), vec![1u8; 20_000]).expect("write");
    // Another size: the classic builder diffs by size and mtime, and would
    // see a same-size rewrite in the same second as no change.
    std::fs::write(d.join("data2"), vec![2u8; 20_001]).expect("write");
    std::fs::write(
        d.join("Dockerfile"),
        "FROM scratch\nCOPY data /srv/data\nCOPY data2 /srv/data\nUSER 10001\n",
    )
    .expect("write");
    engine::build_and_save(d, "shipready-test/waste:1", &d.join("w.tar"));
    let tar = d.join("w.tar");
    let tar = tar.to_str().expect("utf-8");
    let only = ["--select", "image-wasted-space", "--format", "json"];
    let gate = |extra: &[&str]| {
        let mut a = vec!["image", tar];
        a.extend_from_slice(&only);
        a.extend_from_slice(extra);
        let out = shipready(&a);
        no_panic(&out);
        let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        (
            out.status.code(),
            v["findings"].as_array().map_or(0, Vec::len),
        )
    };
    // 20 kB written twice: efficiency 50 %, below dive's default 0.9.
    assert_eq!(gate(&[]), (Some(1), 2));
    assert_eq!(
        gate(&[
            "--lowest-efficiency",
            "0.4",
            "--highest-user-wasted-percent",
            "disabled"
        ]),
        (Some(0), 0)
    );
    assert_eq!(
        gate(&[
            "--lowest-efficiency",
            "disabled",
            "--highest-user-wasted-percent",
            "disabled",
            "--highest-wasted-bytes",
            "30kB"
        ]),
        (Some(1), 1)
    );
    let bad = shipready(&["image", tar, "--lowest-efficiency", "90"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("between 0 and 1"));
}

#[test]
fn an_engine_that_denies_access_gets_a_clear_message() {
    // The Engine's socket is root:docker 0660: a user outside the group is
    // refused by the kernel, a real denial. As root, drop to `nobody`;
    // any other user is refused unless it is in the `docker` group.
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !is_root {
        eprintln!("SKIPPED: not root, so no way to become a user the socket refuses");
        return;
    }
    // `nobody` must be able to run the binary wherever the checkout lives
    // (a 0700 home or `mktemp -d` folder is not traversable for it): run a
    // copy from a directory everyone can enter: under /tmp, since even
    // TMPDIR may be private.
    let place = tempfile::Builder::new()
        .tempdir_in("/tmp")
        .expect("a directory under /tmp");
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(place.path(), std::fs::Permissions::from_mode(0o755))
            .expect("chmod the directory");
    }
    let copy = place.path().join("shipready");
    std::fs::copy(env!("CARGO_BIN_EXE_shipready"), &copy).expect("copy the binary");
    let mut cmd = Command::new("runuser");
    cmd.args(["-u", "nobody", "--"]).arg(&copy).current_dir("/");
    let out = cmd
        .args(["image", "shipready-test/cli:1"])
        .env("DOCKER_HOST", "unix:///var/run/docker.sock")
        .output()
        .expect("run shipready as nobody");
    no_panic(&out);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("permission denied on the socket") && err.contains("`docker` group"),
        "{err}"
    );
}
