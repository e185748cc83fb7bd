//! Work on many cases at once, with output in case order: [`ordered`] runs items on every core and hands results
//! back in input order; [`each_clean_case`] reads and checks each case first and reports the ones with errors.

use crate::case::config::Config;
use crate::case::load::CaseDir;
use crate::case::model::Case;
use crate::check::checked::load_checked;
use crate::cmd::env::{Env, Failure};
use crate::diag::{Printer, Sources};
use crate::tx;
use chrono::NaiveDate;
use std::collections::VecDeque;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError, mpsc};

/// Per worker thread, how many results [`ordered`] may hold ahead of the one `emit` waits for: enough that no
/// worker waits for a slow item, few enough that only a handful of cases' results are held at once.
const AHEAD_PER_THREAD: usize = 32;

/// Runs `work` on every item on all cores (`RAYON_NUM_THREADS` sets how many) and hands the results to `emit`, on
/// this thread, in the order of `items`: the output is the same as a single-threaded run's. The workers take items
/// one at a time and never run more than a window of items ahead of `emit`, so memory stays bounded; `emit` works
/// (printing, writing files) while they go on. `emit` may stop the run: the items being worked on are finished and
/// dropped, and no later item is started.
pub fn ordered<I: Sync, T: Send, E>(
    items: &[I],
    work: impl Fn(&I) -> T + Sync,
    mut emit: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E> {
    let threads = rayon::current_num_threads().clamp(1, items.len().max(1));
    let window = threads * AHEAD_PER_THREAD;
    let next = AtomicUsize::new(0);
    let gate = Gate::default();
    let (send, results) = mpsc::channel::<(usize, T)>();
    let (work, next, gate) = (&work, &next, &gate);
    // The workers are jobs on rayon's pool; this thread stays outside it and emits.
    rayon::in_place_scope(|scope| {
        for _ in 0..threads {
            let send = send.clone();
            scope.spawn(move |_| {
                // A panicking worker stops the others, so none waits for its item forever.
                let _stop_on_panic = gate.stop_on_panic();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if !gate.wait_for_room(i, window) || send.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Results arrive in any order; each is held until those before it have been emitted.
        let mut held: VecDeque<Option<T>> = VecDeque::new();
        let mut emitted = 0usize;
        for (i, result) in results.iter() {
            // Items before `emitted` have all arrived already.
            let Some(slot) = i.checked_sub(emitted) else {
                continue;
            };
            if held.len() <= slot {
                held.resize_with(slot + 1, || None);
            }
            if let Some(s) = held.get_mut(slot) {
                *s = Some(result);
            }
            while let Some(Some(result)) = held.front_mut().map(Option::take) {
                held.pop_front();
                if let Err(e) = emit(result) {
                    gate.stop();
                    return Err(e);
                }
                emitted += 1;
                gate.emitted(emitted);
            }
        }
        Ok(())
    })
}

/// How far [`ordered`] has got, shared with its workers: a worker may start item `i` once `i < emitted + window`.
#[derive(Default)]
struct Gate {
    state: Mutex<(usize, bool)>,
    moved: Condvar,
}

impl Gate {
    fn lock(&self) -> MutexGuard<'_, (usize, bool)> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until item `i` is within the window; false if the run was stopped.
    fn wait_for_room(&self, i: usize, window: usize) -> bool {
        let mut state = self.lock();
        while !state.1 && i >= state.0 + window {
            state = self
                .moved
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        !state.1
    }

    fn emitted(&self, n: usize) {
        self.lock().0 = n;
        self.moved.notify_all();
    }

    fn stop(&self) {
        self.lock().1 = true;
        self.moved.notify_all();
    }

    fn stop_on_panic(&self) -> impl Drop + '_ {
        struct Guard<'g>(&'g Gate);
        impl Drop for Guard<'_> {
            fn drop(&mut self) {
                if std::thread::panicking() {
                    self.0.stop();
                }
            }
        }
        Guard(self)
    }
}

/// Reads and checks the cases in `dirs`, in parallel, and hands each clean one to `work` (on a worker thread) and
/// its result to `emit` (in the order of `dirs`, on this thread). Cases with errors have their errors printed and
/// are skipped. Only a window of cases per thread is in memory at once. Returns how many were read and skipped; `emit`
/// may stop the run with an exit status.
pub fn each_clean_case<T: Send>(
    dirs: &[CaseDir],
    cfg: &Config,
    latest: NaiveDate,
    printer: &Printer,
    env: &mut Env,
    work: impl Fn(Case, &Sources) -> T + Sync,
    mut emit: impl FnMut(T, &mut Env) -> Result<(), Failure>,
) -> Result<Walked, Failure> {
    let mut walked = Walked::default();
    ordered(
        dirs,
        |dir| {
            let checked = load_checked(dir, cfg, latest);
            match checked.case {
                Some(c) => Ok(work(c, &checked.sources)),
                None => {
                    let mut text = printer.show(checked.error_list(), &checked.sources);
                    let (id, errors) = (crate::fmt::text::visible(&dir.id), checked.errors());
                    let msg = tx!(
                        "议题 {id} 有 {errors} 个错误，已跳过；改正后再运行（rexieshang check 可列出全部问题）。",
                        "case {id} has {errors} error(s) and was skipped. Fix them first (rexieshang check lists every problem)."
                    );
                    text.push_str(msg.get(printer.lang()));
                    text.push('\n');
                    Err(text)
                }
            }
        },
        |result| match result {
            Ok(t) => {
                walked.read += 1;
                emit(t, env)
            }
            Err(text) => {
                let _ = env.stderr.write_all(text.as_bytes());
                walked.skipped += 1;
                Ok(())
            }
        },
    )?;
    Ok(walked)
}

/// How many cases a walk read clean and how many it skipped for their errors.
#[derive(Clone, Copy, Debug, Default)]
pub struct Walked {
    /// Read without errors and handed on.
    pub read: usize,
    /// Skipped for errors (already reported).
    pub skipped: usize,
}

impl Walked {
    /// Every case had errors: an output made now would hold none of them, and must not replace an earlier one.
    pub fn nothing_read(self) -> bool {
        self.read == 0 && self.skipped > 0
    }

    /// Says that nothing was written, and why.
    pub fn nothing_written(self, env: &mut Env, lang: crate::lang::Lang) {
        let n = self.skipped;
        let msg = crate::tx!(
            "{n} 个议题都有错误，没有生成任何文件；原有的文件没有改动。",
            "all {n} case(s) have errors: nothing was written, and earlier files are as they were."
        );
        let _ = writeln!(env.stderr, "{}", msg.get(lang));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_keeps_input_order_and_stops_when_asked() {
        let items: Vec<u64> = (0..1_000).collect();
        let mut seen = Vec::new();
        // Uneven work so that workers finish out of order.
        let work = |&i: &u64| {
            let mut x = i;
            for _ in 0..(i % 7) * 2_000 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1);
            }
            (i, x)
        };
        let r: Result<(), ()> = ordered(&items, work, |(i, _)| {
            seen.push(i);
            Ok(())
        });
        assert!(r.is_ok());
        assert_eq!(seen, items);
        let mut seen = Vec::new();
        let r = ordered(&items, work, |(i, _)| {
            if i == 100 {
                return Err(i);
            }
            seen.push(i);
            Ok(())
        });
        assert_eq!(r, Err(100));
        assert_eq!(seen, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn ordered_runs_at_most_a_window_ahead_of_emit() {
        let items: Vec<u64> = (0..3_000).collect();
        let window = rayon::current_num_threads() * AHEAD_PER_THREAD;
        let started = AtomicUsize::new(0);
        let mut emitted = 0;
        let r: Result<(), ()> = ordered(
            &items,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                // Early items are slow, so later ones would race ahead without the window.
                std::thread::sleep(std::time::Duration::from_micros(if i % 997 == 0 {
                    20_000
                } else {
                    10
                }));
                i
            },
            |i| {
                assert_eq!(i, emitted);
                assert!(started.load(Ordering::SeqCst) <= emitted as usize + window);
                emitted += 1;
                Ok(())
            },
        );
        assert!(r.is_ok());
        assert_eq!(emitted, 3_000);
    }

    #[test]
    fn a_panicking_worker_ends_the_run_instead_of_hanging_it() {
        let items: Vec<u64> = (0..2_000).collect();
        let run = std::panic::catch_unwind(|| {
            ordered(
                &items,
                |&i| {
                    assert!(i != 500, "worker fails");
                    i
                },
                |_| Ok::<(), ()>(()),
            )
        });
        assert!(run.is_err());
    }
}
