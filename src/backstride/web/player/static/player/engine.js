// The player's timer and step state machine. Pure: time comes only from the injected
// clock `now()` (epoch milliseconds), never from counting ticks, so a hidden tab that
// ticks once every 30 s, or a phone that slept, still lands on the right step at the
// right second. Nothing here touches the DOM, audio or storage: the page does that.

export const STATE_VERSION = 1;
// An event more than this late (tab hidden, phone asleep) is reported with late: true so
// the page can stay quiet instead of reading out a backlog of stale cues.
export const LATE_MS = 1500;

const DEFAULTS = {
  shoulderEverySeconds: 9,
  halfwayMinSeconds: 60,
  warnSeconds: 10,
  warnMinSeconds: 20,
  treadmill: false,
};

/**
 * Cues due within one step, as offsets from the step's start. Shoulder checks stop 4 s
 * before the end so they do not talk over the 3-2-1, and are never given on a treadmill.
 * @returns {{offsetMs: number, type: string, n?: number}[]}
 */
export function stepCues(step, options = {}) {
  const o = { ...DEFAULTS, ...options };
  const ms = step.seconds * 1000;
  const cues = [{ offsetMs: 0, type: 'step' }];
  if (o.treadmill && step.phase === 'ready') cues.push({ offsetMs: 0, type: 'safety' });
  if (o.treadmill && step.phase !== 'ready' && step.speedKmh) {
    cues.push({ offsetMs: 0, type: 'speed' });
  }
  if (step.seconds >= o.halfwayMinSeconds) cues.push({ offsetMs: ms / 2, type: 'halfway' });
  if (step.seconds >= o.warnMinSeconds) {
    cues.push({ offsetMs: ms - o.warnSeconds * 1000, type: 'warn' });
  }
  // On a treadmill the path behind is the belt: turning the head only costs balance, so
  // treadmill sessions get the clip/handrail reminder and belt speeds, never shoulder checks.
  const moving = step.direction === 'backward' && step.phase !== 'rest' && !o.treadmill;
  const every = o.shoulderEverySeconds * 1000;
  if (moving && every > 0) {
    for (let t = every; t <= ms - 4000; t += every) cues.push({ offsetMs: t, type: 'shoulder' });
  }
  if (step.seconds >= 5) {
    for (const n of [3, 2, 1]) cues.push({ offsetMs: ms - n * 1000, type: 'count', n });
  }
  return cues.sort((a, b) => a.offsetMs - b.offsetMs);
}

/** The previous non-empty belt speed before step `index`, for "speed changed" cues. */
function previousSpeed(steps, index) {
  for (let i = index - 1; i >= 0; i -= 1) if (steps[i].speedKmh) return steps[i].speedKmh;
  return null;
}

export class Engine {
  /**
   * @param {object[]} steps from buildSteps
   * @param {{now: () => number, shoulderEverySeconds?: number, treadmill?: boolean}} options
   */
  constructor(steps, options) {
    if (!Array.isArray(steps) || steps.length === 0) throw new Error('No steps to play.');
    if (typeof options?.now !== 'function') throw new Error('The engine needs a now() clock.');
    this.steps = steps;
    this.now = options.now;
    this.pending = []; // events found while settling a pause/skip/back, for the next tick
    this.options = { ...DEFAULTS, ...options };
    delete this.options.now;
    this.state = {
      v: STATE_VERSION, started: false, done: false, index: 0, baseMs: 0, runningSince: null,
      emittedMs: -1, shoulderCount: 0, completeSent: false, startedAt: null, finishedAt: null,
      records: steps.map(() => ({ actualMs: 0, skipped: false, done: false })),
    };
  }

  get paused() {
    return this.state.started && !this.state.done && this.state.runningSince === null;
  }

  /** Running time spent in the current step so far, in ms. */
  elapsedMs(now = this.now()) {
    const s = this.state;
    return s.baseMs + (s.runningSince === null ? 0 : now - s.runningSince);
  }

  start() {
    if (this.state.started) return;
    const now = this.now();
    Object.assign(this.state, { started: true, runningSince: now, startedAt: now });
  }

  pause() {
    const s = this.state;
    if (!s.started || s.done || s.runningSince === null) return;
    const now = this.now();
    this.#settle(now); // steps that ended before the pause
    if (s.done) return;
    this.#bank(now);
    s.runningSince = null;
  }

  resume() {
    const s = this.state;
    if (!s.started || s.done || s.runningSince !== null) return;
    s.runningSince = this.now();
  }

  /** Leave the current step now, marked skipped; the next tick announces the new step. */
  skip() {
    const s = this.state;
    if (!s.started || s.done) return;
    const now = this.now();
    this.#settle(now);
    if (s.done) return;
    this.#bank(now);
    s.records[s.index].skipped = true;
    this.#enter(s.index + 1, now);
  }

  /** Restart the current step, or go to the previous one when within its first 3 s. */
  back() {
    const s = this.state;
    if (!s.started || s.done) return;
    const now = this.now();
    this.#settle(now);
    if (s.done) return;
    const early = this.elapsedMs(now) < 3000;
    this.#bank(now);
    const target = early ? Math.max(0, s.index - 1) : s.index;
    for (let i = target; i <= s.index; i += 1) {
      s.records[i].skipped = false;
      s.records[i].done = false;
    }
    this.#enter(target, now);
  }

