// The live picture (runs in the browser; bundled by esbuild into dist/ui/app.js).
// State: the objects the server projects (../model.ts), kept up to date from the SSE stream.
// Drawing: two canvases. `scene` holds the cluster (nodes, owner groups, pods, services) and is
// redrawn only when something changed (at most once per frame, however many changes arrived);
// `fx` holds what moves or follows the mouse (service links of the hovered service, requests
// travelling along their hops), so a frame costs the animations, not the cluster.
import type { UiObject, UiChange } from '../model';
import { traceText, TraceRecord, Hop } from '../../network/trace';

type Rect = { x: number; y: number; w: number; h: number };
interface PodBox extends Rect { pod: UiObject }
interface GroupBox extends Rect { id: string; label: string; pods: UiObject[]; collapsed: boolean }
interface SvcBox extends Rect { svc: UiObject }

const $ = (id: string) => document.getElementById(id)!;
const scene = $('scene') as HTMLCanvasElement;
const fx = $('fx') as HTMLCanvasElement;
const view = $('view');
const tip = $('tip');
const search = $('search') as HTMLInputElement;
const nsSel = $('ns') as HTMLSelectElement;

const objects = new Map<string, UiObject>();
const byKind = (k: string) => [...objects.values()].filter((o) => o.kind === k);
const collapsed = new Set<string>();
const expanded = new Set<string>();
const traces: TraceRecord[] = [];
let selectedTrace: number | undefined;
let hoverSvc: SvcBox | undefined;

// ---- layout ---------------------------------------------------------------------------------

const NODE_W = 300, PAD = 10, ROW_H = 18, TILE = 14, SVC_W = 200, SVC_H = 48;
let pods: PodBox[] = [], groups: GroupBox[] = [], svcs: SvcBox[] = [], nodes: (Rect & { node: UiObject | undefined; name: string })[] = [];
let podAt = new Map<string, Rect>(); // "ns/name" -> where it is drawn (its group when collapsed)
let dnsBox: Rect | undefined;
let width = 800, height = 600;
let rowMode = true;

const visibleNs = (ns: string) => nsSel.value === '*' || (nsSel.value === '' ? ns !== 'kube-system' : ns === nsSel.value);

/** Which deployment (or other owner) a pod belongs to, for grouping. */
function groupOf(p: UiObject): string {
  const [kind, name] = (p.owner || '/').split('/');
  if (kind === 'ReplicaSet') {
    const rs = objects.get(`ReplicaSet/${p.ns}/${name}`);
    if (rs?.owner?.startsWith('Deployment/')) return `${p.ns}/deploy/${rs.owner.slice(11)}`;
    return `${p.ns}/rs/${name}`;
  }
  return kind ? `${p.ns}/${kind.toLowerCase()}/${name}` : `${p.ns}/pods`;
}

function matches(p: UiObject, q: string): boolean {
  if (!q) return true;
  for (const term of q.split(/\s+/).filter(Boolean)) {
    const eq = term.indexOf('=');
    if (eq > 0) { if (p.labels?.[term.slice(0, eq)] !== term.slice(eq + 1)) return false; }
    else if (!(p.name.includes(term) || p.node === term || term in (p.labels ?? {}) || p.ip === term)) return false;
  }
  return true;
}

