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
    /// Lint Dockerfiles / Containerfiles (Compose and Kubernetes follow).
    Lint(LintArgs),
    /// List the rules, or show one rule's documentation.
    Rules(RulesArgs),
    /// Analyse a built image: a `docker save` tar, an OCI layout (dir or
    /// tar), or an image in the local Docker Engine.
    Image(ImageArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    Human,
    Json,
}

#[derive(Debug, Args)]
pub struct ImageArgs {
    /// `docker save` archive (plain or gzipped), OCI layout tar or
    /// directory, or an image reference (`myapp:1.2`) that the Docker
    /// Engine at `DOCKER_HOST` (default /var/run/docker.sock) has.
    pub image: PathBuf,
    #[arg(long, short = 'f', value_enum, default_value_t = ImageFormat::Human)]
    pub format: ImageFormat,
    /// `os/arch[/variant]` to pick from a multi-platform index (default:
    /// this machine's).
    #[arg(long)]
    pub platform: Option<String>,
    /// Size budget for the uncompressed image, e.g. `150MB`, `1.5GiB`.
    #[arg(long, default_value = "150MB")]
    pub max_size: String,
    /// How many of the largest files and directories to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Human,
    Concise,
    Json,
    Sarif,
    Github,
    Checkstyle,
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
    /// Files or directories (default: the current directory); `-` reads a
    /// Dockerfile from standard input.
    pub paths: Vec<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 when a finding is at or above this severity (default from
    /// config, else `warning`).
    #[arg(long, value_enum)]
    pub fail_on: Option<SeverityArg>,
    /// Apply safe fixes in place, then report what remains.
    #[arg(long)]
    pub fix: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// A `shipready.toml` or `.hadolint.yaml` to use instead of discovery.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Run only these rules (IDs, names or hadolint/Trivy/Checkov codes).
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Also run these opt-in rules.
    #[arg(long, value_delimiter = ',')]
    pub extend_select: Vec<String>,
    /// Skip these rules.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Name to report for standard input.
    #[arg(long, default_value = "<stdin>")]
    pub stdin_filename: String,
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
