// numaccel — the multi-threaded async batch kernels (AsyncKernels in src/contract.ts).
//
// Each call checks its arguments on the JS thread, reads the typed arrays' data pointers there,
// and returns a Promise. The work runs on std::threads of the job's own: the first one runs the
// job and starts `threads - 1` more (never more threads than work units), and joins them all
// before it reports back; nothing but argument checks and settling the promise runs on the JS
// thread. Completion reaches the JS thread through a Node-API thread-safe function (ref'd, so it
// keeps the event loop alive until the promise is settled, then lets the process exit).
//
// Why not napi_async_work (Napi::AsyncWorker): its Execute() would hold a libuv pool thread (4 by
// default, shared with fs, dns, zlib and crypto) for the whole job, however long, and Node waits
// for running pool work without any way to interrupt it: process.exit() (uv_library_shutdown
// joins the pool) and Worker.terminate() (environment cleanup waits for pending requests before
// it runs any cleanup hook) both hung until a countPrimesAsync(0, 2^53) finished. Here the
// thread-safe function is destroyed during environment cleanup, and its finalizer tells the job's
// threads to stop and joins them (milliseconds); process.exit() does not wait for them at all.
//
// Work distribution
//  - checkPrimes, greatCircleMany, greatCircleMatrix: the job is cut into chunks of a fixed size
//    (a few ms each: 4096 values, 64K pairs, row blocks of ~256K cells) that the threads pull from
//    one atomic counter. Chunk results go straight to disjoint parts of `out`.
//  - countPrimes, primesBetween: the range is cut into blocks of two sieve segments (~15.7M
//    integers) at wheel-byte boundaries. A sieve's set-up (placing every sieving prime up to
//    sqrt(hi): ~70 ms near 2^53) costs more than sieving a block there, so the blocks are not
//    handed out one by one: each thread owns a contiguous run of blocks and sieves it with one
//    SieveCursor, and a thread that runs out steals the back half of the largest remaining run
//    (only when that is worth a new set-up). Every block is sieved exactly once, by one thread.
//    primesBetween lists a block straight into `out` when every block before it is done (so
//    always with one thread), otherwise into a buffer of its own that the threads copy into
//    `out` at the end (see PrimesBetweenJob). Only the base-prime cache is shared between threads
//    (sieve.cc: an immutable snapshot, replaced under a mutex when it grows; fetched once per job
//    before the threads start, its growth polling for cancellation).
//
// Control (Int32Array, usually over a SharedArrayBuffer, shared with JavaScript)
//  - [2] is set to the number of work units (chunks or blocks) before any is done, [1] to 0; [1]
//    is incremented atomically after each unit, so it rises monotonically to [2].
//  - [0] != 0 (set by JavaScript with Atomics.store) cancels: threads look before each unit, and
//    the sieve also once per segment and while placing sieving primes, so they stop within a few
//    ms. The promise then rejects with an AbortError (JavaScript has usually rejected its own
//    promise already and ignores this one). Buffers are never written past their ends.
//
// Memory lifetime: the typed arrays' data pointers (views: byte offsets included) are read on the
// JS thread before the work starts, and persistent references keep the arrays (and so their
// ArrayBuffers) alive until every thread of the job has been joined and the promise is settled;
// the job object is deleted on the JS thread after that. (Detaching or shrinking a buffer while a
// job writes to it is not guarded against, as for any native consumer of typed-array memory.)
//
// Errors on any thread (std::bad_alloc, ...) are caught there, make the other threads stop at
// their next check, and reject the promise after all threads have been joined.
#include "async.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <mutex>
#include <new>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

#include "glue.h"
#include "kernels/prime.h"
#include "kernels/sieve.h"
#include "kernels/stop.h"

