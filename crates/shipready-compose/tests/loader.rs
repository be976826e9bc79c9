//! The loader on bad input and on what only it reports: every problem a
//! clear error or notice naming the file and the place, never a panic.

use shipready_compose::{load, LoadOptions, Project};
use shipready_diagnostics::LineIndex;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &[u8]) {
    std::fs::write(dir.join(name), text).expect("write");
}

fn opts(dir: &Path) -> LoadOptions {
    LoadOptions {
        working_dir: dir.to_path_buf(),
        ..LoadOptions::default()
    }
}

fn line_of(p: &Project, span: shipready_diagnostics::Span) -> (String, u32) {
    let (src, local) = p.sources.locate(span).expect("a known file");
    let at = LineIndex::new(&src.text).line_col(&src.text, local.start);
    (src.name.clone(), at.line)
}

#[test]
fn the_embedded_schema_is_the_official_one() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/schemas/compose-spec/compose-spec.json");
    let Ok(official) = std::fs::read(&shared) else {
        eprintln!("SKIPPED: {} is absent", shared.display());
        return;
    };
    let ours =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/compose-spec.json"))
            .expect("embedded schema");
    assert!(
        ours == official,
        "schema/compose-spec.json differs from ../shared's copy"
    );
}

#[test]
fn schema_violations_point_at_the_key() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(
        tmp.path(),
        "compose.yaml",
        b"version: '3.8'\nservices:\n  web:\n    image: nginx\n    restart_policy: always\n    ports: [{target: 80, published: 8080, protocl: tcp}]\n",
    );
    let p = load(&opts(tmp.path())).expect("loads, with notices");
    let messages: Vec<(String, u32)> = p
        .invalid
        .iter()
        .map(|w| (w.message.clone(), line_of(&p, w.span.expect("span")).1))
        .collect();
    assert!(
        messages
            .iter()
            .any(|(m, l)| m.contains("`restart_policy` is not a Compose attribute") && *l == 5),
        "{messages:?}"
    );
    assert!(messages.iter().any(|(_, l)| *l == 6), "{messages:?}");
}

#[test]
fn unset_variables_warn_and_required_ones_fail() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(
        tmp.path(),
        "compose.yaml",
        b"services:\n  web:\n    image: \"nginx:${TAG}\"\n",
    );
    let p = load(&opts(tmp.path())).expect("loads");
    assert_eq!(p.warnings.len(), 1);
    assert!(p.warnings[0].message.contains("TAG is not set"));
    assert_eq!(line_of(&p, p.warnings[0].span.expect("span")).1, 3);

    write(tmp.path(), "compose.yaml", b"services:\n  web:\n    image: nginx\n    environment:\n      PASSWORD: ${DB_PASSWORD:?put it in .env}\n");
    let e = load(&opts(tmp.path())).expect_err("required");
    assert!(
        e.message
            .contains("DB_PASSWORD is missing a value: put it in .env"),
        "{e}"
    );
    assert!(e.file.ends_with("compose.yaml"));
}

#[test]
fn hostile_files_are_clear_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "dup",
            b"services:\n  a:\n    image: x\n    image: y\n".to_vec(),
            "duplicate key `image`",
        ),
        ("tab", b"services:\n\ta:\n\t\timage: x\n".to_vec(), "tab"),
        (
            "utf8",
            b"services:\n  a:\n    image: \xff\xfe\n".to_vec(),
            "line 3: not UTF-8",
        ),
        ("top", b"- a\n- b\n".to_vec(), "a mapping"),
        (
            "bomb",
            {
                let mut t = String::from(
                    "x-a: &a [\"l\",\"l\",\"l\",\"l\",\"l\",\"l\",\"l\",\"l\",\"l\"]\n",
                );
                let mut prev = "a".to_string();
                for n in ["b", "c", "d", "e", "f", "g", "h", "i"] {
                    t.push_str(&format!("x-{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
                    prev = n.to_string();
                }
                t.push_str("services: {}\n");
                t.into_bytes()
            },
            "billion laughs",
        ),
    ];
    for (name, text, expected) in cases {
        let dir = tmp.path().join(name);
        std::fs::create_dir_all(&dir).expect("mkdir");
        write(&dir, "compose.yaml", &text);
        let e = load(&opts(&dir)).expect_err(name);
        assert!(e.message.contains(expected), "{name}: {e}");
        assert!(e.file.ends_with("compose.yaml"), "{name}: {:?}", e.file);
    }
    // A 100 MB file is refused before it is read.
    let big = tmp.path().join("big");
    std::fs::create_dir_all(&big).expect("mkdir");
    let f = std::fs::File::create(big.join("compose.yaml")).expect("create");
    f.set_len(100_000_000).expect("sparse file");
    let e = load(&opts(&big)).expect_err("too big");
    assert!(e.message.contains("limit 8 MiB"), "{e}");
    // No file at all.
    let e = load(&opts(&tmp.path().join("dup").join("nowhere"))).expect_err("none");
    assert!(e.message.contains("no compose.yaml"), "{e}");
}

