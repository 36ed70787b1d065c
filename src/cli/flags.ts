// A pflag-compatible command-line parser: --name=value, --name value, -n value, -nvalue,
// -n=value, boolean flags (--flag, --flag=false), grouped short booleans (-it), `--` to stop.
// Errors are worded as cobra/pflag word them.
import { CliError } from '../api/types';
import { err, klogLine } from './io';

export type FlagType = 'string' | 'bool' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagDef {
  name: string;
  short?: string;
  type: FlagType;
  default?: any;
  /** usage text for --help; not printed otherwise */
  usage?: string;
  /** pflag's NoOptDefVal: the value of `--name` given without `=value` (the next argument is
   *  not consumed). Every --dry-run has "unchanged" (kubectl's AddDryRunFlag). */
  noOptDefVal?: string;
}

export interface Parsed {
  args: string[];
  /** arguments after `--` */
  dashArgs: string[];
  /** whether `--` was present, and how many args preceded it */
  dashAt: number;
  flags: Record<string, any>;
  /** names of flags given explicitly */
  set: Set<string>;
}

export const GLOBAL_FLAGS: FlagDef[] = [
  { name: 'namespace', short: 'n', type: 'string', default: '' },
  { name: 'context', type: 'string', default: '' },
  { name: 'cluster', type: 'string', default: '' },
  { name: 'user', type: 'string', default: '' },
  { name: 'kubeconfig', type: 'string', default: '' },
  { name: 'server', short: 's', type: 'string', default: '' },
  { name: 'request-timeout', type: 'string', default: '0' },
  { name: 'v', short: 'v', type: 'int', default: 0 },
  { name: 'insecure-skip-tls-verify', type: 'bool', default: false },
  { name: 'token', type: 'string', default: '' },
  { name: 'as', type: 'string', default: '' },
  { name: 'as-group', type: 'stringArray', default: [] },
  { name: 'as-uid', type: 'string', default: '' },
  { name: 'cache-dir', type: 'string', default: '' },
  { name: 'match-server-version', type: 'bool', default: false },
  { name: 'warnings-as-errors', type: 'bool', default: false },
  { name: 'help', short: 'h', type: 'bool', default: false },
];

export function usageError(cmdPath: string, message: string): CliError {
  return new CliError(`error: ${message}\nSee '${cmdPath} --help' for usage.`, 1, true);
}

function parseValue(def: FlagDef, raw: string, shown: string, cmdPath: string): any {
  switch (def.type) {
    case 'bool':
      if (/^(1|t|T|TRUE|true|True)$/.test(raw)) return true;
      if (/^(0|f|F|FALSE|false|False)$/.test(raw)) return false;
      throw usageError(cmdPath, `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`);
    case 'int': {
      // pflag: strconv.ParseInt(s, 0, 64); klog's -v: ParseInt(s, 10, 32)
      const bits = def.name === 'v' ? 32 : 64;
      const v = goParseInt(raw, def.name === 'v' ? 10 : 0, bits);
      if (typeof v === 'string') throw usageError(cmdPath, `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing ${goQuoteArg(raw)}: ${v}`);
      return v;
    }
    default:
      return raw;
  }
}

/** Go's strconv.ParseInt: the value, or the error's reason ('invalid syntax', 'value out of
 *  range'). Base 0 takes 0x/0o/0b prefixes, a leading 0 for octal and underscores. */
export function goParseInt(s: string, base: 0 | 10, bits: 32 | 64): number | string {
  let body = s;
  let neg = false;
  if (body[0] === '+' || body[0] === '-') { neg = body[0] === '-'; body = body.slice(1); }
  let digits: string;
  let radix = 10;
  if (base === 0 && /^0[xX]/.test(body)) { radix = 16; digits = body.slice(2); }
  else if (base === 0 && /^0[oO]/.test(body)) { radix = 8; digits = body.slice(2); }
  else if (base === 0 && /^0[bB]/.test(body)) { radix = 2; digits = body.slice(2); }
  else if (base === 0 && body.length > 1 && body[0] === '0') { radix = 8; digits = body.slice(1); }
  else digits = body;
  if (base === 0 && digits.includes('_')) {
    // underscoreOK: only between digits (or after a base prefix)
    const prefixed = radix !== 10;
    if (!new RegExp(`^${prefixed ? '_?' : ''}[^_]+(_[^_]+)*$`).test(digits)) return 'invalid syntax';
    digits = digits.replace(/_/g, '');
  }
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : radix === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.length || !valid.test(digits)) return 'invalid syntax';
  let big = 0n;
  const R = BigInt(radix);
  for (const c of digits) big = big * R + BigInt(parseInt(c, radix));
  if (neg) big = -big;
  const max = bits === 32 ? 2147483647n : 9223372036854775807n;
  if (big > max || big < -max - 1n) return 'value out of range';
  return Number(big);
}

const goQuoteArg = (s: string) => JSON.stringify(s);

let requestTimeout: string | undefined;

/** clientcmd's check of --request-timeout, made when a command first needs the cluster. */
export function checkRequestTimeout(): void {
  const t = requestTimeout;
  if (t === undefined || t === '' || t === '0') return;
  if (/^[+-]?\d+$/.test(t) && typeof goParseInt(t, 10, 64) === 'number' && !t.startsWith('-')) return;
  // time.ParseDuration's grammar
  if (!/^[+-]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$/.test(t)) {
    throw new CliError('Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)');
  }
}

