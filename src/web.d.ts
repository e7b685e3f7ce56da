// The few Web APIs the browser entry uses (module Web Workers, navigator), declared here rather
// than by TypeScript's DOM library, which the Node build should not pull in.
declare class Worker {
  constructor(url: URL | string, options?: { type?: 'classic' | 'module'; name?: string });
  postMessage(message: unknown, transfer?: readonly ArrayBuffer[]): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string }) => void) | null;
}
