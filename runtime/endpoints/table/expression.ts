// Computed printer cells: the `value=` of a `@printColumn`, a small expression over JSONPaths for
// the cells kube-apiserver's built-in printers compute (a ConfigMap's number of keys, an Ingress's
// hosts or "*", its ports "80, 443"). Parsed here once, by the generator (to report a bad value
// with its file and line) and by the table code (to evaluate it per row); evaluate.ts runs it.
//
//   expr := path | 'text' | "text" | integer | name '(' [arg {',' arg}] ')'
//   arg  := expr | name '=' ('text' | integer)         (keyword options, e.g. sep=', ')
//   path := '.' JSONPath (from the object) | '@' [JSONPath] (from the item `each` is at)
import { type PathStep, parseJSONPath } from './jsonpath.js';

export type CellExpression =
  | { kind: 'path'; relative: boolean; text: string; steps: PathStep[] }
  | { kind: 'literal'; value: string | number }
  | { kind: 'call'; name: FunctionName; args: CellExpression[]; options: Record<string, string | number> };

export class CellExpressionError extends Error {}

interface FunctionSpec {
  minArgs: number;
  /** Undefined: any number. */
  maxArgs?: number;
  options: Record<string, 'string' | 'count'>;
  /** What the function gives, for the generator's check against the column type. */
  result: 'integer' | 'string' | 'any';
}

