use crate::rules::common::images::ImageRef;
use crate::ImageContext;
use shipready_diagnostics::{ConfigKey, Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// Reports an image tagged `latest` (or named without a tag, which
    /// Docker reads as `latest`).
    ///
    /// ## Why is this bad?
    /// `latest` is whatever was pushed last. A deployment pinned to it
    /// changes on the next pull, two nodes may run different code, and a
    /// rollback has nothing to roll back to.
    ///
    /// ## Example
    /// ```sh
    /// docker build -t shop/api .
    /// ```
    ///
    /// ## Use instead
    /// ```sh
    /// docker build -t shop/api:1.4.2 -t shop/api:$(git rev-parse --short HEAD) .
    /// ```
    id: "SR-I005",
    name: "image-latest-tag",
    summary: "The image is tagged `latest`",
    severity: Warning,
    category: Reproducibility,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
    dockle: ["DKL-DI-0006"],
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let named = ctx.image.tags.iter().map(String::as_str);
    let tags: Vec<&str> = named.chain([ctx.image.reference.as_str()]).collect();
    let Some(latest) = tags
        .iter()
        .find(|t| ImageRef::new(t).tag.as_deref() == Some("latest"))
    else {
        return;
    };
    let versioned = tags
        .iter()
        .any(|t| ImageRef::new(t).tag.is_some_and(|tag| tag != "latest"));
    let also = if versioned {
        " (it also has a versioned tag: deploy that one)"
    } else {
        ""
    };
    out.push(
        RULE.finding(
            ImagePlace::config(ConfigKey::Tag),
            format!("the image is tagged `{latest}`: a deployment of `latest` changes on every push{also}"),
        )
        .with_help("tag every build with a version or the commit (`app:1.4.2`, `app:3f2a9c1`) and deploy that tag or the digest"),
    );
}
