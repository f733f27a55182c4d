//! `Retry` and `Catch` lists. A list is built in one expression, entries joined with `.or(..)`; one
//! that names `States.ALL` closes the list, so an entry after it does not compile (AWS requires
//! `States.ALL` last,
//! <https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html>).

use std::marker::PhantomData;

use serde_json::{Number, Value};

use super::handle::{StateRef, Target};
use super::kind::{Closed, Depth, Growing, Kind, Language, Open, Top};
use super::state::StateBuilder;
use crate::asl::{Catcher, JitterStrategy, ResultPath, Retrier};
use crate::path::ReferencePath;

const ALL: &str = "States.ALL";

/// A `Retry` list. `S` is [`Growing`] until a `States.ALL` retrier closes it.
#[derive(Clone, Debug)]
#[must_use = "pass the list to `.retry(..)`"]
pub struct Retry<S = Growing> {
    pub(crate) retriers: Vec<Retrier>,
    marker: PhantomData<S>,
}

impl Retry {
    /// A retrier for the named errors (`"Lambda.ServiceException"`, `"States.Timeout"`…).
    pub fn on<I, E>(errors: I) -> Retry<Growing>
    where
        I: IntoIterator<Item = E>,
        E: Into<String>,
    {
        Retry::one(errors.into_iter().map(Into::into).collect())
    }

    /// A retrier for every error (`States.ALL`); it must come last.
    pub fn all() -> Retry<Closed> {
        Retry::one(vec![ALL.to_owned()])
    }
}

impl<S> Retry<S> {
    fn one(error_equals: Vec<String>) -> Retry<S> {
        Retry {
            retriers: vec![Retrier {
                error_equals,
                interval_seconds: None,
                max_attempts: None,
                backoff_rate: None,
                max_delay_seconds: None,
                jitter_strategy: None,
                comment: None,
            }],
            marker: PhantomData,
        }
    }

    fn last(&mut self) -> Option<&mut Retrier> {
        self.retriers.last_mut()
    }

    /// `IntervalSeconds` of the last retrier: the wait before the first retry (default 1).
    pub fn interval_seconds(mut self, seconds: u64) -> Self {
        if let Some(retrier) = self.last() {
            retrier.interval_seconds = Some(seconds);
        }
        self
    }

    /// `MaxAttempts` of the last retrier (default 3; 0 never retries).
    pub fn max_attempts(mut self, attempts: u64) -> Self {
        if let Some(retrier) = self.last() {
            retrier.max_attempts = Some(attempts);
        }
        self
    }

    /// `BackoffRate` of the last retrier: each wait is this times the previous (default 2.0).
    /// Whole numbers are written without a fraction (`2`, as in most definitions).
    pub fn backoff_rate(mut self, rate: f64) -> Self {
        let number = if rate.fract() == 0.0 && rate.abs() < 1e15 {
            Some(Number::from(rate as i64))
        } else {
            Number::from_f64(rate)
        };
        if let Some(retrier) = self.last() {
            retrier.backoff_rate = number;
        }
        self
    }

    /// `MaxDelaySeconds` of the last retrier: the cap on any one wait.
    pub fn max_delay_seconds(mut self, seconds: u64) -> Self {
        if let Some(retrier) = self.last() {
            retrier.max_delay_seconds = Some(seconds);
        }
        self
    }

    /// `"JitterStrategy": "FULL"` on the last retrier: each wait is randomised below its value.
    pub fn full_jitter(mut self) -> Self {
        if let Some(retrier) = self.last() {
            retrier.jitter_strategy = Some(JitterStrategy::Full);
        }
        self
    }

    /// Appends `next`'s retriers; the list closes if `next` ends with `States.ALL`.
    pub fn or<T>(mut self, next: Retry<T>) -> Retry<T>
    where
        S: Open,
    {
        self.retriers.extend(next.retriers);
        Retry {
            retriers: self.retriers,
            marker: PhantomData,
        }
    }
}

