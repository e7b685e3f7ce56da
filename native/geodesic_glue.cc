// numaccel — Node-API glue for the geodesic kernels (native/kernels/geodesic.h), the contract's
// geodesicInverse, geodesicDistance, geodesicDirect, geodesicDistanceMany, geodesicDistanceMatrix
// and geodesicArea (src/contract.ts, Kernels) with exactly its signatures.
//
// The TypeScript facade (src/geodesic.ts, src/geodesic-arguments.ts) has validated the values;
// these checks are what memory safety needs: argument types (TypeError), array lengths and out
// sizes (RangeError), so that a direct call with bad arguments throws instead of crashing. Values
// outside the kernels' domain (NaN, infinities, a bad ellipsoid) compute garbage, safely.
#include <napi.h>

#include <cstddef>
#include <string>

#include "glue.h"
#include "kernels/geodesic.h"

namespace numaccel {
namespace {

using glue::AdviseHugePages;
using glue::NumberArg;
using glue::TypedArrayArg;

// info[i] as a Float64Array of at least `min_length` elements (the results of the scalar kernels).
Napi::Float64Array OutArg(const Napi::CallbackInfo& info, std::size_t i, std::size_t min_length, const char* name) {
    const std::string prefix(name);
    Napi::Float64Array out =
        TypedArrayArg<double>(info, i, napi_float64_array, (prefix + ": out must be a Float64Array").c_str());
    if (out.ElementLength() < min_length) {
        throw Napi::RangeError::New(info.Env(),
                                    prefix + ": out must have at least " + std::to_string(min_length) + " elements");
    }
    return out;
}

// The six numbers the scalar kernels start with: four coordinates, then a and f.
struct ScalarArgs {
    double v[4];
    double a;
    double f;
};

ScalarArgs ScalarArgsOf(const Napi::CallbackInfo& info, const char* message) {
    ScalarArgs args;
    for (std::size_t i = 0; i < 4; ++i) args.v[i] = NumberArg(info, i, message);
    args.a = NumberArg(info, 4, message);
    args.f = NumberArg(info, 5, message);
    return args;
}

// geodesicInverse(lon1, lat1, lon2, lat2, a, f, out: Float64Array): void — out[0..2] = s12, azi1, azi2
Napi::Value GeodesicInverse(const Napi::CallbackInfo& info) {
    const ScalarArgs g = ScalarArgsOf(info, "geodesicInverse: expected six numbers (lon1, lat1, lon2, lat2, a, f)");
    Napi::Float64Array out = OutArg(info, 6, 3, "geodesicInverse");
    geodesic_inverse(g.v[0], g.v[1], g.v[2], g.v[3], g.a, g.f, out.Data());
    return info.Env().Undefined();
}

// geodesicDistance(lon1, lat1, lon2, lat2, a, f): number
Napi::Value GeodesicDistance(const Napi::CallbackInfo& info) {
    const ScalarArgs g = ScalarArgsOf(info, "geodesicDistance: expected six numbers (lon1, lat1, lon2, lat2, a, f)");
    return Napi::Number::New(info.Env(), geodesic_distance(g.v[0], g.v[1], g.v[2], g.v[3], g.a, g.f));
}

// geodesicDirect(lon1, lat1, azi1, s12, a, f, out: Float64Array): void — out[0..2] = lon2, lat2, azi2
Napi::Value GeodesicDirect(const Napi::CallbackInfo& info) {
    const ScalarArgs g = ScalarArgsOf(info, "geodesicDirect: expected six numbers (lon1, lat1, azi1, s12, a, f)");
    Napi::Float64Array out = OutArg(info, 6, 3, "geodesicDirect");
    geodesic_direct(g.v[0], g.v[1], g.v[2], g.v[3], g.a, g.f, out.Data());
    return info.Env().Undefined();
}

// The batch kernels' arguments: four coordinate Float64Arrays, a, f, and out (a Float64Array).
struct BatchArgs {
    Napi::Float64Array arrays[4];
    double a;
    double f;
    Napi::Float64Array out;
};

BatchArgs BatchArgsOf(const Napi::CallbackInfo& info, const std::string& name, const char* inputs) {
    const std::string type_msg = name + ": " + inputs + " and out must be Float64Arrays";
    const std::string number_msg = name + ": a and f must be numbers";
    BatchArgs args;
    for (std::size_t i = 0; i < 4; ++i)
        args.arrays[i] = TypedArrayArg<double>(info, i, napi_float64_array, type_msg.c_str());
    args.a = NumberArg(info, 4, number_msg.c_str());
    args.f = NumberArg(info, 5, number_msg.c_str());
    args.out = TypedArrayArg<double>(info, 6, napi_float64_array, type_msg.c_str());
    return args;
}

// geodesicDistanceMany(lon1, lat1, lon2, lat2: Float64Array, a, f, out: Float64Array): void — each
// input of length out.length or 1 (broadcast).
Napi::Value GeodesicDistanceMany(const Napi::CallbackInfo& info) {
    const std::string name = "geodesicDistanceMany";
    BatchArgs args = BatchArgsOf(info, name, "lon1, lat1, lon2, lat2");
    const std::size_t n = args.out.ElementLength();
    for (const Napi::Float64Array& a : args.arrays) {
        if (a.ElementLength() != n && a.ElementLength() != 1) {
            throw Napi::RangeError::New(info.Env(), name + ": every input must have length out.length or 1");
        }
    }
    AdviseHugePages(args.out);
    const Napi::Float64Array* in = args.arrays;
    glue::VariantOf(info).geodesic_many(in[0].Data(), in[0].ElementLength(), in[1].Data(), in[1].ElementLength(),
                                        in[2].Data(), in[2].ElementLength(), in[3].Data(), in[3].ElementLength(),
                                        args.a, args.f, args.out.Data(), n);
    return info.Env().Undefined();
}

// geodesicDistanceMatrix(lonsA, latsA, lonsB, latsB: Float64Array, a, f, out: Float64Array): void —
// each set's lons and lats of equal length, out.length = lonsA.length * lonsB.length (row-major).
Napi::Value GeodesicDistanceMatrix(const Napi::CallbackInfo& info) {
    const std::string name = "geodesicDistanceMatrix";
    BatchArgs args = BatchArgsOf(info, name, "lonsA, latsA, lonsB, latsB");
    const Napi::Float64Array* in = args.arrays;
    const std::size_t n_a = in[0].ElementLength(), n_b = in[2].ElementLength();
    if (in[1].ElementLength() != n_a || in[3].ElementLength() != n_b) {
        throw Napi::RangeError::New(info.Env(), name + ": lons and lats of each set must have equal lengths");
    }
    // out.length == n_a * n_b, tested without overflowing the product.
    const std::size_t n_out = args.out.ElementLength();
    if (n_b == 0 ? n_out != 0 : (n_out % n_b != 0 || n_out / n_b != n_a)) {
        throw Napi::RangeError::New(info.Env(), name + ": out.length must be lonsA.length * lonsB.length");
    }
    AdviseHugePages(args.out);
    glue::VariantOf(info).geodesic_matrix(in[0].Data(), in[1].Data(), n_a, in[2].Data(), in[3].Data(), n_b, args.a,
                                          args.f, args.out.Data());
    return info.Env().Undefined();
}

// geodesicArea(lons, lats: Float64Array, a, f, out: Float64Array): void — out[0] = area,
// out[1] = perimeter; lons.length === lats.length.
Napi::Value GeodesicArea(const Napi::CallbackInfo& info) {
    const char* type_msg = "geodesicArea: lons and lats must be Float64Arrays";
    const Napi::Float64Array lons = TypedArrayArg<double>(info, 0, napi_float64_array, type_msg);
    const Napi::Float64Array lats = TypedArrayArg<double>(info, 1, napi_float64_array, type_msg);
    const double a = NumberArg(info, 2, "geodesicArea: a and f must be numbers");
    const double f = NumberArg(info, 3, "geodesicArea: a and f must be numbers");
    Napi::Float64Array out = OutArg(info, 4, 2, "geodesicArea");
    if (lons.ElementLength() != lats.ElementLength()) {
        throw Napi::RangeError::New(info.Env(), "geodesicArea: lons and lats must have equal lengths");
    }
    geodesic_area(lons.Data(), lats.Data(), lons.ElementLength(), a, f, out.Data());
    return info.Env().Undefined();
}

}  // namespace

void AddGeodesicFunctions(Napi::Env env, Napi::Object exports) {
    exports.Set("geodesicInverse", Napi::Function::New(env, GeodesicInverse, "geodesicInverse"));
    exports.Set("geodesicDistance", Napi::Function::New(env, GeodesicDistance, "geodesicDistance"));
    exports.Set("geodesicDirect", Napi::Function::New(env, GeodesicDirect, "geodesicDirect"));
    exports.Set("geodesicArea", Napi::Function::New(env, GeodesicArea, "geodesicArea"));
}

// geodesicDistanceMany and geodesicDistanceMatrix bound to one SIMD variant (its GeoVariant's
// geodesic_many / geodesic_matrix): every variant returns the scalar kernel's bits.
void AddGeodesicVariantFunctions(Napi::Env env, Napi::Object fns, const GeoVariant& variant) {
    void* data = const_cast<GeoVariant*>(&variant);  // read-only, static lifetime
    fns.Set("geodesicDistanceMany", Napi::Function::New(env, GeodesicDistanceMany, "geodesicDistanceMany", data));
    fns.Set("geodesicDistanceMatrix", Napi::Function::New(env, GeodesicDistanceMatrix, "geodesicDistanceMatrix", data));
}

}  // namespace numaccel
