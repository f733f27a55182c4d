//! Parallel branches and the Map processor, each built in a closure over a scope of its own.
//! The closure's workflow has a fresh lifetime brand, so its handles cannot be used outside it
//! and outer handles cannot be used inside it: a transition out of a branch does not compile.

use super::Workflow;
use super::handle::StateRef;
use super::kind::{self, Language, ProcessorUnset, Ready};
use super::state::StateBuilder;
use crate::asl::{Container, ProcessorField};

/// Builds one nested scope: the closure adds its states and returns the first.
fn scope<Q, F>(build: F) -> Result<Container, Vec<String>>
where
    Q: Language,
    F: for<'b> FnOnce(&Workflow<'b, Q>) -> StateRef<'b>,
{
    let workflow = Workflow::scoped();
    let start = build(&workflow);
    workflow.into_container(start)
}

impl<'w, 's, Q: Language, S> StateBuilder<'w, 's, kind::Parallel, Q, S> {
    /// A branch: `build` adds its states to the workflow it is given and returns the first.
    pub fn branch<F>(mut self, build: F) -> StateBuilder<'w, 's, kind::Parallel, Q, Ready>
    where
        F: for<'b> FnOnce(&Workflow<'b, Q>) -> StateRef<'b>,
    {
        let number = self.body.branches.len();
        match scope(build) {
            Ok(branch) => self.body.branches.push(branch),
            Err(problems) => {
                for problem in problems {
                    self.problem(format_args!("branch {number}: {problem}"));
                }
            }
        }
        self.into_state()
    }
}

impl<'w, 's, Q: Language, S> StateBuilder<'w, 's, kind::Map, Q, S> {
    /// The `ItemProcessor`: `build` adds the states of one iteration and returns the first.
    pub fn processor<F>(self, build: F) -> StateBuilder<'w, 's, kind::Map, Q, Ready>
    where
        S: ProcessorUnset,
        F: for<'b> FnOnce(&Workflow<'b, Q>) -> StateRef<'b>,
    {
        self.set_processor(ProcessorField::ItemProcessor, build)
    }

    /// The processor under its deprecated name `Iterator`, for definitions that still use it.
    pub fn iterator<F>(self, build: F) -> StateBuilder<'w, 's, kind::Map, Q, Ready>
    where
        S: ProcessorUnset,
        F: for<'b> FnOnce(&Workflow<'b, Q>) -> StateRef<'b>,
    {
        self.set_processor(ProcessorField::Iterator, build)
    }

    fn set_processor<F>(
        mut self,
        field: ProcessorField,
        build: F,
    ) -> StateBuilder<'w, 's, kind::Map, Q, Ready>
    where
        F: for<'b> FnOnce(&Workflow<'b, Q>) -> StateRef<'b>,
    {
        match scope(build) {
            Ok(mut processor) => {
                // `.distributed(..)` may have come first.
                processor.processor_config = self.body.item_processor.processor_config.take();
                self.body.item_processor = processor;
                self.body.processor_field = field;
            }
            Err(problems) => {
                for problem in problems {
                    self.problem(format_args!("processor: {problem}"));
                }
            }
        }
        self.into_state()
    }
}
