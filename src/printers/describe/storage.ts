// StorageClass and PersistentVolume.
import type { KObject } from '../../api/types';
import { translateTimestampSince } from '../duration';
import { Writer, DescribeContext, tabbedString, LEVEL_0, LEVEL_1, LEVEL_2, printLabelsMultiline, printAnnotationsMultiline, formatLabels, goSlice } from './writer';
import { writeEvents, refOf } from './events';
import { accessModesAsString, describeVolumeSource } from './pod';
import { canonical } from './quantity';

export function describeStorageClass(sc: KObject, ctx: DescribeContext): string {
  const ann = sc.metadata.annotations ?? {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sc.metadata.name}\n`);
    w.write(LEVEL_0, `IsDefaultClass:\t${isDefault ? 'Yes' : 'No'}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(sc.metadata.annotations)}\n`);
    w.write(LEVEL_0, `Provisioner:\t${sc.provisioner ?? ''}\n`);
    w.write(LEVEL_0, `Parameters:\t${formatLabels(sc.parameters)}\n`);
    const ave = sc.allowVolumeExpansion;
    w.write(LEVEL_0, `AllowVolumeExpansion:\t${ave === undefined || ave === null ? '<unset>' : ave ? 'True' : 'False'}\n`);
    const mo: string[] = sc.mountOptions ?? [];
    if (!mo.length) w.write(LEVEL_0, 'MountOptions:\t<none>\n');
    else {
      w.write(LEVEL_0, 'MountOptions:\n');
      for (const o of mo) w.write(LEVEL_1, `${o}\n`);
    }
    if (sc.reclaimPolicy !== undefined && sc.reclaimPolicy !== null) w.write(LEVEL_0, `ReclaimPolicy:\t${sc.reclaimPolicy}\n`);
    if (sc.volumeBindingMode !== undefined && sc.volumeBindingMode !== null) w.write(LEVEL_0, `VolumeBindingMode:\t${sc.volumeBindingMode}\n`);
    if (sc.allowedTopologies !== undefined && sc.allowedTopologies !== null) {
      w.write(LEVEL_0, 'AllowedTopologies:\t');
      const terms: any[] = sc.allowedTopologies;
      if (!terms.length) w.writeLine('<none>');
      else {
        w.writeLine('');
        terms.forEach((term, i) => {
          w.write(LEVEL_1, `Term ${i}:\t`);
          const reqs: any[] = term.matchLabelExpressions ?? [];
          if (!reqs.length) { w.writeLine('<none>'); return; }
          reqs.forEach((r, j) => {
            if (j !== 0) w.write(LEVEL_1, '\t');
            let e = `${r.key ?? ''} in`;
            if (r.values?.length) e += ` [${r.values.join(', ')}]`;
            w.write(LEVEL_0, `${e}\n`);
          });
        });
      }
    }
    writeEvents(w, ctx.reader, refOf(sc), ctx.showEvents, ctx.now);
  });
}

function nodeSelectorTerm(w: Writer, level: number, title: string, reqs: any[] | undefined): void {
  w.write(level, `${title}:\t`);
  if (!reqs?.length) { w.writeLine('<none>'); return; }
  reqs.forEach((r, i) => {
    if (i !== 0) w.write(level, '\t');
    let e = `${r.key ?? ''} ${String(r.operator ?? '').toLowerCase()}`;
    if (r.values?.length) e += ` [${r.values.join(', ')}]`;
    w.write(LEVEL_0, `${e}\n`);
  });
}

export function describePersistentVolume(pv: KObject, ctx: DescribeContext): string {
  const spec = pv.spec ?? {};
  const md = pv.metadata;
  const cls = md.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? spec.storageClassName ?? '';
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${md.name}\n`);
    printLabelsMultiline(w, 'Labels', md.labels);
    printAnnotationsMultiline(w, 'Annotations', md.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goSlice(md.finalizers)}\n`);
    w.write(LEVEL_0, `StorageClass:\t${cls}\n`);
    if (md.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(md.deletionTimestamp, ctx.now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesAsString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${canonical(spec.capacity?.storage ?? '0')}\n`);
    w.write(LEVEL_0, 'Node Affinity:\t');
    const req = spec.nodeAffinity?.required;
    if (!req) w.writeLine('<none>');
    else {
      w.writeLine('');
      w.write(LEVEL_1, 'Required Terms:\t');
      const terms: any[] = req.nodeSelectorTerms ?? [];
      if (!terms.length) w.writeLine('<none>');
      else {
        w.writeLine('');
        terms.forEach((t, i) => nodeSelectorTerm(w, LEVEL_2, `Term ${i}`, t.matchExpressions));
      }
    }
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    describePersistentVolumeSource(spec, w);
    writeEvents(w, ctx.reader, refOf(pv), ctx.showEvents, ctx.now);
  });
}

function describePersistentVolumeSource(spec: any, w: Writer): void {
  const row = (type: string, rows: [string, string][]) => w.write(LEVEL_2, `Type:\t${type}\n` + rows.map(([k, v]) => `    ${k}\t${v}\n`).join(''));
  const s = (v: any) => (v === undefined || v === null ? '' : String(v));
  const b = (v: any) => (v === true ? 'true' : 'false');
  if (spec.local) return row('LocalVolume (a persistent volume backed by local storage on a node)', [['Path:', s(spec.local.path)]]);
  if (spec.csi) {
    const c = spec.csi;
    row('CSI (a Container Storage Interface (CSI) volume source)', [['Driver:', s(c.driver)], ['FSType:', s(c.fsType)], ['VolumeHandle:', s(c.volumeHandle)], ['ReadOnly:', b(c.readOnly)]]);
    const attrs = c.volumeAttributes ?? {};
    const keys = Object.keys(attrs).sort();
    w.write(LEVEL_2, 'VolumeAttributes:\t');
    if (!keys.length) { w.writeLine('<none>'); return; }
    keys.forEach((k, i) => {
      if (i !== 0) { w.write(LEVEL_2, ''); w.write(LEVEL_2, '\t'); }
      const line = `${k}=${attrs[k]}`;
      w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
    });
    return;
  }
  if (spec.glusterfs) {
    const g = spec.glusterfs;
    return row("Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [['EndpointsName:', s(g.endpoints)], ['EndpointsNamespace:', g.endpointsNamespace ?? '<unset>'], ['Path:', s(g.path)], ['ReadOnly:', b(g.readOnly)]]);
  }
  if (spec.azureFile) {
    const a = spec.azureFile;
    return row('AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [['SecretName:', s(a.secretName)], ['SecretNamespace:', s(a.secretNamespace)], ['ShareName:', s(a.shareName)], ['ReadOnly:', b(a.readOnly)]]);
  }
  // the other sources print as a pod's volume of the same type
  const known = ['hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'nfs', 'iscsi', 'rbd', 'quobyte', 'vsphereVolume', 'cinder', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'cephfs', 'storageos', 'fc', 'flexVolume', 'flocker'];
  const k = known.find((x) => spec[x]);
  if (k) describeVolumeSource({ [k]: spec[k] }, w);
  else w.write(LEVEL_1, '<unknown>\n');
}
