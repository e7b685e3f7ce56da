// numaccel — the out-of-line part of fdlibm.h: sin and cos of radians past pi/4 (musl's
// __rem_pio2 with Cody–Waite for medium arguments and fdlibm's Payne–Hanek __kernel_rem_pio2 for
// huge ones, then the kernels with a tail) and musl's cbrt. The twin of fdlibm.ts's remPio2Large,
// remPio2, sinKernelTail, cosKernelTail, sincos and cbrt, operation for operation.
//
// fdlibm notice: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at
// SunSoft, a Sun Microsystems, Inc. business. Permission to use, copy, modify, and distribute this
// software is freely granted, provided that this notice is preserved.
#include "fdlibm.h"

#include <cstdint>

namespace numaccel {
namespace fdlibm {
namespace {

using fdlibm_kernels::C1;
using fdlibm_kernels::C2;
using fdlibm_kernels::C3;
using fdlibm_kernels::C4;
using fdlibm_kernels::C5;
using fdlibm_kernels::C6;
using fdlibm_kernels::S1;
using fdlibm_kernels::S2;
using fdlibm_kernels::S3;
using fdlibm_kernels::S4;
using fdlibm_kernels::S5;
using fdlibm_kernels::S6;

/** The high 32 bits of x's IEEE representation (sign, exponent, top of the mantissa). */
std::uint32_t high_word(double x) noexcept { return static_cast<std::uint32_t>(bits_of(x) >> 32); }

/** 2^e exactly, for -1022 <= e <= 1023 (a scalbn by multiplication with it is exact). */
double pow2(int e) noexcept { return from_bits(static_cast<std::uint64_t>(e + 1023) << 52); }

/** musl __sin(x, y, 1): sin(x + y) for a reduced argument with tail y, |x + y| <= pi/4. */
double sin_kernel_tail(double x, double y) noexcept {
    const double z = x * x;
    const double w = z * z;
    const double r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    const double v = z * x;
    return x - (z * (0.5 * y - v * r) - y - v * S1);
}

/** musl __cos(x, y): cos(x + y) for a reduced argument with tail y. */
double cos_kernel_tail(double x, double y) noexcept {
    const double z = x * x;
    const double w = z * z;
    const double r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    const double hz = 0.5 * z;
    const double h = 1 - hz;
    return h + (1 - h - hz + (z * r - x * y));
}

// ---- argument reduction mod pi/2 (musl __rem_pio2 and __rem_pio2_large) -----------------------

constexpr double INVPIO2 = 6.36619772367581382433e-1;   // 53 bits of 2/pi
constexpr double PIO2_1 = 1.57079632673412561417;       // first 33 bits of pi/2
constexpr double PIO2_1T = 6.07710050650619224932e-11;  // pi/2 - PIO2_1
constexpr double PIO2_2 = 6.0771005063039659766e-11;    // second 33 bits
constexpr double PIO2_2T = 2.02226624879595063154e-21;  // pi/2 - (PIO2_1 + PIO2_2)
constexpr double PIO2_3 = 2.0222662487111664558e-21;    // third 33 bits
constexpr double PIO2_3T = 8.47842766036889956997e-32;  // pi/2 - (PIO2_1 + PIO2_2 + PIO2_3)
constexpr double TOINT = 6755399441055744.0;            // 1.5 * 2^52: (x + TOINT) - TOINT rounds x to an integer
constexpr double TWO24 = 16777216.0;
constexpr double TWON24 = 5.9604644775390625e-8;
constexpr double MEDIUM_LIMIT = 1647099;  // musl's bound (~2^20 pi/2): n < 2^20, n * PIO2_1 exact

/** 2/pi in 24-bit pieces (fdlibm k_rem_pio2.c's ipio2, the 66 entries doubles need). */
constexpr std::int32_t IPIO2[66] = {
    0xa2f983, 0x6e4e44, 0x1529fc, 0x2757d1, 0xf534dd, 0xc0db62, 0x95993c, 0x439041, 0xfe5163, 0xabdebb, 0xc561b7,
    0x246e3a, 0x424dd2, 0xe00649, 0x2eea09, 0xd1921c, 0xfe1deb, 0x1cb129, 0xa73ee8, 0x8235f5, 0x2ebb44, 0x84e99c,
    0x7026b4, 0x5f7e41, 0x3991d6, 0x398353, 0x39f49c, 0x845f8b, 0xbdf928, 0x3b1ff8, 0x97ffde, 0x05980f, 0xef2f11,
    0x8b5a0a, 0x6d1f6d, 0x367ecf, 0x27cb09, 0xb74f46, 0x3f669e, 0x5fea2d, 0x7527ba, 0xc7ebe5, 0xf17b3d, 0x0739f7,
    0x8a5292, 0xea6bfb, 0x5fb11f, 0x8d5d08, 0x560330, 0x46fc7b, 0x6babf0, 0xcfbc20, 0x9af436, 0x1da9e3, 0x91615e,
    0xe61b08, 0x659985, 0x5f14a0, 0x68408d, 0xffd880, 0x4d7327, 0x310606, 0x1556ca, 0x73a8c9, 0x60e27b, 0xc08c6b,
};
/** pi/2 in 24-bit pieces. */
constexpr double PIO2_PARTS[8] = {
    1.57079625129699707031,     7.54978941586159635335e-8,  5.39030252995776476554e-15, 3.28200341580791294123e-22,
    1.27065575308067607349e-29, 1.22933308981111328932e-36, 2.73370053816464559624e-44, 2.16741683877804819444e-51,
};

/** Σ_j tx[j] · f[jx + i - j], j = 0..jx, summed in that order. */
double product(const double* tx, const double* f, int jx, int i) noexcept {
    double fw = 0;
    for (int j = 0; j <= jx; j++) fw += tx[j] * f[jx + i - j];
    return fw;
}

/**
 * fdlibm's __kernel_rem_pio2 at double precision (prec 1, jk = 4; fdlibm.ts remPio2Large): the
 * exact Payne–Hanek reduction of x = Σ tx[i]·2^(e0 - 24i) (positive) into y[0] + y[1]; returns
 * n mod 8. The integer work is on int32 values below 2^24, as the reference's Int32Arrays.
 */
int rem_pio2_large(const double* tx, int e0, int nx, double* y) noexcept {
    constexpr int jk = 4;
    const int jx = nx - 1;
    const int jv = e0 - 3 < 0 ? 0 : (e0 - 3) / 24;
    int q0 = e0 - 24 * (jv + 1);
    double f[20];
    double q[20];
    double fq[20];
    std::int32_t iq[20];
    for (int i = 0, j = jv - jx; i <= jx + jk; i++, j++) f[i] = j < 0 ? 0 : IPIO2[j];
    for (int i = 0; i <= jk; i++) q[i] = product(tx, f, jx, i);
    int jz = jk;
    double z = 0;
    int n = 0;
    int ih = 0;
    for (;;) {
        // Distill q into 24-bit integers iq, most significant last.
        z = q[jz];
        for (int i = 0, j = jz; j > 0; i++, j--) {
            const double fw = std::trunc(TWON24 * z);
            iq[i] = static_cast<std::int32_t>(z - TWO24 * fw);
            z = q[j - 1] + fw;
        }
        z = z * pow2(q0);
        z -= 8 * std::floor(z * 0.125);  // n mod 8 is all that matters
        n = static_cast<int>(z);         // z in [0, 8)
        z -= n;
        ih = 0;
        if (q0 > 0) {
            const int i = iq[jz - 1] >> (24 - q0);
            n += i;
            iq[jz - 1] = iq[jz - 1] - (i << (24 - q0));
            ih = iq[jz - 1] >> (23 - q0);
        } else if (q0 == 0) {
            ih = iq[jz - 1] >> 23;
        } else if (z >= 0.5) {
            ih = 2;
        }
        if (ih > 0) {
            // The fraction is >= 1/2: take 1 - fraction, and n + 1.
            n += 1;
            int carry = 0;
            for (int i = 0; i < jz; i++) {
                const std::int32_t j = iq[i];
                if (carry == 0) {
                    if (j != 0) {
                        carry = 1;
                        iq[i] = 0x1000000 - j;
                    }
                } else {
                    iq[i] = 0xffffff - j;
                }
            }
            if (q0 == 1)
                iq[jz - 1] = iq[jz - 1] & 0x7fffff;
            else if (q0 == 2)
                iq[jz - 1] = iq[jz - 1] & 0x3fffff;
            if (ih == 2) {
                z = 1 - z;
                if (carry != 0) z -= pow2(q0);
            }
        }
        if (z != 0) break;
        int j = 0;
        for (int i = jz - 1; i >= jk; i--) j |= iq[i];
        if (j != 0) break;
        // Cancellation ate every computed bit: bring in k more terms of 2/pi and start over.
        int k = 1;
        while (iq[jk - k] == 0) k++;
        for (int i = jz + 1; i <= jz + k; i++) {
            f[jx + i] = IPIO2[jv + i];
            q[i] = product(tx, f, jx, i);
        }
        jz += k;
    }
    if (z == 0) {
        jz -= 1;
        q0 -= 24;
        while (iq[jz] == 0) {
            jz--;
            q0 -= 24;
        }
    } else {
        z = z * pow2(-q0);
        if (z >= TWO24) {
            const double fw = std::trunc(TWON24 * z);
            iq[jz] = static_cast<std::int32_t>(z - TWO24 * fw);
            jz += 1;
            q0 += 24;
            iq[jz] = static_cast<std::int32_t>(fw);
        } else {
            iq[jz] = static_cast<std::int32_t>(std::trunc(z));
        }
    }
    double fw = pow2(q0);
    for (int i = jz; i >= 0; i--) {
        q[i] = fw * iq[i];
        fw *= TWON24;
    }
    for (int i = jz; i >= 0; i--) {
        fw = 0;
        for (int k = 0; k <= jk && k <= jz - i; k++) fw += PIO2_PARTS[k] * q[i + k];
        fq[jz - i] = fw;
    }
    fw = 0;
    for (int i = jz; i >= 0; i--) fw += fq[i];
    y[0] = ih == 0 ? fw : -fw;
    fw = fq[0] - fw;
    for (int i = 1; i <= jz; i++) fw += fq[i];
    y[1] = ih == 0 ? fw : -fw;
    return n & 7;
}

/**
 * musl __rem_pio2 for finite |x| > pi/4 (fdlibm.ts remPio2): x - n·pi/2 into y[0] + y[1],
 * returns n (any sign; only n & 3 is used). Medium |x|: Cody–Waite with pi/2 in three 33-bit
 * parts, a further part only when the previous one cancelled. Huge |x|: exact.
 */
int rem_pio2(double x, double* y) noexcept {
    const std::uint32_t ix = high_word(x) & 0x7fffffff;
    if (std::fabs(x) < MEDIUM_LIMIT) {
        // (x * INVPIO2 + TOINT) - TOINT: without -ffast-math (-fassociative-math) GCC and Clang
        // never fold this to x * INVPIO2 (musl relies on the same); the bit tests check it.
        const double fn = x * INVPIO2 + TOINT - TOINT;
        double r = x - fn * PIO2_1;
        double w = fn * PIO2_1T;  // first round, good to 85 bits
        const int j = static_cast<int>(ix >> 20);
        double y0 = r - w;
        int i = j - static_cast<int>((high_word(y0) >> 20) & 0x7ff);
        if (i > 16) {
            double t = r;  // second round, good to 118 bits
            w = fn * PIO2_2;
            r = t - w;
            w = fn * PIO2_2T - (t - r - w);
            y0 = r - w;
            i = j - static_cast<int>((high_word(y0) >> 20) & 0x7ff);
            if (i > 49) {
                t = r;  // third round, good to 151 bits: covers all cases
                w = fn * PIO2_3;
                r = t - w;
                w = fn * PIO2_3T - (t - r - w);
                y0 = r - w;
            }
        }
        y[0] = y0;
        y[1] = r - y0 - w;
        return static_cast<int>(fn);  // an integer below 2^20 in magnitude
    }
    // |x| = z · 2^e0 with z in [2^23, 2^24), cut into three 24-bit pieces.
    const int e0 = static_cast<int>(ix >> 20) - 1046;
    double z = std::fabs(x) * pow2(-e0);
    double tx[3];
    for (int i = 0; i < 2; i++) {
        tx[i] = std::trunc(z);
        z = (z - tx[i]) * TWO24;
    }
    tx[2] = z;
    int nx = 3;
    while (tx[nx - 1] == 0) nx--;
    const int n = rem_pio2_large(tx, e0, nx, y);
    if (x < 0) {
        y[0] = -y[0];
        y[1] = -y[1];
        return -n;
    }
    return n;
}

constexpr std::uint32_t CBRT_B1 = 715094163;  // (1023 - 1023/3 - 0.03306235651) * 2^20
constexpr std::uint32_t CBRT_B2 = 696219795;  // (1023 - 1023/3 - 54/3 - 0.03306235651) * 2^20
constexpr double CBRT_P0 = 1.87595182427177009643;
constexpr double CBRT_P1 = -1.88497979543377169875;
constexpr double CBRT_P2 = 1.62142972010535446614;
constexpr double CBRT_P3 = -0.758397934778766047437;
constexpr double CBRT_P4 = 0.145996192886612446982;

}  // namespace

SinCos sincos_reduced(double x) noexcept {
    double y[2];
    int n = 0;
    if (std::fabs(x) <= DBL_MAX) {
        n = rem_pio2(x, y);
    } else {
        // NaN and ±inf (outside the contract): the reference's Payne–Hanek code stores its NaNs
        // into Int32Arrays, where JavaScript's ToInt32 makes them 0, and returns y = ±(0, 0),
        // n = 0. The same here, without converting NaN to int (undefined behaviour in C++).
        y[0] = y[1] = x < 0 ? -0.0 : 0.0;
    }
    const double s = sin_kernel_tail(y[0], y[1]);
    const double c = cos_kernel_tail(y[0], y[1]);
    const int q = n & 3;  // n is an integer of either sign: two's-complement & 3 is n mod 4
    return SinCos{q == 0 ? s : q == 1 ? c : q == 2 ? -s : -c, q == 0 ? c : q == 1 ? -s : q == 2 ? -c : s};
}

double cbrt(double x) noexcept {
    std::uint64_t u = bits_of(x);
    std::uint32_t hx = static_cast<std::uint32_t>(u >> 32) & 0x7fffffff;
    if (hx >= 0x7ff00000) return x + x;
    if (hx < 0x00100000) {
        u = bits_of(x * 0x1p54);  // subnormal or zero
        hx = static_cast<std::uint32_t>(u >> 32) & 0x7fffffff;
        if (hx == 0) return x;
        hx = hx / 3 + CBRT_B2;
    } else {
        hx = hx / 3 + CBRT_B1;
    }
    u &= std::uint64_t{1} << 63;  // the sign of x, the estimate's exponent and bits
    u |= static_cast<std::uint64_t>(hx) << 32;
    double t = from_bits(u);
    double r = t * t * (t / x);
    t = t * (CBRT_P0 + r * (CBRT_P1 + r * CBRT_P2) + r * r * r * (CBRT_P3 + r * CBRT_P4));
    // Round t away from zero to 23 bits: the reference's two-word form of musl's 64-bit step.
    u = (bits_of(t) + 0x80000000ULL) & 0xffffffffc0000000ULL;
    t = from_bits(u);
    const double s = t * t;  // exact
    r = x / s;
    const double w = t + t;  // exact
    r = (r - t) / (w + r);   // r - t is exact
    return t + t * r;
}

}  // namespace fdlibm
}  // namespace numaccel
