// `kubectl create <generator>`: the typed objects kubectl builds client-side, field for field.
import { CliError, KObject } from '../api/types';
import { portNameErrors } from '../api/validation';
import type { FlagDef, Parsed } from './flags';
import { randomSuffix } from '../api/names';

export interface GeneratorContext {
  namespace?: string;
  cmdPath: string;
  /** `create job --from=TYPE/NAME`: the object, read as the resource builder reads it */
  lookup?: (ref: string) => KObject;
}

export interface Generator {
  canonical?: string;
  flags: FlagDef[];
  namespaced?: boolean;
  /** `create deployment` wraps server errors: `error: failed to create deployment: ...`
   *  (with `%v`, the message replaces it: `failed to create secret %v`) */
  wrapError?: string;
  /** `create service clusterip`, `create secret generic`: the generator has subcommands */
  subcommands?: Record<string, Generator>;
  /** printed (stderr, exit 1) when a generator with subcommands is given none */
  help?: string;
  build(p: Parsed, ctx: GeneratorContext): KObject;
}

/** cobra's error for a missing required flag, as kubectl 1.32 prints it (the Cloud SDK's
 *  dispatcher in /usr/bin logs it through klog instead: `E... run.go:72] "command failed" ...`). */
export function requiredFlagError(names: string[]): CliError {
  return new CliError(`error: required flag(s) ${names.map((n) => `"${n}"`).join(', ')} not set`, 1, true);
}

export function exactlyOneName(p: Parsed, cmdPath: string): string {
  if (p.args.length !== 1) {
    throw new CliError(`error: exactly one NAME is required, got ${p.args.length}\nSee '${cmdPath} -h' for help and examples`, 1, true);
  }
  return p.args[0];
}

/** Container name from an image reference, as `create deployment` derives it. */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (name.includes('_') || name.includes('.')) name = name.replace(/[_.]/g, '-') + '-' + randomSuffix();
  return name;
}

const meta = (name: string, ns: string | undefined, labels?: Record<string, string>) => ({
  name, ...(ns ? { namespace: ns } : {}), creationTimestamp: null, ...(labels ? { labels } : {}),
});

export const GENERATORS: Record<string, Generator> = {
  deployment: {
    flags: [
      { name: 'image', type: 'stringSlice', default: [] },
      { name: 'replicas', short: 'r', type: 'int', default: 1 },
      { name: 'port', type: 'int', default: -1 },
    ],
    wrapError: 'failed to create deployment',
    build(p, ctx) {
      // cobra checks required flags before the command runs
      const images: string[] = p.flags.image;
      if (!images.length) throw requiredFlagError(['image']);
      const name = exactlyOneName(p, ctx.cmdPath);
      const command = p.dashAt >= 0 ? p.dashArgs : [];
      if (images.length > 1 && command.length) throw new CliError('cannot specify multiple --image options and command');
      const labels = { app: name };
      const containers = images.map((image, i) => ({
        name: containerNameFromImage(image), image,
        ...(i === 0 && command.length ? { command } : {}),
        ...(i === 0 && p.flags.port >= 0 ? { ports: [{ containerPort: p.flags.port }] } : {}),
        resources: {},
      }));
      return {
        apiVersion: 'apps/v1', kind: 'Deployment',
        metadata: meta(name, ctx.namespace, labels) as any,
        spec: {
          replicas: p.flags.replicas,
          selector: { matchLabels: labels },
          template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
          strategy: {},
        },
        status: {},
      };
    },
  },
  namespace: {
    flags: [],
    namespaced: false,
    build(p, ctx) {
      const name = exactlyOneName(p, ctx.cmdPath);
      return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp: null } as any, spec: {}, status: {} };
    },
  },
};
GENERATORS.deploy = { ...GENERATORS.deployment, canonical: 'deployment' };
GENERATORS.ns = { ...GENERATORS.namespace, canonical: 'namespace' };

// ---- create service clusterip|nodeport|loadbalancer|externalname -----------------------------------


