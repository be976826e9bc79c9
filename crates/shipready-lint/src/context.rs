use crate::Settings;
use shipready_diagnostics::Span;
use shipready_dockerfile::shell::ast::Ast;
use shipready_dockerfile::shell::{offset_map, Command, Script, Word};
use shipready_dockerfile::{arg_pairs, Args, Dockerfile, ImageRef, Instruction, Keyword, Stage};
use std::cell::OnceCell;

/// A RUN instruction whose commands could be read (POSIX shell form, exec
/// form, or a heredoc script).
pub struct Run<'a> {
    pub index: usize,
    pub inst: &'a Instruction,
    pub stage: usize,
    pub script: Script,
    /// The shell that runs it, as a base name (`sh` unless `SHELL` says
    /// otherwise): ShellCheck's dialect rules depend on it.
    pub shell: String,
    /// `SHELL` passes `-e` (`["/bin/sh", "-ec"]`, `-o errexit`): a failing
    /// command stops the build however the script is written.
    pub errexit: bool,
    /// The structure of each shell text, parsed when a rule first asks.
    syntax: OnceCell<Vec<Syntax<'a>>>,
}

/// One shell text of a shell-form RUN (its arguments, or a heredoc body
/// a shell reads), parsed into a tree, with its map to the file.
pub struct Syntax<'a> {
    pub text: &'a str,
    pub map: SpanMap<'a>,
    pub ast: Ast,
    /// A failing command stops the script: `SHELL` passes `-e`, or the
    /// text runs `set -e` / `set -o errexit` (as ShellCheck decides it).
    pub errexit: bool,
}

impl<'a> Run<'a> {
    /// The shell-form texts of this RUN as trees; empty for exec form
    /// (ShellCheck reads only what a shell parses, as hadolint runs it).
    pub fn syntax(&self) -> &[Syntax<'a>] {
        self.syntax.get_or_init(|| {
            let inst = self.inst.effective();
            if matches!(inst.args, Args::Exec(_)) {
                return Vec::new();
            }
            shell_texts(inst)
                .into_iter()
                .map(|(text, map)| {
                    let ast = Ast::parse(text);
                    let errexit = self.errexit || ast.sets_errexit();
                    Syntax {
                        text,
                        map,
                        ast,
                        errexit,
                    }
                })
                .collect()
        })
    }

    /// Whether the shell is a POSIX `sh` (dash, ash), not bash or zsh.
    pub fn is_plain_sh(&self) -> bool {
        matches!(self.shell.as_str(), "sh" | "dash" | "ash")
    }
}

/// What a rule gets: the parsed file plus things many rules need, computed
/// once.
pub struct Context<'a> {
    pub df: &'a Dockerfile,
    pub settings: &'a Settings,
    pub stages: Vec<Stage>,
    pub runs: Vec<Run<'a>>,
}

const POSIX_SHELLS: &[&str] = &["sh", "bash", "ash", "dash", "zsh", "ksh", "busybox"];

impl<'a> Context<'a> {
    pub fn new(df: &'a Dockerfile, settings: &'a Settings) -> Self {
        let stages = lint_stages(df);
        let mut runs = Vec::new();
        for stage in &stages {
            // SHELL ["powershell", …] switches the stage away from sh: its
            // RUN lines are not shell scripts we can read.
            let mut posix = true;
            let mut shell = "sh".to_string();
            let mut errexit = false;
            for (off, inst) in df.stage_instructions(stage).iter().enumerate() {
                let index = stage.body.start + off;
                if inst.keyword == Keyword::Shell {
                    let items: &[_] = match &inst.args {
                        Args::Exec(items) => items,
                        _ => &[],
                    };
                    shell = items.first().map_or(String::new(), |p| {
                        let base = p.value.rsplit(['/', '\\']).next().unwrap_or("");
                        base.trim_end_matches(".exe").to_string()
                    });
                    posix = POSIX_SHELLS.contains(&shell.as_str());
                    let flags: Vec<&str> = items.iter().skip(1).map(|i| i.value.as_str()).collect();
                    errexit = flags
                        .iter()
                        .any(|f| f.starts_with('-') && !f.starts_with("--") && f.contains('e'))
                        || flags.windows(2).any(|w| w == ["-o", "errexit"]);
                }
                let inner = inst.effective();
                if inner.keyword != Keyword::Run {
                    continue;
                }
                let script = match &inner.args {
                    Args::Exec(items) => Some(exec_script(items)),
                    Args::Text(_) if posix => Some(shell_script(inner)),
                    _ => None,
                };
                if let Some(script) = script {
                    runs.push(Run {
                        index,
                        inst,
                        stage: stage.index,
                        script,
                        shell: shell.clone(),
                        errexit,
                        syntax: OnceCell::new(),
                    });
                }
            }
        }
        Context {
            df,
            settings,
            stages,
            runs,
        }
    }

    pub fn instructions(&self) -> impl Iterator<Item = (usize, &'a Instruction)> + 'a {
        self.df.instructions.iter().enumerate()
    }

    pub fn final_stage(&self) -> Option<&Stage> {
        self.stages.last()
    }

    /// Index of the stage containing instruction `index` (None before the
    /// first FROM).
    pub fn stage_of(&self, index: usize) -> Option<usize> {
        self.stages
            .iter()
            .rev()
            .find(|s| s.from <= index)
            .map(|s| s.index)
    }

    pub fn text(&self, span: Span) -> &'a str {
        self.df.source.get(span.range()).unwrap_or("")
    }