function layout(): void {
  const allPods = byKind('Pod').filter((p) => visibleNs(p.ns));
  rowMode = allPods.length <= 120;
  const nodeObjs = byKind('Node').sort((a, b) => a.name.localeCompare(b.name));
  const nodeNames = nodeObjs.map((n) => n.name);
  if (allPods.some((p) => !p.node)) nodeNames.push('');
  // services across the top
  svcs = []; podAt = new Map();
  const services = byKind('Service').filter((s) => visibleNs(s.ns)).sort((a, b) => (a.ns + a.name).localeCompare(b.ns + b.name));
  const cols = Math.max(1, Math.floor((Math.max(view.clientWidth, nodeNames.length * (NODE_W + PAD)) - PAD) / (SVC_W + PAD)));
  dnsBox = { x: PAD, y: PAD, w: SVC_W, h: SVC_H };
  services.forEach((s, i) => {
    const c = (i + 1) % cols, r = Math.floor((i + 1) / cols);
    svcs.push({ svc: s, x: PAD + c * (SVC_W + PAD), y: PAD + r * (SVC_H + PAD), w: SVC_W, h: SVC_H });
  });
  const top = PAD + Math.ceil((services.length + 1) / cols) * (SVC_H + PAD) + 30;
  // nodes as columns holding their pods, grouped by owner
  pods = []; groups = []; nodes = [];
  const byNode = new Map<string, UiObject[]>(nodeNames.map((n) => [n, []]));
  for (const p of allPods) (byNode.get(p.node) ?? byNode.get('')!).push(p);
  let maxH = 0;
  nodeNames.forEach((name, i) => {
    const x = PAD + i * (NODE_W + PAD);
    let y = top + 34;
    const gmap = new Map<string, UiObject[]>();
    for (const p of (byNode.get(name) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      const g = groupOf(p);
      if (!gmap.has(g)) gmap.set(g, []);
      gmap.get(g)!.push(p);
    }
    for (const [id, ps] of [...gmap].sort((a, b) => a[0].localeCompare(b[0]))) {
      const gid = `${name}|${id}`;
      const isCollapsed = collapsed.has(gid) || (!rowMode && ps.length > 60 && !expanded.has(gid));
      const g: GroupBox = { id: gid, label: id.replace('/deploy/', '/').replace('/pods', '/(pods)'), pods: ps, collapsed: isCollapsed, x: x + 6, y, w: NODE_W - 12, h: 20 };
      y += isCollapsed ? 24 : 20;
      if (!isCollapsed) {
        if (rowMode) {
          for (const p of ps) { pods.push({ pod: p, x: x + 10, y, w: NODE_W - 20, h: ROW_H - 2 }); y += ROW_H; }
        } else {
          const per = Math.floor((NODE_W - 20) / (TILE + 2));
          ps.forEach((p, k) => pods.push({ pod: p, x: x + 10 + (k % per) * (TILE + 2), y: y + Math.floor(k / per) * (TILE + 2), w: TILE, h: TILE }));
          y += Math.ceil(ps.length / per) * (TILE + 2);
        }
      }
      for (const p of ps) if (isCollapsed) podAt.set(`${p.ns}/${p.name}`, g);
      g.h = y - g.y + 4;
      groups.push(g);
      y += 8;
    }
    nodes.push({ node: nodeObjs.find((n) => n.name === name), name, x, y: top, w: NODE_W, h: Math.max(80, y - top + 6) });
    maxH = Math.max(maxH, y + 20);
  });
  for (const b of pods) podAt.set(`${b.pod.ns}/${b.pod.name}`, b);
  width = Math.max(view.clientWidth, PAD + Math.max(nodeNames.length * (NODE_W + PAD), cols * (SVC_W + PAD)));
  height = Math.max(view.clientHeight, maxH);
}

// ---- drawing --------------------------------------------------------------------------------

const dpr = () => window.devicePixelRatio || 1;
function size(c: HTMLCanvasElement): CanvasRenderingContext2D {
  const r = dpr();
  if (c.width !== Math.ceil(width * r) || c.height !== Math.ceil(height * r)) {
    c.width = Math.ceil(width * r); c.height = Math.ceil(height * r);
    c.style.width = width + 'px'; c.style.height = height + 'px';
  }
  const g = c.getContext('2d')!;
  g.setTransform(r, 0, 0, r, 0, 0);
  return g;
}

function podColour(p: UiObject): string {
  if (p.status === 'Terminating') return '#6e7681';
  if (p.phase === 'Running') return p.ready ? '#3fb950' : '#d29922';
  if (p.phase === 'Succeeded') return '#58a6ff';
  if (p.phase === 'Failed' || /Err|BackOff|Crash|Invalid/.test(p.status)) return '#f85149';
  return '#8b949e';
}

function roundRect(g: CanvasRenderingContext2D, r: Rect, rad = 4) {
  g.beginPath();
  g.roundRect(r.x, r.y, r.w, r.h, rad);
}

/** Which pods some policy isolates (ingress or egress), for the shield mark. */
function policedPods(): Set<string> {
  const out = new Set<string>();
  const pols = byKind('NetworkPolicy');
  if (!pols.length) return out;
  for (const p of byKind('Pod')) {
    if (pols.some((np) => np.ns === p.ns && selects(np.podSelector, p.labels ?? {}))) out.add(`${p.ns}/${p.name}`);
  }
  return out;
}
function selects(sel: any, labels: Record<string, string>): boolean {
  for (const [k, v] of Object.entries(sel?.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of sel?.matchExpressions ?? []) {
    const has = e.key in labels;
    if (e.operator === 'In' && !(has && e.values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && e.values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function drawScene(): void {
  layout();
  const g = size(scene);
  g.clearRect(0, 0, width, height);
  g.font = '12px system-ui, sans-serif';
  g.textBaseline = 'middle';
  const q = search.value.trim();
  const policed = policedPods();
  // services
  const box = (r: Rect, title: string, lines: string[], colour: string) => {
    roundRect(g, r, 6); g.fillStyle = '#1b2330'; g.fill(); g.strokeStyle = colour; g.lineWidth = 1.5; g.stroke();
    g.fillStyle = '#e6edf3'; g.font = 'bold 12px system-ui, sans-serif'; g.fillText(title, r.x + 8, r.y + 11, r.w - 14);
    g.font = '11px ui-monospace, Menlo, monospace'; g.fillStyle = '#9da7b3';
    lines.forEach((l, i) => g.fillText(l, r.x + 8, r.y + 26 + i * 13, r.w - 14));
  };
  if (dnsBox) {
    const dns = objects.get('Service/kube-system/kube-dns');
    box(dnsBox, 'DNS  kube-system/kube-dns', [`${dns?.clusterIP ?? '10.96.0.10'}:53 (CoreDNS)`, 'cluster.local'], '#a371f7');
  }
  for (const s of svcs) {
    const o = s.svc;
    const ports = o.ports.map((p: any) => `${p.port}${p.nodePort ? ':' + p.nodePort : ''}/${p.protocol}`).join(',');
    const ep = objects.get(`Endpoints/${o.ns}/${o.name}`);
    const l2 = o.type === 'ExternalName' ? `-> ${o.externalName}` : `${o.clusterIP}  ${ports}`;
    const l3 = `${o.lb?.length ? 'LB ' + o.lb.join(',') + '  ' : ''}${ep ? `${ep.ready.length} ready, ${ep.notReady.length} not ready` : o.selector ? 'no endpoints' : 'no selector'}`;
    box(s, `${o.ns === 'default' ? '' : o.ns + '/'}${o.name}  ${o.type}`, [l2, l3], o.type === 'LoadBalancer' ? '#f0883e' : o.type === 'NodePort' ? '#db61a2' : '#58a6ff');
  }
  // nodes
  for (const n of nodes) {
    roundRect(g, n, 8); g.fillStyle = '#131a22'; g.fill(); g.strokeStyle = n.node?.ready === false ? '#f85149' : '#30363d'; g.lineWidth = 1; g.stroke();
    g.fillStyle = '#e6edf3'; g.font = 'bold 13px system-ui, sans-serif';
    g.fillText(n.name || '(not scheduled)', n.x + 10, n.y + 12, n.w - 20);
    g.font = '11px ui-monospace, Menlo, monospace'; g.fillStyle = '#7b8794';
    if (n.node) g.fillText(`${n.node.ip ?? ''}  pods ${n.node.podCIDR ?? ''}${n.node.unschedulable ? '  cordoned' : ''}${n.node.ready ? '' : '  NotReady'}`, n.x + 10, n.y + 26, n.w - 20);
  }
  // owner groups and pods
  for (const gr of groups) {
    g.fillStyle = '#1a212b'; roundRect(g, gr, 4); g.fill();
    const ready = gr.pods.filter((p) => p.ready).length;
    g.fillStyle = '#c9d1d9'; g.font = '12px system-ui, sans-serif';
    const found = q ? gr.pods.filter((p) => matches(p, q)).length : 0;
    g.fillStyle = found ? '#ffd33d' : '#c9d1d9';
    g.fillText(`${gr.collapsed ? '▸' : '▾'} ${gr.label}  ${ready}/${gr.pods.length} ready${q ? `  · ${found} match` : ''}`, gr.x + 4, gr.y + 10, gr.w - 8);
    if (gr.collapsed) {
      // a collapsed group: one bar, its length shared out by pod colour
      const counts = new Map<string, number>();
      for (const p of gr.pods) counts.set(podColour(p), (counts.get(podColour(p)) ?? 0) + 1);
      let x = gr.x + 4;
      for (const [colour, n] of counts) { const w = (gr.w - 8) * n / gr.pods.length; g.fillStyle = colour; g.fillRect(x, gr.y + 18, w, 3); x += w; }
    }
  }
  g.font = '11px ui-monospace, Menlo, monospace';
  for (const b of pods) {
    const p = b.pod;
    const hit = matches(p, q);
    g.globalAlpha = q && !hit ? 0.25 : 1;
    const c = podColour(p);
    if (rowMode) {
      g.fillStyle = c; g.beginPath(); g.arc(b.x + 7, b.y + b.h / 2, 5, 0, 7);
      if (p.ready || p.phase !== 'Running') g.fill(); else { g.strokeStyle = c; g.lineWidth = 2; g.stroke(); }
      g.fillStyle = q && hit ? '#ffd33d' : '#d8dee9';
      g.fillText(p.name, b.x + 18, b.y + b.h / 2, 150);
      g.fillStyle = '#7b8794';
      g.fillText(`${p.readyText} ${p.status}${p.restarts ? ' ↻' + p.restarts : ''}`, b.x + 172, b.y + b.h / 2, b.w - 172);
      if (policed.has(`${p.ns}/${p.name}`)) { g.fillStyle = '#d2a8ff'; g.fillRect(b.x - 4, b.y + 2, 2, b.h - 4); }
    } else {
      g.fillStyle = c;
      if (p.ready || p.phase !== 'Running') g.fillRect(b.x, b.y, b.w, b.h);
      else { g.strokeStyle = c; g.lineWidth = 2; g.strokeRect(b.x + 1, b.y + 1, b.w - 2, b.h - 2); }
      if (p.restarts) { g.fillStyle = '#f85149'; g.fillRect(b.x + b.w - 4, b.y, 4, 4); }
      if (policed.has(`${p.ns}/${p.name}`)) { g.strokeStyle = '#d2a8ff'; g.lineWidth = 1; g.strokeRect(b.x - 1, b.y - 1, b.w + 2, b.h + 2); }
      if (q && hit) { g.strokeStyle = '#ffd33d'; g.lineWidth = 2; g.strokeRect(b.x - 2, b.y - 2, b.w + 4, b.h + 4); }
    }
  }
  g.globalAlpha = 1;
  const nPods = byKind('Pod').length;
  $('counts').textContent = `${byKind('Node').length} nodes · ${nPods} pods · ${byKind('Service').length} services · ${byKind('NetworkPolicy').length} policies`;
  renderPolicies();
  fxDirty = true;
}

function renderPolicies(): void {
  const el = $('policies');
  const pols = byKind('NetworkPolicy').filter((p) => visibleNs(p.ns));
  el.replaceChildren(...pols.map((p) => {
    const d = document.createElement('div'); d.className = 'np';
    const b = document.createElement('b'); b.textContent = `${p.ns}/${p.name}`;
    d.append(b, ...p.lines.map((l: string) => { const x = document.createElement('div'); x.textContent = l; return x; }));
    return d;
  }));
  if (!pols.length) el.textContent = 'none (all traffic allowed)';
}

// ---- service links and requests (the fx layer) ------------------------------------------------

const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });
const podPoint = (ns: string, name: string) => { const r = podAt.get(`${ns}/${name}`); return r ? { x: r.x + Math.min(r.w, 12) / 2 + (rowMode ? 2 : 0), y: r.y + r.h / 2 } : undefined; };
const svcRect = (ns: string, name: string): Rect | undefined => ns === 'kube-system' && name === 'kube-dns' ? dnsBox : svcs.find((s) => s.svc.ns === ns && s.svc.name === name);

function drawLinks(g: CanvasRenderingContext2D, s: SvcBox): void {
  const ep = objects.get(`Endpoints/${s.svc.ns}/${s.svc.name}`);
  if (!ep) return;
  const from = { x: s.x + s.w / 2, y: s.y + s.h };
  const line = (name: string, ready: boolean) => {
    const to = podPoint(s.svc.ns, name);
    if (!to) return;
    g.strokeStyle = ready ? 'rgba(88,166,255,.45)' : 'rgba(210,153,34,.8)';
    g.setLineDash(ready ? [] : [5, 4]); g.lineWidth = 1;
    g.beginPath(); g.moveTo(from.x, from.y); g.lineTo(to.x, to.y); g.stroke();
  };
  ep.ready.forEach((n: string) => line(n, true));
  ep.notReady.forEach((n: string) => line(n, false));
  g.setLineDash([]);
}

interface Anim { rec: TraceRecord; points: { x: number; y: number; label: string }[]; start: number; stop?: string; ok: boolean }
const anims: Anim[] = [];
const SEG_MS = 450;

/** The points a request visits, from the hops of its record. */
function pathOf(rec: TraceRecord): { points: Anim['points']; stop?: string } {
  const pts: Anim['points'] = [];
  // from a pod, from a node's own shell (its header), or from the host (the top-left corner)
  const nodeBox = !rec.from.name && rec.from.node ? nodes.find((n) => n.name === rec.from.node) : undefined;
  const from = rec.from.name ? podPoint(rec.from.ns!, rec.from.name) : nodeBox ? { x: nodeBox.x + nodeBox.w / 2, y: nodeBox.y + 12 } : undefined;
  const src = from ?? { x: 4, y: 4 };
  pts.push({ ...src, label: rec.from.name ? `pod ${rec.from.ns}/${rec.from.name}` : (rec.from as any).host ?? rec.from.ip });
  let stop: string | undefined;
  for (const h of rec.hops) {
    if (h.type === 'dns' && !h.fromHosts && dnsBox) { pts.push({ ...centre(dnsBox), label: `dns ${h.name}` }); if (h.status === 'OK' && rec.hops.some((x) => x.type !== 'dns' && x.type !== 'drop' && x.type !== 'answer')) pts.push({ ...src, label: 'answer to client' }); }
    if (h.type === 'service') { const r = svcRect(h.ns, h.name); if (r) pts.push({ ...centre(r), label: `service ${h.ns}/${h.name}` }); }
    if (h.type === 'pod') { const p = podPoint(h.ns, h.name); if (p) pts.push({ ...p, label: `pod ${h.ns}/${h.name}` }); }
    if (h.type === 'policy' && h.verdict === 'denied' && h.dir === 'Ingress') {
      // stopped at the destination's door: draw the stop beside it
      const [ns, name] = h.pod.split('/');
      const p = podPoint(ns, name);
      if (p) pts.push({ x: p.x - 14, y: p.y, label: `policy Ingress ${h.pod}` });
    }
    if (h.type === 'drop') stop = `${h.where}: ${h.why}`;
  }
  return { points: pts, stop };
}

function animate(rec: TraceRecord): void {
  const { points, stop } = pathOf(rec);
  anims.push({ rec, points, start: performance.now(), stop, ok: rec.outcome === 'answered' });
  if (anims.length > 50) anims.shift();
  (window as any).__kubesim.lastAnimation = { id: rec.id, path: points.map((p) => p.label), stop, outcome: rec.outcome };
  fxDirty = true;
}

let fxDirty = true;
function drawFx(now: number): void {
  const g = size(fx);
  g.clearRect(0, 0, width, height);
  if (hoverSvc) drawLinks(g, hoverSvc);
  else if (svcs.length * 10 + pods.length < 400) for (const s of svcs) drawLinks(g, s);
  for (let i = anims.length - 1; i >= 0; i--) {
    const a = anims[i];
    const segs = Math.max(1, a.points.length - 1);
    const t = Math.max(0, now - a.start) / SEG_MS;
    const held = a.rec.id === selectedTrace;
    if (t > segs + 6 && !held) { anims.splice(i, 1); continue; }
    const colour = a.ok ? '#39d0d8' : '#f85149';
    // the trail
    g.strokeStyle = colour; g.globalAlpha = held ? 0.9 : Math.max(0.15, 1 - Math.max(0, t - segs) / 6); g.lineWidth = held ? 3 : 2;
    g.beginPath();
    const upto = Math.min(segs, t);
    a.points.forEach((p, k) => { if (k <= Math.floor(upto)) (k ? g.lineTo(p.x, p.y) : g.moveTo(p.x, p.y)); });
    let head = a.points[0];
    if (a.points.length > 1 && t < segs) {
      const k = Math.floor(t), f = t - k, p0 = a.points[k], p1 = a.points[k + 1];
      head = { x: p0.x + (p1.x - p0.x) * f, y: p0.y + (p1.y - p0.y) * f, label: '' };
      g.lineTo(head.x, head.y);
    } else head = a.points[a.points.length - 1];
    g.stroke();
    g.globalAlpha = 1;
    g.fillStyle = colour; g.beginPath(); g.arc(head.x, head.y, 5, 0, 7); g.fill();
    if (t >= segs && a.stop) {
      g.strokeStyle = '#f85149'; g.lineWidth = 3;
      g.beginPath(); g.moveTo(head.x - 7, head.y - 7); g.lineTo(head.x + 7, head.y + 7); g.moveTo(head.x + 7, head.y - 7); g.lineTo(head.x - 7, head.y + 7); g.stroke();
      g.font = 'bold 11px system-ui, sans-serif';
      const label = a.stop.split(':')[0];
      g.fillStyle = 'rgba(15,20,25,.9)'; g.fillRect(head.x + 8, head.y - 18, g.measureText(label).width + 6, 16);
      g.fillStyle = '#ffa198'; g.fillText(label, head.x + 11, head.y - 10);
    }
  }
  fxDirty = anims.length > 0;
}

// ---- the frame loop: work only when something changed ------------------------------------------

let sceneDirty = true;
function frame(now: number): void {
  requestAnimationFrame(frame);
  if (sceneDirty) { sceneDirty = false; drawScene(); }
  if (fxDirty) drawFx(now);
}

// ---- side panel: the requests ---------------------------------------------------------------------

const hopsLine = (r: TraceRecord) => {
  const svc = r.hops.find((h) => h.type === 'service') as Extract<Hop, { type: 'service' }> | undefined;
  const pod = r.hops.find((h) => h.type === 'pod') as Extract<Hop, { type: 'pod' }> | undefined;
  return `${svc ? ' → ' + svc.name : ''}${pod ? ' → ' + pod.name : ''}`;
};
function addTraceRow(r: TraceRecord): void {
  const list = $('traces');
  const d = document.createElement('div');
  d.className = 'tr'; d.dataset.id = String(r.id);
  const ok = r.outcome === 'answered';
  d.innerHTML = '';
  const o = document.createElement('span'); o.className = ok ? 'ok' : 'bad'; o.textContent = ok ? '✔' : '✘';
  d.append(o, ` #${r.id} ${r.from.name ?? (r.from as any).host ?? r.from.ip} ${r.tool} ${r.target}${hopsLine(r)} — ${r.outcome}`);
  d.onclick = () => select(r);
  list.prepend(d);
  while (list.children.length > 300) list.lastChild!.remove();
}
function select(r: TraceRecord): void {
  selectedTrace = r.id;
  for (const el of document.querySelectorAll('.tr')) el.classList.toggle('sel', (el as HTMLElement).dataset.id === String(r.id));
  $('detail').textContent = traceText(r);
  animate(r);
}

// ---- input ---------------------------------------------------------------------------------------

const hit = <T extends Rect>(list: T[], x: number, y: number) => list.find((r) => x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h);
fx.addEventListener('mousemove', (e) => {
  const x = e.offsetX, y = e.offsetY;
  const s = hit(svcs, x, y);
  if (s !== hoverSvc) { hoverSvc = s; fxDirty = true; }
  const p = hit(pods, x, y);
  if (p) {
    const o = p.pod;
    tip.textContent = `${o.ns}/${o.name}\n${o.status}  ready ${o.readyText}  restarts ${o.restarts}\nIP ${o.ip || '-'}  node ${o.node || '-'}\n${Object.entries(o.labels).map(([k, v]) => `${k}=${v}`).join('\n')}`;
  } else if (s) {
    const o = s.svc;
    tip.textContent = `${o.ns}/${o.name} (${o.type})\nClusterIP ${o.clusterIP}\n${o.ports.map((p: any) => `${p.name ? p.name + ' ' : ''}${p.port} -> ${p.targetPort}${p.nodePort ? ' nodePort ' + p.nodePort : ''}/${p.protocol}`).join('\n')}\nselector ${o.selector ? Object.entries(o.selector).map(([k, v]) => `${k}=${v}`).join(',') : '(none)'}`;
  }
  tip.style.display = p || s ? 'block' : 'none';
  tip.style.left = e.clientX + 14 + 'px'; tip.style.top = e.clientY + 14 + 'px';
});
fx.addEventListener('mouseleave', () => { tip.style.display = 'none'; if (hoverSvc) { hoverSvc = undefined; fxDirty = true; } });
fx.addEventListener('click', (e) => {
  const gr = hit(groups, e.offsetX, e.offsetY);
  if (gr && e.offsetY < gr.y + 20) {
    if (gr.collapsed) { collapsed.delete(gr.id); expanded.add(gr.id); } else { collapsed.add(gr.id); expanded.delete(gr.id); }
    sceneDirty = true;
  }
});
search.addEventListener('input', () => { sceneDirty = true; });
nsSel.addEventListener('change', () => { sceneDirty = true; });
window.addEventListener('resize', () => { sceneDirty = true; });

// ---- the stream -------------------------------------------------------------------------------------

function refreshNamespaces(): void {
  const have = new Set([...nsSel.options].map((o) => o.value));
  for (const n of byKind('Namespace')) if (!have.has(n.name)) { const o = document.createElement('option'); o.value = n.name; o.textContent = n.name; nsSel.append(o); }
}

function apply(ch: UiChange): void {
  if (ch.type === 'DELETED') objects.delete(ch.key);
  else objects.set(ch.obj.key, ch.obj);
}

const debug = { ready: false, lastAnimation: undefined as any, pods: () => pods.map((b) => `${b.pod.ns}/${b.pod.name}`), traces, changesApplied: 0 };
(window as any).__kubesim = debug;

async function start(): Promise<void> {
  const snap = await (await fetch('api/snapshot', { credentials: 'same-origin' })).json();
  for (const o of snap.objects) objects.set(o.key, o);
  refreshNamespaces();
  for (const t of snap.traces) { traces.push(t); addTraceRow(t); }
  sceneDirty = true;
  requestAnimationFrame(frame);
  const es = new EventSource(`api/events?rv=${snap.rv}&trace=${snap.traceId}`);
  es.onopen = () => $('live').classList.add('on');
  es.onerror = () => $('live').classList.remove('on');
  es.addEventListener('changes', (ev) => {
    const { changes } = JSON.parse((ev as MessageEvent).data) as { changes: UiChange[] };
    for (const c of changes) apply(c);
    debug.changesApplied += changes.length;
    if (changes.some((c) => c.type !== 'DELETED' && c.obj.kind === 'Namespace')) refreshNamespaces();
    sceneDirty = true;
  });
  es.addEventListener('traces', (ev) => {
    const list = JSON.parse((ev as MessageEvent).data) as TraceRecord[];
    for (const t of list) {
      traces.push(t); if (traces.length > 1000) traces.shift();
      addTraceRow(t);
    }
    // draw after the scene has caught up with the objects the requests name
    if (sceneDirty) { sceneDirty = false; drawScene(); }
    for (const t of list.slice(-10)) animate(t);
  });
  debug.ready = true;
}
void start();
