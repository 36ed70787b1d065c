// kubectl debug POD --image=IMG [-i] [-t] [-c NAME] [--target=C] [-- CMD...]: an ephemeral
// container added to a running pod (the pods/ephemeralcontainers subresource), attached to
// through the data plane's mini-shell in the pod's network with the debug image's tools.
// kubectl debug node/NAME: a pod on that node in the host's namespaces (profile "legacy").
// Follows kubectl 1.32 pkg/cmd/debug/debug.go (Complete, Validate, generateDebugContainer,
// generateNodeDebugPod, handleAttachPod).
import { parseFlags } from './flags';
import { session } from './session';
import { out, err } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { resolveType } from './resources';
import { randomSuffix } from '../api/names';
import { dataPlaneHost } from './dataplane-host';
import { stdinChunks } from './tty';
import { IMAGE_RE } from './run';


const PROFILES = ['legacy', 'general', 'baseline', 'restricted', 'netadmin', 'sysadmin'];

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    { name: 'image', type: 'string', default: '' },
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'stdin', short: 'i', type: 'bool', default: false },
    { name: 'tty', short: 't', type: 'bool', default: false },
    { name: 'attach', type: 'bool', default: false },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'target', type: 'string', default: '' },
    { name: 'profile', type: 'string', default: 'legacy' },
    { name: 'image-pull-policy', type: 'string', default: '' },
    { name: 'env', type: 'stringArray', default: [] },
    { name: 'arguments-only', type: 'bool', default: false },
    { name: 'copy-to', type: 'string', default: '' },
    { name: 'replace', type: 'bool', default: false },
    { name: 'same-node', type: 'bool', default: false },
    { name: 'set-image', type: 'stringArray', default: [] },
    { name: 'share-processes', type: 'bool', default: true },
    { name: 'keep-labels', type: 'bool', default: false },
    { name: 'keep-annotations', type: 'bool', default: false },
    { name: 'keep-liveness', type: 'bool', default: false },
    { name: 'keep-readiness', type: 'bool', default: false },
    { name: 'keep-startup', type: 'bool', default: false },
    { name: 'keep-init-containers', type: 'bool', default: true },
    { name: 'custom', type: 'string', default: '' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
  ], 'kubectl debug');
  const f = p.flags;
  const targets = p.dashAt >= 0 ? p.args.slice(0, p.dashAt) : p.args.slice(0, 1);
  const args: string[] = p.dashAt >= 0 ? p.dashArgs : p.args.slice(1);
  // Complete: -i attaches unless --attach was given explicitly.
  const attach = p.set.has('attach') ? !!f.attach : !!f.stdin;
  if (!PROFILES.includes(f.profile)) throw new CliError(`unknown profile: ${f.profile}`);
  // Validate, in its order.
  if (f.attach && p.set.has('attach') && !f.image && !f.container) throw new CliError('you must specify --container or create a new container using --image in order to attach.');
  if (f['copy-to']) throw new CliError('kubectl debug --copy-to is not supported by kubesim');
  if (f.replace) throw new CliError('--replace may only be used with --copy-to.');
  if (f['same-node']) throw new CliError('--same-node may only be used with --copy-to.');
  if (f['set-image'].length) throw new CliError('--set-image may only be used with --copy-to.');
  if (!f.image) throw new CliError('you must specify --image when not using --copy-to.');
  if (!IMAGE_RE.test(f.image)) throw new CliError(`invalid image name ${JSON.stringify(f.image)}: invalid reference format`);
  if (!targets.length && !f.filename.length) throw new CliError('NAME or filename is required for debug');
  if (f['image-pull-policy'] && !['Always', 'IfNotPresent', 'Never'].includes(f['image-pull-policy'])) throw new CliError(`invalid image pull policy: ${f['image-pull-policy']}`);
  if (f.target && !f.quiet) out(`Targeting container ${JSON.stringify(f.target)}. If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  if (f.tty && !f.stdin) throw new CliError('-i/--stdin is required for containers with -t/--tty=true');
  if (f.profile === 'legacy') err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
  if (!targets.length) throw new CliError('debug -f is not supported by kubesim; name the pod or node');
  if (f.profile !== 'legacy' && f.profile !== 'general') throw new CliError(`kubesim: --profile=${f.profile} is not supported (legacy and general are)`);
  const env = f.env.map((e: string) => {
    const i = e.indexOf('=');
    if (i <= 0) throw new CliError(`invalid env: ${e}`);
    return { name: e.slice(0, i), value: e.slice(i + 1) };
  });

  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  let rc = 0;
  for (const target of targets) {
    const slash = target.indexOf('/');
    const info = slash >= 0 ? resolveType(target.slice(0, slash)) : resolveType('pods');
    const name = slash >= 0 ? target.slice(slash + 1) : target;
    if (info.kind !== 'Pod' && info.kind !== 'Node') throw new CliError(`"/v1, Kind=${info.kind}" not supported by debug`);
    const common = (cname: string): any => ({
      name: cname, ...(env.length ? { env } : {}), image: f.image, ...(f['image-pull-policy'] ? { imagePullPolicy: f['image-pull-policy'] } : {}),
      resources: {}, ...(f.stdin ? { stdin: true } : {}), terminationMessagePolicy: 'File', ...(f.tty ? { tty: true } : {}),
      ...(args.length ? (f['arguments-only'] ? { args } : { command: args }) : {}),
    });
    let podName: string;
    let cname: string;
    if (info.kind === 'Node') {
      const node = s.api.get('Node', undefined, name);
      if (!node) throw notFound(info, name);
      cname = f.container || 'debugger';
      podName = `node-debugger-${name}-${randomSuffix(5)}`;
      if (!f.quiet) out(`Creating debugging pod ${podName} with container ${cname} on node ${name}.\n`);
      const c = common(cname);
      const spec: any = { containers: [c], nodeName: name, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] };
      if (f.profile === 'legacy' || f.profile === 'general') {
        // mountRootPartition + useHostNamespaces
        c.volumeMounts = [{ mountPath: '/host', name: 'host-root' }];
        spec.volumes = [{ hostPath: { path: '/', type: '' }, name: 'host-root' }];
        Object.assign(spec, { hostIPC: true, hostNetwork: true, hostPID: true });
      }
      const pod: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: podName, namespace: ns, labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' } } as any, spec };
      s.write((api) => api.create(pod));
    } else {
      const pod = s.api.get('Pod', ns, name);
      if (!pod) throw notFound(info, name);
      const taken = new Set([...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c: any) => c.name));
      cname = f.container;
      if (!cname) {
        do cname = `debugger-${randomSuffix(5)}`; while (taken.has(cname));
        if (!f.quiet) out(`Defaulting debug container name to ${cname}.\n`);
      }
      podName = name;
      const ec = { ...common(cname), ...(f.target ? { targetContainerName: f.target } : {}) };
      const idx = (pod.spec?.ephemeralContainers ?? []).length;
      s.write((api) => {
        const cur = api.get('Pod', ns, name);
        if (!cur) throw notFound(info, name);
        // The ephemeralcontainers subresource's validation (ValidatePodEphemeralContainersUpdate).
        const { invalid } = require('../api/validation') as typeof import('../api/validation');
        const field = `spec.ephemeralContainers[${idx}]`;
        if (taken.has(cname)) throw invalid('Pod', name, [{ field: `${field}.name`, message: `Duplicate value: ${JSON.stringify(cname)}` }]);
        if (f.target && !(cur.spec?.containers ?? []).some((c: any) => c.name === f.target)) {
          throw invalid('Pod', name, [{ field: `${field}.targetContainerName`, message: `Not found: ${JSON.stringify(f.target)}` }]);
        }
        const { defaultPodSpec } = require('../api/defaults') as typeof import('../api/defaults');
        const holder: any = { ephemeralContainers: [ec] };
        defaultPodSpec(holder);
        (cur.spec.ephemeralContainers ??= []).push(ec);
        cur.metadata.resourceVersion = undefined as any;
        api.update(cur, { trusted: true });
      });
    }
    if (attach) rc = await attachTo(s, ns, podName, cname, info.kind === 'Node', args, f) || rc;
  }
  return rc;
}

/** handleAttachPod: wait for the container to run, then attach to its process. */
async function attachTo(s: ReturnType<typeof session>, ns: string, podName: string, cname: string, nodePod: boolean, args: string[], f: any): Promise<number> {
  const deadline = Date.now() + 60000;
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  let pod: KObject | undefined;
  for (;;) {
    s.catchUp();
    pod = s.api.get('Pod', ns, podName);
    if (!pod) throw new CliError('pods "" not found');
    const sts: any[] = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
    const st = sts.find((x) => x.name === cname);
    if (st?.state?.running || st?.state?.terminated) break;
    if (Date.now() > deadline) throw new CliError('timed out waiting for the condition');
    Atomics.wait(sleep, 0, 0, 50);
  }
  let tty = !!f.tty && !!f.stdin;
  const tty_ = require('./tty') as typeof import('./tty');
  if (tty && !tty_.canRaw()) {
    if (!f.quiet) err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  if (f.tty && f.stdin && !f.quiet) err("If you don't see a command prompt, try pressing enter.\n");
  const { execStream } = require('../network/shell') as typeof import('../network/shell');
  const { imageProfile } = require('../network/images') as typeof import('../network/images');
  // The image's own command when none is given (busybox: sh; netshoot: zsh).
  const argv = args.length ? (f['arguments-only'] ? [defaultShell(imageProfile(f.image).name), ...args] : args) : [defaultShell(imageProfile(f.image).name)];
  const host = dataPlaneHost(s);
  // What the container's process prints is its log too (kubectl logs on the node debug pod).
  let logged = '';
  const tee = (text: string) => { if (nodePod) logged += text; };
  let r: { exitCode: number; error?: string };
  if (tty) {
    const a = await tty_.attachTerminal(host, pod, cname, argv, { asContainer: true, tee });
    if (a.signalled && a.signalled !== 'EOF') return 1;
    r = a;
  } else {
    r = await execStream(host, pod, cname, argv, {
      input: f.stdin ? stdinChunks() : '',
      tty,
      interactive: !!f.stdin,
      asContainer: true,
      write: (fd, text) => { tee(text); return fd === 1 ? out(text) : err(text); },
    });
  }
  if (r.error) throw new CliError(r.error, 1, r.error.startsWith('Error from server'));
  if (tty && f.stdin && !f.quiet && !nodePod) {
    out(`Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${podName} -c ${cname} -i -t' if it is still running\n`);
  }
  // The container's process has ended: the kubelet reports it terminated. A node debug pod
  // (restartPolicy Never) completes, and keeps what its shell printed as the container's log.
  if (nodePod) {
    s.write((api) => {
      const cur = api.get('Pod', ns, podName);
      if (!cur) return;
      const lines = logged.replace(/\r\n/g, '\n').replace(/\n$/, '');
      if (lines) for (const l of lines.split('\n')) api.store.appendLog(cur.metadata.uid!, cname, l);
      const { containerProcessEnded } = require('../controllers/kubelet') as typeof import('../controllers/kubelet');
      containerProcessEnded(api, ns, podName, cname, r.exitCode);
    });
    return r.exitCode;
  }
  s.write((api) => {
    const cur = api.get('Pod', ns, podName);
    const st = [...(cur?.status?.ephemeralContainerStatuses ?? []), ...(nodePod ? cur?.status?.containerStatuses ?? [] : [])].find((x: any) => x.name === cname);
    if (!cur || !st?.state?.running || nodePod) return;
    const { timestamp } = require('../api/server') as typeof import('../api/server');
    st.state = { terminated: { containerID: st.containerID, exitCode: r.exitCode, finishedAt: timestamp(api.nowMs()), reason: r.exitCode === 0 ? 'Completed' : 'Error', startedAt: st.state.running.startedAt } };
    api.update(cur, { status: true, trusted: true });
  });
  return r.exitCode;
}

function defaultShell(image: string): string {
  return image === 'netshoot' ? 'zsh' : 'sh';
}
