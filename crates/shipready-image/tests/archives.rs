//! Images built in code: every source format gives the same answer, and
//! every kind of broken input is a clear error.

use shipready_testkit as support;

use shipready_image::{
    analyse, open_path, open_stream, EntryKind, ImageError, Limits, ReadOptions,
};
use support::{Comp, Item};

const GZIP_MEDIA: &str = "application/vnd.oci.image.layer.v1.tar+gzip";

fn app_layers() -> Vec<Vec<Item<'static>>> {
    vec![
        vec![
            Item::Dir("etc/"),
            Item::File("etc/os-release", b"ID=debian\nVERSION_ID=\"12\"\n"),
            Item::Dir("bin/"),
            Item::Mode("bin/sh", &[7u8; 1000], 0o755),
            Item::Symlink("bin/bash", "sh"),
        ],
        vec![
            Item::Dir("app/"),
            Item::File("app/server", &[1u8; 5000]),
            Item::File("app/.env", b"API_TOKEN=abc\n"),
            Item::Dir("cache/"),
            Item::File("cache/a", &[2u8; 3000]),
            Item::File("cache/b", &[3u8; 2000]),
        ],
        vec![
            // Overwrites the server, deletes the .env and the whole cache.
            Item::File("app/server", &[4u8; 6000]),
            Item::File("app/.wh..env", b""),
            Item::File(".wh.cache", b""),
        ],
    ]
}

fn opts() -> ReadOptions {
    ReadOptions::default()
}

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).expect("write a test file");
    p
}

#[test]
fn docker_archive_layers_whiteouts_and_waste() {
    let img = support::image(&app_layers(), Comp::Gzip, "");
    let tmp = tempfile::tempdir().unwrap();
    let path = write(&tmp, "app.tar", &support::docker_archive(&img));
    let image = open_path(&path, &opts()).unwrap();
    assert_eq!(image.format, "docker-archive");
    assert_eq!(image.reference, "shop/api:1.0");
    assert_eq!(image.layers.len(), 3);
    assert_eq!(image.layers[1].created_by.as_deref(), Some("COPY step1 /"));
    assert_eq!(image.config.exposed_ports, ["8080/tcp"]);
    assert_eq!(image.config.healthcheck.as_deref().unwrap()[0], "CMD");
    for (l, t) in image.layers.iter().zip(&img.tars) {
        assert_eq!(l.index.uncompressed_size, t.len() as u64);
        assert_eq!(l.index.diff_id, support::digest(t));
    }
    assert_eq!(
        image.size(),
        img.blobs.iter().map(|b| b.len() as u64).sum::<u64>()
    );

    let a = analyse(&image);
    // Final tree: the new server, no .env, no cache.
    assert_eq!(a.files["app/server"].size, 6000);
    assert_eq!(a.files["app/server"].layer, 2);
    assert!(!a.files.contains_key("app/.env"));
    assert!(!a.files.keys().any(|k| k.starts_with("cache")));
    assert_eq!(a.files["bin/bash"].kind, EntryKind::Symlink);
    // Layer 2's server, .env and cache are all hidden by layer 3.
    assert_eq!(a.layers[1].wasted_bytes, 5000 + 14 + 3000 + 2000);
    assert_eq!(a.layers[2].files_removed, 1 + 3);
    assert_eq!(a.layers[0].wasted_bytes, 0);
    // dive: server 5000+6000, .env 14+0, cache (dir whiteout) 5000 weighed
    // once at the whiteout; a/b counted once each.
    let touched_twice = 5000 + 6000 + 14;
    assert_eq!(a.wasted_bytes, touched_twice);
    let os_release = 26;
    let cumulative = os_release + 1000 + 5000 + 14 + 3000 + 2000 + 6000 + 5000;
    let minimum = os_release + 1000 + 5000 + 3000 + 2000 + 5000;
    assert!((a.efficiency - minimum as f64 / cumulative as f64).abs() < 1e-9);
    let user = (5000 + 14 + 3000 + 2000 + 6000) as f64;
    assert!((a.user_wasted_percent - touched_twice as f64 / user * 100.0).abs() < 1e-9);
    assert_eq!(a.largest_files(1)[0].path, "/app/server");
    assert_eq!(a.largest_dirs(1, 3)[0].path, "/app");
}

