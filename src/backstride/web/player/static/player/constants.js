// What the server owns and the player shows: the pace a block without a speed is timed
// at, the body sites the log form asks about, and the log's limits. The play page renders
// them as JSON (web/player/constants.py) from the same constants the plan pages and the
// web log form use, so there is no second copy here. Pure: the page passes the JSON in.

const MODES = ['walk', 'jog', 'run', 'drill'];

function missing(what) {
  throw new Error(`the page is missing ${what}; reload it.`);
}

const positive = (value) => typeof value === 'number' && Number.isFinite(value) && value > 0;

/**
 * Check and rename the page's constants JSON.
 * @param {object} raw {default_speed_kmh: {walk, jog, run, drill}, pain_sites: [[site, label]],
 *   max_minutes, max_notes, short_unit?: {meters, words}}
 * @returns {{defaultSpeedKmh: Record<string, number>, painSites: [string, string][],
 *   maxMinutes: number, maxNotes: number, shortUnit: {meters: number, words: string}}}
 *   (``short_unit`` is the person's unit for short distances; metres when absent)
 */
export function readConstants(raw) {
  const speeds = raw?.default_speed_kmh;
  if (!speeds || !MODES.every((mode) => positive(speeds[mode]))) {
    missing('its default speeds');
  }
  const sites = raw.pain_sites;
  const pair = (p) => Array.isArray(p) && p.length === 2 && p.every((s) => typeof s === 'string' && s);
  if (!Array.isArray(sites) || sites.length === 0 || !sites.every(pair)) {
    missing('its list of pain sites');
  }
  if (!positive(raw.max_minutes) || !Number.isInteger(raw.max_notes) || raw.max_notes < 1) {
    missing('the limits of a log');
  }
  const short = raw.short_unit;
  const shortUnit = short && positive(short.meters) && typeof short.words === 'string' && short.words
    ? { meters: short.meters, words: short.words }
    : { meters: 1, words: 'metres' };
  return {
    shortUnit,
    defaultSpeedKmh: { ...speeds },
    painSites: sites.map(([site, label]) => [site, label]),
    maxMinutes: raw.max_minutes,
    maxNotes: raw.max_notes,
  };
}
