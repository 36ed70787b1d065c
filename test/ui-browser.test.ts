// The live picture in a real browser: Debian's chromium, headless, driven by puppeteer-core
// (no browser download). Checks what a person sees, and keeps screenshots under
// test/artifacts/ui-*.png. Skips where /usr/bin/chromium is absent.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, ROOT } from './helpers/kubectl';

const CHROMIUM = process.env.KUBESIM_CHROMIUM ?? '/usr/bin/chromium';
const have = fs.existsSync(CHROMIUM);
const ART = path.join(ROOT, 'test', 'artifacts');

const c = cluster();
let browser: any, page: any, server: ReturnType<typeof c.bg> | undefined;
before(async () => {
  if (!have) return;
  c.k('get', 'nodes');
  server = c.bgs('ui', '--port', '0');
  await c.until(() => /http:\/\/127\.0\.0\.1:\d+\/\?token=\w+/.test(server!.output()));
  const url = /http:\/\/\S+/.exec(server.output())![0];
  const puppeteer = require('puppeteer-core');
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  await page.goto(url);
  await page.waitForFunction(() => (window as any).__kubesim?.ready === true);
  fs.mkdirSync(ART, { recursive: true });
});
after(async () => { await browser?.close(); await server?.stop(); c.cleanup(); });

const visiblePods = (): Promise<string[]> => page.evaluate(() => (window as any).__kubesim.pods());

test('a scaled deployment shows its new pods within a second', async (t) => {
  if (!have) return t.skip(`no chromium at ${CHROMIUM}`);
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx', '--replicas=2').code, 0);
  assert.equal(c.k('expose', 'deployment', 'web', '--port=80').code, 0);
  assert.equal(c.k('run', 'client', '--image=busybox', '--', 'sleep', '3600').code, 0);
  await page.waitForFunction(() => (window as any).__kubesim.pods().filter((p: string) => p.startsWith('default/web-')).length === 2, { timeout: 3000 });
  assert.equal(c.k('scale', 'deployment', 'web', '--replicas=5').code, 0);
  const t0 = Date.now();
  await page.waitForFunction(() => (window as any).__kubesim.pods().filter((p: string) => p.startsWith('default/web-')).length === 5, { timeout: 3000, polling: 20 });
  const ms = Date.now() - t0;
  assert.ok(ms < 1000, `the new pods were drawn after ${ms} ms`);
  assert.ok((await visiblePods()).includes('default/client'));
  await page.screenshot({ path: path.join(ART, 'ui-scaled.png') });
});

test('a curl from a pod animates along the right service and endpoint, and its hops read as text', async (t) => {
  if (!have) return t.skip(`no chromium at ${CHROMIUM}`);
  assert.equal(c.k('exec', 'client', '--', 'wget', '-qO-', 'http://web').code, 0);
  const trace = c.ks('trace', '--tail=1').stdout;
  const endpointPod = /POD +default\/(\S+)/.exec(trace)![1];
  await page.waitForFunction(() => (window as any).__kubesim.lastAnimation?.outcome === 'answered', { timeout: 3000 });
  const anim = await page.evaluate(() => (window as any).__kubesim.lastAnimation);
  assert.deepEqual(anim.path, ['pod default/client', 'dns web', 'answer to client', 'service default/web', `pod default/${endpointPod}`]);
  await new Promise((r) => setTimeout(r, 1800)); // let the animation reach the pod for the screenshot
  await page.screenshot({ path: path.join(ART, 'ui-curl.png') });
  await page.click('#traces .tr');
  const detail = await page.$eval('#detail', (e: any) => e.textContent);
  assert.match(detail, /SERVICE +default\/web ClusterIP/);
  assert.match(detail, new RegExp(`POD +default/${endpointPod} `));
  assert.match(detail, /ANSWER +HTTP\/1\.1 200 OK/);
});

test('a NetworkPolicy deny shows where the packet stopped', async (t) => {
  if (!have) return t.skip(`no chromium at ${CHROMIUM}`);
  assert.equal(c.kIn(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-deny}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
`, 'apply', '-f', '-').code, 0);
  await page.waitForFunction(() => document.getElementById('policies')!.textContent!.includes('default/web-deny'), { timeout: 2000 });
  assert.match(await page.$eval('#policies', (e: any) => e.textContent), /Ingress of \{app=web\}: all denied/);
  assert.notEqual(c.k('exec', 'client', '--', 'wget', '-qO-', '-T', '1', 'http://web').code, 0);
  await page.waitForFunction(() => (window as any).__kubesim.lastAnimation?.outcome === 'timeout', { timeout: 3000 });
  const anim = await page.evaluate(() => (window as any).__kubesim.lastAnimation);
  assert.equal(anim.path[anim.path.length - 2], 'service default/web');
  assert.match(anim.path[anim.path.length - 1], /^policy Ingress default\/web-/);
  assert.match(anim.stop, /^network policy \(Ingress of web-\S+\): no NetworkPolicy rule allows it/);
  await new Promise((r) => setTimeout(r, 2000));
  await page.click('#traces .tr');
  assert.match(await page.$eval('#detail', (e: any) => e.textContent), /STOPPED +at network policy/);
  await page.screenshot({ path: path.join(ART, 'ui-deny.png') });
});
