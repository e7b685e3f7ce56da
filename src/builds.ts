import type { AsyncKernels, BackendName, KernelName, Kernels } from './contract.js';

/**
 * Every build numaccel can run, in priority order: a backend plus the variant of its code. Within
 * a backend the builds are ordered best first; a backend's default build is the first one that
 * loads on this machine (native: the best SIMD variant the CPU supports; wasm: simd128 where the
 * engine validates SIMD, else scalar). The registry, the selection table, the benchmark, the
 * tests and the pool workers all name builds by these ids.
 */
export const BUILDS = [
  { id: 'native:avx512', backend: 'native', variant: 'avx512' },
  { id: 'native:avx2', backend: 'native', variant: 'avx2' },
  { id: 'native:sse2', backend: 'native', variant: 'sse2' },
  { id: 'native:neon', backend: 'native', variant: 'neon', measuredAs: 'native:sse2' },
  { id: 'native:scalar', backend: 'native', variant: 'scalar' },
  { id: 'wasm:simd128', backend: 'wasm', variant: 'simd128' },
  { id: 'wasm:scalar', backend: 'wasm', variant: 'scalar' },
  { id: 'js', backend: 'js', variant: 'scalar' },
] as const satisfies readonly BuildSpec[];

export interface BuildSpec {
  readonly id: string;
  readonly backend: BackendName;
  /** The code variant: a SIMD instruction set, or scalar. */
  readonly variant: string;
  /**
   * The build whose figures `auto` uses where a selection table has none of this one's: a build
   * of a platform the table could not be measured on takes those of the build closest to it
   * (native:neon, 2 unfused lanes like native:sse2, runs where only qemu could time it;
   * docs/platforms.md, "How auto chooses there").
   */
  readonly measuredAs?: string;
}

export type Build = (typeof BUILDS)[number];
/**
 * A build: its backend and code variant, 'native:avx512', 'native:avx2', 'native:sse2', 'native:scalar',
 * 'wasm:simd128', 'wasm:scalar' or 'js'.
 * @category Backends
 */
export type BuildId = Build['id'];
/**
 * Every build in priority order, best first within each backend.
 * @category Backends
 */
export const BUILD_IDS: readonly BuildId[] = BUILDS.map((build) => build.id);

/**
 * The kernels whose code differs between the builds of one backend: only the batch great-circle
 * kernels (and the coordinate check beside them) and the batch geodesic distances (Newton's
 * iteration in SIMD lanes, the scalar kernel's bits) have SIMD variants, so a suite of any other
 * kernel runs once per backend, not once per build.
 */
export const VARIANT_KERNELS = [
  'greatCircleMany',
  'greatCircleMatrix',
  'coordinatesInDomain',
  'geodesicDistanceMany',
  'geodesicDistanceMatrix',
] as const satisfies readonly KernelName[];

export function buildById(id: string): Build | undefined {
  return BUILDS.find((build) => build.id === id);
}

export function buildsOf(backend: BackendName): readonly Build[] {
  return BUILDS.filter((build) => build.backend === backend);
}

/** The id whose figures in a selection table stand for `id` (itself, unless it borrows another's). */
export function figuresOf(id: BuildId, measured: Readonly<Partial<Record<BuildId, number>>>): number | undefined {
  const build = buildById(id);
  return measured[id] ?? (build && 'measuredAs' in build ? measured[build.measuredAs as BuildId] : undefined);
}

/** 'native:avx2' for the native backend's avx2 variant; 'js' for the one TypeScript build. */
export function buildIdOf(backend: BackendName, variant: string): BuildId | undefined {
  return BUILDS.find((build) => build.backend === backend && build.variant === variant)?.id;
}

/** A loaded build of a backend: its kernels and the facts about its code. */
export interface Backend {
  readonly name: BackendName;
  /** Which build this is (src/builds.ts): its id and variant. */
  readonly build: Build;
  /**
   * Whether the batch great-circle kernels use fused multiply-adds: their results may then differ
   * from greatCircle's by a few units in the last place (every other build is bit-identical).
   */
  readonly fusedMultiplyAdd: boolean;
  readonly kernels: Kernels;
  /** Present where the backend runs async work on threads of its own. */
  readonly asyncKernels?: AsyncKernels;
  /** A description of the build for people (compiler, module size, ...); code depends on none of it. */
  readonly features: Readonly<Record<string, string | number | boolean>>;
}
