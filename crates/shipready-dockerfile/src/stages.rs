use crate::expand::expand;
use crate::{Args, Dockerfile, ImageRef, Instruction, Keyword, Located};
use shipready_diagnostics::Span;
use std::ops::Range;

/// One build stage: a FROM and the instructions up to the next FROM.
#[derive(Debug, Clone)]
pub struct Stage {
    pub index: usize,
    /// Index of the FROM instruction in `Dockerfile::instructions`.
    pub from: usize,
    pub image: ImageRef,
    pub image_span: Span,
    /// `AS name`, as written.
    pub name: Option<Located<String>>,
    pub platform: Option<String>,
    /// Instructions after the FROM, as indices.
    pub body: Range<usize>,
    /// When FROM names an earlier stage, that stage's index.
    pub parent: Option<usize>,
}

impl Dockerfile {
    /// ARG instructions before the first FROM, with their defaults
    /// (unquoted), in order.
    pub fn global_args(&self) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        for inst in self
            .instructions
            .iter()
            .take_while(|i| i.keyword != Keyword::From)
        {
            if inst.keyword == Keyword::Arg {
                out.extend(arg_pairs(inst, self.escape));
            }
        }
        out
    }

    /// The build stages, in order.
    pub fn stages(&self) -> Vec<Stage> {
        let globals = self.global_args();
        let lookup = |name: &str| {
            globals
                .iter()
                .rev()
                .find(|(n, _)| n == name)
                .and_then(|(_, v)| v.as_deref())
        };
        let froms: Vec<usize> = self
            .instructions
            .iter()
            .enumerate()
            .filter(|(_, i)| i.keyword == Keyword::From)
            .map(|(i, _)| i)
            .collect();
        let mut stages: Vec<Stage> = Vec::with_capacity(froms.len());
        for (n, &from) in froms.iter().enumerate() {
            let inst = &self.instructions[from];
            let words = inst.words();
            let (raw, image_span) = words
                .first()
                .map_or(("", inst.keyword_span), |w| (w.value.as_str(), w.span));
            let e = expand(raw, self.escape, &lookup);
            let image = ImageRef::parse(raw, &e.value, e.unresolved);
            let name = match words {
                [_, as_kw, name, ..] if as_kw.value.eq_ignore_ascii_case("as") => {
                    Some(name.clone())
                }
                _ => None,
            };
            let parent = stages.iter().position(|s| {
                s.name
                    .as_ref()
                    .is_some_and(|nm| nm.value.eq_ignore_ascii_case(&image.name))
            });
            let end = froms.get(n + 1).copied().unwrap_or(self.instructions.len());
            stages.push(Stage {
                index: n,
                from,
                image,
                image_span,
                name,
                platform: inst.flag_value("platform").map(str::to_string),
                body: from + 1..end,
                parent,
            });
        }
        stages
    }

    /// The instructions of `stage` (without its FROM).
    pub fn stage_instructions<'a>(&'a self, stage: &Stage) -> &'a [Instruction] {
        self.instructions.get(stage.body.clone()).unwrap_or(&[])
    }
}

/// `ARG name[=default]` pairs of one instruction (ARG takes several).
pub fn arg_pairs(inst: &Instruction, escape: char) -> Vec<(String, Option<String>)> {
    let Args::Words(words) = &inst.args else {
        return Vec::new();
    };
    words
        .iter()
        .map(|w| match w.value.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(crate::expand::unquote(v, escape))),
            None => (w.value.clone(), None),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn image_refs() {
        let r = ImageRef::parse("x", "registry.local:5000/team/app:1.2@sha256:abc", vec![]);
        assert_eq!(r.registry.as_deref(), Some("registry.local:5000"));
        assert_eq!(r.repository, "team/app");
        assert_eq!(r.tag.as_deref(), Some("1.2"));
        assert_eq!(r.digest.as_deref(), Some("sha256:abc"));
        let r = ImageRef::parse("x", "node", vec![]);
        assert_eq!(
            (r.registry, r.tag, r.repository.as_str()),
            (None, None, "node")
        );
        let r = ImageRef::parse("x", "localhost/a:b", vec![]);
        assert_eq!(r.registry.as_deref(), Some("localhost"));
    }
}
