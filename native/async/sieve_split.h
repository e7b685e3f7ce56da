// numaccel — cutting a sieve job (countPrimesAsync, primesBetweenAsync) into blocks: the range is
// cut into blocks of two sieve segments (~15.7M integers) at wheel-byte boundaries. A sieve's
// set-up (placing every sieving prime up to sqrt(hi): ~70 ms near 2^53) costs more than sieving a
// block there, so the blocks are not handed out one by one: each thread owns a contiguous run of
// blocks and sieves it with one SieveCursor, and a thread that runs out steals the back half of
// the largest remaining run (only when that is worth a new set-up). Every block is sieved exactly
// once, by one thread. Only the base-prime cache is shared between threads (an immutable
// snapshot, replaced under a mutex when it grows; fetched once per job before the threads start,
// its growth polling for cancellation).
#ifndef NUMACCEL_ASYNC_SIEVE_SPLIT_H
#define NUMACCEL_ASYNC_SIEVE_SPLIT_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>

#include "../kernels/sieve.h"
#include "job.h"

namespace numaccel {
namespace async {

using u64 = std::uint64_t;

// [lo, hi) cut into blocks of kBlockBytes wheel bytes (30 integers each), aligned to lo's byte
// 30 * floor(lo / 30): block b is [30 * (fb + b * kBlockBytes), 30 * (fb + (b + 1) * kBlockBytes))
// clipped to [lo, hi). Block ends are segment boundaries for a SieveCursor started at any block.
class SievePlan {
  public:
    static constexpr u64 kSegmentBytes = kSieveSegmentIntegers / 30;
    static constexpr u64 kBlockBytes = 2 * kSegmentBytes;  // 15,728,640 integers: ~1 ms near 0, ~8 ms near 2^53

    SievePlan(u64 lo, u64 hi) noexcept : lo_(lo), hi_(hi), first_byte_(lo / 30) {
        const u64 end_byte = hi > lo ? (hi - 1) / 30 + 1 : first_byte_;
        // At most 2^53 / 30 / 2^19 < 2^31 blocks.
        blocks_ = static_cast<std::size_t>((end_byte - first_byte_ + kBlockBytes - 1) / kBlockBytes);
    }

    std::size_t blocks() const noexcept { return blocks_; }
    u64 hi() const noexcept { return hi_; }

    // About pi(sqrt(hi)), the number of sieving primes: a cursor's bucket sieve holds 8 bytes per
    // prime (44 MB near 2^53), and placing them costs about as much as sieving 25 integers each.
    double sieving_primes() const noexcept {
        const double root = std::sqrt(static_cast<double>(hi_));
        return root < 100.0 ? 25.0 : root / (std::log(root) - 1.1);
    }
    // A new cursor's set-up, in blocks' worth of sieving.
    double setup_blocks() const noexcept { return 25.0 * sieving_primes() / (30.0 * static_cast<double>(kBlockBytes)); }
    u64 block_lo(std::size_t b) const noexcept { return b == 0 ? lo_ : 30 * (first_byte_ + b * kBlockBytes); }
    u64 block_hi(std::size_t b) const noexcept {
        return b + 1 >= blocks_ ? hi_ : 30 * (first_byte_ + (b + 1) * kBlockBytes);
    }

