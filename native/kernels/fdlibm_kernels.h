// numaccel — fdlibm's polynomial kernels (sin and cos on |x| <= pi/4, atan on [0, 1]) and their
// constants, written ONCE over a "lane traits" type T (geo_impl.h describes the interface) and
// shared by the great-circle kernels (geo_impl.h: plain doubles and SSE2/AVX2/AVX-512 vectors) and
// the scalar elementary functions of the geodesics (fdlibm.h). The twin of sinKernel, cosKernel
// and atan01 in src/backends/js/fdlibm.ts.
//
// Every operation is the spec's, in the spec's order; the one choice left to the traits is
// T::mul_add(a, b, c) = a * b + c, rounded twice (scalar, SSE2: bit-identical to the TypeScript
// reference) or fused (the AVX2 and AVX-512 great-circle variants). The sums a + b are
// commutative in IEEE arithmetic, so mul_add(z, r, S1) is S1 + z*r exactly.
//
// Sources: fdlibm (Sun Microsystems, 1993) as ported by musl libc (src/math/__sin.c, __cos.c,
// atan.c); the coefficients are hexadecimal floating-point literals with exactly the bit patterns
// listed in docs/algorithms.md (checked below).
//
// Private to native/kernels/. Everything has internal linkage (anonymous namespace), so that each
// translation unit gets its own copy compiled for its own instruction set. The including file
// defines NUMACCEL_GEO_TARGET (a function attribute such as __attribute__((target("avx2"))), or
// nothing) first.
#ifndef NUMACCEL_KERNELS_FDLIBM_KERNELS_H
#define NUMACCEL_KERNELS_FDLIBM_KERNELS_H

#if defined(__FAST_MATH__)
#error "the fdlibm kernels must not be compiled with -ffast-math (exact IEEE rounding is the contract)"
#endif

#ifndef NUMACCEL_GEO_TARGET
#error "define NUMACCEL_GEO_TARGET before including fdlibm_kernels.h"
#endif

#if defined(__GNUC__)
#define NUMACCEL_FDLIBM_INLINE inline __attribute__((always_inline)) NUMACCEL_GEO_TARGET
#else
#define NUMACCEL_FDLIBM_INLINE inline
#endif

