use shipready_diagnostics::{Finding, LineIndex, RuleMeta, Severity};

/// Finds a rule's metadata by ID (the lint crate's registry).
pub type RuleLookup<'a> = &'a dyn Fn(&str) -> Option<&'static RuleMeta>;

/// The findings of one file, with its text for positions and code frames.
#[derive(Debug)]
pub struct FileReport {
    /// As the user named it (relative paths stay relative).
    pub path: String,
    pub source: String,
    pub findings: Vec<Finding>,
}

/// A file that could not be checked.
#[derive(Debug, Clone)]
pub struct InputError {
    pub file: String,
    /// 1-based, when the problem has a place.
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

/// Everything one run produced.
#[derive(Debug, Default)]
pub struct Report {
    pub files: Vec<FileReport>,
    pub errors: Vec<InputError>,
    /// Files that were read and checked (with or without findings).
    pub files_checked: usize,
}

/// A finding with its 1-based positions resolved.
pub struct Located<'a> {
    pub file: &'a FileReport,
    pub finding: &'a Finding,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
}

impl Report {
    /// Every finding with positions, in file order.
    pub fn located(&self) -> Vec<Located<'_>> {
        let mut out = Vec::new();
        for file in &self.files {
            if file.findings.is_empty() {
                continue;
            }
            let index = LineIndex::new(&file.source);
            for finding in &file.findings {
                let (s, e) = index.span_positions(&file.source, finding.span);
                out.push(Located {
                    file,
                    finding,
                    line: s.line,
                    column: s.column,
                    end_line: e.line,
                    end_column: e.column,
                });
            }
        }
        out
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.findings)
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn total(&self) -> usize {
        self.files.iter().map(|f| f.findings.len()).sum()
    }
}
