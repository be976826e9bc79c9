//! A shipready run: discovery, the project model, every engine, the one
//! finish step, and the [`Report`] every command renders.
//!
//! Data flows one way. [`load`] finds the inputs under the given paths
//! (Dockerfiles by name, Compose files and manifests by name or content,
//! images from archives or the Docker Engine), reads and parses each once
//! into a [`Project`]: a file table with a `FileId` per input, the parsed
//! units, and the links between them (which Dockerfile builds which
//! service or image). [`check`] runs every engine over the units, collects
//! every form of suppression, applies the finish step and returns the
//! report. [`run`] is both, with `--fix` in between.

mod canonical;
mod discover;
mod error;
mod fix;
mod load;
mod packages;
mod pipeline;
mod read;
mod selection;
mod sniff;

pub mod advice;
pub mod audit;
pub mod convert;

pub use error::Error;
pub use load::{load, Project};
pub use pipeline::check;
pub use selection::{discover_settings, Selection};
pub use shipready_image::ReadOptions;
pub use shipready_report::{InputError, Report};

use std::path::PathBuf;

/// An image to analyse.
#[derive(Debug, Clone)]
pub enum ImageInput {
    /// A `docker save` archive (plain or gzipped), an OCI layout tar or
    /// directory.
    Path(PathBuf),
    /// An image the Docker Engine at `DOCKER_HOST` has (`myapp:1.2`).
    Engine(String),
    /// An archive already in memory, under a name.
    Archive { name: String, bytes: Vec<u8> },
}

/// What a run reads.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Files and directories; `-` stands for standard input.
    pub paths: Vec<PathBuf>,
    /// Compose files loaded together as one project, in order, as
    /// `docker compose -f a.yaml -f b.yaml` does.
    pub compose_files: Vec<PathBuf>,
    /// Standard input's bytes, when a path is `-`.
    pub stdin: Option<Vec<u8>>,
    /// The name standard input is reported under.
    pub stdin_name: String,
    pub images: Vec<ImageInput>,
    /// The Dockerfile the images were built from: their findings point at
    /// its instructions. Read for that only, not checked itself.
    pub dockerfile: Option<PathBuf>,
}

/// How a run reads and what it may change.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Apply safe fixes to the Dockerfiles in place before checking.
    pub fix: bool,
    /// Platform choice and limits for images.
    pub image: ReadOptions,
    /// How many of the largest files and directories an image summary
    /// lists.
    pub top: usize,
    /// Catalogue the packages of images and trees (`sbom`, `scan`).
    pub packages: bool,
    /// Read only the lockfiles and package manifests of the trees, not
    /// their Dockerfiles, Compose files and manifests (`sbom`, `scan`).
    pub packages_only: bool,
    /// Match the packages against a vulnerability database.
    pub vulns: Option<VulnOptions>,
}

/// The vulnerability scan of a run: which database, and what the team
/// said about its findings.
#[derive(Debug, Clone, Default)]
pub struct VulnOptions {
    /// The directory that holds the database.
    pub db: PathBuf,
    /// `.shipready-ignore.toml` (see [`find_ignore_file`]).
    pub ignore_file: Option<PathBuf>,
    /// OpenVEX or CycloneDX VEX documents.
    pub vex: Vec<PathBuf>,
    /// Leave out vulnerabilities without a fixed version (also
    /// `[scan] ignore-unfixed`).
    pub ignore_unfixed: bool,
}

/// The ignore file a scan of `start` uses unless one is named:
/// `.shipready-ignore.toml` in `start` (a directory, or a file's
/// directory), else in the current directory.
pub fn find_ignore_file(start: &std::path::Path) -> Option<PathBuf> {
    let dir = if start.is_dir() {
        Some(start)
    } else {
        start.parent()
    };
    [
        dir.map(std::path::Path::to_path_buf),
        Some(PathBuf::from(".")),
    ]
    .into_iter()
    .flatten()
    .map(|d| d.join(packages::IGNORE_FILE))
    .find(|p| p.is_file())
}

/// Where the vulnerability database lives unless `--db` says: the user's
/// cache directory (`$XDG_CACHE_HOME/shipready`, `~/.cache/shipready`).
pub fn default_db_dir() -> Option<PathBuf> {
    std::env::var_os("SHIPREADY_DB")
        .map(PathBuf::from)
        .or_else(|| dirs::cache_dir().map(|d| d.join("shipready")))
}

/// Loads the inputs, applies safe fixes when asked, and checks everything.
pub fn run(
    inputs: &Inputs,
    settings: &shipready_lint::Settings,
    opts: &Options,
) -> Result<Report, Error> {
    let mut project = load::load_and_lint(inputs, settings, opts)?;
    if opts.fix {
        fix::apply(&mut project, settings, &inputs.paths)?;
    }
    let db = match &opts.vulns {
        Some(v) => Some(packages::scan(&mut project, v, settings)?),
        None => None,
    };
    let mut report = check(project, settings);
    report.db = db;
    Ok(report)
}

impl ImageInput {
    /// How the image is named in the report.
    pub fn name(&self) -> String {
        match self {
            ImageInput::Path(p) => p.display().to_string(),
            ImageInput::Engine(r) => r.clone(),
            ImageInput::Archive { name, .. } => name.clone(),
        }
    }
}
