// The queue of logs kept on the phone until the server has them, shared by the guided
// player (a finished run's log) and the log book's form (a form submitted while offline).
// One queue per signed-in user in localStorage; every item carries its idempotency key,
// sent again on every retry, so the server never stores a log twice. `sendQueued` posts
// the items; the pure helpers below are checked by node's test runner (tests/js).
//
// An item is {user, url, payload} (the player: a JSON body for POST /api/logs) or
// {user, url, form: true, payload: {client_key, fields: [[name, value], ...]}} (the log
// book's form: the fields it would have posted, sent form-encoded to the same address).

/**
 * A random idempotency key for one log (32 hex characters), from the browser's secure
 * random source.
 * @param {Crypto} source
 */
export function clientKey(source = globalThis.crypto) {
  const bytes = new Uint8Array(16);
  source.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * What to do with the server's answer to a queued log: 'sent', 'refused' (the payload
 * itself is wrong, so retrying cannot help) or 'retry' (offline, signed out, CSRF, server
 * trouble: a later try may work).
 * @param {number} status HTTP status
 */
export function outcome(status) {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 400 || status === 413 || status === 422) return 'refused';
  return 'retry';
}

/** One sentence from an API error body ({detail: "..."} or ninja's list of problems). */
export function refusalText(body) {
  const detail = body?.detail;
  if (typeof detail === 'string' && detail) return detail;
  if (Array.isArray(detail) && detail[0]?.msg) {
    const where = (detail[0].loc ?? []).filter((p) => p !== 'body' && p !== 'payload');
    return `${where.join(' ')}: ${detail[0].msg}`.replace(/^: /, '');
  }
  return 'The server could not read this log.';
}

/** Identity of a queued log: one run of one session, to one address. */
export function queueKey(item) {
  return `${item.url}|${item.payload?.session_uid}@${item.payload?.started_at}`;
}

/**
 * The queue after a send round: what is in storage *now* (a log saved while the round was
 * in flight must not be lost) minus the items the round settled (sent or refused).
 */
export function remainingOutbox(current, settledKeys) {
  return current.filter((item) => !settledKeys.has(queueKey(item)));
}

/**
 * Where a user's queued logs live in localStorage. One queue per signed-in user: a phone
 * is often shared, and a log queued by one person must never be posted later under
 * whoever signs in next (the POST carries the session cookie of the moment it is sent).
 * @param {string|number} userId the signed-in user's id, as the play page renders it
 */
export function outboxKey(userId) {
  const id = String(userId ?? '').trim();
  if (!/^[A-Za-z0-9_-]+$/.test(id)) {
    throw new Error('The player needs the signed-in user to keep logs; sign in again.');
  }
  return `backstride.player.outbox.${id}`;
}

/** The queued logs that belong to `userId`; anything else in the queue is never sent. */
export function ownItems(outbox, userId) {
  return outbox.filter((item) => item && String(item.user) === String(userId));
}

/** Identity of a queued form: its address and its idempotency key. */
function itemKey(item) {
  return item?.form ? `${item.url}|${item.payload?.client_key}` : queueKey(item);
}

/**
 * The queue after a send round: what is in storage *now* (a log saved while the round was
 * in flight must not be lost) minus the items the round settled (sent or refused).
 */
export function remainingItems(current, settledKeys) {
  return current.filter((item) => !settledKeys.has(itemKey(item)));
}

export function readJson(storage, key, fallback) {
  try {
    const raw = storage.getItem(key);
    return raw ? JSON.parse(raw) : fallback;
  } catch {
    return fallback;
  }
}

/** Django's CSRF token: the cookie (current even after a new sign-in), else the meta tag. */
export function csrfToken(doc = document) {
  const match = doc.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  if (match) return decodeURIComponent(match[1]);
  return doc.querySelector('meta[name="csrf-token"]')?.content ?? '';
}

/** Add one item to `userId`'s queue. */
export function enqueue(storage, userId, item) {
  const key = outboxKey(userId);
  const outbox = readJson(storage, key, []);
  outbox.push({ ...item, user: String(userId) });
  storage.setItem(key, JSON.stringify(outbox));
}

function request(item) {
  const headers = { 'X-CSRFToken': csrfToken() };
  // The same key on every retry: a log the server already saved is answered, not doubled.
  if (item.payload?.client_key) headers['Idempotency-Key'] = item.payload.client_key;
  if (item.form) {
    // The CSRF token comes from the header (the cookie of now), never the stale field.
    const body = new URLSearchParams(
      (item.payload.fields ?? []).filter(([name]) => name !== 'csrfmiddlewaretoken'));
    headers.Accept = 'application/json';
    return { method: 'POST', credentials: 'same-origin', headers, body };
  }
  headers['Content-Type'] = 'application/json';
  return { method: 'POST', credentials: 'same-origin', headers,
    body: JSON.stringify(item.payload) };
}

/** Where a user's refused forms are kept until the log book has shown them. */
export function refusedKey(userId) {
  return outboxKey(userId).replace('.player.outbox.', '.logbook.refused.');
}

/** A form the server refused on replay: kept with its answers and reason, never dropped. */
function keepRefusal(storage, userId, item, body) {
  const key = refusedKey(userId);
  const kept = readJson(storage, key, []);
  kept.push({ url: item.url, fields: item.payload.fields, detail: refusalText(body),
    at: item.payload.saved_at ?? null });
  storage.setItem(key, JSON.stringify(kept));
}

let round = null; // one send round at a time per page (the player and site.js share it)

/**
 * Send `userId`'s queued logs. Sent ones leave the queue; one the server refuses as wrong
 * leaves it too (retrying cannot fix it) and `onResult(item, 'refused', body)` keeps its
 * reason; anything else (offline, signed out, server trouble) stays for the next `online`
 * event or page load. Only this user's queue, and in it only items marked as theirs, is
 * ever sent: a phone is shared, and the POST carries whoever is signed in now.
 * @param {Storage} storage
 * @param {string|number} userId
 * @param {(item: object, verdict: 'sent'|'refused', body: object|null) => void} onResult
 */
export async function sendQueued(storage, userId, onResult = () => {}) {
  if (round) {
    // A log saved while a round is sending: send it in a round of its own after this one.
    await round.catch(() => {});
    return sendQueued(storage, userId, onResult);
  }
  const key = outboxKey(userId);
  const outbox = ownItems(readJson(storage, key, []), userId);
  if (outbox.length === 0) return;
  round = (async () => {
    const settled = new Set();
    for (const item of outbox) {
      try {
        const res = await fetch(item.url, request(item));
        const verdict = outcome(res.status);
        if (verdict === 'retry') continue; // kept: offline, signed out, server trouble
        const body = await res.json().catch(() => null);
        if (item.form && verdict === 'refused') keepRefusal(storage, userId, item, body);
        onResult(item, verdict, body);
        settled.add(itemKey(item));
      } catch {
        // no network: kept for the `online` event or the next page load
      }
    }
    storage.setItem(key, JSON.stringify(remainingItems(readJson(storage, key, []), settled)));
  })();
  try {
    await round;
  } finally {
    round = null;
  }
}
