// Small DOM builders for the player page, kept apart from player.js so the controller
// reads as wiring. Plain DOM, no framework: the page must work offline with no build step.

import { LEVELS, levelName } from './cues.js';
import { durationText } from './steps.js';

/** Create an element: attributes (false/null skipped, `on` for listeners) and children. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (v !== false && v !== null) el.setAttribute(k, v === true ? '' : v);
  }
  el.append(...children.flat().filter((c) => c !== null && c !== undefined));
  return el;
}

export function button(label, cls, onClick, ariaLabel = null) {
  return h('button', { type: 'button', class: cls, 'aria-label': ariaLabel,
    on: { click: onClick } }, label);
}

/** "1:05" for a countdown; rounds up so the screen shows 0:01 until the very end. */
export function clockText(ms) {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const KIND_NAMES = { warmup: 'Warm-up', drill: 'Drill', main: 'Main set', cooldown: 'Cool-down' };

/** The session at a glance before starting: one row per block with its time. */
export function overview(session, steps) {
  return h('ol', { class: 'overview' }, session.blocks.map((block, b) => {
    const own = steps.filter((s) => s.block === b);
    const seconds = own.reduce((sum, s) => sum + s.seconds, 0);
    const estimated = own.some((s) => s.estimated);
    const times = block.repeats > 1 ? `${block.repeats} × ` : '';
    return h('li', { 'data-kind': block.kind },
      h('span', { class: 'kind' }, KIND_NAMES[block.kind] ?? block.kind),
      h('span', { class: 'what' }, `${times}${block.name}`),
      h('span', { class: 'time' }, durationText({ seconds, estimated })));
  }));
}

/** Three big numbers for the end screen, from Engine.log(). */
export function summaryTiles(log) {
  const tile = (value, label) => h('div', { class: 'tile' }, h('strong', {}, value),
    h('span', {}, label));
  return [
    tile(clockText(log.actual_seconds * 1000), 'moving'),
    tile(clockText(log.backward_seconds * 1000), 'backward'),
    tile(String(log.skipped_steps.length), log.skipped_steps.length === 1 ? 'step skipped'
      : 'steps skipped'),
  ];
}

/**
 * The cue settings dialog. `onChange` gets the cleaned settings each time a field changes,
 * so nothing is lost if the phone locks with the dialog open.
 */
export function settingsDialog(settings, onChange, canSpeak = true) {
  const level = h('select', { name: 'level' },
    LEVELS.map((l) => h('option', { value: l, selected: l === settings.level },
      levelName(l, canSpeak))));
  const every = h('input', { name: 'shoulder', type: 'number', min: 5, max: 30,
    value: settings.shoulderEverySeconds, inputmode: 'numeric' });
  const metro = h('input', { name: 'metronome', type: 'checkbox', checked: settings.metronome });
  const spm = h('input', { name: 'spm', type: 'number', min: 60, max: 220, value: settings.spm,
    inputmode: 'numeric' });
  const clamp = (v, lo, hi, d) => (Number.isFinite(v) && v > 0 ? Math.min(hi, Math.max(lo, v)) : d);
  const save = () => onChange({
    level: level.value,
    shoulderEverySeconds: clamp(Number(every.value), 5, 30, 9),
    metronome: metro.checked,
    spm: clamp(Number(spm.value), 60, 220, 160),
  });
  return h('dialog', { class: 'settings', 'aria-label': 'Cue settings' },
    h('form', { method: 'dialog', on: { change: save, submit: save } },
      h('h2', {}, 'Cues'),
      h('label', {}, 'Sound', level),
      h('label', {}, 'Shoulder check every (seconds)', every),
      h('label', { class: 'check' }, metro, 'Cadence metronome'),
      h('label', {}, 'Steps per minute', spm),
      h('button', { class: 'close' }, 'Done')));
}
