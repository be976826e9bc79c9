use crate::Report;
use serde_json::{json, Value};
use shipready_diagnostics::{Location, RuleMeta, Severity};

/// SARIF 2.1.0. The document is built as JSON and then passed through
/// `serde_sarif`'s typed model, so a field that does not exist in SARIF
/// fails here rather than in the consumer.
///
/// A finding in text has a region; a finding in an image names the image
/// as the artifact and the place inside it (layer, path, config key) as a
/// logical location. Related locations (the Dockerfile line a cross-file
/// finding compares against, the place in the image a traced finding
/// came from) are `relatedLocations`.
pub fn render_sarif(report: &Report, version: &str) -> String {
    let mut rules: Vec<&'static RuleMeta> = report.findings.iter().map(|f| f.rule).collect();
    rules.sort_unstable_by_key(|m| m.id);
    rules.dedup_by_key(|m| m.id);
    let rule_docs: Vec<Value> = rules
        .iter()
        .map(|m| {
            json!({
                "id": m.id,
                "name": m.name,
                "shortDescription": {"text": m.summary},
                "fullDescription": {"text": m.description()},
                "help": {"text": m.summary, "markdown": m.markdown()},
                "helpUri": format!("https://shipready.dev/rules/{}", m.id),
                "defaultConfiguration": {"level": level(m.severity)},
                "properties": {
                    "category": m.category.as_str(),
                    "tags": [m.category.as_str()],
                    "equivalents": m.equivalents,
                },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| {
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push_str(". Fix: ");
                text.push_str(h);
            }
            let mut result = json!({
                "ruleId": f.rule.id,
                "ruleIndex": rules.iter().position(|r| r.id == f.rule.id).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": text},
                "locations": [location(report, &f.at)],
            });
            if !f.related.is_empty() {
                result["relatedLocations"] = Value::Array(
                    f.related
                        .iter()
                        .enumerate()
                        .map(|(i, r)| {
                            let mut l = location(report, &r.at);
                            l["id"] = json!(i);
                            l["message"] = json!({"text": r.note});
                            l
                        })
                        .collect(),
                );
            }
            let image =
                f.at.image_place()
                    .or_else(|| f.related.iter().find_map(|r| r.at.image_place()));
            if let Some(place) = image {
                result["properties"] =
                    json!({"path": place.path, "layer": place.layer, "config": place.config});
            }
            result
        })
        .collect();
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(&e.file)},
                    "region": {"startLine": e.line.unwrap_or(1)}
                }}],
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "shipready",
                "version": version,
                "informationUri": "https://shipready.dev",
                "rules": rule_docs,
            }},
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let typed: Result<serde_sarif::sarif::Sarif, _> = serde_json::from_value(doc.clone());
    let out = match typed {
        Ok(s) => serde_json::to_string_pretty(&s),
        // Unreachable unless the model and this code disagree; emit the
        // untyped document rather than nothing.
        Err(_) => serde_json::to_string_pretty(&doc),
    };
    let mut s = out.unwrap_or_default();
    s.push('\n');
    s
}

fn location(report: &Report, at: &Location) -> Value {
    let (file, range) = report.position(at);
    let mut physical = json!({"artifactLocation": {"uri": uri(&file.name)}});
    if let Some((s, e)) = range {
        physical["region"] = json!({
            "startLine": s.line,
            "startColumn": s.column,
            "endLine": e.line,
            "endColumn": e.column.max(if e.line == s.line { s.column } else { 1 }),
        });
    }
    let mut location = json!({"physicalLocation": physical});
    if let Location::Image { place, .. } = at {
        let name = place.describe();
        if !name.is_empty() {
            location["logicalLocations"] =
                json!([{"fullyQualifiedName": name, "kind": "resource"}]);
        }
    }
    location
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

/// A URI reference for a path or an image reference (SARIF wants URIs,
/// not paths). In a relative reference a `:` would read as a scheme
/// (`myapp:1.2`), so it is escaped too. Hand-written: five characters, and
/// the percent-encoding crates escape more than SARIF viewers undo.
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let relative = !p.starts_with('/');
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            ':' if relative => out.push_str("%3A"),
            c => out.push(c),
        }
    }
    out
}
