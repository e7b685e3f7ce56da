import * as path from 'node:path';
import { KERNEL_NAMES, type AsyncKernels, type Backend, type Kernels } from '../../contract.js';
import { PACKAGE_ROOT } from '../../paths.js';

/**
 * The batch great-circle kernels of one SIMD variant of the addon, and whether it fuses
 * multiply-adds (then its results may differ from greatCircle's by a few ulps).
 */
type GeoBatchKernels = Pick<Kernels, 'greatCircleMany' | 'greatCircleMatrix'> & { readonly fusedMultiplyAdd?: boolean };

/** The async (multi-threaded) great-circle kernels of one SIMD variant of the addon. */
type GeoAsyncKernels = Pick<AsyncKernels, 'greatCircleManyAsync' | 'greatCircleMatrixAsync'>;

/** The async kernels the addon may export (native/async.cc); older builds have none. */
const ASYNC_KERNEL_NAMES = [
  'checkPrimesAsync',
  'countPrimesAsync',
  'primesBetweenAsync',
  'greatCircleManyAsync',
  'greatCircleMatrixAsync',
] as const satisfies readonly (keyof AsyncKernels)[];
type MissingAsyncKernel = Exclude<keyof AsyncKernels, (typeof ASYNC_KERNEL_NAMES)[number]>;
const everyAsyncKernelListed: MissingAsyncKernel extends never ? true : never = true;
void everyAsyncKernelListed;

/** What the addon exports (native/addon.cc). */
interface NativeBinding extends Kernels, Partial<AsyncKernels> {
  /** Every SIMD variant this CPU supports, best first (e.g. avx512, avx2, sse2, scalar). */
  readonly variants?: Readonly<Record<string, GeoBatchKernels & Partial<GeoAsyncKernels>>>;
  /** Build description; `simd` names the variant the top-level batch kernels use. */
  readonly features?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * Loads the Node-API addon: the file named by NUMACCEL_NATIVE_PATH when given (for instance the
 * cmake-js build), otherwise whatever node-gyp-build finds (prebuilds/, then build/Release).
 * Throws when there is no usable addon; the registry records why.
 */
function loadBinding(nativePath: string | undefined): NativeBinding {
  const binding: NativeBinding = nativePath
    ? require(path.resolve(nativePath))
    : require('node-gyp-build')(PACKAGE_ROOT);
  const missing = KERNEL_NAMES.filter((name) => typeof binding[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`the addon does not export the kernels ${missing.join(', ')}`);
  }
  return binding;
}

const isFunction = (value: unknown): boolean => typeof value === 'function';

/**
 * The addon's async kernels, with the great-circle ones of `geo` where it has them (a variant's
 * own) and the best variant's otherwise; undefined when the addon lacks any of them (an older
 * build), so that src/async.ts falls back to its worker pool.
 */
function asyncKernelsOf(binding: NativeBinding, geo: Partial<GeoAsyncKernels>): AsyncKernels | undefined {
  const { checkPrimesAsync, countPrimesAsync, primesBetweenAsync } = binding;
  const greatCircleManyAsync = isFunction(geo.greatCircleManyAsync) ? geo.greatCircleManyAsync : binding.greatCircleManyAsync;
  const greatCircleMatrixAsync = isFunction(geo.greatCircleMatrixAsync) ? geo.greatCircleMatrixAsync : binding.greatCircleMatrixAsync;
  if (
    !checkPrimesAsync || !countPrimesAsync || !primesBetweenAsync || !greatCircleManyAsync || !greatCircleMatrixAsync ||
    ![checkPrimesAsync, countPrimesAsync, primesBetweenAsync, greatCircleManyAsync, greatCircleMatrixAsync].every(isFunction)
  ) {
    return undefined;
  }
  return { checkPrimesAsync, countPrimesAsync, primesBetweenAsync, greatCircleManyAsync, greatCircleMatrixAsync };
}

/** A backend whose batch great-circle kernels come from `batch`; the other kernels are shared. */
function nativeBackend(binding: NativeBinding, batch: GeoBatchKernels & Partial<GeoAsyncKernels>, variant: string): Backend {
  const kernels: Kernels = {
    checkPrime: binding.checkPrime,
    greatCircle: binding.greatCircle,
    checkPrimes: binding.checkPrimes,
    countPrimes: binding.countPrimes,
    primesBetween: binding.primesBetween,
    greatCircleMany: batch.greatCircleMany,
    greatCircleMatrix: batch.greatCircleMatrix,
    coordinatesInDomain: binding.coordinatesInDomain,
  };
  const features = { ...binding.features, variant, fusedMultiplyAdd: batch.fusedMultiplyAdd === true };
  const asyncKernels = asyncKernelsOf(binding, batch);
  return asyncKernels ? { name: 'native', kernels, asyncKernels, features } : { name: 'native', kernels, features };
}

/** The native backend, with the best SIMD variant for this CPU (`features.variant`, e.g. 'avx2'). */
export function loadNativeBackend(nativePath: string | undefined): Backend {
  const binding = loadBinding(nativePath);
  const simd = binding.features?.['simd'];
  const variant = typeof simd === 'string' ? simd : 'scalar';
  return nativeBackend(binding, binding.variants?.[variant] ?? binding, variant);
}

/**
 * One native backend per SIMD variant this CPU supports, best first (`features.variant` names
 * it), so that tests can run the same suite on every variant.
 * Each has async kernels (when the addon has them) whose great-circle kernels use that variant.
 */
export function loadNativeVariants(nativePath?: string): Backend[] {
  const binding = loadBinding(nativePath);
  const variants = Object.entries(binding.variants ?? {});
  if (variants.length === 0) return [loadNativeBackend(nativePath)];
  return variants.map(([variant, batch]) => nativeBackend(binding, batch, variant));
}
