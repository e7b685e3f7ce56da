// numaccel — the multi-threaded async batch kernels (the AsyncKernels interface of
// src/contract.ts): Promise-returning Node-API functions whose work runs off the JS thread, on
// `threads` std::threads of the job's own that share it out in chunks (design: async/job.h; the
// work split: async/split.h, async/sieve_split.h).
#ifndef NUMACCEL_ASYNC_H
#define NUMACCEL_ASYNC_H

#include <napi.h>

#include "kernels/geo.h"

namespace numaccel {

// Largest `threads` argument accepted (as in src/async.ts).
constexpr unsigned kAsyncMaxThreads = 256;

// What the async kernels run on, for the addon's `features`.
constexpr const char* kAsyncThreadsFeature = "std::thread";

// Sets checkPrimesAsync, countPrimesAsync and primesBetweenAsync on `target`.
void AddPrimeAsyncFunctions(Napi::Env env, Napi::Object target);

// Sets greatCircleManyAsync and greatCircleMatrixAsync, computed with `variant` (static lifetime),
// on `target`.
void AddGeoAsyncFunctions(Napi::Env env, Napi::Object target, const GeoVariant& variant);

}  // namespace numaccel

#endif  // NUMACCEL_ASYNC_H
