// Cue words, cue levels and the speech fallback: node --test tests/js/
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { Audio } from '../../src/backstride/web/player/static/player/audio.js';
import {
  beltText,
  cueLevelText,
  cueText,
  heardLevel,
  levelName,
  planCues,
  speedText,
  spokenDistance,
  spokenDuration,
} from '../../src/backstride/web/player/static/player/cues.js';
import { Engine } from '../../src/backstride/web/player/static/player/engine.js';
import { buildSteps } from '../../src/backstride/web/player/static/player/steps.js';
import { weekOneSession } from './fixtures.mjs';

const T0 = 1_780_000_000_000;

test('step announcements say what, how long and which repeat, in a few words', () => {
  const steps = buildSteps(weekOneSession());
  const say = (index) => cueText({ type: 'step', index }, steps);
  assert.equal(say(0), 'Get ready. First: backward walk.');
  assert.equal(say(1), 'Backward walk, 2 minutes 30.');
  assert.equal(say(2), 'Backward high-knee march, 20 seconds. Repeat 1 of 2.');
  assert.equal(say(3), 'Rest, 30 seconds. Then backward high-knee march.');
  assert.equal(say(steps.length - 1), 'Backward walk, 2 minutes.');
  assert.equal(cueText({ type: 'shoulder', side: 'right', index: 1 }, steps),
    'Look over your right shoulder.');
  assert.equal(cueText({ type: 'speed', speedKmh: 4.5, index: 1 }, steps),
    'Belt to 4.5 km/h, 2.8 mph.');
  assert.equal(cueText({ type: 'count', n: 2, index: 1 }, steps), '2');
});

test('belt speeds are said and shown in km/h and mph, one decimal each', () => {
  // 1.6 / 1.609344 = 0.994 -> 1.0; 1.2 -> 0.746 -> 0.7; 4 -> 2.485 -> 2.5
  assert.equal(speedText(1.6), '1.6 km/h, 1.0 mph');
  assert.equal(speedText(1.2), '1.2 km/h, 0.7 mph');
  assert.equal(speedText(4), '4.0 km/h, 2.5 mph');
  assert.equal(cueText({ type: 'speed', speedKmh: 1.6, index: 1 }, []),
    'Belt to 1.6 km/h, 1.0 mph.');
});

test('the step screen shows the belt target only while a treadmill step runs', () => {
  const session = { environment: 'treadmill', blocks: [{ kind: 'main', name: 'Walk',
    direction: 'backward', mode: 'walk', repeats: 2, seconds: 30, meters: null,
    rest_seconds: 30, speed_kmh: 1.6 }] };
  const [ready, walk, rest] = buildSteps(session);
  assert.equal(beltText(walk, true), 'Belt 1.6 km/h, 1.0 mph');
  assert.equal(beltText(walk, false), '', 'not on a track or flat ground');
  assert.equal(beltText(ready, true), '', 'nothing during the lead-in');
  assert.equal(beltText(rest, true), '', 'nothing during a rest');
  assert.equal(beltText({ ...walk, speedKmh: null }, true), '', 'nothing without a speed');
});

test('a distance-only step is announced with its metres and an approximate time', () => {
  const steps = buildSteps({ blocks: [{ kind: 'main', name: 'Jog', direction: 'backward',
    mode: 'jog', repeats: 5, seconds: null, meters: 30, rest_seconds: 60, speed_kmh: 5.5 }] });
  assert.equal(cueText({ type: 'step', index: 1 }, steps),
    'Backward jog, 30 metres, about 20 seconds. Repeat 1 of 5.');
  // In yards when the person chose yards (the factor comes from the server's constants).
  assert.equal(cueText({ type: 'step', index: 1 }, steps, { meters: 0.9144, words: 'yards' }),
    'Backward jog, 33 yards, about 20 seconds. Repeat 1 of 5.');
  assert.equal(spokenDistance(400, { meters: 0.9144, words: 'yards' }), '437 yards');
  assert.equal(spokenDuration({ seconds: 61, estimated: false }), '1 minute 1');
  assert.equal(spokenDuration({ seconds: 60, estimated: false }), '1 minute');
});

