//! A Compose healthcheck as Kubernetes probes: **both** a readiness and a
//! liveness probe (Compose Bridge makes only liveness; kompose only from
//! labels), plus a startup probe when the service takes long to start.
//!
//! - `curl -f`/`--fail` and `wget` against `localhost` become `httpGet`
//!   (both fail on an HTTP error, as `httpGet` does; plain `curl` does not,
//!   so it stays an `exec` probe);
//! - any other test becomes `exec` (`CMD` as its argv, `CMD-SHELL` and the
//!   string form through `/bin/sh -c`);
//! - `disable: true` and `test: ["NONE"]` give no probes;
//! - `interval` → `periodSeconds`, `timeout` → `timeoutSeconds`, `retries`
//!   → `failureThreshold`, with Compose's defaults (30s, 30s, 3);
//! - `start_period` → `initialDelaySeconds`, or, when it is long (at least
//!   [`STARTUP_PROBE_FROM`] seconds), a startup probe that allows that
//!   long before liveness starts counting.

use k8s_openapi::api::core::v1::{ExecAction, HTTPGetAction, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use shipready_compose::duration;
use shipready_yaml::{Node, Value};

/// A `start_period` from this many seconds gets a startup probe.
pub const STARTUP_PROBE_FROM: i32 = 30;
/// How often the startup probe asks.
const STARTUP_PERIOD: i32 = 5;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Probes {
    pub readiness: Option<Probe>,
    pub liveness: Option<Probe>,
    pub startup: Option<Probe>,
}

fn seconds(node: Option<&Node>, default: i32, key: &str) -> Result<i32, String> {
    let Some(text) = node.and_then(Node::key_text) else {
        return Ok(default);
    };
    let text = text.as_str();
    let ns = duration::parse(text)
        .ok_or_else(|| format!("healthcheck {key}: `{text}` is not a duration"))?;
    // Probes count whole seconds, at least one.
    let s = (ns + 999_999_999) / 1_000_000_000;
    Ok(i32::try_from(s.max(1)).unwrap_or(i32::MAX))
}

/// The argv of the test, and whether it runs through a shell.
fn test_argv(test: &Node) -> Option<(Vec<String>, bool)> {
    match &test.value {
        Value::Str(s) => Some((vec![s.clone()], true)),
        Value::Seq(items) => {
            let words: Vec<String> = items
                .iter()
                .filter_map(|i| i.as_str().map(String::from))
                .collect();
            match words.first().map(String::as_str) {
                Some("NONE") => None,
                Some("CMD") => Some((words[1..].to_vec(), false)),
                Some("CMD-SHELL") => Some((words[1..].to_vec(), true)),
                // A list without the keyword is a CMD list to the Engine.
                _ => Some((words, false)),
            }
        }
        _ => None,
    }
}

/// `http://localhost:8080/health` → (scheme, port, path).
fn local_url(url: &str) -> Option<(&'static str, i32, String)> {
    let (scheme, rest, default) = if let Some(r) = url.strip_prefix("http://") {
        ("HTTP", r, 80)
    } else if let Some(r) = url.strip_prefix("https://") {
        ("HTTPS", r, 443)
    } else {
        return None;
    };
    let (hostport, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().ok()?),
        None => (hostport, default),
    };
    matches!(host, "localhost" | "127.0.0.1" | "0.0.0.0" | "[::1]").then_some((scheme, port, path))
}

