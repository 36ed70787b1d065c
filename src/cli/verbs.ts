// The verbs kubectl (and kubesim) knows, each loaded only when it runs. One file per verb
// under src/cli/ (DESIGN.md); add a line here when adding one.
export type Verb = (argv: string[]) => number | void | Promise<number | void>;

export const VERBS: Record<string, () => Verb> = {
  get: () => require('./get').run,
  describe: () => require('./describe').run,
  create: () => require('./create').run,
  scale: () => require('./scale').run,
  expose: () => require('./expose').run,
  delete: () => require('./delete').run,
  label: () => require('./label').run,
  annotate: () => require('./label').runAnnotate,
  version: () => require('./version').run,
  exec: () => require('./exec').run,
  apply: () => require('./apply').run,
  replace: () => require('./replace').run,
  edit: () => require('./edit').run,
  patch: () => require('./patch').run,
  set: () => require('./set').run,
  run: () => require('./run').run,
  config: () => require('./config').run,
  'api-resources': () => require('./api-resources').run,
  'api-versions': () => require('./api-resources').runVersions,
  'cluster-info': () => require('./cluster-info').run,
  rollout: () => require('./rollout').run,
  wait: () => require('./wait').run,
  logs: () => require('./logs').run,
  'port-forward': () => require('./port-forward').run,
  proxy: () => require('./proxy').run,
  top: () => require('./top').run,
  cordon: () => require('./nodes').runCordon,
  uncordon: () => require('./nodes').runUncordon,
  drain: () => require('./nodes').runDrain,
  events: () => require('./events').run,
  debug: () => require('./debug').run,
  // kubesim's own
  reset: () => require('./reset').run,
  node: () => require('./node-admin').run,
  ui: () => require('../ui/server').run,
  trace: () => require('./trace').run,
  // the data plane running one-shot container commands (src/cli/session.ts)
  __commands: () => require('./commands-runner').run,
};
