use crate::{Report, RuleLookup};
use serde_json::{json, Value};
use shipready_diagnostics::Severity;

/// SARIF 2.1.0. The document is built as JSON and then passed through
/// `serde_sarif`'s typed model, so a field that does not exist in SARIF
/// fails here rather than in the consumer.
pub fn render_sarif(report: &Report, lookup: RuleLookup<'_>, version: &str) -> String {
    let located = report.located();
    let mut rule_ids: Vec<&str> = located.iter().map(|l| l.finding.rule).collect();
    rule_ids.sort_unstable();
    rule_ids.dedup();
    let rules: Vec<Value> = rule_ids
        .iter()
        .map(|id| {
            let meta = lookup(id);
            let mut r = json!({
                "id": id,
                "name": meta.map(|m| m.name).unwrap_or(id),
                "shortDescription": {"text": meta.map(|m| m.summary).unwrap_or(id)},
                "helpUri": format!("https://shipready.dev/rules/{id}"),
                "defaultConfiguration": {"level": level(meta.map_or(Severity::Warning, |m| m.severity))},
            });
            if let Some(m) = meta {
                r["fullDescription"] = json!({"text": m.doc.lines().find(|l| !l.trim().is_empty() && !l.starts_with('#')).unwrap_or(m.summary).trim()});
                r["help"] = json!({"text": m.summary, "markdown": m.doc});
                r["properties"] = json!({
                    "category": m.category.as_str(),
                    "tags": [m.category.as_str()],
                    "equivalents": m.equivalents,
                });
            }
            r
        })
        .collect();
    let results: Vec<Value> = located
        .iter()
        .map(|l| {
            let f = l.finding;
            let mut text = f.message.clone();
            if let Some(h) = &f.help {
                text.push_str(". Fix: ");
                text.push_str(h);
            }
            let mut physical = json!({"artifactLocation": {"uri": uri(&l.file.path)}});
            // An image has no text: its findings name the artefact only,
            // and say where in the image through a logical location.
            if !l.file.source.is_empty() {
                physical["region"] = json!({
                    "startLine": l.line,
                    "startColumn": l.column,
                    "endLine": l.end_line,
                    "endColumn": l.end_column.max(if l.end_line == l.line { l.column } else { 1 }),
                });
            }
            let mut location = json!({"physicalLocation": physical});
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_ids.iter().position(|r| *r == f.rule).unwrap_or(0),
                "level": level(f.severity),
                "message": {"text": text},
            });
            if let Some(place) = f.image.as_deref() {
                let name = match (&place.path, place.layer) {
                    (Some(p), Some(n)) => format!("layer {}:{p}", n + 1),
                    (Some(p), None) => p.clone(),
                    (None, Some(n)) => format!("layer {}", n + 1),
                    (None, None) => String::new(),
                };
                if !name.is_empty() {
                    location["logicalLocations"] =
                        json!([{"fullyQualifiedName": name, "kind": "resource"}]);
                }
                result["properties"] = json!({"path": place.path, "layer": place.layer});
            }
            result["locations"] = json!([location]);
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
                "rules": rules,
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

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Style => "note",
    }
}

/// A relative URI reference for the path (SARIF wants URIs, not paths).
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}
