use super::*;

fn parse(text: &str) -> Script {
    Script::parse(text, &|s, e| Span::from_usize(s, e))
}

fn names(s: &Script) -> Vec<String> {
    s.commands
        .iter()
        .map(|c| c.program().unwrap_or("").to_string())
        .collect()
}

#[test]
fn splits_on_operators_and_newlines() {
    let s = parse(
        "apt-get update && apt-get install -y curl; rm -rf /var/lib/apt/lists/* || true\necho done",
    );
    assert_eq!(names(&s), ["apt-get", "apt-get", "rm", "true", "echo"]);
    assert!(s.commands[1].has_flag(Some('y'), &["--yes"]));
}

#[test]
fn quotes_and_redirections() {
    let s = parse(r#"echo "a b" 'c d' > /tmp/x 2>&1 && FOO=1 sudo -u app make"#);
    let echo = &s.commands[0];
    let args: Vec<_> = echo.args().iter().map(|w| w.text.as_str()).collect();
    assert_eq!(args, ["a b", "c d"]);
    assert!(s.commands[1].is("make"));
    assert!(s.commands[1].uses_sudo());
}

#[test]
fn pipes_subshells_and_sh_c() {
    let s = parse("curl -fsSL https://x | sh -c 'cd /a && make install'; (cd /b && ls)");
    assert_eq!(names(&s), ["curl", "sh", "cd", "make", "cd", "ls"]);
    assert!(s.commands[0].pipe_out);
    assert!(s.commands[1].pipe_in);
    assert!(s.has_pipe());
}

#[test]
fn compound_commands_and_heredocs() {
    let s = parse("if [ -f x ]; then\n  apk add --no-cache git\nfi\ncat <<EOF > /etc/x\napt-get install nothing\nEOF\nls");
    assert_eq!(names(&s), ["[", "apk", "cat", "ls"]);
}

#[test]
fn substitutions_stay_in_the_word() {
    let s = parse("echo $(dpkg --print-architecture | tr a b) \"${A:-x y}\" `uname -m`");
    // The substitution stays one word of `echo`; its commands follow.
    assert_eq!(s.commands[0].args().len(), 3);
    assert_eq!(names(&s), ["echo", "dpkg", "tr", "uname"]);
}

#[test]
fn operands_skip_value_flags() {
    let s = parse("apt-get -o Dpkg::Use-Pty=0 install -y --no-install-recommends curl=7.1 git");
    let ops: Vec<_> = s.commands[0]
        .operands(&["-o"])
        .iter()
        .map(|w| w.text.as_str())
        .collect();
    assert_eq!(ops, ["curl=7.1", "git"]);
}

#[test]
fn never_panics_on_garbage() {
    for text in [
        "\"unterminated",
        "'x",
        "$(",
        "${",
        "`",
        "<<",
        "2>",
        "\\",
        "é\\",
        "a &&& b ||| c",
        "<<EOF\nx",
    ] {
        let _ = parse(text);
    }
}

#[test]
fn command_substitutions_are_read() {
    let s = parse(
        "arch=\"$(dpkg --print-architecture | awk -F- '{ print $NF }')\"; n=$((1+2)); v=`uname -m`",
    );
    let n = names(&s);
    assert!(
        n.contains(&"dpkg".to_string()) && n.contains(&"awk".to_string()),
        "{n:?}"
    );
    assert!(n.contains(&"uname".to_string()), "{n:?}");
    assert!(
        !n.iter().any(|p| p.starts_with("1+2")),
        "arithmetic is not a command: {n:?}"
    );
    assert!(s.has_pipe());
}

#[test]
fn case_patterns_are_not_pipes_but_piped_groups_are() {
    let s = parse("case \"$arch\" in x86_64|aarch64) echo ok ;; *) exit 1 ;; esac");
    assert!(!s.has_pipe(), "{:?}", names(&s));
    let s = parse("{ echo '[repo]'; echo 'enabled=1'; } | tee /etc/yum.repos.d/x.repo");
    assert!(s.has_pipe());
    assert!(s.commands.iter().any(|c| c.is("tee") && c.pipe_in));
}

#[test]
fn a_negation_is_a_statements_or_a_conditions() {
    let s = parse(
        "! grep -q x f; if ! grep y f; then a; fi; while ! b; do :; done; '!' c; echo $(! d)",
    );
    let negated: Vec<bool> = s.commands.iter().map(|c| c.negated.is_some()).collect();
    // `! grep -q x f` is a statement's; `if !` and `while !` are
    // conditions'; a quoted `!` is a program; `$(! d)` is nested.
    assert_eq!(s.commands[0].negated, Some(Span::from_usize(0, 1)));
    assert_eq!(negated.iter().filter(|n| **n).count(), 2, "{negated:?}");
    let nested: Vec<&str> = s
        .commands
        .iter()
        .filter(|c| c.nested)
        .filter_map(|c| c.program())
        .collect();
    assert_eq!(nested, ["d"]);
}
