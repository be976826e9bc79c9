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
    assert_eq!(s.commands.len(), 1);
    assert_eq!(s.commands[0].args().len(), 3);
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