/** utilsnet.ParsePort(s, true): a uint16. */
function parsePort(s: string): number {
  if (!/^\d+$/.test(s)) throw new CliError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n > 65535) throw new CliError(`strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range`);
  return n;
}

function serviceGenerator(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName'): Generator {
  const flags: FlagDef[] = [{ name: 'tcp', type: 'stringSlice', default: [] }];
  if (type === 'ClusterIP') flags.push({ name: 'clusterip', type: 'string', default: '' });
  if (type === 'NodePort') flags.push({ name: 'node-port', type: 'int', default: 0 });
  if (type === 'ExternalName') flags.push({ name: 'external-name', type: 'string', default: '' });
  return {
    flags,
    wrapError: `failed to create ${type} service`,
    build(p, ctx) {
      if (type === 'ExternalName' && !p.set.has('external-name')) throw requiredFlagError(['external-name']);
      const name = exactlyOneName(p, ctx.cmdPath);
      const clusterIP: string = p.flags.clusterip ?? '';
      const tcp: string[] = p.flags.tcp;
      if (clusterIP === 'None' && type !== 'ClusterIP') throw new CliError('ClusterIP=None can only be used with ClusterIP service type');
      if (clusterIP !== 'None' && !tcp.length && type !== 'ExternalName') throw new CliError('at least one tcp port specifier must be provided');
      if (type === 'ExternalName') {
        const en: string = p.flags['external-name'];
        if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(en) || en.length > 253) throw new CliError(`invalid service external name ${en}`);
      }
      const ports = tcp.map((t) => {
        const parts = t.split(':');
        const port = parsePort(parts[0]);
        let targetPort: number | string = port;
        if (parts.length > 1) {
          const tp = parts[1];
          if (/^[+-]?\d+$/.test(tp)) {
            const n = Number(tp);
            if (n < 1 || n > 65535) throw new CliError('must be between 1 and 65535, inclusive');
            targetPort = n;
          } else {
            const errs = portNameErrors(tp);
            if (errs.length) throw new CliError(errs.join(','));
            targetPort = tp;
          }
        }
        return { name: t.replace(/:/g, '-'), protocol: 'TCP', port, targetPort, ...(p.flags['node-port'] ? { nodePort: p.flags['node-port'] } : {}) };
      });
      const spec: any = {};
      if (ports.length) spec.ports = ports;
      spec.selector = { app: name };
      if (clusterIP) spec.clusterIP = clusterIP;
      spec.type = type;
      if (type === 'ExternalName') spec.externalName = p.flags['external-name'];
      return { apiVersion: 'v1', kind: 'Service', metadata: meta(name, ctx.namespace, { app: name }) as any, spec, status: { loadBalancer: {} } };
    },
  };
}

