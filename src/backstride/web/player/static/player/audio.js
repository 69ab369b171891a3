// Sound, speech, vibration and wake lock: the browser-facing side of the cues. Every
// feature is optional because phones differ: speech falls back to tones when no voice
// exists or speaking fails, and nothing throws when an API is missing. The browser
// objects are injected so the page can pass stubs in tests.

// Distinct pitch patterns so work, walk and rest can be told apart without words.
const TONES = {
  work: [[880, 0.12], [1175, 0.18]],
  walk: [[660, 0.25]],
  rest: [[523, 0.18], [392, 0.3]],
  tick: [[1000, 0.07]],
  left: [[740, 0.08], [740, 0.08]],
  right: [[988, 0.08], [988, 0.08]],
  alert: [[600, 0.15], [900, 0.15], [600, 0.15]],
  done: [[523, 0.15], [659, 0.15], [784, 0.35]],
};

export class Audio {
  /**
   * @param {{window?: object}} [env] the global object (window) or a stand-in
   */
  constructor(env = globalThis) {
    this.env = env;
    this.ctx = null;
    this.wakeLock = null;
    this.wantWakeLock = false;
    this.onSpeechFallback = null;
  }

  /** Must run inside a user gesture: browsers keep audio locked until then. */
  unlock() {
    const Ctx = this.env.AudioContext || this.env.webkitAudioContext;
    if (!this.ctx && Ctx) {
      try {
        this.ctx = new Ctx();
      } catch {
        this.ctx = null;
      }
    }
    if (this.ctx && this.ctx.state === 'suspended') this.ctx.resume().catch(() => {});
  }

  /** Play a named tone pattern now. */
  tone(name) {
    const pattern = TONES[name];
    if (!pattern || !this.ctx) return;
    let t = this.ctx.currentTime + 0.01;
    for (const [freq, length] of pattern) {
      this.#beep(freq, t, length, 0.35);
      t += length + 0.05;
    }
  }

  /** A short metronome click at epoch time `atMs`, scheduled on the audio clock. */
  click(atMs, nowMs) {
    if (!this.ctx) return;
    const at = this.ctx.currentTime + Math.max(0, (atMs - nowMs) / 1000);
    this.#beep(1500, at, 0.03, 0.25);
  }

  #beep(freq, at, length, volume) {
    const osc = this.ctx.createOscillator();
    const gain = this.ctx.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(volume, at + 0.01);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(gain).connect(this.ctx.destination);
    osc.start(at);
    osc.stop(at + length + 0.02);
  }

  /** True when the Web Speech API exists and offers at least one voice. */
  canSpeak() {
    const synth = this.env.speechSynthesis;
    if (!synth || typeof this.env.SpeechSynthesisUtterance !== 'function') return false;
    try {
      return synth.getVoices().length > 0;
    } catch {
      return false;
    }
  }

  /**
   * Speak `text`; when speech is unavailable or fails, play `fallbackTone` instead.
   * Speech queues, so a 3-2-1 after a sentence stays in order.
   */
  say(text, fallbackTone) {
    if (!text) return;
    if (!this.canSpeak()) {
      this.tone(fallbackTone);
      return;
    }
    const utterance = new this.env.SpeechSynthesisUtterance(text);
    utterance.rate = 1.05;
    const voices = this.env.speechSynthesis.getVoices();
    const lang = this.env.navigator?.language ?? 'en';
    try {
      utterance.voice = voices.find((v) => v.lang?.startsWith(lang.slice(0, 2))) ?? voices[0];
    } catch {
      // not a real SpeechSynthesisVoice: the browser's default voice will do
    }
    utterance.onerror = () => {
      this.tone(fallbackTone);
      if (this.onSpeechFallback) this.onSpeechFallback(text);
    };
    try {
      this.env.speechSynthesis.speak(utterance);
    } catch {
      this.tone(fallbackTone);
    }
  }

  /** Drop queued speech, e.g. on skip, so old sentences do not follow the person. */
  hush() {
    try {
      this.env.speechSynthesis?.cancel();
    } catch {
      // nothing queued, or no speech at all
    }
  }

  vibrate(pattern) {
    const nav = this.env.navigator;
    if (pattern && nav && typeof nav.vibrate === 'function') nav.vibrate(pattern);
  }

  /** Keep the screen on while a session runs; re-taken when the tab becomes visible. */
  async keepAwake(on) {
    this.wantWakeLock = on;
    const lock = this.env.navigator?.wakeLock;
    if (!on) {
      await this.wakeLock?.release().catch(() => {});
      this.wakeLock = null;
      return;
    }
    if (!lock || this.wakeLock) return;
    try {
      this.wakeLock = await lock.request('screen');
      this.wakeLock.addEventListener?.('release', () => {
        this.wakeLock = null;
      });
    } catch {
      this.wakeLock = null; // refused (battery saver, hidden tab): the session still runs
    }
  }

  /** Perform one planned cue from planCues. */
  play(cue) {
    // Phase changes always get their tone, so the phase is clear even mid-sentence.
    if (cue.say && cue.event?.type === 'step') this.tone(cue.tone);
    if (cue.say) this.say(cue.say, cue.tone);
    else if (cue.tone) this.tone(cue.tone);
    if (cue.vibrate) this.vibrate(cue.vibrate);
  }
}
