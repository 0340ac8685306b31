// Frame-locked timing: a requestAnimationFrame clock, and the display of one image on it.
// All times are performance.now() milliseconds; an onset/offset is the rAF timestamp of the frame
// in which the change was made (the first frame at or after the scheduled time).

const HISTORY = 2000;          // frame timestamps kept
const MEDIAN_WINDOW = 240;     // intervals used for the median frame interval
const DROP_FACTOR = 1.5;       // an interval longer than this times the median counts as dropped frames

/** A continuous rAF loop; await next() to run code inside the next frame's callback, before it paints. */
export class FrameClock {
  constructor() {
    this.stamps = [];
    this.waiters = [];
    this.running = false;
    this.scheduled = false;   // a rAF callback is requested (so start/stop/start never runs two loops)
    this.tick = this.tick.bind(this);
  }

  start() {
    this.running = true;
    this.schedule();
  }

  stop() { this.running = false; }

  schedule() {
    if (!this.scheduled) { this.scheduled = true; requestAnimationFrame(this.tick); }
  }

  tick(ts) {
    this.scheduled = false;
    this.stamps.push(ts);
    if (this.stamps.length > HISTORY) this.stamps.splice(0, this.stamps.length - HISTORY);
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve(ts);
    if (this.running || this.waiters.length) this.schedule();
  }

  /** Resolves with the timestamp of the next frame; code after the await runs before that frame paints. */
  next() {
    const frame = new Promise((resolve) => this.waiters.push(resolve));
    this.schedule();
    return frame;
  }

  /** Median interval between the last frames, or 1000/60 before enough frames were seen. */
  medianInterval() {
    const n = Math.min(this.stamps.length - 1, MEDIAN_WINDOW);
    if (n < 10) return 1000 / 60;
    const intervals = [];
    for (let i = this.stamps.length - n; i < this.stamps.length; i++) intervals.push(this.stamps[i] - this.stamps[i - 1]);
    intervals.sort((a, b) => a - b);
    const mid = intervals.length >> 1;
    return intervals.length % 2 ? intervals[mid] : (intervals[mid - 1] + intervals[mid]) / 2;
  }

  /** A frame counts as "at" the scheduled time when it is within this much before it (timestamp jitter). */
  tolerance() { return Math.min(2, this.medianInterval() / 5); }

  /**
   * Frames dropped between two frame timestamps: every interval longer than 1.5x the median counts
   * round(interval / median) - 1 missed frames (at least 1).
   */
  droppedBetween(from, to) {
    const median = this.medianInterval();
    let dropped = 0;
    for (let i = 1; i < this.stamps.length; i++) {
      if (this.stamps[i - 1] < from || this.stamps[i] > to) continue;
      const interval = this.stamps[i] - this.stamps[i - 1];
      if (interval > DROP_FACTOR * median) dropped += Math.max(1, Math.round(interval / median) - 1);
    }
    return dropped;
  }

  /**
   * Warm-up: waits until `frames` consecutive frame intervals each lie within 25% of the median interval, so that no
   * onset falls into the stutter after a fullscreen switch or a countdown. Gives up (steady: false) after
   * max(3 s, 3 × frames × median). Resolves {frames, ms, steady}: frames waited and the time it took.
   */
  async waitSteady(frames) {
    if (!frames) return { frames: 0, ms: 0, steady: true };
    const first = await this.next();
    const limit = Math.max(3000, 3 * frames * this.medianInterval());
    let last = first;
    let steadyRun = 0;
    for (let waited = 1; ; waited++) {
      const ts = await this.next();
      const median = this.medianInterval();
      steadyRun = Math.abs(ts - last - median) <= 0.25 * median ? steadyRun + 1 : 0;
      last = ts;
      if (steadyRun >= frames) return { frames: waited, ms: ts - first, steady: true };
      if (ts - first > limit) return { frames: waited, ms: ts - first, steady: false };
    }
  }

  /**
   * Waits for the first frame at or after `time`, checking `stopIf()` in every frame.
   * Resolves {ts, stopped}: stopped is true when stopIf() answered true first.
   */
  async waitUntil(time, stopIf = () => false) {
    for (;;) {
      const ts = await this.next();
      if (stopIf()) return { ts, stopped: true };
      if (ts >= time - this.tolerance()) return { ts, stopped: false };
    }
  }
}

/**
 * Shows an image at the first frame at/after `onsetAt`, and hides it at the first frame at/after
 * measured onset + displayMs. `show(ts)` and `hide(ts)` run inside those frames' callbacks.
 * `stopBeforeOnset()` lets the caller abandon the wait (e.g. the previous image got a response during its ISI).
 * Resolves {stopped:true} or {onsetMs, offsetMs, durationMs, droppedFrames}.
 */
export async function presentImage(clock, { onsetAt, displayMs, show, hide, stopBeforeOnset }) {
  const onsetFrame = await clock.waitUntil(onsetAt, stopBeforeOnset);
  if (onsetFrame.stopped) return { stopped: true, ts: onsetFrame.ts };
  const onsetMs = onsetFrame.ts;
  show(onsetMs);
  const { ts: offsetMs } = await clock.waitUntil(onsetMs + displayMs);
  hide(offsetMs);
  return {
    stopped: false,
    onsetMs,
    offsetMs,
    durationMs: offsetMs - onsetMs,
    droppedFrames: clock.droppedBetween(onsetMs, offsetMs),
  };
}