#[test]
fn extends_cycles_and_missing_bases_are_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    write(
        tmp.path(),
        "compose.yaml",
        b"services:\n  a:\n    extends: b\n  b:\n    extends: a\n",
    );
    let e = load(&opts(tmp.path())).expect_err("cycle");
    assert!(e.message.contains("cycle"), "{e}");
    write(
        tmp.path(),
        "compose.yaml",
        b"services:\n  a:\n    extends: {file: nope.yaml, service: x}\n",
    );
    let e = load(&opts(tmp.path())).expect_err("missing file");
    assert!(e.message.contains("extends: cannot read"), "{e}");
}

#[test]
fn include_cycles_missing_files_and_bad_entries_are_errors_at_the_entry() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    // a → b → a
    write(
        d,
        "compose.yaml",
        b"include:\n  - ./b.yaml\nservices:\n  a:\n    image: a:1\n",
    );
    write(
        d,
        "b.yaml",
        b"include:\n  - ./compose.yaml\nservices:\n  b:\n    image: b:1\n",
    );
    let e = load(&opts(d)).expect_err("a cycle");
    assert!(e.message.contains("includes itself"), "{}", e.message);

    write(
        d,
        "compose.yaml",
        b"services:\n  a:\n    image: a:1\ninclude:\n  - path: ./missing.yaml\n",
    );
    let e = load(&opts(d)).expect_err("a missing file");
    assert!(
        e.message.contains("missing.yaml does not exist"),
        "{}",
        e.message
    );
    assert!(e.file.ends_with("compose.yaml"));
    let text = std::fs::read_to_string(d.join("compose.yaml")).expect("read");
    let span = e.span.expect("a place");
    assert_eq!(LineIndex::new(&text).line_col(&text, span.start).line, 5);

    write(
        d,
        "compose.yaml",
        b"include:\n  - path: ./b.yaml\n    projectdir: .\n",
    );
    let e = load(&opts(d)).expect_err("an unknown key");
    assert!(
        e.message.contains("unknown key `projectdir`"),
        "{}",
        e.message
    );
}

#[test]
fn included_services_keep_their_own_files_for_spans() {
    let dir = tempfile::tempdir().expect("tmp");
    let d = dir.path();
    std::fs::create_dir(d.join("db")).expect("mkdir");
    write(
        d,
        "compose.yaml",
        b"include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx:1.27\n",
    );
    write(&d.join("db"), "compose.yaml", b"services:\n  db:\n    image: postgres:${TAG}\n    volumes: [./data:/var/lib/postgresql/data]\n");
    write(&d.join("db"), ".env", b"TAG=16.4\n");
    let p = load(&opts(d)).expect("loads");
    let names: Vec<String> = p
        .services()
        .filter_map(|(k, _)| k.as_str().map(String::from))
        .collect();
    assert_eq!(names, ["web", "db"]);
    let (_, db) = p
        .services()
        .find(|(k, _)| k.as_str() == Some("db"))
        .expect("db");
    assert_eq!(
        db.get("image").and_then(|i| i.as_str()),
        Some("postgres:16.4")
    );
    let (file, line) = line_of(&p, db.get("image").expect("image").span);
    assert!(file.ends_with("db/compose.yaml"), "{file}");
    assert_eq!(line, 3);
    assert_eq!(p.included.len(), 1);
}