const SERVICE_HELP = `Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use "kubectl create service <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

GENERATORS.service = {
  flags: [],
  help: SERVICE_HELP,
  build() { throw new Error('unreachable'); },
  subcommands: {
    clusterip: serviceGenerator('ClusterIP'),
    nodeport: serviceGenerator('NodePort'),
    loadbalancer: serviceGenerator('LoadBalancer'),
    externalname: serviceGenerator('ExternalName'),
  },
};
GENERATORS.svc = { ...GENERATORS.service, canonical: 'service' };

// ---- secrets and config maps --------------------------------------------------------------------------

const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MSG_CONFIG_KEY = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const MSG_ENV_NAME = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

function configKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push('must be no more than 253 characters');
  if (!CONFIG_KEY.test(key)) errs.push(MSG_CONFIG_KEY);
  if (key === '.') errs.push(`must not be '.'`);
  else if (key === '..') errs.push(`must not be '..'`);
  else if (key.startsWith('..')) errs.push(`must not start with '..'`);
  return errs;
}

function parseLiteralSource(src: string): [string, string] {
  const i = src.indexOf('=');
  if (i <= 0) throw new CliError(`invalid literal source ${src}, expected key=value`);
  return [src.slice(0, i), src.slice(i + 1)];
}

function parseFileSource(src: string): [string, string] {
  const n = (src.match(/=/g) ?? []).length;
  if (n === 0) return [require('path').posix.basename(src), src];
  if (n === 1 && src.startsWith('=')) throw new CliError(`key name for file path ${src.slice(1)} missing`);
  if (n === 1 && src.endsWith('=')) throw new CliError(`file path for key name ${src.slice(0, -1)} missing`);
  if (n > 1) throw new CliError("key names or file paths cannot contain '='");
  const [k, f] = src.split('=');
  return [k, f];
}

function statOrFail(path: string): import('fs').Stats {
  const fs = require('fs') as typeof import('fs');
  try { return fs.statSync(path); } catch (e: any) {
    throw new CliError(`error reading ${path}: ${e.code === 'ENOENT' ? 'no such file or directory' : e.code === 'EACCES' ? 'permission denied' : e.message}`);
  }
}

/** The files a --from-file source names: [key, path] (a directory gives its regular files). */
function fileSources(sources: string[]): [string, string][] {
  const fs = require('fs') as typeof import('fs');
  const out: [string, string][] = [];
  for (const src of sources) {
    const [key, path] = parseFileSource(src);
    const st = statOrFail(path);
    if (st.isDirectory()) {
      if (src.includes('=')) throw new CliError('cannot give a key name for a directory path');
      for (const ent of fs.readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (ent.isFile()) out.push([ent.name, require('path').posix.join(path, ent.name)]);
      }
    } else out.push([key, path]);
  }
  return out;
}

/** cmdutil.AddFromEnvFile. */
function envFileEntries(file: string, kind: 'secret' | 'config'): [string, string][] {
  const fs = require('fs') as typeof import('fs');
  const st = statOrFail(file);
  if (st.isDirectory()) throw new CliError(`env ${kind} file cannot be a directory`);
  const out: [string, string][] = [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    let line = i === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    line = line.replace(/^\s+/, '');
    if (!line.length || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq >= 0 ? line.slice(0, eq) : line;
    if (!ENV_NAME.test(key)) throw new CliError(`${JSON.stringify(key)} is not a valid key name: ${MSG_ENV_NAME}`);
    const value = eq >= 0 ? line.slice(eq + 1) : process.env[key] ?? '';
    if (key) out.push([key, value]);
  });
  return out;
}

function readFileBytes(path: string): Buffer {
  const fs = require('fs') as typeof import('fs');
  try { return fs.readFileSync(path); } catch (e: any) { throw new CliError(`read ${path}: ${e.code === 'EISDIR' ? 'is a directory' : e.message}`); }
}

const SECRET_FLAGS: FlagDef[] = [
  { name: 'from-literal', type: 'stringArray', default: [] },
  { name: 'from-file', type: 'stringSlice', default: [] },
  { name: 'from-env-file', type: 'stringSlice', default: [] },
  { name: 'type', type: 'string', default: '' },
  { name: 'append-hash', type: 'bool', default: false },
];

function secretBase(name: string, ns: string | undefined, type: string): KObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, ...(ns ? { namespace: ns } : {}), creationTimestamp: null } as any, ...(type ? { type } : {}) };
}

function addSecretKey(data: Record<string, string>, key: string, value: Buffer): void {
  const errs = configKeyErrors(key);
  if (errs.length) throw new CliError(`${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(';')}`);
  if (key in data) throw new CliError(`cannot add key ${key}, another key by that name already exists`);
  data[key] = value.toString('base64');
}

const secretGeneric: Generator = {
  flags: SECRET_FLAGS,
  wrapError: 'failed to create secret %v',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const f = p.flags;
    if (f['from-env-file'].length && (f['from-file'].length || f['from-literal'].length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal');
    const data: Record<string, string> = {};
    for (const lit of f['from-literal']) { const [k, v] = parseLiteralSource(lit); addSecretKey(data, k, Buffer.from(v, 'utf8')); }
    for (const [k, path] of fileSources(f['from-file'])) addSecretKey(data, k, readFileBytes(path));
    for (const file of f['from-env-file']) for (const [k, v] of envFileEntries(file, 'secret')) addSecretKey(data, k, Buffer.from(v, 'utf8'));
    const s = secretBase(name, ctx.namespace, f.type);
    if (Object.keys(data).length) s.data = data;
    return s;
  },
};

/** The checks of Go's tls.X509KeyPair, with its errors. */
function checkKeyPair(cert: Buffer, key: Buffer): void {
  const blocks = (b: Buffer) => [...b.toString('latin1').matchAll(/-----BEGIN ([^-\r\n]*)-----[\s\S]*?-----END \1-----/g)].map((m) => ({ type: m[1], pem: m[0] }));
  const certs = blocks(cert);
  const certBlock = certs.find((b) => b.type === 'CERTIFICATE');
  if (!certBlock) {
    if (!certs.length) throw new CliError('tls: failed to find any PEM data in certificate input');
    if (certs.some((b) => b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'))) throw new CliError('tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched');
    throw new CliError(`tls: failed to find "CERTIFICATE" PEM block in certificate input after skipping PEM blocks of the following types: [${certs.map((b) => b.type).join(' ')}]`);
  }
  const keys = blocks(key);
  const skipped: string[] = [];
  const keyBlock = keys.find((b) => { const ok = b.type === 'PRIVATE KEY' || b.type.endsWith(' PRIVATE KEY'); if (!ok) skipped.push(b.type); return ok; });
  if (!keyBlock) {
    if (!skipped.length) throw new CliError('tls: failed to find any PEM data in key input');
    if (skipped[0] === 'CERTIFICATE') throw new CliError('tls: found a certificate rather than a key in the PEM for the private key');
    throw new CliError(`tls: failed to find PEM block with type ending in "PRIVATE KEY" in key input after skipping PEM blocks of the following types: [${skipped.join(' ')}]`);
  }
  const crypto = require('crypto') as typeof import('crypto');
  let x509: import('crypto').X509Certificate;
  try { x509 = new crypto.X509Certificate(certBlock.pem); } catch { throw new CliError('x509: malformed certificate'); }
  let pk: import('crypto').KeyObject;
  try { pk = crypto.createPrivateKey(keyBlock.pem); } catch { throw new CliError('tls: failed to parse private key'); }
  if (!x509.checkPrivateKey(pk)) throw new CliError('tls: private key does not match public key');
}

const secretTls: Generator = {
  flags: [
    { name: 'cert', type: 'string', default: '' },
    { name: 'key', type: 'string', default: '' },
    { name: 'append-hash', type: 'bool', default: false },
  ],
  wrapError: 'failed to create secret %v',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    if (!p.flags.cert || !p.flags.key) throw new CliError('key and cert must be specified');
    const read = (path: string): Buffer => {
      const fs = require('fs') as typeof import('fs');
      try { return fs.readFileSync(path); } catch (e: any) {
        throw new CliError(`Cannot read file ${path}, ${e.code === 'EISDIR' ? `read ${path}: is a directory` : e.code === 'ENOENT' ? `open ${path}: no such file or directory` : e.code === 'EACCES' ? `open ${path}: permission denied` : e.message}`);
      }
    };
    const cert = read(p.flags.cert), key = read(p.flags.key);
    checkKeyPair(cert, key);
    const s = secretBase(name, ctx.namespace, 'kubernetes.io/tls');
    s.data = { 'tls.crt': cert.toString('base64'), 'tls.key': key.toString('base64') };
    return s;
  },
};

const secretDockerRegistry: Generator = {
  flags: [
    { name: 'docker-server', type: 'string', default: 'https://index.docker.io/v1/' },
    { name: 'docker-username', type: 'string', default: '' },
    { name: 'docker-password', type: 'string', default: '' },
    { name: 'docker-email', type: 'string', default: '' },
    { name: 'from-file', type: 'stringSlice', default: [] },
    { name: 'append-hash', type: 'bool', default: false },
  ],
  wrapError: 'failed to create secret %v',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const f = p.flags;
    const s = secretBase(name, ctx.namespace, 'kubernetes.io/dockerconfigjson');
    if (f['from-file'].length) {
      const data: Record<string, string> = {};
      for (const [k, path] of fileSources(f['from-file'])) addSecretKey(data, k, readFileBytes(path));
      s.data = data;
      return s;
    }
    if (!f['docker-username'] || !f['docker-password'] || !f['docker-server']) {
      throw new CliError('either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    }
    const auth = Buffer.from(`${f['docker-username']}:${f['docker-password']}`).toString('base64');
    const entry: Record<string, string> = { username: f['docker-username'], password: f['docker-password'] };
    if (f['docker-email']) entry.email = f['docker-email'];
    entry.auth = auth;
    const { toCompactJson } = require('../printers/json');
    const json = toCompactJson({ auths: { [f['docker-server']]: entry } }, { sortKeys: false });
    s.data = { '.dockerconfigjson': Buffer.from(json, 'utf8').toString('base64') };
    return s;
  },
};

const SECRET_HELP = `Create a secret with specified type.

 A docker-registry type secret is for accessing a container registry.

 A generic type secret indicate an Opaque secret type.

 A tls type secret holds TLS certificate and its associated key.

