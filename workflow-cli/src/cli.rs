//! The command-line grammar (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use workflow::{Format, Profile};

/// Define, check and format AWS Step Functions state machines.
#[derive(Debug, Parser)]
#[command(name = "workflow", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check definitions against the validation rules and report every finding.
    Validate(ValidateArgs),
    /// Explain a validation rule: what it checks, why, an example and the fix.
    Explain(ExplainArgs),
    /// Print a definition in canonical form (or check that it already is).
    Fmt(FmtArgs),
    /// Run a definition on the bundled interpreter (virtual clock unless --real-time).
    Run(RunArgs),
    /// Run a definition again on a recorded execution (`get-execution-history` JSON) and
    /// report the first state, Task request or output that differs (exit 1).
    Replay(ReplayArgs),
    /// Print a definition as Rust: a `workflow!` block that compiles to the same definition.
    Import(ImportArgs),
    /// Draw a definition: a Mermaid flowchart (GitHub renders it) or a Graphviz DOT digraph.
    Graph(GraphArgs),
    /// Which states, transitions, catchers and retriers of a definition recorded executions
    /// exercised (exit 1 when something was not).
    Coverage(CoverageArgs),
    /// Serve the AWS Step Functions API on localhost (boto3, the aws CLI and SDKs work with
    /// `--endpoint-url http://127.0.0.1:8083`).
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address to listen on; loopback unless you say otherwise.
    #[arg(long, default_value = "127.0.0.1:8083")]
    pub bind: std::net::SocketAddr,
    /// The region in ARNs.
    #[arg(long, default_value = "us-east-1")]
    pub region: String,
    /// The account in ARNs.
    #[arg(long, default_value = "123456789012")]
    pub account: String,
    /// Step Functions Local mock configuration: start executions with
    /// `stateMachineArn#TestCase` to answer Tasks from a test case.
    #[arg(long)]
    pub mock_config: Option<std::path::PathBuf>,
    /// A Lambda-compatible endpoint (e.g. `http://127.0.0.1:3001`, SAM local): Lambda Tasks
    /// call it with the Invoke API.
    #[arg(long)]
    pub lambda_endpoint: Option<String>,
    /// Where state machines, executions and histories are kept across restarts (default: the
    /// user's data directory, e.g. ~/.local/share/workflow).
    #[arg(long, conflicts_with = "in_memory")]
    pub data_dir: Option<std::path::PathBuf>,
    /// Keep nothing on disk.
    #[arg(long)]
    pub in_memory: bool,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The definition (ASL JSON or YAML).
    pub definition: PathBuf,
    #[command(flatten)]
    pub source: SourceArgs,
    /// The execution input: JSON text, or @FILE to read it from a file.
    #[arg(long, default_value = "{}")]
    pub input: String,
    /// Task answers per state name, in call order: `{"Charge": [{"output": …}, {"error": "E",
    /// "cause": "…"}]}`, or the same under a `"mocks"` key (see `workflow::engine::Mocks`).
    #[arg(long)]
    pub mocks: Option<PathBuf>,
    /// S3 objects for ItemReader and ResultWriter: `{"bucket/key": "body"}`.
    #[arg(long)]
    pub s3_objects: Option<PathBuf>,
    /// Print exactly one JSON object: {"status", "output"?, "error"?, "cause"?}.
    #[arg(long)]
    pub json: bool,
    /// Print the execution history (AWS's GetExecutionHistory events) on stderr.
    #[arg(long)]
    pub history: bool,
    /// Print `transitions=N elapsed_us=M` on stderr (the execution only, not parsing).
    #[arg(long)]
    pub stats: bool,
    /// Wait states and retry back-off take real time, and task timeouts are enforced.
    #[arg(long)]
    pub real_time: bool,
    /// Run as an EXPRESS state machine (no 25,000-event history quota; EXPRESS ARNs in `$$`).
    #[arg(long)]
    pub express: bool,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// The definition to run (ASL JSON or YAML), changed or not.
    pub definition: PathBuf,
    #[command(flatten)]
    pub source: SourceArgs,
    /// The recorded history: `aws stepfunctions get-execution-history` output, or an array of
    /// events.
    pub history: PathBuf,
    /// Run as an EXPRESS state machine.
    #[arg(long)]
    pub express: bool,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The definition (ASL JSON or YAML), or a template.
    pub definition: PathBuf,
    /// Recorded executions: `get-execution-history` JSON, an array of events, or the
    /// events `workflow run --history` prints, one per line.
    #[arg(required = true)]
    pub histories: Vec<PathBuf>,
    #[command(flatten)]
    pub source: SourceArgs,
}

