// The study and test tasks of a phase (issue 14): study (each image for displayMs, an optional encoding question),
// old-new and old-similar-new (answer buttons, then an optional confidence row, then the box tool after "old" when
// the phase asks for boxes), and two-alternative forced choice (two images, one chosen, then the confidence row).
// One trial at a time on the frame clock; each ended trial goes to onTrialEnd exactly once.

import { presentImage } from './scheduler.js';

const round3 = (v) => Math.round(v * 1000) / 1000;

export const ANSWER_LABELS = Object.freeze({ old: 'Old', similar: 'Similar', new: 'New' });
const RECOGNITION_KEYS = Object.freeze({ old: 'f', similar: 'g', new: 'j' });
export const SIDE_KEYS = Object.freeze({ left: 'f', right: 'j' });
export const TEST_TASKS = Object.freeze(['old-new', 'old-similar-new', '2afc']);

/** The answers of a phase's buttons: the encoding question's (study), old/new, old/similar/new; none for 2afc. */
export function phaseAnswers(phase) {
  if (phase.task === 'study') return (phase.encodingQuestion && phase.encodingQuestion.answers) || [];
  if (phase.task === 'old-new') return ['old', 'new'];
  if (phase.task === 'old-similar-new') return ['old', 'similar', 'new'];
  return [];
}

/** The key for an answer: 1..n for an encoding question, F / G / J for old / similar / new. */
export function answerKey(phase, answer, index) {
  return phase.task === 'study' ? String(index + 1) : RECOGNITION_KEYS[answer];
}

/** The key for a confidence level: 1..9, and 0 for 10. */
export const confidenceKey = (level) => String(level % 10);

/** The pressed key as a lower-case letter or digit (layout-independent for letters and digits). */
export function keyName(event) {
  const code = event.code || '';
  if (code.startsWith('Key')) return code.slice(3).toLowerCase();
  if (code.startsWith('Digit')) return code.slice(5);
  if (code.startsWith('Numpad') && /^\d$/.test(code.slice(6))) return code.slice(6);
  return (event.key || '').toLowerCase();
}

/** The words at the ends of a confidence scale: 1 = guess … L = sure. */
export function confidenceLabel(level, levels) {
  if (level === 1) return 'guess';
  if (level === levels) return 'sure';
  return '';
}

/**
 * The record of an ended task trial as the API wants it (docs/participant-api.md): today's fields plus `phase` and,
 * where they apply, `answer`, `confidence`, `choiceSide` and `chosenImageId`. Fields that do not apply are left out.
 */
export function taskRecord(trial, { visibilityChanges = 0, fullscreenExits = 0 } = {}) {
  const responded = trial.answerTs !== null && trial.answerTs !== undefined;
  const offsetMs = trial.offsetMs ?? trial.onsetMs;
  const record = {
    phase: trial.phaseNo,
    responded,
    rtMs: responded ? round3(trial.answerTs - trial.onsetMs) : null,
    onsetMs: round3(trial.onsetMs),
    offsetMs: round3(offsetMs),
    durationMs: round3(offsetMs - trial.onsetMs),
    droppedFrames: trial.droppedFrames ?? 0,
    visibilityChanges,
    fullscreenExits,
    displayedWidth: trial.displayedWidth,
    displayedHeight: trial.displayedHeight,
    devicePixelRatio: trial.devicePixelRatio || window.devicePixelRatio || 1,
    boxes: responded && trial.boxes ? trial.boxes : [],
  };
  if (trial.imageId) record.imageId = trial.imageId;
  if (responded && trial.answer != null) record.answer = trial.answer;
  if (responded && trial.confidence != null) record.confidence = trial.confidence;
  if (responded && trial.choiceSide) {
    record.choiceSide = trial.choiceSide;
    record.chosenImageId = trial.chosenImageId;
  }
  return record;
}

/** Whether an answered trial still needs its confidence (the phase has a scale and none was given). */
export const needsConfidence = (phase, trial) => Boolean(phase.confidenceLevels) && trial.answerTs != null && trial.confidence == null;

/** Whether an answered trial opens the box tool: the phase asks for boxes and the answer was "old". */
export const needsBoxes = (phase, trial) => Boolean(phase.boxes) && trial.answer === 'old' && phase.task !== 'study';

/**
 * Runs the trials of one study or test phase. `ui` lends main.js's helpers: h, show, button, touchFirst.
 * onLive(trial, counters) is called whenever the open trial changes (so a reload finds it), onTrialEnd(record, item)
 * when it has ended, annotate(item, img, trial) opens the box tool and resolves with the boxes.
 */
