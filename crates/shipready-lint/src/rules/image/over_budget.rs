use crate::rules::image::human_size;
use crate::ImageContext;
use shipready_diagnostics::{Finding, ImagePlace};

crate::declare_rule! {
    /// ## What it does
    /// Compares the image's uncompressed size (the sum of its layers, what
    /// a node stores) with the budget: `--max-size`, or `[image] max-size`
    /// in `shipready.toml`, 150 MB by default. The finding names the
    /// largest layer and the step that made it.
    ///
    /// ## Why is this bad?
    /// Every node pulls the image before a pod starts: a 1 GB image turns
    /// a 5-second scale-out into a minute, costs registry egress on every
    /// node, and carries compilers and tools an attacker can use. Most
    /// services fit well under 150 MB with a multi-stage build on a slim or
    /// distroless base.
    ///
    /// ## Example
    /// ```dockerfile
    /// FROM node:20
    /// COPY . .
    /// RUN npm install
    /// ```
    ///
    /// ## Use instead
    /// ```dockerfile
    /// FROM node:20 AS build
    /// WORKDIR /src
    /// COPY package*.json ./
    /// RUN npm ci
    /// COPY . .
    /// RUN npm run build && npm prune --omit=dev
    ///
    /// FROM gcr.io/distroless/nodejs20-debian12
    /// COPY --from=build /src /app
    /// CMD ["/app/dist/server.js"]
    /// ```
    id: "SR-I007",
    name: "image-over-budget",
    summary: "The image is larger than its size budget",
    severity: Warning,
    category: Size,
    fix: None,
    default_enabled: true,
    hadolint: [],
    trivy: [],
    checkov: [],
    image_check: check,
}

fn check(ctx: &ImageContext<'_>, out: &mut Vec<Finding<ImagePlace>>) {
    let total = ctx.image.uncompressed_size();
    let budget = ctx.settings.image.max_size;
    if total <= budget {
        return;
    }
    let biggest = ctx
        .image
        .layers
        .iter()
        .enumerate()
        .max_by_key(|(_, l)| l.index.uncompressed_size);
    let mut f = RULE.finding(
        ImagePlace::image(),
        format!(
            "the image is {} uncompressed, {} over the {} budget: every node pulls all of it before the pod starts",
            human_size(total),
            human_size(total - budget),
            human_size(budget)
        ),
    );
    let mut help =
        "build in one stage and copy only the artefacts into a slim or distroless final stage"
            .to_string();
    if let Some((i, l)) = biggest {
        help = format!(
            "start with the largest, {} at {}; {help}",
            super::origin(ctx, i),
            human_size(l.index.uncompressed_size)
        );
        f.at = ImagePlace::layer(i);
    }
    out.push(f.with_help(help));
}
