// The guided 3-metre backward walk test on the phone. The page only times and speaks:
// "Ready", then after READY_MS "Go" and the clock starts; the helper taps Stop when the
// heel crosses the 3 m tape. The timed walks go to POST /api/balance-tests, and what
// the result means comes back from the server (the same words as every other page).

const READY_MS = 2000;

function say(text) {
  const synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== 'function') return;
  try {
    synth.cancel();
    synth.speak(new window.SpeechSynthesisUtterance(text));
  } catch {
    // no voice on this phone: the word is on the screen too
  }
}

function csrfToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('csrftoken='));
  if (cookie) return decodeURIComponent(cookie.split('=')[1]);
  return document.querySelector('input[name=csrfmiddlewaretoken]')?.value ?? '';
}

export function mount(root) {
  const $ = (sel) => root.querySelector(sel);
  const steps = [...root.querySelectorAll('[data-step]')];
  const practice = Number(root.dataset.practiceWalks);
  const timed = Number(root.dataset.timedTrials);
  const walks = [
    ...Array.from({ length: practice }, () => ({ name: 'Practice walk', timed: false })),
    ...Array.from({ length: timed }, (_, i) => ({ name: `Timed walk ${i + 1} of ${timed}`, timed: true })),
  ];
  const state = { walk: 0, startedAt: null, timer: null, times: [], nearFall: false };
  const start = $('[data-action=start]');
  const stop = $('[data-action=stop]');

  const show = (name) => steps.forEach((s) => { s.hidden = s.dataset.step !== name; });
  const ready = () => $('#present').value !== '' && $('#helper-confirmed').checked;
  const gate = () => { start.disabled = !ready(); };
  $('#present').addEventListener('change', gate);
  $('#helper-confirmed').addEventListener('change', gate);

  function listTime(walk, seconds) {
    const li = document.createElement('li');
    const note = walk.timed ? '' : ' (not counted)';
    li.textContent = `${walk.name}: ${seconds.toFixed(2)} s${note}`;
    $('.trial-times').append(li);
  }

  function runWalk() {
    const walk = walks[state.walk];
    show('walk');
    $('.walk-name').textContent = walk.name;
    $('.signal').textContent = 'Ready';
    stop.disabled = true;
    say('Ready');
    state.timer = setTimeout(() => {
      $('.signal').textContent = 'Go';
      say('Go');
      state.startedAt = Date.now();
      stop.disabled = false;
    }, READY_MS);
  }

  function stopWalk() {
    if (state.startedAt === null) return;
    const seconds = (Date.now() - state.startedAt) / 1000;
    state.startedAt = null;
    const walk = walks[state.walk];
    listTime(walk, seconds);
    if (walk.timed) state.times.push(seconds);
    $('.signal').textContent = `${seconds.toFixed(2)} s`;
    say(`${seconds.toFixed(1)} seconds`);
    state.walk += 1;
    if (state.walk < walks.length) show('between');
    else submit();
  }

  function nearFall() {
    clearTimeout(state.timer);
    state.startedAt = null;
    state.nearFall = true;
    say('Test ended');
    submit();
  }

  async function submit() {
    const body = {
      trials_s: state.times,
      near_fall: state.nearFall,
      present: $('#present').value,
      helper_confirmed: $('#helper-confirmed').checked,
      group: $('#group').value,
      source: 'guided',
    };
    let answer;
    try {
      const response = await fetch(root.dataset.apiUrl, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrfToken() },
        body: JSON.stringify(body),
      });
      answer = { ok: response.status === 201, data: await response.json() };
    } catch {
      answer = { ok: false, data: { detail: 'Could not reach Backstride: the times were not saved.' } };
    }
    if (answer.ok) showResult(answer.data);
    else showProblem(answer.data.detail);
  }

  function showResult(test) {
    show('result');
    const interp = test.interpretation;
    $('.headline').textContent = interp ? interp.headline : 'No timed walk was finished.';
    const lines = $('.lines');
    lines.replaceChildren(...(interp ? interp.lines : []).map((text) => {
      const li = document.createElement('li');
      li.textContent = text;
      return li;
    }));
    const near = $('.near-fall-message');
    near.hidden = !test.near_fall_message;
    near.textContent = test.near_fall_message ?? '';
    $('.change').textContent = test.change ? test.change.message : '';
  }

  function showProblem(detail) {
    show('problem');
    $('.problem-text').textContent = typeof detail === 'string' ? detail : 'The times could not be saved.';
  }

  start.addEventListener('click', () => { if (ready()) runWalk(); });
  stop.addEventListener('click', stopWalk);
  $('[data-action=next]').addEventListener('click', runWalk);
  $('[data-action=near-fall]').addEventListener('click', nearFall);
  $('[data-action=restart]').addEventListener('click', () => {
    state.walk = practice;
    state.times = [];
    state.nearFall = false;
    $('.trial-times').replaceChildren();
    runWalk();
  });
  show('setup');
  gate();
  return state;
}

const root = document.querySelector('[data-balance-test]');
if (root) window.backstrideBalance = mount(root);
