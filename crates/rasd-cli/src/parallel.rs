//! Order-keeping parallel work for `extract` and `ingest`: bounded batches of input
//! items, mapped on a few threads, results in input order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver};

/// Documents per batch of `rasd extract --jobs N`: what is in memory at once is at most
/// three batches (one being read, one being extracted, one waiting between them).
pub const EXTRACT_BATCH: usize = 256;

/// The number of threads `--jobs` means when it is not given: the number of cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// `f` over `items` on up to `jobs` threads; the results are in the order of `items`.
/// Threads take the next item as they finish one, so a long document does not hold up
/// the others' share.
pub fn map_ordered<T, R, F>(items: &[T], jobs: usize, f: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let jobs = jobs.clamp(1, items.len().max(1));
    if jobs == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<Vec<(usize, R)>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..jobs)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        done.push((i, f(item)));
                    }
                    done
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| match h.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    let mut slots: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (i, r) in parts.iter_mut().flat_map(|p| p.drain(..)) {
        slots[i] = Some(r);
    }
    slots
        .into_iter()
        .map(|r| r.expect("every item was mapped once"))
        .collect()
}

/// Spawns (in `scope`) a thread that reads `items` into batches of `batch` items and
/// hands them over one at a time: at most one full batch waits in the channel while the
/// receiver works on the previous one. The thread stops when the receiver is dropped.
pub fn batches<'scope, I>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    items: I,
    batch: usize,
) -> Receiver<Vec<I::Item>>
where
    I: Iterator + Send + 'scope,
    I::Item: Send + 'scope,
{
    let batch = batch.max(1);
    let (tx, rx) = sync_channel::<Vec<I::Item>>(1);
    scope.spawn(move || {
        let mut current = Vec::with_capacity(batch);
        for item in items {
            current.push(item);
            if current.len() == batch {
                let full = std::mem::replace(&mut current, Vec::with_capacity(batch));
                if tx.send(full).is_err() {
                    return;
                }
            }
        }
        if !current.is_empty() {
            let _ = tx.send(current);
        }
    });
    rx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_ordered_keeps_the_input_order_on_any_number_of_threads() {
        let items: Vec<u64> = (0..1000).collect();
        let want: Vec<u64> = items.iter().map(|x| x * x).collect();
        for jobs in [1, 2, 3, 8, 2000] {
            assert_eq!(map_ordered(&items, jobs, |x| x * x), want, "jobs {jobs}");
        }
        assert!(map_ordered(&Vec::<u64>::new(), 4, |x| *x).is_empty());
    }

    #[test]
    fn batches_are_full_but_the_last_and_in_order() {
        let got: Vec<Vec<u32>> =
            std::thread::scope(|s| batches(s, 0..10u32, 4).into_iter().collect());
        assert_eq!(got, vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9]]);
    }

    #[test]
    fn batches_stop_reading_when_the_receiver_goes_away() {
        let read = AtomicUsize::new(0);
        std::thread::scope(|s| {
            let rx = batches(
                s,
                (0..1_000_000u32).inspect(|_| {
                    read.fetch_add(1, Ordering::Relaxed);
                }),
                10,
            );
            assert_eq!(rx.recv().unwrap().len(), 10);
            drop(rx);
        });
        // The first batch, one waiting in the channel, one being filled.
        assert!(read.load(Ordering::Relaxed) <= 40, "{read:?}");
    }
}
