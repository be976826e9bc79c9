//! `shipready audit --html report.html`: one self-contained page a
//! non-engineer can read. CSS, script and charts (SVG) are inline and
//! nothing is loaded from anywhere: the page works offline and from a CI
//! artifact. Every text from the repository is escaped.
//!
//! Written by hand: the page is one template with a few loops, which a
//! template engine would not make shorter, and it keeps the binary free of
//! one more dependency.

use crate::advice::eur;
use crate::audit::{actions, scorecard, Area, Audit, Status};
use shipready_advise::plan::Status as TaskStatus;
use shipready_diagnostics::Severity;
use shipready_vuln::Rating;
use std::fmt::Write;

/// The production image budget the charts draw.
const BUDGET: u64 = 150_000_000;

/// Text as HTML: `&`, `<`, `>`, `"` and `'` escaped.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

const STYLE: &str = r#"
:root{--fail:#c62828;--warn:#b26a00;--pass:#2e7d32;--na:#757575;--ink:#1d2733;--line:#d8dee6;--bg:#f6f8fa}
*{box-sizing:border-box}body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);margin:0;background:#fff}
header{background:var(--ink);color:#fff;padding:20px 32px}header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.8}
main{max-width:1180px;margin:0 auto;padding:8px 32px 48px}section{margin-top:32px}h2{font-size:19px;border-bottom:1px solid var(--line);padding-bottom:6px}
#scorecard .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:12px}
.card{border:1px solid var(--line);border-top:5px solid var(--na);border-radius:6px;padding:10px 12px;background:var(--bg)}
.card h3{margin:0;font-size:15px}.card .status{font-weight:700;text-transform:uppercase;margin:4px 0}.card .summary{margin:0;font-size:13px}
.status-fail{border-top-color:var(--fail)}.status-fail .status{color:var(--fail)}.status-warn{border-top-color:var(--warn)}.status-warn .status{color:var(--warn)}
.status-pass{border-top-color:var(--pass)}.status-pass .status{color:var(--pass)}
table{border-collapse:collapse;width:100%;font-size:13.5px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{background:var(--bg)}tr[hidden]{display:none}.sev{font-weight:700;text-transform:uppercase;font-size:12px}
.sev-error,.sev-CRITICAL,.sev-HIGH{color:var(--fail)}.sev-warning,.sev-MEDIUM{color:var(--warn)}.sev-info,.sev-LOW,.sev-style,.sev-UNKNOWN{color:var(--na)}
pre.excerpt{margin:4px 0 0;background:var(--bg);padding:4px 6px;border-radius:4px;white-space:pre-wrap;font-size:12.5px}
.filters{margin:8px 0;display:flex;gap:6px;flex-wrap:wrap;align-items:center}.filters button{border:1px solid var(--line);background:#fff;border-radius:14px;padding:3px 12px;cursor:pointer}
.filters button.on{background:var(--ink);color:#fff}.filters input,.filters select{padding:4px 8px;border:1px solid var(--line);border-radius:4px}
.note{color:var(--na)}figure{margin:12px 0}figcaption{font-weight:600;margin-bottom:4px}
.phase{border:1px solid var(--line);border-radius:6px;padding:8px 12px;margin:8px 0}.phase.current{border-color:var(--ink);box-shadow:0 0 0 2px var(--ink) inset}
.task-done{color:var(--pass)}.task-todo{color:var(--fail)}.task-unknown{color:var(--na)}
"#;

const SCRIPT: &str = r#"
(function(){
  var buttons=document.querySelectorAll('#findings .filters button');
  buttons.forEach(function(b){b.addEventListener('click',function(){
    var f=b.getAttribute('data-filter');
    buttons.forEach(function(x){x.classList.toggle('on',x===b)});
    document.querySelectorAll('#findings tr.finding').forEach(function(r){
      r.hidden=!(f==='all'||r.getAttribute('data-severity')===f);
    });
  })});
  var text=document.getElementById('vuln-filter'),sev=document.getElementById('vuln-severity');
  function vulns(){
    var q=text?text.value.toLowerCase():'',s=sev?sev.value:'all';
    document.querySelectorAll('#vulns tr.vuln').forEach(function(r){
      var okText=!q||r.textContent.toLowerCase().indexOf(q)>=0;
      var okSev=s==='all'||r.getAttribute('data-severity')===s;
      r.hidden=!(okText&&okSev);
    });
  }
  if(text)text.addEventListener('input',vulns);if(sev)sev.addEventListener('change',vulns);
})();
"#;

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Pass => "status-pass",
        Status::Warn => "status-warn",
        Status::Fail => "status-fail",
        Status::Absent | Status::Info => "status-na",
    }
}

fn scorecard_html(s: &mut String, a: &Audit, areas: &[Area]) {
    let _ = writeln!(
        s,
        r#"<section id="scorecard"><h2>Scorecard</h2><div class="cards">"#
    );
    for area in areas {
        let _ = writeln!(
            s,
            r#"<div class="card {}" data-area="{}" data-status="{}"><h3>{}</h3><p class="status">{}</p><p class="summary">{}</p></div>"#,
            status_class(area.status),
            esc(area.area),
            area.status.word(),
            esc(area.area),
            area.status.word(),
            esc(&area.summary)
        );
    }
    s.push_str("</div></section>\n");
    let acts = actions(a);
    if !acts.is_empty() {
        s.push_str(r#"<section id="actions"><h2>Top actions</h2><ol>"#);
        for act in acts {
            let _ = write!(
                s,
                "<li><code>{}</code> {}</li>",
                esc(&act.rule),
                esc(&act.text)
            );
        }
        s.push_str("</ol></section>\n");
    }
}

fn findings_html(s: &mut String, a: &Audit) {
    let r = &a.report;
    let mut by_sev = [0usize; 4];
    for f in &r.findings {
        by_sev[f.severity as usize] += 1;
    }
    let _ = write!(
        s,
        r#"<section id="findings"><h2>Findings ({})</h2><div class="filters"><button class="on" data-filter="all">all {}</button>"#,
        r.findings.len(),
        r.findings.len()
    );
    for sev in [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Style,
    ] {
        let _ = write!(
            s,
            r#"<button data-filter="{0}">{0} {1}</button>"#,
            sev.as_str(),
            by_sev[sev as usize]
        );
    }
    s.push_str("</div><table><thead><tr><th>severity</th><th>rule</th><th>where</th><th>what</th></tr></thead><tbody>\n");
    let mut findings: Vec<_> = r.findings.iter().collect();
    findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
    for f in findings {
        let file = r.files.get(f.at.file());
        let (place, excerpt) = match &f.at {
            shipready_diagnostics::Location::Text { span, .. } => {
                let lc = file.line_col(span.start);
                let line_text = file
                    .text
                    .lines()
                    .nth(lc.line.saturating_sub(1) as usize)
                    .unwrap_or("");
                (
                    format!("{}:{}", file.name, lc.line),
                    line_text.trim_end().to_string(),
                )
            }
            shipready_diagnostics::Location::Image { place, .. } => (
                format!("{} {}", file.name, place.path.as_deref().unwrap_or("")),
                String::new(),
            ),
        };
        let _ = write!(
            s,
            r#"<tr class="finding" data-severity="{0}"><td class="sev sev-{0}">{0}</td><td><code>{1}</code><br>{2}</td><td>{3}</td><td>{4}"#,
            f.severity.as_str(),
            esc(f.rule.id),
            esc(f.rule.name),
            esc(&place),
            esc(&f.message)
        );
        if !excerpt.is_empty() {
            let _ = write!(s, r#"<pre class="excerpt">{}</pre>"#, esc(&excerpt));
        }
        if let Some(h) = &f.help {
            let _ = write!(s, r#"<div class="note">{}</div>"#, esc(h));
        }
        s.push_str("</td></tr>\n");
    }
    s.push_str("</tbody></table>\n");
    // By file.
    let mut files: std::collections::BTreeMap<&str, [usize; 4]> = Default::default();
    for f in &r.findings {
        files.entry(&r.files.get(f.at.file()).name).or_default()[f.severity as usize] += 1;
    }
    s.push_str(r#"<h3>By file</h3><table id="by-file"><thead><tr><th>file</th><th>errors</th><th>warnings</th><th>info</th><th>style</th></tr></thead><tbody>"#);
    for (name, c) in files {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(name),
            c[Severity::Error as usize],
            c[Severity::Warning as usize],
            c[Severity::Info as usize],
            c[Severity::Style as usize]
        );
    }
    s.push_str("</tbody></table></section>\n");
}

fn images_html(s: &mut String, a: &Audit, areas: &[Area]) {
    s.push_str(r#"<section id="images"><h2>Images</h2>"#);
    if a.report.images.is_empty() {
        let why = areas
            .iter()
            .find(|x| x.area == "Images")
            .map_or("", |x| x.summary.as_str());
        let _ = write!(s, r#"<p class="note">{}</p>"#, esc(why));
    }
    for img in &a.report.images {
        let total: u64 = img.layers.iter().map(|l| l.size).sum::<u64>().max(1);
        let scale_max = total.max(BUDGET) as f64 * 1.1;
        let width = 900.0;
        let x = |bytes: u64| bytes as f64 / scale_max * width;
        let _ = write!(
            s,
            r#"<figure class="layers" data-image="{0}"><figcaption>{0}: {1} ({2} layers) against the 150 MB budget</figcaption><svg role="img" viewBox="0 0 920 {3}" width="100%">"#,
            esc(&img.reference),
            mb(img.size),
            img.layers.len(),
            30 + 22 * img.layers.len()
        );
        let mut at = 0u64;
        for (i, l) in img.layers.iter().enumerate() {
            let y = 4 + 22 * i;
            let _ = write!(
                s,
                r##"<rect class="layer" x="{:.1}" y="{y}" width="{:.1}" height="16" fill="{}"><title>layer {}: {} {}</title></rect><text x="{:.1}" y="{}" font-size="11">{}</text>"##,
                x(at),
                x(l.size).max(1.0),
                if at + l.size > BUDGET {
                    "#c62828"
                } else {
                    "#4a78b5"
                },
                i + 1,
                mb(l.size),
                esc(&l.step),
                (x(at + l.size) + 4.0).min(width - 120.0),
                y + 12,
                esc(&mb(l.size))
            );
            at += l.size;
        }
        let bx = x(BUDGET);
        let h = 22 * img.layers.len() + 8;
        let _ = write!(
            s,
            r##"<line class="budget" x1="{bx:.1}" x2="{bx:.1}" y1="0" y2="{h}" stroke="#1d2733" stroke-dasharray="4 3"/><text x="{:.1}" y="{}" font-size="11">150 MB budget</text></svg></figure>"##,
            (bx + 4.0).min(width - 90.0),
            h + 14
        );
    }
    s.push_str("</section>\n");
}

fn vulns_html(s: &mut String, a: &Audit) {
    s.push_str(r#"<section id="vulns"><h2>Vulnerabilities</h2>"#);
    if a.report.db.is_none() {
        s.push_str(r#"<p class="note">No vulnerability database: run <code>shipready db update</code>, then audit again.</p></section>"#);
        return;
    }
    s.push_str(r#"<div class="filters"><input id="vuln-filter" type="search" placeholder="filter: package, ID, title"><select id="vuln-severity"><option value="all">all severities</option>"#);
    for r in [
        Rating::Critical,
        Rating::High,
        Rating::Medium,
        Rating::Low,
        Rating::Unknown,
    ] {
        let _ = write!(s, r#"<option value="{0}">{0}</option>"#, r.as_str());
    }
    s.push_str("</select></div><table><thead><tr><th>severity</th><th>ID</th><th>package</th><th>installed</th><th>fixed in</th><th>title</th><th>where</th></tr></thead><tbody>\n");
    for t in &a.report.packages {
        let Some(scan) = &t.scan else { continue };
        let mut ms: Vec<_> = scan.matches.iter().collect();
        ms.sort_by(|x, y| y.rating.cmp(&x.rating).then(x.id.cmp(&y.id)));
        for m in ms {
            let p = &t.inventory.packages[m.package];
            let _ = writeln!(
                s,
                r#"<tr class="vuln" data-severity="{0}"><td class="sev sev-{0}">{0}</td><td>{1}</td><td>{2}</td><td>{3}</td><td>{4}</td><td>{5}</td><td>{6}</td></tr>"#,
                m.rating.as_str(),
                esc(&m.id),
                esc(&p.name),
                esc(&p.version),
                esc(&m
                    .fixed
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "no fix yet".into())),
                esc(&m.summary),
                esc(&format!("{} {}", t.target, p.origin.path()))
            );
        }
    }
    s.push_str("</tbody></table></section>\n");
}

fn costs_html(s: &mut String, a: &Audit) {
    let ad = &a.advice;
    let _ = write!(
        s,
        r#"<section id="costs"><h2>Compose or Kubernetes: cost</h2><p>Recommendation: <strong id="recommendation">{}</strong> (platform <code>{}</code>: {}).</p>"#,
        esc(ad.decision.recommendation.as_str()),
        esc(ad.platform),
        esc(&ad.platform_reason)
    );
    for w in &ad.decision.would_change {
        let _ = write!(s, "<p>What would change it: {}</p>", esc(w));
    }
    let max = ad
        .options
        .iter()
        .map(|o| o.first_year_cost_eur)
        .fold(1.0_f64, f64::max);
    let _ = write!(
        s,
        r#"<figure><figcaption>First-year and monthly cost per option</figcaption><svg id="cost-chart" role="img" viewBox="0 0 920 {}" width="100%">"#,
        20 + 34 * ad.options.len()
    );
    for (i, o) in ad.options.iter().enumerate() {
        let y = 6 + 34 * i;
        let w = o.first_year_cost_eur / max * 600.0;
        let mw = (o.monthly_cost_eur * 12.0) / max * 600.0;
        let _ = write!(
            s,
            r##"<text x="0" y="{}" font-size="12">{}</text><rect class="option" data-platform="{1}" x="130" y="{y}" width="{:.1}" height="14" fill="#4a78b5"><title>first year {}</title></rect><rect x="130" y="{}" width="{:.1}" height="8" fill="#9bb7dc"><title>12 × monthly {}</title></rect><text x="{:.1}" y="{}" font-size="11">{} / year, {} / month</text>"##,
            y + 12,
            esc(o.platform),
            w.max(1.0),
            eur(o.first_year_cost_eur),
            y + 16,
            mw.max(1.0),
            eur(o.monthly_cost_eur),
            136.0 + w.max(mw).min(600.0),
            y + 12,
            eur(o.first_year_cost_eur),
            eur(o.monthly_cost_eur)
        );
    }
    s.push_str("</svg></figure>\n");
    match &ad.roi {
        Some(r) => {
            let _ = write!(
                s,
                "<p>Migrating to <code>{}</code>: {} more than Compose in the first year against {} of the guide's claimed gains; break-even {} (the guide claims month {}).</p>",
                esc(r.platform),
                eur(r.first_year_cost_eur),
                eur(r.first_year_benefit_eur),
                r.break_even_month
                    .map_or("not within 24 months".to_string(), |m| format!("in month {m}")),
                r.guide_break_even_month
            );
        }
        None => {
            s.push_str(r#"<p class="note">No ROI without a team size ([profile] team-size).</p>"#)
        }
    }
    let _ = write!(
        s,
        r#"<p class="note">The guide claims {}: its figures, not measurements.</p>"#,
        esc(&shipready_advise::costs::GUIDE_CLAIMS.join(", "))
    );
    s.push_str(r#"<details><summary>Every assumption and threshold used</summary><table id="assumptions"><thead><tr><th>key</th><th>value</th><th>unit</th><th>source</th><th>note</th></tr></thead><tbody>"#);
    for r in &ad.assumptions {
        let _ = write!(
            s,
            "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(r.key),
            r.value,
            esc(r.unit),
            esc(&r.source.describe()),
            esc(r.note)
        );
    }
    s.push_str("</tbody></table>");
    s.push_str(r#"<table id="thresholds"><thead><tr><th>threshold</th><th>limit</th><th>now</th><th>verdict</th><th>source</th></tr></thead><tbody>"#);
    for r in &ad.decision.rows {
        let _ = write!(
            s,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{:?}</td><td>{}</td></tr>",
            esc(r.threshold.text),
            r.threshold.limit,
            r.value.map_or("unknown".to_string(), |v| v.to_string()),
            r.verdict,
            esc(&r.threshold.source.describe())
        );
    }
    s.push_str("</tbody></table></details></section>\n");
}

fn timeline_html(s: &mut String, a: &Audit) {
    let plan = &a.advice.plan;
    s.push_str(r#"<section id="timeline"><h2>Migration timeline</h2><svg role="img" viewBox="0 0 920 56" width="100%">"#);
    // Months 1-12 across; each phase a band.
    let spans = [
        (1u8, 1.0, 2.0),
        (2, 3.0, 4.0),
        (3, 5.0, 6.0),
        (4, 7.0, 12.0),
    ];
    for (phase, from, to) in spans {
        let x = (from - 1.0) / 12.0 * 900.0;
        let w = (to - from + 1.0) / 12.0 * 900.0 - 4.0;
        let current = phase == plan.current;
        let _ = write!(
            s,
            r##"<rect class="band" data-phase="{phase}" x="{x:.1}" y="6" width="{w:.1}" height="26" rx="4" fill="{}"/><text x="{:.1}" y="24" font-size="12" fill="{}">{phase}. months {}-{}</text>"##,
            if current { "#1d2733" } else { "#d8dee6" },
            x + 6.0,
            if current { "#fff" } else { "#1d2733" },
            from,
            to
        );
    }
    s.push_str("</svg>");
    for p in &plan.plan {
        let _ = write!(
            s,
            r#"<div class="phase{}" data-phase="{}"><strong>Phase {}: {}</strong> (months {})<ul>"#,
            if p.phase == plan.current {
                " current"
            } else {
                ""
            },
            p.phase,
            p.phase,
            esc(p.name),
            esc(p.months)
        );
        for t in &p.tasks {
            let (class, word) = match t.status {
                TaskStatus::Done => ("task-done", "done"),
                TaskStatus::Todo => ("task-todo", "to do"),
                TaskStatus::Unknown => ("task-unknown", "unknown"),
            };
            let _ = write!(
                s,
                r#"<li class="{class}"><strong>{word}</strong>: {}: {}</li>"#,
                esc(t.task),
                esc(&t.evidence)
            );
        }
        s.push_str("</ul></div>");
    }
    s.push_str("</section>\n");
}

/// The whole page.
pub fn render_audit_html(a: &Audit, title: &str, gate: Option<Rating>) -> String {
    let mut s = String::with_capacity(64 << 10);
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>shipready audit: {}</title><style>{STYLE}</style></head><body><header><h1>shipready audit</h1><p>{}</p></header><main>\n",
        esc(title),
        esc(title)
    );
    let areas = scorecard(a, gate);
    scorecard_html(&mut s, a, &areas);
    costs_html(&mut s, a);
    timeline_html(&mut s, a);
    images_html(&mut s, a, &areas);
    vulns_html(&mut s, a);
    findings_html(&mut s, a);
    let _ = writeln!(s, "</main><script>{SCRIPT}</script></body></html>");
    s
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn repository_text_cannot_become_markup() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
    }
}
