//! Parallel branches and the Map processor, each built in a closure over a scope of its own.
//! The closure's workflow has a fresh lifetime brand, so its handles cannot be used outside it
//! and outer handles cannot be used inside it: a transition out of a branch does not compile.

use super::Workflow;
use super::handle::StateRef;
use super::kind::{self, Depth, Inside, Language, ProcessorUnset, Ready};
use super::state::StateBuilder;
use crate::asl::{Container, ProcessorField};

/// Builds one nested scope of `parent`: the closure adds its states and returns the first.
fn scope<Q, D, F>(parent: &Workflow<'_, Q, D>, build: F) -> Result<Container, Vec<String>>
where
    Q: Language,
    D: Depth,
    F: for<'b> FnOnce(&Workflow<'b, Q, Inside<D>>) -> StateRef<'b, Inside<D>>,
{
    let workflow = Workflow::sharing_tasks(parent.tasks.clone());
    let start = build(&workflow);
    workflow.into_container(start)
}

impl<'w, 's, Q: Language, S, D: Depth> StateBuilder<'w, 's, kind::Parallel, Q, S, D> {
    /// A branch: `build` adds its states to the workflow it is given and returns the first.
    pub fn branch<F>(mut self, build: F) -> StateBuilder<'w, 's, kind::Parallel, Q, Ready, D>
    where
        F: for<'b> FnOnce(&Workflow<'b, Q, Inside<D>>) -> StateRef<'b, Inside<D>>,
    {
        let number = self.body.branches.len();
        match scope::<Q, D, F>(self.workflow, build) {
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

impl<'w, 's, Q: Language, S, D: Depth> StateBuilder<'w, 's, kind::Map, Q, S, D> {
    /// The `ItemProcessor`: `build` adds the states of one iteration and returns the first.
    pub fn processor<F>(self, build: F) -> StateBuilder<'w, 's, kind::Map, Q, Ready, D>
    where
        S: ProcessorUnset,
        F: for<'b> FnOnce(&Workflow<'b, Q, Inside<D>>) -> StateRef<'b, Inside<D>>,
    {
        self.set_processor(ProcessorField::ItemProcessor, build)
    }

    /// The processor under its deprecated name `Iterator`, for definitions that still use it.
    pub fn iterator<F>(self, build: F) -> StateBuilder<'w, 's, kind::Map, Q, Ready, D>
    where
        S: ProcessorUnset,
        F: for<'b> FnOnce(&Workflow<'b, Q, Inside<D>>) -> StateRef<'b, Inside<D>>,
    {
        self.set_processor(ProcessorField::Iterator, build)
    }

    fn set_processor<F>(
        mut self,
        field: ProcessorField,
        build: F,
    ) -> StateBuilder<'w, 's, kind::Map, Q, Ready, D>
    where
        F: for<'b> FnOnce(&Workflow<'b, Q, Inside<D>>) -> StateRef<'b, Inside<D>>,
    {
        match scope::<Q, D, F>(self.workflow, build) {
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
