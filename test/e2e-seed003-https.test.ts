// The HTTPS half of "Connecting applications with services" (../shared/seeds/003_*.txt) with the
// course's own manifests (kubernetes/website content/en/examples/service/networking/
// nginx-secure-app.yaml, nginx-default.conf, curlpod.yaml): a tls secret from a key and
// certificate (test/fixtures/tls, made once with openssl as the course does), the nginx
// ConfigMap, nginxhttps serving HTTPS from its volumes, curl with --cacert from the curl pod,
// -k on the pod IP, a configMap update picked up by nginx, port-forward with real TLS, and the
// NodePort on the host (kubesim __hostports) until it is killed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as https from 'https';
import * as net from 'net';
import { cluster, lines } from './helpers/kubectl';

const c = cluster({ KUBESIM_VOLUME_SYNC: '0' });
after(() => c.cleanup());
const FIX = path.join(__dirname, '..', '..', 'test', 'fixtures', 'tls');
const file = (name: string, text: string) => fs.writeFileSync(path.join(c.home, name), text);
for (const f of ['nginx.crt', 'nginx.key']) fs.copyFileSync(path.join(FIX, f), path.join(c.home, f));

file('default.conf', 'server {\n        listen 80 default_server;\n        listen [::]:80 default_server ipv6only=on;\n\n        listen 443 ssl;\n\n        root /usr/share/nginx/html;\n        index index.html;\n\n        server_name localhost;\n        ssl_certificate /etc/nginx/ssl/tls.crt;\n        ssl_certificate_key /etc/nginx/ssl/tls.key;\n\n        location / {\n                try_files $uri $uri/ =404;\n        }\n}');
file('nginx-secure-app.yaml', `---
{
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "my-nginx",
    labels: {
      run: "my-nginx",
    },
  },
  spec: {
    type: "NodePort",
    ports: [{
      port: 8080,
      targetPort: 80,
      protocol: "TCP",
      name: "http",
    }, {
      port: 443,
      protocol: "TCP",
      name: "https",
    }],
    selector: {
      run: "my-nginx",
    },
  },
}
---
{
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: {
    name: "my-nginx",
  },
  spec: {
    selector: {
      matchLabels: {
        run: "my-nginx",
      },
    },
    replicas: 1,
    template: {
      metadata: {
        labels: {
          run: "my-nginx",
        },
      },
      spec: {
        volumes: [{
          name: "secret-volume",
          secret: {
            secretName: "nginxsecret",
          },
        }, {
          name: "configmap-volume",
          configMap: {
            name: "nginxconfigmap",
          },
        }],
        containers: [{
          name: "nginxhttps",
          image: "bprashanth/nginxhttps:1.0",
          ports: [{
            containerPort: 443,
          }, {
            containerPort: 80,
          }],
          volumeMounts: [{
            mountPath: "/etc/nginx/ssl",
            name: "secret-volume",
          }, {
            mountPath: "/etc/nginx/conf.d",
            name: "configmap-volume",
          }],
        }],
      },
    },
  },
}
`);
file('curlpod.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: curl-deployment
spec:
  selector:
    matchLabels:
      app: curlpod
  replicas: 1
  template:
    metadata:
      labels:
        app: curlpod
    spec:
      volumes:
      - name: secret-volume
        secret:
          secretName: nginxsecret
      containers:
      - name: curlpod
        command:
        - sh
        - -c
        - while true; do sleep 1; done
        image: docker.io/curlimages/curl:8.18.0
        volumeMounts:
        - mountPath: /etc/nginx/ssl
          name: secret-volume
`);

let curlPod = '';
let podIP = '';

test('the secret, the ConfigMap and the secure app from the course\'s files', () => {
  assert.equal(c.k('create', 'secret', 'tls', 'nginxsecret', '--key', 'nginx.key', '--cert', 'nginx.crt').stdout, 'secret/nginxsecret created\n');
  assert.equal(c.k('create', 'configmap', 'nginxconfigmap', '--from-file=default.conf').stdout, 'configmap/nginxconfigmap created\n');
  assert.match(c.k('get', 'secrets').stdout, /^nginxsecret +kubernetes\.io\/tls +2 +/m);
  assert.equal(c.k('create', '-f', './nginx-secure-app.yaml').stdout, 'service/my-nginx created\ndeployment.apps/my-nginx created\n');
  assert.equal(c.k('create', '-f', './curlpod.yaml').stdout, 'deployment.apps/curl-deployment created\n');
  curlPod = c.k('get', 'pods', '-l', 'app=curlpod', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
  podIP = c.k('get', 'pods', '-l', 'run=my-nginx', '-o', 'jsonpath={.items[0].status.podIP}').stdout;
  assert.match(curlPod, /^curl-deployment-[a-z0-9]+-[a-z0-9]{5}$/);
  assert.match(podIP, /^10\.244\.\d+\.\d+$/);
  // the volumes are in the containers
  assert.equal(c.k('exec', curlPod, '--', 'ls', '/etc/nginx/ssl').stdout, 'tls.crt\ntls.key\n');
  assert.equal(c.k('exec', curlPod, '--', 'cat', '/etc/nginx/ssl/tls.crt').stdout, fs.readFileSync(path.join(FIX, 'nginx.crt'), 'utf8'));
  assert.match(c.k('exec', 'deploy/my-nginx', '--', 'cat', '/etc/nginx/conf.d/default.conf').stdout, /ssl_certificate \/etc\/nginx\/ssl\/tls\.crt;/);
});

test('curl https://my-nginx --cacert from the curl pod; -k on the pod IP; the failures curl reports', () => {
  const ok = c.k('exec', curlPod, '--', 'curl', 'https://my-nginx', '--cacert', '/etc/nginx/ssl/tls.crt');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /<title>Welcome to nginx!<\/title>/);
  const k = c.k('exec', curlPod, '--', 'curl', '-sk', `https://${podIP}`);
  assert.equal(k.code, 0);
  assert.match(k.stdout, /<h1>Welcome to nginx!<\/h1>/);
  const ip = c.k('exec', curlPod, '--', 'curl', '-sS', `https://${podIP}`, '--cacert', '/etc/nginx/ssl/tls.crt');
  assert.equal(ip.code, 60);
  assert.equal(lines(ip.stderr)[0], `curl: (60) SSL: certificate subject name 'my-nginx' does not match target hostname '${podIP}'`);
  assert.equal(lines(ip.stderr)[lines(ip.stderr).length - 1], 'command terminated with exit code 60');
  const noca = c.k('exec', curlPod, '--', 'curl', '-sS', 'https://my-nginx');
  assert.equal(noca.code, 60);
  assert.equal(lines(noca.stderr)[0], 'curl: (60) SSL certificate problem: self-signed certificate');
  const plain = c.k('exec', curlPod, '--', 'curl', '-s', 'http://my-nginx:443');
  assert.equal(plain.code, 0);
  assert.match(plain.stdout, /400 The plain HTTP request was sent to HTTPS port/);
  const wrong = c.k('exec', curlPod, '--', 'curl', '-sS', 'https://my-nginx:8080');
  assert.equal(wrong.code, 35);
  assert.match(wrong.stderr, /^curl: \(35\) .*wrong version number\n/);
});

