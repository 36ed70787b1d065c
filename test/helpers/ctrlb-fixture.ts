// A cluster the new controllers have worked on, at a pinned time: an HPA on kind without
// metrics-server after three syncs, a per-minute CronJob with history, a CronJob with an active
// job. Used by test/printers-describe-controllers.test.ts and, to record its goldens with the real
// kubectl, by test/golden/ctrlb-describe/record.mjs.
import { testCluster, deployment } from './cluster';
import type { KObject } from '../../src/api/types';

export const CASES = [
  { name: 'hpa-web', kind: 'HorizontalPodAutoscaler', object: 'web' },
  { name: 'cronjob-hello', kind: 'CronJob', object: 'hello' },
  { name: 'cronjob-sleeper', kind: 'CronJob', object: 'sleeper' },
];

export function buildFixture(): { now: Date; items: KObject[]; close: () => void; reader: import('../../src/api/types').ClusterReader } {
  const c = testCluster();
  const cron = (name: string, command: string[]): KObject => ({
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'default' } as any,
    spec: { schedule: '*/1 * * * *', jobTemplate: { spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox', command }], restartPolicy: 'OnFailure' } } } } },
  });
  c.write((api) => {
    api.create(deployment('web', 'nginx', 1));
    api.create({
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' } as any,
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    });
    api.create(cron('hello', ['echo', 'hi']));
  });
  for (let i = 0; i < 4; i++) c.advance(15_000); // 16:01:00
  c.write((api) => api.create(cron('sleeper', ['sleep', '3600'])));
  for (let i = 0; i < 5; i++) c.advance(60_200);
  const items = [
    ...c.api.list('HorizontalPodAutoscaler', 'default'), ...c.api.list('CronJob', 'default'), ...c.api.list('Job', 'default'),
    ...c.api.list('Event', 'default').filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler' || e.involvedObject.kind === 'CronJob'),
  ];
  return { now: c.api.now(), items, close: () => c.close(), reader: c.api };
}
