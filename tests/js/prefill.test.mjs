// The end-of-session log: prefilled numbers, answer checks, the API body, send outcomes.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Engine } from '../../src/backstride/web/player/static/player/engine.js';
import {
  clientKey,
  outboxKey,
  outcome,
  ownItems,
  queueKey,
  refusalText,
  remainingOutbox,
} from '../../src/backstride/web/core/static/backstride/outbox.js';
import {
  answersProblem,
  logPayload,
  prefillLog,
  shortTime,
} from '../../src/backstride/web/player/static/player/prefill.js';
import { buildSteps } from '../../src/backstride/web/player/static/player/steps.js';
import { pageConstants, weekOneSession } from './fixtures.mjs';

const T0 = 1_780_000_000_000;
const CONSTANTS = pageConstants();

/** Week 1 played through, with the first march skipped 5 s in. */
function playedWeekOne() {
  const clock = { t: T0 };
  const engine = new Engine(buildSteps(weekOneSession()), { now: () => clock.t });
  engine.start();
  clock.t = T0 + (10 + 150 + 5) * 1000; // lead-in, warm-up, 5 s of the first march
  engine.tick();
  engine.skip();
  clock.t += 3_600_000; // long after the end: the engine settles every step on its clock
  engine.tick();
  return engine.log();
}

const ANSWERS = { percent: 98, minutes: 13.6, rpe: 4, pain: { knee: 2, shin: 0 },
  sharp_pain: false, near_fall: true, fall: false, notes: '' };

test('the prefill turns measured seconds into percent done, minutes and step rows', () => {
  const pre = prefillLog(playedWeekOne());
  // Planned backward: 150 + 4 x 20 + 6 x 45 + 120 = 620 s; 15 s of a march skipped.
  assert.equal(pre.plannedBackwardSeconds, 620);
  assert.equal(pre.backwardSeconds, 605);
  assert.equal(pre.percent, 98); // 605 / 620 = 97.6 %
  // Moving time: 830 s planned without the lead-in, minus the 15 s skipped = 815 s.
  assert.equal(pre.minutes, 13.6);
  assert.equal(pre.skippedCount, 1);
  assert.equal(pre.rows.length, 19); // every step but the get-ready lead-in
  assert.deepEqual(pre.rows[1], { label: 'Backward high-knee march', planned: '20 s',
    actual: '5 s, skipped', short: true });
  assert.deepEqual(pre.rows[0], { label: 'Backward walk', planned: '2:30', actual: '2:30',
    short: false });
});

test('redoing a step never reads as more than the whole session', () => {
  const log = { actual_seconds: 90, backward_seconds: 90, steps: [
    { phase: 'walk', direction: 'backward', label: 'Backward walk', planned_seconds: 60,
      actual_seconds: 90, skipped: false },
  ] };
  assert.equal(prefillLog(log).percent, 100);
});

test('a session with no backward part measures completion on all moving time', () => {
  const log = { actual_seconds: 30, backward_seconds: 0, steps: [
    { phase: 'ready', direction: null, label: 'Get ready', planned_seconds: 10,
      actual_seconds: 10, skipped: false },
    { phase: 'work', direction: 'forward', label: 'Forward jog', planned_seconds: 40,
      actual_seconds: 30, skipped: true },
    { phase: 'rest', direction: null, label: 'Rest', planned_seconds: 20,
      actual_seconds: 20, skipped: false },
  ] };
  const pre = prefillLog(log);
  assert.equal(pre.percent, 75);
  assert.equal(pre.skippedCount, 1);
  assert.equal(pre.minutes, 0.5);
});

test('answers are checked with one sentence for the first problem', () => {
  assert.equal(answersProblem(ANSWERS, CONSTANTS), null);
  assert.equal(answersProblem({ ...ANSWERS, rpe: null }, CONSTANTS),
    'Tap how hard it felt, from 0 to 10.');
  assert.equal(answersProblem({ ...ANSWERS, percent: 120 }, CONSTANTS),
    'How much you did must be 0 to 100 %.');
  assert.equal(answersProblem({ ...ANSWERS, minutes: Number.NaN }, CONSTANTS),
    'Minutes must be a number from 0 to 600.');
  assert.equal(answersProblem({ ...ANSWERS, pain: { calf: 11 } }, CONSTANTS),
    'Calf pain must be 0 to 10.');
});

test('the pain sites, their words and the limits are the ones the page sent', () => {
  const sites = [['knee', 'Knee'], ['ankle', 'Ankle']];
  const page = { ...CONSTANTS, painSites: sites, maxMinutes: 90, maxNotes: 5 };
  assert.equal(answersProblem({ ...ANSWERS, pain: { ankle: 12 } }, page),
    'Ankle pain must be 0 to 10.');
  assert.equal(answersProblem({ ...ANSWERS, minutes: 95 }, page),
    'Minutes must be a number from 0 to 90.');
  const body = logPayload(playedWeekOne(),
    { ...ANSWERS, minutes: 13, pain: { ankle: 3, shin: 4 }, notes: 'sore ankle' },
    { uid: 'bs-x' }, page);
  assert.deepEqual(body.pain, { ankle: 3 }, 'only the sites the page asks about are sent');
  assert.equal(body.notes, 'sore ');
});

