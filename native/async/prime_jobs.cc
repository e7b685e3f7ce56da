// numaccel — the async prime kernels: checkPrimesAsync (chunks of values, split.h),
// countPrimesAsync and primesBetweenAsync (blocks of the range, sieve_split.h).
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "../async.h"
#include "../glue.h"
#include "../kernels/prime.h"
#include "../kernels/sieve.h"
#include "job.h"
#include "sieve_split.h"
#include "split.h"

namespace numaccel {
namespace async {
namespace {

using glue::AdviseHugePages;
using glue::RangeArgs;
using glue::TypedArrayArg;

// ---- checkPrimesAsync(values, out, threads, control): Promise<void> --------------------------------
class CheckPrimesJob final : public Job {
  public:
    CheckPrimesJob(Napi::Env env, unsigned threads, Napi::Int32Array control, Napi::TypedArray values,
                   Napi::Uint8Array out, const double* f64, const u64* u64s)
        : Job(env, "checkPrimesAsync", threads, control),
          f64_(f64),
          u64_(u64s),
          out_(out.Data()),
          n_(out.ElementLength()) {
        Keep(values);
        Keep(out);
    }

  private:
    void Run(Control& control) override {
        // Up to ~1 us per 64-bit value: 4096 values are a few ms at most.
        const std::size_t size = chunk_size(n_, threads_, 256, 4096);
        for_each_chunk(control, threads_, ceil_div(n_, size), [&](std::size_t i) {
            const std::size_t a = i * size;
            const std::size_t m = std::min(size, n_ - a);
            if (f64_ != nullptr) {
                check_primes_f64(f64_ + a, m, out_ + a);
            } else {
                check_primes_u64(u64_ + a, m, out_ + a);
            }
        });
    }

    const double* f64_;
    const u64* u64_;
    std::uint8_t* out_;
    std::size_t n_;
};

Napi::Value CheckPrimesAsync(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const std::string name = "checkPrimesAsync";
    const Napi::Value values = info[0];
    Napi::Uint8Array out =
        TypedArrayArg<std::uint8_t>(info, 1, napi_uint8_array, "checkPrimesAsync: out must be a Uint8Array");
    const unsigned threads = ThreadsArg(info, 2, name);
    Napi::Int32Array control = ControlArg(info, 3, name);
    const napi_typedarray_type type =
        values.IsTypedArray() ? values.As<Napi::TypedArray>().TypedArrayType() : napi_int8_array;
    const double* f64 = nullptr;
    const u64* u64s = nullptr;
    std::size_t length;
    if (values.IsTypedArray() && type == napi_float64_array) {
        f64 = values.As<Napi::Float64Array>().Data();
        length = values.As<Napi::Float64Array>().ElementLength();
    } else if (values.IsTypedArray() && type == napi_biguint64_array) {
        u64s = values.As<Napi::BigUint64Array>().Data();
        length = values.As<Napi::BigUint64Array>().ElementLength();
    } else {
        throw Napi::TypeError::New(env, "checkPrimesAsync: values must be a Float64Array or a BigUint64Array");
    }
    if (out.ElementLength() != length) {
        throw Napi::RangeError::New(env, "checkPrimesAsync: out.length must equal values.length");
    }
    if (f64 == nullptr && u64s == nullptr) {  // empty: the checks below use f64 != nullptr
        static const double kNone = 0.0;
        f64 = &kNone;
    }
    return Job::Start(
        std::unique_ptr<Job>(new CheckPrimesJob(env, threads, control, values.As<Napi::TypedArray>(), out, f64, u64s)),
        info.Env());
}

// ---- countPrimesAsync / primesBetweenAsync ---------------------------------------------------------
// The shared base primes for the plan (growing the cache polls for cancellation).
std::shared_ptr<const SieveBasePrimes> base_primes_for(Control& control, const SievePlan& plan) {
    std::shared_ptr<const SieveBasePrimes> base = sieve_base_primes(plan.hi(), &control);
    if (!base) {
        if (control.cancelled()) throw_aborted();
        throw std::runtime_error("stopped");  // control.fail() without an error: cannot happen
    }
    return base;
}

class CountPrimesJob final : public Job {
  public:
    CountPrimesJob(Napi::Env env, unsigned threads, Napi::Int32Array control, u64 lo, u64 hi)
        : Job(env, "countPrimesAsync", threads, control), lo_(lo), hi_(hi) {}

