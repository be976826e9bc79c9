use crate::human::place;
use crate::xml::xml;
use crate::Report;
use std::fmt::Write;

/// JUnit XML for CI test-report views (GitLab `artifacts:reports:junit`,
/// Jenkins, Azure): one test suite per checked file or image, one failing
/// test case per finding, one passing case for a file without findings;
/// inputs that could not be read are errored test cases.
pub fn render_junit(report: &Report) -> String {
    let mut suites = String::new();
    let located = report.located();
    let mut total = 0;
    let mut failures = 0;
    for (id, file) in report.files.iter().filter(|(_, f)| f.checked) {
        let mine: Vec<_> = located
            .iter()
            .filter(|l| l.finding.at.file() == id)
            .collect();
        let tests = mine.len().max(1);
        total += tests;
        failures += mine.len();
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{}\" errors=\"0\" skipped=\"0\">",
            mine.len(),
            name = xml(&file.name),
        );
        if mine.is_empty() {
            let _ = writeln!(
                suites,
                "    <testcase name=\"no findings\" classname=\"{}\"/>",
                xml(&file.name)
            );
        }
        for l in mine {
            let f = l.finding;
            let at = place(report, &f.at);
            let line = l.line().map_or(String::new(), |n| format!(" line=\"{n}\""));
            let mut body = format!("{at}: {}", f.message);
            if let Some(h) = &f.help {
                body.push_str("\nhelp: ");
                body.push_str(h);
            }
            let _ = writeln!(
                suites,
                "    <testcase name=\"{} {} at {}\" classname=\"{}\" file=\"{}\"{line}>\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                f.rule.id,
                f.rule.name,
                xml(&at),
                xml(&file.name),
                xml(&file.name),
                f.severity,
                xml(&f.message),
                xml(&body),
            );
        }
        suites.push_str("  </testsuite>\n");
    }
    if !report.errors.is_empty() {
        let n = report.errors.len();
        total += n;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"inputs that could not be read\" tests=\"{n}\" failures=\"0\" errors=\"{n}\" skipped=\"0\">"
        );
        for e in &report.errors {
            let _ = writeln!(
                suites,
                "    <testcase name=\"{}\" classname=\"{}\">\n      <error type=\"input\" message=\"{}\"/>\n    </testcase>",
                xml(&e.file),
                xml(&e.file),
                xml(&e.message)
            );
        }
        suites.push_str("  </testsuite>\n");
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"shipready\" tests=\"{total}\" failures=\"{failures}\" errors=\"{}\">\n{suites}</testsuites>\n",
        report.errors.len()
    )
}