#[test]
fn oci_dir_oci_tar_and_docker_archive_agree() {
    for comp in [Comp::None, Comp::Gzip, Comp::Zstd] {
        let img = support::image(&app_layers(), comp, "10001");
        let tmp = tempfile::tempdir().unwrap();
        let docker = open_path(
            &write(&tmp, "d.tar", &support::docker_archive(&img)),
            &opts(),
        )
        .unwrap();
        let oci_tar = open_path(
            &write(&tmp, "o.tar", &support::oci_tar(&img, GZIP_MEDIA)),
            &opts(),
        )
        .unwrap();
        let dir = tmp.path().join("layout");
        support::oci_dir(&img, GZIP_MEDIA, &dir);
        let oci_dir = open_path(&dir, &opts()).unwrap();
        assert_eq!(
            (oci_tar.format, oci_dir.format),
            ("oci-archive", "oci-layout")
        );
        assert_eq!(oci_dir.reference, "1.0");
        for other in [&oci_tar, &oci_dir] {
            assert_eq!(other.config.user, "10001");
            let (a, b) = (analyse(&docker), analyse(other));
            assert_eq!(
                a.files.keys().collect::<Vec<_>>(),
                b.files.keys().collect::<Vec<_>>()
            );
            assert_eq!(
                (a.wasted_bytes, a.efficiency),
                (b.wasted_bytes, b.efficiency)
            );
            let digests = |i: &shipready_image::Image| {
                i.layers
                    .iter()
                    .map(|l| l.index.digest.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(digests(&docker), digests(other));
        }
    }
}

#[test]
fn gzipped_docker_save_and_a_stream_read_alike() {
    let img = support::image(&app_layers(), Comp::None, "");
    let archive = support::docker_archive(&img);
    let gz = support::compress(&archive, Comp::Gzip);
    let a = open_stream(&archive[..], "plain", &opts()).unwrap();
    let b = open_stream(&gz[..], "gzipped", &opts()).unwrap();
    assert_eq!(a.uncompressed_size(), b.uncompressed_size());
}

/// An OCI layout directory holding `files`.
fn layout_dir(files: &[(String, Vec<u8>)]) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    support::write_files(files, tmp.path());
    tmp
}

/// The error of a bad archive, read both as a stream and as a file on
/// disk (which is read by seeking, its layers in parallel): both must
/// fail, and alike.
fn err(bytes: &[u8], o: &ReadOptions) -> ImageError {
    let streamed = open_stream(bytes, "test.tar", o).expect_err("must fail");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = write(&dir, "test.tar", bytes);
    let from_file = open_path(&path, o).expect_err("must fail from a file too");
    assert_eq!(
        std::mem::discriminant(&streamed),
        std::mem::discriminant(&from_file),
        "{streamed} / {from_file}"
    );
    assert!(from_file.to_string().contains("test.tar"), "{from_file}");
    streamed
}

#[test]
fn layer_digest_mismatch_is_an_error() {
    let mut img = support::image(&app_layers(), Comp::Gzip, "");
    // A different layer than the config's diff_ids describe.
    img.blobs[1] = support::compress(&support::layer_tar(&[Item::File("x", b"y")]), Comp::Gzip);
    let e = err(&support::docker_archive(&img), &opts());
    assert!(matches!(e, ImageError::DigestMismatch { .. }), "{e}");
    assert!(e.to_string().contains("layer 2"), "{e}");

    // OCI: the blob no longer matches its descriptor.
    let img = support::image(&app_layers(), Comp::Gzip, "");
    let mut files = support::oci_files(&img, GZIP_MEDIA);
    let last = files.last_mut().unwrap();
    last.1 = support::compress(&support::layer_tar(&[Item::File("x", b"y")]), Comp::Gzip);
    let tmp = layout_dir(&files);
    let e = open_path(tmp.path(), &opts()).expect_err("must fail");
    assert!(matches!(e, ImageError::DigestMismatch { .. }), "{e}");
}

#[test]
fn truncated_inputs_are_errors() {
    let img = support::image(&app_layers(), Comp::Gzip, "");
    let archive = support::docker_archive(&img);
    for cut in [
        100,
        archive.len() / 3,
        archive.len() / 2,
        archive.len() - 700,
    ] {
        let e = err(&archive[..cut], &opts());
        let msg = e.to_string();
        assert!(msg.contains("test.tar"), "{msg}");
    }
    // A truncated gzip layer inside an intact outer tar.
    let mut img = support::image(&app_layers(), Comp::Gzip, "");
    let n = img.blobs[1].len();
    img.blobs[1].truncate(n / 2);
    let e = err(&support::docker_archive(&img), &opts());
    assert!(
        e.to_string().contains("truncated") || e.to_string().contains("cannot read"),
        "{e}"
    );
}

#[test]
fn gzip_bomb_stops_at_the_limit() {
    let zeros = vec![0u8; 8 << 20];
    let big = support::layer_tar(&[Item::File("zeros", &zeros)]);
    let img = support::TestImage {
        blobs: vec![support::compress(&big, Comp::Gzip)],
        tars: vec![big],
        config: br#"{"os":"linux","architecture":"amd64"}"#.to_vec(),
    };
    let o = ReadOptions {
        limits: Limits {
            max_layer_bytes: 1 << 20,
            ..Limits::default()
        },
        ..ReadOptions::default()
    };
    let e = err(&support::docker_archive(&img), &o);
    assert!(matches!(e, ImageError::LimitExceeded { .. }), "{e}");
}

#[test]
fn missing_blob_and_non_image_tar() {
    let img = support::image(&app_layers(), Comp::Gzip, "");
    let mut files = support::oci_files(&img, GZIP_MEDIA);
    files.pop();
    let tmp = layout_dir(&files);
    let e = open_path(tmp.path(), &opts()).expect_err("must fail");
    assert!(matches!(e, ImageError::MissingBlob { .. }), "{e}");

    let plain = support::layer_tar(&[Item::File("README", b"hello")]);
    assert!(matches!(
        err(&plain, &opts()),
        ImageError::NotAnImage { .. }
    ));
    assert!(matches!(
        err(b"not a tar at all, just text", &opts()),
        ImageError::NotAnImage { .. }
    ));
    assert!(matches!(err(b"", &opts()), ImageError::NotAnImage { .. }));
}

#[test]
fn escaping_paths_are_clamped_and_recorded() {
    let img = support::image(
        &[vec![
            Item::Raw("../../etc/evil", b"x"),
            Item::File("ok", b"y"),
        ]],
        Comp::None,
        "",
    );
    let image = open_stream(&support::docker_archive(&img)[..], "t", &opts()).unwrap();
    assert_eq!(image.layers[0].index.escaping_paths, ["../../etc/evil"]);
    let a = analyse(&image);
    assert!(a.files.contains_key("etc/evil"));
}

#[test]
fn platform_selection_in_an_index() {
    let img = support::image(&app_layers(), Comp::Gzip, "");
    let mut files = support::oci_files(&img, GZIP_MEDIA);
    // Two platforms pointing at the same manifest; ask for each.
    let index: serde_json::Value = serde_json::from_slice(&files[1].1).unwrap();
    let mut amd = index["manifests"][0].clone();
    let mut arm = amd.clone();
    amd["platform"] = serde_json::json!({"os": "linux", "architecture": "amd64"});
    arm["platform"] = serde_json::json!({"os": "linux", "architecture": "arm64", "variant": "v8"});
    let att = serde_json::json!({"digest": amd["digest"], "platform": {"os": "unknown", "architecture": "unknown"}});
    files[1].1 =
        serde_json::to_vec(&serde_json::json!({"schemaVersion": 2, "manifests": [amd, arm, att]}))
            .unwrap();
    let tmp = layout_dir(&files);
    for wanted in ["linux/amd64", "linux/arm64/v8", "linux/arm64"] {
        let o = ReadOptions {
            platform: Some(wanted.into()),
            ..ReadOptions::default()
        };
        assert!(open_path(tmp.path(), &o).is_ok(), "{wanted}");
    }
    let o = ReadOptions {
        platform: Some("linux/s390x".into()),
        ..ReadOptions::default()
    };
    let e = open_path(tmp.path(), &o).expect_err("no such platform");
    assert!(e.to_string().contains("linux/amd64, linux/arm64/v8"), "{e}");
}

#[test]
fn inspection_finds_secrets_caches_modes_tools_and_os() {
    use shipready_image::inspect;
    let layers = vec![
        vec![
            Item::File(
                "usr/lib/os-release",
                b"ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
            ),
            Item::Symlink("etc/os-release", "../usr/lib/os-release"),
            Item::Mode("bin/sh", &[1u8; 100], 0o755),
            Item::Mode("usr/bin/su", &[1u8; 50], 0o4755),
            Item::Mode("etc/ssl/certs/ca.pem", b"cert", 0o644),
        ],
        vec![
            Item::File("var/lib/apt/lists/mirror.example_dists", &[0u8; 700]),
            Item::File("root/.ssh/id_rsa", b"-----BEGIN OPENSSH PRIVATE KEY-----"),
            Item::File("src/.git/config", b"[remote]"),
            Item::File("src/.git/HEAD", b"ref"),
            Item::Mode("app/run.log", b"x", 0o666),
        ],
        vec![Item::File("root/.ssh/.wh.id_rsa", b"")],
    ];
    let img = support::image(&layers, Comp::Gzip, "");
    let image = open_stream(&support::docker_archive(&img)[..], "t", &opts()).unwrap();
    let a = analyse(&image);

    let secrets = inspect::secret_files(&image, &a, shipready_testkit::secret_name);
    let found: Vec<_> = secrets
        .iter()
        .map(|s| (s.path.as_str(), s.layer, s.hidden_by))
        .collect();
    assert_eq!(
        found,
        [("/root/.ssh/id_rsa", 1, Some(2)), ("/src/.git", 1, None)]
    );

    let caches = inspect::caches(&a);
    assert_eq!(caches.len(), 1);
    assert_eq!(
        (caches[0].path.as_str(), caches[0].bytes),
        ("/var/lib/apt/lists", 700)
    );
    assert_eq!(inspect::setuid_files(&a), ["/usr/bin/su"]);
    assert_eq!(inspect::world_writable(&a), ["/app/run.log"]);
    assert_eq!(inspect::shells_and_tools(&a), ["/bin/sh"]);
    let os = inspect::os_release(&image, &a).expect("os-release");
    assert_eq!((os.id.as_str(), os.version_id.as_str()), ("debian", "12"));
    assert!(os.pretty_name.contains("bookworm"));
}

#[test]
fn a_directory_replaces_a_file_and_keeps_the_newer_mode() {
    let layers = vec![
        vec![Item::File("srv/data", &[1u8; 300]), Item::Dir("etc/")],
        vec![
            Item::Dir("srv/data/"),
            Item::File("srv/data/x", b"x"),
            Item::Dir("etc/"),
        ],
    ];
    let img = support::image(&layers, Comp::None, "");
    let image = open_stream(&support::docker_archive(&img)[..], "t", &opts()).unwrap();
    let a = analyse(&image);
    assert_eq!(a.files["srv/data"].kind, EntryKind::Dir);
    assert_eq!(a.layers[0].wasted_bytes, 300);
    assert!(a.files.contains_key("srv/data/x"));
}

#[test]
fn symlinks_resolve_like_a_path_lookup_and_loops_end() {
    use shipready_image::inspect;
    let layers = vec![vec![
        // merged /usr, as Debian 12 ships it
        Item::Symlink("bin", "usr/bin"),
        Item::Dir("usr/bin"),
        Item::Mode("usr/bin/dash", &[1u8; 100], 0o755),
        Item::Symlink("usr/bin/sh", "dash"),
        Item::Mode("usr/bin/apt-get", &[1u8; 10], 0o755),
        // a loop, a dangling link and a chain through `..`
        Item::Symlink("loop/a", "b"),
        Item::Symlink("loop/b", "/loop/a"),
        Item::Symlink("dangling", "/nowhere/x"),
        Item::Symlink("etc/alternatives/sh", "../../usr/bin/dash"),
    ]];
    let img = support::image(&layers, Comp::None, "");
    let image = open_stream(&support::docker_archive(&img)[..], "t", &opts()).unwrap();
    let a = analyse(&image);
    assert_eq!(a.resolve("bin/sh"), Ok(Some("usr/bin/dash".into())));
    assert_eq!(
        a.resolve("etc/alternatives/sh"),
        Ok(Some("usr/bin/dash".into()))
    );
    assert_eq!(a.resolve("dangling"), Ok(None));
    assert!(a.resolve("loop/a").is_err());
    assert!(a.resolve("loop/a/deeper").is_err());
    assert_eq!(a.symlink_loops(), ["/loop/a", "/loop/b"]);
    // /bin/sh, /bin/dash, /usr/bin/sh and /usr/bin/dash are one program:
    // named once, by its first name.
    assert_eq!(
        inspect::shells_and_tools(&a),
        ["/bin/sh", "/usr/bin/apt-get"]
    );
}

#[test]
fn hard_links_count_as_the_files_they_name() {
    use shipready_image::inspect;
    let layers = vec![vec![
        Item::Mode("usr/bin/passwd", &[1u8; 64], 0o4755),
        Item::Hardlink("usr/bin/passwd2", "usr/bin/passwd", 0o4755),
        Item::File("srv/keys/deploy", b"-----BEGIN OPENSSH PRIVATE KEY-----"),
        Item::Hardlink("home/app/.ssh/id_ed25519", "srv/keys/deploy", 0o600),
    ]];
    let img = support::image(&layers, Comp::None, "");
    let image = open_stream(&support::docker_archive(&img)[..], "t", &opts()).unwrap();
    let a = analyse(&image);
    assert_eq!(a.files["usr/bin/passwd2"].kind, EntryKind::Hardlink);
    assert_eq!(
        a.files["usr/bin/passwd2"].link.as_deref(),
        Some("usr/bin/passwd")
    );
    // A link adds a name, not bytes.
    assert_eq!(a.files["usr/bin/passwd2"].size, 0);
    assert_eq!(
        inspect::setuid_files(&a),
        ["/usr/bin/passwd", "/usr/bin/passwd2"]
    );
    let secrets: Vec<_> = inspect::secret_files(&image, &a, shipready_testkit::secret_name)
        .into_iter()
        .map(|s| s.path)
        .collect();
    assert_eq!(secrets, ["/home/app/.ssh/id_ed25519"]);
}

/// A file on disk is read by seeking, its layers side by side; a pipe
/// (`shipready image <(docker save app)`) cannot seek and streams. Both
/// give the same image.
#[test]
fn a_pipe_reads_like_the_file() {
    let img = support::image(&app_layers(), Comp::None, "10001");
    let bytes = support::docker_archive(&img);
    let tmp = tempfile::tempdir().unwrap();
    let file = open_path(&write(&tmp, "d.tar", &bytes), &opts()).unwrap();
    let fifo = tmp.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, bytes).expect("write the pipe"))
    };
    let piped = open_path(&fifo, &opts()).unwrap();
    writer.join().unwrap();
    let summary = |i: &shipready_image::Image| {
        i.layers
            .iter()
            .map(|l| {
                (
                    l.index.digest.clone(),
                    l.index.diff_id.clone(),
                    l.index.entries.len(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(summary(&file), summary(&piped));
    assert_eq!(analyse(&file).files.len(), analyse(&piped).files.len());
}