/** The functions, with the shape of their arguments. Semantics are in evaluate.ts. */
export const FUNCTIONS = {
  /** Keys of each map plus items of each list reached (any other value counts 1). */
  count: { minArgs: 1, options: {}, result: 'integer' },
  /** The text of every non-empty value, joined by `sep` (default ","); with `max`, the
   * first `max` values and " + N more...". Nothing when there is no non-empty value. */
  join: { minArgs: 1, options: { sep: 'string', max: 'count' }, result: 'string' },
  /** The values of the first argument that reaches a non-empty value. */
  or: { minArgs: 1, options: {}, result: 'any' },
  /** Its second argument when the first reaches a non-empty value, else its third (or nothing). */
  ifNonEmpty: { minArgs: 2, maxArgs: 3, options: {}, result: 'any' },
  /** Distinct values in sorted order (a set, as Go's printers build them). */
  unique: { minArgs: 1, options: {}, result: 'any' },
  /** For every value its first argument reaches, its second evaluated with `@` at that value. */
  each: { minArgs: 2, maxArgs: 2, options: {}, result: 'any' },
  /** Strings lower-cased. */
  lower: { minArgs: 1, maxArgs: 1, options: {}, result: 'string' },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof FUNCTIONS;

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const INTEGER = /-?\d+/y;

class Parser {
  private at = 0;
  /** How many `each(...)` second arguments enclose the current position (where `@` is allowed). */
  private itemDepth = 0;

  constructor(private readonly src: string) {}

  parse(): CellExpression {
    const expr = this.expression();
    this.space();
    if (this.at < this.src.length) this.fail(`unexpected ${JSON.stringify(this.src.slice(this.at, this.at + 10))}`);
    return expr;
  }

  private fail(why: string): never {
    const where = this.at >= this.src.length ? 'at the end' : `at column ${this.at + 1}`;
    throw new CellExpressionError(`${why} ${where}`);
  }

  private space(): void {
    while (this.at < this.src.length && /\s/.test(this.src[this.at]!)) this.at++;
  }

  private match(re: RegExp): string | undefined {
    re.lastIndex = this.at;
    const m = re.exec(this.src);
    if (!m) return undefined;
    this.at = re.lastIndex;
    return m[0];
  }

  private expression(): CellExpression {
    this.space();
    const c = this.src[this.at];
    if (c === undefined) this.fail('expected a path, a literal or a function');
    if (c === '.' || c === '@') return this.path();
    if (c === "'" || c === '"') return { kind: 'literal', value: this.quoted() };
    const integer = this.match(INTEGER);
    if (integer !== undefined) return { kind: 'literal', value: Number(integer) };
    const name = this.match(NAME);
    if (name === undefined) this.fail(`unexpected ${JSON.stringify(c)}`);
    return this.call(name);
  }

  /** A JSONPath runs to the first `,` `)` or space outside brackets and quotes. */
  private path(): CellExpression {
    const start = this.at;
    let depth = 0;
    let quote: string | undefined;
    while (this.at < this.src.length) {
      const c = this.src[this.at]!;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (depth === 0 && (c === ',' || c === ')' || /\s/.test(c))) break;
      this.at++;
    }
    const text = this.src.slice(start, this.at);
    const relative = text.startsWith('@');
    if (relative && this.itemDepth === 0) {
      this.at = start;
      this.fail(`'@' paths only work inside the second argument of each()`);
    }
    const body = relative ? text.slice(1) : text;
    if (relative && body !== '' && !body.startsWith('.') && !body.startsWith('[')) {
      this.at = start;
      this.fail(`bad path ${JSON.stringify(text)}`);
    }
    try {
      return { kind: 'path', relative, text, steps: parseJSONPath(body) };
    } catch (error) {
      this.at = start;
      return this.fail((error as Error).message);
    }
  }

  private quoted(): string {
    const quote = this.src[this.at]!;
    const end = this.src.indexOf(quote, this.at + 1);
    if (end < 0) this.fail('unclosed quote');
    const value = this.src.slice(this.at + 1, end);
    this.at = end + 1;
    return value;
  }

  private call(name: string): CellExpression {
    const start = this.at - name.length;
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) {
      this.at = start;
      this.fail(`unknown function '${name}' (functions: ${Object.keys(FUNCTIONS).join(', ')})`);
    }
    const fn = name as FunctionName;
    const spec: FunctionSpec = FUNCTIONS[fn];
    this.space();
    if (this.src[this.at] !== '(') this.fail(`expected '(' after ${name}`);
    this.at++;
    const args: CellExpression[] = [];
    const options: Record<string, string | number> = {};
    this.space();
    const arity = (why: string): never => {
      this.at = start;
      return this.fail(`${name}() ${why}`);
    };
    if (this.src[this.at] === ')') arity(`needs at least ${spec.minArgs} argument${spec.minArgs === 1 ? '' : 's'}`);
    for (;;) {
      this.space();
      const optionStart = this.at;
      const option = this.match(/([A-Za-z_][A-Za-z0-9_]*)\s*=/y);
      if (option !== undefined) {
        const key = option.replace(/\s*=$/, '');
        const kind = Object.prototype.hasOwnProperty.call(spec.options, key) ? spec.options[key] : undefined;
        if (kind === undefined) {
          this.at = optionStart;
          const known = Object.keys(spec.options);
          this.fail(`${name}() has no option '${key}'${known.length > 0 ? ` (options: ${known.join(', ')})` : ''}`);
        }
        if (Object.prototype.hasOwnProperty.call(options, key)) this.fail(`${name}() option '${key}' is given twice`);
        this.space();
        options[key] = this.optionValue(name, key, kind);
      } else {
        if (Object.keys(options).length > 0) this.fail(`${name}(): arguments go before options`);
        // each()'s second argument is evaluated per item: `@` paths refer to that item there.
        const perItem = fn === 'each' && args.length === 1;
        if (perItem) this.itemDepth++;
        args.push(this.expression());
        if (perItem) this.itemDepth--;
      }
      this.space();
      if (this.src[this.at] === ',') {
        this.at++;
        continue;
      }
      if (this.src[this.at] === ')') {
        this.at++;
        break;
      }
      this.fail(`expected ',' or ')' in ${name}()`);
    }
    if (args.length < spec.minArgs) arity(`needs at least ${spec.minArgs} arguments`);
    if (spec.maxArgs !== undefined && args.length > spec.maxArgs) arity(`takes at most ${spec.maxArgs} argument${spec.maxArgs === 1 ? '' : 's'}`);
    return { kind: 'call', name: fn, args, options };
  }

  private optionValue(fn: string, key: string, kind: 'string' | 'count'): string | number {
    const c = this.src[this.at];
    if (kind === 'string') {
      if (c !== "'" && c !== '"') this.fail(`${fn}() option ${key} must be a quoted string`);
      return this.quoted();
    }
    const start = this.at;
    const n = this.match(/\d+/y);
    if (n === undefined || Number(n) < 1) {
      this.at = start;
      this.fail(`${fn}() option ${key} must be a positive integer`);
    }
    return Number(n);
  }
}

/** Parses a `value=` expression; throws CellExpressionError saying what is wrong and where. */
export function parseCellExpression(text: string): CellExpression {
  return new Parser(text).parse();
}

/** The first path read from the object itself (not an `@` path), in reading order: the field
 * the column is about, used for its description. */
export function firstObjectPath(expr: CellExpression): string | undefined {
  switch (expr.kind) {
    case 'path':
      return expr.relative ? undefined : expr.text;
    case 'literal':
      return undefined;
    case 'call':
      for (const arg of expr.args) {
        const found = firstObjectPath(arg);
        if (found !== undefined) return found;
      }
      return undefined;
  }
}

/** What kind of value the expression gives: an integer (count), text (join, lower), or whatever
 * its paths hold. */
export function resultOf(expr: CellExpression): 'integer' | 'string' | 'any' {
  if (expr.kind === 'literal') return typeof expr.value === 'number' ? 'integer' : 'string';
  if (expr.kind === 'path') return 'any';
  return FUNCTIONS[expr.name].result;
}