namespace numaccel {
namespace {

using u64 = std::uint64_t;
using glue::NumberArg;
using glue::AdviseHugePages;
using glue::GeoArgs;
using glue::ManyArgsOf;
using glue::MatrixArgsOf;
using glue::RangeArgs;
using glue::TypedArrayArg;
using glue::VariantOf;

// ---- the control words ---------------------------------------------------------------------------
// Plain int32 memory that JavaScript reads and writes with Atomics: accessed here with atomic
// builtins on the raw pointer (std::atomic_ref is C++20).
inline std::int32_t load_word(const std::int32_t* p) noexcept {
#if defined(_MSC_VER) && !defined(__clang__)
    return static_cast<std::int32_t>(_InterlockedOr(reinterpret_cast<volatile long*>(const_cast<std::int32_t*>(p)), 0));
#else
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
#endif
}

inline void store_word(std::int32_t* p, std::int32_t value) noexcept {
#if defined(_MSC_VER) && !defined(__clang__)
    _InterlockedExchange(reinterpret_cast<volatile long*>(p), static_cast<long>(value));
#else
    __atomic_store_n(p, value, __ATOMIC_RELEASE);
#endif
}

inline void add_word(std::int32_t* p, std::int32_t value) noexcept {
#if defined(_MSC_VER) && !defined(__clang__)
    _InterlockedExchangeAdd(reinterpret_cast<volatile long*>(p), static_cast<long>(value));
#else
    __atomic_fetch_add(p, value, __ATOMIC_RELEASE);
#endif
}

// A job's view of the control array, plus its own stop flag (set when a thread fails).
class Control final : public StopToken {
public:
    explicit Control(std::int32_t* words) noexcept : words_(words) {}

    bool stop_requested() const noexcept override {
        return failed_.load(std::memory_order_relaxed) || cancelled();
    }
    bool cancelled() const noexcept { return load_word(words_) != 0; }
    void fail() noexcept { failed_.store(true, std::memory_order_relaxed); }

    // Announces the number of work units (before any is done).
    void start(std::size_t units) noexcept {
        store_word(words_ + 1, 0);
        store_word(words_ + 2, static_cast<std::int32_t>(std::min<std::size_t>(units, kMaxUnits)));
    }
    void unit_done() noexcept {
        done_.fetch_add(1, std::memory_order_relaxed);
        add_word(words_ + 1, 1);
    }
    std::size_t done() const noexcept { return done_.load(std::memory_order_relaxed); }

