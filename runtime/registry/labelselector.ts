// Label selectors as the `labelSelector` query parameter spells them:
// `a=b,c==d,e!=f,g in (x,y),h notin (z),i,!j,k>1,l<5`. The grammar, the key and value rules and
// the error texts follow apimachinery's labels package, so a bad selector answers the same 400
// message kube-apiserver gives ("unable to parse requirement: ...", "found 'x', expected: ...").
import { badRequest } from '../machinery/errors.js';
import { isQualifiedName, isValidLabelValue } from '../machinery/validation.js';

export type LabelOperator = '=' | '==' | '!=' | 'in' | 'notin' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  key: string;
  operator: LabelOperator;
  /** Sorted, without duplicates; empty for exists / `!`. */
  values: string[];
}

export interface LabelSelector {
  /** True when there is no requirement (everything matches). */
  readonly empty: boolean;
  readonly requirements: readonly LabelRequirement[];
  matches(labels: Readonly<Record<string, string>>): boolean;
}

// ---- lexer --------------------------------------------------------------------------------

type Token = 'end' | 'ident' | 'in' | 'notin' | '(' | ')' | ',' | '!' | '=' | '==' | '!=' | '>' | '<' | 'error';
interface Scanned {
  tok: Token;
  lit: string;
}

const SYMBOLS: ReadonlySet<string> = new Set(['=', '!', '(', ')', ',', '>', '<']);
const SYMBOL_TOKENS: ReadonlyMap<string, Token> = new Map<string, Token>([
  [')', ')'], [',', ','], ['!', '!'], ['==', '=='], ['=', '='], ['>', '>'], ['<', '<'], ['!=', '!='], ['(', '('],
]);
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

function scan(text: string): Scanned[] {
  const out: Scanned[] = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && isSpace(text[pos])) pos++;
    if (pos >= text.length) {
      out.push({ tok: 'end', lit: '' });
      return out;
    }
    if (SYMBOLS.has(text[pos])) {
      // Longest run of symbol characters that is still an operator ("!=", "==").
      let best: Scanned | undefined;
      let end = pos;
      while (end < text.length && SYMBOLS.has(text[end])) {
        const candidate = text.slice(pos, end + 1);
        const tok = SYMBOL_TOKENS.get(candidate);
        if (tok) best = { tok, lit: candidate };
        else if (best) break;
        end++;
      }
      if (!best) {
        out.push({ tok: 'error', lit: `error expected: keyword found '${text.slice(pos, end)}'` });
        pos = end;
      } else {
        out.push(best);
        pos += best.lit.length;
      }
      continue;
    }
    const start = pos;
    while (pos < text.length && !SYMBOLS.has(text[pos]) && !isSpace(text[pos])) pos++;
    const lit = text.slice(start, pos);
    out.push({ tok: lit === 'in' ? 'in' : lit === 'notin' ? 'notin' : 'ident', lit });
  }
}

// ---- parser -------------------------------------------------------------------------------

/** Where `in` / `notin` are words (a key or a value) rather than operators. */
type Context = 'keyAndOperator' | 'values';
const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class ParseError extends Error {}

/** apimachinery's field.Invalid wording; the parser has no field path, hence `<nil>`. */
function invalidValue(path: string, value: string, problems: string[]): string {
  return `${path}: Invalid value: ${JSON.stringify(value)}: ${problems.join('; ')}`;
}

class Parser {
  private position = 0;
  constructor(private readonly items: Scanned[]) {}

  private lookahead(context: Context): Scanned {
    return this.asContext(this.items[this.position], context);
  }

  private consume(context: Context): Scanned {
    return this.asContext(this.items[this.position++], context);
  }

