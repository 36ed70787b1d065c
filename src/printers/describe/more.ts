// kubectl describe for CertificateSigningRequest and CSINode (k8s.io/kubectl/pkg/describe at
// 1.32); the other kinds of src/api/kinds-more have no describer of their own (generic).
import type { KObject } from '../../api/types';
import { CliError } from '../../api/types';
import { DescribeContext, Writer, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, LEVEL_4, tabbedString, rfc1123z, formatLabels, printLabelsMultiline, printAnnotationsMultiline } from './writer';
import { writeEvents, refOf } from './events';
import { csrCondition, csrDuration } from '../table/more';

export function describeCertificateSigningRequest(csr: KObject, ctx: DescribeContext): string {
  const { parseCSR } = require('../../api/kinds-more/x509') as typeof import('../../api/kinds-more/x509');
  let cr: ReturnType<typeof parseCSR>;
  try { cr = parseCSR(Buffer.from(String(csr.spec?.request ?? ''), 'base64')); } catch (e: any) {
    throw new CliError(`error: Error parsing CSR: ${e.message}`, 1, true);
  }
  const s = csr.spec ?? {};
  const list = (w: Writer, prefix: string, name: string, values: string[]) => {
    if (!values.length) return;
    w.write(LEVEL_0, `${prefix}${name}:\t`);
    w.write(LEVEL_0, values.join(`\n${prefix}\t`));
    w.write(LEVEL_0, '\n');
  };
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${csr.metadata.name}\n`);
    w.write(LEVEL_0, `Labels:\t${formatLabels(csr.metadata.labels)}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(csr.metadata.annotations)}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(csr.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Requesting User:\t${s.username ?? ''}\n`);
    if (s.signerName) w.write(LEVEL_0, `Signer:\t${s.signerName}\n`);
    if (s.expirationSeconds != null) w.write(LEVEL_0, `Requested Duration:\t${csrDuration(s.expirationSeconds)}\n`);
    w.write(LEVEL_0, `Status:\t${csrCondition(csr)}\n`);
    w.write(LEVEL_0, 'Subject:\n');
    w.write(LEVEL_0, `\tCommon Name:\t${cr.subject.commonName}\n`);
    w.write(LEVEL_0, `\tSerial Number:\t${cr.subject.serialNumber}\n`);
    list(w, '\t', 'Organization', cr.subject.organization);
    list(w, '\t', 'Organizational Unit', cr.subject.organizationalUnit);
    list(w, '\t', 'Country', cr.subject.country);
    list(w, '\t', 'Locality', cr.subject.locality);
    list(w, '\t', 'Province', cr.subject.province);
    list(w, '\t', 'StreetAddress', cr.subject.streetAddress);
    list(w, '\t', 'PostalCode', cr.subject.postalCode);
    if (cr.dnsNames.length + cr.emailAddresses.length + cr.ipAddresses.length + cr.uris.length > 0) {
      w.write(LEVEL_0, 'Subject Alternative Names:\n');
      list(w, '\t', 'DNS Names', cr.dnsNames);
      list(w, '\t', 'Email Addresses', cr.emailAddresses);
      list(w, '\t', 'URIs', cr.uris);
      list(w, '\t', 'IP Addresses', cr.ipAddresses);
    }
    writeEvents(w, ctx.reader, refOf(csr), ctx.showEvents, ctx.now);
  });
}

export function describeCSINode(csi: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${csi.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', csi.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', csi.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(csi.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, 'Spec:\n');
    const drivers = csi.spec?.drivers;
    if (drivers != null) {
      w.write(LEVEL_1, 'Drivers:\n');
      for (const d of drivers) {
        w.write(LEVEL_2, `${d.name ?? ''}:\n`);
        w.write(LEVEL_3, `Node ID:\t${d.nodeID ?? ''}\n`);
        if (d.allocatable?.count != null) {
          w.write(LEVEL_3, 'Allocatables:\n');
          w.write(LEVEL_4, `Count:\t${d.allocatable.count}\n`);
        }
        if (d.topologyKeys != null) w.write(LEVEL_3, `Topology Keys:\t[${d.topologyKeys.join(' ')}]\n`);
      }
    }
    writeEvents(w, ctx.reader, refOf(csi), ctx.showEvents, ctx.now);
  });
}
