//! Independent pieces of work shared between two threads, results in input order.
//!
//! The analysis runs on machines of two cores (the project's own, a reader over SSH); its
//! serial stages (loading, tokenising, scoring pairs) split into pieces of uneven cost, so the
//! threads take the next piece as they finish one instead of half the input each: neither
//! waits long on the other, however the cost is spread. The output is the same as a serial
//! map's, so nothing downstream can tell how the work was shared.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `items.iter().map(f).collect()`, computed on two threads (one when there is at most one item).
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    if items.len() < 2 {
        return items.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let (theirs, mut mine) = join(work, work);
    // Each thread's results are in increasing order: merge by index.
    mine.extend(theirs);
    mine.sort_unstable_by_key(|(i, _)| *i);
    mine.into_iter().map(|(_, r)| r).collect()
}

/// `items.iter().flat_map(f).collect()`, computed on two threads, the output reserved at
/// `capacity`. Each item's results join the output as soon as those of every item before it
/// have, while the other thread still works: concatenating them at the end (ECB+: 300,000
/// scored pairs, 50 MB) would leave one thread copying and the other idle.
pub fn map_concat<T: Sync, R: Send>(items: &[T], capacity: usize, f: impl Fn(&T) -> Vec<R> + Sync) -> Vec<R> {
    if items.len() < 2 {
        return items.iter().flat_map(f).collect();
    }
    struct Joined<R> {
        out: Vec<R>,
        /// The first item whose results are not in `out` yet.
        next: usize,
        /// Results of later items, waiting for those before them.
        waiting: BTreeMap<usize, Vec<R>>,
    }
    let joined = Mutex::new(Joined { out: Vec::with_capacity(capacity), next: 0, waiting: BTreeMap::new() });
    let next = AtomicUsize::new(0);
    let work = || {
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else { return };
            let results = f(item);
            let mut guard = joined.lock().unwrap_or_else(|p| p.into_inner());
            let j = &mut *guard;
            j.waiting.insert(i, results);
            while let Some(results) = j.waiting.remove(&j.next) {
                j.out.extend(results);
                j.next += 1;
            }
        }
    };
    join(work, work);
    joined.into_inner().unwrap_or_else(|p| p.into_inner()).out
}

/// `(a(), b())`, `b` on this thread while another runs `a`.
pub fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    std::thread::scope(|scope| {
        let first = scope.spawn(a);
        let second = b();
        (first.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), second)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #[test]
        fn results_are_those_of_a_serial_map_in_order(items in proptest::collection::vec(0u64..1_000, 0..200)) {
            // Uneven costs, so the threads interleave.
            let f = |x: &u64| (0..*x).fold(*x, |h, i| h.wrapping_mul(31).wrapping_add(i));
            prop_assert_eq!(map(&items, f), items.iter().map(f).collect::<Vec<_>>());
        }

        #[test]
        fn concatenated_results_are_those_of_a_serial_flat_map_in_order(
            items in proptest::collection::vec(0u64..300, 0..200),
            capacity in 0usize..1_000,
        ) {
            let f = |x: &u64| (0..*x).map(|i| x.wrapping_mul(31).wrapping_add(i)).collect::<Vec<_>>();
            prop_assert_eq!(map_concat(&items, capacity, f), items.iter().flat_map(f).collect::<Vec<_>>());
        }
    }

    #[test]
    fn a_panic_in_either_thread_reaches_the_caller() {
        let items: Vec<u32> = (0..64).collect();
        let caught = std::panic::catch_unwind(|| map(&items, |&x| if x == 63 { panic!("piece {x}") } else { x }));
        assert!(caught.is_err());
    }

    #[test]
    fn a_panic_in_either_thread_reaches_the_caller_of_map_concat() {
        let items: Vec<u32> = (0..64).collect();
        let caught = std::panic::catch_unwind(|| {
            map_concat(&items, 0, |&x| if x == 63 { panic!("piece {x}") } else { vec![x] })
        });
        assert!(caught.is_err());
    }
}
