// Small progressive enhancements for every page of the site (base.html loads this module).
// Each works without the others, and every page still works without JavaScript.

import { clientKey, enqueue, outboxKey, ownItems, readJson, refusedKey, sendQueued } from "./outbox.js";

/** The Menu (<details>) closes on Escape and on a click outside, as people expect of a menu. */
function enhanceMenu(doc) {
  const menu = doc.querySelector(".site-nav details.menu");
  if (!menu) return;
  doc.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  doc.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
}

/** `<button data-copy="#id">` copies that element's value or text and says so in place. */
function enhanceCopyButtons(doc) {
  for (const button of doc.querySelectorAll("button[data-copy]")) {
    button.hidden = false;
    const status = doc.getElementById(button.getAttribute("aria-describedby") || "") || null;
    button.addEventListener("click", async () => {
      const source = doc.querySelector(button.dataset.copy);
      const text = source ? ("value" in source ? source.value : source.textContent).trim() : "";
      let said = "Copied.";
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        // No clipboard permission (or an old browser): select the text so a long press copies it.
        if (source && source.select) source.select();
        said = "Select the link and copy it.";
      }
      if (status) status.textContent = said;
    });
  }
}

/**
 * The service worker (served at /sw.js so its scope is the whole site) keeps the player's
 * files and the pages of sessions the person opened for use without a network. Links marked
 * `data-offline` (the next session, its player) are fetched into that cache ahead of time.
 */
async function registerServiceWorker(doc) {
  if (!("serviceWorker" in navigator)) return;
  const url = doc.body.dataset.serviceWorker;
  if (!url) return;
  try {
    await navigator.serviceWorker.register(url, { scope: "/" });
  } catch {
    return; // Private windows and some browsers refuse; the site works on without it.
  }
  for (const form of doc.querySelectorAll("form[data-sign-out]")) {
    form.addEventListener("submit", () => {
      navigator.serviceWorker.controller?.postMessage({ type: "sign-out" });
    });
  }
  const urls = [...doc.querySelectorAll("a[data-offline]")].map((a) => a.href);
  if (urls.length) {
    const registration = await navigator.serviceWorker.ready;
    registration.active?.postMessage({ type: "keep", urls });
  }
}

/**
 * `data-poll="<API URL>"` on a form check still being analysed: ask the API every 5 s and
 * reload once no check there is queued or running. Unlike <meta http-equiv="refresh">,
 * nothing moves under a person reading or a screen reader while there is no news.
 */
function pollUntilDone(doc, intervalMs = 5000) {
  const element = doc.querySelector("[data-poll]");
  if (!element) return;
  const url = element.dataset.poll;
  const timer = setInterval(async () => {
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const body = await response.json();
      const checks = Array.isArray(body) ? body : [body];
      if (!checks.some((check) => check.status === "queued" || check.status === "running")) {
        clearInterval(timer);
        window.location.reload();
      }
    } catch {
      // Offline for a moment: try again at the next tick.
    }
  }, intervalMs);
}

const QUEUED_TEXT = "No connection: your log is saved on this phone and will be sent when you are back online.";

/** The signed-in user's id (base.html's `data-user-id`), or "" when nobody is. */
function userId(doc) {
  const id = doc.body.dataset.userId || "";
  try {
    outboxKey(id);
    return id;
  } catch {
    return "";
  }
}

/**
 * The log book's form (`form[data-offline-log]`) posts as usual while the phone is online.
 * Offline, what the person filled in is put in the same queue as the player's logs
 * (outbox.js), with its own idempotency key, and sent when the connection returns.
 */
function queueLogFormOffline(doc, uid) {
  const form = doc.querySelector("form[data-offline-log]");
  const status = doc.querySelector("[data-offline-status]");
  if (!form || !uid) return;
  form.addEventListener("submit", (event) => {
    if (navigator.onLine !== false) return; // online: the normal POST, exactly as before
    event.preventDefault();
    const fields = [...new FormData(form)].filter(([name, value]) => name !== "csrfmiddlewaretoken" && typeof value === "string");
    const key = clientKey();
    enqueue(localStorage, uid, {
      url: form.action || window.location.href,
      form: true,
      payload: { client_key: key, fields, saved_at: new Date().toISOString() },
    });
    form.hidden = true;
    if (status) {
      status.dataset.key = key;
      status.dataset.state = "queued";
      status.textContent = QUEUED_TEXT;
      status.hidden = false;
      status.focus();
    }
  });
}

/** After a send round: say whether the form queued on this page has reached the server. */
function showSent(doc, uid) {
  const status = doc.querySelector("[data-offline-status][data-state='queued']");
  if (!status) return;
  const waiting = ownItems(readJson(localStorage, outboxKey(uid), []), uid);
  if (waiting.some((item) => item.payload?.client_key === status.dataset.key)) return;
  const refused = readJson(localStorage, refusedKey(uid), []).length > 0;
  status.dataset.state = refused ? "refused" : "sent";
  status.textContent = refused ? "Back online, but the log was not accepted; see below." : "Back online: your log has been sent to your log book.";
}

/**
 * On the log book's pages (`[data-offline-notes]`): logs still waiting on this phone, and
 * any the server refused when they were sent (with its reason and a link to log again),
 * kept until the person dismisses them.
 */
function showOfflineNotes(doc, uid) {
  const box = doc.querySelector("[data-offline-notes]");
  if (!box || !uid) return;
  const waiting = ownItems(readJson(localStorage, outboxKey(uid), []), uid).filter((item) => item.form);
  const refused = readJson(localStorage, refusedKey(uid), []);
  const nodes = [];
  if (waiting.length) {
    const p = doc.createElement("p");
    p.className = "notice";
    p.textContent = `${waiting.length === 1 ? "1 log is" : `${waiting.length} logs are`} saved on this phone and will be sent when you are back online.`;
    nodes.push(p);
  }
  refused.forEach((item, index) => {
    const div = doc.createElement("div");
    div.className = "form-errors";
    div.setAttribute("role", "alert");
    const p = doc.createElement("p");
    p.textContent = `A log saved on this phone was not accepted when it was sent: ${item.detail}`;
    const again = doc.createElement("a");
    again.href = item.url;
    again.textContent = "Log it again";
    const dismiss = doc.createElement("button");
    dismiss.type = "button";
    dismiss.className = "button";
    dismiss.textContent = "Dismiss";
    dismiss.addEventListener("click", () => {
      const now = readJson(localStorage, refusedKey(uid), []);
      now.splice(index, 1);
      localStorage.setItem(refusedKey(uid), JSON.stringify(now));
      showOfflineNotes(doc, uid);
    });
    div.append(p, again, " ", dismiss);
    nodes.push(div);
  });
  box.replaceChildren(...nodes);
}

/** Send this user's queued logs now (page load) and whenever the connection returns. */
function sendQueuedLogs(doc, uid) {
  if (!uid) return;
  const send = async () => {
    await sendQueued(localStorage, uid);
    showSent(doc, uid);
    showOfflineNotes(doc, uid);
  };
  window.addEventListener("online", send);
  showOfflineNotes(doc, uid);
  if (navigator.onLine !== false) send();
}

const signedIn = userId(document);
queueLogFormOffline(document, signedIn);
sendQueuedLogs(document, signedIn);
enhanceMenu(document);
pollUntilDone(document);
enhanceCopyButtons(document);
registerServiceWorker(document);
