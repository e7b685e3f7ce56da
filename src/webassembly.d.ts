// The few WebAssembly JS-API declarations numaccel uses. Node has the global at run time, but its
// types live in TypeScript's DOM library, which a Node package should not pull in.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    /** Detached and replaced whenever the memory grows. */
    readonly buffer: ArrayBuffer;
    grow(deltaPages: number): number;
  }
  /** Whether the engine accepts these bytes as a module (false, e.g., for SIMD on engines without it). */
  function validate(bytes: Uint8Array): boolean;
}
