use crate::{Heredoc, LogicalLine};
use shipready_diagnostics::Span;

/// A value and the source bytes it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Self {
        Located { value, span }
    }
}

impl Located<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// Every Dockerfile instruction BuildKit knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Keyword {
    Add,
    Arg,
    Cmd,
    Copy,
    Entrypoint,
    Env,
    Expose,
    From,
    Healthcheck,
    Label,
    Maintainer,
    Onbuild,
    Run,
    Shell,
    Stopsignal,
    User,
    Volume,
    Workdir,
}

impl Keyword {
    pub fn parse(word: &str) -> Option<Keyword> {
        let k = match word.to_ascii_lowercase().as_str() {
            "add" => Keyword::Add,
            "arg" => Keyword::Arg,
            "cmd" => Keyword::Cmd,
            "copy" => Keyword::Copy,
            "entrypoint" => Keyword::Entrypoint,
            "env" => Keyword::Env,
            "expose" => Keyword::Expose,
            "from" => Keyword::From,
            "healthcheck" => Keyword::Healthcheck,
            "label" => Keyword::Label,
            "maintainer" => Keyword::Maintainer,
            "onbuild" => Keyword::Onbuild,
            "run" => Keyword::Run,
            "shell" => Keyword::Shell,
            "stopsignal" => Keyword::Stopsignal,
            "user" => Keyword::User,
            "volume" => Keyword::Volume,
            "workdir" => Keyword::Workdir,
            _ => return None,
        };
        Some(k)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Add => "ADD",
            Keyword::Arg => "ARG",
            Keyword::Cmd => "CMD",
            Keyword::Copy => "COPY",
            Keyword::Entrypoint => "ENTRYPOINT",
            Keyword::Env => "ENV",
            Keyword::Expose => "EXPOSE",
            Keyword::From => "FROM",
            Keyword::Healthcheck => "HEALTHCHECK",
            Keyword::Label => "LABEL",
            Keyword::Maintainer => "MAINTAINER",
            Keyword::Onbuild => "ONBUILD",
            Keyword::Run => "RUN",
            Keyword::Shell => "SHELL",
            Keyword::Stopsignal => "STOPSIGNAL",
            Keyword::User => "USER",
            Keyword::Volume => "VOLUME",
            Keyword::Workdir => "WORKDIR",
        }
    }
}

/// A builder flag such as `--from=build` or `--mount=type=cache,target=/x`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flag {
    /// Without the leading `--`.
    pub name: String,
    /// `None` for a bare flag like `--link`.
    pub value: Option<String>,
    pub span: Span,
}

/// `KEY=value` of ENV/LABEL (and old-style `ENV KEY value`). `key` and
/// `value` are as written (quotes kept, as in BuildKit's AST); use
/// [`crate::expand`] to get the value the build sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    pub key: Located<String>,
    pub value: Located<String>,
    /// `"="` for the `k=v` form, `""` for the legacy `ENV k v` form.
    pub separator: &'static str,
}

/// An instruction's arguments, in the shape BuildKit's parser gives them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Args {
    None,
    /// JSON (exec) form: `["a", "b"]`.
    Exec(Vec<Located<String>>),
    /// Shell form or a single string: the rest of the line after flags.
    Text(Located<String>),
    /// Whitespace-separated words (FROM, EXPOSE, COPY/ADD shell form, ARG).
    Words(Vec<Located<String>>),
    /// ENV, LABEL.
    KeyValues(Vec<KeyValue>),
    /// HEALTHCHECK: `NONE` or `CMD …`.
    Healthcheck {
        kind: Located<String>,
        cmd: Box<Args>,
    },
    /// ONBUILD's inner instruction.
    Onbuild(Box<Instruction>),
}

/// One instruction with its position in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    pub keyword: Keyword,
    /// The keyword as written (case preserved).
    pub keyword_span: Span,
    /// From the keyword to the end of the last line, heredoc bodies included.
    pub span: Span,
    /// 1-based, inclusive.
    pub start_line: u32,
    pub end_line: u32,
    pub flags: Vec<Flag>,
    pub args: Args,
    pub heredocs: Vec<Heredoc>,
    /// The joined line (continuations removed) and its map to the source.
    pub line: LogicalLine,
    /// Span of the arguments (after the flags) in the joined line.
    pub args_offset: usize,
}

impl Instruction {
    pub fn flag(&self, name: &str) -> Option<&Flag> {
        self.flags
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    pub fn flag_value(&self, name: &str) -> Option<&str> {
        self.flag(name).and_then(|f| f.value.as_deref())
    }

    pub fn is_exec_form(&self) -> bool {
        matches!(self.args, Args::Exec(_))
    }

    /// The argument text after the flags, as written on the joined line.
    pub fn args_text(&self) -> &str {
        self.line
            .text
            .get(self.args_offset..)
            .unwrap_or("")
            .trim_end()
    }

    /// Span of the argument text in the source.
    pub fn args_span(&self) -> Span {
        let text = self.args_text();
        self.line
            .span(self.args_offset, self.args_offset + text.len())
    }

    /// Words (COPY/ADD sources and destination, FROM parts, EXPOSE ports)
    /// whatever the form.
    pub fn words(&self) -> &[Located<String>] {
        match &self.args {
            Args::Exec(w) | Args::Words(w) => w,
            _ => &[],
        }
    }

    /// For ONBUILD, the triggered instruction; otherwise `self`.
    pub fn effective(&self) -> &Instruction {
        match &self.args {
            Args::Onbuild(inner) => inner,
            _ => self,
        }
    }
}
