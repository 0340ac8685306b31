// The pending-answer record: the trial that is on screen now (or in its ISI, or in the box tool), kept in
// localStorage from its onset until its record is safely in the outbox, so that a reload finds it. localStorage is
// written synchronously, so a key press or tap is stored before its event handler returns. It also counts how often
// each position's image has been put on screen, across page loads, so that a showing the design does not call for is
// flagged (extraShowings) instead of passing as an ordinary presentation.

const PREFIX = 'engram-live:';

function storage() {
  try {
    const probe = `${PREFIX}probe`;
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return localStorage;
  } catch (e) {
    console.warn('engram: localStorage unavailable, a reload mid-trial cannot be recovered', e);
    return null;
  }
}

export class LiveStore {
  static open(runId) {
    const store = storage();
    let data = null;
    if (store) {
      try { data = JSON.parse(store.getItem(PREFIX + runId) || 'null'); } catch (e) { console.warn('engram: unreadable live record', e); }
    }
    return new LiveStore(store, runId, data);
  }

  constructor(store, runId, data) {
    this.store = store;
    this.key = PREFIX + runId;
    this.data = data && typeof data === 'object' && data.open && data.shown ? data : { shown: {}, open: {} };
  }

  get kind() { return this.store ? 'localStorage' : 'memory'; }

  write() {
    if (!this.store) return;
    try { this.store.setItem(this.key, JSON.stringify(this.data)); } catch (e) { console.error('engram: could not store the live trial', e); }
  }

  /** An image went up at this position (called once per onset, before save). */
  noteShown(position) {
    this.data.shown[position] = (this.data.shown[position] || 0) + 1;
  }

  shownCount(position) { return this.data.shown[position] || 0; }

  /** Stores (replaces) the pending record of one position. */
  save(entry) {
    this.data.open[entry.position] = entry;
    this.write();
  }

  /** The trial's record is in the outbox: its pending record is no longer needed. */
  drop(position) {
    if (!(position in this.data.open)) return;
    delete this.data.open[position];
    this.write();
  }

  /** Pending records left by an earlier page load, by position. */
  pending() { return Object.values(this.data.open).sort((a, b) => a.position - b.position); }

  /** The page is going away (reload, tab closed): an image still on screen (awaiting an answer or a confidence) leaves it now. */
  markUnload(timeMs) {
    let changed = false;
    for (const entry of Object.values(this.data.open)) {
      if ((entry.phase === 'display' || entry.phase === 'confidence') && entry.unloadMs == null) { entry.unloadMs = timeMs; changed = true; }
    }
    if (changed) this.write();
  }

  clear() {
    this.data = { shown: {}, open: {} };
    if (this.store) { try { this.store.removeItem(this.key); } catch (e) { /* nothing to clear */ } }
  }
}

/**
 * How many more times than the design says the participant has seen the image at `position`, counting every showing of
 * the same image at this or earlier positions. The design shows each position once, so an image's k-th position in
 * the sequence is meant to be its k-th showing.
 */
export function extraShowings(trials, position, shownCount) {
  const imageId = trials.find((t) => t.position === position)?.imageId;
  let designed = 0;
  let seen = 0;
  for (const t of trials) {
    if (t.position > position || t.imageId !== imageId) continue;
    designed += 1;
    seen += shownCount(t.position);
  }
  return Math.max(0, seen - designed);
}
