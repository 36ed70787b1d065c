// The control plane: run every controller over what changed (and what came due by the clock)
// until nothing changes. Called by every invocation before and after its verb, inside the
// verb's write transaction, so the work is proportional to the change, not to the cluster.
import type { Api, Change } from '../api/server';
import type { Round, Settings } from './context';
import { BURST_REPLICAS } from './context';
import { deploymentController } from './deployment';
import { replicaSetController } from './replicaset';
import { replicationController } from './replication';
import { schedulerController } from './scheduler';
import { kubeletController } from './kubelet';
import { endpointsController } from './endpoints';
import { serviceLoadBalancerController } from './service-lb';
import { namespaceController } from './namespace';
import { garbageCollector } from './gc';
import { daemonSetController } from './daemonset';
import { statefulSetController } from './statefulset';
import { jobController } from './job';
import { cronJobController } from './cronjob';
import { hpaController } from './hpa';
import { ttlAfterFinishedController } from './ttl-after-finished';
import { nodeLifecycleController } from './node-lifecycle';
import { volumeSourcesController } from './volume-sources';
import { volumeController } from './volume';
import { crdController } from './crd';
import { resourceQuotaController } from './resourcequota';
import { disruptionController } from './disruption';
import { tokensController } from './tokens';
import { volumeReclaimController } from './volume-reclaim';
import { flowControlController } from './apf';
import { csrSigningController } from './csr-signing';

/** KUBESIM_PROFILE=1 prints what each controller costs per round, on stderr. */
const PROFILE = !!process.env.KUBESIM_PROFILE;

const CONTROLLERS: ((r: Round) => void)[] = [
  crdController,
  namespaceController,
  nodeLifecycleController,
  deploymentController,
  replicaSetController,
  replicationController,
  statefulSetController,
  daemonSetController,
  cronJobController,
  hpaController,
  jobController,
  ttlAfterFinishedController,
  garbageCollector,
  schedulerController,
  volumeController,
  kubeletController,
  serviceLoadBalancerController,
  endpointsController,
  volumeSourcesController,
  resourceQuotaController,
  disruptionController,
  tokensController,
  volumeReclaimController,
  flowControlController,
  csrSigningController,
];

/** True when a reconcile has work: queued changes or a timer that is due. One indexed read. */
export function reconcileNeeded(api: Api): boolean {
  if (api.changes.length) return true;
  const next = api.store.nextTimer();
  return next !== undefined && next <= api.nowMs();
}

/** Run the controllers to a fixed point. Must be called inside a write transaction. */
export function reconcile(api: Api, settings: Settings, maxRounds = 50): void {
  const budget = { pods: BURST_REPLICAS };
  for (let round = 0; round < maxRounds; round++) {
    const changes: Change[] = api.changes.filter((c) => c.obj.kind !== 'Event');
    api.changes = [];
    const dueList = api.store.takeDueTimers(api.nowMs());
    if (!changes.length && !dueList.length) return;
    const due = new Map<string, { namespace: string; name: string }[]>();
    for (const d of dueList) {
      if (!due.has(d.kind)) due.set(d.kind, []);
      due.get(d.kind)!.push({ namespace: d.namespace, name: d.name });
    }
    const r: Round = { api, changes, due, settings, memo: new Map(), budget };
    for (const c of CONTROLLERS) {
      const t = PROFILE ? Date.now() : 0;
      c(r);
      if (PROFILE) process.stderr.write(`reconcile round ${round}: ${c.name} ${Date.now() - t} ms (${changes.length} changes)\n`);
    }
  }
}
