// The timer/step state machine, driven by a hand-moved clock: node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  Engine,
  metronomeBeats,
  stepCues,
} from '../../src/backstride/web/player/static/player/engine.js';
import { buildSteps } from '../../src/backstride/web/player/static/player/steps.js';
import { longSession, weekOneSession } from './fixtures.mjs';

const T0 = 1_780_000_000_000; // an epoch time, as Date.now() gives the page

function clockAt(ms = T0) {
  const clock = { t: ms };
  clock.now = () => clock.t;
  return clock;
}

function label(ev, t0 = T0) {
  const extra = ev.side ?? ev.n ?? ev.speedKmh ?? '';
  return `${(ev.at - t0) / 1000}:${ev.type}${extra === '' ? '' : `:${extra}`}`;
}

/** Tick every `stepMs` from the clock's time to `untilMs` after T0, collecting events. */
function runUntil(engine, clock, untilMs, stepMs = 250) {
  const events = [];
  while (clock.t < T0 + untilMs) {
    clock.t = Math.min(clock.t + stepMs, T0 + untilMs);
    events.push(...engine.tick());
  }
  return events;
}

const backwardWalk = (seconds, extra = {}) => ({ kind: 'main', name: 'Walk',
  direction: 'backward', mode: 'walk', repeats: 1, seconds, meters: null, rest_seconds: 0,
  speed_kmh: 3, ...extra });

test('a 60 s backward step cues start, shoulders, halfway, 10 s, 3-2-1, complete', () => {
  const clock = clockAt();
  const steps = buildSteps({ blocks: [backwardWalk(60)] }, { leadInSeconds: 5 });
  const engine = new Engine(steps, { now: clock.now });
  engine.start();
  const events = runUntil(engine, clock, 70_000);
  assert.deepEqual(events.map((ev) => label(ev)), [
    '0:step', '2:count:3', '3:count:2', '4:count:1',
    '5:step', '14:shoulder:left', '23:shoulder:right', '32:shoulder:left', '35:halfway',
    '41:shoulder:right', '50:shoulder:left', '55:warn', '59:shoulder:right',
    '62:count:3', '63:count:2', '64:count:1', '65:complete',
  ]);
  assert.ok(events.every((ev) => !ev.late));
});

test('shoulder checks keep the interval, alternate, and skip rests and forward parts', () => {
  const clock = clockAt();
  const session = { blocks: [{ kind: 'main', name: 'Mixed', direction: 'mixed', mode: 'jog',
    repeats: 2, seconds: 20, forward_seconds: 20, meters: null, rest_seconds: 20,
    speed_kmh: 6 }] };
  const steps = buildSteps(session, { leadInSeconds: 5 });
  const engine = new Engine(steps, { now: clock.now, shoulderEverySeconds: 8 });
  engine.start();
  const shoulders = runUntil(engine, clock, 200_000).filter((ev) => ev.type === 'shoulder');
  // backward parts run 25-45 s and 85-105 s; checks at +8 and +16 (the last 4 s stay free)
  assert.deepEqual(shoulders.map((ev) => label(ev)), [
    '33:shoulder:left', '41:shoulder:right', '93:shoulder:left', '101:shoulder:right',
  ]);
});

test('a treadmill session reminds of clip and rails, then says each new belt speed', () => {
  const clock = clockAt();
  const block = (kind, kmh, repeats = 1) => ({ ...backwardWalk(20), kind, speed_kmh: kmh,
    repeats, rest_seconds: 10 });
  const session = { environment: 'treadmill', blocks: [block('warmup', 1.2),
    block('main', 4.5, 2), block('cooldown', 1.2)] };
  const steps = buildSteps(session, { leadInSeconds: 10 });
  const engine = new Engine(steps, { now: clock.now, treadmill: true });
  engine.start();
  const events = runUntil(engine, clock, 200_000)
    .filter((ev) => ev.type === 'safety' || ev.type === 'speed');
  // ready 0-10, warm-up 10-30, main 30-50, rest 50-60, main 60-80, cool-down 80-100
  assert.deepEqual(events.map((ev) => label(ev)), [
    '0:safety', '10:speed:1.2', '30:speed:4.5', '80:speed:1.2',
  ]);
  const flat = new Engine(steps, { now: clock.now });
  assert.ok(stepCues(steps[1], flat.options).every((cue) => cue.type !== 'speed'));
});

