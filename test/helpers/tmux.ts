// A terminal a test can type into, as a person would: a tmux session on its own socket running
// bash, driven with send-keys and read with capture-pane. tmuxAvailable() says whether the
// machine has tmux (tests skip themselves without it).
import { spawnSync } from 'child_process';

export function tmuxAvailable(): boolean {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  return r.status === 0;
}

export class Tmux {
  readonly socket = `kubesim-test-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  constructor(env: NodeJS.ProcessEnv, cwd: string, columns = 100, rows = 40) {
    const vars = ['KUBESIM_HOME', 'KUBESIM_POD_STARTUP', 'PATH', 'TZ', 'HOME'].filter((k) => env[k] !== undefined);
    const exports = vars.map((k) => `export ${k}='${String(env[k]).replace(/'/g, "'\\''")}'`).join('; ');
    this.tmux('new-session', '-d', '-s', 't', '-x', String(columns), '-y', String(rows), 'bash --norc --noprofile');
    this.keys(`${exports}; export PS1='HOST$ '; cd '${cwd}'; clear`, 'Enter');
  }
  tmux(...args: string[]): string {
    return spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' }).stdout ?? '';
  }
  /** type: literal text, or tmux key names (Enter, Up, Tab, C-c, C-d) */
  keys(...keys: string[]): void { this.tmux('send-keys', '-t', 't', ...keys); }
  text(...literal: string[]): void { this.tmux('send-keys', '-t', 't', '-l', literal.join('')); }
  screen(): string { return this.tmux('capture-pane', '-p', '-N', '-t', 't').replace(/\n+$/, ''); }
  lastLine(): string { const l = this.screen().split('\n'); return l[l.length - 1]; }
  /** wait until the screen matches (or fail with what it shows) */
  async waitFor(re: RegExp, timeoutMs = 15000): Promise<string> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = this.screen();
      if (re.test(s)) return s;
      if (Date.now() > end) throw new Error(`screen does not match ${re}:\n${s}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  /** close the terminal (its processes get SIGHUP) */
  kill(): void { this.tmux('kill-server'); }
}
