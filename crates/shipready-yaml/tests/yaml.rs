use shipready_yaml::{parse_stream, Limits, Value};

fn one(text: &str) -> shipready_yaml::Node {
    let docs = parse_stream(text, &Limits::default()).expect("parses");
    assert_eq!(docs.len(), 1);
    docs.into_iter().next().expect("a document").root
}

fn err(text: &str) -> shipready_yaml::YamlError {
    parse_stream(text, &Limits::default()).expect_err("must be refused")
}

#[test]
fn spans_are_bytes_even_after_multibyte_text() {
    let text = "name: \"café ☕\"\nimage: nginx:1.27\n";
    let root = one(text);
    let image = root.get("image").expect("image");
    assert_eq!(&text[image.span.range()], "nginx:1.27");
    let (key, _) = root.as_map().expect("map").entry("image").expect("entry");
    assert_eq!(&text[key.span.range()], "image");
    let name = root.get("name").expect("name");
    assert_eq!(&text[name.span.range()], "\"café ☕\"");
    assert_eq!(name.as_str(), Some("café ☕"));
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let text = "\
x-base: &base
  restart: always
  environment: &env
    A: \"1\"
services:
  web:
    <<: *base
    image: web
    restart: on-failure
  worker:
    <<: [*base, {user: \"1000\", restart: never}]
    environment: *env
";
    let root = one(text);
    let web = root
        .get("services")
        .and_then(|s| s.get("web"))
        .expect("web");
    // An explicit key wins over the merged one.
    assert_eq!(
        web.get("restart").and_then(|n| n.as_str()),
        Some("on-failure")
    );
    // Merged entries keep the span of the text they came from.
    let env = web.get("environment").expect("merged environment");
    assert!(text[env.span.range()].contains("A: \"1\""));
    let worker = root
        .get("services")
        .and_then(|s| s.get("worker"))
        .expect("worker");
    // Earlier merge sources win over later ones.
    assert_eq!(
        worker.get("restart").and_then(|n| n.as_str()),
        Some("always")
    );
    assert_eq!(worker.get("user").and_then(|n| n.as_str()), Some("1000"));
    assert_eq!(
        worker
            .get("environment")
            .and_then(|e| e.get("A"))
            .and_then(|n| n.as_str()),
        Some("1")
    );
}

#[test]
fn core_schema_types_and_tags() {
    let root = one("a: 8080\nb: \"8080\"\nc: yes\nd: ~\ne: !!str 12\nf: !reset []\ng: 1.5\n");
    assert_eq!(root.get("a").map(|n| &n.value), Some(&Value::Int(8080)));
    assert_eq!(root.get("b").and_then(|n| n.as_str()), Some("8080"));
    assert_eq!(root.get("c").and_then(|n| n.as_str()), Some("yes"));
    assert!(root.get("d").is_some_and(|n| n.is_null()));
    assert_eq!(root.get("e").and_then(|n| n.as_str()), Some("12"));
    assert_eq!(root.get("f").and_then(|n| n.tag.as_deref()), Some("!reset"));
    assert_eq!(root.get("g").map(|n| &n.value), Some(&Value::Float(1.5)));
    assert_eq!(
        root.to_json(),
        serde_json::json!({"a": 8080, "b": "8080", "c": "yes", "d": null, "e": "12", "f": [], "g": 1.5})
    );
}

#[test]
fn streams_of_documents() {
    let docs = parse_stream(
        "apiVersion: v1\nkind: A\n---\n# only a comment\n---\napiVersion: v1\nkind: B\n",
        &Limits::default(),
    )
    .expect("parses");
    let kinds: Vec<_> = docs
        .iter()
        .map(|d| {
            d.root
                .get("kind")
                .and_then(|k| k.as_str())
                .map(String::from)
        })
        .collect();
    assert_eq!(kinds, [Some("A".into()), None, Some("B".into())]);
    assert!(docs[1].root.is_null());
}

#[test]
fn duplicate_keys_are_refused_with_both_lines() {
    let text = "services:\n  web:\n    image: a\n    ports: []\n    image: b\n";
    let e = err(text);
    assert!(e.message.contains("duplicate key `image`"), "{e}");
    assert!(e.message.contains("line 3"), "{e}");
    assert_eq!(&text[e.span.range()], "image");
    assert!(text[..e.span.start as usize].ends_with("    "));
}

#[test]
fn billion_laughs_is_refused_quickly() {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut prev = "a";
    for n in names {
        text.push_str(&format!(
            "{n}: &{n} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = n;
    }
    let start = std::time::Instant::now();
    let e = err(&text);
    assert!(e.message.contains("billion laughs"), "{e}");
    // Bounded work: the budget stops it long before 9^9 nodes.
    assert!(start.elapsed().as_secs() < 5);
}

#[test]
fn deep_nesting_tabs_and_garbage_are_errors_not_crashes() {
    // saphyr-parser stops flow nesting at 255 levels itself; block
    // nesting is ours to stop, at 256.
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let e = err(&deep);
    assert!(e.message.contains("recursion limit"), "{e}");
    let deep: String = (0..1_000)
        .map(|i| format!("{}a:\n", " ".repeat(i)))
        .collect();
    let e = err(&deep);
    assert!(e.message.contains("nested deeper than 256"), "{e}");
    let deep_block: String = (0..10_000)
        .map(|i| format!("{}k:\n", " ".repeat(i % 200)))
        .collect();
    let _ = parse_stream(&deep_block, &Limits::default());
    let e = err("services:\n\tweb:\n\t\timage: x\n");
    assert!(e.message.contains("tab"), "{e}");
    let e = err("a: [1, 2\nb: c\n");
    assert!(!e.message.is_empty());
    let e = err("a: *nowhere\n");
    assert!(e.message.contains("anchor"), "{e}");
    let e = err("a:\n  <<: 3\n");
    assert!(e.message.contains("`<<` merges a mapping"), "{e}");
}

#[test]
fn a_base_offset_shifts_every_span() {
    let text = "a: é\nb: [1, 2]\nc: d\nc: e\n";
    let docs =
        shipready_yaml::parse_stream_at(&text[..15], 1000, &Limits::default()).expect("parses");
    let b = docs[0].root.get("b").expect("b");
    assert_eq!(
        &text[(b.span.start - 1000) as usize..(b.span.end - 1000) as usize],
        "[1, 2]"
    );
    let e = shipready_yaml::parse_stream_at(text, 1000, &Limits::default()).expect_err("dup");
    assert_eq!(e.span.start - 1000, text.rfind("c:").expect("c") as u32);
    assert!(e.message.contains("line 3"), "{e}");
}

#[test]
fn a_quoted_scalar_ends_at_its_closing_quote() {
    // saphyr-parser's end marker runs on over a trailing comment.
    let text = "a: \"x \\\" y\" # note\nb: 'it''s' # more\nc: [\"p\", 'q'] # end\n";
    let root = one(text);
    let span = |n: &shipready_yaml::Node| &text[n.span.range()];
    assert_eq!(span(root.get("a").expect("a")), "\"x \\\" y\"");
    assert_eq!(span(root.get("b").expect("b")), "'it''s'");
    let c = root.get("c").and_then(|c| c.as_seq()).expect("c");
    assert_eq!(span(&c[0]), "\"p\"");
    assert_eq!(span(&c[1]), "'q'");
}
