-- kubesim state: one SQLite file. Read by src/store/db.ts; numbered migrations in state/migrations/.
-- Objects are stored as the API server returns them (JSON), with a few indexed columns that
-- controllers and selectors need so that their work does not grow with the cluster's size.
CREATE TABLE IF NOT EXISTS meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS objects (
  id        INTEGER PRIMARY KEY,    -- rowid table: JSON rows are large (WITHOUT ROWID suits small rows)
  kind      TEXT NOT NULL,
  namespace TEXT NOT NULL,          -- '' for cluster-scoped kinds
  name      TEXT NOT NULL,
  uid       TEXT NOT NULL,
  rv        INTEGER NOT NULL,       -- metadata.resourceVersion
  owner     TEXT,                   -- uid of the controller ownerReference
  node      TEXT,                   -- pods: spec.nodeName ('' while unscheduled); NULL otherwise
  json      TEXT NOT NULL,
  slim      TEXT,                   -- pods: the table projection (src/api/projection.ts)
  UNIQUE (kind, namespace, name)
);
CREATE INDEX IF NOT EXISTS objects_owner ON objects(owner) WHERE owner IS NOT NULL;
CREATE INDEX IF NOT EXISTS objects_node ON objects(kind, node) WHERE node IS NOT NULL;

-- The revision log: every change, in order; watch reads it. rv is the cluster's resourceVersion.
CREATE TABLE IF NOT EXISTS revisions (
  rv        INTEGER PRIMARY KEY AUTOINCREMENT,
  type      TEXT NOT NULL,          -- ADDED | MODIFIED | DELETED
  kind      TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name      TEXT NOT NULL,
  json      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS revisions_kind ON revisions(kind, rv);

-- Allocated addresses and ports (ClusterIPs, NodePorts, pod IPs, load-balancer IPs): the primary
-- key makes SQLite refuse to hand out a value twice.
CREATE TABLE IF NOT EXISTS allocations (
  pool  TEXT NOT NULL,              -- clusterip | nodeport | podip | lbip
  value TEXT NOT NULL,
  owner TEXT NOT NULL,              -- uid of the owning object
  PRIMARY KEY (pool, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS allocations_owner ON allocations(owner);

-- Work due by the clock (a pod finishing start-up, a grace period ending).
CREATE TABLE IF NOT EXISTS timers (
  kind      TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name      TEXT NOT NULL,
  due       REAL NOT NULL,          -- ms since the epoch
  PRIMARY KEY (kind, namespace, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS timers_due ON timers(due);

-- Node-side state that is not part of any API object: what the kubelet captured when a container
-- started (service environment variables), keyed by pod uid.
CREATE TABLE IF NOT EXISTS runtime (
  uid  TEXT PRIMARY KEY,
  json TEXT NOT NULL
) WITHOUT ROWID;

-- Container logs (app access lines), for `kubectl logs`.
CREATE TABLE IF NOT EXISTS logs (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  pod_uid   TEXT NOT NULL,
  container TEXT NOT NULL,
  line      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS logs_pod ON logs(pod_uid, container, id);

-- The request trace (src/network/trace.ts): each request the data plane carried, with its hops.
CREATE TABLE IF NOT EXISTS traces (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  json TEXT NOT NULL
);
