// One invocation's access to the cluster: open the state (bootstrapping it on first use),
// let the control plane catch up, and run the verb's reads or writes in transactions.
import { Store } from '../store/db';
import { Api } from '../api/server';
import { reconcile, reconcileNeeded } from '../controllers/index';
import { settingsFromEnv, Settings } from '../controllers/context';
import { bootstrap } from '../controllers/bootstrap';
import { kubeconfig } from './kubeconfig';

let current: Session | undefined;

export class Session {
  readonly store: Store;
  readonly api: Api;
  readonly settings: Settings;

  constructor() {
    this.store = new Store();
    this.api = new Api(this.store);
    this.settings = settingsFromEnv();
    if (this.store.fresh || !this.store.meta('bootstrapped')) {
      this.api.transaction(() => {
        if (this.store.meta('bootstrapped')) return;
        const n = Number(process.env.KUBESIM_NODES ?? 3);
        bootstrap(this.api, this.settings, Number.isFinite(n) && n >= 1 ? Math.floor(n) : 3);
        this.store.setMeta('bootstrapped', new Date().toISOString());
        this.api.changes = [];
      });
    }
  }

  /** Let the control plane catch up (a write only when something is due). */
  catchUp(): void {
    if (!reconcileNeeded(this.api)) return;
    this.api.transaction(() => reconcile(this.api, this.settings));
  }

  /** Run a writing verb: reconcile, the verb, reconcile, all in one transaction. Nothing is
   *  written if the verb throws. */
  write<T>(fn: (api: Api) => T): T {
    try {
      return this.api.transaction(() => {
        reconcile(this.api, this.settings);
        const r = fn(this.api);
        reconcile(this.api, this.settings);
        if (Math.random() < 0.01) this.store.compactRevisions(100000);
        return r;
      });
    } catch (e) {
      this.api.changes = [];
      throw e;
    }
  }

  /** The namespace a verb works in: -n, else the current context's. */
  namespace(flag: string | undefined): string {
    if (flag) return flag;
    return kubeconfig(this.store).namespace();
  }
}

export function session(): Session {
  return (current ??= new Session());
}
