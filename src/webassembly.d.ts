// The few WebAssembly JS-API declarations numaccel uses. Every engine it runs on has the global,
// but its types live in TypeScript's DOM library, which the Node build should not pull in.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
    /** Keeps the type nominal: structurally the class is empty, and every object would match it. */
    private readonly compiledModule: never;
    /** The module's exports, by name and kind. */
    static exports(module: Module): Array<{ name: string; kind: string }>;
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
  /** Compiles off the main thread (browsers refuse to compile large modules synchronously there). */
  function compile(bytes: Uint8Array | ArrayBuffer): Promise<Module>;
  /** Compiles while the response downloads; needs the `application/wasm` content type. */
  function compileStreaming(source: Response | Promise<Response>): Promise<Module>;
}

// A .wasm file imported as a module (workerd, wrangler, miniflare): the compiled module.
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
