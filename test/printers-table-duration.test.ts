// AGE cells: apimachinery's HumanDuration (kubectl-formats.md section 3, boundary table verbatim).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { humanDuration, translateTimestampSince, translateTimestampUntil } from '../src/printers/duration';

const S = 1000;

test('HumanDuration boundary table', () => {
  const table: [number, string][] = [
    [119, '119s'], [120, '2m'], [599, '9m59s'], [600, '10m'], [601, '10m'], [3600, '60m'], [10799, '179m'], [10800, '3h'],
    [28799, '7h59m'], [28800, '8h'], [86400, '24h'], [172799, '47h'], [172800, '2d'], [691199, '7d23h'], [691200, '8d'],
    [63072000, '2y'], [252288000, '8y'],
  ];
  for (const [s, want] of table) assert.equal(humanDuration(s * S), want, `${s}s`);
});

test('HumanDuration ranges', () => {
  const table: [number, string][] = [
    [0, '0s'], [59, '59s'], [60, '60s'], [121, '2m1s'], [179 * 60 + 59, '179m'], [3 * 3600 + 5 * 60, '3h5m'], [23 * 3600, '23h'],
    [47 * 3600 + 3599, '47h'], [2 * 86400 + 3600, '2d1h'], [729 * 86400, '729d'], [730 * 86400 + 86400, '2y1d'], [8 * 365 * 86400 - 1, '7y364d'],
    [10 * 365 * 86400, '10y'],
  ];
  for (const [s, want] of table) assert.equal(humanDuration(s * S), want, `${s}s`);
});

test('HumanDuration truncates and tolerates a clock skew under 2s', () => {
  assert.equal(humanDuration(119999), '119s');
  assert.equal(humanDuration(599999), '9m59s');
  assert.equal(humanDuration(-500), '0s');
  assert.equal(humanDuration(-1999), '0s');
  assert.equal(humanDuration(-2000), '<invalid>');
  assert.equal(humanDuration(-60000), '<invalid>');
});

test('translateTimestampSince / Until', () => {
  const now = new Date('2024-05-01T12:00:00Z');
  assert.equal(translateTimestampSince('2024-05-01T11:48:00Z', now), '12m');
  assert.equal(translateTimestampSince('2024-05-01T11:48:00.123456Z', now), '11m');
  assert.equal(translateTimestampSince(undefined, now), '<unknown>');
  assert.equal(translateTimestampSince(null, now), '<unknown>');
  assert.equal(translateTimestampSince('', now), '<unknown>');
  assert.equal(translateTimestampSince('0001-01-01T00:00:00Z', now), '<unknown>');
  assert.equal(translateTimestampSince('2024-05-01T12:00:05Z', now), '<invalid>');
  assert.equal(translateTimestampUntil('2024-05-01T12:10:00Z', now), '10m');
});
