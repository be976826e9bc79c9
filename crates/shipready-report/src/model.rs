use serde::Serialize;
use shipready_diagnostics::{
    FileKind, FileTable, Finding, LineCol, Location, Severity, SourceFile,
};

/// An input that could not be checked: which file, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// As the user named it.
    pub file: String,
    /// 1-based, when the problem has a place.
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl InputError {
    /// An error with no place in the file (it could not be read at all).
    pub fn whole(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// Everything one run produced: the file table, the finished findings
/// (ordered), the inputs that could not be read, and what each image
/// analysed looks like. Every renderer takes this.
#[derive(Debug, Default)]
pub struct Report {
    pub files: FileTable,
    pub findings: Vec<Finding>,
    pub errors: Vec<InputError>,
    pub images: Vec<ImageSummary>,
    /// The packages of each target catalogued, and what the vulnerability
    /// database said of them (`sbom`, `scan`).
    pub packages: Vec<PackageReport>,
    /// The database the packages were matched against.
    pub db: Option<DbInfo>,
}

/// The packages of one target.
#[derive(Debug)]
pub struct PackageReport {
    /// The image reference, or the directory or file named.
    pub target: String,
    /// The image, for an image.
    pub image: Option<shipready_diagnostics::FileId>,
    pub inventory: shipready_sbom::Inventory,
    pub scan: Option<shipready_vuln::ScanResult>,
    /// Vulnerabilities the ignore file, VEX or `--ignore-unfixed` took out.
    pub suppressed: Vec<shipready_vuln::filter::Suppressed>,
}

/// Which database a scan used, and how old it is.
#[derive(Debug, Clone, Serialize)]
pub struct DbInfo {
    pub path: String,
    pub built: String,
    pub sources: Vec<shipready_vuln::db::SourceInfo>,
    /// Whole days since it was built.
    pub age_days: i64,
    /// Older than `[scan] max-db-age-days`.
    pub stale: bool,
}

/// A finding with its file and, for text, its 1-based positions.
pub struct Located<'a> {
    pub finding: &'a Finding,
    pub file: &'a SourceFile,
    /// Start and end, for a finding in text.
    pub range: Option<(LineCol, LineCol)>,
}

impl Located<'_> {
    pub fn line(&self) -> Option<u32> {
        self.range.map(|(s, _)| s.line)
    }
}

impl Report {
    /// Files (not images) the run checked.
    pub fn files_checked(&self) -> usize {
        self.files
            .iter()
            .filter(|(_, f)| f.checked && f.kind != FileKind::Image)
            .count()
    }

    pub fn images_checked(&self) -> usize {
        self.files
            .iter()
            .filter(|(_, f)| f.checked && f.kind == FileKind::Image)
            .count()
    }

    /// "3 files", "1 image", "3 files and 1 image": what the run checked.
    pub fn checked_noun(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (self.files_checked(), self.images_checked()) {
            (f, 0) => plural(f, "file"),
            (0, i) => plural(i, "image"),
            (f, i) => format!("{} and {}", plural(f, "file"), plural(i, "image")),
        }
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn total(&self) -> usize {
        self.findings.len()
    }

    /// The file and positions of a location.
    pub fn position(&self, at: &Location) -> (&SourceFile, Option<(LineCol, LineCol)>) {
        let file = self.files.get(at.file());
        let range = at.span().map(|span| {
            let start = file.line_col(span.start);
            let end = if span.is_empty() {
                start
            } else {
                file.line_col(span.end)
            };
            (start, end)
        });
        (file, range)
    }

    /// Every finding with its file and positions, in order.
    pub fn located(&self) -> Vec<Located<'_>> {
        self.findings
            .iter()
            .map(|finding| {
                let (file, range) = self.position(&finding.at);
                Located {
                    finding,
                    file,
                    range,
                }
            })
            .collect()
    }

    /// The summary of the image a file ID names.
    pub fn image(&self, id: shipready_diagnostics::FileId) -> Option<&ImageSummary> {
        self.images.iter().find(|i| i.file == id)
    }
}

/// What an analysed image looks like: the figures `shipready image`
/// prints and the JSON `images` entries hold.
#[derive(Debug, Clone, Serialize)]
pub struct ImageSummary {
    #[serde(skip)]
    pub file: shipready_diagnostics::FileId,
    pub reference: String,
    /// `docker-archive`, `oci-archive`, `oci-layout`.
    pub format: String,
    pub os: String,
    pub architecture: String,
    /// Compressed, as pulled.
    pub size: u64,
    pub uncompressed_size: u64,
    /// The size budget it was checked against.
    pub budget: u64,
    pub layers: Vec<LayerSummary>,
    pub efficiency: f64,
    pub wasted_bytes: u64,
    pub user_wasted_percent: f64,
    pub user: String,
    pub healthcheck: Option<Vec<String>>,
    pub exposed_ports: Vec<String>,
    pub largest_files: Vec<SizedPath>,
    pub largest_dirs: Vec<SizedPath>,
    pub base_os: Option<OsRelease>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LayerSummary {
    pub digest: String,
    pub size: u64,
    pub uncompressed_size: u64,
    pub created_by: Option<String>,
    /// The history line as the Dockerfile step it was, shortened.
    #[serde(skip)]
    pub step: String,
    pub files_added: usize,
    pub files_removed: usize,
    pub wasted_bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct SizedPath {
    pub path: String,
    pub size: u64,
    /// The layer that wrote it (files only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layer: Option<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OsRelease {
    pub id: String,
    pub version_id: String,
    pub pretty_name: String,
}
