// The player page: draws the engine's state, turns its events into sound, keeps state in
// localStorage so a reload resumes, and at the end opens the log form prefilled with what
// was done; the saved log is queued on the phone and sent (again when back online). All
// timing decisions live in engine.js and the log numbers in prefill.js; this file wires.

import { Audio } from './audio.js';
import { readConstants } from './constants.js';
import { beltText, cueLevelText, levelName, LEVELS, planCues } from './cues.js';
import { Engine, metronomeBeats } from './engine.js';
import {
  clientKey, enqueue, outboxKey, ownItems, readJson, refusalText, sendQueued,
} from '../backstride/outbox.js';
import { logForm } from './logform.js';
import { logPayload, prefillLog } from './prefill.js';
import { buildSteps, durationText, nextUpText, repeatText, totalSeconds } from './steps.js';
import { button, clockText, h, overview, settingsDialog, summaryTiles } from './ui.js';

export const SETTINGS_KEY = 'backstride.player.settings';
export const stateKey = (uid) => `backstride.player.state.${uid}`;
// What became of the newest saved log of a session: {run, status: 'sent'|'refused', ...}.
export const resultKey = (uid) => `backstride.player.result.${uid}`;
const DEFAULT_SETTINGS = { level: 'full', shoulderEverySeconds: 9, metronome: false, spm: 160 };
const PHASE_NAMES = { ready: 'Get ready', rest: 'Rest' };

/** One run of a session: a session played twice is logged twice. */
const runId = (payload) => `${payload.session_uid}@${payload.started_at}`;

