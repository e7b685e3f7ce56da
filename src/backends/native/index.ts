import * as path from 'node:path';
import { KERNEL_NAMES, type Backend, type Kernels } from '../../contract.js';
import { PACKAGE_ROOT } from '../../paths.js';

interface NativeBinding extends Kernels {
  features?: Record<string, string | number | boolean>;
}

/**
 * Loads the Node-API addon: the file named by NUMACCEL_NATIVE_PATH when given (for instance the
 * cmake-js build), otherwise whatever node-gyp-build finds (prebuilds/, then build/Release).
 * Throws when there is no usable addon; the registry records why.
 */
export function loadNativeBackend(nativePath: string | undefined): Backend {
  const binding: NativeBinding = nativePath
    ? require(path.resolve(nativePath))
    : require('node-gyp-build')(PACKAGE_ROOT);
  const missing = KERNEL_NAMES.filter((name) => typeof binding[name] !== 'function');
  if (missing.length > 0) {
    throw new Error(`the addon does not export the kernels ${missing.join(', ')}`);
  }
  return {
    name: 'native',
    kernels: { checkPrime: binding.checkPrime, greatCircle: binding.greatCircle },
    features: { variant: 'scalar', ...binding.features },
  };
}
