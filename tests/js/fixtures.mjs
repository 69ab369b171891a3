// Sessions shaped like the plan export (`backstride plan --format json`).

import { readFileSync } from 'node:fs';

import { readConstants } from '../../src/backstride/web/player/static/player/constants.js';

// The player's dev harness plays the same file, so the sample is kept in one place.
const SAMPLE = new URL(
  '../../src/backstride/web/player/static/player/sample-session.json', import.meta.url,
);
const WEEK_ONE = JSON.parse(readFileSync(SAMPLE, 'utf8'));

// What the play page renders from the server (web/player/constants.py); the dev harness
// reads the same file, and tests/player/test_log_api.py keeps it equal to the server's.
const CONSTANTS = new URL(
  '../../src/backstride/web/player/static/player/sample-constants.json', import.meta.url,
);
const PAGE_CONSTANTS = JSON.parse(readFileSync(CONSTANTS, 'utf8'));

/** The page's constants JSON as the server renders it (raw, before readConstants). */
export function pageConstantsJson() {
  return structuredClone(PAGE_CONSTANTS);
}

/** The page's constants as the player uses them. */
export function pageConstants() {
  return readConstants(pageConstantsJson());
}

/** Week 1 of a runner plan, as the CLI exported it on 2026-11-27. */
export function weekOneSession() {
  return structuredClone(WEEK_ONE);
}

/** One-minute repeats (23 s forward, 37 s backward), `minutes` of them: for timing checks. */
export function longSession(minutes) {
  return {
    uid: 'long', title: 'Long', environment: 'track', safety_checklist: [],
    blocks: [
      { kind: 'main', name: 'Intervals', direction: 'mixed', mode: 'jog', repeats: minutes,
        seconds: 37, meters: null, forward_seconds: 23, rest_seconds: 0, speed_kmh: 6 },
    ],
  };
}
