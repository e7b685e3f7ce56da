import * as path from 'node:path';
import type { Build } from '../../builds.js';
import type { AsyncKernels, Kernels } from '../../contract.js';
import type { Backend } from '../../builds.js';
import { PACKAGE_ROOT } from '../../paths.js';

/** The batch great-circle kernels of one SIMD variant of the addon, sync and async. */
type VariantKernels = Pick<Kernels, 'greatCircleMany' | 'greatCircleMatrix' | 'geodesicDistanceMany' | 'geodesicDistanceMatrix'> &
  Pick<AsyncKernels, 'greatCircleManyAsync' | 'greatCircleMatrixAsync'> & {
    /** Whether this variant fuses multiply-adds (then its results may differ from greatCircle's by a few ulps). */
    readonly fusedMultiplyAdd: boolean;
  };

/** The kernels each SIMD variant of the addon has its own code of; the others are the addon's. */
export const VARIANT_KERNELS = [
  'greatCircleMany',
  'greatCircleMatrix',
  'greatCircleManyAsync',
  'greatCircleMatrixAsync',
  'geodesicDistanceMany',
  'geodesicDistanceMatrix',
] as const;
type SharedKernels = Omit<Kernels & AsyncKernels, (typeof VARIANT_KERNELS)[number]>;

/** The functions the addon exports besides its variants (native/addon.cc, native/geodesic_glue.cc, native/async/). */
export const SHARED_KERNELS = [
  'checkPrime',
  'greatCircle',
  'checkPrimes',
  'countPrimes',
  'primesBetween',
  'coordinatesInDomain',
  'checkPrimesAsync',
  'countPrimesAsync',
  'primesBetweenAsync',
  'primePi',
  'primePiLeaves',
  'primePiSieve',
  'nthPrime',
  'nextPrime',
  'prevPrime',
  'geodesicInverse',
  'geodesicDistance',
  'geodesicDirect',
  'geodesicArea',
] as const satisfies readonly (keyof SharedKernels)[];
type MissingKernel = Exclude<keyof SharedKernels, (typeof SHARED_KERNELS)[number]>;
const everySharedKernelListed: MissingKernel extends never ? true : never = true;
void everySharedKernelListed;

/** What the addon exports. */
interface NativeBinding extends SharedKernels {
  /** Every SIMD variant this CPU supports, best first (e.g. avx512, avx2, sse2, scalar). */
  readonly variants: Readonly<Record<string, VariantKernels>>;
  /** Build description for people: compiler, build system, C++ standard, ... */
  readonly features: Readonly<Record<string, string | number | boolean>>;
}

/** The platforms the package ships a prebuilt addon for (scripts/prebuilds.mjs). */
export const PREBUILT = ['linux-x64 (glibc)', 'linux-arm64 (glibc)', 'win32-x64'];

/** What to do where no addon fits, per OS: `npx numaccel build-native` runs node-gyp. */
const HOW_TO_BUILD: Record<string, string> = {
  linux: 'run `npx numaccel build-native` (needs a C++17 compiler, g++ or clang, make and Python)',
  darwin: "run `npx numaccel build-native` (needs Xcode's command line tools, xcode-select --install, and Python)",
  // node-gyp compiles with MSVC on Windows, which has no unsigned __int128 (native/kernels/prime.cc).
  win32: 'build-native cannot help: node-gyp compiles with MSVC on Windows, which lacks the unsigned __int128 numaccel needs',
};

/**
 * linux-x64-musl, linux-arm64, win32-x64, …: the libc named where it is not glibc. LIBC overrides
 * it, as in node-gyp-build; otherwise a Node on musl reports no glibc version.
 */
export function platformTag(): string {
  const tag = `${process.platform}-${process.arch}`;
  if (process.platform !== 'linux') return tag;
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  const libc = process.env.LIBC || (header?.glibcVersionRuntime ? 'glibc' : 'musl');
  return libc === 'glibc' ? tag : `${tag}-${libc}`;
}

/**
 * Loads the Node-API addon: the file `nativePath` when given (NUMACCEL_NATIVE_PATH, for instance
 * the cmake-js build), otherwise whatever node-gyp-build finds (prebuilds/, then build/Release).
 * Throws when there is no usable addon; the registry records why.
 */
export function loadAddon(nativePath: string | undefined): NativeBinding {
  let binding: NativeBinding;
  try {
    binding = nativePath ? require(path.resolve(nativePath)) : require('node-gyp-build')(PACKAGE_ROOT);
  } catch (cause) {
    if (nativePath || !/No native build was found/.test((cause as Error).message)) throw cause;
    throw new Error(
      `no prebuilt addon fits ${platformTag()} and none was compiled (the package has ${PREBUILT.join(', ')}): ${HOW_TO_BUILD[process.platform] ?? HOW_TO_BUILD.linux}`,
      { cause },
    );
  }
  const missing = [
    ...SHARED_KERNELS.filter((name) => typeof binding[name] !== 'function'),
    ...Object.entries(binding.variants ?? {}).flatMap(([variant, kernels]) =>
      VARIANT_KERNELS.filter((name) => typeof kernels[name] !== 'function').map((name) => `${variant}.${name}`),
    ),
  ];
  if (missing.length > 0 || !binding.variants)
    throw new Error(`the addon does not export the kernels ${missing.join(', ') || 'of any variant'}`);
  return binding;
}

/** The variants of the addon this CPU runs, best first. */
export function addonVariants(binding: NativeBinding): string[] {
  return Object.keys(binding.variants);
}

/**
 * One native build: the addon's kernels, with the batch great-circle kernels of `build.variant`.
 * Throws when this CPU cannot run that variant.
 */
export function createNativeBackend(binding: NativeBinding, build: Build): Backend {
  const variant = binding.variants[build.variant];
  if (!variant) {
    throw new Error(`this CPU cannot run the ${build.variant} variant (it runs ${addonVariants(binding).join(', ')})`);
  }
  const kernels: Kernels = {
    checkPrime: binding.checkPrime,
    greatCircle: binding.greatCircle,
    checkPrimes: binding.checkPrimes,
    countPrimes: binding.countPrimes,
    primesBetween: binding.primesBetween,
    greatCircleMany: variant.greatCircleMany,
    greatCircleMatrix: variant.greatCircleMatrix,
    coordinatesInDomain: binding.coordinatesInDomain,
    primePi: binding.primePi,
    primePiLeaves: binding.primePiLeaves,
    primePiSieve: binding.primePiSieve,
    nthPrime: binding.nthPrime,
    nextPrime: binding.nextPrime,
    prevPrime: binding.prevPrime,
    geodesicInverse: binding.geodesicInverse,
    geodesicDistance: binding.geodesicDistance,
    geodesicDirect: binding.geodesicDirect,
    geodesicDistanceMany: variant.geodesicDistanceMany,
    geodesicDistanceMatrix: variant.geodesicDistanceMatrix,
    geodesicArea: binding.geodesicArea,
  };
  const asyncKernels: AsyncKernels = {
    checkPrimesAsync: binding.checkPrimesAsync,
    countPrimesAsync: binding.countPrimesAsync,
    primesBetweenAsync: binding.primesBetweenAsync,
    greatCircleManyAsync: variant.greatCircleManyAsync,
    greatCircleMatrixAsync: variant.greatCircleMatrixAsync,
  };
  return {
    name: 'native',
    build,
    fusedMultiplyAdd: variant.fusedMultiplyAdd === true,
    kernels,
    asyncKernels,
    features: { variant: build.variant, ...binding.features },
  };
}
