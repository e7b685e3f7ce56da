// numaccel — Node-API glue for the C++ kernels (node-addon-api, C++ exceptions enabled).
// The numerical code lives in native/kernels/ (plain C++17); this file only converts
// arguments, checks them cheaply, and converts results. The multi-threaded async versions of
// the batch kernels are in async/; the argument helpers both use are in glue.h.
//
// The TypeScript facade (src/arguments.ts) validates inputs before they get here; the checks
// below exist so that a direct call with bad arguments throws a TypeError/RangeError instead
// of crashing or silently computing garbage. They are kept to one Node-API type query plus a
// few comparisons per argument, because checkPrime is called millions of times in loops.
#include <napi.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <new>
#include <string>

#include "async.h"
#include "glue.h"
#include "kernels/geo.h"
#include "kernels/prime.h"
#include "kernels/primecount.h"
#include "kernels/sieve.h"

#if defined(NUMACCEL_BUILD_NODE_GYP)
#define NUMACCEL_BUILD_SYSTEM "node-gyp"
#elif defined(NUMACCEL_BUILD_CMAKE_JS)
#define NUMACCEL_BUILD_SYSTEM "cmake-js"
#elif defined(NUMACCEL_BUILD_PREBUILDS)
#define NUMACCEL_BUILD_SYSTEM "prebuilds"  // scripts/prebuilds.mjs
#else
#define NUMACCEL_BUILD_SYSTEM "unknown"
#endif

