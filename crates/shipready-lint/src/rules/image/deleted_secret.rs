use crate::rules::common::secrets::secret_file_kind;
use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};
use shipready_image::inspect;

crate::declare_rule! {
    /// ## What it does
    /// Finds credential files (as `image-secret-file` does) that a later
    /// layer deleted or replaced: they are gone from the container's view,
    /// but their bytes still ship in the layer that added them.
    ///
    /// ## Why is this bad?
    /// `docker save`, `skopeo copy` or any registry client hands out every
    /// layer. `RUN rm id_rsa` in a later step only adds a whiteout: the key
    /// is one `tar -x` away, and teams believe it is gone.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY id_rsa /root/.ssh/id_rsa
    /// RUN git clone git@github.com:shop/private.git
    /// RUN rm /root/.ssh/id_rsa
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN --mount=type=ssh git clone git@github.com:shop/private.git
    /// ```
    id: "SR-I011",
    name: "image-deleted-secret",
    summary: "A credential deleted by a later layer still ships in an earlier one",
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
    for f in inspect::secret_files(ctx.image, ctx.analysis, secret_file_kind) {
        let Some(hidden) = f.hidden_by else { continue };
        out.push(
            RULE.finding(
                ImagePlace::file(f.path.clone(), Some(f.layer)),
                format!(
                    "{} ({}) was removed in {} but still ships in {}: every pull hands it out",
                    f.path,
                    f.what,
                    super::origin(ctx, hidden),
                    super::origin(ctx, f.layer)
                ),
            )
            .with_help("never write it into a layer: use `RUN --mount=type=secret` or `--mount=type=ssh`, or a build stage that is not shipped; rotate the credential")
        );
    }
}