  private asContext(item: Scanned, context: Context): Scanned {
    if (context === 'values' && (item.tok === 'in' || item.tok === 'notin')) return { tok: 'ident', lit: item.lit };
    return item;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { tok, lit } = this.lookahead('values');
      if (tok === 'end') return requirements;
      if (tok !== 'ident' && tok !== '!') throw new ParseError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(this.parseRequirement());
      } catch (err) {
        if (err instanceof ParseError) throw new ParseError(`unable to parse requirement: ${err.message}`);
        throw err;
      }
      const next = this.consume('values');
      if (next.tok === 'end') return requirements;
      if (next.tok !== ',') throw new ParseError(`found '${next.lit}', expected: ',' or 'end of string'`);
      const after = this.lookahead('values');
      if (after.tok !== 'ident' && after.tok !== '!') throw new ParseError(`found '${after.lit}', expected: identifier after ','`);
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator } = this.parseKeyAndInferOperator();
    if (operator === 'exists' || operator === '!') return { key, operator, values: [] };
    const op = this.parseOperator();
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, values);
  }

  private parseKeyAndInferOperator(): { key: string; operator?: LabelOperator } {
    let operator: LabelOperator | undefined;
    let item = this.consume('values');
    if (item.tok === '!') {
      operator = '!';
      item = this.consume('values');
    }
    if (item.tok !== 'ident') throw new ParseError(`found '${item.lit}', expected: identifier`);
    const problems = isQualifiedName(item.lit);
    if (problems.length > 0) throw new ParseError(invalidValue('<nil>', item.lit, problems));
    const next = this.lookahead('values').tok;
    if ((next === 'end' || next === ',') && operator !== '!') operator = 'exists';
    return { key: item.lit, operator };
  }

  private parseOperator(): LabelOperator {
    const { tok, lit } = this.consume('keyAndOperator');
    switch (tok) {
      case 'in':
      case 'notin':
      case '=':
      case '==':
      case '!=':
        return tok;
      case '>':
        return 'gt';
      case '<':
        return 'lt';
      default:
        throw new ParseError(`found '${lit}', expected: ${BINARY_OPERATORS}`);
    }
  }

  /** `(a,b,c)`; empty entries are the empty value, so `()` is the set {""} as in kube. */
  private parseValues(): Set<string> {
    const open = this.consume('values');
    if (open.tok !== '(') throw new ParseError(`found '${open.lit}' expected: '('`);
    const first = this.lookahead('values');
    if (first.tok === ')') {
      this.consume('values');
      return new Set(['']);
    }
    if (first.tok !== 'ident' && first.tok !== ',') throw new ParseError(`found '${first.lit}', expected: ',', ')' or identifier`);
    const values = this.parseIdentifiersList();
    this.consume('values'); // the ')' parseIdentifiersList stopped at
    return values;
  }

  private parseIdentifiersList(): Set<string> {
    const values = new Set<string>();
    for (;;) {
      const { tok, lit } = this.consume('values');
      if (tok === 'ident') {
        values.add(lit);
        const next = this.lookahead('values');
        if (next.tok === ',') continue;
        if (next.tok === ')') return values;
        throw new ParseError(`found '${next.lit}', expected: ',' or ')'`);
      }
      if (tok !== ',') throw new ParseError(`found '${lit}', expected: ',', or identifier`);
      // A comma with nothing before or after it stands for the empty value.
      if (values.size === 0) values.add('');
      const next = this.lookahead('values').tok;
      if (next === ')') {
        values.add('');
        return values;
      }
      if (next === ',') values.add('');
    }
  }

  private parseExactValue(): Set<string> {
    const next = this.lookahead('values');
    if (next.tok === 'end' || next.tok === ',') return new Set(['']);
    const { tok, lit } = this.consume('values');
    if (tok === 'ident') return new Set([lit]);
    throw new ParseError(`found '${lit}', expected: identifier`);
  }
}

/** apimachinery's NewRequirement checks: label-value syntax, integers for gt/lt. */
function newRequirement(key: string, operator: LabelOperator, valueSet: Set<string>): LabelRequirement {
  const values = [...valueSet].sort();
  const errors: string[] = [];
  if (operator === 'gt' || operator === 'lt') {
    values.forEach((v, i) => {
      if (!/^[+-]?\d+$/.test(v)) errors.push(invalidValue(`values[${i}]`, v, ["for 'Gt', 'Lt' operators, the value must be an integer"]));
    });
  }
  values.forEach((v, i) => {
    const problems = isValidLabelValue(v);
    if (problems.length > 0) errors.push(invalidValue(`values[${i}][${key}]`, v, problems));
  });
  if (errors.length === 1) throw new ParseError(errors[0]);
  if (errors.length > 1) throw new ParseError(`[${errors.join(', ')}]`);
  return { key, operator, values };
}

// ---- matching -----------------------------------------------------------------------------

function requirementMatches(req: LabelRequirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, req.key);
  const value = has ? labels[req.key] : undefined;
  switch (req.operator) {
    case '=':
    case '==':
    case 'in':
      return has && req.values.includes(value as string);
    case '!=':
    case 'notin':
      return !has || !req.values.includes(value as string);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || !/^[+-]?\d+$/.test(value as string)) return false;
      const actual = BigInt(value as string);
      const bound = BigInt(req.values[0]);
      return req.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

const EVERYTHING: LabelSelector = { empty: true, requirements: [], matches: () => true };

/**
 * Parses a selector; an absent or blank one selects everything. Throws a 400 StatusError with
 * kube's message on bad syntax, a bad key or a bad value.
 */
export function parseLabelSelector(text: string | undefined | null): LabelSelector {
  if (text === undefined || text === null) return EVERYTHING;
  let requirements: LabelRequirement[];
  try {
    requirements = new Parser(scan(text)).parse();
  } catch (err) {
    if (err instanceof ParseError) throw badRequest(err.message);
    throw err;
  }
  if (requirements.length === 0) return EVERYTHING;
  requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    empty: false,
    requirements,
    matches: (labels) => requirements.every((r) => requirementMatches(r, labels)),
  };
}
