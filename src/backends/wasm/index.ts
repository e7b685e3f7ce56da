import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Backend } from '../../contract.js';
import { PACKAGE_ROOT } from '../../paths.js';

/** The exports of build/numaccel.wasm (assembly/index.ts). */
interface WasmExports {
  checkPrimeF64(n: number): number;
  checkPrimeU64(n: bigint): number;
  greatCircle(lon1: number, lat1: number, lon2: number, lat2: number, radius: number): number;
}

export const DEFAULT_WASM_PATH = path.join(PACKAGE_ROOT, 'build-wasm', 'numaccel.wasm');

/** Compiles and instantiates the AssemblyScript module synchronously (it is small: milliseconds). */
export function loadWasmBackend(wasmPath: string = DEFAULT_WASM_PATH): Backend {
  const module = new WebAssembly.Module(fs.readFileSync(wasmPath));
  // The release build needs no imports: no runtime allocator (runtime "stub") and no assertions.
  const instance = new WebAssembly.Instance(module, {});
  const wasm = instance.exports as unknown as WasmExports;
  return {
    name: 'wasm',
    kernels: {
      // i64 parameters take a BigInt at the JS boundary; numbers go through the f64 entry point.
      checkPrime: (n) => (typeof n === 'number' ? wasm.checkPrimeF64(n) : wasm.checkPrimeU64(n)) !== 0,
      greatCircle: wasm.greatCircle,
    },
    features: { variant: 'scalar', bytes: fs.statSync(wasmPath).size },
  };
}
