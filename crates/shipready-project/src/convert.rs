//! `shipready convert` on the pipeline: the Compose project is read by
//! the same loader and discovery as `lint` (so `include:`, `extends`,
//! profiles and `.env` behave the same, and a file that cannot be read is
//! an input error in the one report), the images the services name are
//! read from the local Docker Engine when it has them (for the user their
//! `/etc/passwd` says), and the converter does the rest.

use crate::{load, Error, Inputs, Options, Report};
use shipready_convert::{Conversion, ImageFacts};
use shipready_image::{EntryKind, ReadOptions};
use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::PathBuf;

/// The files an image's users are looked up in, and how much of each is
/// read (a passwd file is kilobytes).
const USER_FILES: &[&str] = &["etc/passwd", "etc/group"];
const MAX_USER_FILE: u64 = 1 << 20;

fn keep_user_files(
    path: &str,
    size: u64,
    _mode: u32,
    content: &mut dyn std::io::Read,
) -> std::io::Result<Option<Vec<u8>>> {
    if size > MAX_USER_FILE || !USER_FILES.contains(&path) {
        return Ok(None);
    }
    let mut out = Vec::new();
    std::io::Read::take(content, MAX_USER_FILE).read_to_end(&mut out)?;
    Ok(Some(out))
}

/// What a conversion reads.
pub struct ConvertRequest {
    /// `-f` files in order; empty means the Compose files `docker
    /// compose` finds in `dir`.
    pub files: Vec<PathBuf>,
    pub dir: PathBuf,
    pub options: shipready_convert::Options,
    /// Read the services' images from the Docker Engine.
    pub read_images: bool,
}

/// The result: the run's report (input errors), the conversion, and
/// what happened to the images.
pub struct Converted {
    pub report: Report,
    pub conversion: Option<Conversion>,
    /// The images read from the Engine, and why none were when none were.
    pub images_read: Vec<String>,
    pub images_note: Option<String>,
}

/// The image a service runs, as the converter will name it, and the
/// local name to read it under.
fn image_refs(
    project: &shipready_compose::Project,
    opts: &shipready_convert::Options,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (k, svc) in project.services() {
        let Some(compose) = k.key_text() else {
            continue;
        };
        let Some(dns) = shipready_convert::names::label(&compose) else {
            continue;
        };
        let Ok(image) = shipready_convert::image::of_service(
            svc,
            &dns.name,
            opts.registry.as_deref(),
            &opts.tag,
        ) else {
            continue;
        };
        // A service that only builds is `<project>-<service>` after
        // `docker compose build`.
        let local = if image.built {
            format!("{}-{compose}", project.name)
        } else {
            image.reference.clone()
        };
        if !local.contains("${") {
            out.push((image.reference, local));
        }
    }
    out
}

fn facts_of(reference: &str) -> Result<ImageFacts, String> {
    let opts = ReadOptions {
        inspect: Some(keep_user_files),
        ..ReadOptions::default()
    };
    let image = shipready_image::open_engine(reference, &opts).map_err(|e| e.to_string())?;
    let analysis = shipready_image::analyse(&image);
    let text = |p: &str| {
        analysis
            .files
            .get(p)
            .filter(|f| f.kind == EntryKind::File)
            .and_then(|_| shipready_image::inspect::final_content(&image, &analysis, p))
            .map(|b| String::from_utf8_lossy(b).into_owned())
    };
    Ok(ImageFacts {
        user: image.config.user.clone(),
        passwd: text("etc/passwd"),
        group: text("etc/group"),
        exposed_ports: image.config.exposed_ports.clone(),
    })
}

