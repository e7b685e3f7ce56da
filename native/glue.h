// numaccel — argument helpers shared by the Node-API glue (addon.cc: synchronous kernels,
// async/: multi-threaded async kernels). Cheap checks only: the TypeScript facade
// (src/arguments.ts) has validated the elements; these make a direct call with bad arguments throw
// a TypeError/RangeError instead of crashing.
#ifndef NUMACCEL_GLUE_H
#define NUMACCEL_GLUE_H

#include <napi.h>

#include <cmath>
#include <cstdint>
#include <new>
#include <string>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "kernels/geo.h"

namespace numaccel {
namespace glue {

// Reads info[i] as a double; throws TypeError for non-numbers (one Node-API call per argument:
// napi_get_value_double itself reports napi_number_expected).
inline double NumberArg(const Napi::CallbackInfo& info, std::size_t i, const char* message) {
    double out = 0.0;
    if (napi_get_value_double(info.Env(), info[i], &out) != napi_ok) {
        throw Napi::TypeError::New(info.Env(), message);
    }
    return out;
}

// info[i] as a typed array of the given type, or a TypeError naming the expected type.
// Typed arrays may be views (subarray): Data() already points at the view's first element and
// ElementLength() is the view's length.
template <typename T>
Napi::TypedArrayOf<T> TypedArrayArg(const Napi::CallbackInfo& info, std::size_t i, napi_typedarray_type type,
                                    const char* message) {
    const Napi::Value v = info[i];
    if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != type) {
        throw Napi::TypeError::New(info.Env(), message);
    }
    return v.As<Napi::TypedArrayOf<T>>();
}

// A large result array is written once, start to finish, right after the facade allocated it,
// so every 4 KiB page of it faults on first write: 10,000 faults for 5·10^6 distances, a fifth of
// the native call (docs/algorithms.md, "Measured choices"). On Linux, ask for transparent huge
// pages for the whole ArrayBuffer behind `out` when it holds 4 MiB or more (NumPy advises the
// same for its large arrays: numpy/_core/src/multiarray/alloc.c). Only the
// 2 MiB-aligned interior is advised, so no memory outside the buffer is touched, and the advice
// is given where the view starts the buffer: once per result, as the facade passes results in
// blocks. A kernel that ignores it (THP disabled, another OS) just runs as before.
inline void AdviseHugePages(const Napi::TypedArray& out) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (out.ByteOffset() != 0) return;
    Napi::ArrayBuffer buffer = out.ArrayBuffer();
    // A SharedArrayBuffer has no Node-API length query (napi_get_arraybuffer_info refuses it):
    // such a result goes without the advice.
    if (!static_cast<Napi::Value>(buffer).IsArrayBuffer()) return;
    constexpr std::uintptr_t kHugePage = std::uintptr_t{2} << 20;
    if (buffer.ByteLength() < 2 * kHugePage) return;
    const std::uintptr_t start = reinterpret_cast<std::uintptr_t>(buffer.Data());
    const std::uintptr_t begin = (start + kHugePage - 1) & ~(kHugePage - 1);
    const std::uintptr_t end = (start + buffer.ByteLength()) & ~(kHugePage - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)out;
#endif
}

// lo and hi of countPrimes / primesBetween (info[0], info[1]): integers with 0 <= lo <= hi <= 2^53.
inline void RangeArgs(const Napi::CallbackInfo& info, const char* name, std::uint64_t& lo, std::uint64_t& hi) {
    const std::string prefix(name);
    const double dlo = NumberArg(info, 0, (prefix + ": lo and hi must be numbers").c_str());
    const double dhi = NumberArg(info, 1, (prefix + ": lo and hi must be numbers").c_str());
    constexpr double kLimit = 9007199254740992.0;  // 2^53
    // Negated comparisons so that NaN is rejected too.
    if (!(dlo >= 0.0 && dhi <= kLimit && dlo <= dhi) || std::floor(dlo) != dlo || std::floor(dhi) != dhi) {
        throw Napi::RangeError::New(info.Env(), prefix + ": need integers 0 <= lo <= hi <= 2^53");
    }
    lo = static_cast<std::uint64_t>(dlo);
    hi = static_cast<std::uint64_t>(dhi);
}