Available Commands:
  docker-registry   Create a secret for use with a Docker registry
  generic           Create a secret from a local file, directory, or literal value
  tls               Create a TLS secret

Usage:
  kubectl create secret (docker-registry | generic | tls) [options]

Use "kubectl create secret <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

GENERATORS.secret = {
  flags: [],
  help: SECRET_HELP,
  build() { throw new Error('unreachable'); },
  subcommands: { generic: secretGeneric, tls: secretTls, 'docker-registry': secretDockerRegistry },
};

function addConfigKey(cm: { data: Record<string, string>; binaryData: Record<string, string> }, name: string, key: string, value: Buffer | string): void {
  const errs = configKeyErrors(key);
  if (errs.length) throw new CliError(`${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(',')}`);
  if (key in cm.data) throw new CliError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`);
  if (key in cm.binaryData) throw new CliError(`cannot add key ${JSON.stringify(key)}, another key by that name already exists in BinaryData for ConfigMap ${JSON.stringify(name)}`);
  if (typeof value === 'string') { cm.data[key] = value; return; }
  const text = value.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(value)) cm.data[key] = text;
  else cm.binaryData[key] = value.toString('base64');
}

GENERATORS.configmap = {
  flags: [
    { name: 'from-literal', type: 'stringArray', default: [] },
    { name: 'from-file', type: 'stringSlice', default: [] },
    { name: 'from-env-file', type: 'stringSlice', default: [] },
    { name: 'append-hash', type: 'bool', default: false },
  ],
  wrapError: 'failed to create configmap',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const f = p.flags;
    if (f['from-env-file'].length && (f['from-file'].length || f['from-literal'].length)) throw new CliError('from-env-file cannot be combined with from-file or from-literal');
    const cm = { data: {} as Record<string, string>, binaryData: {} as Record<string, string> };
    for (const [k, path] of fileSources(f['from-file'])) addConfigKey(cm, name, k, readFileBytes(path));
    for (const lit of f['from-literal']) { const [k, v] = parseLiteralSource(lit); addConfigKey(cm, name, k, v); }
    for (const file of f['from-env-file']) for (const [k, v] of envFileEntries(file, 'config')) addConfigKey(cm, name, k, v);
    const o: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(ctx.namespace ? { namespace: ctx.namespace } : {}), creationTimestamp: null } as any };
    if (Object.keys(cm.data).length) o.data = cm.data;
    if (Object.keys(cm.binaryData).length) o.binaryData = cm.binaryData;
    return o;
  },
};
GENERATORS.cm = { ...GENERATORS.configmap, canonical: 'configmap' };

GENERATORS.serviceaccount = {
  flags: [],
  wrapError: 'failed to create serviceaccount',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    return { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, ...(ctx.namespace ? { namespace: ctx.namespace } : {}), creationTimestamp: null } as any };
  },
};
GENERATORS.sa = { ...GENERATORS.serviceaccount, canonical: 'serviceaccount' };

// ---- jobs and cron jobs (create_job.go, create_cronjob.go) ------------------------------------------

/** The Go type kubectl names when `create job --from` gets something other than a CronJob. */
const GO_TYPES: Record<string, string> = {
  Pod: '*v1.Pod', Service: '*v1.Service', ConfigMap: '*v1.ConfigMap', Secret: '*v1.Secret', Namespace: '*v1.Namespace',
  ServiceAccount: '*v1.ServiceAccount', Node: '*v1.Node', Deployment: '*v1.Deployment', ReplicaSet: '*v1.ReplicaSet',
  StatefulSet: '*v1.StatefulSet', DaemonSet: '*v1.DaemonSet', Job: '*v1.Job', ReplicationController: '*v1.ReplicationController',
};

GENERATORS.job = {
  flags: [
    { name: 'image', type: 'string', default: '' },
    { name: 'from', type: 'string', default: '' },
  ],
  wrapError: 'failed to create job',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const image: string = p.flags.image, from: string = p.flags.from;
    const command: string[] = p.dashAt >= 0 ? p.dashArgs : [];
    if ((!image && !from) || (image && from)) throw new CliError('either --image or --from must be specified');
    if (command.length && from) throw new CliError('cannot specify --from and command');
    if (image) {
      return {
        apiVersion: 'batch/v1', kind: 'Job',
        metadata: meta(name, ctx.namespace) as any,
        spec: {
          template: {
            metadata: { creationTimestamp: null },
            spec: { containers: [{ name, image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy: 'Never' },
          },
        },
        status: {},
      };
    }
    if (!ctx.lookup) throw new Error('create job --from needs the cluster');
    const cj = ctx.lookup(from);
    if (cj.kind !== 'CronJob') throw new CliError(`unknown object type ${GO_TYPES[cj.kind] ?? `*unstructured.Unstructured`}`);
    const jt = cj.spec?.jobTemplate ?? {};
    return {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: {
        name, ...(ctx.namespace ? { namespace: ctx.namespace } : {}), creationTimestamp: null,
        ...(jt.metadata?.labels ? { labels: { ...jt.metadata.labels } } : {}),
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(jt.metadata?.annotations ?? {}) },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid, controller: true }],
      } as any,
      spec: structuredClone(jt.spec ?? {}),
      status: {},
    };
  },
};

GENERATORS.cronjob = {
  flags: [
    { name: 'image', type: 'string', default: '' },
    { name: 'schedule', type: 'string', default: '' },
    { name: 'restart', type: 'string', default: '' },
  ],
  wrapError: 'failed to create cronjob',
  build(p, ctx) {
    const missing = ['image', 'schedule'].filter((f) => !p.set.has(f));
    if (missing.length) throw requiredFlagError(missing);
    const name = exactlyOneName(p, ctx.cmdPath);
    const command: string[] = p.dashAt >= 0 ? p.dashArgs : [];
    const restart: string = p.flags.restart || 'OnFailure';
    return {
      apiVersion: 'batch/v1', kind: 'CronJob',
      metadata: meta(name, ctx.namespace) as any,
      spec: {
        schedule: p.flags.schedule,
        jobTemplate: {
          metadata: { name, creationTimestamp: null },
          spec: {
            template: {
              metadata: { creationTimestamp: null },
              spec: { containers: [{ name, image: p.flags.image, ...(command.length ? { command } : {}), resources: {} }], restartPolicy: restart },
            },
          },
        },
      },
      status: {},
    };
  },
};
GENERATORS.cj = { ...GENERATORS.cronjob, canonical: 'cronjob' };
