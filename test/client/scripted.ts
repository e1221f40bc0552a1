// A scripted ListerWatcher for unit tests of the reflector and informer rules: each list call is
// answered by a function the test sets, each watch call opens a stream the test drives.
import { StatusError } from '../../runtime/machinery/errors.js';
import type { ListerWatcher, WatchInterface } from '../../runtime/client/cache/reflector.js';
import type { KubeList, KubeObject, ListOptions, WatchEvent } from '../../runtime/client/types.js';

export class ScriptedWatch implements WatchInterface<KubeObject> {
  private queue: (WatchEvent<KubeObject> | { end: true } | { error: unknown })[] = [];
  private wake?: () => void;
  stopped = false;

  constructor(readonly opts: ListOptions) {}

  push(ev: WatchEvent<KubeObject>): void {
    this.queue.push(ev);
    this.wake?.();
  }
  end(): void {
    this.queue.push({ end: true });
    this.wake?.();
  }
  fail(error: unknown): void {
    this.queue.push({ error });
    this.wake?.();
  }
  stop(): void {
    this.stopped = true;
    this.wake?.();
  }
  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent<KubeObject>> {
    for (;;) {
      if (this.stopped) return;
      const next = this.queue.shift();
      if (!next) {
        await new Promise<void>((r) => (this.wake = r));
        continue;
      }
      if ('end' in next) return;
      if ('error' in next) throw next.error;
      yield next;
    }
  }
}

export class ScriptedLW implements ListerWatcher<KubeObject> {
  readonly lists: ListOptions[] = [];
  readonly watches: ScriptedWatch[] = [];
  listFn: (opts: ListOptions) => KubeList<KubeObject> = () => ({ metadata: { resourceVersion: '1' }, items: [] });
  watchFn: (opts: ListOptions) => void = () => undefined;
  private watchWaiters: (() => void)[] = [];

  async list(opts: ListOptions): Promise<KubeList<KubeObject>> {
    this.lists.push(opts);
    return this.listFn(opts);
  }

  async watch(opts: ListOptions): Promise<WatchInterface<KubeObject>> {
    this.watchFn(opts); // may throw
    const w = new ScriptedWatch(opts);
    this.watches.push(w);
    for (const r of this.watchWaiters.splice(0)) r();
    return w;
  }

  /** Resolves with the n-th watch (1-based) once it has been opened. */
  async watchNo(n: number, timeoutMs = 5000): Promise<ScriptedWatch> {
    const deadline = Date.now() + timeoutMs;
    while (this.watches.length < n) {
      if (Date.now() > deadline) throw new Error(`watch #${n} was never opened (${this.watches.length} so far)`);
      await new Promise<void>((r) => {
        this.watchWaiters.push(r);
        setTimeout(r, 50);
      });
    }
    return this.watches[n - 1]!;
  }
}

export function cm(name: string, rv: string, extra: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default', resourceVersion: rv, uid: `uid-${name}`, ...extra } };
}

export function status(code: number, reason: string, message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

export async function until(cond: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