export class Player {
  constructor(root, { session, constants, logUrl, userId, links = {}, storage = localStorage,
    now = Date.now, audio } = {}) {
    this.root = root;
    this.session = session;
    this.constants = readConstants(constants); // the server's speeds, pain sites, limits
    this.logUrl = logUrl;
    this.userId = String(userId ?? '');
    this.outboxKey = outboxKey(userId); // refuses a page without a signed-in user
    this.treadmill = session?.environment === 'treadmill';
    this.links = links; // exitUrl, manualLogUrl, entryUrl (with 999999999 for the id)
    this.storage = storage;
    this.now = now;
    this.audio = audio ?? new Audio(window);
    this.steps = buildSteps(session, { defaultSpeedKmh: this.constants.defaultSpeedKmh });
    this.settings = { ...DEFAULT_SETTINGS, ...readJson(storage, SETTINGS_KEY, {}) };
    this.engine = this.#loadEngine();
    this.lastBeat = 0;
    this.timer = null;
    this.#build();
    window.addEventListener('online', () => this.flush());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') this.tick();
      if (this.engine.state.started && !this.engine.state.done) this.audio.keepAwake(true);
    });
    document.addEventListener('keydown', (event) => this.#onKey(event));
    window.speechSynthesis?.addEventListener?.('voiceschanged', () => this.#showCueLevel());
    this.#showCueLevel();
    this.flush();
    if (this.engine.state.started) this.#run();
    this.render();
  }

  #engineOptions() {
    return {
      now: this.now,
      treadmill: this.treadmill,
      shoulderEverySeconds: Number(this.settings.shoulderEverySeconds),
    };
  }

  #loadEngine() {
    const saved = readJson(this.storage, stateKey(this.session.uid), null);
    if (saved) {
      try {
        return Engine.restore(this.steps, saved, this.#engineOptions());
      } catch {
        this.storage.removeItem(stateKey(this.session.uid));
      }
    }
    return new Engine(this.steps, this.#engineOptions());
  }

  #build() {
    const e = (this.el = {});
    const minutes = Math.round(totalSeconds(this.steps) / 60);
    e.intro = h('section', { class: 'intro' },
      h('h1', {}, this.session.title ?? 'Session'),
      h('p', { class: 'total' }, `About ${minutes} minutes · ${this.steps.length - 1} steps`),
      this.session.supervised
        ? h('p', { class: 'supervised', 'data-testid': 'supervised' },
          'Only with your helper or professional present, every session.')
        : null,
      overview(this.session, this.steps),
      h('h2', {}, 'Before you start'),
      h('ul', { class: 'checklist' },
        (this.session.safety_checklist ?? []).map((t) => h('li', {}, t))),
      (e.cueLevel = h('p', { class: 'cue-level' })),
      button('Start', 'start', () => this.start()));
    e.phase = h('p', { class: 'phase' });
    e.count = h('p', { class: 'count', 'aria-live': 'off' });
    e.repeat = h('p', { class: 'repeat' });
    e.flash = h('p', { class: 'flash', 'aria-live': 'assertive' });
    e.speed = h('p', { class: 'speed' });
    e.tip = h('p', { class: 'tip' });
    e.hint = h('p', { class: 'hint' });
    e.stage = h('button', { type: 'button', class: 'stage', 'aria-label': 'Pause or resume',
      on: { click: () => this.toggle() } }, e.phase, e.count, e.repeat, e.speed, e.flash, e.tip,
      e.hint);
    e.next = h('p', { class: 'next' });
    e.bar = h('div', { class: 'bar' }, h('span'));
    e.run = h('section', { class: 'run' }, e.stage, e.next,
      h('div', { class: 'controls' }, button('◀ Back', 'back', () => this.back()),
        button('Skip ▶', 'skip', () => this.skip())), e.bar);
    e.summary = h('div', { class: 'summary' });
    e.form = h('div', { class: 'log-slot' });
    e.saved = h('p', { class: 'saved', role: 'status' });
    e.after = h('p', { class: 'after' });
    e.again = button('Play again', 'again', () => this.reset());
    e.done = h('section', { class: 'done' }, h('h1', {}, 'Session complete'), e.summary, e.form,
      e.saved, e.after, e.again);
    e.dialog = settingsDialog(this.settings, (settings) => this.#saveSettings(settings),
      Boolean(this.audio.canSpeak?.()));
    // The visible word is the button's whole name (a different aria-label fails WCAG 2.5.3).
    const gear = button('Cues', 'gear', () => e.dialog.showModal());
    gear.setAttribute('aria-haspopup', 'dialog');
    const exit = this.links.exitUrl
      ? h('a', { class: 'exit', href: this.links.exitUrl }, '✕ Exit') : null;
    this.root.replaceChildren(h('header', {}, h('span', { class: 'brand' }, 'Backstride'),
      h('span', { class: 'header-actions' }, gear, exit)), e.intro, e.run, e.done, e.dialog);
  }

  /** Say which cues will play; voices may arrive after the page (Chrome's voiceschanged). */
  #showCueLevel() {
    const canSpeak = Boolean(this.audio.canSpeak?.());
    this.el.cueLevel.textContent = cueLevelText(this.settings.level, canSpeak);
    const options = this.el.dialog.querySelectorAll('option');
    options.forEach((option, i) => (option.textContent = levelName(LEVELS[i], canSpeak)));
  }

  /** Space pauses and resumes wherever focus is, except in a control that uses Space. */
  #onKey(event) {
    if (event.key !== ' ' || event.repeat) return;
    const view = this.root.dataset.view;
    if (view !== 'run') return;
    const tag = event.target?.tagName;
    if (['BUTTON', 'INPUT', 'SELECT', 'TEXTAREA', 'A', 'SUMMARY'].includes(tag)) return;
    event.preventDefault();
    this.toggle();
  }

  #saveSettings(settings) {
    this.settings = settings;
    this.#showCueLevel();
    this.storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
    this.engine.options.shoulderEverySeconds = settings.shoulderEverySeconds;
  }

  start() {
    this.audio.unlock();
    this.engine.start();
    this.#run();
    this.tick();
    // The Start button is gone now; keep keyboard focus on the big pause/resume button.
    this.el.stage.focus();
  }

  toggle() {
    if (!this.audio.ctx) this.audio.unlock();
    if (this.engine.paused) this.engine.resume();
    else this.engine.pause();
    this.audio.keepAwake(!this.engine.paused);
    this.tick();
  }

  skip() {
    this.audio.hush();
    this.engine.skip();
    this.tick();
  }

  back() {
    this.audio.hush();
    this.engine.back();
    this.tick();
  }

  reset() {
    this.storage.removeItem(stateKey(this.session.uid));
    this.engine = new Engine(this.steps, this.#engineOptions());
    this.render();
  }

  #run() {
    this.audio.keepAwake(true);
    clearInterval(this.timer);
    this.timer = setInterval(() => this.tick(), 200);
  }

  /** One heartbeat: collect due events, voice them, schedule clicks, save, redraw. */
  tick() {
    const now = this.now();
    const events = this.engine.tick(now);
    for (const cue of planCues(events, this.steps, this.settings.level, this.constants.shortUnit)) this.audio.play(cue);
    const shoulder = events.findLast((ev) => ev.type === 'shoulder' && !ev.late);
    if (shoulder) {
      this.#flash(shoulder.side === 'left' ? '◀ Left shoulder' : 'Right shoulder ▶');
    }
    this.#metronome(now);
    this.storage.setItem(stateKey(this.session.uid), JSON.stringify(this.engine.serialise()));
    if (events.some((ev) => ev.type === 'complete')) this.#finish();
    this.render(now);
  }

  #flash(text) {
    this.el.flash.textContent = text;
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => (this.el.flash.textContent = ''), 2500);
  }

  #metronome(now) {
    const st = this.engine.status(now);
    const moving = st.step && (st.step.phase === 'work' || st.step.phase === 'walk');
    if (!this.settings.metronome || !moving || st.paused || st.done) return;
    const anchor = now - st.elapsedMs;
    const end = Math.min(now + 600, now + st.remainingMs);
    for (const beat of metronomeBeats(anchor, Math.max(now, this.lastBeat + 1), end,
      Number(this.settings.spm))) {
      this.audio.click(beat, now);
      this.lastBeat = beat;
    }
  }

  #finish() {
    clearInterval(this.timer);
    this.audio.keepAwake(false);
  }

  /** The form's answers plus what the engine measured, queued first, then sent. */
  saveLog(answers) {
    const payload = logPayload(this.engine.log(), answers, this.session, this.constants,
      clientKey());
    enqueue(this.storage, this.userId, { url: this.logUrl, payload });
    this.render();
    return this.flush();
  }

  /**
   * Send queued logs (backstride/outbox.js): sent ones leave the queue; one the server
   * refuses as wrong leaves it too (retrying cannot fix it) with its reason kept for the
   * screen; anything else (offline, signed out, server trouble) stays for the next
   * `online` event or page load.
   */
  async flush() {
    await sendQueued(this.storage, this.userId, (item, verdict, body) => {
      if (!item.form) this.#remember(item.payload, verdict, body);
    });
    this.render();
  }

  #remember(payload, verdict, body) {
    const result = verdict === 'sent'
      ? { run: runId(payload), status: 'sent', id: body?.log?.id ?? null }
      : { run: runId(payload), status: 'refused', detail: refusalText(body) };
    this.storage.setItem(resultKey(payload.session_uid), JSON.stringify(result));
  }

  /** Where this run's log stands: 'unsaved', 'queued', 'sent' or 'refused' (+ details). */
  logState() {
    const run = runId({ session_uid: this.session.uid, started_at: this.engine.log().started_at });
    const outbox = ownItems(readJson(this.storage, this.outboxKey, []), this.userId);
    if (outbox.some((item) => item.payload && runId(item.payload) === run)) {
      return { status: 'queued' };
    }
    const result = readJson(this.storage, resultKey(this.session.uid), null);
    return result?.run === run ? result : { status: 'unsaved' };
  }

  #renderDone() {
    const e = this.el;
    const log = this.engine.log();
    e.summary.replaceChildren(...summaryTiles(log));
    const state = this.logState();
    const run = log.started_at;
    if (state.status === 'unsaved' && this.formRun !== run) {
      this.formRun = run; // built once per run, so taps survive redraws
      e.form.replaceChildren(
        logForm(prefillLog(log), this.constants, (answers) => this.saveLog(answers)));
    }
    e.form.hidden = state.status !== 'unsaved';
    e.saved.hidden = state.status === 'unsaved';
    e.again.hidden = state.status === 'unsaved'; // a stray tap must not wipe an unsaved run
    e.saved.textContent = {
      queued: 'Kept on this phone; it will be sent when you are online.',
      sent: 'Saved to your log.',
      refused: `The log was not accepted: ${state.detail}`,
    }[state.status] ?? '';
    e.saved.dataset.status = state.status;
    const { entryUrl, manualLogUrl } = this.links;
    let link = null;
    if (state.status === 'sent' && state.id && entryUrl) {
      link = h('a', { href: entryUrl.replace('999999999', String(state.id)) },
        'See what it changes next');
    } else if (state.status === 'refused' && manualLogUrl) {
      link = h('a', { href: manualLogUrl }, 'Log it with the form instead');
    }
    e.after.replaceChildren(...(link ? [link] : []));
  }

  render(now = this.now()) {
    const e = this.el;
    const st = this.engine.status(now);
    const view = !st.started ? 'intro' : st.done ? 'done' : 'run';
    this.root.dataset.view = view;
    e.intro.hidden = view !== 'intro';
    e.run.hidden = view !== 'run';
    e.done.hidden = view !== 'done';
    if (view === 'run') {
      const step = st.step;
      this.root.dataset.phase = step.phase;
      this.root.dataset.direction = step.direction ?? 'none';
      this.root.dataset.paused = st.paused ? 'yes' : 'no';
      e.phase.textContent = PHASE_NAMES[step.phase] ?? step.label;
      e.count.textContent = clockText(st.remainingMs);
      e.count.classList.toggle('long', e.count.textContent.length > 4);
      e.repeat.textContent = [repeatText(step), step.estimated ? durationText(step) : '']
        .filter(Boolean).join(' · ');
      e.speed.textContent = beltText(step, this.treadmill);
      e.speed.hidden = e.speed.textContent === '';
      e.tip.textContent = step.cues[0] ?? '';
      e.hint.textContent = st.paused ? 'Paused · tap to go on' : 'Tap anywhere to pause';
      e.next.textContent = `Next: ${nextUpText(this.steps, st.index)}`;
      const done = this.steps.slice(0, st.index).reduce((s, x) => s + x.seconds * 1000, 0);
      const pct = ((done + st.elapsedMs) / (totalSeconds(this.steps) * 1000)) * 100;
      e.bar.firstChild.style.width = `${pct.toFixed(1)}%`;
    } else {
      this.root.dataset.phase = view;
    }
    if (view === 'done') this.#renderDone();
  }
}

/**
 * Start the player on a page holding the session JSON and the data-log-url and
 * data-user-id attributes (the user keys the offline log queue).
 */
export function mountFromPage(doc = document) {
  const root = doc.querySelector('[data-player]');
  const data = doc.getElementById(root?.dataset.sessionId ?? 'session-data');
  if (!root || !data) throw new Error('Player page is missing its session data.');
  try {
    const { logUrl, userId, exitUrl, manualLogUrl, entryUrl } = root.dataset;
    const constantsTag = doc.getElementById(root.dataset.constantsId ?? 'player-constants');
    const constants = constantsTag ? JSON.parse(constantsTag.textContent) : null;
    return new Player(root, { session: JSON.parse(data.textContent), constants, logUrl,
      userId, links: { exitUrl, manualLogUrl, entryUrl } });
  } catch (err) {
    const ours = err.message.startsWith('Session cannot be played');
    root.textContent = ours ? err.message : `Session cannot be played: ${err.message}`;
    root.dataset.view = 'error';
    return null;
  }
}
