use super::Word;
use shipready_diagnostics::Span;

/// One simple command: `apt-get install -y curl`.
#[derive(Debug, Clone)]
pub struct Command {
    /// All words, leading `NAME=value` assignments included.
    pub words: Vec<Word>,
    /// Reads from a pipe (`a | this`).
    pub pipe_in: bool,
    /// Writes into a pipe (`this | b`).
    pub pipe_out: bool,
    /// Follows `&&` or `||`.
    pub chained: bool,
    /// The `!` before it, when the negation is a statement's and not a
    /// condition's (`! grep x f;`, not `if ! grep x f`).
    pub negated: Option<Span>,
    /// From inside `$(…)`, backquotes or `sh -c '…'`, not the script's own
    /// list.
    pub nested: bool,
    /// Index of the program word in `words` (after assignments and
    /// wrappers like `sudo`, `env`, `exec`, `nohup`).
    program_at: Option<usize>,
    /// Byte offset of the base name in the program word.
    base_at: usize,
}

fn is_assignment(w: &Word) -> bool {
    match w.text.split_once('=') {
        Some((name, _)) => {
            !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !name.as_bytes()[0].is_ascii_digit()
        }
        None => false,
    }
}

impl Command {
    pub fn new(words: Vec<Word>, pipe_in: bool, pipe_out: bool, chained: bool) -> Command {
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            if is_assignment(w) {
                i += 1;
                continue;
            }
            match w.text.as_str() {
                "sudo" | "doas" => {
                    i += 1;
                    while i < words.len() && words[i].text.starts_with('-') {
                        // sudo -u user: the flag takes a value.
                        let takes = matches!(
                            words[i].text.as_str(),
                            "-u" | "-g" | "-C" | "-h" | "-p" | "-U"
                        );
                        i += if takes { 2 } else { 1 };
                    }
                }
                "env" => {
                    i += 1;
                    while i < words.len()
                        && (words[i].text.starts_with('-') || is_assignment(&words[i]))
                    {
                        i += 1;
                    }
                }
                "exec" | "nohup" | "command" | "builtin" | "time" => i += 1,
                _ => break,
            }
        }
        let program_at = (i < words.len()).then_some(i);
        // Rules ask for the program's base name for every command, many
        // times over: find it once.
        let base_at = program_at.map_or(0, |i| words[i].text.rfind('/').map_or(0, |p| p + 1));
        Command {
            words,
            pipe_in,
            pipe_out,
            chained,
            negated: None,
            nested: false,
            program_at,
            base_at,
        }
    }

    /// The program name as written (`/usr/bin/apt-get` stays a path; use
    /// [`Command::program`] for the base name).
    pub fn program_word(&self) -> Option<&Word> {
        self.program_at.map(|i| &self.words[i])
    }

    /// Base name of the program: `apt-get` for `/usr/bin/apt-get`.
    pub fn program(&self) -> Option<&str> {
        self.program_word().map(|w| &w.text[self.base_at..])
    }

    pub fn is(&self, name: &str) -> bool {
        self.program() == Some(name)
    }

    /// The words after the program.
    pub fn args(&self) -> &[Word] {
        match self.program_at {
            Some(i) => &self.words[i + 1..],
            None => &[],
        }
    }

    /// Whether the command was run through `sudo`.
    pub fn uses_sudo(&self) -> bool {
        self.words
            .iter()
            .take(self.program_at.unwrap_or(0))
            .any(|w| w.text == "sudo")
    }

    /// True if any argument is the short flag `-c` (also inside a cluster
    /// like `-qy`) or one of the long flags (also as `--flag=value`).
    pub fn has_flag(&self, short: Option<char>, long: &[&str]) -> bool {
        self.args()
            .iter()
            .any(|w| flag_matches(&w.text, short, long))
    }

    /// The argument following a flag (`-o value`, `--opt value`) or joined
    /// to it (`--opt=value`, `-ovalue`).
    pub fn flag_value(&self, short: Option<char>, long: &[&str]) -> Option<&str> {
        let args = self.args();
        for (i, w) in args.iter().enumerate() {
            let t = w.text.as_str();
            for l in long {
                if t == *l {
                    return args.get(i + 1).map(|w| w.text.as_str());
                }
                if let Some(v) = t.strip_prefix(l).and_then(|r| r.strip_prefix('=')) {
                    return Some(v);
                }
            }
            if let Some(s) = short {
                if t.len() == 2 && t.starts_with('-') && t.ends_with(s) {
                    return args.get(i + 1).map(|w| w.text.as_str());
                }
            }
        }
        None
    }

    /// The first argument that does not start with `-`.
    pub fn subcommand(&self) -> Option<&Word> {
        self.args().iter().find(|w| !w.text.starts_with('-'))
    }

    /// Non-flag arguments after the subcommand. `value_flags` lists flags
    /// that consume the next word (`-o Dpkg::Options=…`).
    pub fn operands(&self, value_flags: &[&str]) -> Vec<&Word> {
        self.positional(value_flags).skip(1).collect()
    }

    /// The non-flag arguments, the subcommand first, skipping flags and the
    /// values of `value_flags` (`dnf --enablerepo crb install x` gives
    /// `install`, `x`).
    pub fn positional<'a, 'f>(
        &'a self,
        value_flags: &'f [&'f str],
    ) -> impl Iterator<Item = &'a Word> + use<'a, 'f> {
        let mut skip = false;
        self.args().iter().filter(move |w| {
            if std::mem::take(&mut skip) {
                return false;
            }
            let t = w.text.as_str();
            if t.starts_with('-') && t.len() > 1 {
                skip = value_flags.contains(&t);
                return false;
            }
            true
        })
    }

    /// `sh -c 'script'` / `bash -c "…"`: the script word.
    pub fn shell_c_script(&self) -> Option<&Word> {
        let p = self.program()?;
        if !matches!(p, "sh" | "bash" | "ash" | "dash" | "zsh" | "ksh") {
            return None;
        }
        let args = self.args();
        let pos = args.iter().position(|w| {
            w.text.starts_with('-') && !w.text.starts_with("--") && w.text.contains('c')
        })?;
        args.get(pos + 1)
    }

    pub fn span(&self) -> Span {
        match (self.words.first(), self.words.last()) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => Span::default(),
        }
    }

    /// Span from the program to the end of the command.
    pub fn program_span(&self) -> Span {
        match (self.program_word(), self.words.last()) {
            (Some(a), Some(b)) => a.span.cover(b.span),
            _ => self.span(),
        }
    }
}

pub(crate) fn flag_matches(t: &str, short: Option<char>, long: &[&str]) -> bool {
    if t.starts_with("--") {
        let name = t.split_once('=').map_or(t, |(n, _)| n);
        return long.contains(&name);
    }
    if let (Some(c), Some(cluster)) = (short, t.strip_prefix('-')) {
        // getopt clusters end where a value starts (`-qO-`, `-o/tmp/log`):
        // only the letters before the first other character are flags.
        let letters = cluster
            .find(|ch: char| !ch.is_ascii_alphanumeric())
            .map_or(cluster, |end| &cluster[..end]);
        return letters.contains(c);
    }
    false
}
