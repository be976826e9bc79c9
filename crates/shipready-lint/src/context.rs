use crate::Settings;
use shipready_diagnostics::Span;
use shipready_dockerfile::shell::{offset_map, Command, Script, Word};
use shipready_dockerfile::{Args, Dockerfile, Instruction, Keyword, Stage};

/// A RUN instruction whose commands could be read (POSIX shell form, exec
/// form, or a heredoc script).
pub struct Run<'a> {
    pub index: usize,
    pub inst: &'a Instruction,
    pub stage: usize,
    pub script: Script,
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
        let stages = df.stages();
        let mut runs = Vec::new();
        for stage in &stages {
            // SHELL ["powershell", …] switches the stage away from sh: its
            // RUN lines are not shell scripts we can read.
            let mut posix = true;
            for (off, inst) in df.stage_instructions(stage).iter().enumerate() {
                let index = stage.body.start + off;
                if inst.keyword == Keyword::Shell {
                    posix = match &inst.args {
                        Args::Exec(items) => items.first().is_some_and(|p| {
                            let base = p.value.rsplit(['/', '\\']).next().unwrap_or("");
                            POSIX_SHELLS.contains(&base.trim_end_matches(".exe"))
                        }),
                        _ => false,
                    };
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

    /// Stages that end up in the image: the last one and the chain of
    /// stages it is built `FROM`.
    pub fn final_chain(&self) -> Vec<usize> {
        let mut chain = Vec::new();
        let mut cur = self.stages.last().map(|s| s.index);
        while let Some(i) = cur {
            if chain.contains(&i) {
                break;
            }
            chain.push(i);
            cur = self.stages[i].parent;
        }
        chain
    }
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
    let text = inst.args_text();
    let off = inst.args_offset;
    let mut script = Script::parse(text, &|s, e| inst.line.span(off + s, off + e));
    // A heredoc fed to a shell (`RUN <<EOF`, `RUN bash <<EOF`) is the
    // script; one fed to python or cat is data.
    let runs_shell = script
        .commands
        .first()
        .and_then(|c| c.program())
        .is_none_or(|p| POSIX_SHELLS.contains(&p));
    if runs_shell {
        for doc in &inst.heredocs {
            let map = offset_map(doc.content_span.start, doc.content_span.end);
            let sub = Script::parse(&doc.content, &map);
            script.commands.extend(sub.commands);
        }
    }
    script
}
