//! The text formats a definition is read from and written in.

use std::path::Path;

/// How a definition's text is written: JSON (what AWS's API takes) or YAML (what the AWS
/// Toolkit, Workflow Studio and SAM projects keep in `*.asl.yaml`). Both load into the same
/// model with the same findings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// JSON text.
    #[default]
    Json,
    /// YAML 1.2 text (feature `yaml`).
    Yaml,
}

impl Format {
    /// The format a file name says: `.yaml` and `.yml` are YAML, `.json` is JSON; any other
    /// name is judged by its text ([`Format::detect`]).
    pub fn of_file(path: &Path, text: &str) -> Format {
        match path.extension().and_then(|extension| extension.to_str()) {
            Some(extension) if extension.eq_ignore_ascii_case("json") => Format::Json,
            Some(extension)
                if extension.eq_ignore_ascii_case("yaml")
                    || extension.eq_ignore_ascii_case("yml") =>
            {
                Format::Yaml
            }
            _ => Format::detect(text),
        }
    }

    /// JSON when the text starts (after blanks) with `{`, `[` or nothing at all, YAML otherwise.
    pub fn detect(text: &str) -> Format {
        match text
            .trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
            .chars()
            .next()
        {
            None | Some('{' | '[') => Format::Json,
            Some(_) => Format::Yaml,
        }
    }

    /// `json` or `yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_decides_then_the_text() {
        assert_eq!(Format::of_file(Path::new("a.asl.yaml"), "{}"), Format::Yaml);
        assert_eq!(Format::of_file(Path::new("a.YML"), ""), Format::Yaml);
        assert_eq!(
            Format::of_file(Path::new("a.asl.json"), "StartAt: A"),
            Format::Json
        );
        assert_eq!(
            Format::of_file(Path::new("definition"), "  {\"a\": 1}"),
            Format::Json
        );
        assert_eq!(
            Format::of_file(Path::new("definition"), "# c\nStartAt: A"),
            Format::Yaml
        );
        assert_eq!(Format::detect(""), Format::Json);
    }
}
