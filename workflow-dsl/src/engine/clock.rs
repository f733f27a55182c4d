//! Time for the engine. Tests and the CLI run on a [`VirtualClock`]: a Wait state or a retry
//! back-off moves virtual time forward at once, so nothing sleeps for real and history
//! timestamps stay consistent; [`WallClock`] is for `--real-time` runs and servers.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A source of time the engine can wait on.
pub trait Clock: Send + Sync {
    /// Now, in milliseconds since the Unix epoch.
    fn now_millis(&self) -> i64;
    /// Waits `millis` milliseconds.
    fn sleep(&self, millis: u64) -> Pin<Box<dyn Future<Output = ()> + Send + '_>>;

    /// Whether time passes while a task handler runs. On a virtual clock it does not, so task
    /// `TimeoutSeconds`/`HeartbeatSeconds` cannot expire there (a mock can still answer with a
    /// timeout); on the wall clock they are enforced.
    fn enforces_timeouts(&self) -> bool {
        false
    }

    /// Told of each event as it is recorded (a replaying clock counts them).
    fn observe(&self, _event: &super::Event) {}
}

/// Virtual time: starts at a fixed instant and jumps forward on every sleep.
#[derive(Debug)]
pub struct VirtualClock {
    now: AtomicI64,
}

impl VirtualClock {
    /// A clock reading `start_millis` (milliseconds since the epoch).
    pub fn starting_at(start_millis: i64) -> Arc<VirtualClock> {
        Arc::new(VirtualClock {
            now: AtomicI64::new(start_millis),
        })
    }

    /// A clock reading the current wall time, then running virtually.
    pub fn from_wall_time() -> Arc<VirtualClock> {
        VirtualClock::starting_at(WallClock.now_millis())
    }
}

impl Clock for VirtualClock {
    fn now_millis(&self) -> i64 {
        self.now.load(Ordering::Relaxed)
    }

    fn sleep(&self, millis: u64) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        let millis = i64::try_from(millis).unwrap_or(i64::MAX);
        self.now
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |now| {
                Some(now.saturating_add(millis))
            })
            .ok();
        Box::pin(std::future::ready(()))
    }
}

/// The system clock; sleeping really waits.
#[derive(Clone, Copy, Debug, Default)]
pub struct WallClock;

impl Clock for WallClock {
    fn now_millis(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |elapsed| {
                i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
            })
    }

    fn sleep(&self, millis: u64) -> Pin<Box<dyn Future<Output = ()> + Send + '_>> {
        Box::pin(tokio::time::sleep(Duration::from_millis(millis)))
    }

    fn enforces_timeouts(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn virtual_time_jumps_instead_of_waiting() {
        let clock = VirtualClock::starting_at(1_000);
        clock.sleep(86_400_000).await;
        assert_eq!(clock.now_millis(), 86_401_000);
    }
}
