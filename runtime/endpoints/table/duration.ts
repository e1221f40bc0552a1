// Ages as kubectl shows them: the server formats date columns into short human durations with
// two or three significant figures ("45s", "3m12s", "5h", "2d4h", "1y30d"), as apimachinery's
// duration.HumanDuration does, so every kubectl version prints the same text.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** A duration in milliseconds -> kubectl's age text. Up to ~2s into the future (clock skew
 * between machines) counts as "0s"; further is "<invalid>". */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.trunc(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.trunc(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

// RFC 3339 as Go's time.Parse(time.RFC3339) takes it: optional fraction, `Z` or a numeric offset.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** A timestamp cell of a `date` column: its age now, `<unknown>` for an empty (zero) time and
 * `<invalid>` for text that is not RFC 3339. */
export function ageOf(timestamp: string, now: number = Date.now()): string {
  if (timestamp === '' || timestamp === 'null') return '<unknown>';
  const m = RFC3339.exec(timestamp);
  if (!m) return '<invalid>';
  const at = Date.parse(timestamp);
  if (!Number.isFinite(at)) return '<invalid>';
  return humanDuration(now - at);
}
