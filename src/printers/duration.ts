// apimachinery's duration.HumanDuration and printers.go's translateTimestampSince.

/** HumanDuration of a duration in milliseconds (Go integer maths: truncation toward zero). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / 3600000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const d = Math.trunc(hours / 24);
    return h === 0 ? `${d}d` : `${d}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

// Go's zero time.Time, which metav1.Time.IsZero reports as unset.
const GO_ZERO = (() => { const d = new Date(0); d.setUTCFullYear(1, 0, 1); return d.getTime(); })();

/** Milliseconds since the epoch of an RFC 3339 timestamp; undefined when unset, unparsable or
 *  Go's zero time (0001-01-01T00:00:00Z). */
export function parseTimestamp(ts: string | undefined | null): number | undefined {
  if (!ts) return undefined;
  const t = Date.parse(ts);
  if (Number.isNaN(t) || t === GO_ZERO) return undefined;
  return t;
}

/** `<unknown>` for an unset timestamp, else HumanDuration(now - ts). */
export function translateTimestampSince(ts: string | undefined | null, now: Date): string {
  const t = parseTimestamp(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(now.getTime() - t);
}

/** HumanDuration(ts - now), `<unknown>` when unset. */
export function translateTimestampUntil(ts: string | undefined | null, now: Date): string {
  const t = parseTimestamp(ts);
  if (t === undefined) return '<unknown>';
  return humanDuration(t - now.getTime());
}