  private:
    void Run(Control& control) override {
        const SievePlan plan(lo_, hi_);
        control.start(plan.blocks());
        if (plan.blocks() == 0) return;
        const std::shared_ptr<const SieveBasePrimes> base = base_primes_for(control, plan);
        std::vector<u64> counts(std::min<std::size_t>(threads_, plan.blocks()), 0);  // one per thread
        sieve_blocks(control, threads_, plan, base, [&](SieveCursor& cursor, std::size_t b, unsigned t) {
            return cursor.count_to(plan.block_hi(b), counts[t]);
        });
        if (control.done() < plan.blocks()) throw_aborted();
        for (u64 c : counts) count_ += c;
    }

    Napi::Value Result(Napi::Env env) override { return Napi::Number::New(env, static_cast<double>(count_)); }

    u64 lo_, hi_;
    u64 count_ = 0;
};

Napi::Value CountPrimesAsync(const Napi::CallbackInfo& info) {
    const std::string name = "countPrimesAsync";
    u64 lo, hi;
    RangeArgs(info, "countPrimesAsync", lo, hi);
    const unsigned threads = ThreadsArg(info, 2, name);
    Napi::Int32Array control = ControlArg(info, 3, name);
    return Job::Start(std::unique_ptr<Job>(new CountPrimesJob(info.Env(), threads, control, lo, hi)), info.Env());
}

class PrimesBetweenJob final : public Job {
  public:
    PrimesBetweenJob(Napi::Env env, unsigned threads, Napi::Int32Array control, u64 lo, u64 hi, Napi::Float64Array out)
        : Job(env, "primesBetweenAsync", threads, control),
          lo_(lo),
          hi_(hi),
          out_(out.Data()),
          capacity_(out.ElementLength()) {
        Keep(out);
    }

  private:
    [[noreturn]] static void throw_too_short() {
        throw JobError(ErrorKind::kRangeError, "out is too short for the primes in [lo, hi)");
    }

    // Blocks are listed in parallel, but their offsets in out are only known once every block
    // before them is done. A "watermark" tracks the done prefix: a block whose predecessors are all
    // done when it starts is listed straight into out; any other into a buffer of its own, copied
    // to its offset later. Fresh memory is expensive (a page fault per 4 KiB on first touch costs
    // about as much as writing it ten times), so how the blocks are shared out matters:
    //  - where a cursor's set-up is cheap (hi up to ~1e11), blocks are handed out one at a time in
    //    order, each with a cursor of its own; the thread that moves the watermark past buffered
    //    blocks copies them and returns their buffers for reuse, so only a few buffers are ever
    //    touched, and most of the output goes straight to out;
    //  - otherwise as in countPrimes (contiguous runs, sieve_blocks): the first run goes straight
    //    to out, the others into buffers that the threads copy in parallel at the end. (The primes
    //    are sparse there, so writing them matters less than sieving.)
    struct Block {
        std::vector<double> buffer;
        std::size_t size = 0;
        bool done = false;
        bool direct = false;  // listed straight into out
        bool copied = false;  // its buffer is in out
    };