  private:
    u64 lo_, hi_, first_byte_;
    std::size_t blocks_ = 0;
};

// Runs process(cursor, block, thread) -> bool (false: stopped) for every block of the plan, each
// exactly once, on up to `threads` threads. Thread t starts with the t-th contiguous run of blocks
// and sieves it front to back with one cursor; when its run is empty it steals the back half of
// the largest other run (all of a run whose thread never started) and continues there with a new
// cursor. Each run is guarded by a mutex, taken once per block. Returns the number of threads.
template <class Process>
unsigned sieve_blocks(Control& control, unsigned threads, const SievePlan& plan,
                      const std::shared_ptr<const SieveBasePrimes>& base, const Process& process) {
    const std::size_t n = plan.blocks();
    if (n == 0) return 0;
    constexpr double kMemoryBudget = 1024.0 * 1024 * 1024;  // for all cursors together
    const double per_thread = 10.0 * plan.sieving_primes() + 2.0 * 1024 * 1024;
    const std::size_t by_memory = static_cast<std::size_t>(std::max(1.0, kMemoryBudget / per_thread));
    std::size_t count_limit = std::min<std::size_t>({threads, n, by_memory});
    const std::size_t min_steal = static_cast<std::size_t>(std::max(1.0, std::ceil(plan.setup_blocks())));
    if (min_steal > 1) {
        // Where a thread's set-up costs more than a block (high ranges), threads beyond the CPU
        // count would only add set-up work (and ~10 bytes per sieving prime each).
        count_limit = std::min<std::size_t>(count_limit, std::max(1u, std::thread::hardware_concurrency()));
    }
    const unsigned count = static_cast<unsigned>(count_limit);

    struct Run {
        std::mutex mutex;
        std::size_t front = 0, back = 0;  // blocks [front, back) still to do
        bool owned = true;                // false: its thread never started
    };
    std::unique_ptr<Run[]> runs(new Run[count]);
    for (unsigned t = 0; t < count; ++t) {
        runs[t].front = n * t / count;
        runs[t].back = n * (t + 1) / count;
    }
    constexpr std::size_t kNone = ~std::size_t{0};

    // Moves the back half of the largest run (or all of an orphaned one) to thread t's run.
    auto steal = [&](unsigned t) -> bool {
        for (;;) {
            unsigned victim = count;
            std::size_t best = 0;
            bool best_orphan = false;
            for (unsigned v = 0; v < count; ++v) {
                if (v == t) continue;
                std::lock_guard<std::mutex> lock(runs[v].mutex);
                const std::size_t rest = runs[v].back - runs[v].front;
                const bool orphan = !runs[v].owned;
                if (rest == 0 || (!orphan && rest < std::max<std::size_t>(2, 2 * min_steal))) continue;
                if (victim == count || (orphan && !best_orphan) || (orphan == best_orphan && rest > best)) {
                    victim = v;
                    best = rest;
                    best_orphan = orphan;
                }
            }
            if (victim == count) return false;
            std::size_t from, to;
            {
                std::lock_guard<std::mutex> lock(runs[victim].mutex);
                Run& r = runs[victim];
                const std::size_t rest = r.back - r.front;
                if (rest == 0 || (r.owned && rest < std::max<std::size_t>(2, 2 * min_steal)))
                    continue;  // changed: look again
                const std::size_t take = r.owned ? rest / 2 : rest;
                from = r.back - take;
                to = r.back;
                r.back = from;
            }
            std::lock_guard<std::mutex> lock(runs[t].mutex);
            runs[t].front = from;
            runs[t].back = to;
            return true;
        }
    };

    run_on_threads(
        count, control,
        [&](unsigned t) {
            std::unique_ptr<SieveCursor> cursor;
            std::size_t cursor_next = kNone, cursor_end = kNone;  // the cursor can do blocks [next, end)
            for (;;) {
                if (control.stop_requested()) return;
                std::size_t b = kNone, end = kNone;
                {
                    std::lock_guard<std::mutex> lock(runs[t].mutex);
                    if (runs[t].front < runs[t].back) {
                        b = runs[t].front++;
                        end = runs[t].back;
                    }
                }
                if (b == kNone) {
                    if (!steal(t)) return;
                    continue;
                }
                if (!cursor || b != cursor_next || b >= cursor_end) {
                    cursor.reset();  // free the old sieve's memory before making the new one
                    cursor.reset(new SieveCursor(plan.block_lo(b), plan.block_hi(end - 1), base, &control));
                    cursor_end = end;
                }
                if (!process(*cursor, b, t)) return;  // stopped
                cursor_next = b + 1;
                control.unit_done();
            }
        },
        [&](unsigned t) {
            std::lock_guard<std::mutex> lock(runs[t].mutex);
            runs[t].owned = false;
        });
    return count;
}

}  // namespace async
}  // namespace numaccel

#endif  // NUMACCEL_ASYNC_SIEVE_SPLIT_H