// f() with std::bad_alloc turned into a JavaScript Error "<name>: out of memory".
template <typename F>
auto OrOutOfMemory(const Napi::Env& env, const char* name, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        throw Napi::Error::New(env, std::string(name) + ": out of memory");
    }
}

// The radius argument of the batch great-circle kernels: positive and finite.
inline double RadiusArg(const Napi::CallbackInfo& info, std::size_t i, const char* name) {
    const std::string prefix(name);
    const double radius = NumberArg(info, i, (prefix + ": radius must be a number").c_str());
    if (!(radius > 0.0 && radius <= 1.7976931348623157e308)) {
        throw Napi::RangeError::New(info.Env(), prefix + ": radius must be positive and finite");
    }
    return radius;
}

// The arguments every batch great-circle function starts with, sync or async: four coordinate
// Float64Arrays, the radius and out (a Float64Array), with their shapes checked.
struct GeoArgs {
    Napi::Float64Array arrays[4];
    double radius;
    Napi::Float64Array out;
};

inline GeoArgs GeoArgsOf(const Napi::CallbackInfo& info, const std::string& name, const char* inputs) {
    const std::string type_msg = name + ": " + inputs + " and out must be Float64Arrays";
    GeoArgs args;
    for (std::size_t i = 0; i < 4; ++i)
        args.arrays[i] = TypedArrayArg<double>(info, i, napi_float64_array, type_msg.c_str());
    args.radius = RadiusArg(info, 4, name.c_str());
    args.out = TypedArrayArg<double>(info, 5, napi_float64_array, type_msg.c_str());
    return args;
}

// greatCircleMany(lon1, lat1, lon2, lat2, radius, out, ...): each input of length out.length or 1
// (broadcast).
inline GeoArgs ManyArgsOf(const Napi::CallbackInfo& info, const std::string& name) {
    GeoArgs args = GeoArgsOf(info, name, "lon1, lat1, lon2, lat2");
    const std::size_t n = args.out.ElementLength();
    for (const Napi::Float64Array& a : args.arrays) {
        if (a.ElementLength() != n && a.ElementLength() != 1) {
            throw Napi::RangeError::New(info.Env(), name + ": every input must have length out.length or 1");
        }
    }
    AdviseHugePages(args.out);
    return args;
}

// greatCircleMatrix(lonsA, latsA, lonsB, latsB, radius, out, ...): each set's lons and lats of
// equal length, out.length = lonsA.length * lonsB.length.
inline GeoArgs MatrixArgsOf(const Napi::CallbackInfo& info, const std::string& name) {
    GeoArgs args = GeoArgsOf(info, name, "lonsA, latsA, lonsB, latsB");
    const std::size_t n_a = args.arrays[0].ElementLength(), n_b = args.arrays[2].ElementLength();
    if (args.arrays[1].ElementLength() != n_a || args.arrays[3].ElementLength() != n_b) {
        throw Napi::RangeError::New(info.Env(), name + ": lons and lats of each set must have equal lengths");
    }
    // out.length == n_a * n_b, tested without overflowing the product.
    const std::size_t n_out = args.out.ElementLength();
    if (n_b == 0 ? n_out != 0 : (n_out % n_b != 0 || n_out / n_b != n_a)) {
        throw Napi::RangeError::New(info.Env(), name + ": out.length must be lonsA.length * lonsB.length");
    }
    AdviseHugePages(args.out);
    return args;
}

// The batch functions of one SIMD variant, sync or async: CallbackInfo::Data() is its GeoVariant.
inline const GeoVariant& VariantOf(const Napi::CallbackInfo& info) {
    return *static_cast<const GeoVariant*>(info.Data());
}

}  // namespace glue

// geodesic_glue.cc: sets the geodesic kernels (geodesicInverse, geodesicDistance, geodesicDirect,
// geodesicDistanceMany, geodesicDistanceMatrix, geodesicArea) on `exports`.
void AddGeodesicFunctions(Napi::Env env, Napi::Object exports);
// geodesicDistanceMany / geodesicDistanceMatrix of one variant (native/geodesic_glue.cc).
void AddGeodesicVariantFunctions(Napi::Env env, Napi::Object fns, const GeoVariant& variant);

}  // namespace numaccel

#endif  // NUMACCEL_GLUE_H
