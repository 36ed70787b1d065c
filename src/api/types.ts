// Shapes shared by every layer. Objects are plain JSON as the API server would return them.

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

export interface ObjectMeta {
  name: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [k: string]: any;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** Any Kubernetes object. Fields beyond metadata are untyped JSON. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [k: string]: any;
}

/** An error with the API server's Status, printed by kubectl as
 *  `Error from server (<reason>): <message>` (or the Invalid form). */
export class ApiError extends Error {
  constructor(
    public reason: string, // NotFound, AlreadyExists, Invalid, Forbidden, Conflict, BadRequest, ...
    message: string,
    public code: number,
    public details: { kind?: string; name?: string; group?: string; causes?: { field: string; message: string; reason?: string }[] } = {},
  ) {
    super(message);
  }
}

/** A client-side error: kubectl prints `error: <message>` (unless raw is set, then message as-is). */
export class CliError extends Error {
  constructor(message: string, public exitCode = 1, public raw = false) {
    super(message);
  }
}

/** Read access to the cluster, as printers (describe), the data plane and controllers see it.
 *  Implemented by the API layer over the store, and by a fixture reader in tests. */
export interface ClusterReader {
  /** One object by kind (e.g. "Pod", "Service"), namespace ("" or undefined for cluster-scoped) and name. */
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  /** All objects of a kind, in one namespace or (namespace undefined) in all; sorted by namespace, then name. */
  list(kind: string, namespace?: string): KObject[];
  /** The cluster's clock (tests pin it). */
  now(): Date;
}
