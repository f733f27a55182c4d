// `States.` names belong to Step Functions; a task's own error cannot take one.
#[derive(Debug, workflow::TaskError)]
enum ChargeError {
    #[task_error(name = "States.Timeout")]
    TooSlow,
}

impl std::fmt::Display for ChargeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("too slow")
    }
}

fn main() {}
