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
