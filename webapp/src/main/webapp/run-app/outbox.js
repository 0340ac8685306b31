// Durable outbox for trials: IndexedDB (localStorage fallback), keyed by runId+position,
// with a background sender that PUTs each trial until the server answers 200.
import { putTrial } from './api.js';

const DB_NAME = 'engram-outbox';
const PENDING = 'pending';
const SENT = 'sent';
const BACKOFF_START_MS = 500;
const BACKOFF_CAP_MS = 15000;

const keyOf = (runId, position) => `${runId}:${position}`;

/** Exponential backoff with jitter: the delay lies in [d/2, d] where d = min(cap, start * 2^attempt). */
export function backoffDelay(attempt, random = Math.random) {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_START_MS * 2 ** attempt);
  return ceiling / 2 + random() * (ceiling / 2);
}

class IndexedDbStore {
  static open() {
    return new Promise((resolve, reject) => {
      if (!('indexedDB' in window) || !window.indexedDB) { reject(new Error('no IndexedDB')); return; }
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => {
        for (const name of [PENDING, SENT]) {
          req.result.createObjectStore(name, { keyPath: 'key' }).createIndex('runId', 'runId');
        }
      };
      req.onsuccess = () => resolve(new IndexedDbStore(req.result));
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('IndexedDB blocked'));
    });
  }

  constructor(db) { this.db = db; this.kind = 'indexedDB'; }

  tx(storeName, mode, work) {
    return new Promise((resolve, reject) => {
      const tx = this.db.transaction(storeName, mode);
      const result = work(tx.objectStore(storeName));
      tx.oncomplete = () => resolve(result && 'result' in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
    });
  }

  put(storeName, entry) { return this.tx(storeName, 'readwrite', (s) => { s.put(entry); }); }
  remove(storeName, key) { return this.tx(storeName, 'readwrite', (s) => { s.delete(key); }); }
  list(storeName, runId) { return this.tx(storeName, 'readonly', (s) => s.index('runId').getAll(runId)); }
}

class LocalStorageStore {
  constructor() { this.kind = 'localStorage'; }
  static prefix(storeName) { return `${DB_NAME}:${storeName}:`; }
  async put(storeName, entry) { localStorage.setItem(LocalStorageStore.prefix(storeName) + entry.key, JSON.stringify(entry)); }
  async remove(storeName, key) { localStorage.removeItem(LocalStorageStore.prefix(storeName) + key); }
  async list(storeName, runId) {
    const prefix = LocalStorageStore.prefix(storeName) + runId + ':';
    const entries = [];
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i);
      if (key && key.startsWith(prefix)) {
        try { entries.push(JSON.parse(localStorage.getItem(key))); } catch (e) { console.warn('engram: unreadable outbox entry', key, e); }
      }
    }
    return entries;
  }
}

/** A store that only lives as long as the page: the last resort when neither storage works. */
class MemoryStore {
  constructor() { this.kind = 'memory'; this.maps = { [PENDING]: new Map(), [SENT]: new Map() }; }
  async put(storeName, entry) { this.maps[storeName].set(entry.key, entry); }
  async remove(storeName, key) { this.maps[storeName].delete(key); }
  async list(storeName, runId) { return [...this.maps[storeName].values()].filter((e) => e.runId === runId); }
}

async function openStore() {
  try {
    return await IndexedDbStore.open();
  } catch (e) {
    console.warn('engram: IndexedDB unavailable, using localStorage', e);
  }
  try {
    const probe = `${DB_NAME}:probe`;
    localStorage.setItem(probe, '1');
    localStorage.removeItem(probe);
    return new LocalStorageStore();
  } catch (e) {
    console.warn('engram: localStorage unavailable, answers are kept in memory only', e);
    return new MemoryStore();
  }
}

/**
 * The outbox of one run. Trials go to the 'pending' store the moment they end; the sender moves each to the
 * 'sent' store after a 200, and keeps retrying network errors and 5xx for as long as the page is open.
 * 'sent' entries are kept until the run completes, so that positions the server reports missing can be re-sent.
 */
export class Outbox {
  static async open(runId, token) {
    const outbox = new Outbox(await openStore(), runId, token);
    for (const entry of await outbox.store.list(PENDING, runId)) outbox.pending.set(entry.position, entry);
    for (const entry of await outbox.store.list(SENT, runId)) outbox.sent.set(entry.position, entry);
    return outbox;
  }

