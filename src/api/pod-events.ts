// A pod's lifecycle events (Scheduled, Pulling, Pulled, Created, Started, Killing) are served
// as the API server would store them, but derived from the pod's own status instead of being
// written: they follow from it exactly, and a deployment of 10,000 pods would otherwise write
// 50,000 events. When the pod is removed they are stored (Api.remove), so they outlive it as
// real events do. Other events (FailedScheduling, controllers') are stored as usual.
import { secondsToMs } from './gonumber';
import type { KObject } from './types';
import { fnv32a } from './names';
import { imageSize } from './image-sizes';

const ms = (t: string | undefined | null) => (t ? Date.parse(t) : NaN);
const uidFor = (seed: string) => {
  const h = [0, 1, 2, 3].map((i) => fnv32a(seed + i).toString(16).padStart(8, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const nameFor = (pod: string, t: number, i: number) => `${pod}.${(BigInt(t) * 1000000n + BigInt(i)).toString(16).padStart(16, '0')}`;
const iso = (t: number) => new Date(Math.floor(t / 1000) * 1000).toISOString().replace('.000Z', 'Z');
const isoMicro = (t: number) => new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/** `pullMs`: how long the image pull took, when the kubelet recorded it (ms precision). */
export function podEvents(pod: KObject, pullMs?: number): KObject[] {
  const out: KObject[] = [];
  const ns = pod.metadata.namespace!;
  const involved = (fieldPath?: string) => ({
    apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, namespace: ns,
    ...(pod.metadata.resourceVersion ? { resourceVersion: pod.metadata.resourceVersion } : {}), uid: pod.metadata.uid, ...(fieldPath ? { fieldPath } : {}),
  });
  let seq = 0;
  const inits = new Set<string>((pod.spec?.initContainers ?? []).map((c: any) => c.name));
  const kubelet = (t: number, reason: string, message: string, container: string) => {
    const name = nameFor(pod.metadata.name, t, seq++);
    out.push({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: ns, uid: uidFor(pod.metadata.uid + name), resourceVersion: pod.metadata.resourceVersion, creationTimestamp: iso(t) },
      involvedObject: involved(`spec.${inits.has(container) ? 'initContainers' : 'containers'}{${container}}`),
      reason, message, source: { component: 'kubelet', host: pod.spec?.nodeName },
      firstTimestamp: iso(t), lastTimestamp: iso(t), count: 1, type: 'Normal', eventTime: null,
      reportingComponent: 'kubelet', reportingInstance: pod.spec?.nodeName,
    });
  };
  const sched = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled' && c.status === 'True');
  if (pod.spec?.nodeName && sched && !pod.metadata.ownerReferences?.some((o) => o.kind === 'Node' || o.kind === 'DaemonSet')) {
    const t = ms(sched.lastTransitionTime);
    const name = nameFor(pod.metadata.name, t, seq++);
    out.push({
      apiVersion: 'v1', kind: 'Event',
      metadata: { name, namespace: ns, uid: uidFor(pod.metadata.uid + name), resourceVersion: pod.metadata.resourceVersion, creationTimestamp: iso(t) },
      action: 'Binding', eventTime: isoMicro(t), firstTimestamp: null, lastTimestamp: null,
      involvedObject: involved(), reason: 'Scheduled', message: `Successfully assigned ${ns}/${pod.metadata.name} to ${pod.spec.nodeName}`,
      reportingComponent: 'default-scheduler', reportingInstance: 'default-scheduler-kind-control-plane', source: {}, type: 'Normal',
    });
  }
  const start = ms(pod.status?.startTime);
  if (!Number.isNaN(start)) {
    // Init containers first, each pulled when its turn came (after the one before it ended);
    // app containers of a pod with init containers are pulled once it is initialized.
    const statuses: any[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
    let turn = start;
    for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
      const st = statuses.find((x) => x.name === c.name);
      const image = c.image;
      const running = ms(st?.state?.running?.startedAt ?? st?.state?.terminated?.startedAt ?? st?.lastState?.terminated?.startedAt);
      // Not pulled yet: waiting for its turn (PodInitializing) behind an init container.
      if (inits.size && Number.isNaN(running) && st?.state?.waiting?.reason === 'PodInitializing') continue;
      const pulling = inits.size ? turn : start;
      kubelet(pulling, 'Pulling', `Pulling image "${image}"`, c.name);
      if (inits.has(c.name) && c.restartPolicy !== 'Always') {
        const done = ms(st?.state?.terminated?.exitCode === 0 ? st.state.terminated.finishedAt : undefined);
        if (!Number.isNaN(done)) turn = done;
      } else if (inits.has(c.name) && !Number.isNaN(running)) turn = Math.max(turn, running);
      if (!Number.isNaN(running)) {
        const secs = pullMs !== undefined && pullMs >= 0 ? pullMs / 1000 : Math.max(0, (running - (inits.size ? pulling : start)) / 1000);
        const d = goDuration(secs);
        const size = imageSize(image);
        kubelet(running, 'Pulled', `Successfully pulled image "${image}" in ${d} (${d} including waiting). Image size: ${size} bytes.`, c.name);
        kubelet(running, 'Created', `Created container ${c.name}`, c.name);
        kubelet(running, 'Started', `Started container ${c.name}`, c.name);
      }
    }
  }
  // Killing: a graceful deletion of a running pod (still running, or stopped by it since)
  const phase = pod.status?.phase;
  const stoppedByDeletion = (phase === 'Succeeded' || phase === 'Failed') && pod.metadata.deletionGracePeriodSeconds !== undefined;
  if (pod.metadata.deletionTimestamp && (phase === 'Running' || stoppedByDeletion)) {
    const t = ms(pod.metadata.deletionTimestamp) - secondsToMs(pod.metadata.deletionGracePeriodSeconds ?? 30);
    const statuses: any[] = pod.status?.containerStatuses ?? [];
    for (const c of pod.spec?.containers ?? []) {
      const st = statuses.find((x) => x.name === c.name);
      if (phase !== 'Running' && !st?.state?.terminated?.startedAt && !st?.lastState?.terminated?.startedAt) continue;
      kubelet(t, 'Killing', `Stopping container ${c.name}`, c.name);
    }
  }
  return out;
}

/** Go's time.Duration String() for a number of seconds (e.g. 1.5s, 812ms, 2m3.5s). */
function goDuration(secs: number): string {
  if (secs === 0) return '0s';
  if (secs < 1) {
    const msv = secs * 1000;
    return `${Number(msv.toFixed(6))}ms`;
  }
  const m = Math.floor(secs / 60);
  const s = Number((secs - m * 60).toFixed(9));
  return m ? `${m}m${s}s` : `${s}s`;
}
