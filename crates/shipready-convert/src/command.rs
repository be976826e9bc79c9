//! Compose's `entrypoint` and `command` as a container's `command` and
//! `args`. The names cross over: Compose `entrypoint` replaces the image's
//! ENTRYPOINT, which Kubernetes calls `command`; Compose `command`
//! replaces CMD, which Kubernetes calls `args`. (Copying `command` to
//! `command`, a common hand conversion, silently drops the image's
//! entrypoint.) A string is split into words as Compose splits it.

use shipready_yaml::{Node, Value};

/// The words of a `command:` or `entrypoint:`; `None` when unset,
/// an error when a string cannot be split (an unclosed quote).
fn words(node: Option<&Node>, key: &str) -> Result<Option<Vec<String>>, String> {
    let Some(node) = node else { return Ok(None) };
    match &node.value {
        Value::Null => Ok(None),
        Value::Seq(items) => Ok(Some(items.iter().filter_map(Node::key_text).collect())),
        _ => {
            let text = node.key_text().unwrap_or_default();
            shlex::split(&text)
                .map(Some)
                .ok_or_else(|| format!("{key}: `{text}` has an unclosed quote"))
        }
    }
}

/// A container's `command` and `args`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Command {
    pub command: Option<Vec<String>>,
    pub args: Option<Vec<String>>,
}

pub fn from_service(svc: &Node) -> Result<Command, String> {
    Ok(Command {
        command: words(svc.get("entrypoint"), "entrypoint")?,
        args: words(svc.get("command"), "command")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entrypoint_is_command_and_command_is_args() {
        let svc =
            crate::yaml("entrypoint: [\"/bin/app\"]\ncommand: serve --port 8080 --name 'my app'\n");
        let c = from_service(&svc).unwrap();
        assert_eq!(c.command.unwrap(), ["/bin/app"]);
        assert_eq!(
            c.args.unwrap(),
            ["serve", "--port", "8080", "--name", "my app"]
        );
        assert_eq!(
            from_service(&crate::yaml("image: a\n")).unwrap(),
            Command::default()
        );
        assert!(from_service(&crate::yaml("command: echo 'open\n")).is_err());
    }
}
