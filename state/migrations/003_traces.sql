-- 003: the request trace: every request the simulated data plane carries, with its hops
-- (src/network/trace.ts), read by `kubesim trace` and the live picture (src/ui/).
CREATE TABLE IF NOT EXISTS traces (
  id   INTEGER PRIMARY KEY AUTOINCREMENT,
  json TEXT NOT NULL
);
