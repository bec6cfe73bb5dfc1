//! Batches on a thread pool, with their progress bar drawn from one place.
//!
//! Worker threads never touch the terminal: they only raise an atomic counter. The thread that
//! started the batch owns the bar; it runs the batch on a scoped thread and redraws the bar on a
//! timer until the batch is done. So nothing a worker does can wait on a stderr lock (a bar
//! drawn from a worker once hung every batch on a terminal while `main` held that lock), and
//! the bar's output never interleaves with anything else.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use crate::args::MAX_THREADS;
use crate::error::{CliError, CliResult};

/// How often the owning thread redraws the bar.
const REDRAW: Duration = Duration::from_millis(100);

/// A progress bar over `total` runs, possibly spread over several batches (a sweep's points);
/// hidden when progress is not to be shown.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub fn new(total: u64, show: bool) -> Progress {
        let bar = if show {
            let bar = ProgressBar::new(total);
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {wide_bar} {pos}/{len} runs ({rate}, {eta} left)",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                // Whole runs a second: indicatif's own `{per_sec}` shows four decimals.
                .with_key(
                    "rate",
                    |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0} runs/s", state.per_sec());
                    },
                ),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// Runs `work` on `pool`; `work` reports the runs it has done so far (from any thread)
    /// through the callback it is given. Returns what `work` returns.
    pub fn run<T: Send>(
        &self,
        pool: &rayon::ThreadPool,
        work: impl FnOnce(&(dyn Fn(u64) + Sync)) -> T + Send,
    ) -> T {
        let done = AtomicU64::new(0);
        let report = |runs: u64| {
            done.fetch_max(runs, Ordering::Relaxed);
        };
        if self.bar.is_hidden() {
            return pool.install(|| work(&report));
        }
        let base = self.bar.position();
        let caller = std::thread::current();
        std::thread::scope(|scope| {
            let worker = scope.spawn(|| {
                let result = pool.install(|| work(&report));
                caller.unpark();
                result
            });
            while !worker.is_finished() {
                self.bar.set_position(base + done.load(Ordering::Relaxed));
                std::thread::park_timeout(REDRAW);
            }
            self.bar.set_position(base + done.load(Ordering::Relaxed));
            worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    }
}

impl Drop for Progress {
    /// The bar leaves the terminal as it found it, whether the work ended or failed.
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}

/// A rayon pool for `work_items` independent pieces of work: `threads` threads (default: one
/// per core), never more than there are pieces, since an idle thread costs a stack and a
/// batch aggregate and adds nothing.
pub fn thread_pool(threads: Option<usize>, work_items: u64) -> CliResult<rayon::ThreadPool> {
    let wanted = threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(usize::from)
            .unwrap_or(1)
    });
    let useful = usize::try_from(work_items.max(1)).unwrap_or(usize::MAX);
    rayon::ThreadPoolBuilder::new()
        .num_threads(wanted.clamp(1, MAX_THREADS).min(useful))
        .build()
        .map_err(|e| CliError::invalid(format!("cannot start threads: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pool_has_no_more_threads_than_pieces_of_work() {
        // `--threads 10000` once started 10,000 threads for 1,000 runs (four chunks).
        assert_eq!(thread_pool(Some(1024), 1).unwrap().current_num_threads(), 1);
        assert_eq!(thread_pool(Some(1024), 3).unwrap().current_num_threads(), 3);
        assert_eq!(thread_pool(Some(2), 10).unwrap().current_num_threads(), 2);
        assert_eq!(thread_pool(Some(1), 0).unwrap().current_num_threads(), 1);
        assert!(thread_pool(None, u64::MAX).unwrap().current_num_threads() <= MAX_THREADS);
    }

    #[test]
    fn work_reports_progress_and_returns_its_result() {
        let pool = thread_pool(Some(2), 2).unwrap();
        let progress = Progress::new(10, false);
        let result = progress.run(&pool, |report| {
            report(4);
            report(10);
            42
        });
        assert_eq!(result, 42);
    }
}