/// The words of a test as an HTTP check, when it is one: `curl` with
/// `-f`/`--fail` (alone or in a short-flag group) or `wget`, one local URL,
/// optionally followed by `|| exit 1`.
fn http_get(words: &[String]) -> Option<HTTPGetAction> {
    let mut words: Vec<&str> = words.iter().map(String::as_str).collect();
    if words.len() >= 3 && words[words.len() - 3..] == ["||", "exit", "1"] {
        words.truncate(words.len() - 3);
    }
    let tool = words.first()?.rsplit('/').next()?;
    let urls: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
        .collect();
    let [url] = urls.as_slice() else { return None };
    let flags = &words[1..];
    let ok = match tool {
        "curl" => flags.iter().any(|f| {
            *f == "--fail" || (f.starts_with('-') && !f.starts_with("--") && f.contains('f'))
        }),
        "wget" => true,
        _ => false,
    };
    // Anything besides flags and the URL (a header, a pipe) is not ours
    // to drop.
    let plain = flags
        .iter()
        .all(|f| f.starts_with('-') || f == url || *f == "/dev/null");
    if !ok
        || !plain
        || flags
            .iter()
            .any(|f| f.starts_with("-H") || *f == "--header" || f.starts_with("-d") || *f == "-X")
    {
        return None;
    }
    let (scheme, port, path) = local_url(url)?;
    Some(HTTPGetAction {
        path: Some(path),
        port: IntOrString::Int(port),
        scheme: Some(scheme.to_string()),
        ..HTTPGetAction::default()
    })
}

