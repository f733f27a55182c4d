//! RFC 6901 JSON pointers, built as a linked list on the stack while walking a definition and
//! rendered to text only when a diagnostic needs one, so a clean walk allocates nothing for them.

use std::fmt;

/// One step of a [`Pointer`]: an object member or an array position.
#[derive(Clone, Copy, Debug)]
enum Token<'a> {
    Key(&'a str),
    Index(usize),
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
            text.push('/');
            match token {
                Token::Key(key) => escape_into(&mut text, key),
                Token::Index(index) => text.push_str(&index.to_string()),
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
    }
}