namespace {

using numaccel::glue::AdviseHugePages;
using numaccel::glue::GeoArgs;
using numaccel::glue::ManyArgsOf;
using numaccel::glue::MatrixArgsOf;
using numaccel::glue::NumberArg;
using numaccel::glue::OrOutOfMemory;
using numaccel::glue::RangeArgs;
using numaccel::glue::TypedArrayArg;
using numaccel::glue::VariantOf;

constexpr double kMaxSafeInteger = 9007199254740991.0;  // 2^53 - 1

// checkPrime(n: number | bigint): boolean
Napi::Value CheckPrime(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const Napi::Value arg = info[0];  // `undefined` if missing
    std::uint64_t n;
    switch (arg.Type()) {  // a single napi_typeof call
        case napi_number: {
            const double d = arg.As<Napi::Number>().DoubleValue();
            // Negated comparison so that NaN is rejected too.
            if (!(d >= 0.0 && d <= kMaxSafeInteger)) {
                throw Napi::RangeError::New(env, "checkPrime: n must be a non-negative safe integer");
            }
            n = static_cast<std::uint64_t>(d);
            if (static_cast<double>(n) != d) {
                throw Napi::RangeError::New(env, "checkPrime: n must be an integer");
            }
            break;
        }
        case napi_bigint: {
            bool lossless = false;
            n = arg.As<Napi::BigInt>().Uint64Value(&lossless);
            if (!lossless) {  // negative, or >= 2^64
                throw Napi::RangeError::New(env, "checkPrime: bigint n must be in [0, 2^64)");
            }
            break;
        }
        default:
            throw Napi::TypeError::New(env, "checkPrime: n must be a number or a bigint");
    }
    return Napi::Boolean::New(env, numaccel::check_prime(n));
}

// greatCircle(lon1, lat1, lon2, lat2, radius): number
Napi::Value GreatCircle(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    constexpr const char* kTypeMsg = "greatCircle: expected five numbers (lon1, lat1, lon2, lat2, radius)";
    const double lon1 = NumberArg(info, 0, kTypeMsg);
    const double lat1 = NumberArg(info, 1, kTypeMsg);
    const double lon2 = NumberArg(info, 2, kTypeMsg);
    const double lat2 = NumberArg(info, 3, kTypeMsg);
    const double radius = NumberArg(info, 4, kTypeMsg);
    // Domain of the kernel (docs/algorithms.md). Written so that NaN fails every test.
    constexpr double kMax = 1.7976931348623157e308;
    if (!(lon1 >= -kMax && lon1 <= kMax && lon2 >= -kMax && lon2 <= kMax)) {
        throw Napi::RangeError::New(env, "greatCircle: longitudes must be finite");
    }
    if (!(lat1 >= -90.0 && lat1 <= 90.0 && lat2 >= -90.0 && lat2 <= 90.0)) {
        throw Napi::RangeError::New(env, "greatCircle: latitudes must be in [-90, 90]");
    }
    if (!(radius > 0.0 && radius <= kMax)) {
        throw Napi::RangeError::New(env, "greatCircle: radius must be positive and finite");
    }
    return Napi::Number::New(env, numaccel::great_circle(lon1, lat1, lon2, lat2, radius));
}

// ---- batch kernels ------------------------------------------------------------------------------
// Typed arrays may be views (subarray): Data() already points at the view's first element and
// ElementLength() is the view's length. Only the argument types and lengths are checked here;
// the elements were validated by the facade.

// checkPrimes(values: Float64Array | BigUint64Array, out: Uint8Array): void
Napi::Value CheckPrimes(const Napi::CallbackInfo& info) {
    const Napi::Env env = info.Env();
    const Napi::Value values = info[0];
    Napi::Uint8Array out =
        TypedArrayArg<std::uint8_t>(info, 1, napi_uint8_array, "checkPrimes: out must be a Uint8Array");
    if (!values.IsTypedArray()) {
        throw Napi::TypeError::New(env, "checkPrimes: values must be a Float64Array or a BigUint64Array");
    }
    const napi_typedarray_type type = values.As<Napi::TypedArray>().TypedArrayType();
    if (type == napi_float64_array) {
        const Napi::Float64Array v = values.As<Napi::Float64Array>();
        if (out.ElementLength() != v.ElementLength()) {
            throw Napi::RangeError::New(env, "checkPrimes: out.length must equal values.length");
        }
        numaccel::check_primes_f64(v.Data(), v.ElementLength(), out.Data());
    } else if (type == napi_biguint64_array) {
        const Napi::BigUint64Array v = values.As<Napi::BigUint64Array>();
        if (out.ElementLength() != v.ElementLength()) {
            throw Napi::RangeError::New(env, "checkPrimes: out.length must equal values.length");
        }
        numaccel::check_primes_u64(v.Data(), v.ElementLength(), out.Data());
    } else {
        throw Napi::TypeError::New(env, "checkPrimes: values must be a Float64Array or a BigUint64Array");
    }
    return env.Undefined();
}

// countPrimes(lo: number, hi: number): number
Napi::Value CountPrimes(const Napi::CallbackInfo& info) {
    std::uint64_t lo, hi;
    RangeArgs(info, "countPrimes", lo, hi);
    const std::uint64_t count =
        OrOutOfMemory(info.Env(), "countPrimes", [&] { return numaccel::count_primes(lo, hi); });
    return Napi::Number::New(info.Env(), static_cast<double>(count));
}

// primesBetween(lo: number, hi: number, out: Float64Array): number
Napi::Value PrimesBetween(const Napi::CallbackInfo& info) {
    std::uint64_t lo, hi;
    RangeArgs(info, "primesBetween", lo, hi);
    Napi::Float64Array out =
        TypedArrayArg<double>(info, 2, napi_float64_array, "primesBetween: out must be a Float64Array");
    AdviseHugePages(out);
    const std::size_t n = OrOutOfMemory(
        info.Env(), "primesBetween", [&] { return numaccel::primes_between(lo, hi, out.Data(), out.ElementLength()); });
    if (n == numaccel::kPrimesOverflow) {
        throw Napi::RangeError::New(info.Env(), "primesBetween: out is too short for the primes in [lo, hi)");
    }
    return Napi::Number::New(info.Env(), static_cast<double>(n));
}

// ---- prime counting (kernels/primecount.h) -------------------------------------------------------
// The facade validates; these checks only keep a direct call with bad arguments from computing
// garbage. nextPrime/prevPrime return the type they were given; where there is no such prime in
// the range (nextPrime(n) >= 2^53 for a number n or >= 2^64 for a bigint, prevPrime(n <= 2)) they
// return the sentinel -1 (number) or -1n (bigint), which the facade turns into a RangeError.

// An integer in [0, max] passed as a number.
std::uint64_t IntegerArg(const Napi::CallbackInfo& info, std::size_t i, double max, const char* message) {
    const double d = NumberArg(info, i, message);
    // Negated comparison so that NaN is rejected too.
    if (!(d >= 0.0 && d <= max) || std::floor(d) != d) throw Napi::RangeError::New(info.Env(), message);
    return static_cast<std::uint64_t>(d);
}

// primePi(x: number): number, for integers 0 <= x <= 2^53.
Napi::Value PrimePi(const Napi::CallbackInfo& info) {
    const std::uint64_t x = IntegerArg(info, 0, 9007199254740992.0, "primePi: x must be an integer in [0, 2^53]");
    const std::uint64_t pi = OrOutOfMemory(info.Env(), "primePi", [&] { return numaccel::prime_pi(x); });
    return Napi::Number::New(info.Env(), static_cast<double>(pi));
}

// primePiCombinatorial(x: number, alpha?: number): number — the Deléglise–Rivat code itself for
// 400 <= x <= 2^53 (small x too, unlike primePi), with y = alpha * x^(1/3): for tests and tuning.
Napi::Value PrimePiCombinatorial(const Napi::CallbackInfo& info) {
    const char* message = "primePiCombinatorial: x must be an integer in [400, 2^53]";
    const std::uint64_t x = IntegerArg(info, 0, 9007199254740992.0, message);
    if (x < 400) throw Napi::RangeError::New(info.Env(), message);
    double alpha = 0;
    if (info.Length() > 1 && !info[1].IsUndefined()) {
        alpha = NumberArg(info, 1, "primePiCombinatorial: alpha must be a number");
        if (!(alpha >= 0.0 && alpha <= 1e6))
            throw Napi::RangeError::New(info.Env(), "primePiCombinatorial: alpha must be in [0, 1e6]");
    }
    const std::uint64_t pi =
        OrOutOfMemory(info.Env(), "primePiCombinatorial", [&] { return numaccel::prime_pi_combinatorial(x, alpha); });
    return Napi::Number::New(info.Env(), static_cast<double>(pi));
}

// The x of the π(x) parts: an integer in [400, 2^53].
std::uint64_t PartsX(const Napi::CallbackInfo& info, const std::string& name) {
    const std::string message = name + ": x must be an integer in [400, 2^53]";
    const std::uint64_t x = IntegerArg(info, 0, 9007199254740992.0, message.c_str());
    if (x < 400) throw Napi::RangeError::New(info.Env(), message);
    return x;
}

// primePiLeaves(x: number, index: number, count: number): bigint, for 0 <= index < count <= 2^32.
Napi::Value PrimePiLeaves(const Napi::CallbackInfo& info) {
    const std::uint64_t x = PartsX(info, "primePiLeaves");
    const char* message = "primePiLeaves: need integers 0 <= index < count <= 2^32";
    const std::uint64_t index = IntegerArg(info, 1, 4294967296.0, message);
    const std::uint64_t count = IntegerArg(info, 2, 4294967296.0, message);
    if (index >= count) throw Napi::RangeError::New(info.Env(), message);
    const std::int64_t sum =
        OrOutOfMemory(info.Env(), "primePiLeaves", [&] { return numaccel::prime_pi_leaves(x, index, count); });
    return Napi::BigInt::New(info.Env(), sum);
}

// primePiSieve(x: number, from: number, to: number): BigInt64Array, laid out as
// PRIME_PI_SIEVE_LAYOUT in src/contract.ts says.
Napi::Value PrimePiSieve(const Napi::CallbackInfo& info) {
    const std::uint64_t x = PartsX(info, "primePiSieve");
    const char* message = "primePiSieve: need integers 0 <= from <= to <= 2^53";
    const std::uint64_t from = IntegerArg(info, 1, 9007199254740992.0, message);
    const std::uint64_t to = IntegerArg(info, 2, 9007199254740992.0, message);
    if (from > to) throw Napi::RangeError::New(info.Env(), message);
    const numaccel::PrimePiSieveSums sums =
        OrOutOfMemory(info.Env(), "primePiSieve", [&] { return numaccel::prime_pi_sieve(x, from, to); });
    const std::size_t n = sums.phi.size();
    Napi::BigInt64Array out = Napi::BigInt64Array::New(info.Env(), 7 + 2 * n);
    std::int64_t* d = out.Data();
    d[0] = sums.hard;
    d[1] = sums.sparse;
    d[2] = sums.p2;
    d[3] = static_cast<std::int64_t>(sums.sparse_terms);
    d[4] = static_cast<std::int64_t>(sums.p2_terms);
    d[5] = static_cast<std::int64_t>(sums.pi_end);
    d[6] = sums.absolute ? 1 : 0;
    std::copy(sums.phi.begin(), sums.phi.end(), d + 7);
    std::copy(sums.sign.begin(), sums.sign.end(), d + 7 + n);
    return out;
}

// nthPrime(n: number): number, for integers 1 <= n <= pi(2^53).
Napi::Value NthPrime(const Napi::CallbackInfo& info) {
    const char* message = "nthPrime: n must be an integer in [1, pi(2^53)]";
    const std::uint64_t n = IntegerArg(info, 0, static_cast<double>(numaccel::kNthPrimeLimit), message);
    if (n == 0) throw Napi::RangeError::New(info.Env(), message);
    const std::uint64_t p = OrOutOfMemory(info.Env(), "nthPrime", [&] { return numaccel::nth_prime(n); });
    return Napi::Number::New(info.Env(), static_cast<double>(p));
}

// next/prevPrime(n: number | bigint): the same type; -1 / -1n when there is no such prime.
template <std::uint64_t (*Kernel)(std::uint64_t) noexcept>
Napi::Value NeighbourPrime(const Napi::CallbackInfo& info, const char* name) {
    const Napi::Env env = info.Env();
    const Napi::Value arg = info[0];
    const std::string prefix(name);
    switch (arg.Type()) {
        case napi_number: {
            const double d = arg.As<Napi::Number>().DoubleValue();
            if (!(d >= 0.0 && d <= kMaxSafeInteger) || std::floor(d) != d) {
                throw Napi::RangeError::New(env, prefix + ": n must be a non-negative safe integer");
            }
            const std::uint64_t p = Kernel(static_cast<std::uint64_t>(d));
            if (p == 0 || p > static_cast<std::uint64_t>(kMaxSafeInteger)) return Napi::Number::New(env, -1.0);
            return Napi::Number::New(env, static_cast<double>(p));
        }
        case napi_bigint: {
            bool lossless = false;
            const std::uint64_t n = arg.As<Napi::BigInt>().Uint64Value(&lossless);
            if (!lossless) throw Napi::RangeError::New(env, prefix + ": bigint n must be in [0, 2^64)");
            const std::uint64_t p = Kernel(n);
            if (p == 0) return Napi::BigInt::New(env, static_cast<std::int64_t>(-1));
            return Napi::BigInt::New(env, p);
        }
        default:
            throw Napi::TypeError::New(env, prefix + ": n must be a number or a bigint");
    }
}

Napi::Value NextPrime(const Napi::CallbackInfo& info) {
    return NeighbourPrime<numaccel::next_prime>(info, "nextPrime");
}
Napi::Value PrevPrime(const Napi::CallbackInfo& info) {
    return NeighbourPrime<numaccel::prev_prime>(info, "prevPrime");
}

// greatCircleMany(lon1, lat1, lon2, lat2: Float64Array, radius: number, out: Float64Array): void
Napi::Value GreatCircleMany(const Napi::CallbackInfo& info) {
    GeoArgs args = ManyArgsOf(info, "greatCircleMany");
    const Napi::Float64Array* in = args.arrays;
    VariantOf(info).many(in[0].Data(), in[0].ElementLength(), in[1].Data(), in[1].ElementLength(), in[2].Data(),
                         in[2].ElementLength(), in[3].Data(), in[3].ElementLength(), args.radius, args.out.Data(),
                         args.out.ElementLength());
    return info.Env().Undefined();
}

// greatCircleMatrix(lonsA, latsA, lonsB, latsB: Float64Array, radius: number, out: Float64Array): void
Napi::Value GreatCircleMatrix(const Napi::CallbackInfo& info) {
    GeoArgs args = MatrixArgsOf(info, "greatCircleMatrix");
    const Napi::Float64Array* in = args.arrays;
    VariantOf(info).matrix(in[0].Data(), in[1].Data(), in[0].ElementLength(), in[2].Data(), in[3].Data(),
                           in[2].ElementLength(), args.radius, args.out.Data());
    return info.Env().Undefined();
}

// coordinatesInDomain(lon1, lat1, lon2, lat2: Float64Array): boolean
Napi::Value CoordinatesInDomain(const Napi::CallbackInfo& info) {
    const char* message = "coordinatesInDomain: lon1, lat1, lon2 and lat2 must be Float64Arrays";
    Napi::Float64Array in[4];
    for (std::size_t i = 0; i < 4; ++i) in[i] = TypedArrayArg<double>(info, i, napi_float64_array, message);
    return Napi::Boolean::New(
        info.Env(),
        numaccel::coordinates_in_domain(in[0].Data(), in[0].ElementLength(), in[1].Data(), in[1].ElementLength(),
                                        in[2].Data(), in[2].ElementLength(), in[3].Data(), in[3].ElementLength()));
}

// { greatCircleMany, greatCircleMatrix, greatCircleManyAsync, greatCircleMatrixAsync,
// geodesicDistanceMany, geodesicDistanceMatrix } bound to
// one variant, and whether it fuses multiply-adds (fusedMultiplyAdd).
Napi::Object VariantFunctions(Napi::Env env, const numaccel::GeoVariant& variant) {
    void* data = const_cast<numaccel::GeoVariant*>(&variant);  // read-only, static lifetime
    Napi::Object fns = Napi::Object::New(env);
    fns.Set("greatCircleMany", Napi::Function::New(env, GreatCircleMany, "greatCircleMany", data));
    fns.Set("greatCircleMatrix", Napi::Function::New(env, GreatCircleMatrix, "greatCircleMatrix", data));
    numaccel::AddGeoAsyncFunctions(env, fns, variant);
    numaccel::AddGeodesicVariantFunctions(env, fns, variant);
    fns.Set("fusedMultiplyAdd", variant.fused_multiply_add);
    return fns;
}

std::string CompilerName() {
#if defined(__clang__)
    return std::string("clang ") + __clang_version__;
#elif defined(__GNUC__)
    return std::string("g++ ") + __VERSION__;
#elif defined(_MSC_VER)
    return "msvc " + std::to_string(_MSC_VER);
#else
    return "unknown";
#endif
}

std::string CxxStandard() {
#if __cplusplus >= 202002L
    return "C++20";
#elif __cplusplus >= 201703L
    return "C++17";
#else
    return "C++" + std::to_string(__cplusplus);
#endif
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
    exports.Set("checkPrime", Napi::Function::New(env, CheckPrime, "checkPrime"));
    exports.Set("greatCircle", Napi::Function::New(env, GreatCircle, "greatCircle"));
    exports.Set("checkPrimes", Napi::Function::New(env, CheckPrimes, "checkPrimes"));
    exports.Set("countPrimes", Napi::Function::New(env, CountPrimes, "countPrimes"));
    exports.Set("primesBetween", Napi::Function::New(env, PrimesBetween, "primesBetween"));
    exports.Set("coordinatesInDomain", Napi::Function::New(env, CoordinatesInDomain, "coordinatesInDomain"));
    exports.Set("primePi", Napi::Function::New(env, PrimePi, "primePi"));
    exports.Set("primePiCombinatorial", Napi::Function::New(env, PrimePiCombinatorial, "primePiCombinatorial"));
    exports.Set("primePiLeaves", Napi::Function::New(env, PrimePiLeaves, "primePiLeaves"));
    exports.Set("primePiSieve", Napi::Function::New(env, PrimePiSieve, "primePiSieve"));
    exports.Set("nthPrime", Napi::Function::New(env, NthPrime, "nthPrime"));
    exports.Set("nextPrime", Napi::Function::New(env, NextPrime, "nextPrime"));
    exports.Set("prevPrime", Napi::Function::New(env, PrevPrime, "prevPrime"));

    // Async (Promise-returning, multi-threaded) prime kernels: async/.
    numaccel::AddPrimeAsyncFunctions(env, exports);

    // The geodesic kernels: geodesic_glue.cc.
    numaccel::AddGeodesicFunctions(env, exports);

    // The batch great-circle kernels, sync and async, of every SIMD variant this CPU runs, best
    // first: each variant is one build (src/builds.ts).
    std::size_t num_variants = 0;
    const numaccel::GeoVariant* variants = numaccel::geo_variants(&num_variants);
    Napi::Object by_name = Napi::Object::New(env);
    for (std::size_t i = 0; i < num_variants; ++i) by_name.Set(variants[i].name, VariantFunctions(env, variants[i]));
    exports.Set("variants", by_name);

    Napi::Object features = Napi::Object::New(env);
    features.Set("compiler", CompilerName());
    features.Set("build", NUMACCEL_BUILD_SYSTEM);
    features.Set("cxx", CxxStandard());
    features.Set("napiVersion", std::to_string(NAPI_VERSION));
    features.Set("montgomery", true);
    features.Set("trialDivision", "multiply-by-inverse");
    features.Set("trig", "fdlibm-polynomials");  // no libm: the same results across variants/backends
    features.Set("sieve", "mod30-segmented");
    features.Set("primePi", "deleglise-rivat");
    features.Set("asyncThreads", numaccel::kAsyncThreadsFeature);  // how the *Async kernels run
    features.Set("asyncMaxThreads", static_cast<double>(numaccel::kAsyncMaxThreads));
#if defined(__FAST_MATH__)
    features.Set("fastMath", true);
#else
    features.Set("fastMath", false);
#endif
    exports.Set("features", features);
    return exports;
}

}  // namespace

NODE_API_MODULE(numaccel, Init)