export class TaskRunner {
  constructor({ ui, clock, images, phase, isiMs, total, annotate, onLive, onTrialEnd, onShow }) {
    Object.assign(this, { ui, clock, images, phase, isiMs, total, annotate, onLive, onTrialEnd, onShow });
    this.counters = { visibilityChanges: 0, fullscreenExits: 0, blurs: 0 };
    this.waiter = null;       // {accept(event) -> boolean} for the key or button the trial waits for now
    this.onKey = (e) => this.keyDown(e);
  }

  noteVisibilityChange() { this.counters.visibilityChanges++; }
  noteFullscreenExit() { this.counters.fullscreenExits++; }
  noteBlur() { this.counters.blurs++; }

  live(trial, stage) {
    if (stage) trial.stage = stage;
    if (this.onLive) this.onLive(trial, { ...this.counters });
  }

  keyDown(e) {
    if (e.repeat || e.ctrlKey || e.metaKey || e.altKey || !this.waiter) return;
    if (document.querySelector('.annotate')) return; // the box tool has the keys
    if (this.waiter.key(keyName(e), e.timeStamp)) e.preventDefault();
  }

  async run(items) {
    this.view = this.buildView();
    document.addEventListener('keydown', this.onKey, true);
    try {
      let nextOnsetAt = performance.now() + this.isiMs;
      for (const item of items) {
        const trial = this.phase.task === '2afc' ? await this.choiceTrial(item, nextOnsetAt)
          : this.phase.task === 'study' ? await this.studyTrial(item, nextOnsetAt)
            : await this.recognitionTrial(item, nextOnsetAt);
        nextOnsetAt = Math.max(trial.offsetMs, performance.now()) + this.isiMs;
      }
      await this.clock.waitUntil(nextOnsetAt);
    } finally {
      document.removeEventListener('keydown', this.onKey, true);
      this.waiter = null;
    }
  }

  // ---------- the screen ----------

  buildView() {
    const { h, show } = this.ui;
    const phase = this.phase;
    const stage = h('div', { class: `task-stage${phase.task === '2afc' ? ' task-stage-pair' : ''}`, 'data-testid': 'stage' });
    const counter = h('div', { class: 'counter', 'aria-hidden': 'true' });
    const prompt = h('p', { class: 'task-prompt', 'data-testid': 'task-prompt', 'aria-live': 'polite' });
    const answers = h('div', { class: 'answer-row', role: 'group', 'aria-label': 'Your answer' });
    const confidence = h('div', { class: 'confidence-block', hidden: true });
    const controls = h('div', { class: 'task-controls' }, prompt, answers, confidence);
    const answerButtons = new Map();
    phaseAnswers(phase).forEach((answer, index) => {
      const key = answerKey(phase, answer, index);
      const label = phase.task === 'study' ? answer : ANSWER_LABELS[answer];
      const b = this.answerButton(label, key, { 'data-testid': `answer-${answer}`, 'data-answer': answer });
      answerButtons.set(answer, b);
      answers.append(b);
    });
    if (!answerButtons.size) answers.hidden = true;
    const confidenceButtons = [];
    if (phase.confidenceLevels) {
      const levels = phase.confidenceLevels;
      const row = h('div', { class: 'confidence-row', role: 'group', 'aria-label': `How sure are you? 1 = guess, ${levels} = sure` });
      for (let level = 1; level <= levels; level++) {
        const word = confidenceLabel(level, levels);
        const b = this.ui.button('', { class: 'conf-btn', 'data-testid': `confidence-${level}`, 'data-level': String(level),
          'aria-label': `${level}${word ? ` (${word})` : ''}${this.ui.touchFirst() ? '' : `, key ${confidenceKey(level)}`}`, disabled: true });
        b.append(h('span', { class: 'conf-num' }, String(level)), word ? h('span', { class: 'conf-word' }, word) : '');
        confidenceButtons.push(b);
        row.append(b);
      }
      confidence.append(h('p', { class: 'task-prompt' }, 'How sure are you?'), row);
    }
    const pair = phase.task === '2afc' ? this.pairView(stage) : null;
    show(`task-${phase.task}`,
      h('h1', { class: 'visually-hidden' }, phaseTitle(phase)),
      h('div', { class: ['task', `task-${phase.task}`, phase.confidenceLevels && phase.task !== 'study' ? 'has-confidence' : '',
        phase.task === 'study' && !phase.encodingQuestion ? 'no-question' : ''].filter(Boolean).join(' ') }, counter, stage, controls));
    return { stage, counter, prompt, answers, confidence, controls, answerButtons, confidenceButtons, pair };
  }

