//! Ties an image back to the Dockerfile that built it: each layer's
//! history line is matched to an instruction of the final stage, so an
//! image finding can point at the line to change.
//!
//! History lines come in two dialects. The classic builder writes
//! `/bin/sh -c <cmd>` for RUN and `/bin/sh -c #(nop) COPY file:<hash> in
//! /dst` for the rest; BuildKit writes `RUN /bin/sh -c <cmd> # buildkit`,
//! `COPY src /dst # buildkit`. Both may put build arguments first
//! (`|2 A=1 B=2 /bin/sh -c …`). Matching goes backwards from the last
//! layer and the last instruction, in order: a RUN must have the same
//! command (whitespace aside), other layer-making instructions the same
//! keyword. Layers left over at the start are the base image's.

use crate::rules::image::run_command;
use shipready_diagnostics::{ConfigKey, ImagePlace, Span};
use shipready_dockerfile::{Args, Dockerfile, Instruction, Keyword};
use shipready_image::Image;

/// What a history line says the step was.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    Run(String),
    Other(Keyword),
    Unknown,
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn classify(created_by: &str) -> Step {
    let c = created_by.trim();
    let c = c.strip_suffix("# buildkit").unwrap_or(c).trim_end();
    if let Some(meta) = c.strip_prefix("/bin/sh -c #(nop)") {
        let word = meta.split_whitespace().next().unwrap_or("");
        return Keyword::parse(word).map_or(Step::Unknown, Step::Other);
    }
    if let Some(cmd) = run_command(c) {
        return Step::Run(normalise(cmd));
    }
    let word = c.split_whitespace().next().unwrap_or("");
    match Keyword::parse(word) {
        Some(Keyword::Run) => Step::Run(normalise(c.trim_start_matches(word))),
        Some(k) => Step::Other(k),
        None => Step::Unknown,
    }
}

fn matches(step: &Step, inst: &Instruction) -> bool {
    let inst = inst.effective();
    match step {
        Step::Run(cmd) => {
            if inst.keyword != Keyword::Run {
                return false;
            }
            if !inst.heredocs.is_empty() {
                return true;
            }
            let text = match &inst.args {
                Args::Exec(items) => items
                    .iter()
                    .map(|i| i.value.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                _ => inst.args_text().to_string(),
            };
            let text = normalise(&text);
            // A shell variable is expanded at run time, not in the
            // history line; compare what comes before the first one.
            match text.find('$') {
                Some(i) => cmd.starts_with(&text[..i]),
                None => *cmd == text || cmd.ends_with(&text),
            }
        }
        Step::Other(k) => inst.keyword == *k,
        Step::Unknown => false,
    }
}

/// Where an image was built from: for each layer, the index (into
/// `Dockerfile::instructions`) of the instruction that made it.
pub struct Provenance<'a> {
    pub df: &'a Dockerfile,
    pub layers: Vec<Option<usize>>,
    /// The final stage's FROM and its instruction range.
    final_from: Option<usize>,
    body: std::ops::Range<usize>,
}

impl<'a> Provenance<'a> {
    pub fn new(df: &'a Dockerfile, image: &Image) -> Self {
        let stages = df.stages();
        let (final_from, body) = match stages.last() {
            Some(s) => (Some(s.from), s.body.clone()),
            None => (None, 0..0),
        };
        let mut layers = vec![None; image.layers.len()];
        let mut next = body.end;
        for (li, layer) in image.layers.iter().enumerate().rev() {
            let step = classify(layer.created_by.as_deref().unwrap_or(""));
            if let Some(found) = (body.start..next)
                .rev()
                .find(|&i| matches(&step, &df.instructions[i]))
            {
                layers[li] = Some(found);
                next = found;
            }
        }
        Provenance {
            df,
            layers,
            final_from,
            body,
        }
    }

    fn last_in_final_stage(&self, pick: impl Fn(&Instruction) -> bool) -> Option<usize> {
        self.body
            .clone()
            .rev()
            .find(|&i| pick(&self.df.instructions[i]))
    }

    /// The instruction a finding is about: the one that set the config
    /// value it names, the final FROM for the base image, the layer's for
    /// anything in a layer. `None` when the Dockerfile does not say (a tag
    /// or label given on the command line, a base image's layer).
    pub fn instruction_for(&self, place: &ImagePlace) -> Option<usize> {
        if let Some(key) = &place.config {
            return match key {
                ConfigKey::User => self
                    .last_in_final_stage(|i| i.keyword == Keyword::User)
                    .or(self.final_from),
                ConfigKey::Healthcheck => self
                    .last_in_final_stage(|i| i.keyword == Keyword::Healthcheck)
                    .or(self.final_from),
                ConfigKey::ExposedPort(port) => self.last_in_final_stage(|i| {
                    i.keyword == Keyword::Expose
                        && i.args_text()
                            .split_whitespace()
                            .any(|p| p.split('/').next() == Some(port.to_string().as_str()))
                }),
                ConfigKey::Env(name) => self.last_in_final_stage(|i| match &i.args {
                    Args::KeyValues(kvs) if i.keyword == Keyword::Env => {
                        kvs.iter().any(|kv| kv.key.value == *name)
                    }
                    _ => false,
                }),
                ConfigKey::Label(name) => self.last_in_final_stage(|i| match &i.args {
                    Args::KeyValues(kvs) if i.keyword == Keyword::Label => {
                        kvs.iter().any(|kv| kv.key.value == *name)
                    }
                    _ => false,
                }),
                ConfigKey::Base => self.final_from,
                ConfigKey::Tag => None,
            };
        }
        place
            .layer
            .and_then(|l| self.layers.get(l).copied().flatten())
    }

    /// The span to show for a finding, when the Dockerfile has one.
    pub fn span_for(&self, place: &ImagePlace) -> Option<Span> {
        let inst = &self.df.instructions[self.instruction_for(place)?];
        Some(Span::new(
            inst.span.start,
            inst.args_span().end.max(inst.span.start),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{classify, Step};
    use shipready_dockerfile::Keyword;

    #[test]
    fn both_dialects() {
        assert_eq!(
            classify("/bin/sh -c apt-get update &&     apt-get install -y curl"),
            Step::Run("apt-get update && apt-get install -y curl".into())
        );
        assert_eq!(
            classify("RUN |1 V=2 /bin/sh -c make # buildkit"),
            Step::Run("make".into())
        );
        assert_eq!(
            classify("/bin/sh -c #(nop) COPY file:0123abcd in /app "),
            Step::Other(Keyword::Copy)
        );
        assert_eq!(
            classify("COPY . /app # buildkit"),
            Step::Other(Keyword::Copy)
        );
        assert_eq!(classify("ADD rootfs.tar.xz /"), Step::Other(Keyword::Add));
        assert_eq!(classify(""), Step::Unknown);
    }
}