/// A `Catch` list whose targets are states of scope `'s`. `S` is [`Growing`] until a
/// `States.ALL` catcher closes it.
#[derive(Debug)]
#[must_use = "pass the list to `.catch(..)`"]
pub struct Catch<'s, S = Growing, D: Depth = Top> {
    catchers: Vec<Entry<'s, D>>,
    /// A `ResultPath` that did not parse: reported by the state that takes the list.
    problems: Vec<String>,
    marker: PhantomData<S>,
}

/// One catcher, its target, and its `Assign` and `Output`, parsed in the state's language.
#[derive(Debug)]
struct Entry<'s, D: Depth> {
    catcher: Catcher,
    target: StateRef<'s, D>,
    assign: Option<Value>,
    output: Option<Value>,
}

impl<'s, D: Depth> Catch<'s, Growing, D> {
    /// A catcher for the named errors, going to `target`.
    pub fn on<I, E>(errors: I, target: impl Target<'s, D>) -> Catch<'s, Growing, D>
    where
        I: IntoIterator<Item = E>,
        E: Into<String>,
    {
        Catch::one(
            errors.into_iter().map(Into::into).collect(),
            target.into_ref(),
        )
    }

    /// A catcher for every error (`States.ALL`) going to `target`; it must come last.
    pub fn all(target: impl Target<'s, D>) -> Catch<'s, Closed, D> {
        Catch::one(vec![ALL.to_owned()], target.into_ref())
    }
}

impl<'s, S, D: Depth> Catch<'s, S, D> {
    fn one(error_equals: Vec<String>, target: StateRef<'s, D>) -> Catch<'s, S, D> {
        let catcher = Catcher {
            error_equals,
            next: String::new(),
            result_path: None,
            output: None,
            assign: None,
            comment: None,
        };
        Catch {
            catchers: vec![Entry {
                catcher,
                target,
                assign: None,
                output: None,
            }],
            problems: Vec::new(),
            marker: PhantomData,
        }
    }

    /// `ResultPath` of the last catcher (JSONPath): where the Error Output goes in the input.
    pub fn result_path(mut self, path: &str) -> Self {
        match ReferencePath::parse(path) {
            Ok(path) => {
                if let Some(entry) = self.catchers.last_mut() {
                    entry.catcher.result_path = Some(ResultPath::Path(path));
                }
            }
            Err(error) => self.problems.push(format!(
                "a catcher's `ResultPath` {path:?} is not a reference path: {error}"
            )),
        }
        self
    }

    /// `Assign` of the last catcher: variables set when it handles an error (instead of the
    /// state's own `Assign`).
    pub fn assign(mut self, variables: Value) -> Self {
        if let Some(entry) = self.catchers.last_mut() {
            entry.assign = Some(variables);
        }
        self
    }

    /// `Output` of the last catcher (JSONata): the state's output when it handles an error.
    pub fn output(mut self, output: Value) -> Self {
        if let Some(entry) = self.catchers.last_mut() {
            entry.output = Some(output);
        }
        self
    }

    /// Appends `next`'s catchers; the list closes if `next` ends with `States.ALL`.
    pub fn or<T>(mut self, next: Catch<'s, T, D>) -> Catch<'s, T, D>
    where
        S: Open,
    {
        self.catchers.extend(next.catchers);
        self.problems.extend(next.problems);
        Catch {
            catchers: self.catchers,
            problems: self.problems,
            marker: PhantomData,
        }
    }

    /// The catchers with their targets' names, problems reported on `state`.
    pub(crate) fn resolve<K: Kind, Q: Language, B>(
        self,
        state: &StateBuilder<'_, 's, K, Q, B, D>,
    ) -> Vec<Catcher> {
        for problem in &self.problems {
            state.problem(problem);
        }
        self.catchers
            .into_iter()
            .filter_map(|entry| {
                let mut catcher = entry.catcher;
                catcher.next = state.target(entry.target)?;
                catcher.assign = entry.assign.and_then(|assign| state.assign_block(&assign));
                catcher.output = entry
                    .output
                    .map(|output| state.template("a catcher's `Output`", &output));
                Some(catcher)
            })
            .collect()
    }
}