  answerButton(label, key, attrs) {
    const { h, button, touchFirst } = this.ui;
    const b = button('', { class: 'answer-btn', disabled: true, ...attrs,
      'aria-label': touchFirst() ? label : `${label} (key ${key.toUpperCase()})` });
    b.append(h('span', { class: 'answer-label' }, label));
    if (!touchFirst()) b.append(h('kbd', { 'aria-hidden': 'true' }, key.toUpperCase()));
    return b;
  }

  pairView(stage) {
    const { h, touchFirst } = this.ui;
    const sides = {};
    for (const side of ['left', 'right']) {
      const key = SIDE_KEYS[side];
      const frame = h('button', { type: 'button', class: 'choice', 'data-testid': `choice-${side}`, 'data-side': side, disabled: true,
        'aria-label': `The ${side} image${touchFirst() ? '' : ` (key ${key.toUpperCase()})`}` });
      // the key under each image; none on a touch screen (the images are tapped, and a portrait phone stacks them)
      const hint = touchFirst() ? null : h('span', { class: 'choice-key', 'aria-hidden': 'true' }, key.toUpperCase());
      sides[side] = { frame, hint, wrap: h('div', { class: 'choice-wrap' }, frame, hint) };
    }
    stage.append(sides.left.wrap, sides.right.wrap);
    return sides;
  }

  setCounter(item) {
    this.view.counter.textContent = `${item.index + 1} / ${this.total}`;
  }

  /** Puts an image into a container, hidden, decodes it and measures its displayed size. */
  async prepareImage(url, container, extraClass = '') {
    const img = this.images.get(url);
    if (!img) throw new Error(`image not preloaded: ${url}`);
    img.className = `stimulus task-image ${extraClass}`.trim();
    img.style.visibility = 'hidden';
    img.removeAttribute('data-testid');
    img.alt = '';
    container.replaceChildren(img);
    await img.decode();
    const rect = img.getBoundingClientRect();
    return { img, displayedWidth: Math.round(rect.width), displayedHeight: Math.round(rect.height) };
  }

  /** Enables buttons and keys for one choice; resolves with {value, ts} from the first press after the onset. */
  waitFor(options, { keys, notBefore, enable = true }) {
    return new Promise((resolve) => {
      let done = false;
      const finish = (value, ts) => {
        if (done || ts < notBefore()) return false;
        done = true;
        this.waiter = null;
        for (const { node } of options) node.removeEventListener('pointerdown', node.engramDown);
        resolve({ value, ts });
        return true;
      };
      for (const { node, value } of options) {
        if (enable) node.disabled = false;
        node.engramDown = (e) => { if (e.button === undefined || e.button === 0) finish(value, e.timeStamp); };
        node.addEventListener('pointerdown', node.engramDown);
        node.onclick = (e) => { if (e.detail === 0) finish(value, e.timeStamp); }; // Enter / Space on a focused button
      }
      this.waiter = { key: (name, ts) => (name in keys ? finish(keys[name], ts) : false) };
    });
  }

  markChosen(buttons, chosen) {
    for (const [value, node] of buttons) {
      node.disabled = true;
      node.classList.toggle('chosen', value === chosen);
      node.setAttribute('aria-pressed', String(value === chosen));
    }
  }

  resetButtons() {
    const all = [...this.view.answerButtons.values(), ...this.view.confidenceButtons];
    if (this.view.pair) all.push(this.view.pair.left.frame, this.view.pair.right.frame);
    for (const node of all) { node.disabled = true; node.classList.remove('chosen'); node.removeAttribute('aria-pressed'); node.onclick = null; }
    this.view.confidence.hidden = true;
  }

  newTrial(item, sizes) {
    return {
      item, position: item.position, phaseNo: this.phase.phase, task: this.phase.task, imageId: item.imageId ?? null,
      onsetMs: null, offsetMs: null, answerTs: null, answer: null, confidence: null, choiceSide: null, chosenImageId: null,
      boxes: [], droppedFrames: 0, ...sizes,
    };
  }