test('an updated ConfigMap reaches nginx (kubernetes/examples https-nginx: index2.html)', () => {
  const r = c.sh("kubectl create configmap nginxconfigmap --from-file=default.conf -o yaml --dry-run=client | sed 's/index.html/index2.html/g' | kubectl apply -f -");
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^configmap\/nginxconfigmap configured$/m);
  const out = c.k('exec', curlPod, '--', 'curl', '-s', 'https://my-nginx', '--cacert', '/etc/nginx/ssl/tls.crt').stdout;
  assert.match(out, /<title>Nginx reloaded!<\/title>/);
  c.sh("kubectl create configmap nginxconfigmap --from-file=default.conf -o yaml --dry-run=client | kubectl apply -f -");
});

const get = (port: number) => new Promise<{ status: number; body: string }>((resolve, reject) => {
  const req = https.get({ host: '127.0.0.1', port, path: '/', agent: false, ca: fs.readFileSync(path.join(FIX, 'nginx.crt')), servername: 'my-nginx' }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (body += d));
    res.on('end', () => resolve({ status: res.statusCode!, body }));
  });
  req.on('error', reject);
  req.setTimeout(5000, () => req.destroy(new Error('hung')));
});

test('port-forward svc/my-nginx :443 serves real TLS to a real https client', async () => {
  const pf = c.bg('port-forward', 'svc/my-nginx', ':443', '--address', '127.0.0.1');
  try {
    await c.until(() => /Forwarding from 127\.0\.0\.1:\d+ -> 443/.test(pf.output()));
    const port = Number(/127\.0\.0\.1:(\d+) -> 443/.exec(pf.output())![1]);
    const r = await get(port);
    assert.equal(r.status, 200);
    assert.match(r.body, /Welcome to nginx!/);
  } finally { await pf.stop(); }
});

