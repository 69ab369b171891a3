// Small progressive enhancements for every page of the site (base.html loads this module).
// Each works without the others, and every page still works without JavaScript.

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

enhanceMenu(document);
pollUntilDone(document);
enhanceCopyButtons(document);
registerServiceWorker(document);
