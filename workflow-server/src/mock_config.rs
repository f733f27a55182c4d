//! Step Functions Local's mock configuration (`--mock-config FILE`): per state machine, named
//! test cases map Task states to mocked responses, and a response lists, per invocation
//! (`"0"`, `"1-2"`…), a `Return` value or a `Throw` error. An execution started with
//! `stateMachineArn#CaseName` answers those Tasks from the case, as Step Functions Local does.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;
use workflow_dsl::engine::{Failure, Handlers};

/// The parsed file.
#[derive(Clone, Debug, Default)]
pub struct MockConfig {
    /// Machine name → case name → state name → response name.
    cases: HashMap<String, HashMap<String, HashMap<String, String>>>,
    /// Response name → the answer of each invocation, in order.
    responses: HashMap<String, Vec<Answer>>,
}

#[derive(Clone, Debug)]
enum Answer {
    Return(Value),
    Throw { error: String, cause: String },
}

impl MockConfig {
    /// Reads the file's JSON; a problem names the member it is in.
    pub fn from_value(value: &Value) -> Result<MockConfig, String> {
        let mut config = MockConfig::default();
        let object = |value: &Value, at: &str| -> Result<serde_json::Map<String, Value>, String> {
            value
                .as_object()
                .cloned()
                .ok_or_else(|| format!("{at} must be an object"))
        };
        for (machine, body) in object(
            value.get("StateMachines").unwrap_or(&Value::Null),
            "StateMachines",
        )? {
            let cases = object(
                body.get("TestCases").unwrap_or(&Value::Null),
                &format!("StateMachines.{machine}.TestCases"),
            )?;
            let mut by_case = HashMap::new();
            for (case, states) in cases {
                let at = format!("StateMachines.{machine}.TestCases.{case}");
                let mut by_state = HashMap::new();
                for (state, response) in object(&states, &at)? {
                    let response = response
                        .as_str()
                        .ok_or_else(|| format!("{at}.{state} must name a mocked response"))?;
                    by_state.insert(state, response.to_owned());
                }
                by_case.insert(case, by_state);
            }
            config.cases.insert(machine, by_case);
        }
        for (name, body) in object(
            value.get("MockedResponses").unwrap_or(&Value::Null),
            "MockedResponses",
        )? {
            let at = format!("MockedResponses.{name}");
            let mut answers: Vec<(usize, usize, Answer)> = Vec::new();
            for (range, answer) in object(&body, &at)? {
                let (first, last) = invocations(&range).ok_or_else(|| {
                    format!("{at}: {range:?} is not an invocation number or range like \"1-2\"")
                })?;
                answers.push((
                    first,
                    last,
                    self::answer(&answer, &format!("{at}.{range}"))?,
                ));
            }
            answers.sort_by_key(|(first, _, _)| *first);
            let mut list = Vec::new();
            for (first, last, answer) in answers {
                if first != list.len() {
                    return Err(format!("{at}: invocation {} has no answer", list.len()));
                }
                list.extend(std::iter::repeat_n(answer, last - first + 1));
            }
            config.responses.insert(name, list);
        }
        for (machine, cases) in &config.cases {
            for (case, states) in cases {
                for (state, response) in states {
                    if !config.responses.contains_key(response) {
                        return Err(format!(
                            "StateMachines.{machine}.TestCases.{case}.{state} names {response:?}, which MockedResponses does not define"
                        ));
                    }
                }
            }
        }
        Ok(config)
    }

    /// Handlers answering the Tasks of `machine`'s test `case`, or why there are none. A state's
    /// invocations are counted from `done[state]`: the attempts a resumed execution replays.
    pub fn handlers(
        &self,
        machine: &str,
        case: &str,
        done: &HashMap<String, usize>,
    ) -> Result<Handlers, String> {
        let states = self
            .cases
            .get(machine)
            .and_then(|cases| cases.get(case))
            .ok_or_else(|| format!("the mock configuration has no test case {case:?} for the state machine {machine:?}"))?;
        let mut handlers = Handlers::new();
        for (state, response) in states {
            let answers = Arc::new(self.responses.get(response).cloned().unwrap_or_default());
            let calls = Arc::new(AtomicUsize::new(done.get(state).copied().unwrap_or(0)));
            let response = response.clone();
            handlers = handlers.state(state, move |_| {
                let call = calls.fetch_add(1, Ordering::SeqCst);
                let answer = answers.get(call).cloned();
                let response = response.clone();
                async move {
                    match answer {
                        Some(Answer::Return(value)) => Ok(value),
                        Some(Answer::Throw { error, cause }) => Err(Failure::new(error, cause)),
                        None => Err(Failure::new(
                            "States.TaskFailed",
                            format!("the mocked response {response:?} has no answer for invocation {call}"),
                        )),
                    }
                }
            });
        }
        Ok(handlers)
    }
}

/// `"3"` → (3, 3); `"1-2"` → (1, 2).
fn invocations(range: &str) -> Option<(usize, usize)> {
    match range.split_once('-') {
        Some((first, last)) => {
            let (first, last) = (first.trim().parse().ok()?, last.trim().parse().ok()?);
            (first <= last).then_some((first, last))
        }
        None => range.trim().parse().ok().map(|n| (n, n)),
    }
}

fn answer(value: &Value, at: &str) -> Result<Answer, String> {
    if let Some(returned) = value.get("Return") {
        return Ok(Answer::Return(returned.clone()));
    }
    if let Some(thrown) = value.get("Throw") {
        let text = |member: &str| {
            thrown
                .get(member)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        return Ok(Answer::Throw {
            error: text("Error"),
            cause: text("Cause"),
        });
    }
    Err(format!("{at} must have `Return` or `Throw`"))
}