    void Run(Control& control) override {
        const SievePlan plan(lo_, hi_);
        const std::size_t n = plan.blocks();
        control.start(n);
        if (n == 0) return;
        // Every block but the first and the last spans 15.7M integers and so holds primes (prime
        // gaps below 2^64 are < 1600): more blocks than that means out cannot hold them all. This
        // also bounds the bookkeeping below by the size of out.
        if (n > 2 && n - 2 > capacity_) throw_too_short();
        const std::shared_ptr<const SieveBasePrimes> base = base_primes_for(control, plan);
        const bool one_by_one = plan.setup_blocks() <= 0.05;

        std::vector<Block> blocks(n);
        std::mutex mutex;                        // guards the fields of blocks[] but buffer, spare, and:
        std::size_t water = 0;                   // blocks [0, water) are done
        std::size_t written = 0;                 // the number of primes in blocks [0, water)
        std::vector<std::vector<double>> spare;  // buffers to reuse (one_by_one)
        std::atomic<std::size_t> total{0};

        auto list = [&](SieveCursor& cursor, std::size_t b) -> bool {
            const u64 a = plan.block_lo(b), z = plan.block_hi(b);
            Block& block = blocks[b];
            std::size_t offset;
            {
                std::lock_guard<std::mutex> lock(mutex);
                block.direct = water == b;  // its offset is known (the watermark cannot pass b yet)
                offset = written;
                if (!block.direct && !spare.empty()) {
                    block.buffer = std::move(spare.back());
                    spare.pop_back();
                }
            }
            if (block.direct) {
                if (!cursor.list_to(z, out_ + offset, capacity_ - offset, block.size)) return false;
                if (block.size == kPrimesOverflow) throw_too_short();
            } else {
                // Room for all of the block's primes up front (no regrowth; pages never written
                // to are never touched): pi(z) - pi(a) < (z - a) / (ln a - 1.1) for large a.
                const double ln = std::log(static_cast<double>(a < 100000 ? z : a));
                block.buffer.clear();
                block.buffer.reserve(static_cast<std::size_t>(static_cast<double>(z - a) / (ln - 1.1) * 1.05) + 1000);
                if (!cursor.list_to(z, block.buffer)) return false;
                block.size = block.buffer.size();
            }
            if (total.fetch_add(block.size, std::memory_order_relaxed) + block.size > capacity_) throw_too_short();
            // Done: move the watermark, and (one_by_one) copy the buffered blocks it passed, unlocked
            // (their offsets are final and their parts of out disjoint from all others).
            std::size_t first, last, at;
            {
                std::lock_guard<std::mutex> lock(mutex);
                block.done = true;
                first = water;
                at = written;
                while (water < n && blocks[water].done) written += blocks[water++].size;
                last = one_by_one ? water : first;
            }
            for (std::size_t k = first; k < last; ++k) {
                Block& passed = blocks[k];
                if (!passed.direct) {
                    if (passed.size > 0) std::memcpy(out_ + at, passed.buffer.data(), passed.size * sizeof(double));
                    passed.copied = true;
                    std::lock_guard<std::mutex> lock(mutex);
                    spare.push_back(std::move(passed.buffer));
                }
                at += passed.size;
            }
            return true;
        };

        unsigned count;
        if (one_by_one) {
            count = static_cast<unsigned>(std::min<std::size_t>(threads_, n));
            for_each_chunk(control, threads_, n, [&](std::size_t b) {
                SieveCursor cursor(plan.block_lo(b), plan.block_hi(b), base, &control);
                return list(cursor, b);
            });
        } else {
            count = sieve_blocks(control, threads_, plan, base,
                                 [&](SieveCursor& cursor, std::size_t b, unsigned) { return list(cursor, b); });
            if (control.done() < n) throw_aborted();
        }
        // Every block is done (water == n) and the total fits out: copy the buffers left.
        spare.clear();
        std::vector<std::size_t> offsets(n + 1, 0);
        for (std::size_t b = 0; b < n; ++b) offsets[b + 1] = offsets[b] + blocks[b].size;
        std::atomic<std::size_t> next{0};
        run_on_threads(std::max(1u, count), control, [&](unsigned) {
            for (std::size_t b; (b = next.fetch_add(1, std::memory_order_relaxed)) < n;) {
                Block& block = blocks[b];
                if (block.direct || block.copied) continue;
                if (block.size > 0) std::memcpy(out_ + offsets[b], block.buffer.data(), block.size * sizeof(double));
                std::vector<double>().swap(block.buffer);
            }
        });
        count_ = offsets[n];
    }

    Napi::Value Result(Napi::Env env) override { return Napi::Number::New(env, static_cast<double>(count_)); }

    u64 lo_, hi_;
    double* out_;
    std::size_t capacity_;
    std::size_t count_ = 0;
};

Napi::Value PrimesBetweenAsync(const Napi::CallbackInfo& info) {
    const std::string name = "primesBetweenAsync";
    u64 lo, hi;
    RangeArgs(info, "primesBetweenAsync", lo, hi);
    Napi::Float64Array out =
        TypedArrayArg<double>(info, 2, napi_float64_array, "primesBetweenAsync: out must be a Float64Array");
    AdviseHugePages(out);
    const unsigned threads = ThreadsArg(info, 3, name);
    Napi::Int32Array control = ControlArg(info, 4, name);
    return Job::Start(std::unique_ptr<Job>(new PrimesBetweenJob(info.Env(), threads, control, lo, hi, out)),
                      info.Env());
}

}  // namespace
}  // namespace async

void AddPrimeAsyncFunctions(Napi::Env env, Napi::Object target) {
    using async::PromiseFunction;
    target.Set("checkPrimesAsync",
               Napi::Function::New(env, PromiseFunction<async::CheckPrimesAsync>, "checkPrimesAsync"));
    target.Set("countPrimesAsync",
               Napi::Function::New(env, PromiseFunction<async::CountPrimesAsync>, "countPrimesAsync"));
    target.Set("primesBetweenAsync",
               Napi::Function::New(env, PromiseFunction<async::PrimesBetweenAsync>, "primesBetweenAsync"));
}

}  // namespace numaccel
