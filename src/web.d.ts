// The few Web APIs the browser entry uses (module Web Workers, navigator), declared here rather
// than by TypeScript's DOM library, which the Node build should not pull in.
declare class Worker {
  constructor(url: URL | string, options?: { type?: 'classic' | 'module'; name?: string });
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  terminate(): void;
  addEventListener(type: 'message' | 'error' | 'messageerror', listener: (event: { data?: unknown; message?: string }) => void): void;
}
