// Exponential backoff with jitter, reset after a quiet period (client-go's
// exponential backoff manager): 0.8s, 1.6s, ... up to 30s, each delay stretched by up to
// `jitter` times itself at random, so a fleet of clients never retries in lockstep.
export interface BackoffOptions {
  initialMs?: number;
  maxMs?: number;
  factor?: number;
  /** 1.0 = each delay is between d and 2d. */
  jitter?: number;
  /** No backoff for this long -> start again from initialMs. */
  resetAfterMs?: number;
  random?: () => number;
}

export class Backoff {
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly factor: number;
  private readonly jitter: number;
  private readonly resetAfterMs: number;
  private readonly random: () => number;
  private current = 0;
  private lastAt = 0;

  constructor(opts: BackoffOptions = {}) {
    this.initialMs = opts.initialMs ?? 800;
    this.maxMs = opts.maxMs ?? 30_000;
    this.factor = opts.factor ?? 2;
    this.jitter = opts.jitter ?? 1;
    this.resetAfterMs = opts.resetAfterMs ?? 120_000;
    this.random = opts.random ?? Math.random;
  }

  /** The next delay in ms (and remembers it for the next call). */
  next(now = Date.now()): number {
    if (this.current === 0 || now - this.lastAt > this.resetAfterMs) this.current = this.initialMs;
    else this.current = Math.min(this.current * this.factor, this.maxMs);
    this.lastAt = now;
    return jittered(this.current, this.jitter, this.random);
  }

  reset(): void {
    this.current = 0;
  }
}

export function jittered(ms: number, jitter: number, random: () => number = Math.random): number {
  return jitter > 0 ? ms + random() * jitter * ms : ms;
}

/** Resolves after ms, or at once when the signal aborts (never rejects). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