  /** The confidence row after an answer: resolves with the level. */
  async askConfidence(trial) {
    const levels = this.phase.confidenceLevels;
    this.view.confidence.hidden = false;
    this.view.prompt.hidden = true;
    const options = this.view.confidenceButtons.map((node, i) => ({ node, value: i + 1 }));
    const keys = {};
    for (let level = 1; level <= levels; level++) keys[confidenceKey(level)] = level;
    this.live(trial, 'confidence');
    const { value } = await this.waitFor(options, { keys, notBefore: () => 0 });
    this.markChosen(new Map(options.map((o) => [o.value, o.node])), value);
    trial.confidence = value;
    this.live(trial, 'confidence');
  }

  async hideAt(trial, hide) {
    const { ts } = await this.clock.waitUntil(0);
    hide();
    trial.offsetMs = ts;
    trial.droppedFrames = this.clock.droppedBetween(trial.onsetMs, ts);
  }

  async finishTrial(trial, img) {
    if (needsBoxes(this.phase, trial)) {
      this.live(trial, 'boxes');
      trial.boxes = await this.annotate(trial.item, img, trial);
    }
    const { visibilityChanges, fullscreenExits } = this.counters;
    this.counters = { visibilityChanges: 0, fullscreenExits: 0, blurs: 0 };
    trial.record = taskRecord(trial, { visibilityChanges, fullscreenExits });
    this.onTrialEnd(trial.record, trial.item);
    return trial;
  }

  /**
   * After a reload cut a trial between its answer and its confidence: the image (or pair) again, the answer marked,
   * a note, and the confidence row. The trial keeps its onset and page load; this is no new showing.
   */
  async resumeConfidence(trial, item) {
    this.view = this.buildView();
    document.addEventListener('keydown', this.onKey, true);
    try {
      this.resetButtons();
      const view = this.view;
      this.setCounter({ index: 0 });
      view.counter.hidden = true;
      if (this.phase.task === '2afc') {
        for (const side of ['left', 'right']) {
          const { img } = await this.prepareImage(item[side].url, view.pair[side].frame, 'choice-image');
          img.style.visibility = 'visible';
          img.setAttribute('data-testid', `stimulus-${side}`);
        }
        view.pair[trial.choiceSide].frame.classList.add('chosen');
      } else {
        const { img } = await this.prepareImage(item.url, view.stage);
        img.style.visibility = 'visible';
        img.setAttribute('data-testid', 'stimulus');
        this.markChosen(view.answerButtons, trial.answer);
      }
      const chosen = this.phase.task === '2afc' ? `the ${trial.choiceSide} image` : ANSWER_LABELS[trial.answer];
      view.controls.prepend(this.ui.h('p', { class: 'resumed-note task-prompt', 'data-testid': 'confidence-resumed' },
        `Welcome back. Your answer (${chosen}) was kept.`));
      await this.askConfidence(trial);
    } finally {
      document.removeEventListener('keydown', this.onKey, true);
      this.waiter = null;
    }
  }

  // ---------- study: the image for displayMs, the encoding question until answered ----------

  async studyTrial(item, onsetAt) {
    this.resetButtons();
    const view = this.view;
    const question = this.phase.encodingQuestion;
    view.prompt.hidden = !question;
    view.prompt.textContent = question ? question.text : '';
    const { img, displayedWidth, displayedHeight } = await this.prepareImage(item.url, view.stage);
    const trial = this.newTrial(item, { displayedWidth, displayedHeight });
    const options = [...view.answerButtons].map(([value, node]) => ({ node, value }));
    const keys = {};
    phaseAnswers(this.phase).forEach((answer, i) => { keys[answerKey(this.phase, answer, i)] = answer; });
    let answered = null;
    if (question) {
      trial.onShown = () => { for (const { node } of options) node.disabled = false; };
      answered = this.waitFor(options, { keys, notBefore: () => trial.onsetMs ?? Infinity, enable: false }).then(({ value, ts }) => {
        trial.answer = value;
        trial.answerTs = ts;
        this.markChosen(view.answerButtons, value);
        this.live(trial);
        return value;
      });
    }
    const shown = await this.present(trial, img, onsetAt, this.phase.displayMs || 2000);
    Object.assign(trial, { offsetMs: shown.offsetMs, droppedFrames: shown.droppedFrames });
    this.live(trial, 'isi');
    if (question && trial.answerTs == null) {
      view.prompt.textContent = `${question.text} (please answer to go on)`;
      await answered;
    }
    return this.finishTrial(trial, img);
  }

