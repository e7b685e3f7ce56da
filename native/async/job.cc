// numaccel — the job lifecycle (job.h): starting a job's threads, and settling its promise on the
// JS thread or stopping it when the environment is torn down.
#include "job.h"

#include <cmath>
#include <exception>
#include <mutex>
#include <new>

#include "../async.h"
#include "../glue.h"

namespace numaccel {
namespace async {

using glue::NumberArg;
using glue::TypedArrayArg;

void throw_aborted() { throw JobError(ErrorKind::kAbort, "the operation was aborted"); }

void run_on_threads(unsigned count, Control& control, const std::function<void(unsigned)>& body,
                    const std::function<void(unsigned)>& not_started) {
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

Napi::Value Job::Start(std::unique_ptr<Job> job, Napi::Env env) {
    Napi::Promise promise = job->deferred_.Promise();
    // The thread-safe function only delivers "done" to the JS thread; it keeps the event
    // loop alive (it is ref'd) until the job has been settled.
    napi_status status = napi_create_threadsafe_function(env, nullptr, nullptr, Napi::String::New(env, job->name_), 0,
                                                         1, job.get(), Finalize, job.get(), Settle, &job->done_);
    if (status != napi_ok)
        throw Napi::Error::New(env, std::string(job->name_) + ": could not create the completion callback");
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

Job::Job(Napi::Env env, const char* name, unsigned threads, Napi::Int32Array control)
    : name_(name), threads_(threads), deferred_(Napi::Promise::Deferred::New(env)), control_(control.Data()) {
    Keep(control);
}

// On the job's first thread.
void Job::Execute() noexcept {
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

void Job::Fail(ErrorKind kind, const std::string& message) noexcept {
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
void Job::Deliver() noexcept {
    if (napi_call_threadsafe_function(done_, nullptr, napi_tsfn_blocking) != napi_closing) {
        napi_release_threadsafe_function(done_, napi_tsfn_release);
    }
}

// On the JS thread, once the work is done: resolves or rejects the promise. env is null when
// the environment is being torn down (context may then be gone: not touched).
void Job::Settle(napi_env env, napi_value, void* context, void*) {
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
void Job::Finalize(napi_env, void* data, void*) {
    Job* job = static_cast<Job*>(data);
    if (job->hooked_) napi_remove_env_cleanup_hook(job->env_, StopAtTeardown, job);
    job->control_.fail();
    if (job->coordinator_.joinable()) job->coordinator_.join();
    delete job;
}

// Environment cleanup hook: runs (on the JS thread) before the thread-safe functions are
// finalized, so that all running jobs stop in parallel rather than one join after another.
void Job::StopAtTeardown(void* data) { static_cast<Job*>(data)->control_.fail(); }

unsigned ThreadsArg(const Napi::CallbackInfo& info, std::size_t i, const std::string& name) {
    const double threads = NumberArg(info, i, (name + ": threads must be a number").c_str());
    if (!(threads >= 1.0 && threads <= kAsyncMaxThreads) || std::floor(threads) != threads) {
        throw Napi::RangeError::New(
            info.Env(), name + ": threads must be an integer in [1, " + std::to_string(kAsyncMaxThreads) + "]");
    }
    return static_cast<unsigned>(threads);
}

Napi::Int32Array ControlArg(const Napi::CallbackInfo& info, std::size_t i, const std::string& name) {
    Napi::Int32Array control =
        TypedArrayArg<std::int32_t>(info, i, napi_int32_array, (name + ": control must be an Int32Array").c_str());
    if (control.ElementLength() < 3) {
        throw Napi::RangeError::New(info.Env(), name + ": control must have at least 3 elements");
    }
    return control;
}

}  // namespace async
}  // namespace numaccel
