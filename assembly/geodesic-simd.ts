// The batch geodesic distance (geodesicDistanceMany / geodesicDistanceTile) of the SIMD build:
// Newton's iteration on alp1 across pairs in f64x2 lanes, as the native kernel does
// (native/kernels/geodesic_impl.h). One pair at a time the wasm kernel is a long, latency-bound
// dependency chain; two lanes per instruction and several pairs in flight roughly halve its time.
// Bit-identical to geodesic.ts: every lane performs exactly the scalar's IEEE operations in its
// order (geodesic-simd-lanes.ts, geodesic-simd-start.ts), and WebAssembly has no implicit FMA.
//
// Per block of QCAP pairs: the start, two pairs at a time, queues the pairs that reach Newton;
// those it flags (meridians, the equator, really short lines, the astroid start, exact zeros,
// ±180° differences...: 0.007% of random WGS84 pairs, 0.2% at |f| = 1/50) are computed by the
// scalar inverse() at once. The queue runs in W lanes, a lane refilled as soon as its pair
// converges (compaction), W/2 vectors per round, independent chains the CPU overlaps. A pair
// that leaves pure Newton (a step that would bisect, or no convergence by MAXIT1; none of 10^6
// random pairs) is recomputed by inverse() from scratch, which takes exactly the scalar path.
// The converged states become s12 two at a time.
//
// Measured (10^6 random WGS84 pairs, Node 20, one shared 2-core Xeon, medians of 9-11
// interleaved runs): 269-277 ms against 578-582 ms for the scalar module and 1.49-1.51 s for
// geographiclib-geodesic's Inverse(..., DISTANCE) loop, i.e. 5.4-5.5x GeographicLib (the scalar
// module 2.6x). With the start left scalar it took 337 ms (the start was ~35% of the time); with
// short lines flagged rather than started in lanes (15% of random pairs) ~8% more. W = 4 lanes
// beat 2, 8 and 16 by 2-10%.

import { ellipsoid, at, put } from "./geodesic-series";
import { inverse } from "./geodesic";
import { QCAP, Q_FIELDS, Q_LON1, Q_LAT1, Q_LON2, Q_LAT2, SV, startV } from "./geodesic-simd-start";
import {
  W, FS, LANES, L_TRIPN, L_SSIG1, L_SIG12, L_EPS, L_CONV, L_ND, newtonStep, distanceV, vectorEllipsoid,
} from "./geodesic-simd-lanes";

const MAXIT1 = 20; // geodesic.ts MAXIT1
const FINAL = 6; // eps, sig12, ssig1, csig1, ssig2, csig2: distanceV's order

// The queue (Q_FIELDS fields of QCAP doubles), its pairs' indices (-1: done by the scalar code),
// and the converged states (FINAL fields of QCAP + 2 doubles).
// @ts-ignore: decorator
@lazy
const Q: usize = memory.data(Q_FIELDS * QCAP * 8, 16);
// @ts-ignore: decorator
@lazy
const QK: usize = memory.data((QCAP + 2) * 4, 16);
const FSTRIDE: usize = (QCAP + 2) * 8;
// @ts-ignore: decorator
@lazy
const FIN: usize = memory.data(FINAL * (QCAP + 2) * 8, 16);
// Per lane: its queue slot and Newton step count.
// @ts-ignore: decorator
@lazy
const WHO: usize = memory.data(W * 4, 16);
// @ts-ignore: decorator
@lazy
const NUMIT: usize = memory.data(W * 4, 16);

// @ts-ignore: decorator
@inline
function qget(field: i32, slot: i32): f64 {
  return load<f64>(Q + (<usize>(field * QCAP + slot) << 3));
}

/** Lane i <- queue slot s (the start, tripn clear). */
// @ts-ignore: decorator
@inline
function fillLane(i: i32, s: i32): void {
  const p = LANES + (<usize>i << 3);
  for (let f = 0; f < 10; f++) store<f64>(p + <usize>f * FS, qget(f, s));
  store<u64>(p + <usize>L_TRIPN * FS, 0);
}