  /**
   * Advance to `now` and return every cue that fell due since the last tick, in order.
   * Each event carries `at`, the clock time it was due, and `late` when it is stale.
   */
  tick(now = this.now()) {
    const s = this.state;
    const events = this.pending.splice(0);
    if (!s.started) return events;
    while (!s.done) {
      const step = this.steps[s.index];
      const elapsed = this.elapsedMs(now);
      const lengthMs = step.seconds * 1000;
      const limit = Math.min(elapsed, lengthMs - 1);
      for (const cue of stepCues(step, this.options)) {
        if (cue.offsetMs <= s.emittedMs || cue.offsetMs > limit) continue;
        if (cue.type === 'speed' && previousSpeed(this.steps, s.index) === step.speedKmh) continue;
        events.push(this.#event(cue, step, now - (elapsed - cue.offsetMs), now));
      }
      s.emittedMs = Math.max(s.emittedMs, limit);
      if (elapsed < lengthMs) break;
      // The step ended at a precise instant: the next one starts then, not at this tick.
      const endedAt = now - (elapsed - lengthMs);
      s.records[s.index].actualMs += lengthMs - s.baseMs;
      s.records[s.index].done = true;
      s.baseMs = lengthMs;
      this.#enter(s.index + 1, endedAt);
    }
    if (s.done && !s.completeSent) {
      s.completeSent = true;
      events.push({ type: 'complete', at: s.finishedAt, late: now - s.finishedAt > LATE_MS,
        index: -1 });
    }
    return events;
  }

  #settle(now) {
    this.pending.push(...this.tick(now));
  }

  /** Where the player stands, for drawing the screen. */
  status(now = this.now()) {
    const s = this.state;
    const step = s.done ? null : this.steps[s.index];
    const elapsed = s.done ? 0 : Math.min(this.elapsedMs(now), step.seconds * 1000);
    return {
      started: s.started, done: s.done, paused: this.paused, index: s.index, step,
      elapsedMs: elapsed, remainingMs: step ? step.seconds * 1000 - elapsed : 0,
    };
  }

  /** A plain object for localStorage; `restore` turns it back into an engine. */
  serialise() {
    return JSON.parse(JSON.stringify({ ...this.state, stepCount: this.steps.length }));
  }

  /** Rebuild an engine from `serialise()` output; refuses state from a different session. */
  static restore(steps, saved, options) {
    const engine = new Engine(steps, options);
    if (!saved || saved.v !== STATE_VERSION || saved.stepCount !== steps.length) {
      throw new Error('Saved player state does not match this session.');
    }
    const { stepCount, ...state } = saved;
    engine.state = { ...engine.state, ...state };
    return engine;
  }

  /** The per-step record of what was actually done, for the training log. */
  log() {
    const s = this.state;
    const steps = this.steps.map((step, i) => ({
      index: i, block: step.block, phase: step.phase, direction: step.direction,
      label: step.label, repeat: step.repeat, planned_seconds: step.seconds,
      actual_seconds: Math.round(s.records[i].actualMs / 100) / 10,
      skipped: s.records[i].skipped && !s.records[i].done,
    }));
    const moving = steps.filter((st) => st.phase !== 'ready');
    return {
      started_at: s.startedAt === null ? null : new Date(s.startedAt).toISOString(),
      finished_at: s.finishedAt === null ? null : new Date(s.finishedAt).toISOString(),
      completed: s.done,
      actual_seconds: Math.round(moving.reduce((sum, st) => sum + st.actual_seconds, 0)),
      backward_seconds: Math.round(moving.filter((st) => st.direction === 'backward')
        .reduce((sum, st) => sum + st.actual_seconds, 0)),
      skipped_steps: moving.filter((st) => st.skipped).map((st) => st.index),
      steps,
    };
  }

  #bank(now) {
    const s = this.state;
    const elapsed = this.elapsedMs(now);
    s.records[s.index].actualMs += elapsed - s.baseMs;
    s.baseMs = elapsed;
  }

  #enter(index, at) {
    const s = this.state;
    s.index = index;
    s.baseMs = 0;
    s.emittedMs = -1;
    if (s.runningSince !== null) s.runningSince = at;
    if (index >= this.steps.length) {
      Object.assign(s, { done: true, runningSince: null, index: this.steps.length - 1 });
      s.finishedAt = at;
    }
  }

  #event(cue, step, at, now) {
    const event = { type: cue.type, at, late: now - at > LATE_MS, index: step.index };
    if (cue.type === 'count') event.n = cue.n;
    if (cue.type === 'shoulder') {
      event.side = this.state.shoulderCount % 2 === 0 ? 'left' : 'right';
      this.state.shoulderCount += 1;
    }
    if (cue.type === 'speed') {
      event.speedKmh = step.speedKmh;
      event.previousKmh = previousSpeed(this.steps, step.index);
    }
    return event;
  }
}

/**
 * Metronome beat times (epoch ms) in [fromMs, toMs), on a grid anchored at `anchorMs` so
 * beats stay evenly spaced however the window is sliced.
 */
export function metronomeBeats(anchorMs, fromMs, toMs, spm) {
  if (!(spm > 0)) return [];
  const period = 60000 / spm;
  const beats = [];
  let k = Math.max(0, Math.ceil((fromMs - anchorMs) / period - 1e-9));
  for (let t = anchorMs + k * period; t < toMs; k += 1, t = anchorMs + k * period) {
    beats.push(t);
  }
  return beats;
}
