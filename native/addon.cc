// numaccel — Node-API glue for the C++ kernels (node-addon-api, C++ exceptions enabled).
// The numerical code lives in native/kernels/ (plain C++17); this file only converts
// arguments, checks them cheaply, and converts results.
//
// The TypeScript facade (src/validate.ts) validates inputs before they get here; the checks
// below exist so that a direct call with bad arguments throws a TypeError/RangeError instead
// of crashing or silently computing garbage. They are kept to one Node-API type query plus a
// few comparisons per argument, because checkPrime is called millions of times in loops.
#include <napi.h>

#include <cstdint>
#include <string>

#include "kernels/geo.h"
#include "kernels/prime.h"

#if defined(NUMACCEL_BUILD_NODE_GYP)
#define NUMACCEL_BUILD_SYSTEM "node-gyp"
#elif defined(NUMACCEL_BUILD_CMAKE_JS)
#define NUMACCEL_BUILD_SYSTEM "cmake-js"
#else
#define NUMACCEL_BUILD_SYSTEM "unknown"
#endif

namespace {

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

// Reads info[i] as a double; throws TypeError for non-numbers (one Node-API call per argument:
// napi_get_value_double itself reports napi_number_expected).
inline double NumberArg(const Napi::CallbackInfo& info, std::size_t i, const char* message) {
    double out = 0.0;
    if (napi_get_value_double(info.Env(), info[i], &out) != napi_ok) {
        throw Napi::TypeError::New(info.Env(), message);
    }
    return out;
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

    Napi::Object features = Napi::Object::New(env);
    features.Set("compiler", CompilerName());
    features.Set("build", NUMACCEL_BUILD_SYSTEM);
    features.Set("cxx", CxxStandard());
    features.Set("napiVersion", std::to_string(NAPI_VERSION));
    features.Set("montgomery", true);
    features.Set("trialDivision", "multiply-by-inverse");
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