test('cue levels: full speaks and sounds, tones-only never speaks, off is silent', () => {
  const steps = buildSteps(weekOneSession());
  const events = [{ type: 'step', index: 2, late: false }, { type: 'shoulder', side: 'left',
    index: 2, late: false }, { type: 'count', n: 3, index: 2, late: false }];
  const full = planCues(events, steps, 'full');
  assert.deepEqual(full.map((c) => [c.say, c.tone]), [
    ['Backward high-knee march, 20 seconds. Repeat 1 of 2.', 'work'],
    ['Look over your left shoulder.', 'left'],
    ['3', 'tick'],
  ]);
  assert.deepEqual(planCues(events, steps, 'tones').map((c) => [c.say, c.tone]), [
    [null, 'work'], [null, 'left'], [null, 'tick'],
  ]);
  assert.deepEqual(planCues(events, steps, 'off'), []);
  const tones = new Set(['walk', 'work', 'rest'].map((phase) =>
    planCues([{ type: 'step', index: steps.findIndex((s) => s.phase === phase) }], steps)[0].tone));
  assert.equal(tones.size, 3, 'walk, work and rest each have their own tone');
});

test('after a long gap only the newest step start is voiced, not the backlog', () => {
  const clock = { t: T0 };
  const steps = buildSteps(weekOneSession());
  const engine = new Engine(steps, { now: () => clock.t });
  engine.start();
  engine.tick();
  clock.t = T0 + 175_000; // tab hidden from 0 s to 175 s: warm-up ended at 160 s
  const events = engine.tick();
  assert.ok(events.length > 20);
  const heard = planCues(events, steps).map((c) => c.say);
  assert.deepEqual(heard, ['Backward high-knee march, 20 seconds. Repeat 1 of 2.']);
});

test('skipping or going back while paused keeps the player paused', () => {
  const clock = { t: T0 };
  const engine = new Engine(buildSteps(weekOneSession()), { now: () => clock.t });
  engine.start();
  clock.t += 12_000;
  engine.pause();
  engine.skip();
  clock.t += 60_000;
  assert.equal(engine.status().index, 2);
  assert.equal(engine.status().remainingMs, 20_000);
  engine.back();
  assert.equal(engine.paused, true);
  assert.equal(engine.status().index, 1);
});

/** A browser stand-in with speech but no voices, as in headless Chromium. */
function voicelessBrowser() {
  const played = [];
  const spoken = [];
  class FakeContext {
    constructor() {
      this.state = 'running';
      this.currentTime = 0;
      this.destination = {};
    }
    createOscillator() {
      return { frequency: {}, connect: (g) => g, start: () => {}, stop: () => {},
        set onended(_) {} };
    }
    createGain() {
      const param = { setValueAtTime: () => {}, exponentialRampToValueAtTime: () => {} };
      return { gain: param, connect: () => played.push('beep') };
    }
  }
  return {
    played, spoken,
    env: {
      AudioContext: FakeContext,
      SpeechSynthesisUtterance: class { constructor(text) { this.text = text; } },
      speechSynthesis: { getVoices: () => [], speak: (u) => spoken.push(u.text) },
      navigator: {},
    },
  };
}

test('with no voice available the cue falls back to its tone instead of going silent', () => {
  const browser = voicelessBrowser();
  const audio = new Audio(browser.env);
  audio.unlock();
  audio.say('Look over your left shoulder.', 'left');
  assert.deepEqual(browser.spoken, []);
  assert.equal(browser.played.length, 2, 'the two-beep shoulder tone');
  browser.env.speechSynthesis.getVoices = () => [{ lang: 'en-GB' }];
  audio.say('Halfway.', 'tick');
  assert.deepEqual(browser.spoken, ['Halfway.']);
});

test('with no voice on the device the player says tones only, never voice and tones', () => {
  assert.equal(cueLevelText('full', true), 'Cues: voice and tones');
  assert.equal(cueLevelText('full', false), 'Cues: tones only (this device has no voice for speech)');
  assert.equal(cueLevelText('tones', false), 'Cues: tones only');
  assert.equal(cueLevelText('off', true), 'Cues: silent');
  assert.equal(heardLevel('full', false), 'tones');
  assert.equal(heardLevel('full', true), 'full');
  assert.match(levelName('full', false), /tones only/);
  assert.equal(levelName('full', true), 'Voice and tones');
});
