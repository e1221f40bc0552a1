// Collects every problem found while parsing, so the user sees all of them in one run.
import { GeneratorError, GeneratorErrors, type SourceLocation } from '../model.js';

export class ErrorSink {
  private readonly errors: GeneratorError[] = [];
  private readonly seen = new Set<string>();

  add(source: SourceLocation, detail: string, fieldPath?: string): void {
    const error = new GeneratorError(source, detail, fieldPath);
    // The same alias or type can be reached from several places; report it once.
    if (this.seen.has(error.message)) return;
    this.seen.add(error.message);
    this.errors.push(error);
  }

  get count(): number {
    return this.errors.length;
  }

  /** Throws all collected errors, ordered by file and line. */
  throwIfAny(): void {
    if (this.errors.length === 0) return;
    const sorted = [...this.errors].sort(
      (a, b) => compare(a.source.file, b.source.file) || a.source.line - b.source.line,
    );
    throw new GeneratorErrors(sorted);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
