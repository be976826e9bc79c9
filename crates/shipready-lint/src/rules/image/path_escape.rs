use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// Reports layers whose tar entries try to leave the root: names with
    /// `..` that climb above `/` (`../../etc/cron.d/x`). shipready clamps
    /// them to the root, as container runtimes do, and reports the layer.
    ///
    /// ## Why is this bad?
    /// No builder writes such entries. They are the mark of a crafted
    /// layer (the "tar slip" attack): a tool that extracts layers naively
    /// (`tar -x` in a CI step, an old scanner) writes files outside its
    /// target directory, on the host. Treat the image as hostile.
    ///
    /// ## Example
    /// ```sh
    /// # a layer built by hand
    /// tar -cf layer.tar --absolute-names ../../etc/cron.d/job
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # build layers with a builder; never splice in hand-made tars
    /// COPY job /etc/cron.d/job
    /// ```
    id: "SR-I016",
    name: "image-layer-path-escape",
    summary: "A layer holds entries that climb out of the root (`..`)",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    for (i, layer) in ctx.image.layers.iter().enumerate() {
        let names = &layer.index.escaping_paths;
        if names.is_empty() {
            continue;
        }
        let (what, them) = match names.len() {
            1 => ("1 entry that climbs".to_string(), "it"),
            n => (format!("{n} entries that climb"), "them"),
        };
        out.push(
            RULE.finding(
                ImagePlace {
                    layer: Some(i),
                    path: names.first().filter(|_| names.len() == 1).cloned(),
                    config: None,
                },
                format!(
                    "{} holds {what} out of the root ({}): a naive extractor writes {them} on the host",
                    super::origin(ctx, i),
                    super::list(names)
                ),
            )
            .with_help("do not extract or run this image; find where the layer came from and rebuild it with a builder")
        );
    }
}
