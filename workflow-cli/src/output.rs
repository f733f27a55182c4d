//! Where the commands write. A closed pipe (`workflow validate x | head`) is not an error: the
//! reader has what it wanted, so writes after that are dropped silently.

use std::io::{self, Write};

pub struct Output {
    out: Box<dyn Write>,
    closed: bool,
}

impl Output {
    pub fn stdout() -> Output {
        Output {
            out: Box::new(io::stdout().lock()),
            closed: false,
        }
    }

    /// Writes one line to stdout.
    pub fn line(&mut self, text: &str) {
        if self.closed {
            return;
        }
        if let Err(error) = writeln!(self.out, "{text}") {
            if error.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("workflow: cannot write output: {error}");
            }
            self.closed = true;
        }
    }

    /// Writes text as is to stdout.
    pub fn text(&mut self, text: &str) {
        if !self.closed && self.out.write_all(text.as_bytes()).is_err() {
            self.closed = true;
        }
    }
}

/// Reads a file, or says why it cannot be read.
pub fn read(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path)
        .map_err(|error| format!("{}: cannot read the file: {error}", path.display()))
}
