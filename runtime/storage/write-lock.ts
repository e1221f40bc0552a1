// A FIFO mutex for the read-modify-write part of storage writes.
//
// When the lock is free the critical section starts synchronously (no promise hop), so a burst of
// creates that never wait on each other costs no extra ticks; when it is held, callers queue in
// arrival order, which is what makes concurrent writes behave as if serialized.

export class WriteLock {
  private held = false;
  private waiters: Array<() => void> = [];
  private head = 0;

  /** Runs `section` exclusively; the lock is released when its promise settles. */
  async run<T>(section: () => T | Promise<T>): Promise<T> {
    if (this.held) {
      await new Promise<void>((wake) => this.waiters.push(wake));
    } else {
      this.held = true;
    }
    try {
      return await section();
    } finally {
      this.release();
    }
  }

  /** True while a section runs or waits. */
  get busy(): boolean {
    return this.held;
  }

  private release(): void {
    if (this.head < this.waiters.length) {
      // Hand the lock straight to the next waiter; `held` stays true.
      const next = this.waiters[this.head]!;
      this.waiters[this.head++] = noop;
      if (this.head > 1024 && this.head * 2 > this.waiters.length) {
        this.waiters = this.waiters.slice(this.head);
        this.head = 0;
      }
      next();
    } else {
      this.waiters = [];
      this.head = 0;
      this.held = false;
    }
  }
}

function noop(): void {}
