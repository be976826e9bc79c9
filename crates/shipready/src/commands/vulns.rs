//! The vulnerability database options every command shares.

use crate::cli::VulnArgs;
use anyhow::Context as _;
use shipready_project::{default_db_dir, find_ignore_file, VulnOptions};
use std::path::{Path, PathBuf};

/// `--db`, else `$SHIPREADY_DB`, else the user's cache directory.
pub fn db_dir(arg: Option<&Path>) -> anyhow::Result<PathBuf> {
    arg.map(Path::to_path_buf)
        .or_else(default_db_dir)
        .context("no cache directory on this machine: name the database with --db DIR")
}

/// The scan options for `scan`: the database must be there.
pub fn required(args: &VulnArgs, start: &Path) -> anyhow::Result<VulnOptions> {
    Ok(VulnOptions {
        db: db_dir(args.db.as_deref())?,
        ignore_file: args.ignore_file.clone().or_else(|| find_ignore_file(start)),
        vex: args.vex.clone(),
        ignore_unfixed: args.ignore_unfixed,
    })
}

/// The scan options for `lint` and `image`: with `--db`, the database
/// must be there; without, it is used when present.
pub fn optional(args: &VulnArgs, off: bool, start: &Path) -> anyhow::Result<Option<VulnOptions>> {
    if off {
        return Ok(None);
    }
    let named = args.db.is_some() || !args.vex.is_empty() || args.ignore_file.is_some();
    let opts = required(args, start)?;
    let present = opts.db.join(shipready_vuln::db::FILE_NAME).is_file();
    Ok((named || present).then_some(opts))
}
