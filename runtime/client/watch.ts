// A watch stream as an async iterable of events. The body is parsed line by line as it arrives
// (never buffered whole); stop() ends the iteration from any side.
import type { IncomingMessage } from 'node:http';
import { NDJSONDecoder } from './ndjson.js';
import type { KubeObject, WatchEvent } from './types.js';

/** The connection broke mid-stream (reset, aborted): the watch should be resumed, not trusted. */
export class WatchStreamError extends Error {
  constructor(override readonly cause: unknown) {
    super(`watch stream broken: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'WatchStreamError';
  }
}

export class Watch<T extends KubeObject> implements AsyncIterable<WatchEvent<T>> {
  private stopped = false;
  private iterated = false;

  constructor(
    private readonly res: IncomingMessage,
    private readonly abort: () => void,
  ) {}

  /** Closes the connection; a running iteration ends normally. Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort();
    this.res.destroy();
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<WatchEvent<T>> {
    if (this.iterated) throw new Error('a watch can be iterated only once');
    this.iterated = true;
    const decoder = new NDJSONDecoder();
    try {
      for await (const chunk of this.res) {
        for (const ev of decoder.push(chunk as Buffer)) {
          if (this.stopped) return;
          yield ev as WatchEvent<T>;
        }
      }
      for (const ev of decoder.end()) yield ev as WatchEvent<T>;
    } catch (err) {
      if (this.stopped) return;
      if (err instanceof SyntaxError) throw err;
      throw new WatchStreamError(err);
    } finally {
      this.stop();
    }
  }
}
