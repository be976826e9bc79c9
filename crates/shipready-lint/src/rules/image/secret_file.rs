use crate::rules::common::secrets::secret_file_kind;
use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};
use shipready_image::inspect;

crate::declare_rule! {
    /// ## What it does
    /// Finds files in the final image that hold credentials by their name
    /// and place: SSH private keys, `.env` files, AWS and Google Cloud
    /// credentials, `.npmrc`/`.pypirc`, `.netrc`, Docker registry logins,
    /// private keys and key bundles outside the certificate directories,
    /// and `.git` directories. Contents are not read.
    ///
    /// ## Why is this bad?
    /// Whoever can pull the image can read these files; registries, caches
    /// and CI runners keep copies. A leaked deploy key or `.env` outlives
    /// the build by years.
    ///
    /// ## Example
    /// ```dockerfile
    /// COPY . /app
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// # .dockerignore: .env, .git, *.pem, .npmrc
    /// COPY . /app
    /// RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
    /// ```
    id: "SR-I010",
    name: "image-secret-file",
    summary: "A credential file is in the image",
    severity: Error,
    category: Security,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
    dockle: ["CIS-DI-0010", "DKL-LI-0003"],
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    for f in inspect::secret_files(ctx.image, ctx.analysis, secret_file_kind) {
        if f.hidden_by.is_some() {
            continue;
        }
        out.push(
            RULE.finding(
                ImagePlace::file(f.path.clone(), Some(f.layer)),
                format!("{} is {}, added by {}: anyone who pulls the image can read it", f.path, f.what, super::origin(ctx, f.layer)),
            )
            .with_help("keep it out of the build context (.dockerignore) or mount it only during the build (`RUN --mount=type=secret`), then rotate it")
        );
    }
}
