// `kubectl describe`, byte for byte as kubectl v1.32's pkg/describe prints it.
//
//   describeObject(obj, reader, { showEvents })  the text of one object (ends with a newline)
//   joinDescriptions(texts)                      several objects, as the describe command joins them
//
// Related objects (events, replica sets, pods, endpoint slices, quotas, ...) are read through
// the ClusterReader; ages are computed from reader.now(); absolute times print in the process's
// local time zone (TZ), as kubectl does.
import type { ClusterReader, KObject } from '../../api/types';
import type { DescribeContext } from './writer';
import { describePod, describePersistentVolumeClaim } from './pod';
import { describeDeployment, describeReplicaSet, describeStatefulSet, describeDaemonSet, describeReplicationController, describeJob, describeCronJob } from './apps';
import { describeService, describeEndpoints, describeEndpointSlice, describeIngress, describeIngressClass, describeNetworkPolicy } from './network';
import { describeNode } from './node';
import { describeNamespace, describeSecret, describeConfigMap, describeServiceAccount, describeResourceQuota, describeLimitRange, describePodDisruptionBudget, describePriorityClass } from './config';
import { describeGeneric } from './generic';
import { describeStorageClass, describePersistentVolume } from './storage';
import { describeRole, describeRoleBinding } from './rbac';
import { describeHorizontalPodAutoscaler } from './autoscaling';
import { describeCertificateSigningRequest, describeCSINode } from './more';

type Describer = (obj: KObject, ctx: DescribeContext) => string;

const DESCRIBERS: Record<string, Describer> = {
  Pod: describePod,
  PersistentVolumeClaim: describePersistentVolumeClaim,
  Service: describeService,
  Endpoints: describeEndpoints,
  EndpointSlice: describeEndpointSlice,
  Ingress: describeIngress,
  IngressClass: describeIngressClass,
  NetworkPolicy: describeNetworkPolicy,
  Deployment: describeDeployment,
  ReplicaSet: describeReplicaSet,
  StatefulSet: describeStatefulSet,
  DaemonSet: describeDaemonSet,
  ReplicationController: describeReplicationController,
  Job: describeJob,
  CronJob: describeCronJob,
  Node: describeNode,
  Namespace: describeNamespace,
  Secret: describeSecret,
  ConfigMap: describeConfigMap,
  ServiceAccount: describeServiceAccount,
  ResourceQuota: describeResourceQuota,
  LimitRange: describeLimitRange,
  PodDisruptionBudget: describePodDisruptionBudget,
  PriorityClass: describePriorityClass,
  StorageClass: describeStorageClass,
  PersistentVolume: describePersistentVolume,
  Role: describeRole,
  ClusterRole: describeRole,
  RoleBinding: describeRoleBinding,
  ClusterRoleBinding: describeRoleBinding,
  HorizontalPodAutoscaler: describeHorizontalPodAutoscaler,
  CertificateSigningRequest: describeCertificateSigningRequest,
  CSINode: describeCSINode,
};

/** The `kubectl describe` text of one object. Kinds without a describer of their own (Event,
 *  Lease, ...) get kubectl's generic describer. */
export function describeObject(obj: KObject, reader: ClusterReader, opts: { showEvents?: boolean } = {}): string {
  const ctx: DescribeContext = { reader, now: reader.now(), showEvents: opts.showEvents ?? true };
  const d = DESCRIBERS[obj.kind] ?? describeGeneric;
  return d(obj, ctx);
}

/** Several descriptions as `kubectl describe TYPE [NAME...]` prints the objects it found: two
 *  blank lines between objects. */
export function joinDescriptions(texts: string[]): string {
  return texts.join('\n\n');
}

/** The objects `kubectl describe TYPE PREFIX` found by name prefix (the exact name was not
 *  found, DescribeMatchingResources): each one followed by a newline, so one blank line between
 *  them and one at the end. */
export function joinPrefixMatches(texts: string[]): string {
  return texts.map((t) => t + '\n').join('');
}
