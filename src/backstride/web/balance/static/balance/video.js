// Balance check from a video: two taps mark the lines, steppers move the frames.
// Positions are sent in the video's own pixels (the still is shown smaller), so the
// server's BackwardWalkTimer gets the same numbers as `backstride balance --start-line`.
(function () {
  "use strict";
  const form = document.querySelector("[data-balance-video]");
  if (!form) return;
  const frameUrl = form.dataset.frameUrl.replace(/0\.jpg$/, "");
  const imageWidth = parseFloat(form.dataset.imageWidth);
  const timesNode = document.getElementById("frame-times");
  const times = timesNode ? JSON.parse(timesNode.textContent) : [];

  // --- two taps: start line, then 3 m line -------------------------------------------
  const picker = form.querySelector("[data-line-picker]");
  const startInput = form.querySelector("input[name=start_line]");
  const endInput = form.querySelector("input[name=end_line]");
  const marks = [picker.querySelector(".line-start"), picker.querySelector(".line-end")];
  const still = picker.querySelector("img");

  function place(mark, x) {
    if (!Number.isFinite(x) || !still.naturalWidth) return;
    const width = Number.isFinite(imageWidth) ? imageWidth : still.naturalWidth;
    mark.style.left = `${(100 * x) / width}%`;
    mark.hidden = false;
  }
  function showMarks() {
    place(marks[0], parseFloat(startInput.value));
    place(marks[1], parseFloat(endInput.value));
  }
  still.addEventListener("load", showMarks);
  if (still.complete) showMarks();
  let taps = startInput.value && endInput.value ? 2 : 0;
  still.addEventListener("click", (event) => {
    const box = still.getBoundingClientRect();
    const width = Number.isFinite(imageWidth) ? imageWidth : still.naturalWidth;
    const x = Math.round(((event.clientX - box.left) / box.width) * width * 10) / 10;
    if (taps >= 2) {
      taps = 0;
      endInput.value = "";
      marks[1].hidden = true;
    }
    (taps === 0 ? startInput : endInput).value = String(x);
    place(marks[taps], x);
    taps += 1;
  });
  [startInput, endInput].forEach((input) => input.addEventListener("input", showMarks));

  // --- frame steppers: the still follows the number; the time follows both ----------
  const duration = form.querySelector("[data-duration]");
  function updateDuration() {
    const s = parseInt(form.querySelector("input[name=start_frame]")?.value, 10);
    const e = parseInt(form.querySelector("input[name=end_frame]")?.value, 10);
    if (!duration || !(s in times) || !(e in times)) return;
    duration.textContent = e > s ? (times[e] - times[s]).toFixed(2) : "–";
  }
  form.querySelectorAll("[data-stepper]").forEach((box) => {
    const input = box.querySelector("input");
    const img = box.querySelector("img");
    function show() {
      const last = times.length - 1;
      let n = parseInt(input.value, 10);
      if (!Number.isFinite(n)) return;
      n = Math.min(Math.max(n, 0), last);
      input.value = String(n);
      img.src = `${frameUrl}${n}.jpg`;
      updateDuration();
    }
    box.querySelectorAll("[data-step]").forEach((button) => {
      button.addEventListener("click", () => {
        input.value = String(parseInt(input.value, 10) + parseInt(button.dataset.step, 10));
        show();
      });
    });
    input.addEventListener("change", show);
  });
})();
