// The programs the mini-shell knows, by name. Whether an image has one is images.ts's call.
import type { Command } from './types';
import * as basic from './basic';
import * as text from './text';
import * as dns from './dns';
import { curl } from './curl';
import { wget } from './wget';
import * as net from './net';
import { apk, aptGet } from './pkg';
import * as node from './node';
import { top, watch } from './proc';
import { appBinary, APP_BINARIES, busybox } from './appbin';
import { tar } from './tar';

const test: Command = async (ctx) => ctx.sh.execArgv(['test', ...ctx.argv.slice(1)], ctx.stdin, ctx.out, ctx.err);
const echo: Command = async (ctx) => ctx.sh.execArgv(['echo', ...ctx.argv.slice(1)], ctx.stdin, ctx.out, ctx.err);
const printf: Command = async (ctx) => ctx.sh.execArgv(['printf', ...ctx.argv.slice(1)], ctx.stdin, ctx.out, ctx.err);
const pwd: Command = (ctx) => { ctx.out(ctx.sh.cwd + '\n'); return 0; };
const chroot: Command = async (ctx) => ctx.sh.execArgv(['chroot', ...ctx.argv.slice(1)], ctx.stdin, ctx.out, ctx.err);

export const COMMANDS: Record<string, Command> = {
  printenv: basic.printenv, env: basic.env, hostname: basic.hostname, cat: basic.cat, ls: basic.ls, id: basic.id,
  whoami: basic.whoami, uname: basic.uname, date: basic.date, sleep: basic.sleep, seq: basic.seq, touch: basic.touch,
  mkdir: basic.mkdir, rm: basic.rm, cp: basic.cp, mv: basic.mv, basename: basic.basename, dirname: basic.dirname,
  ps: node.nodePs(basic.ps), which: basic.which, clear: basic.clear, expr: basic.expr, xargs: basic.xargs, timeout: basic.timeout,
  yes: basic.yes, rev: basic.rev, base64: basic.base64,
  true: () => 0, false: () => 1, test, '[': test, echo, printf, pwd,
  grep: text.grep, egrep: text.grep, fgrep: text.grep, head: text.head, tail: text.tail, wc: text.wc, sort: text.sort,
  uniq: text.uniq, cut: text.cut, tr: text.tr, sed: text.sed, awk: text.awk, tee: text.tee, jq: text.jq,
  nslookup: dns.nslookup, dig: dns.dig, host: dns.host,
  curl, wget,
  ping: net.ping, nc: net.nc, ip: node.nodeIp(net.ip), ifconfig: net.ifconfig, netstat: net.netstat, ss: node.nodeSs(net.ss),
  iptables: node.iptables, 'iptables-nft': node.iptables, 'iptables-save': node.iptablesSaveCmd, 'iptables-nft-save': node.iptablesSaveCmd,
  chroot, conntrack: node.conntrack, crictl: node.crictl, kubectl: node.kubectl,
  apk, 'apt-get': aptGet, apt: aptGet,
  top, watch, tar,
};
for (const n of APP_BINARIES) if (!COMMANDS[n]) COMMANDS[n] = appBinary;
COMMANDS.busybox = busybox;
