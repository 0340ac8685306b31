// The image stream: runs trials one after another on the frame clock, pauses for annotation after a
// "repeat" response, and hands each ended trial (with its boxes) to onTrialEnd.
import { presentImage } from './scheduler.js';

const round3 = (v) => Math.round(v * 1000) / 1000;

export class StreamRunner {
  /**
   * @param clock       FrameClock
   * @param stage       element the stimulus images are put into
   * @param images      Map url -> decoded HTMLImageElement
   * @param annotate    async (item, image) => boxes, called after a response once the image is off
   * @param resume      async () => void, the "get ready" pause after an annotation (or feedback)
   * @param onTrialEnd  (record, item) => void, called the moment a trial ends
   * @param afterTrial  optional async (record, item) => void, run after every trial (practice feedback);
   *                    without it trials follow each other with no pause
   * @param onShow      optional (item) => void when an image goes up
   * @param onLive      optional (trial) => void whenever the open trial changes (onset, response, offset, box tool),
   *                    so that the page can keep it in durable storage until it has ended (live.js)
   */
  constructor({ clock, stage, images, displayMs, isiMs, annotate, resume, onTrialEnd, afterTrial, onShow, onLive }) {
    Object.assign(this, { clock, stage, images, displayMs, isiMs, annotate, resume, onTrialEnd, afterTrial, onShow, onLive });
    this.open = null;       // the trial that a response now counts for
    this.shownCount = 0;
    this.counters = { visibilityChanges: 0, fullscreenExits: 0, blurs: 0 };
  }

  /** A response (key or button event timestamp). Only the first per trial counts; none before the onset. */
  respond(timeStamp) {
    const trial = this.open;
    if (!trial || trial.responseTs !== null || timeStamp < trial.onsetMs) return false;
    trial.responseTs = timeStamp;
    this.live(trial);
    return true;
  }

  /** Attention events; each is counted for the trial that ends next. */
  noteVisibilityChange() { this.counters.visibilityChanges++; }
  noteFullscreenExit() { this.counters.fullscreenExits++; }
  noteBlur() { this.counters.blurs++; }

  /** Reports the open trial (with the attention counts so far) to onLive. */
  live(trial, phase) {
    if (phase) trial.phase = phase;
    if (this.onLive) this.onLive(trial, { ...this.counters });
  }

  /** Puts the next image into the stage, hidden, decodes it, and measures its displayed size. */
  async prepare(item) {
    const img = this.images.get(item.url);
    if (!img) throw new Error(`image not preloaded: ${item.url}`);
    img.className = 'stimulus';
    img.style.visibility = 'hidden';
    img.removeAttribute('data-testid');
    img.alt = '';
    this.stage.replaceChildren(img);
    await img.decode();
    const rect = img.getBoundingClientRect();
    // Whole CSS pixels: the API takes displayedWidth/Height as integers (a fraction is refused with 400 bad_trial).
    return { img, displayedWidth: Math.round(rect.width), displayedHeight: Math.round(rect.height) };
  }

  async run(items) {
    let nextOnsetAt = performance.now() + this.isiMs;
    let previous = null;   // a trial whose ISI is running: it ends at the next onset
    for (const item of items) {
      const { img, displayedWidth, displayedHeight } = await this.prepare(item);
      let current = null;
      let shown;
      for (;;) {
        shown = await presentImage(this.clock, {
          onsetAt: nextOnsetAt,
          displayMs: this.displayMs,
          stopBeforeOnset: () => previous !== null && previous.responseTs !== null,
          show: (ts) => {
            img.style.visibility = 'visible';
            img.setAttribute('data-testid', 'stimulus');
            img.dataset.position = item.position ?? '';
            img.dataset.imageId = item.imageId;
            img.dataset.shown = String(++this.shownCount);
            const ended = previous;
            previous = null;
            if (ended) setTimeout(() => this.finish(ended), 0); // keep the onset frame light
            current = { item, onsetMs: ts, responseTs: null, displayedWidth, displayedHeight, boxes: [] };
            this.open = current;
            this.live(current, 'display');
            if (this.onShow) this.onShow(item);
          },
          hide: () => {
            img.style.visibility = 'hidden';
            img.removeAttribute('data-testid');
          },
        });
        if (!shown.stopped) break;
        // the previous image got a response during its ISI: annotate it, then come back to this one
        const ended = previous;
        previous = null;
        await this.annotateAndFinish(ended);
        nextOnsetAt = await this.pause(ended);
      }
      Object.assign(current, { offsetMs: shown.offsetMs, durationMs: shown.durationMs, droppedFrames: shown.droppedFrames });
      this.live(current, 'isi');
      if (current.responseTs !== null) {
        await this.annotateAndFinish(current);
        nextOnsetAt = await this.pause(current);
      } else if (this.afterTrial) {
        await this.finishIsi(current, shown.offsetMs + this.isiMs);
        nextOnsetAt = await this.pause(current);
      } else {
        previous = current;
        nextOnsetAt = shown.offsetMs + this.isiMs;
      }
    }
    if (previous) await this.finishIsi(previous, nextOnsetAt);
    this.open = null;
  }

  /** Waits out a trial's ISI; a response during it still counts for that trial and leads to annotation. */
  async finishIsi(trial, isiEnd) {
    const wait = await this.clock.waitUntil(isiEnd, () => trial.responseTs !== null);
    if (wait.stopped) await this.annotateAndFinish(trial);
    else this.finish(trial);
  }

  async annotateAndFinish(trial) {
    this.open = null;
    if (trial.responseTs !== null) {
      this.live(trial, 'boxes');
      trial.boxes = await this.annotate(trial.item, this.images.get(trial.item.url), trial);
    }
    this.finish(trial);
  }

  /** Feedback (practice) and the "get ready" countdown; returns the next onset time (after a blank ISI). */
  async pause(trial) {
    if (this.afterTrial) await this.afterTrial(trial.record, trial.item);
    if (trial.responseTs !== null || this.afterTrial) await this.resume();
    return performance.now() + this.isiMs;
  }

  finish(trial) {
    if (trial.record) return;
    if (this.open === trial) this.open = null;
    const { visibilityChanges, fullscreenExits } = this.counters;
    this.counters = { visibilityChanges: 0, fullscreenExits: 0, blurs: 0 };
    trial.record = trialRecord(trial, { visibilityChanges, fullscreenExits });
    this.onTrialEnd(trial.record, trial.item);
  }
}

/**
 * The record of an ended trial as the API wants it. `trial` holds onsetMs, offsetMs, responseTs, droppedFrames,
 * displayedWidth/Height and boxes (performance.now() times of the page load the image was shown in).
 */
export function trialRecord(trial, { visibilityChanges = 0, fullscreenExits = 0 } = {}) {
  const responded = trial.responseTs !== null && trial.responseTs !== undefined;
  return {
    imageId: trial.item.imageId,
    responded,
    rtMs: responded ? round3(trial.responseTs - trial.onsetMs) : null,
    onsetMs: round3(trial.onsetMs),
    offsetMs: round3(trial.offsetMs),
    durationMs: round3(trial.offsetMs - trial.onsetMs),
    droppedFrames: trial.droppedFrames,
    visibilityChanges,
    fullscreenExits,
    displayedWidth: trial.displayedWidth,
    displayedHeight: trial.displayedHeight,
    devicePixelRatio: trial.devicePixelRatio || window.devicePixelRatio || 1,
    boxes: responded ? trial.boxes : [],
  };
}