/// Loads the project, reads its images when asked, converts.
pub fn convert(
    settings: &shipready_lint::Settings,
    mut req: ConvertRequest,
) -> Result<Converted, Error> {
    let files = if req.files.is_empty() {
        shipready_compose::discover(&req.dir)
    } else {
        req.files.clone()
    };
    if files.is_empty() {
        return Err(Error::NoComposeFile(req.dir.clone()));
    }
    let inputs = Inputs {
        compose_files: files,
        ..Inputs::default()
    };
    let project = load(&inputs, settings, &Options::default())?;
    let mut images_read = Vec::new();
    let mut images_note = None;
    let conversion = match project.units.compose.first() {
        None => None,
        Some(unit) => {
            if req.read_images {
                let refs = image_refs(&unit.project, &req.options);
                let locals: Vec<String> = refs.iter().map(|(_, l)| l.clone()).collect();
                match shipready_image::engine_has(&locals) {
                    Err(e) => images_note = Some(format!("images not read (users unchecked): {e}")),
                    Ok(have) => {
                        let mut facts: BTreeMap<String, ImageFacts> = BTreeMap::new();
                        for ((reference, local), has) in refs.iter().zip(have) {
                            if !has {
                                continue;
                            }
                            match facts_of(local) {
                                Ok(f) => {
                                    images_read.push(local.clone());
                                    facts.insert(reference.clone(), f);
                                }
                                Err(e) => {
                                    images_note = Some(format!("{local}: {e}"));
                                }
                            }
                        }
                        req.options.images.extend(facts);
                    }
                }
            }
            Some(shipready_convert::convert(&unit.project, &req.options))
        }
    };
    // Convert reports what it could not read; the lint findings of the
    // input are `shipready lint`'s to report, so no rule runs here.
    let report = Report {
        files: project.files,
        findings: Vec::new(),
        errors: project.errors,
        images: Vec::new(),
        packages: Vec::new(),
        db: None,
    };
    Ok(Converted {
        report,
        conversion,
        images_read,
        images_note,
    })
}

/// The current commit of the git checkout `dir` is in, abbreviated to 12
/// hex digits: the tag CI usually pushes built images under. Read from
/// `.git` directly (HEAD, the loose ref, else `packed-refs`): a git
/// library would be a large dependency for three small files.
pub fn head_commit(dir: &std::path::Path) -> Option<String> {
    let root = crate::advice::repository_root(dir);
    let git = root.join(".git");
    let head = std::fs::read_to_string(git.join("HEAD")).ok()?;
    let head = head.trim();
    let hash = match head.strip_prefix("ref: ") {
        None => head.to_string(),
        Some(r) => match std::fs::read_to_string(git.join(r)) {
            Ok(h) => h.trim().to_string(),
            Err(_) => std::fs::read_to_string(git.join("packed-refs"))
                .ok()?
                .lines()
                .find_map(|l| {
                    let (h, name) = l.split_once(' ')?;
                    (name == r).then(|| h.to_string())
                })?,
        },
    };
    (hash.len() >= 12 && hash.chars().all(|c| c.is_ascii_hexdigit()))
        .then(|| hash[..12].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tag_is_the_checkouts_commit_from_a_loose_or_packed_ref() {
        let dir = std::env::temp_dir().join(format!("shipready-head-{}", std::process::id()));
        let git = dir.join(".git");
        std::fs::create_dir_all(git.join("refs/heads")).unwrap();
        std::fs::write(git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
        let hash = "0123456789abcdef0123456789abcdef01234567";
        std::fs::write(
            git.join("packed-refs"),
            format!("# pack-refs with: peeled\n{hash} refs/heads/main\n"),
        )
        .unwrap();
        assert_eq!(head_commit(&dir).as_deref(), Some("0123456789ab"));
        std::fs::write(
            git.join("refs/heads/main"),
            "fedcba9876543210fedcba9876543210fedcba98\n",
        )
        .unwrap();
        assert_eq!(head_commit(&dir).as_deref(), Some("fedcba987654"));
        std::fs::write(git.join("HEAD"), "not a hash\n").unwrap();
        assert_eq!(head_commit(&dir), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
