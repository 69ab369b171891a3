// Step building: node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  buildSteps,
  durationText,
  nextUpText,
  repeatText,
  totalSeconds,
} from '../../src/backstride/web/player/static/player/steps.js';
import { pageConstants, weekOneSession } from './fixtures.mjs';

const summary = (steps) => steps.map((s) => `${s.phase}:${s.direction ?? '-'}:${s.seconds}`);

test('a session becomes lead-in, warm-up, drill repeats, rests between, main, cool-down', () => {
  const steps = buildSteps(weekOneSession());
  // warm-up 150; drills 2 x (20, 30 rest, 20); main 6 x 45 with 5 x 30 rest; cool-down 120
  assert.deepEqual(summary(steps).slice(0, 8), [
    'ready:-:10', 'walk:backward:150',
    'work:backward:20', 'rest:-:30', 'work:backward:20',
    'work:backward:20', 'rest:-:30', 'work:backward:20',
  ]);
  assert.equal(steps.length, 1 + 1 + 3 + 3 + 11 + 1);
  assert.equal(steps.at(-1).label, 'Backward walk');
  assert.equal(steps.at(-1).blockKind, 'cooldown');
  // 150 + 140 + (270 + 150) + 120 = 830, the plan's own total, plus the 10 s lead-in.
  assert.equal(totalSeconds(steps), 840);
  assert.deepEqual(steps.map((s) => s.index), steps.map((_, i) => i));
});

test('a mixed block plays the forward part then the backward part of every repeat', () => {
  const session = {
    blocks: [{ kind: 'main', name: 'Forward 60 s / backward 30 s', direction: 'mixed',
      mode: 'jog', repeats: 2, seconds: 30, meters: null, forward_seconds: 60,
      rest_seconds: 15, speed_kmh: 6 }],
  };
  const steps = buildSteps(session, { leadInSeconds: 5 });
  assert.deepEqual(summary(steps), [
    'ready:-:5', 'work:forward:60', 'work:backward:30', 'rest:-:15',
    'work:forward:60', 'work:backward:30',
  ]);
  assert.deepEqual(steps.slice(1, 3).map((s) => s.label), ['Forward jog', 'Backward jog']);
  assert.deepEqual(steps.slice(1).map((s) => s.repeat), [1, 1, 1, 2, 2]);
});

test('a distance-only block is timed from its speed and marked as an estimate', () => {
  const block = { kind: 'main', name: 'Backward jog intervals', direction: 'backward',
    mode: 'jog', repeats: 1, seconds: null, meters: 30, rest_seconds: 0, speed_kmh: 5.5 };
  const [, step] = buildSteps({ blocks: [block] });
  // 30 m / (5.5 km/h / 3.6) = 19.64 s -> 20 s
  assert.equal(step.seconds, 20);
  assert.equal(step.estimated, true);
  assert.equal(durationText(step), 'about 20 s');
  // No speed: the block is timed at the server's default for its mode (sent with the page).
  const { defaultSpeedKmh } = pageConstants();
  const noSpeed = { blocks: [{ ...block, mode: 'walk', speed_kmh: null }] };
  const [, walk] = buildSteps(noSpeed, { defaultSpeedKmh });
  assert.equal(walk.seconds, Math.round(30 / (defaultSpeedKmh.walk / 3.6)));
  assert.equal(walk.estimated, true);
  const [, slow] = buildSteps(noSpeed, { defaultSpeedKmh: { ...defaultSpeedKmh, walk: 2 } });
  assert.equal(slow.seconds, 54, '30 m at 2 km/h');
});

test('a distance-only block with no speed is refused when the page sent no default', () => {
  const block = { kind: 'main', name: 'Backward walk', direction: 'backward', mode: 'walk',
    repeats: 1, seconds: null, meters: 30, rest_seconds: 0, speed_kmh: null };
  assert.throws(() => buildSteps({ blocks: [block] }),
    /block 1 \(Backward walk\) gives metres but no speed, and no default walk speed\./);
});

test('repeat and next-up texts say where the person is and what follows', () => {
  const steps = buildSteps(weekOneSession());
  assert.equal(repeatText(steps[2]), 'Repeat 1 of 2');
  assert.equal(repeatText(steps[3]), '', 'a rest is not a repeat');
  assert.equal(repeatText(steps[1]), '', 'a single block has no repeat count');
  assert.equal(nextUpText(steps, 0), 'Backward walk · 2 min 30 s');
  assert.equal(nextUpText(steps, 2), 'Rest · 30 s');
  assert.equal(nextUpText(steps, 3), 'Backward high-knee march · 20 s · repeat 2 of 2');
  assert.equal(nextUpText(steps, steps.length - 1), 'Finish');
});

test('a broken session is refused with a sentence naming the block at fault', () => {
  const good = weekOneSession().blocks[0];
  assert.throws(() => buildSteps({ blocks: [] }), /Session cannot be played: it has no blocks\./);
  assert.throws(() => buildSteps(null), /no blocks/);
  assert.throws(() => buildSteps({ blocks: [{ ...good, direction: 'sideways' }] }),
    /block 1 \(Easy backward walk\): direction must be backward, forward or mixed/);
  assert.throws(() => buildSteps({ blocks: [{ ...good, seconds: null, meters: null }] }),
    /block 1 \(Easy backward walk\) has neither seconds nor meters/);
  assert.throws(() => buildSteps({ blocks: [{ ...good, repeats: 0 }] }), /repeats must be/);
  assert.throws(() => buildSteps({ blocks: [{ ...good, seconds: -5 }] }),
    /seconds must be a number of 0 or more, got -5/);
});
