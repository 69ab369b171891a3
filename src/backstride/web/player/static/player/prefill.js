// From what the engine measured to the log the server stores. Pure: no DOM, no storage,
// so node's test runner checks the numbers. The end-of-session form starts from
// `prefillLog` (so the person only taps effort and pain) and `logPayload` builds the body
// for POST /api/logs: the API's own fields plus the player's raw per-step record.
// The pain sites and the log's limits are the server's (`constants`, see constants.js),
// the same the web log form uses, so both ask alike. The queue the log waits in on the
// phone (and its sending rules) is shared with the log book's form: backstride/outbox.js.

const isMoving = (step) => step.phase !== 'ready' && step.phase !== 'rest';

/** "4:05" or "45 s": short enough for a table row on a phone. */
export function shortTime(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * What the form shows before the person touches it.
 *
 * Completion is actual over planned *backward* seconds, because backward time is the
 * load the adaptation model reasons about; a session with no backward part (rare: a
 * forward-only block list) falls back to all moving time. It is capped at 100 %: going
 * back to redo a step should not read as over-training.
 * @param {object} log Engine.log()
 */
export function prefillLog(log) {
  const moving = log.steps.filter(isMoving);
  const backward = moving.filter((s) => s.direction === 'backward');
  const basis = backward.length > 0 ? backward : moving;
  const planned = basis.reduce((sum, s) => sum + s.planned_seconds, 0);
  const done = basis.reduce((sum, s) => sum + s.actual_seconds, 0);
  const fraction = planned > 0 ? Math.min(1, done / planned) : 0;
  const skipped = moving.filter((s) => s.skipped);
  const rows = log.steps.filter((s) => s.phase !== 'ready').map((s) => ({
    label: s.label,
    planned: shortTime(s.planned_seconds),
    actual: s.skipped ? `${shortTime(s.actual_seconds)}, skipped` : shortTime(s.actual_seconds),
    short: s.actual_seconds < s.planned_seconds,
  }));
  return {
    percent: Math.round(fraction * 100),
    minutes: Math.round((log.actual_seconds / 60) * 10) / 10,
    backwardSeconds: log.backward_seconds,
    plannedBackwardSeconds: planned,
    skippedCount: skipped.length,
    rows,
  };
}

/**
 * Check the person's answers; returns a sentence for the first problem, or null.
 * @param {{percent: number, minutes: number, rpe: number|null, pain: object}} answers
 * @param {{painSites: [string, string][], maxMinutes: number}} constants readConstants()
 */
export function answersProblem(answers, constants) {
  const whole = (v, lo, hi) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!whole(answers.rpe, 0, 10)) return 'Tap how hard it felt, from 0 to 10.';
  if (!whole(answers.percent, 0, 100)) return 'How much you did must be 0 to 100 %.';
  const { maxMinutes } = constants;
  if (!(Number.isFinite(answers.minutes) && answers.minutes >= 0 && answers.minutes <= maxMinutes)) {
    return `Minutes must be a number from 0 to ${maxMinutes}.`;
  }
  for (const [site, label] of constants.painSites) {
    if (!whole(answers.pain?.[site] ?? 0, 0, 10)) return `${label} pain must be 0 to 10.`;
  }
  const before = answers.pre_session_pain;
  if (before !== null && before !== undefined && !whole(before, 0, 10)) {
    return 'Pain before the session must be 0 to 10.';
  }
  return null;
}

/**
 * The body for POST /api/logs. No `date`: the server takes the day from `finished_at` in
 * its own time zone, so a phone clock a few hours off cannot log a day "in the future".
 * @param {object} log Engine.log()
 * @param {{percent, minutes, rpe, pain, sharp_pain, near_fall, fall, notes}} answers
 * @param {{uid: string, date?: string|null}} session
 * @param {{painSites: [string, string][], maxMinutes: number, maxNotes: number}} constants
 * @param {string} key the log's idempotency key (clientKey())
 */
export function logPayload(log, answers, session, constants, key) {
  const problem = answersProblem(answers, constants);
  if (problem) throw new Error(problem);
  const pain = {};
  for (const [site] of constants.painSites) {
    const value = answers.pain?.[site] ?? 0;
    if (value > 0) pain[site] = value;
  }
  const body = {
    session_uid: session.uid,
    session_date: session.date ?? null,
    ...log,
    completed_fraction: answers.percent / 100,
    minutes: answers.minutes,
    rpe: answers.rpe,
    pain,
    sharp_pain: Boolean(answers.sharp_pain),
    near_fall: Boolean(answers.near_fall),
    fall: Boolean(answers.fall),
    notes: (answers.notes ?? '').slice(0, constants.maxNotes),
    // Made once, when the log is saved (clientKey in backstride/outbox.js), and kept in the
    // queue with it: every retry sends the same key, so the server answers the first entry
    // instead of storing a second.
    client_key: key,
  };
  // Not answered stays out of the body (the server keeps it as unknown, never as 0).
  if (answers.pre_session_pain !== null && answers.pre_session_pain !== undefined) {
    body.pre_session_pain = answers.pre_session_pain;
  }
  if (answers.swelling) body.swelling = true;
  return body;
}