#[derive(Debug, Args)]
pub struct GraphArgs {
    /// The definition (ASL JSON or YAML), or a template.
    pub definition: PathBuf,
    #[command(flatten)]
    pub source: SourceArgs,
    /// `mermaid` or `dot` (`dot -Tsvg` draws it).
    #[arg(long, value_enum, default_value = "mermaid")]
    pub format: GraphFormat,
    /// Write the graph here instead of printing it.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// What `graph` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// A Mermaid flowchart.
    Mermaid,
    /// A Graphviz DOT digraph.
    Dot,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The definition (ASL JSON or YAML).
    pub definition: PathBuf,
    #[command(flatten)]
    pub source: SourceArgs,
    /// What to write: a `workflow!` block (`macro`), or a function that builds the
    /// definition with the builder, top-down (`builder`).
    #[arg(long, value_enum, default_value = "macro")]
    pub style: ImportStyle,
    /// The name of the generated enum (`macro`; its variants are the states) or function
    /// (`builder`, in snake case).
    #[arg(long, default_value = "Flow")]
    pub name: String,
    /// Check it as an EXPRESS state machine (`type = Express` in the block).
    #[arg(long)]
    pub express: bool,
    /// Write the Rust source here instead of printing it.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Which rules apply: what AWS enforces for STANDARD (`aws`) or EXPRESS (`aws-express`)
    /// machines, or what the ASL specification requires (`spec`).
    #[arg(long, default_value = "aws", value_parser = parse_profile)]
    pub profile: Profile,
    /// How to print the findings: `text` (each in place, as rustc shows errors), `json`,
    /// `sarif` (SARIF 2.1.0, for code-scanning upload) or `github` (workflow commands that
    /// annotate a pull request).
    #[arg(long, value_enum, default_value = "text")]
    pub format: OutputFormat,
    /// The same as `--format json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    #[command(flatten)]
    pub source: SourceArgs,
    /// Definition files (ASL JSON or YAML), templates (SAM, CloudFormation) or `cdk.out`
    /// folders.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A rule id, e.g. V301 (as in `error[V301]`); without one, every rule is listed.
    pub rule: Option<String>,
}

#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Do not print; exit 1 when a file is not in canonical form.
    #[arg(long)]
    pub check: bool,
    /// Print in this format (default: the file's own, JSON or YAML).
    #[arg(long, value_parser = parse_format, value_name = "json|yaml")]
    pub to: Option<Format>,
    #[command(flatten)]
    pub source: SourceArgs,
    /// Definition files (ASL JSON or YAML).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// What `import` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportStyle {
    /// A `workflow!` block.
    Macro,
    /// Builder code, top-down.
    Builder,
}

/// How `validate` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Each finding in place, as rustc shows errors.
    Text,
    /// One JSON array of files and their findings.
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    Github,
}

/// How a definition is read: its `${NAME}` placeholders, filled as CloudFormation's
/// `DefinitionSubstitutions` fill them, and which state machine of a template it is.
#[derive(Debug, Args, Default)]
pub struct SourceArgs {
    /// Replace `${NAME}` in the definition with VALUE (repeatable), as a template's
    /// `DefinitionSubstitutions` does; placeholders without a value are checked as filled at
    /// deploy time.
    #[arg(long = "sub", value_name = "NAME=VALUE")]
    pub assignments: Vec<String>,
    /// A JSON or YAML map of NAME: VALUE substitutions, applied before `--sub`.
    #[arg(long = "substitutions", value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// In a CloudFormation, SAM or CDK template, the logical id of the state machine (needed
    /// when it has more than one).
    #[arg(long, value_name = "LOGICAL_ID")]
    pub machine: Option<String>,
}

fn parse_profile(text: &str) -> Result<Profile, String> {
    text.parse()
}

fn parse_format(text: &str) -> Result<Format, String> {
    match text {
        "json" => Ok(Format::Json),
        "yaml" => Ok(Format::Yaml),
        _ => Err(format!("`{text}` is not a format: use `json` or `yaml`")),
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_grammar_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
