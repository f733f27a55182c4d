//! The predefined error names (`States.*`) that `Retry` and `Catch` match
//! (<https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>).

macro_rules! states_errors {
    ($($(#[$doc:meta])* $name:ident = $text:literal,)*) => {
        /// The predefined error names, for `ErrorEquals`: `Retry::on([Errors::TIMEOUT])` is
        /// `"ErrorEquals": ["States.Timeout"]`. There is no `ALL` here: `Retry::all()` and
        /// `Catch::all(..)` say `States.ALL`, which must come last.
        #[derive(Debug)]
        pub struct Errors;

        impl Errors {
            $($(#[$doc])* pub const $name: &'static str = $text;)*

            /// Every predefined name, `States.ALL` included.
            pub const NAMES: &'static [&'static str] = &["States.ALL", $($text),*];
        }
    };
}

states_errors! {
    /// `States.Runtime`: a path, intrinsic or query failed; never caught or retried.
    RUNTIME = "States.Runtime",
    /// `States.DataLimitExceeded`: a payload over 256 KiB.
    DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded",
    /// `States.Timeout`: a Task ran past `TimeoutSeconds` or missed a heartbeat.
    TIMEOUT = "States.Timeout",
    /// `States.HeartbeatTimeout`: a Task missed its `HeartbeatSeconds`.
    HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout",
    /// `States.TaskFailed`: a Task failed.
    TASK_FAILED = "States.TaskFailed",
    /// `States.Permissions`: the role may not run the Task.
    PERMISSIONS = "States.Permissions",
    /// `States.QueryEvaluationError`: a JSONata expression failed or gave the wrong type.
    QUERY_EVALUATION_ERROR = "States.QueryEvaluationError",
    /// `States.ExceedToleratedFailureThreshold`: a Map had more failures than it tolerates.
    EXCEED_TOLERATED_FAILURE_THRESHOLD = "States.ExceedToleratedFailureThreshold",
    /// `States.ItemReaderFailed`: a Map could not read its items.
    ITEM_READER_FAILED = "States.ItemReaderFailed",
    /// `States.ResultWriterFailed`: a Map could not write its results.
    RESULT_WRITER_FAILED = "States.ResultWriterFailed",
    /// `States.Http.Socket`: an HTTP Task's connection failed.
    HTTP_SOCKET = "States.Http.Socket",
    /// `States.ReferencePathConflict`.
    REFERENCE_PATH_CONFLICT = "States.ReferencePathConflict",
    /// `States.ResultPathMatchFailure`: `ResultPath` does not fit the input.
    RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure",
    /// `States.ParameterPathFailure`: a path in `Parameters` found nothing.
    PARAMETER_PATH_FAILURE = "States.ParameterPathFailure",
    /// `States.IntrinsicFailure`: an intrinsic function failed.
    INTRINSIC_FAILURE = "States.IntrinsicFailure",
    /// `States.NoChoiceMatched`: no Choice rule matched and there is no `Default`.
    NO_CHOICE_MATCHED = "States.NoChoiceMatched",
    /// `States.BranchFailed`: a Parallel branch failed.
    BRANCH_FAILED = "States.BranchFailed",
}
