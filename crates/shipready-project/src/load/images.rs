//! Images: read in one streaming pass (archive, OCI layout or the Docker
//! Engine), analysed, and tied to the Dockerfile they were built from.

use super::{dockerfiles, Project};
use crate::{ImageInput, Inputs, Options};
use shipready_diagnostics::{FileKind, SourceFile};
use shipready_image::{analyse, inspect, open_engine, open_path, open_stream, Analysis, Image};
use shipready_lint::{ImageUnit, Settings};
use shipready_report::{ImageSummary, InputError, LayerSummary, OsRelease, SizedPath};

pub fn load(project: &mut Project, inputs: &Inputs, settings: &Settings, opts: &Options) {
    if inputs.images.is_empty() {
        return;
    }
    let dockerfile = inputs
        .dockerfile
        .as_deref()
        .and_then(|p| dockerfiles::linked(project, p, p.display().to_string()));
    // Catalogue packages in the same one pass over the layers: the walk
    // keeps what the catalogers read.
    let mut read = opts.image.clone();
    if opts.packages {
        read.inspect = Some(shipready_sbom::keep);
    }
    for input in &inputs.images {
        let image = match input {
            ImageInput::Path(p) => open_path(p, &read),
            ImageInput::Engine(r) => open_engine(r, &read),
            ImageInput::Archive { name, bytes } => open_stream(&bytes[..], name, &read),
        };
        let image = match image {
            Ok(i) => i,
            Err(e) => {
                project.error(InputError::whole(input.name(), e.to_string()));
                continue;
            }
        };
        let analysis = analyse(&image);
        let file = project.files.add(SourceFile::new(
            image.reference.clone(),
            None,
            FileKind::Image,
            String::new(),
        ));
        project.images.push(summary(
            file,
            &image,
            &analysis,
            settings.image.max_size,
            opts.top,
        ));
        if opts.packages {
            let distro = inspect::os_release(&image, &analysis).map(|o| shipready_sbom::Distro {
                id: o.id,
                version_id: o.version_id,
                pretty_name: o.pretty_name,
            });
            let inventory =
                shipready_sbom::from_image(inspect::final_captures(&image, &analysis), distro);
            for p in &inventory.problems {
                project.error(InputError {
                    file: format!("{} › {}", image.reference, p.path),
                    line: p.line,
                    column: None,
                    message: p.message.clone(),
                });
            }
            project.units.packages.push(shipready_lint::PackageUnit {
                image: Some(file),
                inventory,
                scan: None,
                files: Vec::new(),
                dockerfile,
            });
            project.package_targets.push(image.reference.clone());
        }
        project.units.images.push(ImageUnit {
            file,
            image,
            analysis,
            dockerfile,
        });
    }
}

fn summary(
    file: shipready_diagnostics::FileId,
    image: &Image,
    a: &Analysis,
    budget: u64,
    top: usize,
) -> ImageSummary {
    let sized = |v: Vec<shipready_image::analysis::SizedPath>| {
        v.into_iter()
            .map(|s| SizedPath {
                path: s.path,
                size: s.size,
                layer: s.layer,
            })
            .collect()
    };
    ImageSummary {
        file,
        reference: image.reference.clone(),
        format: image.format.to_string(),
        os: image.os.clone(),
        architecture: image.architecture.clone(),
        size: image.size(),
        uncompressed_size: image.uncompressed_size(),
        budget,
        layers: image
            .layers
            .iter()
            .zip(&a.layers)
            .map(|(l, f)| LayerSummary {
                digest: l.index.digest.clone(),
                size: l.index.size,
                uncompressed_size: l.index.uncompressed_size,
                created_by: l.created_by.clone(),
                step: shipready_lint::rules::image::step(l.created_by.as_deref()),
                files_added: f.files_added,
                files_removed: f.files_removed,
                wasted_bytes: f.wasted_bytes,
            })
            .collect(),
        efficiency: a.efficiency,
        wasted_bytes: a.wasted_bytes,
        user_wasted_percent: a.user_wasted_percent,
        user: image.config.user.clone(),
        healthcheck: image.config.healthcheck.clone(),
        exposed_ports: image.config.exposed_ports.clone(),
        largest_files: sized(a.largest_files(top)),
        largest_dirs: sized(a.largest_dirs(top, 3)),
        base_os: inspect::os_release(image, a).map(|o| OsRelease {
            id: o.id,
            version_id: o.version_id,
            pretty_name: o.pretty_name,
        }),
    }
}
