use std::path::PathBuf;

/// Why a run could not start or finish: the command line names something
/// that is not there, the configuration is wrong, or fixes could not be
/// written. (An input that cannot be read or parsed is not this: it is an
/// input error in the report, and the other inputs are still checked.)
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}: no such file or directory")]
    NoSuchPath(PathBuf),
    #[error("{0}: is a directory, not a Dockerfile")]
    DirectoryNotDockerfile(PathBuf),
    #[error("{0}: no such Compose file")]
    NoSuchComposeFile(PathBuf),
    #[error("{0}: no Compose file here (compose.yaml, docker-compose.yml, …); name one with -f")]
    NoComposeFile(PathBuf),
    #[error(transparent)]
    Config(#[from] shipready_lint::ConfigError),
    #[error("{path}: cannot write the fixes: {source}")]
    WriteFix {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("unknown rule `{0}` (see `shipready rules`)")]
    UnknownRule(String),
    #[error(transparent)]
    Db(#[from] shipready_vuln::DbError),
}
