// kubectl's command tree as cobra sees it: finding the command a line names (Command.Find and
// its stripFlags), `-h`/`--help` on any command, `kubectl help [COMMAND...]`, `kubectl options`,
// and the root's errors. The help texts and the tree are recorded from the real kubectl 1.32 by
// scripts/gen-help.mjs (templates/help/); they are read only when one of these is asked for, so
// nothing here costs the other commands anything. Small enough for the lite bundle.
import * as fs from 'fs';
import * as path from 'path';
import { CliError } from '../api/types';

export interface FlagSpec { name: string; short?: string; type: 'bool' | 'string' | 'list' | 'value'; default?: string; usage?: string }
export interface CmdNode { aliases: string[]; subs: string[]; flags: FlagSpec[]; usage: string[]; short?: string }

/** Flags with a NoOptDefVal other than booleans': given alone they take no value. */
const NO_OPT_DEF = new Set(['dry-run', 'validate', 'cascade']);

let templates: string | undefined;
/** templates/ beside dist/ (the bundles) or above build/test/ (the tests). */
export function templatesDir(): string {
  if (templates) return templates;
  for (let d = __dirname, i = 0; i < 5; i++, d = path.dirname(d)) {
    const t = path.join(d, 'templates');
    if (fs.existsSync(path.join(t, 'help', 'tree.json'))) return (templates = t);
  }
  throw new Error('kubesim: templates/help not found');
}

let tree: Record<string, CmdNode> | undefined;
export function commandTree(): Record<string, CmdNode> {
  return (tree ??= JSON.parse(fs.readFileSync(path.join(templatesDir(), 'help', 'tree.json'), 'utf8')));
}
export function readTemplate(rel: string): string {
  const text = fs.readFileSync(path.join(templatesDir(), rel), 'utf8');
  // The recorded texts stand @@HOME@@ for the home directory (--cache-dir's default).
  return text.includes('@@HOME@@') ? text.split('@@HOME@@').join(process.env.HOME ?? require('os').homedir()) : text;
}
export function helpText(cmdPath: string[]): string {
  return readTemplate(path.join('help', cmdPath.join('_') + '.txt'));
}

/** The flags a command accepts: its own and the global ones. */
export function flagsOf(cmdPath: string[]): FlagSpec[] {
  const t = commandTree();
  return [...(t[cmdPath.join(' ')]?.flags ?? []), ...t[''].flags, { name: 'help', short: 'h', type: 'bool' }];
}

const takesNoValue = (f: FlagSpec | undefined) => !!f && (f.type === 'bool' || NO_OPT_DEF.has(f.name));

/** cobra's stripFlags: the arguments that are not flags or flags' values. */
function stripFlags(args: string[], flags: FlagSpec[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === '--') break;
    if (s.startsWith('--') && s.length > 2) {
      if (!s.includes('=') && !takesNoValue(flags.find((f) => f.name === s.slice(2)))) i++;
    } else if (s.startsWith('-') && s.length > 1) {
      if (!s.includes('=') && s.length === 2 && !takesNoValue(flags.find((f) => f.short === s[1]))) i++;
    } else out.push(s);
  }
  return out;
}

/** Command.Find: follow subcommand names and aliases through the tree. */
export function findCommand(args: string[]): { path: string[]; rest: string[] } {
  const t = commandTree();
  const cmdPath: string[] = [];
  let rest = args;
  for (;;) {
    const words = stripFlags(rest, flagsOf(cmdPath));
    if (!words.length) break;
    const node = t[cmdPath.join(' ')];
    const next = node.subs.find((s) => s === words[0] || (t[[...cmdPath, s].join(' ')]?.aliases ?? []).includes(words[0]));
    if (!next) break;
    cmdPath.push(next);
    const at = rest.indexOf(words[0]);
    rest = [...rest.slice(0, at), ...rest.slice(at + 1)];
  }
  return { path: cmdPath, rest };
}

const cmdName = (cmdPath: string[]) => ['kubectl', ...cmdPath].join(' ');

/** pflag's parse of a command line, for what cobra decides before running a command: whether
 *  help was asked for, and the flag errors that come first. Throws them as kubectl prints them. */
