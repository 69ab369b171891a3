// The end-of-session log form, built in the page so it works with no network: what was
// done is already filled in from the engine's record, and the person adds effort, pain
// and scares with a few taps. Saving hands the answers to the player, which queues them.

import { answersProblem } from './prefill.js';
import { h } from './ui.js';

function stepper(site, label, pain) {
  const value = h('span', { class: 'pain-value', 'aria-live': 'polite' }, '0');
  const change = (by) => {
    pain[site] = Math.min(10, Math.max(0, (pain[site] ?? 0) + by));
    value.textContent = String(pain[site]);
  };
  return h('div', { class: 'pain-site', 'data-site': site },
    h('span', { class: 'pain-label' }, label),
    h('button', { type: 'button', class: 'step-btn', 'aria-label': `Less ${label} pain`,
      on: { click: () => change(-1) } }, '−'),
    value,
    h('button', { type: 'button', class: 'step-btn', 'aria-label': `More ${label} pain`,
      on: { click: () => change(1) } }, '+'));
}

/** A 0-10 stepper that starts as "not answered" (–) until the first tap. */
function optionalStepper(name, label, answers) {
  const value = h('span', { class: 'pain-value', 'aria-live': 'polite' }, '–');
  const change = (by) => {
    // From "not answered", − means 0 (no pain before) and + means 1.
    const step = answers[name] === null && by < 0 ? 0 : by;
    answers[name] = Math.min(10, Math.max(0, (answers[name] ?? 0) + step));
    value.textContent = String(answers[name]);
  };
  answers[name] = null;
  return h('div', { class: 'pain-site pain-before', 'data-site': name },
    h('span', { class: 'before-label' }, label),
    h('button', { type: 'button', class: 'step-btn', 'aria-label': `Less ${label}`,
      on: { click: () => change(-1) } }, '−'),
    value,
    h('button', { type: 'button', class: 'step-btn', 'aria-label': `More ${label}`,
      on: { click: () => change(1) } }, '+'));
}

function stepsTable(rows) {
  return h('details', { class: 'steps' }, h('summary', {}, 'Step by step'),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Step'), h('th', {}, 'Plan'),
      h('th', {}, 'Done'))),
    h('tbody', {}, rows.map((r) => h('tr', { class: r.short ? 'short' : null },
      h('td', {}, r.label), h('td', {}, r.planned), h('td', {}, r.actual))))));
}

/**
 * @param {ReturnType<import('./prefill.js').prefillLog>} prefill
 * @param {{painSites: [string, string][], maxMinutes: number, maxNotes: number}} constants
 *   the page's constants (readConstants): which sites to ask about, the limits
 * @param {(answers: object) => void} onSave called with checked answers
 * @returns {HTMLFormElement}
 */
export function logForm(prefill, constants, onSave) {
  const pain = {};
  const extra = {};
  const rpe = h('div', { class: 'rpe-grid' }, Array.from({ length: 11 }, (_, n) =>
    h('label', { class: 'seg' }, h('input', { type: 'radio', name: 'rpe', value: n }),
      h('span', {}, String(n)))));
  const toggle = (name, text) => h('label', { class: 'toggle' },
    h('input', { type: 'checkbox', name }), h('span', {}, text));
  const percent = h('input', { name: 'percent', type: 'number', min: 0, max: 100, step: 1,
    inputmode: 'numeric', value: prefill.percent });
  const minutes = h('input', { name: 'minutes', type: 'number', min: 0, max: constants.maxMinutes, step: 0.1,
    inputmode: 'decimal', value: prefill.minutes });
  const notes = h('textarea', { name: 'notes', rows: 2, maxlength: constants.maxNotes });
  const problem = h('p', { class: 'problem', role: 'alert' });
  const form = h('form', { class: 'log-form', novalidate: true },
    h('h2', {}, 'How did it go?'),
    h('p', { class: 'done-summary' },
      'Filled in from what you did. Add how hard it was and any pain, then save.'),
    stepsTable(prefill.rows),
    h('fieldset', { class: 'question' }, h('legend', {}, 'How hard was it? 0 rest – 10 maximal'),
      rpe),
    h('fieldset', { class: 'question' }, h('legend', {}, 'Any pain? 0 none – 10 worst'),
      h('div', { class: 'pain-grid' }, constants.painSites.map(([site, label]) =>
        stepper(site, label, pain))),
      h('div', { class: 'pain-grid' },
        optionalStepper('pre_session_pain', 'Pain before you started', extra))),
    h('fieldset', { class: 'question' }, h('legend', {}, 'Anything else?'),
      h('div', { class: 'toggle-row' }, toggle('sharp_pain', 'Sharp pain'),
        toggle('near_fall', 'Nearly fell'), toggle('fall', 'Fell'),
        toggle('swelling', 'Swelling'))),
    h('div', { class: 'amounts' }, h('label', {}, 'Done (%)', percent),
      h('label', {}, 'Minutes', minutes)),
    h('label', { class: 'notes' }, 'Notes', notes),
    problem,
    h('button', { type: 'submit', class: 'save' }, 'Save log'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = form.querySelector('input[name="rpe"]:checked');
    const answers = {
      rpe: chosen ? Number(chosen.value) : null,
      percent: Number(percent.value),
      minutes: Number(minutes.value),
      pain: { ...pain },
      sharp_pain: form.elements.sharp_pain.checked,
      near_fall: form.elements.near_fall.checked,
      fall: form.elements.fall.checked,
      swelling: form.elements.swelling.checked,
      pre_session_pain: extra.pre_session_pain,
      notes: notes.value,
    };
    const why = answersProblem(answers, constants);
    problem.textContent = why ?? '';
    if (why) {
      problem.scrollIntoView({ block: 'center' });
      return;
    }
    onSave(answers);
  });
  return form;
}
