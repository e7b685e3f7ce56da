import * as path from 'node:path';
import { KERNEL_NAMES, type Backend, type Kernels } from '../../contract.js';
import { PACKAGE_ROOT } from '../../paths.js';

/** The batch great-circle kernels of one SIMD variant of the addon. */
type GeoBatchKernels = Pick<Kernels, 'greatCircleMany' | 'greatCircleMatrix'>;

/** What the addon exports (native/addon.cc). */
interface NativeBinding extends Kernels {
  /** Every SIMD variant this CPU supports, best first (e.g. avx2, sse2, scalar). */
  readonly variants?: Readonly<Record<string, GeoBatchKernels>>;
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

/** A backend whose batch great-circle kernels come from `batch`; the other kernels are shared. */
function nativeBackend(binding: NativeBinding, batch: GeoBatchKernels, variant: string): Backend {
  const kernels: Kernels = {
    checkPrime: binding.checkPrime,
    greatCircle: binding.greatCircle,
    checkPrimes: binding.checkPrimes,
    countPrimes: binding.countPrimes,
    primesBetween: binding.primesBetween,
    greatCircleMany: batch.greatCircleMany,
    greatCircleMatrix: batch.greatCircleMatrix,
  };
  return { name: 'native', kernels, features: { ...binding.features, variant } };
}

/** The native backend, with the best SIMD variant for this CPU (`features.variant`, e.g. 'avx2'). */
export function loadNativeBackend(nativePath: string | undefined): Backend {
  const binding = loadBinding(nativePath);
  const simd = binding.features?.['simd'];
  return nativeBackend(binding, binding, typeof simd === 'string' ? simd : 'scalar');
}

/**
 * One native backend per SIMD variant this CPU supports, best first (`features.variant` names
 * it), so that tests can run the same suite on every variant. All return bit-identical results.
 */
export function loadNativeVariants(nativePath?: string): Backend[] {
  const binding = loadBinding(nativePath);
  const variants = Object.entries(binding.variants ?? {});
  if (variants.length === 0) return [loadNativeBackend(nativePath)];
  return variants.map(([variant, batch]) => nativeBackend(binding, batch, variant));
}
