//! Real images: built by this machine's Docker Engine (`FROM scratch`, no
//! registry needed), exported with `docker save`, converted to an OCI
//! layout and an OCI archive with skopeo, and read through all three
//! sources, and once more straight from the Engine's API. `.ci/run`
//! (through scripts/test) installs skopeo; the Engine runs on every CI machine,
//! so a missing one is a failure, not a skip.

use shipready_image::{analyse, open_engine, open_path, Image, ReadOptions};
use shipready_testkit::engine::{self, run};
use std::path::Path;
use std::process::Command;

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().expect("a parent")).expect("mkdir");
    std::fs::write(p, bytes).expect("write a test file");
}

fn summary(image: &Image) -> (Vec<String>, Vec<(String, u64)>, u64) {
    let a = analyse(image);
    let diff_ids = image
        .layers
        .iter()
        .map(|l| l.index.diff_id.clone())
        .collect();
    let files = a.files.iter().map(|(p, e)| (p.clone(), e.size)).collect();
    (diff_ids, files, a.wasted_bytes)
}

#[test]
fn docker_save_and_oci_layouts_of_a_real_image_agree() {
    let tmp = tempfile::tempdir().unwrap();
    let ctx = tmp.path().join("ctx");
    write(&ctx, "base/etc/os-release", b"ID=shipready-test\n");
    write(&ctx, "app/server", &vec![1u8; 5000]);
    write(&ctx, "app2/server", &vec![2u8; 6000]);
    write(&ctx, "app2/config.yaml", b"port: 8080\n");
    write(&ctx, "app2/.env", b"API_TOKEN=not-a-real-token\n");
    write(
        &ctx,
        "Dockerfile",
        b"FROM scratch\nCOPY base/ /\nCOPY app/ /app/\nCOPY app2/ /app/\nUSER 10001\nEXPOSE 8080\nCMD [\"/app/server\"]\n",
    );
    let tag = "shipready-test/scratch-app:1";
    let archive = tmp.path().join("app.tar");
    engine::build_and_save(&ctx, tag, &archive);

    let opts = ReadOptions::default();
    let docker = open_path(&archive, &opts).unwrap();
    assert_eq!(docker.format, "docker-archive");
    assert_eq!(docker.reference, tag);
    assert_eq!(docker.layers.len(), 3);
    assert_eq!(docker.config.user, "10001");
    assert_eq!(docker.config.exposed_ports, ["8080/tcp"]);
    assert!(docker.layers[2]
        .created_by
        .as_deref()
        .unwrap_or("")
        .contains("COPY"));
    let a = analyse(&docker);
    assert_eq!(a.files["app/server"].size, 6000);
    assert_eq!(a.files["app/server"].layer, 2);
    assert_eq!(
        a.layers[1].wasted_bytes, 5000,
        "the first server is hidden by the third layer"
    );
    assert_eq!(a.wasted_bytes, 11000);
    let secrets =
        shipready_image::inspect::secret_files(&docker, &a, shipready_testkit::secret_name);
    assert_eq!(secrets.len(), 1, "{secrets:?}");
    assert_eq!(
        (secrets[0].path.as_str(), secrets[0].layer),
        ("/app/.env", 2)
    );
    let os = shipready_image::inspect::os_release(&docker, &a).expect("os-release");
    assert_eq!(os.id, "shipready-test");

    let layout = tmp.path().join("layout");
    let oci_archive = tmp.path().join("app-oci.tar");
    let src = format!("docker-archive:{}", archive.display());
    run(Command::new("skopeo").args(["copy", "-q", &src, &format!("oci:{}:1", layout.display())]));
    run(Command::new("skopeo").args([
        "copy",
        "-q",
        &src,
        &format!("oci-archive:{}:1", oci_archive.display()),
    ]));
    let from_dir = open_path(&layout, &opts).unwrap();
    let from_tar = open_path(&oci_archive, &opts).unwrap();
    assert_eq!(from_dir.format, "oci-layout");
    assert_eq!(from_tar.format, "oci-archive");
    let expected = summary(&docker);
    assert_eq!(summary(&from_dir), expected);
    assert_eq!(summary(&from_tar), expected);
    assert_eq!(from_dir.config.user, "10001");

    // Straight from the Engine's API, streamed: the same image.
    let engine = open_engine(tag, &opts).unwrap();
    assert_eq!(engine.format, "docker-engine");
    assert_eq!(engine.reference, tag);
    assert_eq!(summary(&engine), expected);
}

#[test]
fn a_debian_image_with_whiteouts_reads_alike_from_every_source() {
    engine::require_debian_base();
    let tmp = tempfile::tempdir().unwrap();
    let ctx = tmp.path().join("ctx");
    write(&ctx, "id_rsa", b"-----BEGIN OPENSSH PRIVATE KEY-----\n");
    write(&ctx, "app/server", &vec![3u8; 7000]);
    // RUN needs a shell: the Debian base has one, `scratch` does not.
    write(
        &ctx,
        "Dockerfile",
        format!(
            "FROM {}\n\
             COPY id_rsa /root/.ssh/id_rsa\n\
             COPY app/ /app/\n\
             RUN rm /root/.ssh/id_rsa && rm -rf /var/lib/apt/lists/* && echo v2 > /app/server\n\
             USER 10001\n",
            engine::DEBIAN_BASE
        )
        .as_bytes(),
    );
    let tag = "shipready-test/debian-whiteouts:1";
    let archive = tmp.path().join("deb.tar");
    engine::build_and_save(&ctx, tag, &archive);
    let opts = ReadOptions::default();
    let docker = open_path(&archive, &opts).unwrap();
    assert_eq!(docker.layers.len(), 4);
    let a = analyse(&docker);
    // What the RUN deleted is gone from the tree...
    assert!(!a.files.contains_key("root/.ssh/id_rsa"));
    assert!(!a
        .files
        .keys()
        .any(|k| k.starts_with("var/lib/apt/lists/") && k.ends_with("_Packages")));
    // ...the rewritten server is the RUN's...
    assert_eq!(a.files["app/server"].layer, 3);
    assert_eq!(a.files["app/server"].size, 3);
    // ...and the key still ships in the COPY's layer.
    let secrets =
        shipready_image::inspect::secret_files(&docker, &a, shipready_testkit::secret_name);
    let key = secrets
        .iter()
        .find(|s| s.path == "/root/.ssh/id_rsa")
        .expect("the deleted key");
    assert_eq!((key.layer, key.hidden_by), (1, Some(3)));
    let os = shipready_image::inspect::os_release(&docker, &a).expect("os-release");
    assert_eq!((os.id.as_str(), os.version_id.as_str()), ("debian", "12"));
    // merged /usr: /bin/sh is found through the /bin symlink.
    assert!(shipready_image::inspect::shells_and_tools(&a).contains(&"/bin/sh".to_string()));
    assert!(a.symlink_loops().is_empty());
    assert!(
        a.layers[2].wasted_bytes >= 7000,
        "the first server is hidden"
    );

    let layout = tmp.path().join("layout");
    let src = format!("docker-archive:{}", archive.display());
    run(Command::new("skopeo").args(["copy", "-q", &src, &format!("oci:{}:1", layout.display())]));
    let expected = summary(&docker);
    assert_eq!(summary(&open_path(&layout, &opts).unwrap()), expected);
    assert_eq!(summary(&open_engine(tag, &opts).unwrap()), expected);
}