namespace numaccel {
namespace {
namespace fdlibm_kernels {

// ---- constants (docs/algorithms.md; hexadecimal literals = the listed bit patterns) ----------
constexpr double S1 = -0x1.5555555555549p-3;                 // 0xBFC5555555555549 -1.66666666666666324348e-01
constexpr double S2 = 0x1.111111110f8a6p-7;                  // 0x3F8111111110F8A6  8.33333333332248946124e-03
constexpr double S3 = -0x1.a01a019c161d5p-13;                // 0xBF2A01A019C161D5 -1.98412698298579493134e-04
constexpr double S4 = 0x1.71de357b1fe7dp-19;                 // 0x3EC71DE357B1FE7D  2.75573137070700676789e-06
constexpr double S5 = -0x1.ae5e68a2b9cebp-26;                // 0xBE5AE5E68A2B9CEB -2.50507602534068634195e-08
constexpr double S6 = 0x1.5d93a5acfd57cp-33;                 // 0x3DE5D93A5ACFD57C  1.58969099521155010221e-10
constexpr double C1 = 0x1.555555555554cp-5;                  // 0x3FA555555555554C  4.16666666666666019037e-02
constexpr double C2 = -0x1.6c16c16c15177p-10;                // 0xBF56C16C16C15177 -1.38888888888741095749e-03
constexpr double C3 = 0x1.a01a019cb1590p-16;                 // 0x3EFA01A019CB1590  2.48015872894767294178e-05
constexpr double C4 = -0x1.27e4f809c52adp-22;                // 0xBE927E4F809C52AD -2.75573143513906633035e-07
constexpr double C5 = 0x1.1ee9ebdb4b1c4p-29;                 // 0x3E21EE9EBDB4B1C4  2.08757232129817482790e-09
constexpr double C6 = -0x1.8fae9be8838d4p-37;                // 0xBDA8FAE9BE8838D4 -1.13596475577881948265e-11
constexpr double ATANHI0 = 0x1.dac670561bb4fp-2;             // 0x3FDDAC670561BB4F atan(1/2) high part
constexpr double ATANHI1 = 0x1.921fb54442d18p-1;             // 0x3FE921FB54442D18 atan(1) high part
constexpr double ATANLO0 = 0x1.a2b7f222f65e2p-56;            // 0x3C7A2B7F222F65E2 atan(1/2) low part
constexpr double ATANLO1 = 0x1.1a62633145c07p-55;            // 0x3C81A62633145C07 atan(1) low part
constexpr double AT0 = 0x1.555555555550dp-2;                 // 0x3FD555555555550D  3.33333333333329318027e-01
constexpr double AT1 = -0x1.999999998ebc4p-3;                // 0xBFC999999998EBC4 -1.99999999998764832476e-01
constexpr double AT2 = 0x1.24924920083ffp-3;                 // 0x3FC24924920083FF  1.42857142725034663711e-01
constexpr double AT3 = -0x1.c71c6fe231671p-4;                // 0xBFBC71C6FE231671 -1.11111104054623557880e-01
constexpr double AT4 = 0x1.745cdc54c206ep-4;                 // 0x3FB745CDC54C206E  9.09088713343650656196e-02
constexpr double AT5 = -0x1.3b0f2af749a6dp-4;                // 0xBFB3B0F2AF749A6D -7.69187620504482999495e-02
constexpr double AT6 = 0x1.10d66a0d03d51p-4;                 // 0x3FB10D66A0D03D51  6.66107313738753120669e-02
constexpr double AT7 = -0x1.dde2d52defd9ap-5;                // 0xBFADDE2D52DEFD9A -5.83357013379057348645e-02
constexpr double AT8 = 0x1.97b4b24760debp-5;                 // 0x3FA97B4B24760DEB  4.97687799461593236017e-02
constexpr double AT9 = -0x1.2b4442c6a6c2fp-5;                // 0xBFA2B4442C6A6C2F -3.65315727442169155270e-02
constexpr double AT10 = 0x1.0ad3ae322da11p-6;                // 0x3F90AD3AE322DA11  1.62858201153657823623e-02
constexpr double PIO2_HI = 0x1.921fb54442d18p+0;             // 0x3FF921FB54442D18
constexpr double PIO2_LO = 0x1.1a62633145c07p-54;            // 0x3C91A62633145C07
constexpr double PI_HI = 0x1.921fb54442d18p+1;               // 0x400921FB54442D18
constexpr double PI_LO = 0x1.1a62633145c07p-53;              // 0x3CA1A62633145C07
constexpr double RADIANS_PER_DEGREE = 0x1.1df46a2529d39p-6;  // 0x3F91DF46A2529D39 (pi/180 rounded)

#if defined(__has_builtin)
#if __has_builtin(__builtin_bit_cast)
#define NUMACCEL_BITS(x) __builtin_bit_cast(unsigned long long, x)
static_assert(NUMACCEL_BITS(S1) == 0xBFC5555555555549ULL && NUMACCEL_BITS(S6) == 0x3DE5D93A5ACFD57CULL &&
                  NUMACCEL_BITS(C1) == 0x3FA555555555554CULL && NUMACCEL_BITS(C6) == 0xBDA8FAE9BE8838D4ULL &&
                  NUMACCEL_BITS(ATANHI0) == 0x3FDDAC670561BB4FULL && NUMACCEL_BITS(ATANLO0) == 0x3C7A2B7F222F65E2ULL &&
                  NUMACCEL_BITS(ATANLO1) == 0x3C81A62633145C07ULL && NUMACCEL_BITS(AT0) == 0x3FD555555555550DULL &&
                  NUMACCEL_BITS(AT10) == 0x3F90AD3AE322DA11ULL && NUMACCEL_BITS(PI_LO) == 0x3CA1A62633145C07ULL &&
                  NUMACCEL_BITS(RADIANS_PER_DEGREE) == 0x3F91DF46A2529D39ULL,
              "fdlibm constants do not have the bit patterns of docs/algorithms.md");
#undef NUMACCEL_BITS
#endif
#endif

// fdlibm __sin(x, 0, 0), |x| <= pi/4 (fdlibm.ts sinKernel).
template <class T>
NUMACCEL_FDLIBM_INLINE typename T::D sin_kernel(typename T::D x) noexcept {
    using D = typename T::D;
    const D z = x * x;
    const D w = z * z;
    // r = S2 + z*(S3 + z*S4) + z*w*(S5 + z*S6)
    const D r = T::mul_add(z * w, T::mul_add(z, T::set1(S6), T::set1(S5)),
                           T::mul_add(z, T::mul_add(z, T::set1(S4), T::set1(S3)), T::set1(S2)));
    const D v = z * x;
    return T::mul_add(v, T::mul_add(z, r, T::set1(S1)), x);  // x + v*(S1 + z*r)
}

// fdlibm __cos(x, 0), |x| <= pi/4 (fdlibm.ts cosKernel).
template <class T>
NUMACCEL_FDLIBM_INLINE typename T::D cos_kernel(typename T::D x) noexcept {
    using D = typename T::D;
    const D z = x * x;
    D w = z * z;
    // r = z*(C1 + z*(C2 + z*C3)) + w*w*(C4 + z*(C5 + z*C6))
    const D r = T::mul_add(w * w, T::mul_add(z, T::mul_add(z, T::set1(C6), T::set1(C5)), T::set1(C4)),
                           z * T::mul_add(z, T::mul_add(z, T::set1(C3), T::set1(C2)), T::set1(C1)));
    const D hz = T::set1(0.5) * z;
    w = T::set1(1.0) - hz;
    return w + T::mul_add(z, r, (T::set1(1.0) - w) - hz);  // w + (((1 - w) - hz) + z*r)
}

// musl atan() restricted to 0 <= t <= 1 (fdlibm.ts atan01), branch-free: the ranges t < 7/16,
// t < 11/16 and the rest reduce to t, (2t - 1)/(2 + t) and (t - 1)/(t + 1); the selected numerator
// over the selected denominator is the same IEEE quotient as in the branchy form.
template <class T>
NUMACCEL_FDLIBM_INLINE typename T::D atan01(typename T::D t) noexcept {
    using D = typename T::D;
    using M = typename T::M;
    const D one = T::set1(1.0);
    const M small = T::lt(t, T::set1(0.4375));
    const M mid = T::lt(t, T::set1(0.6875));
    const D num = T::sel(mid, T::set1(2.0) * t - one, t - one);
    const D den = T::sel(mid, T::set1(2.0) + t, t + one);
    const D x = T::sel(small, t, num / den);
    const D hi = T::sel(small, T::set1(0.0), T::sel(mid, T::set1(ATANHI0), T::set1(ATANHI1)));
    const D lo = T::sel(small, T::set1(0.0), T::sel(mid, T::set1(ATANLO0), T::set1(ATANLO1)));
    const D z = x * x;
    const D w = z * z;
    // s1 = z*(AT0 + w*(AT2 + w*(AT4 + w*(AT6 + w*(AT8 + w*AT10))))), s2 = w*(AT1 + w*(AT3 + ... + w*AT9))
    D u = T::mul_add(w, T::set1(AT10), T::set1(AT8));
    u = T::mul_add(w, u, T::set1(AT6));
    u = T::mul_add(w, u, T::set1(AT4));
    u = T::mul_add(w, u, T::set1(AT2));
    const D s1 = z * T::mul_add(w, u, T::set1(AT0));
    D v = T::mul_add(w, T::set1(AT9), T::set1(AT7));
    v = T::mul_add(w, v, T::set1(AT5));
    v = T::mul_add(w, v, T::set1(AT3));
    const D s2 = w * T::mul_add(w, v, T::set1(AT1));
    return hi - (T::mul_add(x, s1 + s2, -lo) - x);  // hi - ((x*(s1 + s2) - lo) - x)
}

}  // namespace fdlibm_kernels
}  // namespace
}  // namespace numaccel

#endif  // NUMACCEL_KERNELS_FDLIBM_KERNELS_H