/// The probes for one service's `healthcheck`; `Ok(None)` when there is
/// none or it is disabled.
pub fn from_healthcheck(hc: &Node) -> Result<Option<Probes>, String> {
    if hc.get("disable").and_then(Node::key_text).as_deref() == Some("true") {
        return Ok(None);
    }
    let Some((argv, shell)) = hc.get("test").and_then(test_argv) else {
        return Ok(None);
    };
    if argv.is_empty() {
        return Ok(None);
    }
    let period = seconds(hc.get("interval"), 30, "interval")?;
    let timeout = seconds(hc.get("timeout"), 30, "timeout")?;
    let retries = match hc.get("retries").and_then(Node::key_text).as_deref() {
        None => 3,
        Some(r) => r
            .parse::<i32>()
            .map_err(|_| format!("healthcheck retries: `{r}` is not a number"))?
            .max(1),
    };
    let start = match hc.get("start_period").and_then(Node::key_text) {
        None => 0,
        Some(_) => seconds(hc.get("start_period"), 0, "start_period")?,
    };
    let words: Vec<String> = if shell {
        argv.join(" ")
            .split_whitespace()
            .map(String::from)
            .collect()
    } else {
        argv.clone()
    };
    let http = http_get(&words);
    let exec = || ExecAction {
        command: Some(if shell {
            vec!["/bin/sh".into(), "-c".into(), argv.join(" ")]
        } else {
            argv.clone()
        }),
    };
    let probe = |initial: Option<i32>, failures: i32, every: i32| Probe {
        http_get: http.clone(),
        exec: http.is_none().then(exec),
        period_seconds: Some(every),
        timeout_seconds: Some(timeout.min(every)),
        failure_threshold: Some(failures),
        initial_delay_seconds: initial,
        ..Probe::default()
    };
    let long = start >= STARTUP_PROBE_FROM;
    let initial = (!long && start > 0).then_some(start);
    let startup = long.then(|| {
        let failures = (start + STARTUP_PERIOD - 1) / STARTUP_PERIOD;
        probe(None, failures.max(1), STARTUP_PERIOD)
    });
    Ok(Some(Probes {
        readiness: Some(probe(initial, retries, period)),
        liveness: Some(probe(initial, retries, period)),
        startup,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hc(yaml: &str) -> Node {
        crate::yaml(yaml)
    }

    fn probes(yaml: &str) -> Probes {
        from_healthcheck(&hc(yaml)).expect("maps").expect("probes")
    }

    #[test]
    fn curl_fail_and_wget_become_http_get() {
        for (test, port, path, scheme) in [
            (
                r#"test: ["CMD", "curl", "-f", "http://localhost:8080/health"]"#,
                8080,
                "/health",
                "HTTP",
            ),
            (
                r#"test: ["CMD-SHELL", "curl -fsS http://127.0.0.1:3000/ready || exit 1"]"#,
                3000,
                "/ready",
                "HTTP",
            ),
            (
                r#"test: curl --fail https://localhost/healthz"#,
                443,
                "/healthz",
                "HTTPS",
            ),
            (
                r#"test: ["CMD", "wget", "-qO-", "http://localhost:8080/health"]"#,
                8080,
                "/health",
                "HTTP",
            ),
            (
                r#"test: ["CMD", "wget", "--spider", "-q", "http://localhost"]"#,
                80,
                "/",
                "HTTP",
            ),
        ] {
            let p = probes(test);
            for probe in [p.readiness.as_ref().unwrap(), p.liveness.as_ref().unwrap()] {
                let get = probe
                    .http_get
                    .as_ref()
                    .unwrap_or_else(|| panic!("{test}: {probe:?}"));
                assert_eq!(get.port, IntOrString::Int(port), "{test}");
                assert_eq!(get.path.as_deref(), Some(path), "{test}");
                assert_eq!(get.scheme.as_deref(), Some(scheme), "{test}");
                assert!(probe.exec.is_none());
            }
        }
    }

    #[test]
    fn other_tests_stay_exec() {
        // Plain curl exits 0 on a 500: an httpGet would change the meaning.
        let p = probes(r#"test: ["CMD", "curl", "http://localhost:8080/health"]"#);
        let exec = p.liveness.unwrap().exec.unwrap();
        assert_eq!(
            exec.command.unwrap(),
            ["curl", "http://localhost:8080/health"]
        );
        let p = probes(r#"test: ["CMD-SHELL", "pg_isready -U shop"]"#);
        assert_eq!(
            p.readiness.unwrap().exec.unwrap().command.unwrap(),
            ["/bin/sh", "-c", "pg_isready -U shop"]
        );
        // Another host is not the container.
        let p = probes(r#"test: ["CMD", "curl", "-f", "http://db:5432/"]"#);
        assert!(p.readiness.unwrap().http_get.is_none());
    }

    #[test]
    fn timings_map_and_a_long_start_gets_a_startup_probe() {
        let p = probes("test: [\"CMD\", \"/app\", \"health\"]\ninterval: 10s\ntimeout: 3s\nretries: 5\nstart_period: 5s\n");
        let r = p.readiness.unwrap();
        assert_eq!(
            (
                r.period_seconds,
                r.timeout_seconds,
                r.failure_threshold,
                r.initial_delay_seconds
            ),
            (Some(10), Some(3), Some(5), Some(5))
        );
        assert!(p.startup.is_none());
        // Compose's defaults.
        let d = probes("test: [\"CMD\", \"/app\"]").liveness.unwrap();
        assert_eq!(
            (d.period_seconds, d.timeout_seconds, d.failure_threshold),
            (Some(30), Some(30), Some(3))
        );
        // 2 minutes to start: a startup probe gives it that long.
        let p = probes("test: [\"CMD\", \"/app\"]\ninterval: 15s\nstart_period: 2m\n");
        let s = p.startup.unwrap();
        assert_eq!((s.period_seconds, s.failure_threshold), (Some(5), Some(24)));
        assert_eq!(p.liveness.unwrap().initial_delay_seconds, None);
    }

    #[test]
    fn disabled_and_none_give_no_probes_and_bad_values_are_errors() {
        let disabled = "test: [\"CMD\", \"/app\"]\ndisable: true\n";
        assert_eq!(from_healthcheck(&hc(disabled)).unwrap(), None);
        assert_eq!(from_healthcheck(&hc("test: [\"NONE\"]")).unwrap(), None);
        let e = from_healthcheck(&hc("test: [\"CMD\", \"x\"]\ninterval: often\n")).unwrap_err();
        assert!(e.contains("interval: `often` is not a duration"), "{e}");
        let e = from_healthcheck(&hc("test: [\"CMD\", \"x\"]\nretries: many\n")).unwrap_err();
        assert!(e.contains("retries"), "{e}");
    }
}
