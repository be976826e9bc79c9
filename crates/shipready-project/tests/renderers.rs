//! Every renderer on one fixture project (`tests/project/`, see its
//! README): Dockerfile, Compose, Kubernetes, cross-file and image
//! findings, findings traced from the image to the Dockerfile, a stale
//! suppression and an input error. Each output is snapshotted; SARIF is
//! validated against the official 2.1.0 schema from `../shared`, the XML
//! formats are parsed back, JSON is parsed back.

use shipready_project::{discover_settings, load, ImageInput, Inputs, Options, Report};
use shipready_report::HumanOptions;
use shipready_testkit::spec::ImageSpec;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn project_dir() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/project");
    std::fs::canonicalize(&p).unwrap_or(p)
}

/// The report, with every file named relative to the project (as
/// `shipready lint .` run inside it would name them), built once.
fn report() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(|| {
        let dir = project_dir();
        let spec = std::fs::read_to_string(dir.join("image.toml")).expect("image.toml");
        let archive = ImageSpec::parse(&spec).expect("spec").docker_archive();
        let inputs = Inputs {
            paths: vec![dir.clone()],
            images: vec![ImageInput::Archive {
                name: "shop-api.tar".into(),
                bytes: archive,
            }],
            dockerfile: Some(dir.join("api/Dockerfile")),
            ..Inputs::default()
        };
        let mut settings = discover_settings(None, &dir).expect("settings");
        // A fixed selection keeps the snapshots to what they are about.
        shipready_project::Selection {
            select: [
                "SR-D001", "SR-D009", "SR-D002", "SR-C010", "SR-C008", "SR-K003", "SR-K004",
                "SR-K013", "SR-F001", "SR-F002", "SR-F003", "SR-I001", "SR-I004", "SR-I010",
                "SR-I014", "SR-X001",
            ]
            .map(String::from)
            .to_vec(),
            ..Default::default()
        }
        .apply(&mut settings)
        .expect("selection");
        let options = Options {
            top: 3,
            ..Options::default()
        };
        let mut project = load(&inputs, &settings, &options).expect("load");
        project.rename(&format!("{}/", dir.display()), "");
        shipready_project::check(project, &settings)
    })
}

#[test]
fn the_fixture_has_every_kind_of_finding() {
    let r = report();
    let ids: Vec<&str> = r.findings.iter().map(|f| f.rule.id).collect();
    for prefix in ["SR-D", "SR-C", "SR-K", "SR-F", "SR-I", "SR-X"] {
        assert!(
            ids.iter().any(|i| i.starts_with(prefix)),
            "no {prefix}: {ids:?}"
        );
    }
    assert_eq!(r.errors.len(), 1, "{:?}", r.errors);
    // Traced to the Dockerfile, with the place in the image kept.
    let env = r
        .findings
        .iter()
        .find(|f| f.rule.id == "SR-I004")
        .expect("SR-I004");
    assert!(env.at.image_place().is_none(), "traced to the ENV line");
    assert!(env.related.iter().any(|x| x.at.image_place().is_some()));
    // What the base image brought stays on the image.
    let shell = r
        .findings
        .iter()
        .find(|f| f.rule.id == "SR-I014")
        .expect("SR-I014");
    assert!(shell.at.image_place().is_some(), "a base layer's shell");
    // The ignore comments did their work.
    for silenced in ["SR-C010", "SR-D002", "SR-K004"] {
        assert!(!ids.contains(&silenced), "{silenced} was not suppressed");
    }
}

#[test]
fn human() {
    let r = report();
    let mut text = String::new();
    for image in &r.images {
        text.push_str(&shipready_report::render_image_summary(image, false));
    }
    text.push_str(&shipready_report::render_human(
        r,
        &HumanOptions {
            color: false,
            concise: false,
        },
    ));
    insta::assert_snapshot!("human", text);
}

#[test]
fn concise() {
    let text = shipready_report::render_human(
        report(),
        &HumanOptions {
            color: false,
            concise: true,
        },
    );
    insta::assert_snapshot!("concise", text);
}

#[test]
fn json() {
    let text = shipready_report::render_json(report());
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    assert_eq!(v["version"], shipready_report::JSON_VERSION);
    insta::assert_snapshot!("json", text);
}

#[test]
fn sarif() {
    let text = shipready_report::render_sarif(report(), "0.0.0-test");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let schema = project_dir().join("../../../../../shared/schemas/sarif/sarif-schema-2.1.0.json");
    match std::fs::read_to_string(&schema) {
        Ok(schema) => {
            let schema: serde_json::Value = serde_json::from_str(&schema).expect("schema");
            let validator = jsonschema::draft4::new(&schema).expect("compile schema");
            let errors: Vec<String> = validator
                .iter_errors(&doc)
                .map(|e| format!("{e} at {}", e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "SARIF invalid:\n{}", errors.join("\n"));
        }
        Err(_) => eprintln!("SKIPPED schema validation: {} is absent", schema.display()),
    }
    // Each rule's full description is its "What it does" section.
    for rule in doc["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
    {
        let full = rule["fullDescription"]["text"].as_str().expect("text");
        assert!(!full.starts_with('#') && full.len() > 20, "{rule}");
        let meta = shipready_lint::find_rule(rule["id"].as_str().expect("id"))[0].meta;
        assert_eq!(full, meta.description());
    }
    insta::assert_snapshot!("sarif", text);
}

#[test]
fn github() {
    insta::assert_snapshot!("github", shipready_report::render_github(report()));
}

/// Parses XML with quick-xml, to the end: it must be well-formed.
fn well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0i32;
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(_) => depth += 1,
            quick_xml::events::Event::End(_) => depth -= 1,
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(depth, 0, "unbalanced XML");
}

#[test]
fn checkstyle() {
    let text = shipready_report::render_checkstyle(report());
    well_formed(&text);
    insta::assert_snapshot!("checkstyle", text);
}

#[test]
fn junit() {
    let text = shipready_report::render_junit(report());
    well_formed(&text);
    insta::assert_snapshot!("junit", text);
}

#[test]
fn markdown() {
    insta::assert_snapshot!("markdown", shipready_report::render_markdown(report()));
}
