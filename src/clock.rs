//! The only place that reads the time. Everything else receives a [`Clock`], so tests can run
//! on a fixed, steerable instant.

use chrono::{DateTime, Duration, Utc};
use std::sync::Mutex;

/// A source of the current instant (UTC).
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The operating system clock moved by a fixed amount: a demo branch made outside office hours
/// lives at a time of day the office is open, running at the normal pace.
#[derive(Debug, Clone, Copy)]
pub struct ShiftedClock {
    pub by: Duration,
}

impl Clock for ShiftedClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now() + self.by
    }
}

/// The clock of a database: shifted when it is a demo branch made outside office hours (its
/// `demo_clock_shift` setting, in seconds), else the system clock.
pub fn of_database(conn: &rusqlite::Connection) -> Box<dyn Clock> {
    let shift = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'demo_clock_shift'",
            [],
            |r| r.get::<_, String>(0),
        )
        .ok()
        .and_then(|s| s.parse::<i64>().ok());
    match shift {
        Some(seconds) if seconds != 0 => Box::new(ShiftedClock {
            by: Duration::seconds(seconds),
        }),
        _ => Box::new(SystemClock),
    }
}

/// A clock that stays where it is put; tests advance it explicitly.
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<DateTime<Utc>>,
}

impl FixedClock {
    /// A clock frozen at `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        Self {
            now: Mutex::new(now),
        }
    }

    /// Puts the clock at `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Ok(mut now) = self.now.lock() {
            *now = at;
        }
    }

    /// Moves the clock forward (or backward, with a negative duration).
    pub fn advance(&self, by: Duration) {
        if let Ok(mut now) = self.now.lock() {
            *now += by;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        match self.now.lock() {
            Ok(now) => *now,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }
}

impl<C: Clock + ?Sized> Clock for std::sync::Arc<C> {
    fn now(&self) -> DateTime<Utc> {
        (**self).now()
    }
}
