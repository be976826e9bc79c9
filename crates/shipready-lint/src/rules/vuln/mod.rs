//! Package rules: what the vulnerability database says of the packages an
//! image or a tree holds (`shipready scan`, and `lint`/`image` when a
//! database is given).

pub mod stale_ignore;
pub mod vulnerable_package;

use crate::Rule;

pub static ALL: &[&Rule] = &[&vulnerable_package::RULE, &stale_ignore::RULE];