  constructor(store, runId, token) {
    this.store = store;
    this.runId = runId;
    this.token = token;
    this.pending = new Map();
    this.sent = new Map();
    this.errors = [];
    this.status = 'idle'; // idle | sending | retrying
    this.listeners = new Set();
    this.attempt = 0;
    this.running = false;
    this.wake = null;
    window.addEventListener('online', () => this.wakeUp());
  }

  get storageKind() { return this.store.kind; }

  /** Positions that are waiting to be sent. */
  pendingPositions() { return [...this.pending.keys()].sort((a, b) => a - b); }

  onChange(listener) { this.listeners.add(listener); listener(this.snapshot()); }

  snapshot() { return { status: this.status, pending: this.pending.size, sent: this.sent.size, errors: this.errors.length }; }

  notify() { for (const listener of this.listeners) listener(this.snapshot()); }

  setStatus(status) {
    if (this.status !== status) { this.status = status; }
    this.notify();
  }

  /** Stores one ended trial durably and hands it to the sender; never waits on the network. */
  add(position, trial) {
    const entry = { key: keyOf(this.runId, position), runId: this.runId, position, trial, endedAt: Date.now() };
    const written = this.store.put(PENDING, entry).catch((e) => console.error('engram: could not store trial', position, e));
    this.pending.set(position, { ...entry, written });
    this.notify();
    this.start();
    return written;
  }

  /**
   * Moves positions from 'sent' back to 'pending' (the server says it lacks them).
   * Returns the positions that are neither pending nor in 'sent' and so cannot be re-sent.
   */
  async requeue(positions) {
    const unavailable = [];
    for (const position of positions) {
      if (this.pending.has(position)) continue;
      const entry = this.sent.get(position);
      if (!entry) { unavailable.push(position); continue; }
      this.sent.delete(position);
      const { written, ...plain } = entry;
      await this.store.put(PENDING, plain);
      await this.store.remove(SENT, entry.key);
      this.pending.set(position, plain);
    }
    this.notify();
    this.start();
    return unavailable;
  }

  /** Resolves once nothing is pending (entries dropped after a 400/409 count as done). */
  whenEmpty() {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const check = (snap) => { if (snap.pending === 0) { this.listeners.delete(check); resolve(); } };
      this.listeners.add(check);
    });
  }

  /** Forgets this run's entries after the server confirmed completion. */
  async clear() {
    for (const entry of this.sent.values()) await this.store.remove(SENT, entry.key);
    for (const entry of this.pending.values()) await this.store.remove(PENDING, entry.key);
    this.sent.clear();
    this.pending.clear();
    this.notify();
  }

  start() { if (!this.running) this.pump(); else this.wakeUp(); }

  wakeUp() { if (this.wake) { const wake = this.wake; this.wake = null; wake(); } }

  sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => { this.wake = null; resolve(); }, ms);
      this.wake = () => { clearTimeout(timer); resolve(); };
    });
  }

  async pump() {
    this.running = true;
    try {
      while (this.pending.size > 0) {
        const position = this.pendingPositions()[0];
        const entry = this.pending.get(position);
        if (this.status !== 'retrying') this.setStatus('sending');
        await entry.written;
        const outcome = await this.sendOne(entry);
        if (outcome === 'retry') {
          this.setStatus('retrying');
          await this.sleep(backoffDelay(this.attempt++));
        } else {
          this.attempt = 0;
          this.setStatus('sending');
        }
      }
    } finally {
      this.running = false;
      this.setStatus('idle');
    }
  }

  async sendOne(entry) {
    try {
      await putTrial(this.runId, this.token, entry.position, entry.trial);
    } catch (e) {
      if (e.transient) { console.info('engram: trial', entry.position, 'not sent yet, will retry:', e.message); return 'retry'; }
      console.error('engram: server refused trial', entry.position, e.code, e.message);
      this.errors.push({ position: entry.position, status: e.status, code: e.code, message: e.message });
      await this.store.remove(PENDING, entry.key).catch((err) => console.error('engram: outbox', err));
      this.pending.delete(entry.position);
      return 'dropped';
    }
    const { written, ...plain } = entry;
    await this.store.put(SENT, plain).catch((err) => console.error('engram: outbox', err));
    await this.store.remove(PENDING, entry.key).catch((err) => console.error('engram: outbox', err));
    this.pending.delete(entry.position);
    this.sent.set(entry.position, plain);
    return 'sent';
  }
}
