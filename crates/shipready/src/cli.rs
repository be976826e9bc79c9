use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// From Dockerfile to production: lint what you ship.
#[derive(Debug, Parser)]
#[command(name = "shipready", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint Dockerfiles, Compose projects and Kubernetes manifests.
    Lint(LintArgs),
    /// List the rules, or show one rule's documentation.
    Rules(RulesArgs),
    /// Analyse a built image: a `docker save` tar, an OCI layout (dir or
    /// tar), or an image in the local Docker Engine.
    Image(ImageArgs),
    /// List the packages of an image or a source tree as an SBOM
    /// (CycloneDX 1.6, SPDX 2.3).
    Sbom(SbomArgs),
    /// Match the packages of an image or a source tree against the offline
    /// vulnerability database, and fail on HIGH and CRITICAL.
    Scan(ScanArgs),
    /// Build, update or inspect the offline vulnerability database.
    Db(DbArgs),
    /// Compose or Kubernetes? The decision framework against the team's
    /// profile and the repository, each platform's cost, the return on a
    /// migration, and the phased plan filled with this repository's
    /// findings.
    Advise(AdviseArgs),
    /// Everything on one repository: lint, the images Compose and
    /// Kubernetes name (from the local Docker Engine), their
    /// vulnerabilities, and the advice; one scorecard, one exit code.
    Audit(AuditArgs),
    /// Work with saved reports.
    Report(ReportArgs),
    /// Compose → production-grade Kubernetes: workloads, Services,
    /// probes, resources, a strict security context, storage,
    /// NetworkPolicies, PodDisruptionBudgets; as YAML, a Kustomize base or
    /// a Helm chart, with a summary of what was mapped, defaulted and
    /// dropped.
    Convert(ConvertArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertLayout {
    /// Multi-document YAML on standard output, or one file per object
    /// with `-o DIR`.
    Yaml,
    /// A Kustomize base in `-o DIR`.
    Kustomize,
    /// A Helm chart in `-o DIR`.
    Helm,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertSummary {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The directory of the Compose project (default: the current
    /// directory); ignored with `-f`.
    pub path: Option<PathBuf>,
    /// Compose files, in order, as `docker compose -f`.
    #[arg(long = "file", short = 'f')]
    pub files: Vec<PathBuf>,
    /// Write into this directory instead of standard output (required
    /// for kustomize and helm).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ConvertLayout::Yaml)]
    pub format: ConvertLayout,
    /// The namespace of every object (default: the Compose project name).
    #[arg(long)]
    pub namespace: Option<String>,
    /// Where services that build their image push it: the image becomes
    /// `<registry>/<service>:<tag>`.
    #[arg(long)]
    pub registry: Option<String>,
    /// The tag of built images (default: the repository's current commit,
    /// else required with --registry).
    #[arg(long)]
    pub tag: Option<String>,
    /// How the summary is written: to standard error when the manifests
    /// go to standard output, else to standard output.
    #[arg(long, value_enum, default_value_t = ConvertSummary::Human)]
    pub summary: ConvertSummary,
    /// Write the summary to this file.
    #[arg(long)]
    pub summary_output: Option<PathBuf>,
    /// Do not read the services' images from the Docker Engine (their
    /// users then stay unchecked).
    #[arg(long)]
    pub no_images: bool,
    /// A `shipready.toml` to use instead of discovery.
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FleetFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Merge the `audit --format json` files of many repositories into one
    /// fleet view.
    Merge {
        /// Audit JSON files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, short = 'f', value_enum, default_value_t = FleetFormat::Table)]
        format: FleetFormat,
        /// Also write the fleet as one self-contained HTML page.
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
        /// Write the output to this file instead of standard output.
        #[arg(long, short = 'o')]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// The scorecard and the top five actions.
    Table,
    /// The scorecard, the whole lint report and the advice.
    Json,
    /// A PR comment.
    Markdown,
    /// SARIF 2.1.0 of every finding.
    Sarif,
    /// JUnit XML for CI test views.
    Junit,
    /// GitLab Code Quality of every finding.
    Gitlab,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// The repository (default: the current directory).
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[arg(long, short = 'f', value_enum, default_value_t = AuditFormat::Table)]
    pub format: AuditFormat,
    /// Also write the report as one self-contained HTML page (no network:
    /// inline CSS, script and charts).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Exit 1 on a finding at or above this severity (default: fail-on
    /// of shipready.toml, else warning); vulnerabilities fail at `[scan]
    /// fail-on` (HIGH).
    #[arg(long, value_enum)]
    pub fail_on: Option<SeverityArg>,
    /// Do not ask the Docker Engine for the images.
    #[arg(long, conflicts_with = "build")]
    pub no_images: bool,
    /// Build the images Compose builds first, through the Docker Engine
    /// API (its classic builder), tagged as `docker compose build` would.
    #[arg(long)]
    pub build: bool,
    #[command(flatten)]
    pub vulns: VulnArgs,
    /// Do not match packages against the vulnerability database.
    #[arg(long)]
    pub no_vulns: bool,
    /// A `shipready.toml` to use instead of discovery.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Report inputs that cannot be read, but do not fail on them.
    #[arg(long)]
    pub allow_input_errors: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AdviseFormat {
    Table,
    /// The contract of docs/advise-json.md.
    Json,
}

/// The team's profile, over `[profile]` of shipready.toml.
#[derive(Debug, Args)]
pub struct ProfileArgs {
    /// Engineers who ship to this system (overrides [profile] team-size).
    #[arg(long)]
    pub team_size: Option<u32>,
    /// Daily active users.
    #[arg(long)]
    pub dau: Option<u64>,
    /// Services (default: counted from Compose and Kubernetes).
    #[arg(long)]
    pub services: Option<u32>,
    /// Regions the system runs in (2 or more: multi-region).
    #[arg(long)]
    pub regions: Option<u32>,
    /// Compliance regimes: none, gdpr, soc2, iso27001, pci-dss, hipaa,
    /// fedramp (comma-separated).
    #[arg(long, value_delimiter = ',')]
    pub compliance: Vec<String>,
    /// Where the team hosts: aws, gcp, azure, on-prem, vps, paas, other.
    #[arg(long)]
    pub hosting: Option<String>,
    /// Deploys a day, for the image economics (default 1).
    #[arg(long)]
    pub deploys_per_day: Option<f64>,
    /// Nodes that pull each image (default: [costs] nodes-per-cluster).
    #[arg(long)]
    pub nodes: Option<u32>,
}

#[derive(Debug, Args)]
pub struct AdviseArgs {
    /// The repository (default: the current directory).
    pub path: Option<PathBuf>,
    #[command(flatten)]
    pub profile: ProfileArgs,
    #[arg(long, short = 'f', value_enum, default_value_t = AdviseFormat::Table)]
    pub format: AdviseFormat,
    /// Also print every assumption and threshold used.
    #[arg(long, short = 'v')]
    pub verbose: bool,
    #[command(flatten)]
    pub vulns: VulnArgs,
    /// Do not match lockfiles against the vulnerability database.
    #[arg(long)]
    pub no_vulns: bool,
    /// A `shipready.toml` to use instead of discovery.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Report inputs that cannot be read, but do not fail on them.
    #[arg(long)]
    pub allow_input_errors: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// What `sbom` and `scan` read, and the database options both share
/// with `lint` and `image`.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// An image (`docker save` archive, OCI layout, or a reference the
    /// Docker Engine has), a source directory, or one lockfile.
    pub target: PathBuf,
    /// `os/arch[/variant]` to pick from a multi-platform index.
    #[arg(long)]
    pub platform: Option<String>,
    /// Write the output to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Report inputs that cannot be read, but do not fail on them.
    #[arg(long)]
    pub allow_input_errors: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SbomFormatArg {
    /// A table: name, version, type, where.
    Table,
    /// CycloneDX 1.6 JSON.
    Cyclonedx,
    /// SPDX 2.3 JSON.
    Spdx,
    /// Every field shipready records (docs/scan-json.md).
    Json,
}

#[derive(Debug, Args)]
pub struct SbomArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[arg(long, short = 'f', value_enum, default_value_t = SbomFormatArg::Table)]
    pub format: SbomFormatArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScanFormat {
    /// Grouped by package, on a terminal.
    Table,
    /// The versioned contract of docs/scan-json.md.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// CycloneDX 1.6 with the vulnerabilities (and the team's verdicts).
    CyclonedxVex,
    /// Markdown, for a pull-request comment.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RatingArg {
    Critical,
    High,
    Medium,
    Low,
    /// Never fail on vulnerabilities.
    None,
}

/// The vulnerability database and what the team said about findings.
#[derive(Debug, Args)]
pub struct VulnArgs {
    /// The database directory (default: `$SHIPREADY_DB`, else the user's
    /// cache directory, e.g. ~/.cache/shipready).
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
    /// `.shipready-ignore.toml` to use (default: the one in the target
    /// directory or the current directory).
    #[arg(long, value_name = "FILE")]
    pub ignore_file: Option<PathBuf>,
    /// An OpenVEX or CycloneDX VEX document: its `not_affected`
    /// statements suppress (repeat the option).
    #[arg(long, value_name = "FILE")]
    pub vex: Vec<PathBuf>,
    /// Leave out vulnerabilities that have no fixed version yet.
    #[arg(long)]
    pub ignore_unfixed: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub target: TargetArgs,
    #[arg(long, short = 'f', value_enum, default_value_t = ScanFormat::Table)]
    pub format: ScanFormat,
    /// Exit 1 on a vulnerability at or above this rating (default:
    /// `[scan] fail-on`, else high).
    #[arg(long, value_enum)]
    pub fail_on: Option<RatingArg>,
    /// Also fail on vulnerabilities no feed rates (UNKNOWN): Go's and the
    /// distributions' records often carry no CVSS.
    #[arg(long)]
    pub fail_on_unknown: bool,
    #[command(flatten)]
    pub vulns: VulnArgs,
    /// The Dockerfile the image was built from: a package points at the
    /// instruction that installed it.
    #[arg(long)]
    pub dockerfile: Option<PathBuf>,
    /// A `shipready.toml` to use instead of discovery.
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    pub command: DbCommand,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Build the database from OSV records (JSON or YAML files, folders,
    /// osv.dev's `all.zip` exports) and the Alpine secdb, Debian DSA/DLA
    /// and Node.js security-wg files.
    Import {
        /// Files and folders to read.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
    },
    /// Download the OSV exports (or a database a team publishes) and
    /// rebuild the database; the old one stays until the new one is whole.
    Update {
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
        /// Download these instead of `[scan] sources` and the defaults
        /// (repeat; `URL#sha256=HEX` pins a checksum).
        #[arg(long = "source", value_name = "URL")]
        sources: Vec<String>,
        /// A `shipready.toml` to read `[scan] sources` from.
        #[arg(long)]
        config: Option<PathBuf>,
        /// The largest download accepted, e.g. `2GiB`.
        #[arg(long)]
        max_size: Option<String>,
    },
    /// Where the database is, when it was built, from what.
    Status {
        #[arg(long, value_name = "DIR")]
        db: Option<PathBuf>,
        #[arg(long, short = 'f', value_enum, default_value_t = StatusFormat::Human)]
        format: StatusFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct ImageArgs {
    /// `docker save` archive (plain or gzipped), OCI layout tar or
    /// directory, or an image reference (`myapp:1.2`) that the Docker
    /// Engine at `DOCKER_HOST` (default /var/run/docker.sock) has.
    pub image: PathBuf,
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// `os/arch[/variant]` to pick from a multi-platform index (default:
    /// this machine's).
    #[arg(long)]
    pub platform: Option<String>,
    /// The Dockerfile the image was built from: findings point at the
    /// instruction that caused them.
    #[arg(long)]
    pub dockerfile: Option<PathBuf>,
    /// Size budget for the uncompressed image, e.g. `150MB`, `1.5GiB`
    /// (default: `[image] max-size` in shipready.toml, else 150MB).
    #[arg(long)]
    pub max_size: Option<String>,
    /// dive's gate: fail below this efficiency, 0..1 or `disabled`
    /// (default 0.9).
    #[arg(long)]
    pub lowest_efficiency: Option<String>,
    /// dive's gate: fail above these wasted bytes, e.g. `20MB`, or
    /// `disabled` (the default).
    #[arg(long)]
    pub highest_wasted_bytes: Option<String>,
    /// dive's gate: fail above this share of wasted bytes among those added
    /// above the base layer, a ratio (0.1 = 10 %, the default) or `disabled`.
    #[arg(long)]
    pub highest_user_wasted_percent: Option<String>,
    /// How many of the largest files and directories to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    #[command(flatten)]
    pub vulns: VulnArgs,
    /// Do not catalogue packages or match them against the database, even
    /// when one is present.
    #[arg(long)]
    pub no_vulns: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Which rules run and what fails the command; shared by `lint` and
/// `image`.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Exit 1 when a finding is at or above this severity (default from
    /// config, else `warning`).
    #[arg(long, value_enum)]
    pub fail_on: Option<SeverityArg>,
    /// A `shipready.toml` or `.hadolint.yaml` to use instead of discovery.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Run only these rules (IDs, names or hadolint/Trivy/Checkov/dockle
    /// codes).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Also run these opt-in rules.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Skip these rules.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Report inputs that cannot be read or parsed, but do not let them
    /// fail the run (by default they exit 2: a gate does not pass on what
    /// it could not check).
    #[arg(long)]
    pub allow_input_errors: bool,
}

/// Every command renders the same report in any of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Code frames on a terminal (colour on a TTY).
    Human,
    /// One line per finding: `file:line:col: severity [rule] message`.
    Concise,
    /// The versioned contract of docs/json-format.md.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
    /// Checkstyle XML (Jenkins, GitLab).
    Checkstyle,
    /// GitLab Code Quality (Code Climate issues JSON).
    Gitlab,
    /// JUnit XML, for CI test reports.
    Junit,
    /// Markdown, for a pull-request comment.
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SeverityArg {
    Error,
    Warning,
    Info,
    Style,
    /// Never fail on findings (exit 0 unless input is unreadable).
    None,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or directories (default: the current directory); `-` reads
    /// standard input (a Dockerfile, a Compose file or manifests, by
    /// content).
    pub paths: Vec<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Apply safe fixes in place, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Compose files to load together as one project, in order, as
    /// `docker compose -f a.yaml -f b.yaml` does (repeat the option).
    /// Without paths, only these are linted.
    #[arg(long = "compose-file", value_name = "FILE")]
    pub compose_files: Vec<PathBuf>,
    /// Name to report for standard input.
    #[arg(long, default_value = "<stdin>")]
    pub stdin_filename: String,
    #[command(flatten)]
    pub vulns: VulnArgs,
    /// Do not match lockfiles against the vulnerability database, even
    /// when one is present.
    #[arg(long)]
    pub no_vulns: bool,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
    Markdown,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// A rule ID, name, or upstream code (DL3008, DS002, CKV_DOCKER_3).
    pub rule: Option<String>,
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}
