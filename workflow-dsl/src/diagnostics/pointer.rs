//! RFC 6901 JSON pointers, built as a linked list on the stack while walking a definition and
//! rendered to text only when a diagnostic needs one, so a clean walk allocates nothing for them.

use std::fmt;

/// One step of a [`Pointer`]: an object member or an array position.
#[derive(Clone, Copy, Debug)]
enum Token<'a> {
    Key(&'a str),
    /// A template member's key, with `.$` appended when the member is dynamic.
    Member(&'a str, bool),
    Index(usize),
    /// An already rendered pointer used as a prefix.
    Rendered(&'a str),
}

/// A JSON pointer under construction: `/States/Charge/Retry/0/ErrorEquals`.
#[derive(Clone, Copy, Debug)]
pub struct Pointer<'a> {
    parent: Option<&'a Pointer<'a>>,
    token: Option<Token<'a>>,
}

impl<'a> Pointer<'a> {
    /// The pointer to the whole document (renders as the empty string).
    pub const ROOT: Pointer<'static> = Pointer {
        parent: None,
        token: None,
    };

    /// The pointer to member `key` of the object this pointer points at.
    pub fn key(&'a self, key: &'a str) -> Pointer<'a> {
        Pointer {
            parent: Some(self),
            token: Some(Token::Key(key)),
        }
    }

    /// The pointer to a template member, whose JSON key is `key.$` when `dynamic`.
    pub fn member(&'a self, key: &'a str, dynamic: bool) -> Pointer<'a> {
        Pointer {
            parent: Some(self),
            token: Some(Token::Member(key, dynamic)),
        }
    }

    /// A pointer that starts with an already rendered pointer text.
    pub fn rendered(text: &'a str) -> Pointer<'a> {
        Pointer {
            parent: None,
            token: Some(Token::Rendered(text)),
        }
    }

    /// The pointer to element `index` of the array this pointer points at.
    pub fn index(&'a self, index: usize) -> Pointer<'a> {
        Pointer {
            parent: Some(self),
            token: Some(Token::Index(index)),
        }
    }

    /// The pointer text, with `~` and `/` in keys escaped as RFC 6901 requires.
    pub fn render(&self) -> String {
        let mut tokens = Vec::new();
        let mut cursor = Some(self);
        while let Some(pointer) = cursor {
            if let Some(token) = pointer.token {
                tokens.push(token);
            }
            cursor = pointer.parent;
        }
        let mut text = String::new();
        for token in tokens.iter().rev() {
            if let Token::Rendered(prefix) = token {
                text.push_str(prefix);
                continue;
            }
            text.push('/');
            match token {
                Token::Key(key) => escape_into(&mut text, key),
                Token::Member(key, dynamic) => {
                    escape_into(&mut text, key);
                    if *dynamic {
                        text.push_str(".$");
                    }
                }
                Token::Index(index) => text.push_str(&index.to_string()),
                Token::Rendered(_) => {}
            }
        }
        text
    }
}

impl fmt::Display for Pointer<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

fn escape_into(text: &mut String, key: &str) {
    for ch in key.chars() {
        match ch {
            '~' => text.push_str("~0"),
            '/' => text.push_str("~1"),
            _ => text.push(ch),
        }
    }
}

/// Appends `key` to an already rendered pointer.
pub fn child(pointer: &str, key: &str) -> String {
    let mut text = String::with_capacity(pointer.len() + key.len() + 1);
    text.push_str(pointer);
    text.push('/');
    escape_into(&mut text, key);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_rfc_6901_with_escapes() {
        let root = Pointer::ROOT;
        let states = root.key("States");
        let state = states.key("a/b~c");
        let retry = state.key("Retry");
        let first = retry.index(0);
        assert_eq!(root.render(), "");
        assert_eq!(first.render(), "/States/a~1b~0c/Retry/0");
        assert_eq!(child("/States", "x/y"), "/States/x~1y");
        let prefix = Pointer::rendered("/States/A");
        let parameters = prefix.key("Parameters");
        assert_eq!(
            parameters.member("x", true).render(),
            "/States/A/Parameters/x.$"
        );
    }
}