test('the payload carries the API fields and the player record, and no date', () => {
  const log = playedWeekOne();
  const body = logPayload(log, ANSWERS, { uid: 'bs-x', date: '2026-11-30' }, CONSTANTS);
  assert.equal(body.session_uid, 'bs-x');
  assert.equal(body.session_date, '2026-11-30');
  assert.equal(body.completed_fraction, 0.98);
  assert.equal(body.minutes, 13.6);
  assert.equal(body.rpe, 4);
  assert.deepEqual(body.pain, { knee: 2 }); // zeros are not pain
  assert.equal(body.near_fall, true);
  assert.equal(body.backward_seconds, 605);
  assert.equal(body.actual_seconds, 815);
  assert.deepEqual(body.skipped_steps, [2]);
  assert.equal(body.steps.length, 20);
  assert.equal(body.steps[2].actual_seconds, 5);
  assert.equal(body.started_at, new Date(T0).toISOString());
  assert.equal('date' in body, false);
  assert.throws(() => logPayload(log, { ...ANSWERS, rpe: 12 }, { uid: 'bs-x' }, CONSTANTS),
    /how hard/);
});

test('only a refusal of the payload itself drops a queued log; the rest retries', () => {
  assert.deepEqual([201, 200, 400, 422, 413, 401, 403, 404, 429, 500, 503].map(outcome),
    ['sent', 'sent', 'refused', 'refused', 'refused', 'retry', 'retry', 'retry', 'retry',
      'retry', 'retry']);
});

test('refusals become one readable sentence', () => {
  assert.equal(refusalText({ detail: 'That session is not in your current plan.' }),
    'That session is not in your current plan.');
  assert.equal(refusalText({ detail: [{ loc: ['body', 'payload', 'rpe'],
    msg: 'Input should be less than or equal to 10' }] }),
  'rpe: Input should be less than or equal to 10');
  assert.equal(refusalText(null), 'The server could not read this log.');
  assert.equal(shortTime(59.6), '1:00');
  assert.equal(shortTime(-3), '0 s');
});

test('a log queued while a send round was in flight survives the end of that round', () => {
  const item = (uid, at) => ({ url: '/api/logs', payload: { session_uid: uid, started_at: at } });
  const a = item('bs-a', '2026-11-30T07:00:00.000Z');
  const b = item('bs-b', '2026-11-30T08:00:00.000Z');
  const aAgain = item('bs-a', '2026-11-30T09:00:00.000Z'); // the same session played again
  // The round started with [a] and sent it; meanwhile b and a second run of a were saved.
  const left = remainingOutbox([a, b, aAgain], new Set([queueKey(a)]));
  assert.deepEqual(left, [b, aAgain]);
  assert.equal(queueKey(a), '/api/logs|bs-a@2026-11-30T07:00:00.000Z');
});

test('each signed-in user has their own log queue, and only their own items are sent', () => {
  assert.equal(outboxKey(42), 'backstride.player.outbox.42');
  assert.equal(outboxKey('42'), outboxKey(42), 'the page renders the id as text');
  assert.notEqual(outboxKey(42), outboxKey(43));
  for (const missing of [undefined, null, '', '  ', 'a.b', '42/../x']) {
    assert.throws(() => outboxKey(missing), /needs the signed-in user/);
  }
  const item = (user, run) => ({ user, url: '/api/logs',
    payload: { session_uid: 's1', started_at: run } });
  const queue = [item('42', 'a'), item('43', 'b'), { url: '/api/logs', payload: {} },
    item('42', 'c'), null];
  assert.deepEqual(ownItems(queue, 42).map((i) => i.payload.started_at), ['a', 'c']);
  assert.deepEqual(ownItems(queue, '43').map((i) => i.payload.started_at), ['b']);
  assert.deepEqual(ownItems([], 42), []);
});

test('each saved log gets its own idempotency key, 32 hex characters', () => {
  const log = playedWeekOne();
  const first = logPayload(log, ANSWERS, { uid: 'bs-x' }, CONSTANTS, clientKey());
  const second = logPayload(log, ANSWERS, { uid: 'bs-x' }, CONSTANTS, clientKey());
  assert.match(first.client_key, /^[0-9a-f]{32}$/);
  assert.notEqual(first.client_key, second.client_key);
  const fixed = { getRandomValues: (bytes) => bytes.fill(171) };
  assert.equal(clientKey(fixed), 'ab'.repeat(16));
});

test('the pain before the session and swelling are sent only when answered', () => {
  const log = playedWeekOne();
  const silent = logPayload(log, { ...ANSWERS, pre_session_pain: null }, { uid: 'bs-x' }, CONSTANTS);
  assert.equal('pre_session_pain' in silent, false);
  assert.equal('swelling' in silent, false);
  const told = logPayload(log, { ...ANSWERS, pre_session_pain: 0, swelling: true }, { uid: 'bs-x' },
    CONSTANTS);
  assert.equal(told.pre_session_pain, 0);
  assert.equal(told.swelling, true);
  assert.equal(answersProblem({ ...ANSWERS, pre_session_pain: 11 }, CONSTANTS),
    'Pain before the session must be 0 to 10.');
});
