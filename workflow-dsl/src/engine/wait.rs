//! The Wait state and how long things wait: a Wait's duration with AWS's texts for bad paths,
//! and the cap on any delay.

use serde_json::Value;

use super::failure::Failure;
use super::io::{self, Env};
use super::run::{Halt, Step, Thread, raw};
use super::state::StateRun;
use crate::asl::{IntegerField, TimestampField, Wait, WaitFor};
use crate::timestamp::parse_nanos;

/// A Wait of 2^31 seconds or more fails.
const MAX_WAIT_SECONDS: i128 = 1 << 31;

impl StateRun<'_, '_> {
    /// A JSONPath Wait state.
    pub(crate) async fn wait(
        &self,
        thread: &mut Thread,
        wait: &Wait,
        input: Value,
    ) -> Result<Step, Halt> {
        let context = self.context(None);
        let effective = self.runtime(io::select(&wait.input_path, input, &context))?;
        let delay = self.wait_millis(&wait.wait_for, &effective, &context)?;
        self.assign(wait.assign.as_ref(), &effective, &context)?;
        self.run.clock.sleep(delay).await;
        if self.run.past_deadline() {
            return Err(Halt::TimedOut);
        }
        let output = self.runtime(io::select(&wait.output_path, effective, &context))?;
        Ok(self.exit(thread, self.planned.next, output)?)
    }

    /// How long a Wait state waits, with AWS's texts for bad paths (recorded in
    /// `tests/data/aws-recorded/wait/`, e.g. `wait__test_base_wait_seconds_path_-1.json`).
    pub(crate) fn wait_millis(
        &self,
        wait_for: &WaitFor,
        input: &Value,
        context: &Env<'_>,
    ) -> Result<u64, Failure> {
        let seconds: i128 = match wait_for {
            WaitFor::Seconds(IntegerField::Literal(seconds)) => i128::from(*seconds),
            WaitFor::Seconds(IntegerField::Path(path)) => {
                let p = path.as_str();
                let value = io::evaluate_path(path.as_path(), input, context).map_err(|_| {
                    self.runtime_failure(&format!(
                        "The SecondsPath parameter does not reference an input value: {p}"
                    ))
                })?;
                match value
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| value.as_u64().map(i128::from))
                {
                    Some(seconds) if seconds < 0 => {
                        return Err(self.runtime_failure(&format!(
                            "The SecondsPath parameter references a negative value: {p} == {}",
                            raw(&value)
                        )));
                    }
                    Some(seconds) => seconds,
                    None => {
                        return Err(self.runtime_failure(&format!(
                            "The SecondsPath parameter cannot be parsed as a long value: {p} == {}",
                            raw(&value)
                        )));
                    }
                }
            }
            WaitFor::Timestamp(TimestampField::Literal(text)) => self.until(parse_nanos(text)),
            WaitFor::Timestamp(TimestampField::Path(path)) => {
                let p = path.as_str();
                let value =
                    io::evaluate_path(path.as_path(), input, context).unwrap_or(Value::Null);
                match value.as_str().and_then(parse_nanos) {
                    Some(nanos) => self.until(Some(nanos)),
                    None => {
                        return Err(self.runtime_failure(&format!(
                            "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {p} == {}",
                            raw(&value)
                        )));
                    }
                }
            }
            WaitFor::Seconds(IntegerField::Jsonata(_))
            | WaitFor::Timestamp(TimestampField::Jsonata(_)) => 0,
        };
        self.delay_millis(seconds)
    }

    /// A Wait state's delay in milliseconds, refused past AWS's maximum.
    pub(crate) fn delay_millis(&self, seconds: i128) -> Result<u64, Failure> {
        if seconds >= MAX_WAIT_SECONDS {
            return Err(self.runtime_failure("Wait state delay is too long."));
        }
        Ok(u64::try_from(seconds.max(0) * 1000).unwrap_or(u64::MAX))
    }

    /// Seconds from now until an instant (0 when it has passed).
    pub(crate) fn until(&self, nanos: Option<i128>) -> i128 {
        let now_nanos = i128::from(self.run.clock.now_millis()) * 1_000_000;
        nanos.map_or(0, |nanos| {
            (nanos - now_nanos).max(0).div_euclid(1_000_000_000)
        })
    }
}
