// What the player says, plays and buzzes for each engine event. The words are ours and
// short on purpose: someone moving backwards hears them once, mid-stride, and must not
// have to think. Pure: the audio module does the actual speaking.

import { repeatText } from './steps.js';

export const LEVELS = ['full', 'tones', 'off'];
export const LEVEL_NAMES = { full: 'Voice and tones', tones: 'Tones only', off: 'Silent' };

/**
 * What the person will actually hear: "voice and tones" only when the device has a voice
 * (speech falls back to the tone otherwise, so claiming a voice would be untrue).
 */
export function heardLevel(level, canSpeak) {
  return level === 'full' && !canSpeak ? 'tones' : level;
}

/** The settings' name for a level, on a device with or without a voice. */
export function levelName(level, canSpeak) {
  if (level === 'full' && !canSpeak) return 'Voice and tones (no voice here: tones only)';
  return LEVEL_NAMES[level];
}

/** The line on the start screen saying which cues will play. */
export function cueLevelText(level, canSpeak) {
  const heard = heardLevel(level, canSpeak);
  const text = `Cues: ${LEVEL_NAMES[heard].toLowerCase()}`;
  return level === 'full' && !canSpeak ? `${text} (this device has no voice for speech)` : text;
}

const KM_PER_MILE = 1.609344;

/**
 * A belt speed in both units, "1.6 km/h, 1.0 mph": treadmill consoles show one or the
 * other depending on where they were sold, and the person must match it at a glance.
 */
export function speedText(kmh) {
  return `${kmh.toFixed(1)} km/h, ${(kmh / KM_PER_MILE).toFixed(1)} mph`;
}

/**
 * The belt speed line on the step screen ("Belt 1.6 km/h, 1.0 mph"), or '' when there is
 * none to show: off a treadmill, in the lead-in and rests, or for a step without a speed.
 */
export function beltText(step, treadmill) {
  const moving = step && step.phase !== 'ready' && step.phase !== 'rest';
  return treadmill && moving && step.speedKmh ? `Belt ${speedText(step.speedKmh)}` : '';
}

/** Words for a duration, spoken: "45 seconds", "2 minutes 30", "about 20 seconds". */
export function spokenDuration(step) {
  const s = step.seconds;
  let text;
  if (s < 60) text = `${s} seconds`;
  else if (s % 60 === 0) text = s === 60 ? '1 minute' : `${s / 60} minutes`;
  else text = `${Math.floor(s / 60)} minute${s >= 120 ? 's' : ''} ${s % 60}`;
  return step.estimated ? `about ${text}` : text;
}

/** A distance in the person's short unit, spoken: "200 metres", "219 yards". */
export function spokenDistance(meters, shortUnit = { meters: 1, words: 'metres' }) {
  return `${Math.round(meters / shortUnit.meters)} ${shortUnit.words}`;
}

function stepText(step, steps, shortUnit) {
  if (step.phase === 'ready') {
    const first = steps[step.index + 1];
    return first ? `Get ready. First: ${first.label.toLowerCase()}.` : 'Get ready.';
  }
  const distance = step.estimated && step.meters ? `, ${spokenDistance(step.meters, shortUnit)}` : '';
  const repeat = repeatText(step);
  if (step.phase === 'rest') {
    const next = steps[step.index + 1];
    const then = next ? ` Then ${next.label.toLowerCase()}.` : '';
    return `Rest, ${spokenDuration(step)}.${then}`;
  }
  return `${step.label}${distance}, ${spokenDuration(step)}.${repeat ? ` ${repeat}.` : ''}`;
}

/**
 * The sentence for an event, or null when the event has nothing to say.
 * @param {object} event from Engine.tick
 * @param {object[]} steps the session's steps
 */
export function cueText(event, steps, shortUnit) {
  const step = steps[event.index];
  switch (event.type) {
    case 'step':
      return stepText(step, steps, shortUnit);
    case 'safety':
      return 'Clip the safety key on. Keep the handrails in reach.';
    case 'speed':
      return `Belt to ${speedText(event.speedKmh)}.`;
    case 'halfway':
      return 'Halfway.';
    case 'warn':
      return '10 seconds.';
    case 'count':
      return String(event.n);
    case 'shoulder':
      return `Look over your ${event.side === 'left' ? 'left' : 'right'} shoulder.`;
    case 'complete':
      return 'Session complete. Well done.';
    default:
      return null;
  }
}

/** Which tone marks an event: the three phase tones differ so they work without words. */
export function cueTone(event, steps) {
  if (event.type === 'step') {
    const phase = steps[event.index].phase;
    return phase === 'ready' ? 'rest' : phase;
  }
  if (event.type === 'count') return 'tick';
  if (event.type === 'shoulder') return event.side === 'left' ? 'left' : 'right';
  if (event.type === 'complete') return 'done';
  if (event.type === 'speed' || event.type === 'safety') return 'alert';
  return 'tick';
}

const VIBRATION = { step: [300], shoulder: [80, 60, 80], complete: [400, 100, 400] };

/**
 * Turn engine events into what to do, honouring the cue level. Stale events (late, after
 * the tab was hidden) are dropped except the newest step start, so the person hears where
 * they are now rather than a backlog.
 * ``shortUnit`` ({meters, words}, from the server's constants) words spoken distances.
 * @returns {{say: string|null, tone: string|null, vibrate: number[]|null, event: object}[]}
 */
export function planCues(events, steps, level = 'full', shortUnit = undefined) {
  if (level === 'off') return [];
  const lastLateStep = events.findLastIndex((e) => e.late && (e.type === 'step' ||
    e.type === 'complete'));
  return events
    .filter((e, i) => !e.late || i === lastLateStep)
    .map((event) => ({
      say: level === 'full' ? cueText(event, steps, shortUnit) : null,
      tone: cueTone(event, steps),
      vibrate: VIBRATION[event.type] ?? null,
      event,
    }));
}
