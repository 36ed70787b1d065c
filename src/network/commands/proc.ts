// Programs that redraw the terminal until Ctrl-C: top and watch (busybox's). In a terminal
// (ctx.signal present) they run until interrupted, dying of SIGINT as the real ones do (status
// 130); elsewhere (kubectl exec without -t) they draw once so that nothing hangs.
import type { Command, CommandContext } from './types';

const CLEAR = '\x1b[H\x1b[J';

function usage(ctx: CommandContext, text: string): number {
  ctx.err(`BusyBox v${ctx.sh.image.busyboxVersion} (2024-09-26 21:31:42 UTC) multi-call binary.\n\n${text}`);
  return 1;
}

export const watch: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let every = 2;
  let title = true;
  let k = 0;
  for (; k < args.length && args[k].startsWith('-'); k++) {
    const a = args[k];
    if (a === '-t') title = false;
    else if (a === '-n') every = Number(args[++k]) || 2;
    else if (a.startsWith('-n')) every = Number(a.slice(2)) || 2;
    else if (a === '--') { k++; break; }
  }
  const cmd = args.slice(k).join(' ');
  if (!cmd) return usage(ctx, 'Usage: watch [-n SEC] [-t] PROG ARGS\n\nRun PROG periodically\n\n\t-n SEC\tPeriod (default 2)\n\t-t\tDon\'t print header\n');
  const width = ctx.sh.terminalSize?.()?.columns ?? 80;
  for (;;) {
    if (ctx.stdoutTty) ctx.out(CLEAR);
    if (title) {
      const head = `Every ${every}s: ${cmd}`;
      const date = new Date(ctx.sh.view.now()).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, (_m, d, day, mon, y, t) => `${d} ${mon} ${day.padStart(2)} ${t} ${y}`);
      // the date at the right when it fits, the title cut to the width otherwise
      const line = head.length + 1 + date.length <= width - 1 ? head.padEnd(width - 1 - date.length) + date : head.slice(0, width - 1);
      ctx.out(line + '\n\n');
    }
    await ctx.sh.execArgv(['sh', '-c', cmd], '', ctx.out, ctx.err);
    if (!ctx.signal) return 0;
    await ctx.sh.sleep(every * 1000);
  }
};

export const top: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let delay = 5;
  let iterations = Infinity;
  let batch = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-b') batch = true;
    else if (a === '-d') delay = Number(args[++k]) || 5;
    else if (a.startsWith('-d')) delay = Number(a.slice(2)) || 5;
    else if (a === '-n') iterations = Number(args[++k]) || 1;
    else if (a.startsWith('-n')) iterations = Number(a.slice(2)) || 1;
  }
  if (!ctx.signal && iterations === Infinity) iterations = 1;
  const size = ctx.sh.terminalSize?.();
  const c = ctx.sh.container ?? {};
  const main = [...(c.command ?? []), ...(c.args ?? [])].join(' ') || 'sh';
  const shellPid = 7;
  const procs = [
    { pid: 1, ppid: 0, stat: 'S', vsz: 4380, cmd: main },
    ...(ctx.sh.getVar('SHLVL') ? [{ pid: shellPid, ppid: 0, stat: 'S', vsz: 4412, cmd: 'sh' }] : []),
    { pid: shellPid + 6, ppid: shellPid, stat: 'R', vsz: 4384, cmd: 'top' },
  ];
  for (let i = 0; i < iterations; i++) {
    if (i > 0) await ctx.sh.sleep(delay * 1000);
    const lines = [
      'Mem: 1854236K used, 6083928K free, 2364K shrd, 102812K buff, 1140512K cached',
      'CPU:   0% usr   0% sys   0% nic 100% idle   0% io   0% irq   0% sirq',
      `Load average: 0.08 0.05 0.01 1/478 ${shellPid + 6}`,
      '  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND',
    ];
    const room = size && !batch ? Math.max(0, size.rows - 5) : procs.length;
    for (const p of procs.slice(0, room)) lines.push(`${String(p.pid).padStart(5)} ${String(p.ppid).padStart(5)} root     ${p.stat}    ${String(p.vsz).padStart(5)}   0%   0   0% ${p.cmd}`);
    // interactive top fits its lines to the terminal's width
    const fit = (l: string) => (size && !batch ? l.slice(0, size.columns) : l);
    ctx.out((batch || !ctx.stdoutTty ? '' : CLEAR) + lines.map((l) => fit(l) + '\n').join(''));
  }
  return 0;
};
