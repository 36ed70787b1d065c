// kubectl certificate approve|deny NAME... | -f FILE: adds the Approved or Denied condition to
// CertificateSigningRequests through the approval subresource, as kubectl 1.32's
// pkg/cmd/certificates does (addConditionIfNeeded, --force, "approved"/"denied" printer).
import { parseFlags } from './flags';
import { session } from './session';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { kindInfo } from '../api/kinds';
import { helpText } from './cobra';

export function run(argv: string[]): number {
  const sub = argv.find((a) => !a.startsWith('-'));
  if (sub === 'approve' || sub === 'deny') {
    const i = argv.indexOf(sub);
    return modify(sub, [...argv.slice(0, i), ...argv.slice(i + 1)]);
  }
  // cobra's Run: cmd.Help()
  out(helpText(['certificate']));
  return 0;
}

function modify(sub: 'approve' | 'deny', argv: string[]): number {
  const approve = sub === 'approve';
  const p = parseFlags(argv, [
    { name: 'force', type: 'bool', default: false },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
  ], `kubectl certificate ${sub}`);
  const f = p.flags;
  const { parseOutput, compilePrinter } = require('../printers/output');
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  if (f.kustomize) throw new CliError('kustomize is not supported by kubesim');
  if (!p.args.length && !f.filename.length) throw new CliError('one or more CSRs must be specified as <name> or -f <filename>');
  const info = kindInfo('CertificateSigningRequest');
  const names: string[] = [];
  const errors: string[] = [];
  if (f.filename.length) {
    const { readManifests } = require('./manifests') as typeof import('./manifests');
    for (const v of readManifests({ filenames: f.filename, recursive: f.recursive })) {
      if ('error' in v) { errors.push(`error: ${(v.error as any).message ?? String(v.error)}`); continue; }
      const o = v.object as any;
      const group = String(o.apiVersion ?? '').includes('/') ? String(o.apiVersion).split('/')[0] : '';
      if (o.kind !== 'CertificateSigningRequest' || group !== 'certificates.k8s.io') {
        errors.push(`error: can only handle CertificateSigningRequest.certificates.k8s.io objects, got ${o.kind}${group ? '.' + group : ''}`);
        continue;
      }
      names.push(o.metadata?.name);
    }
  }
  names.push(...p.args);
  const [mustNot, want, reason, message] = approve
    ? ['Denied', 'Approved', 'KubectlApprove', 'This CSR was approved by kubectl certificate approve.']
    : ['Approved', 'Denied', 'KubectlDeny', 'This CSR was denied by kubectl certificate deny.'];
  const printer = ['json', 'yaml', 'template', 'jsonpath', 'custom-columns'].includes(spec.kind)
    ? compilePrinter(spec, { allowMissingKeys: f['allow-missing-template-keys'] }) : undefined;
  const s = session();
  s.catchUp();
  let found = 0;
  for (const name of names) {
    const csr = s.api.get('CertificateSigningRequest', undefined, name);
    if (!csr) { errors.push(`Error from server (NotFound): ${notFound(info, name).message}`); continue; }
    const conds: any[] = csr.status?.conditions ?? [];
    const blocking = conds.find((c) => c.type === mustNot);
    if (blocking) { errors.push(`error: certificate signing request "${name}" is already ${blocking.type}`); continue; }
    const has = conds.some((c) => c.type === want);
    if (!has || f.force) {
      const next = has ? conds : [...conds, { type: want, status: 'True', reason, message, lastUpdateTime: new Date(s.api.nowMs()).toISOString().replace(/\.\d+Z$/, 'Z') }];
      try {
        s.write((api) => {
          const cur = api.get('CertificateSigningRequest', undefined, name);
          if (!cur) throw notFound(info, name);
          const { updateApproval } = require('../api/kinds-more/csr') as typeof import('../api/kinds-more/csr');
          return updateApproval(api, cur, next);
        });
      } catch (e) {
        if (e instanceof ApiError) { errors.push(`Error from server (${e.reason}): ${e.message}`); continue; }
        throw e;
      }
    }
    found++;
    // the printed object is the one the builder fetched, before the update
    if (printer) { const o = printer({ single: csr as KObject, items: [] }); out(o.out); if (o.err) err(o.err); }
    else if (spec.kind === 'name') out(`certificatesigningrequest.certificates.k8s.io/${name}\n`);
    else out(`certificatesigningrequest.certificates.k8s.io/${name} ${approve ? 'approved' : 'denied'}\n`);
  }
  if (found === 0 && !errors.length) out('No resources found\n');
  if (errors.length) { err(errors.join('\n') + '\n'); return 1; }
  return 0;
}
