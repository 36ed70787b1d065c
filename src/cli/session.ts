// One invocation's access to the cluster: open the state (bootstrapping it on first use),
// let the control plane catch up, and run the verb's reads or writes in transactions.
import { Store } from '../store/db';
import { Api } from '../api/server';
import { settingsFromEnv, Settings } from '../controllers/context';
import { kubeconfig } from './kubeconfig';
import { useClusterConfig, ClusterConfig } from '../api/cluster-config';
import { freezeCommandView } from '../api/kinds';

// The control plane's code is loaded only when it has work: a read with nothing due never
// evaluates the controllers.
const controllers = () => require('../controllers/index') as typeof import('../controllers/index');

let current: Session | undefined;


export class Session {
  readonly store: Store;
  readonly api: Api;
  readonly settings: Settings;

  constructor() {
    this.store = new Store();
    // After a snapshot restore the cluster's clock runs behind the wall clock (src/store/snapshot.ts).
    const offset = Number(this.store.meta('clock-offset') ?? 0);
    this.api = new Api(this.store, offset ? { clock: () => Date.now() - offset } : {});
    const fresh = this.store.fresh || !this.store.meta('bootstrapped');
    const config = fresh ? (newClusterConfig ? JSON.stringify(newClusterConfig) : undefined) : this.store.meta('cluster-config');
    if (config) useClusterConfig(config);
    this.settings = settingsFromEnv(config ? withConfiguredStartup(config) : process.env);
    this.settings.commands = { pending: [] };
    if (fresh) {
      this.api.transaction(() => {
        if (this.store.meta('bootstrapped')) return;
        const n = Number(process.env.KUBESIM_NODES ?? 3);
        const { bootstrap } = require('../controllers/bootstrap') as typeof import('../controllers/bootstrap');
        bootstrap(this.api, this.settings, newClusterConfig?.nodes ?? (Number.isFinite(n) && n >= 1 ? Math.floor(n) : 3));
        if (config) this.store.setMeta('cluster-config', config);
        this.store.setMeta('bootstrapped', new Date().toISOString());
        this.store.newClusterId();
        this.api.changes = [];
      });
    }
  }

  /** Let the control plane catch up (a write only when something is due). */
  catchUp(): void {
    if (!this.api.changes.length) {
      const next = this.store.nextTimer();
      if (next === undefined || next > this.api.nowMs()) return;
    }
    this.api.transaction(() => controllers().reconcile(this.api, this.settings));
    this.runCommands();
  }

  /** Set by a verb that runs the queued commands itself, in this process (awaitCommands). */
  deferCommands = false;

  /** Containers started with a one-shot command in the transaction just committed: the data
   *  plane runs them (async, so in a process of its own that this one waits for; only when
   *  there are any), and the kubelet finishes them with their real exit codes. */
  private runCommands(): void {
    const cmds = this.settings.commands!;
    if (!cmds.pending.length || this.deferCommands) return;
    const list = cmds.pending.splice(0);
    const { spawnSync } = require('child_process') as typeof import('child_process');
    // The list goes on stdin: thousands of pods would not fit in an environment variable.
    spawnSync(process.execPath, [process.argv[1], '__commands'], {
      input: JSON.stringify(list),
      stdio: ['pipe', 'ignore', 'inherit'],
      maxBuffer: 1 << 30,
    });
  }

  /** Run the queued commands in this process (an async verb that has the data plane at hand). */
  async awaitCommands(): Promise<void> {
    if (!this.settings.commands!.pending.length) return;
    await (require('./commands-runner') as typeof import('./commands-runner')).settle(this);
  }

  /** Run a writing verb: reconcile, the verb, reconcile, all in one transaction. Nothing is
   *  written if the verb throws. */
  write<T>(fn: (api: Api) => T): T {
    freezeCommandView();
    try {
      const { reconcile } = controllers();
      const r = this.api.transaction(() => {
        reconcile(this.api, this.settings);
        const r = fn(this.api);
        reconcile(this.api, this.settings);
        this.store.compactRevisions(this.api.nowMs());
        return r;
      });
      this.runCommands();
      return r;
    } catch (e) {
      this.api.changes = [];
      this.settings.commands!.pending = [];
      throw e;
    }
  }

  /** A long-running verb (watch, port-forward, a server, a shell) asks on its polls: the cluster
   *  it opened was replaced (kubesim reset, snapshot restore), so it ends with this message
   *  instead of going silent on a file nobody writes any more. */
  replacedMessage(): string | undefined {
    return this.store.replaced() ? `the cluster in ${this.store.file} was replaced (kubesim reset or snapshot restore); run the command again` : undefined;
  }

  /** The namespace a verb works in: -n, else the current context's. */
  namespace(flag: string | undefined): string {
    if (flag) return flag;
    return kubeconfig(this.store).namespace();
  }
}

let newClusterConfig: ClusterConfig | undefined;
/** The configuration a cluster created by this process gets (kubesim create cluster / reset
 *  --config); an existing cluster keeps the one it was created with. */
export function createWithConfig(config: ClusterConfig | undefined): void { newClusterConfig = config; }

/** KUBESIM_POD_STARTUP, else the configuration file's podStartup. */
function withConfiguredStartup(config: string): NodeJS.ProcessEnv {
  if (process.env.KUBESIM_POD_STARTUP !== undefined && process.env.KUBESIM_POD_STARTUP !== '') return process.env;
  const s = (JSON.parse(config) as ClusterConfig).podStartupSeconds;
  return s === undefined ? process.env : { ...process.env, KUBESIM_POD_STARTUP: String(s) };
}

export function session(): Session {
  if (!current) {
    // the REST config is built first (clientcmd's --request-timeout check)
    const { checkRequestTimeout } = require('./flags') as typeof import('./flags');
    checkRequestTimeout();
  }
  return (current ??= new Session());
}
