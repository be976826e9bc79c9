use crate::rules::image::human_size;
use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};
use shipready_image::inspect;

crate::declare_rule! {
    /// ## What it does
    /// Finds package-manager caches with bytes in the final image: apt
    /// lists and archives, the apk cache, yum/dnf caches, pip, npm, yarn,
    /// Go and Cargo caches. The finding gives the bytes they cost and the
    /// layer that wrote most of them.
    ///
    /// ## Why is this bad?
    /// Caches help the build, never the running service. They are pulled
    /// and stored on every node, and apt lists make the image look
    /// updatable when it should be rebuilt instead.
    ///
    /// ## Example
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y curl
    /// RUN pip install -r requirements.txt
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// RUN apt-get update && apt-get install -y --no-install-recommends curl \
    ///  && rm -rf /var/lib/apt/lists/*
    /// RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt
    /// ```
    id: "SR-I009",
    name: "image-package-cache",
    summary: "A package-manager cache is left in the image",
    severity: Warning,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
    dockle: ["DKL-DI-0005"],
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    for cache in inspect::caches(ctx.analysis) {
        let prefix = format!("{}/", cache.path.trim_start_matches('/'));
        let mut by_layer = std::collections::BTreeMap::<usize, u64>::new();
        for (_, f) in ctx
            .analysis
            .files
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
        {
            *by_layer.entry(f.layer).or_default() += f.size;
        }
        let layer = by_layer
            .iter()
            .max_by_key(|(_, bytes)| **bytes)
            .map(|(l, _)| *l);
        let step = layer
            .map(|l| format!(" by {}", super::origin(ctx, l)))
            .unwrap_or_default();
        out.push(
            RULE.finding(
                ImagePlace::file(cache.path.clone(), layer),
                format!(
                    "{} ({}) is left in the image{step}: {} shipped to every node for nothing",
                    cache.path,
                    cache.what,
                    human_size(cache.bytes)
                ),
            )
            .with_help("remove it in the same RUN that fills it, or use `RUN --mount=type=cache,target=…` so it never enters a layer")
        );
    }
}
