// Turn a planned session (the plan export's JSON) into the flat list of timed steps the
// player walks through. Pure: no DOM, no clock, so node's test runner can check it.
//
// Rests come only *between* repeats of a block, the same rule the plan uses for a block's
// total_seconds, so the player's total matches the plan's estimate.

const DIRECTIONS = new Set(['backward', 'forward', 'mixed']);
const MODES = new Set(['walk', 'jog', 'run', 'drill']);

export const LEAD_IN_SECONDS = 10;

/**
 * @typedef {object} Step
 * @property {number} index        position in the list
 * @property {'ready'|'work'|'walk'|'rest'} phase   decides colour and tone
 * @property {'backward'|'forward'|null} direction  null for ready and rest
 * @property {string} mode         walk, jog, run, drill or rest/ready
 * @property {string} label        what the screen and the voice call it
 * @property {number} seconds      planned duration (whole seconds)
 * @property {boolean} estimated   seconds were derived from metres and a speed
 * @property {number|null} meters
 * @property {number|null} speedKmh
 * @property {number} block        index of the block in the session (-1 for the lead-in)
 * @property {string} blockKind
 * @property {number} repeat       1-based repeat number within the block
 * @property {number} repeats
 * @property {string[]} cues       the block's technique cues, shown on screen
 */

function fail(message) {
  throw new Error(`Session cannot be played: ${message}`);
}

function positiveOrNull(value, what) {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(`${what} must be a number of 0 or more, got ${JSON.stringify(value)}.`);
  }
  return value;
}

function capitalise(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Label for a moving step: drills keep their own name, other blocks say direction + mode. */
function movingLabel(block, direction) {
  if (block.mode === 'drill') return block.name;
  return capitalise(`${direction} ${block.mode}`);
}

/**
 * Seconds of one backward part: given, or estimated from metres at the block's pace (its
 * own speed, else the server's default speed for its mode, sent with the page).
 */
function partSeconds(block, where, defaultSpeedKmh) {
  const seconds = positiveOrNull(block.seconds, `${where}: seconds`);
  const meters = positiveOrNull(block.meters, `${where}: meters`);
  const speed = positiveOrNull(block.speed_kmh, `${where}: speed_kmh`);
  if (seconds !== null && seconds > 0) return { seconds: Math.round(seconds), estimated: false };
  if (meters !== null && meters > 0) {
    const kmh = speed || defaultSpeedKmh?.[block.mode];
    if (!kmh) fail(`${where} gives metres but no speed, and no default ${block.mode} speed.`);
    return { seconds: Math.max(1, Math.round(meters / (kmh / 3.6))), estimated: true };
  }
  if (block.direction === 'mixed' && block.forward_seconds) return { seconds: 0, estimated: false };
  return fail(`${where} has neither seconds nor meters.`);
}

function checkBlock(block, where) {
  if (!block || typeof block !== 'object') fail(`${where} is not an object.`);
  if (!DIRECTIONS.has(block.direction)) {
    fail(`${where}: direction must be backward, forward or mixed, got "${block.direction}".`);
  }
  if (!MODES.has(block.mode)) {
    fail(`${where}: mode must be walk, jog, run or drill, got "${block.mode}".`);
  }
  if (!Number.isInteger(block.repeats) || block.repeats < 1) {
    fail(`${where}: repeats must be a whole number of 1 or more, got ${block.repeats}.`);
  }
}

/**
 * Build the steps of a session, starting with a short get-ready lead-in.
 * @param {object} session the plan export's session object
 * @param {{leadInSeconds?: number, defaultSpeedKmh?: Record<string, number>}} [options]
 *   defaultSpeedKmh: the page's constants (readConstants), for blocks given only in metres
 * @returns {Step[]}
 */
export function buildSteps(session, options = {}) {
  const leadIn = Math.max(1, Math.round(options.leadInSeconds ?? LEAD_IN_SECONDS));
  if (!session || !Array.isArray(session.blocks) || session.blocks.length === 0) {
    fail('it has no blocks.');
  }
  const steps = [];
  const push = (step) => steps.push({ index: steps.length, cues: [], ...step });
  push({
    phase: 'ready', direction: null, mode: 'ready', label: 'Get ready', seconds: leadIn,
    estimated: false, meters: null, speedKmh: null, block: -1, blockKind: 'ready',
    repeat: 1, repeats: 1,
  });
  session.blocks.forEach((block, b) => {
    const where = `block ${b + 1} (${block?.name ?? 'unnamed'})`;
    checkBlock(block, where);
    const part = partSeconds(block, where, options.defaultSpeedKmh);
    const rest = Math.round(positiveOrNull(block.rest_seconds, `${where}: rest_seconds`) ?? 0);
    const forwardSeconds = positiveOrNull(block.forward_seconds, `${where}: forward_seconds`);
    const forward = Math.round(forwardSeconds ?? 0);
    const common = {
      block: b, blockKind: block.kind, repeats: block.repeats, mode: block.mode,
      speedKmh: block.speed_kmh ?? null, cues: Array.isArray(block.cues) ? block.cues : [],
    };
    const phase = block.mode === 'walk' ? 'walk' : 'work';
    for (let r = 1; r <= block.repeats; r += 1) {
      if (block.direction === 'mixed' && forward > 0) {
        push({
          ...common, phase, direction: 'forward', label: movingLabel(block, 'forward'),
          seconds: forward, estimated: false, meters: null, repeat: r,
        });
      }
      const direction = block.direction === 'forward' ? 'forward' : 'backward';
      if (part.seconds > 0) {
        push({
          ...common, phase, direction, label: movingLabel(block, direction),
          seconds: part.seconds, estimated: part.estimated, meters: block.meters ?? null,
          repeat: r,
        });
      }
      if (r < block.repeats && rest > 0) {
        push({
          ...common, phase: 'rest', direction: null, mode: 'rest', label: 'Rest',
          seconds: rest, estimated: false, meters: null, speedKmh: null, repeat: r, cues: [],
        });
      }
    }
  });
  return steps;
}

/** Total planned seconds of the steps, lead-in included. */
export function totalSeconds(steps) {
  return steps.reduce((sum, step) => sum + step.seconds, 0);
}

/** "Repeat 2 of 6", or an empty string for rests and blocks with a single repeat. */
export function repeatText(step) {
  if (!step || step.repeats <= 1 || step.phase === 'rest') return '';
  return `Repeat ${step.repeat} of ${step.repeats}`;
}

/** Short duration for screens and speech: "45 s", "2 min 30 s", "about 20 s". */
export function durationText(step) {
  const s = step.seconds;
  const base = s < 60 ? `${s} s` : `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return step.estimated ? `about ${base}` : base;
}

/** One line saying what comes after step `index`, or "Finish" after the last. */
export function nextUpText(steps, index) {
  const next = steps[index + 1];
  if (!next) return 'Finish';
  const repeat = repeatText(next);
  return [next.label, durationText(next), repeat ? repeat.toLowerCase() : '']
    .filter(Boolean)
    .join(' · ');
}
