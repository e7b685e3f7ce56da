/** Types of probe.mjs (plain JavaScript, so that every runtime and page can run it as it is). */
export interface ProbeInput {
  readonly primes: ReadonlyArray<number | string>;
  readonly distances: ReadonlyArray<ReadonlyArray<number>>;
  readonly async?: boolean;
}

export function runProbe(
  numaccel: unknown,
  input: ProbeInput,
): Promise<{ readonly perBackend: Readonly<Record<string, { readonly build: string }>> } & Readonly<Record<string, unknown>>>;
