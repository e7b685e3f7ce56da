import { BACKEND_NAMES, type BackendName } from './contract.js';
import type { Backend } from './builds.js';
import { buildsOf, type Build, type BuildId } from './builds.js';
import type { Configuration, Platform } from './platform.js';

/**
 * Raised when a backend or build is asked for but is not loaded: it failed (`cause` is the
 * loader's original error) or, where WebAssembly compiles asynchronously, it is still loading
 * (`pending`; `await ready()` first).
 * @category Backends
 */
export class BackendUnavailableError extends Error {
  /** The backend asked for, or the backend of the build asked for. */
  readonly backend: BackendName;
  /** The build asked for, when one was named ('wasm:scalar'). */
  readonly build: BuildId | undefined;
  /** True while the build is still loading: it may yet succeed. */
  readonly pending: boolean;
  constructor(backend: BackendName, cause: unknown, options: { build?: BuildId | undefined; pending?: boolean } = {}) {
    const what = options.build ?? backend;
    const reason = options.pending
      ? 'it is still loading (await ready() before forcing it)'
      : `${cause instanceof Error ? cause.message : String(cause)}`;
    super(`numaccel: the ${what} ${options.build ? 'build' : 'backend'} is not available: ${reason}`, options.pending ? {} : { cause });
    this.name = 'BackendUnavailableError';
    this.backend = backend;
    this.build = options.build;
    this.pending = options.pending === true;
  }
}

/** Where one build stands: not tried yet, loading, loaded, or failed (with the original `cause`). */
export type BuildStatus =
  | { readonly build: Build; readonly state: 'idle' }
  | { readonly build: Build; readonly state: 'pending' }
  | { readonly build: Build; readonly state: 'loaded'; readonly backend: Backend }
  | { readonly build: Build; readonly state: 'failed'; readonly error: BackendUnavailableError };

const isPromise = (value: unknown): value is Promise<unknown> => typeof (value as Promise<unknown> | undefined)?.then === 'function';

/**
 * The builds of one platform and configuration, each loaded at most once, on first need. A
 * backend's default build is the first of its builds (best first) that loads; where loading is
 * asynchronous, a failed build hands over to the next one when it settles.
 */
export class Registry {
  private readonly statuses = new Map<BuildId, BuildStatus>();
  private readonly loading = new Set<Promise<unknown>>();

  constructor(
    private readonly platform: Platform,
    private readonly config: Configuration,
    /** Called whenever a build finishes loading asynchronously, so that routing is chosen again. */
    private readonly onSettled: () => void,
  ) {}

  status(build: Build): BuildStatus {
    return this.statuses.get(build.id) ?? { build, state: 'idle' };
  }

  /** Loads `build` unless it was tried already, and says where it stands. */
  load(build: Build): BuildStatus {
    const known = this.statuses.get(build.id);
    if (known) return known;
    let status: BuildStatus;
    try {
      const result = this.platform.load(build, this.config);
      if (isPromise(result)) {
        const settle = result.then(
          (backend) => this.statuses.set(build.id, { build, state: 'loaded', backend }),
          (cause) => {
            this.statuses.set(build.id, failed(build, cause));
            this.defaultOf(build.backend); // hand over to the backend's next build
          },
        );
        this.loading.add(settle);
        void settle.finally(() => {
          this.loading.delete(settle);
          this.onSettled();
        });
        status = { build, state: 'pending' };
      } else {
        status = { build, state: 'loaded', backend: result };
      }
    } catch (cause) {
      status = failed(build, cause);
    }
    this.statuses.set(build.id, status);
    return status;
  }

  /**
   * The backend's default build: the first that is loaded or loading, trying its builds in order.
   * When every one failed, the first one's failure (the usual reason is shared: no addon at all).
   */
  defaultOf(backend: BackendName): BuildStatus {
    const builds = buildsOf(backend);
    for (const build of builds) {
      const status = this.load(build);
      if (status.state !== 'failed') return status;
    }
    return this.status(builds[0]!);
  }

  /** Every backend's default build, in priority order. */
  defaults(): BuildStatus[] {
    return BACKEND_NAMES.map((name) => this.defaultOf(name));
  }

  /** Whether some build is still loading. */
  get busy(): boolean {
    return this.loading.size > 0;
  }

  /** Resolves once nothing is loading (loading may hand over to further builds meanwhile). */
  async settled(): Promise<void> {
    while (this.loading.size > 0) await Promise.allSettled([...this.loading]);
  }

  /** Every build tried so far, and the idle rest, in priority order. */
  all(builds: readonly Build[]): BuildStatus[] {
    return builds.map((build) => this.status(build));
  }
}

function failed(build: Build, cause: unknown): BuildStatus {
  return { build, state: 'failed', error: new BackendUnavailableError(build.backend, cause, { build: build.id }) };
}
