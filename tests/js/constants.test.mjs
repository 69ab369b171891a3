// The constants the play page renders from the server: read once, refused when broken.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { readConstants } from '../../src/backstride/web/player/static/player/constants.js';
import { pageConstantsJson } from './fixtures.mjs';

test("the page's JSON becomes the player's speeds, pain sites and log limits", () => {
  const raw = pageConstantsJson();
  const constants = readConstants(raw);
  assert.deepEqual(constants.defaultSpeedKmh, raw.default_speed_kmh);
  assert.deepEqual(constants.painSites, raw.pain_sites);
  assert.equal(constants.maxMinutes, raw.max_minutes);
  assert.equal(constants.maxNotes, raw.max_notes);
  assert.deepEqual(constants.shortUnit, raw.short_unit);
});

test('the short unit for spoken distances falls back to metres when the page has none', () => {
  const raw = pageConstantsJson();
  delete raw.short_unit;
  assert.deepEqual(readConstants(raw).shortUnit, { meters: 1, words: 'metres' });
  const yards = { ...pageConstantsJson(), short_unit: { meters: 0.9144, words: 'yards' } };
  assert.deepEqual(readConstants(yards).shortUnit, { meters: 0.9144, words: 'yards' });
});

test('a page with missing or broken constants is refused with a sentence', () => {
  const raw = pageConstantsJson();
  assert.throws(() => readConstants(null), /the page is missing its default speeds; reload it\./);
  assert.throws(() => readConstants({ ...raw, default_speed_kmh: { walk: 3.6 } }),
    /default speeds/);
  assert.throws(() => readConstants({ ...raw, default_speed_kmh: {
    ...raw.default_speed_kmh, run: -1 } }), /default speeds/);
  assert.throws(() => readConstants({ ...raw, pain_sites: [] }), /list of pain sites/);
  assert.throws(() => readConstants({ ...raw, pain_sites: [['knee']] }), /list of pain sites/);
  assert.throws(() => readConstants({ ...raw, max_minutes: 0 }), /limits of a log/);
  assert.throws(() => readConstants({ ...raw, max_notes: 2.5 }), /limits of a log/);
});