test('a treadmill session gets no shoulder checks; the same session on a track alternates', () => {
  const block = (kind, kmh, repeats = 1) => ({ ...backwardWalk(20), kind, speed_kmh: kmh,
    repeats, rest_seconds: 10 });
  const blocks = [block('warmup', 1.2), block('main', 4.5, 2), block('cooldown', 1.2)];
  const play = (environment) => {
    const clock = clockAt();
    const steps = buildSteps({ environment, blocks }, { leadInSeconds: 10 });
    const engine = new Engine(steps, { now: clock.now, treadmill: environment === 'treadmill' });
    engine.start();
    return runUntil(engine, clock, 200_000);
  };
  const treadmill = play('treadmill');
  assert.deepEqual(treadmill.filter((ev) => ev.type === 'shoulder'), []);
  assert.deepEqual(treadmill.filter((ev) => ev.type === 'safety' || ev.type === 'speed')
    .map((ev) => label(ev)), ['0:safety', '10:speed:1.2', '30:speed:4.5', '80:speed:1.2']);
  assert.ok(treadmill.some((ev) => ev.type === 'warn'), 'the other cues stay');
  // Track: four 20 s backward steps (10-30, 30-50, 60-80, 80-100), one check each at +9 s
  // (+18 s falls in the last 4 s), alternating across the whole session.
  const track = play('track').filter((ev) => ev.type === 'shoulder');
  assert.deepEqual(track.map((ev) => label(ev)), [
    '19:shoulder:left', '39:shoulder:right', '69:shoulder:left', '89:shoulder:right',
  ]);
});

