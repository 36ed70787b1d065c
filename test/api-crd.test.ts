// The apiextensions server's pieces, unit by unit: kube-aware version priority, the CRD's
// defaulting and validation messages, a custom resource's pruning, defaulting and schema
// validation messages (kube-openapi's, as field errors), the index entry a CRD makes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareKubeAwareVersions, defaultCrd, validateCrd, kindOfCrd } from '../src/api/crd';
import { prune, applyDefaults, validate, Schema } from '../src/api/crd-schema';
import type { Cause } from '../src/api/validation';
import type { KObject } from '../src/api/types';

test('kube-aware version order: GA, beta, alpha, then the rest alphabetically', () => {
  const vs = ['foo', 'v1alpha1', 'v2', 'v1beta2', 'v1', 'v1beta1', 'v11alpha2', 'v10', 'bar', 'v12alpha1'];
  assert.deepEqual(vs.sort((a, b) => compareKubeAwareVersions(b, a)), ['v10', 'v2', 'v1', 'v1beta2', 'v1beta1', 'v12alpha1', 'v11alpha2', 'v1alpha1', 'bar', 'foo']);
});

const crd = (over: any = {}): KObject => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'crontabs.stable.example.com' },
  spec: {
    group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'crontabs', kind: 'CronTab' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }], ...over,
  },
});
const errorOf = (o: KObject) => { try { defaultCrd(o); validateCrd(o); return ''; } catch (e: any) { return e.message; } };

test('CRD defaults: singular and listKind from the kind, conversion None', () => {
  const o = crd();
  defaultCrd(o);
  assert.deepEqual([o.spec.names.singular, o.spec.names.listKind, o.spec.conversion], ['crontab', 'CronTabList', { strategy: 'None' }]);
  assert.equal(errorOf(crd()), '');
});

test('CRD validation messages', () => {
  assert.equal(errorOf(crd({ scope: '' })), 'CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.scope: Required value');
  assert.equal(errorOf(crd({ names: { plural: 'crontabs', singular: 'crontab', listKind: 'CronTabList', kind: 'Cron_Tab' } })), 'CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.names.kind: Invalid value: "Cron_Tab": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or \'-\', start with an alphabetic character, and end with an alphanumeric character (e.g. \'my-name\',  or \'abc-123\', regex used for validation is \'[a-z]([-a-z0-9]*[a-z0-9])?\')');
  assert.equal(errorOf(crd({ versions: [{ name: 'v1', served: true, storage: true }] })), 'CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required');
  assert.match(errorOf(crd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }, { name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }] })),
    /spec\.versions: Invalid value: \[\]apiextensions\.CustomResourceDefinitionVersion\{apiextensions\.CustomResourceDefinitionVersion\{Name:"v1", Served:true, Storage:true, .*must have exactly one version marked as storage version$/);
  const cols = crd({ versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } }, additionalPrinterColumns: [{ name: 'X', type: 'str', jsonPath: '.spec.x' }] }] });
  assert.equal(errorOf(cols), 'CustomResourceDefinition "crontabs.stable.example.com" is invalid: spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "str": must be one of boolean,date,integer,number,string');
});

test('the index entry: preferred version first by priority, columns of that version', () => {
  const o = crd({ versions: [
    { name: 'v1beta1', served: true, storage: false, schema: { openAPIV3Schema: { type: 'object' } } },
    { name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } }, additionalPrinterColumns: [{ name: 'Spec', type: 'string', jsonPath: '.spec.cronSpec' }], subresources: { status: {} } },
    { name: 'v2alpha1', served: false, storage: false, schema: { openAPIV3Schema: { type: 'object' } } }] });
  defaultCrd(o);
  const k = kindOfCrd(o)!;
  assert.deepEqual([k.version, k.custom!.served, k.custom!.storage, k.custom!.status, k.custom!.columns.map((c) => c.name)], ['v1', ['v1', 'v1beta1'], 'v1', true, ['Spec']]);
});

const S: Schema = {
  type: 'object',
  properties: {
    spec: {
      type: 'object', required: ['image'],
      properties: {
        image: { type: 'string', minLength: 1, maxLength: 5 },
        replicas: { type: 'integer', minimum: 1, maximum: 10, default: 1 },
        mode: { type: 'string', enum: ['a', 'b'] },
        ratio: { type: 'number', exclusiveMaximum: true, maximum: 1, multipleOf: 0.25 },
        tags: { type: 'array', maxItems: 2, items: { type: 'string' } },
        port: { 'x-kubernetes-int-or-string': true },
        free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        nested: { type: 'object', default: {}, properties: { on: { type: 'boolean', default: true } } },
      },
    },
  },
};
const check = (spec: unknown) => { const o: any = { apiVersion: 'x/v1', kind: 'X', metadata: { name: 'n' }, spec }; prune(o, S, true); applyDefaults(o, S); const c: Cause[] = []; validate(o, S, '', c); return { o, errors: c.map((x) => `${x.field}: ${x.message}`) }; };

test('pruning keeps declared fields, preserved subtrees and metadata; defaulting fills absent fields, nested too', () => {
  const { o, errors } = check({ image: 'web', extra: 1, free: { any: { thing: 1 } }, labels: { a: 'b' } });
  assert.deepEqual(errors, []);
  assert.deepEqual(o.spec, { image: 'web', free: { any: { thing: 1 } }, labels: { a: 'b' }, replicas: 1, nested: { on: true } });
  assert.deepEqual(o.metadata, { name: 'n' });
});

test('schema validation messages as the API server words them', () => {
  assert.deepEqual(check({}).errors, ['spec.image: Required value']);
  assert.deepEqual(check({ image: 'web', replicas: 'x' }).errors, ['spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"']);
  assert.deepEqual(check({ image: 'web', replicas: 1.5 }).errors, ['spec.replicas: Invalid value: "number": spec.replicas in body must be of type integer: "number"']);
  assert.deepEqual(check({ image: '', replicas: 0 }).errors, ['spec.image: Invalid value: "": spec.image in body should be at least 1 chars long', 'spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1']);
  assert.deepEqual(check({ image: 'toolong' }).errors, ['spec.image: Too long: may not be more than 5 bytes']);
  assert.deepEqual(check({ image: 'w', mode: 'c' }).errors, ['spec.mode: Unsupported value: "c": supported values: "a", "b"']);
  assert.deepEqual(check({ image: 'w', ratio: 1 }).errors, ['spec.ratio: Invalid value: 1: spec.ratio in body should be less than 1']);
  assert.deepEqual(check({ image: 'w', ratio: 0.3 }).errors, ['spec.ratio: Invalid value: 0.3: spec.ratio in body should be a multiple of 0.25']);
  assert.deepEqual(check({ image: 'w', tags: ['a', 'b', 'c'] }).errors, ['spec.tags: Too many: 3: must have at most 2 items']);
  assert.deepEqual(check({ image: 'w', tags: ['a', 1] }).errors, ['spec.tags[1]: Invalid value: "integer": spec.tags[1] in body must be of type string: "integer"']);
  assert.deepEqual(check({ image: 'w', port: true }).errors, ['spec.port: Invalid value: "boolean": spec.port in body must be of type integer,string: "boolean"']);
  assert.deepEqual(check({ image: 'w', port: 'http' }).errors, []);
  assert.deepEqual(check({ image: 'w', labels: { a: 1 } }).errors, ['spec.labels.a: Invalid value: "integer": spec.labels.a in body must be of type string: "integer"']);
});
