// Pod STATUS / READY / RESTARTS: the input/output vectors of printers.go's own TestPrintPod and
// TestPrintPodWithRestartableInitContainer (1.32), restated as v1 JSON.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tableFor } from '../src/printers/table/index';

const NOW = new Date('2024-05-01T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000).toISOString().replace('.000Z', 'Z');
const containers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, image: 'img' }));
const running = { running: {} };
const waiting = (reason?: string) => ({ waiting: reason ? { reason } : {} });
const terminated = (t: any = {}) => ({ terminated: t });
const lastFinished = (s: number) => ({ terminated: { finishedAt: ago(s) } });
const cs = (o: any) => ({ ready: false, restartCount: 0, state: {}, lastState: {}, ...o });

function row(name: string, spec: any, status: any, meta: any = {}) {
  return tableFor('Pod', [{ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec, status }], NOW).rows[0].slice(0, 5);
}

test('TestPrintPod vectors', () => {
  const two = { containers: containers(2) };
  const one = { containers: containers(1) };
  assert.deepEqual(row('test1', two, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ restartCount: 3 })] }),
    ['test1', '1/2', 'podPhase', '6', '<unknown>']);
  assert.deepEqual(row('test2', two, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ state: waiting('ContainerWaitingReason'), restartCount: 3 })] }),
    ['test2', '1/2', 'ContainerWaitingReason', '6', '<unknown>']);
  assert.deepEqual(row('test3', two, { phase: 'podPhase', containerStatuses: [cs({ state: waiting('ContainerWaitingReason'), restartCount: 3 }), cs({ state: terminated({ reason: 'ContainerTerminatedReason' }), restartCount: 3 })] }),
    ['test3', '0/2', 'ContainerWaitingReason', '6', '<unknown>']);
  assert.deepEqual(row('test4', two, { phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }),
    ['test4', '1/2', 'podPhase', '6', '<unknown>']);
  assert.deepEqual(row('test5', two, { reason: 'podReason', phase: 'podPhase', containerStatuses: [cs({ ready: true, restartCount: 3, state: running }), cs({ ready: true, restartCount: 3 })] }),
    ['test5', '1/2', 'podReason', '6', '<unknown>']);
  const done = [cs({ ready: true, restartCount: 3, state: terminated({ reason: 'Completed', exitCode: 0 }) }), cs({ ready: true, restartCount: 3, state: running })];
  assert.deepEqual(row('test6', two, { phase: 'Running', containerStatuses: done }), ['test6', '1/2', 'NotReady', '6', '<unknown>']);
  assert.deepEqual(row('test6', two, { phase: 'Running', containerStatuses: done, conditions: [{ type: 'Ready', status: 'True' }] }), ['test6', '1/2', 'Running', '6', '<unknown>']);
  const init1 = { initContainers: containers(1), containers: containers(1) };
  const init2 = { initContainers: containers(2), containers: containers(1) };
  const notRunning = [cs({ state: waiting() })];
  assert.deepEqual(row('test7', init1, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastFinished(10) })], containerStatuses: notRunning }),
    ['test7', '0/1', 'Init:0/1', '3 (10s ago)', '<unknown>']);
  assert.deepEqual(row('test8', init2, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 3, state: running, lastState: lastFinished(10) }), cs({ state: waiting() })], containerStatuses: notRunning }),
    ['test8', '0/1', 'Init:0/2', '3 (10s ago)', '<unknown>']);
  assert.deepEqual(row('test9', init2, { phase: 'podPhase', initContainerStatuses: [cs({ state: terminated() }), cs({ restartCount: 3, state: running, lastState: lastFinished(10) })], containerStatuses: notRunning }),
    ['test9', '0/1', 'Init:1/2', '3 (10s ago)', '<unknown>']);
  assert.deepEqual(row('test10', init2, { phase: 'podPhase', initContainerStatuses: [cs({ restartCount: 2, state: terminated(), lastState: lastFinished(120) }), cs({ restartCount: 3, state: running, lastState: lastFinished(10) })], containerStatuses: notRunning }),
    ['test10', '0/1', 'Init:1/2', '5 (10s ago)', '<unknown>']);
  assert.deepEqual(row('test11', init1, { phase: 'Running', initContainerStatuses: [cs({ restartCount: 2, state: terminated(), lastState: lastFinished(120) })], containerStatuses: [cs({ restartCount: 4, state: running, lastState: lastFinished(20) })] }),
    ['test11', '0/1', 'Running', '4 (20s ago)', '<unknown>']);
  assert.deepEqual(row('test12', one, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(5 * 86400) })] }),
    ['test12', '1/1', 'Running', '3 (5d ago)', '<unknown>']);
  assert.deepEqual(row('test13', two, { phase: 'Running', containerStatuses: [cs({ ready: true, state: running }), cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(10 * 86400) })] }),
    ['test13', '2/2', 'Running', '3 (10d ago)', '<unknown>']);
  assert.deepEqual(row('test14', two, { phase: 'Running', containerStatuses: [cs({ ready: true, restartCount: 6, state: running, lastState: lastFinished(5 * 86400) }), cs({ ready: true, restartCount: 3, state: running, lastState: lastFinished(20 * 86400) })] }),
    ['test14', '2/2', 'Running', '9 (5d ago)', '<unknown>']);
  assert.deepEqual(row('test15', two, { phase: 'podPhase', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] }),
    ['test15', '0/2', 'SchedulingGated', '0', '<unknown>']);
  assert.deepEqual(row('test16', one, { phase: 'Succeeded', containerStatuses: [cs({ state: terminated({ reason: 'Completed', exitCode: 0 }) })] }), ['test16', '0/1', 'Completed', '0', '<unknown>']);
  assert.deepEqual(row('test17', one, { phase: 'Failed', containerStatuses: [cs({ state: terminated({ reason: 'Error', exitCode: 1 }) })] }), ['test17', '0/1', 'Error', '0', '<unknown>']);
  const del = { deletionTimestamp: ago(10) };
  assert.deepEqual(row('test18', one, { phase: 'Succeeded', containerStatuses: [cs({ state: terminated({ reason: 'Completed', exitCode: 0 }) })] }, del), ['test18', '0/1', 'Completed', '0', '<unknown>']);
  assert.deepEqual(row('test19', one, { phase: 'Running', containerStatuses: [cs({ state: running })] }, del), ['test19', '0/1', 'Terminating', '0', '<unknown>']);
  assert.deepEqual(row('test20', one, { phase: 'Pending' }, del), ['test20', '0/1', 'Terminating', '0', '<unknown>']);
});