/** The pair in queue slot s by the scalar inverse(), from scratch. */
function scalarSlot(s: i32, out: usize): void {
  const k = load<i32>(QK + (<usize>s << 2));
  put(out, k, inverse(qget(Q_LON1, s), qget(Q_LAT1, s), qget(Q_LON2, s), qget(Q_LAT2, s), false));
  store<i32>(QK + (<usize>s << 2), -1);
}

// The inputs of startTwo's two pairs: lon1, lat1, lon2, lat2 at IN + 16·field.
// @ts-ignore: decorator
@lazy
const IN: usize = memory.data(4 * 16, 16);

/**
 * Starts pairs k and, with two, k + 1 (inputs in IN): the ones that reach Newton are queued from
 * slot nq on, the others computed by inverse(); returns the new queue length.
 */
function startTwo(k: i32, two: bool, nq: i32, out: usize): i32 {
  const bad = startV(IN);
  const cnt = two ? 2 : 1;
  for (let l = 0; l < cnt; l++) {
    const o = <usize>l << 3;
    const x1 = load<f64>(IN + o), y1 = load<f64>(IN + o, 16), x2 = load<f64>(IN + o, 32), y2 = load<f64>(IN + o, 48);
    if ((l == 0 ? i64x2.extract_lane(bad, 0) : i64x2.extract_lane(bad, 1)) != 0) {
      put(out, k + l, inverse(x1, y1, x2, y2, false));
      continue;
    }
    const q = Q + (<usize>nq << 3);
    for (let f = 0; f < 10; f++) store<f64>(q + <usize>(f * QCAP * 8), load<f64>(SV + o + (<usize>f << 4)));
    store<f64>(q + <usize>(Q_LON1 * QCAP * 8), x1);
    store<f64>(q + <usize>(Q_LAT1 * QCAP * 8), y1);
    store<f64>(q + <usize>(Q_LON2 * QCAP * 8), x2);
    store<f64>(q + <usize>(Q_LAT2 * QCAP * 8), y2);
    store<i32>(QK + (<usize>nq << 2), k + l);
    nq++;
  }
  return nq;
}

/** Newton's iteration for the nq queued pairs, then their s12 into out. */
function runQueue(nq: i32, out: usize): void {
  if (nq == 0) return;
  for (let i = 0; i < W; i++) fillLane(i, 0); // benign contents for lanes never filled
  let active = 0;
  let next = 0;
  for (;;) {
    for (let i = 0; i < W && next < nq; i++) {
      if ((active >> i) & 1) continue;
      fillLane(i, next);
      store<i32>(WHO + (<usize>i << 2), next++);
      store<i32>(NUMIT + (<usize>i << 2), 0);
      active |= 1 << i;
    }
    if (active == 0) break;
    for (let j = 0; j < W / 2; j++) {
      if ((active >> (2 * j)) & 3) newtonStep(j);
    }
    for (let i = 0; i < W; i++) {
      if (!((active >> i) & 1)) continue;
      const p = LANES + (<usize>i << 3);
      const s = load<i32>(WHO + (<usize>i << 2));
      if (load<u64>(p + <usize>L_CONV * FS) != 0) {
        for (let f = 0; f < FINAL; f++) {
          const field = f == 0 ? L_EPS : f == 1 ? L_SIG12 : L_SSIG1 + f - 2;
          store<f64>(FIN + <usize>f * FSTRIDE + (<usize>s << 3), load<f64>(p + <usize>field * FS));
        }
        active &= ~(1 << i);
      } else {
        const numit = load<i32>(NUMIT + (<usize>i << 2));
        if (numit == MAXIT1 || load<u64>(p + <usize>L_ND * FS) == 0) {
          scalarSlot(s, out); // bisection, or no convergence by MAXIT1
          active &= ~(1 << i);
        } else store<i32>(NUMIT + (<usize>i << 2), numit + 1);
      }
    }
  }
  // s12 of the converged pairs, two at a time (an odd count pads with a copy of slot 0).
  if (nq & 1) {
    for (let f = 0; f < FINAL; f++) store<f64>(FIN + <usize>f * FSTRIDE + (<usize>nq << 3), load<f64>(FIN + <usize>f * FSTRIDE));
    store<i32>(QK + (<usize>nq << 2), -1);
  }
  for (let s = 0; s < nq; s += 2) {
    const r = distanceV(FIN + (<usize>s << 3), FSTRIDE);
    const k0 = load<i32>(QK + (<usize>s << 2));
    const k1 = load<i32>(QK + (<usize>s << 2), 4);
    if (k0 >= 0) put(out, k0, f64x2.extract_lane(r, 0));
    if (k1 >= 0) put(out, k1, f64x2.extract_lane(r, 1));
  }
}

