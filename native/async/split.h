// numaccel — cutting a batch job into chunks that the job's threads share out
// (checkPrimesAsync, greatCircleManyAsync, greatCircleMatrixAsync): the job is cut into chunks of
// a fixed size (a few ms each: 4096 values, 64K pairs, row blocks of ~256K cells) that the
// threads pull from one atomic counter. Chunk results go straight to disjoint parts of `out`.
#ifndef NUMACCEL_ASYNC_SPLIT_H
#define NUMACCEL_ASYNC_SPLIT_H

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <type_traits>

#include "job.h"

namespace numaccel {
namespace async {

inline std::size_t ceil_div(std::size_t a, std::size_t b) noexcept { return a / b + (a % b != 0 ? 1 : 0); }

// Units per chunk: about 8 chunks per thread (balance, progress), within [smallest, largest],
// and never so small that the chunks would not fit an int32 count.
inline std::size_t chunk_size(std::size_t units, unsigned threads, std::size_t smallest, std::size_t largest) noexcept {
    std::size_t size = ceil_div(units, std::size_t{8} * threads);
    size = std::max(smallest, std::min(largest, size));
    return std::max(size, ceil_div(units, Control::kMaxUnits));
}

// Runs f(i) for every chunk i < chunks on up to `threads` threads that pull chunk indices from one
// atomic counter; looks at the stop flags before each chunk (f may also return false: stopped in
// the middle of chunk i). Throws the AbortError when cancelled before every chunk was done.
template <class F>
void for_each_chunk(Control& control, unsigned threads, std::size_t chunks, const F& f) {
    control.start(chunks);
    if (chunks == 0) return;
    std::atomic<std::size_t> next{0};
    const unsigned count = static_cast<unsigned>(std::min<std::size_t>(threads, chunks));
    run_on_threads(count, control, [&](unsigned) {
        while (!control.stop_requested()) {
            const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
            if (i >= chunks) return;
            if constexpr (std::is_same_v<decltype(f(i)), bool>) {
                if (!f(i)) return;
            } else {
                f(i);
            }
            control.unit_done();
        }
    });
    if (control.done() < chunks) throw_aborted();
}

}  // namespace async
}  // namespace numaccel

#endif  // NUMACCEL_ASYNC_SPLIT_H
