//! A few executor threads, one per core, each a single-threaded tokio runtime with a `LocalSet`:
//! an engine run is not `Send` (jsonata-core's `Rc`s, the run's `RefCell`s), so each execution
//! is handed to one thread and runs there as a task beside the others, instead of costing a
//! thread and a runtime of its own.

use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::sync::mpsc;

/// Work for an executor: builds the execution's future on the executor thread.
pub type Job = Box<dyn FnOnce() -> Pin<Box<dyn Future<Output = ()>>> + Send>;

pub struct Executors {
    senders: Vec<mpsc::UnboundedSender<Job>>,
    next: AtomicUsize,
}

impl Executors {
    /// One executor per available core.
    pub fn start() -> std::io::Result<Executors> {
        let count = std::thread::available_parallelism().map_or(2, |n| n.get());
        let mut senders = Vec::with_capacity(count);
        for _ in 0..count {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            let (sender, mut jobs) = mpsc::unbounded_channel::<Job>();
            std::thread::spawn(move || {
                let local = tokio::task::LocalSet::new();
                local.block_on(&runtime, async move {
                    while let Some(job) = jobs.recv().await {
                        tokio::task::spawn_local(job());
                    }
                });
            });
            senders.push(sender);
        }
        Ok(Executors {
            senders,
            next: AtomicUsize::new(0),
        })
    }

    /// Runs `job` on the next executor, round robin; false if the executors are gone.
    pub fn run(&self, job: Job) -> bool {
        let index = self.next.fetch_add(1, Ordering::Relaxed) % self.senders.len().max(1);
        self.senders
            .get(index)
            .is_some_and(|sender| sender.send(job).is_ok())
    }
}