test('TestPrintPodWithRestartableInitContainer vectors', () => {
  const spec = { initContainers: [{ name: 'r1', restartPolicy: 'Always' }, { name: 'r2', restartPolicy: 'Always' }], containers: containers(1) };
  const notInit = [{ type: 'Initialized', status: 'False' }];
  assert.deepEqual(row('test1', spec, { phase: 'Pending', conditions: notInit, containerStatuses: [cs({ state: waiting() })], initContainerStatuses: [
    cs({ name: 'r1', restartCount: 3, state: running, started: false, lastState: lastFinished(10) }), cs({ name: 'r2', state: waiting(), started: false })] }),
  ['test1', '0/3', 'Init:0/2', '3 (10s ago)', '<unknown>']);
  assert.deepEqual(row('test1', spec, { phase: 'Pending', conditions: notInit, containerStatuses: [cs({ state: waiting() })], initContainerStatuses: [
    cs({ name: 'r1', restartCount: 3, state: running, started: true, lastState: lastFinished(10) }), cs({ name: 'r2', state: running, started: false })] }),
  ['test1', '0/3', 'Init:1/2', '3 (10s ago)', '<unknown>']);
  // (ours) both sidecars started but not ready, the main container running and ready
  assert.deepEqual(row('test2', spec, { phase: 'Running', conditions: [{ type: 'Initialized', status: 'True' }], initContainerStatuses: [
    cs({ name: 'r1', restartCount: 3, state: running, started: true, lastState: lastFinished(10) }), cs({ name: 'r2', state: running, started: true })],
  containerStatuses: [cs({ ready: true, state: running, started: true })] }),
  ['test2', '1/3', 'Running', '3 (10s ago)', '<unknown>']);
});