function mulberry32(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where an ideal stopwatch says the session is after `ms` of running time. */
function ideal(steps, ms) {
  let start = 0;
  for (const step of steps) {
    const end = start + step.seconds * 1000;
    if (ms < end) return { index: step.index, remainingMs: end - ms, start };
    start += step.seconds * 1000;
  }
  return { index: -1, remainingMs: 0, start };
}

test('over 60 simulated minutes with ticks 1-30 s apart the engine drifts under 100 ms', () => {
  const steps = buildSteps(longSession(60));
  const clock = clockAt();
  const engine = new Engine(steps, { now: clock.now });
  engine.start();
  const random = mulberry32(42);
  let worst = 0;
  const starts = [];
  let complete = null;
  while (!engine.state.done) {
    clock.t += 1000 + random() * 29_000; // a hidden tab: ticks 1-30 s apart, off the second
    for (const ev of engine.tick()) {
      if (ev.type === 'step') starts.push([ev.index, ev.at - T0]);
      if (ev.type === 'complete') complete = ev.at - T0;
    }
    const want = ideal(steps, clock.t - T0);
    const got = engine.status();
    if (want.index === -1) break;
    assert.equal(got.index, want.index);
    worst = Math.max(worst, Math.abs(got.remainingMs - want.remainingMs));
  }
  assert.equal(steps.length, 121);
  assert.equal(starts.length, 121, 'every step start is reported, late or not');
  for (const [index, at] of starts) {
    worst = Math.max(worst, Math.abs(at - ideal(steps, at).start));
    assert.equal(ideal(steps, at).index, index);
  }
  assert.ok(Math.abs(complete - 3_610_000) < 100, `completed at ${complete} ms`);
  assert.ok(worst < 100, `worst drift ${worst} ms`);
});

test('a pause stops the countdown and moves the whole rest of the session by its length', () => {
  const clock = clockAt();
  const steps = buildSteps({ blocks: [backwardWalk(60)] }, { leadInSeconds: 10 });
  const engine = new Engine(steps, { now: clock.now });
  engine.start();
  runUntil(engine, clock, 30_500);
  engine.pause();
  assert.equal(engine.status().remainingMs, 39_500);
  const during = runUntil(engine, clock, 30_500 + 40_000, 5_000);
  assert.deepEqual(during, [], 'nothing is cued while paused');
  assert.equal(engine.status().remainingMs, 39_500);
  assert.equal(engine.paused, true);
  engine.resume();
  const after = runUntil(engine, clock, 200_000);
  assert.equal(label(after.at(-1)), '110:complete', '70 s of session + 40 s paused');
  const log = engine.log();
  assert.deepEqual(log.steps.map((s) => s.actual_seconds), [10, 60], 'pauses are not counted');
  assert.equal(log.actual_seconds, 60);
  assert.equal(log.completed, true);
});

test('after a reload the restored engine carries on exactly where the old one would be', () => {
  const steps = buildSteps(weekOneSession());
  const refClock = clockAt();
  const reference = new Engine(steps, { now: refClock.now });
  reference.start();
  const want = runUntil(reference, refClock, 400_000, 1000).filter((ev) => ev.at - T0 > 130_000);

  const clock = clockAt();
  const before = new Engine(steps, { now: clock.now });
  before.start();
  runUntil(before, clock, 100_000, 1000);
  const saved = JSON.parse(JSON.stringify(before.serialise())); // through localStorage
  clock.t = T0 + 130_000; // the page took 30 s to come back
  const after = Engine.restore(steps, saved, { now: clock.now });
  assert.equal(after.status().index, 1);
  assert.equal(after.status().remainingMs, 30_000, 'warm-up runs 10-160 s');
  const missed = after.tick();
  assert.ok(missed.length > 0 && missed.every((ev) => ev.late), 'cues due during reload are late');
  const got = runUntil(after, clock, 400_000, 1000);
  assert.deepEqual(got.map((ev) => label(ev)), want.map((ev) => label(ev)));
  assert.throws(() => Engine.restore(steps.slice(1), saved, { now: clock.now }),
    /does not match this session/);
});

test('skip marks a step skipped; back restarts it, or goes to the previous one early on', () => {
  const clock = clockAt();
  const steps = buildSteps(weekOneSession());
  const engine = new Engine(steps, { now: clock.now });
  engine.start();
  runUntil(engine, clock, 40_000);
  engine.skip(); // 30 s into the 150 s warm-up
  assert.equal(engine.status().index, 2);
  assert.equal(label(engine.tick()[0]), '40:step');
  runUntil(engine, clock, 45_000);
  engine.back(); // 5 s into the drill: restart it
  assert.equal(engine.status().index, 2);
  assert.equal(engine.status().remainingMs, 20_000);
  runUntil(engine, clock, 46_000);
  engine.back(); // 1 s in: back to the warm-up, from its start
  assert.equal(engine.status().index, 1);
  assert.equal(engine.status().remainingMs, 150_000);
  engine.skip();
  engine.skip();
  const log = engine.log();
  assert.deepEqual(log.skipped_steps, [1, 2]);
  // warm-up: 30 s, then 1 s more; drill: 5 s + 1 s
  assert.deepEqual(log.steps.slice(0, 3).map((s) => s.actual_seconds), [10, 30, 6]);
});

test('engine refuses to run without steps or without a clock', () => {
  assert.throws(() => new Engine([], { now: Date.now }), /No steps to play/);
  assert.throws(() => new Engine(buildSteps(weekOneSession()), {}), /needs a now\(\) clock/);
});

test('metronome beats fall on one even grid however the time window is sliced', () => {
  // 180 steps/min: one beat every 333.3 ms from the anchor
  assert.deepEqual(metronomeBeats(0, 0, 1000, 180).map(Math.round), [0, 333, 667]);
  const whole = metronomeBeats(T0, T0, T0 + 10_000, 170);
  const sliced = [];
  for (let t = T0; t < T0 + 10_000; t += 437) {
    sliced.push(...metronomeBeats(T0, t, Math.min(t + 437, T0 + 10_000), 170));
  }
  assert.equal(whole.length, 29); // 10 s x 170/60 = 28.3 -> beats 0..28
  assert.deepEqual(sliced, whole);
  assert.deepEqual(metronomeBeats(T0, T0, T0 + 1000, 0), []);
});

test('skipping the last step completes the session, and cues due before a skip are kept', () => {
  const clock = clockAt();
  const steps = buildSteps({ blocks: [backwardWalk(20)] }, { leadInSeconds: 5 });
  const engine = new Engine(steps, { now: clock.now });
  engine.start();
  engine.tick();
  clock.t = T0 + 14_500; // no tick since the start: the lead-in cues are still owed
  engine.skip();
  const events = engine.tick();
  assert.deepEqual(events.map((ev) => label(ev)), [
    '2:count:3', '3:count:2', '4:count:1', '5:step', '14:shoulder:left', '14.5:complete',
  ]);
  assert.equal(engine.status().done, true);
  assert.deepEqual(engine.tick(), [], 'complete is reported once');
  assert.deepEqual(engine.log().skipped_steps, [1]);
  assert.deepEqual(engine.log().steps.map((st) => st.actual_seconds), [5, 9.5]);
});