    // Work is always cut into at most this many units, so that [1] and [2] fit an int32.
    static constexpr std::size_t kMaxUnits = std::numeric_limits<std::int32_t>::max();

private:
    std::int32_t* words_;
    std::atomic<bool> failed_{false};
    std::atomic<std::size_t> done_{0};
};

// ---- errors --------------------------------------------------------------------------------------
enum class ErrorKind { kError, kRangeError, kAbort };

struct JobError : std::runtime_error {
    JobError(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind(kind) {}
    ErrorKind kind;
};

[[noreturn]] void throw_aborted() {
    throw JobError(ErrorKind::kAbort, "the operation was aborted");
}

// ---- threads -------------------------------------------------------------------------------------
// Runs body(i) for every i < count: i = 0 on the calling thread, the others on new std::threads,
// and joins them all. An index whose thread cannot be created is reported to not_started (any
// thread may be running body already) and skipped; the bodies must cope with that. The first
// exception thrown by a body is rethrown after the join; as soon as it is caught, control.fail()
// tells the other bodies to stop at their next check.
void run_on_threads(unsigned count, Control& control, const std::function<void(unsigned)>& body,
                    const std::function<void(unsigned)>& not_started = nullptr) {
    std::mutex mutex;
    std::exception_ptr first_error;
    auto guarded = [&](unsigned i) noexcept {
        try {
            body(i);
        } catch (...) {
            control.fail();
            std::lock_guard<std::mutex> lock(mutex);
            if (!first_error) first_error = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    try {
        threads.reserve(count > 0 ? count - 1 : 0);
    } catch (...) {
        // emplace_back below reallocates instead (and may fail like a thread creation)
    }
    for (unsigned i = 1; i < count; ++i) {
        try {
            threads.emplace_back(guarded, i);
        } catch (...) {  // std::system_error (no more threads) or std::bad_alloc
            if (not_started) not_started(i);
        }
    }
    if (count > 0) guarded(0);
    for (std::thread& t : threads) t.join();
    if (first_error) std::rethrow_exception(first_error);
}

inline std::size_t ceil_div(std::size_t a, std::size_t b) noexcept {
    return a / b + (a % b != 0 ? 1 : 0);
}

// Units per chunk: about 8 chunks per thread (balance, progress), within [smallest, largest],
// and never so small that the chunks would not fit an int32 count.
std::size_t chunk_size(std::size_t units, unsigned threads, std::size_t smallest, std::size_t largest) noexcept {
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

// ---- the async worker ----------------------------------------------------------------------------
// One job: a Promise, the typed arrays it keeps alive, and the work to run off the JS thread.
class Job {
public:
    virtual ~Job() = default;
    Job(const Job&) = delete;
    Job& operator=(const Job&) = delete;

    // On the JS thread: starts the job's first thread and returns the job's promise. From then
    // on the job owns itself: it is deleted on the JS thread once its promise has been settled
    // (or when the environment is torn down: see Finalize).
    static Napi::Value Start(std::unique_ptr<Job> job, Napi::Env env) {
        Napi::Promise promise = job->deferred_.Promise();
        // The thread-safe function only delivers "done" to the JS thread; it keeps the event
        // loop alive (it is ref'd) until the job has been settled.
        napi_status status = napi_create_threadsafe_function(
            env, nullptr, nullptr, Napi::String::New(env, job->name_), 0, 1, job.get(), Finalize, job.get(), Settle,
            &job->done_);
        if (status != napi_ok) throw Napi::Error::New(env, std::string(job->name_) + ": could not create the completion callback");
        Job* self = job.release();  // owned by the thread-safe function from here: see Finalize
        // At environment teardown every job is told to stop before any is joined (Finalize).
        self->env_ = env;
        self->hooked_ = napi_add_env_cleanup_hook(env, StopAtTeardown, self) == napi_ok;
        try {
            self->coordinator_ = std::thread([self] { self->Execute(); });
        } catch (...) {  // std::system_error: no thread to run it on; settle at once
            self->Fail(ErrorKind::kError, "could not start a thread");
            self->Deliver();
        }
        return promise;
    }

protected:
    Job(Napi::Env env, const char* name, unsigned threads, Napi::Int32Array control)
        : name_(name), threads_(threads), deferred_(Napi::Promise::Deferred::New(env)), control_(control.Data()) {
        Keep(control);
    }

    // Keeps a typed array (and its buffer) alive until the job has been settled.
    void Keep(const Napi::Value& array) { refs_.push_back(Napi::Persistent(array.As<Napi::Object>())); }

    // The work, on the job's first thread (which starts the others); throws JobError or anything
    // else to reject.
    virtual void Run(Control& control) = 0;
    // The resolution value, on the JS thread.
    virtual Napi::Value Result(Napi::Env env) { return env.Undefined(); }

    const char* const name_;
    const unsigned threads_;

private:
    // On the job's first thread.
    void Execute() noexcept {
        try {
            Run(control_);
        } catch (const JobError& e) {
            Fail(e.kind, e.what());
        } catch (const std::bad_alloc&) {
            Fail(ErrorKind::kError, "out of memory");
        } catch (const std::exception& e) {
            Fail(ErrorKind::kError, e.what());
        } catch (...) {
            Fail(ErrorKind::kError, "unknown error");
        }
        Deliver();
    }

    void Fail(ErrorKind kind, const std::string& message) noexcept {
        failed_ = true;
        kind_ = kind;
        try {
            message_ = std::string(name_) + ": " + message;
        } catch (...) {
            // keep the message empty: Settle names the function
        }
    }

    // Queues Settle on the JS thread and gives up this thread's hold on the thread-safe function.
    // napi_closing: the environment is being torn down, and the function is no longer ours to use.
    void Deliver() noexcept {
        if (napi_call_threadsafe_function(done_, nullptr, napi_tsfn_blocking) != napi_closing) {
            napi_release_threadsafe_function(done_, napi_tsfn_release);
        }
    }

    // On the JS thread, once the work is done: resolves or rejects the promise. env is null when
    // the environment is being torn down (context may then be gone: not touched).
    static void Settle(napi_env env, napi_value, void* context, void*) {
        if (env == nullptr) return;
        Job* job = static_cast<Job*>(context);
        try {
            if (!job->failed_) {
                job->deferred_.Resolve(job->Result(Napi::Env(env)));
                return;
            }
            const std::string message = job->message_.empty() ? std::string(job->name_) + ": failed" : job->message_;
            switch (job->kind_) {
                case ErrorKind::kRangeError:
                    job->deferred_.Reject(Napi::RangeError::New(env, message).Value());
                    break;
                case ErrorKind::kAbort: {
                    Napi::Object error = Napi::Error::New(env, message).Value();
                    error.Set("name", "AbortError");
                    error.Set("code", "ABORT_ERR");
                    job->deferred_.Reject(error);
                    break;
                }
                default:
                    job->deferred_.Reject(Napi::Error::New(env, message).Value());
            }
        } catch (const Napi::Error&) {
            // Nothing more can be done (the environment is going away); the promise stays pending.
        }
    }

    // On the JS thread, when the thread-safe function is destroyed: after Settle, once the first
    // thread has let go of it; or while the environment is torn down (a Worker terminated with a
    // job still running), when the threads are told to stop and joined here (they stop at their
    // next check, within milliseconds) before the typed arrays they write to can go away.
    static void Finalize(napi_env, void* data, void*) {
        Job* job = static_cast<Job*>(data);
        if (job->hooked_) napi_remove_env_cleanup_hook(job->env_, StopAtTeardown, job);
        job->control_.fail();
        if (job->coordinator_.joinable()) job->coordinator_.join();
        delete job;
    }

    // Environment cleanup hook: runs (on the JS thread) before the thread-safe functions are
    // finalized, so that all running jobs stop in parallel rather than one join after another.
    static void StopAtTeardown(void* data) { static_cast<Job*>(data)->control_.fail(); }

    Napi::Promise::Deferred deferred_;
    Control control_;
    std::vector<Napi::ObjectReference> refs_;
    napi_env env_ = nullptr;
    bool hooked_ = false;
    napi_threadsafe_function done_ = nullptr;
    std::thread coordinator_;  // the job's first thread
    // Written by the first thread before Deliver, read by Settle after it (ordered by the queue).
    bool failed_ = false;
    ErrorKind kind_ = ErrorKind::kError;
    std::string message_;
};

// The last two arguments of every async kernel: threads (integer in [1, 256]) and control
// (Int32Array of length >= 3).
unsigned ThreadsArg(const Napi::CallbackInfo& info, std::size_t i, const std::string& name) {
    const double threads = NumberArg(info, i, (name + ": threads must be a number").c_str());
    if (!(threads >= 1.0 && threads <= kAsyncMaxThreads) || std::floor(threads) != threads) {
        throw Napi::RangeError::New(info.Env(), name + ": threads must be an integer in [1, " +
                                                    std::to_string(kAsyncMaxThreads) + "]");
    }
    return static_cast<unsigned>(threads);
}

Napi::Int32Array ControlArg(const Napi::CallbackInfo& info, std::size_t i, const std::string& name) {
    Napi::Int32Array control = TypedArrayArg<std::int32_t>(
        info, i, napi_int32_array, (name + ": control must be an Int32Array").c_str());
    if (control.ElementLength() < 3) {
        throw Napi::RangeError::New(info.Env(), name + ": control must have at least 3 elements");
    }
    return control;
}

// A JS function that always returns a promise: argument errors reject it instead of throwing.
template <Napi::Value (*StartJob)(const Napi::CallbackInfo&)>
Napi::Value PromiseFunction(const Napi::CallbackInfo& info) {
    try {
        return StartJob(info);
    } catch (const Napi::Error& e) {
        Napi::Promise::Deferred deferred = Napi::Promise::Deferred::New(info.Env());
        deferred.Reject(e.Value());
        return deferred.Promise();
    }
}

// ---- checkPrimesAsync(values, out, threads, control): Promise<void> --------------------------------
class CheckPrimesJob final : public Job {
public:
    CheckPrimesJob(Napi::Env env, unsigned threads, Napi::Int32Array control, Napi::TypedArray values,
                   Napi::Uint8Array out, const double* f64, const u64* u64s)
        : Job(env, "checkPrimesAsync", threads, control), f64_(f64), u64_(u64s), out_(out.Data()), n_(out.ElementLength()) {
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
    Napi::Uint8Array out = TypedArrayArg<std::uint8_t>(info, 1, napi_uint8_array, "checkPrimesAsync: out must be a Uint8Array");
    const unsigned threads = ThreadsArg(info, 2, name);
    Napi::Int32Array control = ControlArg(info, 3, name);
    const napi_typedarray_type type = values.IsTypedArray() ? values.As<Napi::TypedArray>().TypedArrayType() : napi_int8_array;
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
    return Job::Start(std::unique_ptr<Job>(new CheckPrimesJob(env, threads, control, values.As<Napi::TypedArray>(), out, f64, u64s)), info.Env());
}

// ---- countPrimesAsync / primesBetweenAsync ---------------------------------------------------------
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
                if (rest == 0 || (r.owned && rest < std::max<std::size_t>(2, 2 * min_steal))) continue;  // changed: look again
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
        : Job(env, "primesBetweenAsync", threads, control), lo_(lo), hi_(hi), out_(out.Data()), capacity_(out.ElementLength()) {
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
        std::mutex mutex;         // guards the fields of blocks[] but buffer, spare, and:
        std::size_t water = 0;    // blocks [0, water) are done
        std::size_t written = 0;  // the number of primes in blocks [0, water)
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
    Napi::Float64Array out = TypedArrayArg<double>(info, 2, napi_float64_array, "primesBetweenAsync: out must be a Float64Array");
    AdviseHugePages(out);
    const unsigned threads = ThreadsArg(info, 3, name);
    Napi::Int32Array control = ControlArg(info, 4, name);
    return Job::Start(std::unique_ptr<Job>(new PrimesBetweenJob(info.Env(), threads, control, lo, hi, out)), info.Env());
}

// ---- greatCircleManyAsync / greatCircleMatrixAsync ------------------------------------------------
// The same SIMD variant (function data, VariantOf) as the synchronous functions it sits next to:
// every variant evaluates the same IEEE operations per pair, so chunking cannot change a single bit.

struct Column {
    const double* data;
    std::size_t length;
};

using FourArrays = Napi::Float64Array[4];

class ManyJob final : public Job {
public:
    ManyJob(Napi::Env env, unsigned threads, Napi::Int32Array control, const GeoVariant& variant, const FourArrays& in,
            double radius, Napi::Float64Array out)
        : Job(env, "greatCircleManyAsync", threads, control), variant_(variant), radius_(radius), out_(out.Data()), n_(out.ElementLength()) {
        for (int c = 0; c < 4; ++c) {
            in_[c] = Column{in[c].Data(), in[c].ElementLength()};
            Keep(in[c]);
        }
        Keep(out);
    }

private:
    void Run(Control& control) override {
        // ~14 ns per pair on one AVX2 core: 64K pairs are ~1 ms. Multiples of 16 pairs (the
        // widest variant's step) leave a padded tail only at the very end.
        std::size_t size = chunk_size(n_, threads_, 4096, 65536);
        size = (size + 15) / 16 * 16;
        for_each_chunk(control, threads_, ceil_div(n_, size), [&](std::size_t i) {
            const std::size_t a = i * size;
            const std::size_t m = std::min(size, n_ - a);
            // A column of length n is cut to the chunk; a broadcast one (length 1) stays whole.
            const double* p[4];
            std::size_t len[4];
            for (int c = 0; c < 4; ++c) {
                const bool whole = in_[c].length == n_;
                p[c] = whole ? in_[c].data + a : in_[c].data;
                len[c] = whole ? m : 1;
            }
            variant_.many(p[0], len[0], p[1], len[1], p[2], len[2], p[3], len[3], radius_, out_ + a, m);
        });
    }

    const GeoVariant& variant_;
    Column in_[4];
    double radius_;
    double* out_;
    std::size_t n_;
};

Napi::Value GreatCircleManyAsync(const Napi::CallbackInfo& info) {
    const std::string name = "greatCircleManyAsync";
    const GeoArgs args = ManyArgsOf(info, name);
    const unsigned threads = ThreadsArg(info, 6, name);
    Napi::Int32Array control = ControlArg(info, 7, name);
    return Job::Start(std::unique_ptr<Job>(new ManyJob(info.Env(), threads, control, VariantOf(info), args.arrays, args.radius, args.out)),
                      info.Env());
}

class MatrixJob final : public Job {
public:
    MatrixJob(Napi::Env env, unsigned threads, Napi::Int32Array control, const GeoVariant& variant, const FourArrays& in,
              double radius, Napi::Float64Array out)
        : Job(env, "greatCircleMatrixAsync", threads, control), variant_(variant), radius_(radius), out_(out.Data()) {
        for (int c = 0; c < 4; ++c) {
            in_[c] = Column{in[c].Data(), in[c].ElementLength()};
            Keep(in[c]);
        }
        Keep(out);
    }

private:
    void Run(Control& control) override {
        const std::size_t n_a = in_[0].length, n_b = in_[2].length;
        if (n_a == 0 || n_b == 0) {
            control.start(0);
            return;
        }
        // ~10 ns per cell on one AVX2 core: 256K cells are ~2.5 ms.
        constexpr std::size_t kCells = std::size_t{1} << 18;
        if (n_b <= kCells) {
            // Blocks of whole rows, by the matrix kernel (it prepares the B points once per block).
            // At least ~4K cells per chunk (a thread is not worth starting for less), at most kCells.
            const std::size_t most = std::max<std::size_t>(1, kCells / n_b);
            const std::size_t rows = chunk_size(n_a, threads_, std::min(most, ceil_div(4096, n_b)), most);
            for_each_chunk(control, threads_, ceil_div(n_a, rows), [&](std::size_t i) {
                const std::size_t r = i * rows;
                const std::size_t m = std::min(rows, n_a - r);
                variant_.matrix(in_[0].data + r, in_[1].data + r, m, in_[2].data, in_[3].data, n_b, radius_, out_ + r * n_b);
            });
        } else {
            // Rows too long for one chunk: pieces of a row, by the pairwise kernel with the A point
            // broadcast (bit-identical to the matrix kernel: the same operations of the same variant).
            const std::size_t pieces = ceil_div(n_b, kCells);
            for_each_chunk(control, threads_, n_a * pieces, [&](std::size_t i) {
                const std::size_t r = i / pieces;
                const std::size_t c = (i % pieces) * kCells;
                const std::size_t m = std::min(kCells, n_b - c);
                variant_.many(in_[0].data + r, 1, in_[1].data + r, 1, in_[2].data + c, m, in_[3].data + c, m, radius_,
                              out_ + r * n_b + c, m);
            });
        }
    }

    const GeoVariant& variant_;
    Column in_[4];
    double radius_;
    double* out_;
};

Napi::Value GreatCircleMatrixAsync(const Napi::CallbackInfo& info) {
    const std::string name = "greatCircleMatrixAsync";
    const GeoArgs args = MatrixArgsOf(info, name);
    const unsigned threads = ThreadsArg(info, 6, name);
    Napi::Int32Array control = ControlArg(info, 7, name);
    return Job::Start(std::unique_ptr<Job>(new MatrixJob(info.Env(), threads, control, VariantOf(info), args.arrays, args.radius, args.out)),
                      info.Env());
}

}  // namespace

void AddPrimeAsyncFunctions(Napi::Env env, Napi::Object target) {
    target.Set("checkPrimesAsync", Napi::Function::New(env, PromiseFunction<CheckPrimesAsync>, "checkPrimesAsync"));
    target.Set("countPrimesAsync", Napi::Function::New(env, PromiseFunction<CountPrimesAsync>, "countPrimesAsync"));
    target.Set("primesBetweenAsync", Napi::Function::New(env, PromiseFunction<PrimesBetweenAsync>, "primesBetweenAsync"));
}

void AddGeoAsyncFunctions(Napi::Env env, Napi::Object target, const GeoVariant& variant) {
    void* data = const_cast<GeoVariant*>(&variant);  // read-only, static lifetime
    target.Set("greatCircleManyAsync",
               Napi::Function::New(env, PromiseFunction<GreatCircleManyAsync>, "greatCircleManyAsync", data));
    target.Set("greatCircleMatrixAsync",
               Napi::Function::New(env, PromiseFunction<GreatCircleMatrixAsync>, "greatCircleMatrixAsync", data));
}

}  // namespace numaccel
