// numaccel — the life of one async job (the AsyncKernels of src/contract.ts): a Promise-returning
// Node-API function checks its arguments on the JS thread, reads the typed arrays' data pointers
// there, and starts a Job, whose work runs on std::threads of the job's own: the first one runs
// the job and starts `threads - 1` more (never more threads than work units), and joins them all
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
#ifndef NUMACCEL_ASYNC_JOB_H
#define NUMACCEL_ASYNC_JOB_H

#include <napi.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#if defined(_MSC_VER) && !defined(__clang__)
#include <intrin.h>
#endif

#include "../kernels/stop.h"

namespace numaccel {
namespace async {

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

    bool stop_requested() const noexcept override { return failed_.load(std::memory_order_relaxed) || cancelled(); }
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

[[noreturn]] void throw_aborted();

// ---- threads -------------------------------------------------------------------------------------
// Runs body(i) for every i < count: i = 0 on the calling thread, the others on new std::threads,
// and joins them all. An index whose thread cannot be created is reported to not_started (any
// thread may be running body already) and skipped; the bodies must cope with that. The first
// exception thrown by a body is rethrown after the join; as soon as it is caught, control.fail()
// tells the other bodies to stop at their next check.
void run_on_threads(unsigned count, Control& control, const std::function<void(unsigned)>& body,
                    const std::function<void(unsigned)>& not_started = nullptr);

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
    static Napi::Value Start(std::unique_ptr<Job> job, Napi::Env env);

  protected:
    Job(Napi::Env env, const char* name, unsigned threads, Napi::Int32Array control);

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
    void Execute() noexcept;
    void Fail(ErrorKind kind, const std::string& message) noexcept;
    void Deliver() noexcept;
    static void Settle(napi_env env, napi_value, void* context, void*);
    static void Finalize(napi_env, void* data, void*);
    static void StopAtTeardown(void* data);

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

// ---- arguments -----------------------------------------------------------------------------------
// The last two arguments of every async kernel: threads (integer in [1, 256]) and control
// (Int32Array of length >= 3).
unsigned ThreadsArg(const Napi::CallbackInfo& info, std::size_t i, const std::string& name);
Napi::Int32Array ControlArg(const Napi::CallbackInfo& info, std::size_t i, const std::string& name);

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

}  // namespace async
}  // namespace numaccel

#endif  // NUMACCEL_ASYNC_JOB_H
