//! Findings shown as rustc shows its own: the rule and message, `--> file:line:column`, the
//! lines of the text with the place underlined, `= help:` and where to read more (feature
//! `render`, with annotate-snippets, the renderer rustc and cargo use).
//!
//! ```
//! use workflow_dsl::diagnostics::render::{Source, render};
//! use workflow_dsl::{Format, Profile, check};
//!
//! let text = "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"B\"}}}";
//! let report = check(text, Profile::Aws);
//! let source = Source::new("flow.asl.json", text, Format::Json);
//! let shown = render(&report, &source, false);
//! assert!(shown.starts_with("error[V301]: \"B\" is not a state\n --> flow.asl.json:1:59\n"));
//! ```

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};

use super::positions::{Positions, Span};
use super::{Diagnostic, Report, Severity};
use crate::asl::Format;

/// The file a report is about.
#[derive(Clone, Debug)]
pub struct Source<'a> {
    path: &'a str,
    text: &'a str,
    format: Format,
    /// Found on the first finding shown, so a file without findings costs nothing.
    positions: std::cell::OnceCell<Positions>,
    base: String,
    machine: Option<&'a str>,
}

impl<'a> Source<'a> {
    /// The definition in `text`, the contents of the file shown as `path`.
    pub fn new(path: &'a str, text: &'a str, format: Format) -> Source<'a> {
        Source {
            path,
            text,
            format,
            positions: std::cell::OnceCell::new(),
            base: String::new(),
            machine: None,
        }
    }

    /// A definition inside a larger file (a template's state machine `machine`), at
    /// `pointer` in it (its `Definition` property; a finding inside a `DefinitionString` is
    /// shown on the string).
    pub fn within(mut self, pointer: &str, machine: &'a str) -> Source<'a> {
        self.base = pointer.to_owned();
        self.machine = Some(machine);
        self
    }

    /// The file, as shown.
    pub fn path(&self) -> &str {
        self.path
    }

    /// The template's state machine the definition is, if it is one.
    pub fn machine(&self) -> Option<&str> {
        self.machine
    }

    /// Where a finding is in the text (for a syntax error, where the reader stopped).
    pub fn place(&self, diagnostic: &Diagnostic) -> Option<Span> {
        if let Some((line, column)) = diagnostic.position
            && self.base.is_empty()
        {
            return Positions::at(self.text, line, column);
        }
        self.positions
            .get_or_init(|| Positions::of(self.text, self.format))
            .find(&format!("{}{}", self.base, diagnostic.pointer))
    }
}

/// Every finding of `report`, in order, each as rustc would show it; `styled` for colour (a
/// terminal), plain otherwise.
pub fn render(report: &Report, source: &Source<'_>, styled: bool) -> String {
    let renderer = match styled {
        true => Renderer::styled(),
        false => Renderer::plain(),
    };
    let mut out = String::new();
    for diagnostic in report.diagnostics() {
        out.push_str(&renderer.render(&groups(diagnostic, source)));
        out.push_str("\n\n");
    }
    out
}

fn groups<'a>(diagnostic: &'a Diagnostic, source: &'a Source<'a>) -> Vec<Group<'a>> {
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut place = match diagnostic.pointer.as_str() {
        "" => "the definition".to_owned(),
        pointer => format!("`{pointer}`"),
    };
    if let Some(state) = &diagnostic.state {
        place.push_str(&format!(" in state `{state}`"));
    }
    if let Some(machine) = source.machine {
        place.push_str(&format!(" of `{machine}`"));
    }
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.rule.id());
    let group = match source.place(diagnostic) {
        Some(span) => title.element(
            Snippet::source(source.text).path(source.path).annotation(
                AnnotationKind::Primary
                    .span(span.start..span.end)
                    .label(place),
            ),
        ),
        None => title
            .element(Origin::path(source.path))
            .element(Level::NOTE.message(format!("at {place}"))),
    };
    let mut group = group;
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    vec![group.element(Level::NOTE.message(format!(
        "`workflow explain {}` says what the rule checks and why",
        diagnostic.rule
    )))]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::{Profile, check_as};

    #[test]
    fn a_finding_is_shown_on_its_line_with_help_and_note() {
        let text = "{\n  \"StartAt\": \"Charge\",\n  \"States\": {\n    \"Charge\": {\"Type\": \"Pass\", \"Next\": \"Shipp\"},\n    \"Ship\": {\"Type\": \"Succeed\"}\n  }\n}\n";
        let report = check_as(text, Format::Json, Profile::Aws);
        let shown = render(
            &report,
            &Source::new("order.asl.json", text, Format::Json),
            false,
        );
        let first: Vec<&str> = shown.split("\n\n").next().unwrap().lines().collect();
        assert_eq!(
            first,
            [
                "error[V301]: \"Shipp\" is not a state",
                " --> order.asl.json:4:40",
                "  |",
                "4 |     \"Charge\": {\"Type\": \"Pass\", \"Next\": \"Shipp\"},",
                "  |                                        ^^^^^^^ `/States/Charge/Next` in state `Charge`",
                "  |",
                "  = help: did you mean \"Ship\"?",
                "  = note: `workflow explain V301` says what the rule checks and why",
            ]
        );
    }

    #[test]
    fn a_syntax_error_is_shown_where_the_reader_stopped() {
        let text = "StartAt: A\nStates: [unclosed\n";
        let report = check_as(text, Format::Yaml, Profile::Aws);
        let shown = render(
            &report,
            &Source::new("a.asl.yaml", text, Format::Yaml),
            false,
        );
        assert!(
            shown.starts_with("error[V101]: the definition is not YAML"),
            "{shown}"
        );
        assert!(shown.contains(" --> a.asl.yaml:"), "{shown}");
    }
}