    /// Every command of every RUN, with its RUN.
    pub fn commands(&self) -> impl Iterator<Item = (&Run<'a>, &Command)> {
        self.runs
            .iter()
            .flat_map(|r| r.script.commands.iter().map(move |c| (r, c)))
    }

    /// The instructions in force at instruction `index` of stage `stage`,
    /// latest first: the stage's own before `index`, then all of the stage
    /// it is built `FROM`, and so on up the chain (ENV and ARG values are
    /// inherited that way).
    pub fn in_scope(&self, stage: usize, index: usize) -> Vec<&'a Instruction> {
        let mut out = Vec::new();
        for (n, s) in self.chain(stage).into_iter().enumerate() {
            let body = &self.stages[s].body;
            let end = if n == 0 {
                index.clamp(body.start, body.end)
            } else {
                body.end
            };
            out.extend(self.df.instructions[body.start..end].iter().rev());
        }
        out
    }

    /// The names `ENV` and `ARG` declare in force at instruction `index`
    /// of `stage` (see [`Context::in_scope`]): values the build fixes.
    pub fn declared_names(&self, stage: usize, index: usize) -> Vec<String> {
        let mut names = Vec::new();
        for i in self.in_scope(stage, index) {
            match (i.keyword, &i.args) {
                (Keyword::Env, Args::KeyValues(kvs)) => {
                    names.extend(kvs.iter().map(|kv| kv.key.value.clone()));
                }
                (Keyword::Arg, _) => {
                    names.extend(arg_pairs(i, self.df.escape).into_iter().map(|(n, _)| n));
                }
                _ => {}
            }
        }
        names
    }

    /// The value `ENV name=…` gives at instruction `index` of `stage`
    /// (quotes removed), inherited from parent stages too.
    pub fn env_value(&self, stage: usize, index: usize, name: &str) -> Option<String> {
        self.in_scope(stage, index)
            .into_iter()
            .filter(|i| i.keyword == Keyword::Env)
            .find_map(|i| match &i.args {
                Args::KeyValues(kvs) => {
                    kvs.iter().rev().find(|kv| kv.key.value == name).map(|kv| {
                        shipready_dockerfile::expand::unquote(&kv.value.value, self.df.escape)
                    })
                }
                _ => None,
            })
    }

    /// `stage` and the chain of stages it is built `FROM`, nearest first
    /// (a cycle ends it).
    pub fn chain(&self, stage: usize) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = Some(stage);
        while let Some(i) = cur.filter(|i| !chain.contains(i)) {
            chain.push(i);
            cur = self.stages[i].parent;
        }
        chain
    }

    /// Stages that end up in the image: the last one and the chain of
    /// stages it is built `FROM`.
    pub fn final_chain(&self) -> Vec<usize> {
        self.stages
            .last()
            .map_or_else(Vec::new, |s| self.chain(s.index))
    }
}

/// The stages rules look at: the file's own, led by one for the
/// instructions a file has before its first FROM (other than ARG). Those
/// are an error of their own (SR-D046), but hadolint still lints them as a
/// stage, and so do we: a `RUN apt-get install` stays unpinned wherever it
/// stands. The leading stage starts from nothing (`scratch`), so no base
/// image rule reads it, and its "FROM" is the first stray instruction.
fn lint_stages(df: &Dockerfile) -> Vec<Stage> {
    let mut stages = df.stages();
    let first_from = stages.first().map_or(df.instructions.len(), |s| s.from);
    let Some(stray) = df.instructions[..first_from]
        .iter()
        .position(|i| i.keyword != Keyword::Arg)
    else {
        return stages;
    };
    for s in &mut stages {
        s.index += 1;
        s.parent = s.parent.map(|p| p + 1);
    }
    let inst = &df.instructions[stray];
    stages.insert(
        0,
        Stage {
            index: 0,
            from: stray,
            image: ImageRef::parse("scratch", "scratch", Vec::new()),
            image_span: inst.keyword_span,
            name: None,
            platform: None,
            body: stray..first_from,
            parent: None,
        },
    );
    stages
}

fn exec_script(items: &[shipready_dockerfile::Located<String>]) -> Script {
    Script::from_words(
        items
            .iter()
            .map(|i| Word {
                text: i.value.clone(),
                span: i.span,
                quoted: true,
            })
            .collect(),
    )
}

fn shell_script(inst: &Instruction) -> Script {
    let mut script = Script::default();
    for (text, map) in shell_texts(inst) {
        script.commands.extend(Script::parse(text, &*map).commands);
    }
    script
}

/// Maps byte ranges of a shell text to spans of the file.
pub type SpanMap<'i> = Box<dyn Fn(usize, usize) -> Span + 'i>;

/// The shell texts of a shell-form RUN (`inst` is the effective
/// instruction): its arguments, then its heredoc bodies when a shell reads
/// them (`RUN <<EOF`, `RUN bash <<EOF`; one fed to python or cat is data),
/// each with its map to the file.
pub fn shell_texts(inst: &Instruction) -> Vec<(&str, SpanMap<'_>)> {
    let text = inst.args_text();
    let off = inst.args_offset;
    let mut out: Vec<(&str, SpanMap<'_>)> =
        vec![(text, Box::new(move |s, e| inst.line.span(off + s, off + e)))];
    if inst.heredocs.is_empty() {
        return out;
    }
    let runs_shell = Script::parse(text, &|_, _| Span::default())
        .commands
        .first()
        .and_then(|c| c.program())
        .is_none_or(|p| POSIX_SHELLS.contains(&p));
    if runs_shell {
        for doc in &inst.heredocs {
            let map = offset_map(doc.content_span.start, doc.content_span.end);
            out.push((doc.content.as_str(), Box::new(map)));
        }
    }
    out
}
