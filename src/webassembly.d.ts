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
}
