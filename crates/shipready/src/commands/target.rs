//! What `sbom` and `scan` take: an image (archive, OCI layout, or a
//! reference the Docker Engine has) or a source tree or lockfile.

use super::image::image_input;
use shipready_project::{ImageInput, Inputs};
use std::path::Path;

/// The inputs for a target, and whether it is an image.
pub fn inputs(target: &Path) -> anyhow::Result<(Inputs, bool)> {
    let tree = Inputs {
        paths: vec![target.to_path_buf()],
        ..Inputs::default()
    };
    if target.is_dir() {
        // An OCI layout is a directory too: its `oci-layout` marker says.
        if target.join("oci-layout").is_file() {
            return Ok((image(ImageInput::Path(target.to_path_buf())), true));
        }
        return Ok((tree, false));
    }
    if target.is_file() {
        if shipready_sbom::kind_of(&target.to_string_lossy()).is_some() {
            return Ok((tree, false));
        }
        return Ok((image(ImageInput::Path(target.to_path_buf())), true));
    }
    Ok((image(image_input(target)?), true))
}

fn image(i: ImageInput) -> Inputs {
    Inputs {
        images: vec![i],
        ..Inputs::default()
    }
}
