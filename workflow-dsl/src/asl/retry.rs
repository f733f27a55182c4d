//! Retriers and catchers
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>).

use serde_json::Number;

use super::{Assign, JitterStrategy, ResultPath, Template};

/// One element of `Retry`.
#[derive(Clone, Debug, PartialEq)]
pub struct Retrier {
    /// `ErrorEquals`: the error names this retrier handles.
    pub error_equals: Vec<String>,
    /// `IntervalSeconds` (default 1).
    pub interval_seconds: Option<u64>,
    /// `MaxAttempts` (default 3; 0 means never retry).
    pub max_attempts: Option<u64>,
    /// `BackoffRate` (default 2.0), kept as written.
    pub backoff_rate: Option<Number>,
    /// `MaxDelaySeconds` (no cap by default).
    pub max_delay_seconds: Option<u64>,
    /// `JitterStrategy` (default NONE).
    pub jitter_strategy: Option<JitterStrategy>,
    /// `Comment`.
    pub comment: Option<String>,
}

/// One element of `Catch`.
#[derive(Clone, Debug, PartialEq)]
pub struct Catcher {
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `Next`: the state that handles the error.
    pub next: String,
    /// `ResultPath` (JSONPath): where the Error Output goes in the raw input.
    pub result_path: Option<ResultPath>,
    /// `Output` (JSONata).
    pub output: Option<Template>,
    /// `Assign`: replaces the state's own `Assign` when this catcher handles the error.
    pub assign: Option<Assign>,
    /// `Comment`.
    pub comment: Option<String>,
}