export function parseHelpFlag(cmdPath: string[], args: string[]): boolean {
  const flags = flagsOf(cmdPath);
  const fail = (m: string) => new CliError(`error: ${m}\nSee '${cmdName(cmdPath)} --help' for usage.`, 1, true);
  let help = false;
  const set = (f: FlagSpec, v: string) => {
    if (f.type === 'bool') {
      if (/^(1|t|T|TRUE|true|True)$/.test(v)) v = 'true';
      else if (/^(0|f|F|FALSE|false|False)$/.test(v)) v = 'false';
      else throw fail(`invalid argument "${v}" for "${f.short ? `-${f.short}, ` : ''}--${f.name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`);
    }
    if (f.name === 'help') help = v === 'true';
  };
  for (let i = 0; i < args.length; i++) {
    const s = args[i];
    if (s === '--') break;
    if (s.startsWith('--') && s.length > 2) {
      const eq = s.indexOf('=');
      const name = eq >= 0 ? s.slice(2, eq) : s.slice(2);
      const f = flags.find((x) => x.name === name);
      if (!f) throw fail(`unknown flag: --${name}`);
      if (eq >= 0) set(f, s.slice(eq + 1));
      else if (f.type === 'bool') set(f, 'true');
      else if (!NO_OPT_DEF.has(f.name)) {
        if (i + 1 >= args.length) throw fail(`flag needs an argument: --${name}`);
        i++;
      }
    } else if (s.startsWith('-') && s.length > 1) {
      for (let j = 1; j < s.length; j++) {
        const f = flags.find((x) => x.short === s[j]);
        if (!f) throw fail(`unknown shorthand flag: '${s[j]}' in ${s}`);
        if (s[j + 1] === '=') { set(f, s.slice(j + 2)); break; }
        if (f.type === 'bool') { set(f, 'true'); continue; }
        if (j + 1 === s.length && !NO_OPT_DEF.has(f.name)) {
          if (i + 1 >= args.length) throw fail(`flag needs an argument: '${s[j]}' in -${s[j]}`);
          i++;
        }
        break;
      }
    }
  }
  return help;
}

/** `-h`/`--help` anywhere on a known command's line: its help, before anything runs. Returns
 *  undefined when the line is not a request for help (the verb runs as usual). */
export function helpFor(argv: string[]): string | undefined {
  const { path: cmdPath, rest } = findCommand(argv);
  if (!cmdPath.length) return undefined; // the root: kubesim's own help (src/cli/help.ts)
  if (!parseHelpFlag(cmdPath, rest)) return undefined;
  return helpText(cmdPath);
}

/** kubectl help [COMMAND...] (the verb) */
export function runHelpVerb(argv: string[]): number {
  const text = runHelp(argv);
  // cobra prints "Unknown help topic" and the root's usage with c.Printf: on stderr
  if (text.startsWith('Unknown help topic')) require('./io').err(text);
  else require('./io').out(text);
  return 0;
}

/** kubectl options: the global flags; it takes no arguments and ignores any. */
export function runOptions(argv: string[]): number {
  parseHelpFlag(['options'], argv);
  require('./io').out(readTemplate('help/_options.txt'));
  return 0;
}

/** kubectl help [COMMAND...] */
export function runHelp(args: string[]): string {
  const words = args.filter((a) => !a.startsWith('-'));
  if (!words.length) return require('./help').rootHelp();
  const { path: cmdPath } = findCommand(words);
  if (!cmdPath.length) return `Unknown help topic [${words.map((w) => '`' + w + '`').join(' ')}]\n` + readTemplate('help/_usage.txt');
  return helpText(cmdPath);
}

/** The root's commands in the order kubectl registers them (its help groups, then the rest):
 *  the order of cobra's suggestions. */
function rootCommandsInOrder(): string[] {
  const usage = readTemplate('help/_usage.txt');
  const grouped: string[] = [];
  let other = false;
  for (const line of usage.split('\n')) {
    if (line === 'Other Commands:') other = true;
    const m = /^  (\S+)\s{2,}/.exec(line);
    if (m && !other && !line.startsWith('  kubectl')) grouped.push(m[1]);
  }
  return [...grouped, 'config', 'plugin', 'version', 'api-versions', 'api-resources', 'options'];
}

/** Levenshtein distance, as cobra's ld (ignoring case). */
function ld(s: string, t: string): number {
  s = s.toLowerCase(); t = t.toLowerCase();
  const d = Array.from({ length: s.length + 1 }, (_, i) => [i, ...Array(t.length).fill(0)]);
  for (let j = 1; j <= t.length; j++) d[0][j] = j;
  for (let j = 1; j <= t.length; j++) for (let i = 1; i <= s.length; i++) {
    d[i][j] = s[i - 1] === t[j - 1] ? d[i - 1][j - 1] : Math.min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1]) + 1;
  }
  return d[s.length][t.length];
}

/** cobra's SuggestionsFor at the root: distance 2 or a prefix. */
export function suggestionsFor(typed: string): string[] {
  return rootCommandsInOrder().filter((c) => ld(typed, c) <= 2 || c.toLowerCase().startsWith(typed.toLowerCase()));
}

/** `kubectl foo`: cobra's legacyArgs error at the root (or, for a command kubectl has and kubesim
 *  does not implement, saying so rather than suggesting the very command typed). */
export function unknownCommand(typed: string): CliError {
  if (commandTree()[''].subs.includes(typed)) return new CliError(`kubectl ${typed} is not supported by kubesim`);
  const s = suggestionsFor(typed);
  const hint = s.length ? `\n\nDid you mean this?\n${s.map((c) => `\t${c}`).join('\n')}` : '';
  return new CliError(`error: unknown command "${typed}" for "kubectl"${hint}\n`, 1, true);
}

/** Flags before any command (`kubectl --version`, `kubectl -n x`): parsed as the root parses them. */
export function rootFlags(lead: string[]): void {
  parseHelpFlag([], lead);
}