const shownName = (d: FlagDef) => (d.short ? `-${d.short}, --${d.name}` : `--${d.name}`);

export function parseFlags(argv: string[], defs: FlagDef[], cmdPath: string, opts: { interspersed?: boolean } = {}): Parsed {
  const byName = new Map<string, FlagDef>();
  const byShort = new Map<string, FlagDef>();
  for (const d of [...GLOBAL_FLAGS, ...defs]) {
    byName.set(d.name, d);
    if (d.short) byShort.set(d.short, d);
  }
  const flags: Record<string, any> = {};
  for (const d of byName.values()) flags[d.name] = d.type === 'stringArray' || d.type === 'stringSlice' ? [...(d.default ?? [])] : d.default;
  const set = new Set<string>();
  const args: string[] = [];
  let dashArgs: string[] = [];
  let dashAt = -1;
  const assign = (d: FlagDef, raw: string, shown: string) => {
    const v = parseValue(d, raw, shown, cmdPath);
    if (d.type === 'stringArray') {
      if (!set.has(d.name)) flags[d.name] = [];
      flags[d.name].push(v);
    } else if (d.type === 'stringSlice') {
      if (!set.has(d.name)) flags[d.name] = [];
      flags[d.name].push(...(v === '' ? [] : v.split(',')));
    } else flags[d.name] = v;
    set.add(d.name);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { dashAt = args.length; dashArgs = argv.slice(i + 1); break; }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const d = byName.get(name);
      if (!d) throw usageError(cmdPath, `unknown flag: --${name}`);
      const noOpt = d.noOptDefVal ?? (d.name === 'dry-run' ? 'unchanged' : undefined);
      if (eq >= 0) assign(d, a.slice(eq + 1), shownName(d));
      else if (d.type === 'bool') assign(d, 'true', shownName(d));
      else if (noOpt !== undefined) assign(d, noOpt, shownName(d));
      else {
        if (i + 1 >= argv.length) throw usageError(cmdPath, `flag needs an argument: --${name}`);
        assign(d, argv[++i], shownName(d));
      }
    } else if (a.startsWith('-') && a.length > 1) {
      // one or more short flags
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const d = byShort.get(c);
        if (!d) throw usageError(cmdPath, `unknown shorthand flag: '${c}' in ${a}`);
        if (d.type === 'bool') {
          if (a[j + 1] === '=') { assign(d, a.slice(j + 2), shownName(d)); break; }
          assign(d, 'true', shownName(d));
          continue;
        }
        let rest = a.slice(j + 1);
        if (rest.startsWith('=')) rest = rest.slice(1);
        if (rest.length || a[j + 1] === '=') assign(d, rest, shownName(d));
        else {
          if (i + 1 >= argv.length) throw usageError(cmdPath, `flag needs an argument: '${c}' in -${c}`);
          assign(d, argv[++i], shownName(d));
        }
        break;
      }
    } else {
      args.push(a);
      if (opts.interspersed === false) { args.push(...argv.slice(i + 1)); break; }
    }
  }
  if (set.has('request-timeout')) requestTimeout = String(flags['request-timeout']);
  return { args, dashArgs, dashAt, flags, set };
}

/** Where cobra finds a subcommand (Command.Find's stripFlags): the first argument that is
 *  neither a flag nor a flag's value. A flag not known to take no value (booleans and flags with
 *  a NoOptDefVal such as --dry-run) takes the next argument, so `create -n demo deployment x`
 *  finds `deployment`. -1 when there is none before `--`. */
export function subcommandIndex(argv: string[], defs: FlagDef[] = []): number {
  const all = [...GLOBAL_FLAGS, ...defs];
  const takesNoValue = (d: FlagDef | undefined) => !!d && (d.type === 'bool' || d.noOptDefVal !== undefined || d.name === 'dry-run');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') return -1;
    if (a.startsWith('--') && a.length > 2) {
      if (!a.includes('=') && !takesNoValue(all.find((d) => d.name === a.slice(2)))) i++;
    } else if (a.startsWith('-') && a.length > 1) {
      if (a.length === 2 && !takesNoValue(all.find((d) => d.short === a[1]))) i++;
    } else return i;
  }
  return -1;
}

export type DryRun = 'none' | 'client' | 'server';

/** cmdutil.GetDryRunStrategy: a bare --dry-run and boolean values still work, with klog's
 *  deprecation warnings. */
export function parseDryRun(v: string, set: boolean): DryRun {
  if (!set) return 'none';
  const warn = (line: number, msg: string) => err(klogLine('W', `helpers.go:${line}`, msg));
  if (/^(1|t|T|TRUE|true|True)$/.test(v)) { warn(716, `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=client.`); return 'client'; }
  if (/^(0|f|F|FALSE|false|False)$/.test(v)) { warn(719, `--dry-run=${v} is deprecated (boolean value) and can be replaced with --dry-run=none.`); return 'none'; }
  if (v === 'unchanged') { warn(702, '--dry-run is deprecated and can be replaced with --dry-run=client.'); return 'client'; }
  if (v === 'client') return 'client';
  if (v === 'server') return 'server';
  if (v === 'none') return 'none';
  throw new CliError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}