  /** Shows an image at the first frame at/after onsetAt for displayMs (the stream's timing, scheduler.js). */
  present(trial, img, onsetAt, displayMs) {
    return presentImage(this.clock, {
      onsetAt,
      displayMs,
      show: (ts) => this.showImage(trial, img, ts),
      hide: () => { img.style.visibility = 'hidden'; img.removeAttribute('data-testid'); },
    });
  }

  showImage(trial, img, ts, extra = {}) {
    img.style.visibility = 'visible';
    img.setAttribute('data-testid', 'stimulus');
    img.dataset.position = String(trial.position);
    if (trial.imageId) img.dataset.imageId = trial.imageId;
    Object.assign(img.dataset, extra);
    trial.onsetMs = ts;
    if (trial.onShown) trial.onShown();
    this.setCounter(trial.item);
    this.live(trial, 'display');
    if (this.onShow) this.onShow(trial.item);
  }

  // ---------- old-new and old-similar-new: the image until answered, then confidence, then boxes ----------

  async recognitionTrial(item, onsetAt) {
    this.resetButtons();
    const view = this.view;
    view.prompt.hidden = false;
    view.prompt.textContent = this.phase.task === 'old-new' ? 'Did you see this image in the first part?'
      : 'Is this the same image you saw, a similar one, or a new one?';
    const { img, displayedWidth, displayedHeight } = await this.prepareImage(item.url, view.stage);
    const trial = this.newTrial(item, { displayedWidth, displayedHeight });
    const onset = await this.clock.waitUntil(onsetAt);
    this.showImage(trial, img, onset.ts);
    const keys = {};
    phaseAnswers(this.phase).forEach((answer, i) => { keys[answerKey(this.phase, answer, i)] = answer; });
    const options = [...view.answerButtons].map(([value, node]) => ({ node, value }));
    const { value, ts } = await this.waitFor(options, { keys, notBefore: () => trial.onsetMs });
    Object.assign(trial, { answer: value, answerTs: ts });
    this.markChosen(view.answerButtons, value);
    if (needsConfidence(this.phase, trial)) await this.askConfidence(trial);
    await this.hideAt(trial, () => { img.style.visibility = 'hidden'; img.removeAttribute('data-testid'); });
    this.live(trial, 'isi');
    return this.finishTrial(trial, img);
  }

  // ---------- 2afc: two images until one is chosen, then confidence ----------

  async choiceTrial(item, onsetAt) {
    this.resetButtons();
    const view = this.view;
    const pair = view.pair;
    view.prompt.hidden = false;
    view.prompt.textContent = 'Which of these two images did you see before?';
    const left = await this.prepareImage(item.left.url, pair.left.frame, 'choice-image');
    const right = await this.prepareImage(item.right.url, pair.right.frame, 'choice-image');
    const trial = this.newTrial(item, { displayedWidth: left.displayedWidth, displayedHeight: left.displayedHeight });
    const onset = await this.clock.waitUntil(onsetAt);
    for (const [side, shown] of [['left', left], ['right', right]]) {
      shown.img.style.visibility = 'visible';
      shown.img.setAttribute('data-testid', `stimulus-${side}`);
      shown.img.dataset.imageId = item[side].imageId;
    }
    this.showImage(trial, left.img, onset.ts, { side: 'left' });
    left.img.setAttribute('data-testid', 'stimulus-left');
    const options = [{ node: pair.left.frame, value: 'left' }, { node: pair.right.frame, value: 'right' }];
    const { value, ts } = await this.waitFor(options, { keys: { [SIDE_KEYS.left]: 'left', [SIDE_KEYS.right]: 'right' },
      notBefore: () => trial.onsetMs });
    Object.assign(trial, { choiceSide: value, chosenImageId: item[value].imageId, answerTs: ts });
    this.markChosen(new Map(options.map((o) => [o.value, o.node])), value);
    if (needsConfidence(this.phase, trial)) await this.askConfidence(trial);
    await this.hideAt(trial, () => {
      for (const shown of [left, right]) { shown.img.style.visibility = 'hidden'; shown.img.removeAttribute('data-testid'); }
    });
    this.live(trial, 'isi');
    return this.finishTrial(trial, null);
  }
}

/** A phase's name for its screens. */
export function phaseTitle(phase) {
  switch (phase.task) {
    case 'study': return 'Look at the images';
    case 'old-new': return 'Memory test';
    case 'old-similar-new': return 'Memory test: old, similar or new';
    case '2afc': return 'Memory test: which one did you see?';
    case 'distractor': return 'Quick sums';
    case 'break': return 'A short break';
    default: return 'The memory game';
  }
}
