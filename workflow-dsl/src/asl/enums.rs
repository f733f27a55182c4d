//! The string-valued enumerations of ASL (`QueryLanguage`, `Mode`, `InputType`, ...).

macro_rules! string_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The JSON text of the value.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)* }
            }

            /// Parses the exact (case-sensitive) JSON text.
            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)* _ => None }
            }

            /// The accepted values, for messages: `"A", "B"`.
            pub fn expected() -> String {
                [$(concat!("\"", $text, "\"")),*].join(", ")
            }
        }
    };
}

string_enum! {
    /// `QueryLanguage`
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html>).
    #[derive(Default)]
    QueryLanguage {
        /// `"JSONPath"`, the default.
        #[default]
        JsonPath = "JSONPath",
        /// `"JSONata"`.
        Jsonata = "JSONata",
    }
}

string_enum! {
    /// `ProcessorConfig.Mode`.
    ProcessorMode {
        /// Iterations run inside the execution (the default).
        Inline = "INLINE",
        /// Iterations run as child executions.
        Distributed = "DISTRIBUTED",
    }
}

string_enum! {
    /// `ProcessorConfig.ExecutionType` of a distributed Map's child executions.
    ExecutionType {
        /// Standard child executions.
        Standard = "STANDARD",
        /// Express child executions.
        Express = "EXPRESS",
    }
}

string_enum! {
    /// `ReaderConfig.InputType`
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html>).
    InputType {
        /// Comma-separated values.
        Csv = "CSV",
        /// A JSON array.
        Json = "JSON",
        /// JSON lines.
        Jsonl = "JSONL",
        /// Parquet.
        Parquet = "PARQUET",
        /// A manifest file.
        Manifest = "MANIFEST",
    }
}

string_enum! {
    /// `ReaderConfig.Transformation`.
    ReaderTransformation {
        /// Iterate the listing metadata.
        None = "NONE",
        /// Read each listed object.
        LoadAndFlatten = "LOAD_AND_FLATTEN",
    }
}

string_enum! {
    /// `ReaderConfig.ManifestType`.
    ManifestType {
        /// An Athena data manifest.
        AthenaData = "ATHENA_DATA",
        /// An S3 inventory manifest.
        S3Inventory = "S3_INVENTORY",
    }
}

string_enum! {
    /// `ReaderConfig.CSVDelimiter`.
    CsvDelimiter {
        /// `,`
        Comma = "COMMA",
        /// `|`
        Pipe = "PIPE",
        /// `;`
        Semicolon = "SEMICOLON",
        /// ` `
        Space = "SPACE",
        /// a tab
        Tab = "TAB",
    }
}

string_enum! {
    /// `ReaderConfig.CSVHeaderLocation`.
    CsvHeaderLocation {
        /// The first row holds the headers.
        FirstRow = "FIRST_ROW",
        /// `CSVHeaders` gives them.
        Given = "GIVEN",
    }
}

string_enum! {
    /// `WriterConfig.OutputType`
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html>).
    OutputType {
        /// One JSON array.
        Json = "JSON",
        /// JSON lines.
        Jsonl = "JSONL",
    }
}

string_enum! {
    /// `WriterConfig.Transformation`.
    WriterTransformation {
        /// Child execution records with metadata.
        None = "NONE",
        /// Outputs only.
        Compact = "COMPACT",
        /// Outputs only, child arrays flattened one level.
        Flatten = "FLATTEN",
    }
}

string_enum! {
    /// A retrier's `JitterStrategy`
    /// (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>).
    JitterStrategy {
        /// Wait a random time up to the computed delay.
        Full = "FULL",
        /// Wait exactly the computed delay (the default).
        None = "NONE",
    }
}
