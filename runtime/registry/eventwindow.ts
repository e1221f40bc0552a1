// The watch cache's window of recent events: a ring of at most `capacity` entries in revision
// order. Pushing beyond capacity drops the oldest; the caller learns which one so it can move
// the point its history starts from.

export interface Revisioned {
  readonly revision: number;
}

export class EventWindow<T extends Revisioned> {
  private readonly ring: (T | undefined)[];
  private head = 0; // index of the oldest entry
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError(`window capacity must be >= 1, got ${capacity}`);
    this.ring = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  private at(i: number): T {
    return this.ring[(this.head + i) % this.capacity] as T;
  }

  /** Appends `entry` (revisions must increase); returns the entry dropped to make room, if any. */
  push(entry: T): T | undefined {
    if (this.count < this.capacity) {
      this.ring[(this.head + this.count) % this.capacity] = entry;
      this.count++;
      return undefined;
    }
    const dropped = this.ring[this.head] as T;
    this.ring[this.head] = entry;
    this.head = (this.head + 1) % this.capacity;
    return dropped;
  }

  /** Drops entries with revision <= `revision`; returns the last one dropped, if any. */
  dropThrough(revision: number): T | undefined {
    let last: T | undefined;
    while (this.count > 0 && this.ring[this.head]!.revision <= revision) {
      last = this.ring[this.head];
      this.ring[this.head] = undefined;
      this.head = (this.head + 1) % this.capacity;
      this.count--;
    }
    return last;
  }

  /** Index of the first entry with revision > `revision` (size when none). */
  private firstAfter(revision: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.at(mid).revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Entries with revision > `revision`, oldest first. */
  after(revision: number): T[] {
    const out: T[] = [];
    for (let i = this.firstAfter(revision); i < this.count; i++) out.push(this.at(i));
    return out;
  }

  /** Visits entries with revision > `revision`, newest first. */
  forEachNewestAfter(revision: number, visit: (entry: T) => void): void {
    for (let i = this.count - 1; i >= 0; i--) {
      const entry = this.at(i);
      if (entry.revision <= revision) return;
      visit(entry);
    }
  }
}
