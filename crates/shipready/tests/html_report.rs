//! The HTML report in a real browser: headless Chromium (Debian
//! `chromium`, driven through `chromedriver` by the fantoccini WebDriver
//! client; scripts/test installs both). The audit covers a repository with
//! findings, an image the Docker Engine really has and a vulnerable
//! lockfile; the test asserts on the DOM (the scorecard, the number of
//! finding rows, filters that hide rows when clicked), checks that the
//! page fetched nothing, and saves a screenshot as an artifact.

// A failed unwrap is a failed test; the panic says where.
#![allow(clippy::unwrap_used)]

use fantoccini::{ClientBuilder, Locator};
use serde_json::{json, Value};
use shipready_testkit::engine;
use shipready_testkit::reference::workspace;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn shipready(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_shipready"))
        .args(args)
        .env("NO_COLOR", "1")
        .env("SHIPREADY_DB", "/nonexistent/shipready-db")
        .output()
        .unwrap()
}

fn tool(env: &str, default: &str) -> PathBuf {
    let p = std::env::var_os(env).map_or_else(|| PathBuf::from(default), PathBuf::from);
    assert!(
        p.exists(),
        "{} is missing: run scripts/test (it installs Debian chromium and chromium-driver)",
        p.display()
    );
    p
}

/// chromedriver on a free loopback port, killed on drop.
struct Driver(Child, u16);

impl Driver {
    fn start() -> Driver {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(tool("SHIPREADY_CHROMEDRIVER", "/usr/bin/chromedriver"))
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver(child, port)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The repository of the audit: a service whose image is built here, a
/// Django pin with a CRITICAL advisory, and Dockerfile findings.
fn audited_repo(root: &Path, tag: &str) {
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::create_dir(root.join("api")).unwrap();
    std::fs::write(
        root.join("api/Dockerfile"),
        "FROM scratch\nCOPY app /app\nCMD [\"/app\"]\n",
    )
    .unwrap();
    std::fs::write(root.join("api/app"), vec![b'x'; 4096]).unwrap();
    std::fs::write(root.join("api/requirements.txt"), "django==3.2.1\n").unwrap();
    std::fs::write(
        root.join("compose.yaml"),
        format!("services:\n  api:\n    build: ./api\n    image: {tag}\n    environment:\n      API_TOKEN: \"<script>alert(1)</script>\"\n"),
    )
    .unwrap();
}

async fn visible(client: &fantoccini::Client, selector: &str) -> u64 {
    let v = client
        .execute(
            "return Array.from(document.querySelectorAll(arguments[0])).filter(function(r){return !r.hidden}).length;",
            vec![json!(selector)],
        )
        .await
        .unwrap();
    v.as_u64().unwrap()
}

#[test]
fn the_html_report_in_headless_chromium() {
    const TAG: &str = "shipready-test/html-api:1";
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("repo");
    std::fs::create_dir(&root).unwrap();
    audited_repo(&root, TAG);
    engine::build(&root.join("api"), TAG);
    let db = dir.path().join("db");
    let fixture = workspace().join("crates/shipready-lint/fixtures/SR-V001/vulndb");
    assert!(shipready(&[
        "db",
        "import",
        fixture.to_str().unwrap(),
        "--db",
        db.to_str().unwrap()
    ])
    .status
    .success());
    let html = dir.path().join("report.html");
    let args = [
        "audit",
        root.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--team-size",
        "5",
        "-f",
        "json",
        "--html",
        html.to_str().unwrap(),
    ];
    let out = shipready(&args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = doc["report"]["findings"].as_array().unwrap();
    let errors = findings.iter().filter(|f| f["severity"] == "error").count() as u64;
    assert!(
        errors > 0 && (errors as usize) < findings.len(),
        "a filter must hide something"
    );

    // Self-contained: no URL to fetch, and the repository's text escaped.
    let page = std::fs::read_to_string(&html).unwrap();
    for needle in ["http://", "https://", " src=", " href=", "<link", "@import"] {
        assert!(!page.contains(needle), "the page references {needle}");
    }
    assert!(
        !page.contains("<script>alert(1)"),
        "repository text reached the page unescaped"
    );

    let driver = Driver::start();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": tool("SHIPREADY_CHROMIUM", "/usr/bin/chromium"),
                // Every host name resolves to nothing: a fetch could not
                // succeed even if the page tried one.
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1280,2200"]
            }),
        );
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        let client = ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.1))
            .await
            .unwrap();
        client
            .goto(&format!("file://{}", html.display()))
            .await
            .unwrap();

        // The scorecard: six areas, with the values of the JSON.
        let cards = client.find_all(Locator::Css("#scorecard .card")).await.unwrap();
        assert_eq!(cards.len(), 6);
        for area in doc["scorecard"].as_array().unwrap() {
            let name = area["area"].as_str().unwrap();
            let card = client
                .find(Locator::Css(&format!("#scorecard .card[data-area='{name}']")))
                .await
                .unwrap();
            let summary = card.find(Locator::Css(".summary")).await.unwrap().text().await.unwrap();
            assert_eq!(summary, area["summary"].as_str().unwrap(), "{name}");
        }
        let vulns = client
            .find(Locator::Css("#scorecard .card[data-area='Vulnerabilities']"))
            .await
            .unwrap();
        assert_eq!(vulns.attr("data-status").await.unwrap().as_deref(), Some("fail"));
        let rec = client.find(Locator::Css("#recommendation")).await.unwrap();
        assert_eq!(rec.text().await.unwrap(), "compose");

        // One row per finding; the error filter hides the others.
        assert_eq!(visible(&client, "#findings tr.finding").await, findings.len() as u64);
        client
            .find(Locator::Css("#findings button[data-filter='error']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert_eq!(visible(&client, "#findings tr.finding").await, errors);
        client
            .find(Locator::Css("#findings button[data-filter='all']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        assert_eq!(visible(&client, "#findings tr.finding").await, findings.len() as u64);

        // The vulnerability table filters by text.
        let rows = visible(&client, "#vulns tr.vuln").await;
        assert!(rows >= 1);
        let input = client.find(Locator::Css("#vuln-filter")).await.unwrap();
        input.send_keys("no-such-package").await.unwrap();
        assert_eq!(visible(&client, "#vulns tr.vuln").await, 0);
        input.clear().await.unwrap();
        input.send_keys("django").await.unwrap();
        assert_eq!(visible(&client, "#vulns tr.vuln").await, rows);

        // The image chart has a bar per layer and the budget line.
        let layers = client.find_all(Locator::Css("#images rect.layer")).await.unwrap();
        assert_eq!(layers.len(), doc["report"]["images"][0]["layers"].as_array().unwrap().len());
        assert_eq!(client.find_all(Locator::Css("#images line.budget")).await.unwrap().len(), 1);
        assert_eq!(client.find_all(Locator::Css("#cost-chart rect.option")).await.unwrap().len(), 5);

        // Nothing was fetched: the page is the only resource loaded.
        let fetched = client
            .execute("return performance.getEntriesByType('resource').length;", vec![])
            .await
            .unwrap();
        assert_eq!(fetched, json!(0));

        let png = client.screenshot().await.unwrap();
        assert!(png.starts_with(b"\x89PNG"), "a PNG screenshot");
        let artifact = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit-report.png");
        std::fs::write(&artifact, png).unwrap();
        eprintln!("screenshot: {}", artifact.display());
        client.close().await.unwrap();
    });
}
