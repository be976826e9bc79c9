use crate::engine::run_enabled;
use crate::{Check, DockerfileUnit, PackageUnit, Provenance, Settings};
use shipready_diagnostics::{FileTable, Finding, ImagePlace, LineIndex, Location, Span};
use shipready_sbom::{Origin, Package};

/// What a package rule gets: the packages of one target, what the
/// vulnerability database said of them, and where each package is.
pub struct PackagesContext<'a> {
    pub unit: &'a PackageUnit,
    pub files: &'a FileTable,
    pub settings: &'a Settings,
    dockerfile: Option<(&'a DockerfileUnit, Provenance<'a>)>,
}

impl PackagesContext<'_> {
    pub fn packages(&self) -> &[Package] {
        &self.unit.inventory.packages
    }

    /// Where a package is: the line of its lockfile or manifest, or its
    /// file in the image (and, related, the Dockerfile instruction whose
    /// layer installed it).
    pub fn at(&self, p: &Package) -> Option<(Location, Option<Location>)> {
        match &p.origin {
            Origin::File { path, line } => {
                let (_, id) = self.unit.files.iter().find(|(f, _)| f == path)?;
                let file = self.files.get(*id);
                let span = line.map_or(Span::empty_at(0), |l| line_span(&file.text, l));
                Some((Location::text(*id, span), None))
            }
            Origin::Image { layer, path, .. } => {
                let image = self.unit.image?;
                let place = ImagePlace::file(path.clone(), Some(*layer));
                let traced = self
                    .dockerfile
                    .as_ref()
                    .and_then(|(d, prov)| Some(d.at(prov.span_for(&place)?)));
                Some((Location::image(image, place), traced))
            }
        }
    }
}

/// The span of a 1-based line (without its line break).
fn line_span(text: &str, line: u32) -> Span {
    let index = LineIndex::new(text);
    let start = index.line_start(line.saturating_sub(1) as usize);
    if start == u32::MAX {
        return Span::empty_at(0);
    }
    let len = index.line_text(text, line.saturating_sub(1) as usize).len() as u32;
    Span::new(start, start + len)
}

/// Runs the enabled package rules on one target's packages.
pub fn lint_packages(
    unit: &PackageUnit,
    dockerfiles: &[DockerfileUnit],
    images: &[crate::ImageUnit],
    files: &FileTable,
    settings: &Settings,
) -> Vec<Finding> {
    let image = unit
        .image
        .and_then(|id| images.iter().find(|i| i.file == id));
    let dockerfile = unit
        .dockerfile
        .and_then(|i| dockerfiles.get(i))
        .zip(image)
        .map(|(d, img)| (d, Provenance::new(&d.df, &img.image)));
    let ctx = PackagesContext {
        unit,
        files,
        settings,
        dockerfile,
    };
    run_enabled(settings, &ctx, |c| match c {
        Check::Packages(f) => Some(f),
        _ => None,
    })
}