/** geodesicDistanceMany (geodesic.ts) of the SIMD build: same arguments, same bits. */
export function geodesicDistanceManySimd(
  lon1: usize, lat1: usize, lon2: usize, lat2: usize, stepMask: i32, n: i32, a: f64, f: f64, out: usize,
): void {
  ellipsoid(a, f);
  vectorEllipsoid();
  const i1 = stepMask & 1, j1 = (stepMask >> 1) & 1, i2 = (stepMask >> 2) & 1, j2 = (stepMask >> 3) & 1;
  for (let k0 = 0; k0 < n; k0 += QCAP) {
    const end = n - k0 < QCAP ? n : k0 + QCAP;
    let nq = 0;
    for (let k = k0; k < end; k += 2) {
      const two = k + 1 < end;
      const k1 = two ? k + 1 : k;
      v128.store(IN, f64x2.replace_lane(f64x2.splat(at(lon1, k * i1)), 1, at(lon1, k1 * i1)));
      v128.store(IN, f64x2.replace_lane(f64x2.splat(at(lat1, k * j1)), 1, at(lat1, k1 * j1)), 16);
      v128.store(IN, f64x2.replace_lane(f64x2.splat(at(lon2, k * i2)), 1, at(lon2, k1 * i2)), 32);
      v128.store(IN, f64x2.replace_lane(f64x2.splat(at(lat2, k * j2)), 1, at(lat2, k1 * j2)), 48);
      nq = startTwo(k, two, nq, out);
    }
    runQueue(nq, out);
  }
}

/** geodesicDistanceTile (geodesic.ts) of the SIMD build: same arguments, same bits. */
export function geodesicDistanceTileSimd(
  aLon: usize, aLat: usize, nA: i32, bLon: usize, bLat: usize, nB: i32, a: f64, f: f64, out: usize,
): void {
  ellipsoid(a, f);
  vectorEllipsoid();
  let i = 0;
  let j = 0;
  const n = nA * nB;
  for (let k0 = 0; k0 < n; k0 += QCAP) {
    const end = n - k0 < QCAP ? n : k0 + QCAP;
    let nq = 0;
    for (let k = k0; k < end; k += 2) {
      const two = k + 1 < end;
      const x1 = at(aLon, i), y1 = at(aLat, i), x2 = at(bLon, j), y2 = at(bLat, j);
      if (++j == nB) {
        j = 0;
        i++;
      }
      if (two) {
        v128.store(IN, f64x2.replace_lane(f64x2.splat(x1), 1, at(aLon, i)));
        v128.store(IN, f64x2.replace_lane(f64x2.splat(y1), 1, at(aLat, i)), 16);
        v128.store(IN, f64x2.replace_lane(f64x2.splat(x2), 1, at(bLon, j)), 32);
        v128.store(IN, f64x2.replace_lane(f64x2.splat(y2), 1, at(bLat, j)), 48);
        if (++j == nB) {
          j = 0;
          i++;
        }
      } else {
        v128.store(IN, f64x2.splat(x1));
        v128.store(IN, f64x2.splat(y1), 16);
        v128.store(IN, f64x2.splat(x2), 32);
        v128.store(IN, f64x2.splat(y2), 48);
      }
      nq = startTwo(k, two, nq, out);
    }
    runQueue(nq, out);
  }
}
