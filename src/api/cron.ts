// Cron schedules as github.com/robfig/cron/v3 (v3.0.1, vendored by Kubernetes 1.32) parses them
// with cron.ParseStandard: five fields (minute hour day-of-month month day-of-week), names of
// months and weekdays, ranges, steps, `*` and `?`, the descriptors @yearly @annually @monthly
// @weekly @daily @midnight @hourly and `@every <duration>`, and a `TZ=zone ` / `CRON_TZ=zone `
// prefix. Next(t) is SpecSchedule.Next / ConstantDelaySchedule.Next: the first activation after
// t, computed on the zone's wall clock; undefined when there is none within five years (Go's
// zero time).

export interface Schedule { next(ms: number): number | undefined }

interface Bounds { min: number; max: number; names?: Record<string, number> }
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = { min: 1, max: 12, names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 } };
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

/** A field's allowed values, and whether it was `*` / `?` (robfig's starBit). */
interface Field { bits: boolean[]; star: boolean }

export class CronError extends Error {}

/** Go's strconv.Atoi failure text, as mustParseInt wraps it. */
function mustParseInt(expr: string): number {
  if (!/^[+-]?\d+$/.test(expr)) throw new CronError(`failed to parse int from ${expr}: strconv.Atoi: parsing ${JSON.stringify(expr)}: invalid syntax`);
  const n = Number(expr);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${expr}`);
  return n;
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  if (names) {
    const n = names[expr.toLowerCase()];
    if (n !== undefined) return n;
  }
  return mustParseInt(expr);
}

function getRange(expr: string, r: Bounds, f: Field): void {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number, end: number, step: number, star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = r.min; end = r.max; star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], r.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], r.names);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    // "N/step" means "N-max/step"
    if (singleDigit) end = r.max;
    if (step > 1) star = false;
  } else throw new CronError(`too many slashes: ${expr}`);
  if (start < r.min) throw new CronError(`beginning of range (${start}) below minimum (${r.min}): ${expr}`);
  if (end > r.max) throw new CronError(`end of range (${end}) above maximum (${r.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) f.bits[i] = true;
  if (star) f.star = true;
}

function getField(field: string, r: Bounds): Field {
  const f: Field = { bits: [], star: false };
  for (const expr of field.split(',')) getRange(expr, r, f);
  return f;
}

const all = (r: Bounds): Field => { const f: Field = { bits: [], star: true }; for (let i = r.min; i <= r.max; i++) f.bits[i] = true; return f; };
const one = (v: number): Field => { const f: Field = { bits: [], star: false }; f.bits[v] = true; return f; };

/** A Go duration ("1h30m", "90s", "1.5h"), in ms; undefined when it is not one. */
export function parseGoDuration(s: string): number | undefined {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let rest = s, sign = 1;
  if (rest[0] === '-' || rest[0] === '+') { if (rest[0] === '-') sign = -1; rest = rest.slice(1); }
  if (rest === '0') return 0;
  if (!rest) return undefined;
  let total = 0;
  while (rest) {
    const m = /^(\d*\.?\d*)(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || m[1] === '' || m[1] === '.') return undefined;
    total += Number(m[1]) * units[m[2]];
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

// ---- time zones ------------------------------------------------------------------------------

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether Go's time.LoadLocation knows the zone ("" and "UTC" are UTC; "Local" is the
 *  controller manager's zone, UTC on kind). */
export function validZone(zone: string): boolean {
  if (zone === '' || zone === 'UTC' || zone === 'Local') return true;
  try { formatter(zone); return true; } catch { return false; }
}

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

const isUTC = (zone: string) => zone === '' || zone === 'UTC' || zone === 'Local' || zone === 'Etc/UTC';

/** The zone's offset from UTC at instant ms, in ms. */
export function zoneOffset(zone: string, ms: number): number {
  if (isUTC(zone)) return 0;
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - Math.floor(ms / 1000) * 1000;
}

/** Wall-clock fields of instant ms in zone. */
interface Wall { y: number; mo: number; d: number; h: number; mi: number; s: number; dow: number }
function wall(zone: string, ms: number): Wall {
  const t = new Date(ms + zoneOffset(zone, ms));
  return { y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), dow: t.getUTCDay() };
}

/** time.Date(y, mo, d, h, mi, s, 0, loc): fields normalised, the instant of that wall time. */
function date(zone: string, y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const local = Date.UTC(y, mo - 1, d, h, mi, s);
  if (isUTC(zone)) return local;
  // Go: unix -= offset(guess); if the offset there differs, try the other one
  const guess = local - zoneOffset(zone, local);
  const off = zoneOffset(zone, guess);
  return local - off;
}

// ---- schedules -------------------------------------------------------------------------------

class SpecSchedule implements Schedule {
  constructor(private zone: string, private minute: Field, private hour: Field, private dom: Field, private month: Field, private dow: Field) {}

  private dayMatches(w: Wall): boolean {
    const domMatch = !!this.dom.bits[w.d], dowMatch = !!this.dow.bits[w.dow];
    if (this.dom.star || this.dow.star) return domMatch && dowMatch;
    return domMatch || dowMatch;
  }

  next(ms: number): number | undefined {
    const z = this.zone;
    // the upcoming second
    let t = Math.floor(ms / 1000) * 1000 + 1000;
    let added = false;
    const yearLimit = wall(z, t).y + 5;
    wrap: for (;;) {
      let w = wall(z, t);
      if (w.y > yearLimit) return undefined;
      while (!this.month.bits[w.mo]) {
        if (!added) { added = true; t = date(z, w.y, w.mo, 1, 0, 0, 0); w = wall(z, t); }
        t = date(z, w.y, w.mo + 1, w.d, w.h, w.mi, w.s);
        w = wall(z, t);
        if (w.mo === 1) continue wrap;
      }
      while (!this.dayMatches(w)) {
        if (!added) { added = true; t = date(z, w.y, w.mo, w.d, 0, 0, 0); w = wall(z, t); }
        t = date(z, w.y, w.mo, w.d + 1, w.h, w.mi, w.s);
        w = wall(z, t);
        // midnight moved by a DST change
        if (w.h !== 0) { t += (w.h > 12 ? 24 - w.h : -w.h) * 3600000; w = wall(z, t); }
        if (w.d === 1) continue wrap;
      }
      while (!this.hour.bits[w.h]) {
        if (!added) { added = true; t = date(z, w.y, w.mo, w.d, w.h, 0, 0); w = wall(z, t); }
        t += 3600000;
        w = wall(z, t);
        if (w.h === 0) continue wrap;
      }
      while (!this.minute.bits[w.mi]) {
        if (!added) { added = true; t = Math.floor(t / 60000) * 60000; }
        t += 60000;
        w = wall(z, t);
        if (w.mi === 0) continue wrap;
      }
      // the seconds field of a standard spec is 0
      while (w.s !== 0) {
        if (!added) { added = true; t = Math.floor(t / 1000) * 1000; }
        t += 1000;
        w = wall(z, t);
        if (w.s === 0) continue wrap;
      }
      return t;
    }
  }
}

class ConstantDelaySchedule implements Schedule {
  constructor(private delayMs: number) {}
  next(ms: number): number { return Math.floor(ms / 1000) * 1000 + this.delayMs; }
}

/** cron.ParseStandard(spec). Throws CronError with robfig's message. */
export function parseStandard(spec: string): Schedule {
  if (spec.length === 0) throw new CronError('empty spec string');
  let zone = 'Local';
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const i = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    const name = i < 0 ? spec.slice(eq + 1) : spec.slice(eq + 1, i);
    if (i < 0 || !validZone(name)) throw new CronError(`provided bad location ${name}: unknown time zone ${name}`);
    zone = name;
    spec = spec.slice(i).trim();
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, zone);
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) throw new CronError(`expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]`);
  return new SpecSchedule(zone, getField(fields[0], MINUTES), getField(fields[1], HOURS), getField(fields[2], DOM), getField(fields[3], MONTHS), getField(fields[4], DOW));
}

function parseDescriptor(d: string, zone: string): Schedule {
  const z = (dom: Field, month: Field, dow: Field, hour: Field = one(0)) => new SpecSchedule(zone, one(0), hour, dom, month, dow);
  switch (d) {
    case '@yearly': case '@annually': return z(one(1), one(1), all(DOW));
    case '@monthly': return z(one(1), all(MONTHS), all(DOW));
    case '@weekly': return z(all(DOM), all(MONTHS), one(0));
    case '@daily': case '@midnight': return z(all(DOM), all(MONTHS), all(DOW));
    case '@hourly': return z(all(DOM), all(MONTHS), all(DOW), all(HOURS));
  }
  if (d.startsWith('@every ')) {
    const raw = d.slice('@every '.length);
    const ms = parseGoDuration(raw);
    if (ms === undefined) throw new CronError(`failed to parse duration ${d}: time: invalid duration ${JSON.stringify(raw)}`);
    // cron.Every: at least a second, whole seconds
    const delay = ms < 1000 ? 1000 : ms - (ms % 1000);
    return new ConstantDelaySchedule(delay);
  }
  throw new CronError(`unrecognized descriptor: ${d}`);
}