async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = 30000 + Math.floor(Math.random() * 2700);
    const ok = await new Promise<boolean>((r) => { const s = net.createServer(); s.once('error', () => r(false)); s.listen(p, '127.0.0.1', () => s.close(() => r(true))); });
    if (ok) return p;
  }
  throw new Error('no free port');
}

test('the NodePort answers on 127.0.0.1 while the host listeners run, and not after they are killed', async () => {
  const np = await freePort();
  const p = c.k('patch', 'svc', 'my-nginx', '--type=json', '-p', JSON.stringify([{ op: 'replace', path: '/spec/ports/1/nodePort', value: np }]));
  assert.equal(p.code, 0, p.stderr);
  const hp = c.bg('__hostports');
  try {
    await c.until(() => hp.output().includes(`NodePort default/my-nginx:https on 127.0.0.1:${np}`));
    const r = await get(np);
    assert.equal(r.status, 200);
    assert.match(r.body, /Welcome to nginx!/);
  } finally {
    hp.proc.kill('SIGKILL');
    await new Promise((r) => hp.proc.once('exit', r));
  }
  await assert.rejects(get(np), /ECONNREFUSED/);
});

test('a pod whose Secret does not exist yet waits in ContainerCreating (FailedMount) and starts once it is created', async () => {
  file('waits.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: waits\nspec:\n  volumes:\n  - name: certs\n    secret:\n      secretName: later\n  containers:\n  - name: waits\n    image: busybox\n    command: ["sleep", "3600"]\n    volumeMounts:\n    - name: certs\n      mountPath: /certs\n');
  assert.equal(c.k('create', '-f', 'waits.yaml').stdout, 'pod/waits created\n');
  assert.match(c.k('get', 'pod', 'waits', '-o', 'wide').stdout, /^waits +0\/1 +ContainerCreating +0 +\S+ +<none> +kind-worker/m);
  assert.match(c.k('describe', 'pod', 'waits').stdout, /^Node: +kind-worker2?\/172\.18\.0\.\d+$/m);
  assert.match(c.k('describe', 'pod', 'waits').stdout, /Warning +FailedMount +\S+(?: \(x\d+ over \S+\))? +kubelet +MountVolume\.SetUp failed for volume "certs" : secret "later" not found/);
  assert.equal(c.k('create', 'secret', 'generic', 'later', '--from-literal=ca.crt=hello').code, 0);
  await c.until(() => /^waits +1\/1 +Running /m.test(c.k('get', 'pod', 'waits').stdout), 10000);
  assert.equal(c.k('exec', 'waits', '--', 'cat', '/certs/ca.crt').stdout, 'hello');
});
