//! Running Parallel branches and Map iterations concurrently, at most `limit` at a time, on the
//! execution's one task: the futures are polled in start order whenever they can progress, so
//! with instant handlers and the virtual clock the event order is the same on every run, and
//! with slow handlers branches really overlap.

use std::collections::BTreeSet;
use std::future::Future;

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;

/// What a fan-out produced.
pub(crate) struct Fanned<T> {
    /// Each job's result by index; `None` for jobs never started or stopped early.
    pub results: Vec<Option<T>>,
    /// Jobs that had started but were dropped when the fan-out stopped, in index order.
    pub aborted: Vec<usize>,
}

/// Runs `count` jobs, at most `limit` at once, `make(i)` building job `i`. After a result for
/// which `stop` is true, no job starts and the running ones are dropped (cancelled).
pub(crate) async fn run<'a, T, F, Fut>(
    count: usize,
    limit: usize,
    mut make: F,
    mut stop: impl FnMut(&T) -> bool,
) -> Fanned<T>
where
    F: FnMut(usize) -> Fut,
    Fut: Future<Output = T> + 'a,
{
    let limit = limit.max(1);
    let mut results: Vec<Option<T>> = (0..count).map(|_| None).collect();
    let mut running = FuturesUnordered::new();
    let mut started = BTreeSet::new();
    let mut next = 0;
    let mut start =
        |index: usize, running: &mut FuturesUnordered<_>, started: &mut BTreeSet<usize>| {
            let job = make(index);
            started.insert(index);
            running.push(async move { (index, job.await) });
        };
    while next < count && running.len() < limit {
        start(next, &mut running, &mut started);
        next += 1;
    }
    while let Some((index, result)) = running.next().await {
        started.remove(&index);
        let halt = stop(&result);
        results[index] = Some(result);
        if halt {
            break;
        }
        if next < count {
            start(next, &mut running, &mut started);
            next += 1;
        }
    }
    drop(running);
    Fanned {
        results,
        aborted: started.into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[tokio::test]
    async fn results_come_back_by_index_within_the_limit() {
        let in_flight = Cell::new(0);
        let peak = Cell::new(0);
        let fanned = run(
            10,
            3,
            |i| {
                let (in_flight, peak) = (&in_flight, &peak);
                async move {
                    in_flight.set(in_flight.get() + 1);
                    peak.set(peak.get().max(in_flight.get()));
                    tokio::task::yield_now().await;
                    in_flight.set(in_flight.get() - 1);
                    i * 10
                }
            },
            |_| false,
        )
        .await;
        assert_eq!(peak.get(), 3);
        assert_eq!(
            fanned.results,
            (0..10).map(|i| Some(i * 10)).collect::<Vec<_>>()
        );
        assert!(fanned.aborted.is_empty());
    }

    #[tokio::test]
    async fn a_stop_cancels_the_running_siblings() {
        let fanned = run(
            5,
            5,
            |i| async move {
                if i != 1 {
                    tokio::task::yield_now().await;
                    tokio::task::yield_now().await;
                }
                i
            },
            |result| *result == 1,
        )
        .await;
        assert_eq!(fanned.results[1], Some(1));
        assert_eq!(fanned.aborted, vec![0, 2, 3, 4]);
    }
}
