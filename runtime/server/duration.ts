// Go-style durations for flags (`30s`, `5m`, `1h30m`, `250ms`, `0`), as kube-apiserver's flags
// take them (time.ParseDuration). Negative durations are refused: no flag here wants one.

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Milliseconds of a Go duration string; throws RangeError with the reason otherwise. */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (s === '0') return 0;
  if (s === '') throw new RangeError('invalid duration ""');
  if (s.startsWith('-')) throw new RangeError(`invalid duration ${JSON.stringify(text)}: must not be negative`);
  const body = s.startsWith('+') ? s.slice(1) : s;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let ms = 0;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const m = part.exec(body);
    if (m === null) {
      const missingUnit = /^[\d.]+$/.test(body.slice(at));
      throw new RangeError(`${missingUnit ? 'missing unit in' : 'invalid'} duration ${JSON.stringify(text)}`);
    }
    ms += Number(m[1]) * UNIT_MS[m[2]];
    at = part.lastIndex;
  }
  if (body.length === 0) throw new RangeError(`invalid duration ${JSON.stringify(text)}`);
  return ms;
}
