// The participant page: screens and flow (start, consent, instructions, practice, preload, stream, end).
import { ApiError, NetworkError, startRun, sendConsent, completeRun, sendDevice, sendCalibration, sendPractice, openPhase, phaseDone } from './api.js';
import { Outbox, backoffDelay } from './outbox.js';
import { FrameClock } from './scheduler.js';
import { StreamRunner, trialRecord } from './stream.js';
import { BoxEditor } from './boxes.js';
import { preloadImages } from './preload.js';
import { deviceReport } from './devicecheck.js';
import { calibrate } from './calibration.js';
import { applyStimulusSize, sizeAnnotationImage } from './sizing.js';
import { LiveStore, extraShowings } from './live.js';
import { endingScreen, plainErrorFor, sessionEndScreen, tooEarlyScreen, tooLateScreen } from './endings.js';
import { TaskRunner, taskRecord, needsConfidence, needsBoxes, phaseTitle, phaseAnswers, answerKey, SIDE_KEYS, confidenceKey } from './tasks.js';
import { breakScreen, distractorScreen, remainingMs } from './interludes.js';
import { withKeptRun, keepRunAndCleanAddress } from './session.js';

const REDIRECT_DELAY_S = 8;
const COUNTDOWN_S = 3;
const FEEDBACK_MS = 1500;

const state = {
  screen: 'loading',
  run: null,
  outbox: null,
  live: null,
  total: 0,
  position: null,
  remaining: 0,
  trialsEnded: [],
  fullscreenRequested: false,
  fullscreenRefused: null,
  streamActive: false,
  annotating: false,
  practiceResults: [],
  completion: null,
  warmups: [],
  phase: null,
  phasesDone: [],
};
/** The run's display settings and stored check (the start answer's `display`; empty for an old server). */
const display = () => (state.run && state.run.display) || {};
const images = new Map();
const clock = new FrameClock();
let runner = null;

// ---------- small DOM helpers ----------

function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

/**
 * Server-provided HTML (already sanitized by the server). Its links open in a new tab, so following one never takes
 * the participant out of the study (texts stored before the server added target="_blank" get it here).
 */
function serverHtml(html, testid) {
  const div = h('div', { class: 'server-text', 'data-testid': testid });
  div.innerHTML = html || '';
  div.querySelectorAll('a[href]').forEach((a) => {
    a.setAttribute('target', '_blank');
    a.setAttribute('rel', 'noopener noreferrer');
  });
  return div;
}

/** The templates open with the screen's own title as a heading; shown once, above, it is not repeated in the text. */
function withoutRepeatedTitle(text, title) {
  const first = text.firstElementChild;
  if (first && /^H[1-3]$/.test(first.tagName) && first.textContent.trim().toLowerCase() === title.toLowerCase()) {
    first.remove();
  }
  return text;
}

const root = () => document.getElementById('screen');

function show(name, ...children) {
  state.screen = name;
  document.body.dataset.screen = name;
  const main = root();
  main.replaceChildren(...children.flat().filter((c) => c != null && c !== false));
  main.className = `screen screen-${name}`;
  const heading = main.querySelector('h1');
  if (heading) { heading.setAttribute('tabindex', '-1'); heading.focus({ preventScroll: true }); }
  window.scrollTo(0, 0);
}

function button(label, attrs = {}) {
  return h('button', { type: 'button', class: 'btn', ...attrs }, label);
}

function once(node, event) {
  return new Promise((resolve) => node.addEventListener(event, resolve, { once: true }));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function safeRedirectUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch (e) {
    return null;
  }
}

// ---------- error screens ----------

const ERROR_TITLES = {
  bad_prolific_params: 'This study link is incomplete',
  unknown_experiment: 'Study not found',
  already_completed: 'You have already completed this study',
  experiment_closed: 'This study is not open right now',
  run_blocked: 'This study cannot be restarted',
  bad_token: 'Your session could not be verified',
  session_mismatch: 'This study is open in another browser',
  run_not_active: 'This session has ended',
  practice_failed: 'The study has ended for you',
  unknown_session: 'This link does not belong to a study you took part in',
};

function showError(title, message, { retry, reference } = {}) {
  state.streamActive = false;
  show('error',
    h('h1', {}, title),
    h('p', { class: 'lead', 'data-testid': 'error-message', role: 'alert' }, message),
    h('p', {}, 'If you think this is a mistake, please contact the researcher through Prolific\u2019s messaging system.'),
    reference ? h('p', { class: 'muted' }, 'Reference for the researcher: ', h('code', {}, reference)) : null,
    retry ? button('Try again', { class: 'btn btn-primary', 'data-testid': 'error-retry', onclick: retry }) : null);
}

// The study has all the participants it needs (409 experiment_full): nothing was recorded, nothing to retry.
// The experimenter's own text (fullHtml, or engram's built-in one) when the server sends it.
function fullScreen(message, html) {
  state.streamActive = false;
  if (html) {
    show('full',
      h('h1', {}, 'This study is full'),
      h('div', { role: 'alert' }, serverHtml(html, 'full-message')));
    return;
  }
  show('full',
    h('h1', {}, 'This study is full'),
    h('p', { class: 'lead', 'data-testid': 'full-message', role: 'alert' }, message),
    h('p', {}, 'On Prolific, choose \u201cReturn submission\u201d for this study; returning a full study is not held against'
      + ' you. Nothing was recorded here, and you do not need a completion code.'),
    h('p', { class: 'muted' }, 'Thank you for your interest in the study.'));
}

function showApiError(error, options = {}) {
  const plain = error instanceof ApiError ? plainErrorFor(error) : null;
  if (error instanceof ApiError && error.code === 'experiment_full') {
    fullScreen(error.message, error.body && error.body.fullHtml);
  } else if (plain) {
    showError(plain.title, plain.message, { ...options, reference: plain.reference });
  } else if (error instanceof ApiError && error.code === 'session_mismatch') {
    showError(ERROR_TITLES[error.code], error.message, { reference: error.code }); // the code tells the researcher why
  } else if (error instanceof ApiError) {
    showError(ERROR_TITLES[error.code] || 'Something went wrong', error.message, options);
  } else if (error instanceof NetworkError) {
    showError('No connection', 'We could not reach the study server. Please check your internet connection and try again.',
      { retry: options.retry || (() => location.reload()), reference: options.reference });
  } else {
    console.error(error);
    showError('Something went wrong', 'The page ran into an unexpected problem. Reloading the page continues where you left off.',
      { retry: () => location.reload(), reference: options.reference });
  }
}

// ---------- saving indicator ----------

function wireIndicator(outbox) {
  const indicator = document.getElementById('saving-indicator');
  let shownSince = 0;
  let timer = null;
  outbox.onChange((snap) => {
    indicator.dataset.state = snap.status;
    indicator.dataset.pending = String(snap.pending);
    if (snap.status === 'retrying') {
      indicator.textContent = 'Offline \u2014 answers kept, will retry';
      indicator.title = 'Your answers are stored on this device and will be sent automatically when the connection is back.';
      indicator.classList.add('visible', 'warn');
    } else if (snap.status === 'sending') {
      indicator.textContent = 'Saving\u2026';
      indicator.classList.remove('warn');
      // only show "saving" when it takes a while, so the stream is not distracted by a flicker every trial
      if (!timer && !indicator.classList.contains('visible')) {
        shownSince = performance.now();
        timer = setTimeout(() => { timer = null; if (outbox.status !== 'idle') indicator.classList.add('visible'); }, 1000);
      }
    } else {
      indicator.textContent = 'All answers saved';
      indicator.classList.remove('warn');
      clearTimeout(timer);
      timer = null;
      const visibleFor = performance.now() - shownSince;
      setTimeout(() => { if (outbox.status === 'idle') indicator.classList.remove('visible'); }, Math.max(0, 1200 - visibleFor));
    }
  });
}

// ---------- start ----------

function readParams() {
  const match = location.pathname.match(/^\/run\/([^/]+)\/?$/);
  const query = new URLSearchParams(location.search);
  return {
    experiment: match ? decodeURIComponent(match[1]) : null,
    prolificPid: query.get('PROLIFIC_PID') || '',
    studyId: query.get('STUDY_ID') || '',
    sessionId: query.get('SESSION_ID') || '',
    pilotKey: query.get('pilot') || undefined,
    // a follow-up study's link names its part of the study (issue 14): &session=2
    session: /^[1-9]\d{0,2}$/.test(query.get('session') || '') ? Number(query.get('session')) : undefined,
    test: query.get('engram_test') === '1',
  };
}

async function start(params) {
  show('loading', h('h1', {}, 'Loading the study\u2026'), h('div', { class: 'spinner', 'aria-hidden': 'true' }));
  try {
    return await startRun(params);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'already_completed' && e.body.completionCode) {
      // the link was opened again after the end: the same code and redirect as the first time
      state.completion = e.body;
      endingScreen({ show, h, serverHtml, redirectBlock }, e.body.texts || {}, e.body, { again: true });
      return null;
    }
    if (e instanceof ApiError && e.code === 'session_too_early') {
      state.completion = e.body;
      tooEarlyScreen({ show, h, redirectBlock }, e.body);
      return null;
    }
    if (e instanceof ApiError && e.code === 'session_too_late') {
      state.completion = e.body;
      tooLateScreen({ show, h, redirectBlock }, e.body);
      return null;
    }
    const transient = e instanceof NetworkError || (e instanceof ApiError && e.transient);
    showApiError(e, transient ? { retry: () => location.reload() } : {});
    return null;
  }
}

// ---------- consent ----------

async function consentScreen(run) {
  const status = h('p', { class: 'status', role: 'status' });
  const accept = button('I agree to take part', { class: 'btn btn-primary', 'data-testid': 'consent-accept' });
  const decline = button('I do not agree', { class: 'btn btn-secondary', 'data-testid': 'consent-decline' });
  show('consent',
    h('h1', {}, 'Consent'),
    serverHtml(run.texts && run.texts.consentHtml, 'consent-text'),
    h('div', { class: 'actions' }, decline, accept),
    status);
  for (;;) {
    const choice = await Promise.race([once(accept, 'click').then(() => true), once(decline, 'click').then(() => false)]);
    accept.disabled = decline.disabled = true;
    status.textContent = 'Sending\u2026';
    try {
      const answer = await sendConsent(run, choice);
      if (!choice) { noConsentScreen(answer); return false; }
      run.consented = true;
      return true;
    } catch (e) {
      if (e instanceof NetworkError || (e instanceof ApiError && e.transient)) {
        status.textContent = 'That did not reach the server. Please check your connection and try again.';
        accept.disabled = decline.disabled = false;
        continue;
      }
      showApiError(e, { reference: run.runId });
      return false;
    }
  }
}

function redirectBlock(url, label, { auto = true } = {}) {
  const safe = safeRedirectUrl(url);
  if (!safe) return h('p', {}, 'Please return to Prolific.');
  if (!auto) {
    return h('div', { class: 'redirect' }, h('a', { class: 'btn btn-primary', href: safe, 'data-testid': 'redirect-link' }, label));
  }
  const countdown = h('span', {}, String(REDIRECT_DELAY_S));
  const block = h('div', { class: 'redirect' },
    h('p', {}, 'You will be taken back to Prolific in ', countdown, ' seconds.'),
    h('a', { class: 'btn btn-primary', href: safe, 'data-testid': 'redirect-link' }, label));
  let left = REDIRECT_DELAY_S;
  const timer = setInterval(() => {
    left -= 1;
    countdown.textContent = String(Math.max(left, 0));
    if (left <= 0) { clearInterval(timer); location.assign(safe); }
  }, 1000);
  return block;
}

/** The code and "Return to Prolific" of an end screen, kept together (on a phone they stay in view). */
function endingFoot(codeParagraph, redirectUrl) {
  return h('div', { class: 'ending-foot' }, codeParagraph, redirectBlock(redirectUrl, 'Return to Prolific'));
}

function noConsentScreen(answer) {
  state.completion = answer;
  show('no-consent',
    h('h1', {}, 'Thank you'),
    h('p', { class: 'lead' }, 'You chose not to take part. No study data will be collected from you.'),
    endingFoot(h('p', {}, 'Your Prolific code: ', h('strong', { class: 'code', 'data-testid': 'completion-code' }, answer.completionCode || '')),
      answer.redirectUrl));
}

// ---------- instructions and practice ----------

async function instructionsScreen(run, { game = true } = {}) {
  const startPractice = button(game && run.practice && run.practice.length ? 'Start the practice' : 'Continue',
    { class: 'btn btn-primary', 'data-testid': 'start-practice' });
  const title = game ? 'How the game works' : 'How the study works';
  show('instructions',
    h('h1', {}, title),
    withoutRepeatedTitle(serverHtml(run.texts && run.texts.instructionsHtml, 'instructions-text'), title),
    game ? keyHelp() : null,
    h('div', { class: 'actions' }, startPractice));
  await once(startPractice, 'click');
}

/** A touch screen without a mouse (a phone or tablet): tapping comes first there, the Space key only with a keyboard. */
const touchFirst = () => Boolean(window.matchMedia && window.matchMedia('(pointer: coarse)').matches);

function keyHelp() {
  const how = touchFirst()
    ? ['tap the ', h('strong', {}, 'Repeat!'), ' button (or press ', h('kbd', {}, 'Space'), ' on a keyboard).']
    : ['press ', h('kbd', {}, 'Space'), ' or tap the ', h('strong', {}, 'Repeat!'), ' button.'];
  return h('div', { class: 'key-help' },
    h('p', {}, 'When an image appears that you have already seen ', h('em', {}, 'in this game'), ', ', ...how),
    h('p', {}, 'Then draw a box around what made you remember it.'));
}

function practiceFeedback(record, item) {
  const correct = record.responded === Boolean(item.repeat);
  const text = record.responded
    ? (item.repeat ? 'Correct \u2014 that was a repeat' : 'Not quite \u2014 that image was new')
    : (item.repeat ? 'Missed \u2014 that was a repeat' : 'Correct \u2014 that image was new');
  return { correct, text };
}

/**
 * The practice, repeated while the server says so (the experiment's pass mark and repeats). Resolves false when the
 * run ended (the practice was failed and the experiment ends the study then), true to go on.
 */
async function practice(run) {
  const items = run.practice || [];
  if (!items.length) return true;
  await preloadScreen(items.map((p) => p.url), 'Loading the practice\u2026');
  let attempt = display().practiceAttempts || 0;
  for (;;) {
    attempt += 1;
    const correct = await practiceOnce(run, items);
    const outcome = await sendWithRetry(() => sendPractice(run, { attempt, correct, total: items.length }), run);
    if (!outcome) return false;
    if (outcome.ended) { practiceFailedScreen(outcome, correct, items.length); return false; }
    const passMark = display().practicePassMark || 0;
    const needed = Math.ceil((passMark - 0.005) * items.length); // as the server counts it
    const next = outcome.repeat
      ? button('Practise again', { class: 'btn btn-primary', 'data-testid': 'practice-repeat' })
      : button('Continue to the game', { class: 'btn btn-primary', 'data-testid': 'practice-continue' });
    show('practice-done',
      h('h1', {}, outcome.repeat ? 'Let\u2019s practise once more' : 'Practice complete'),
      h('p', { class: 'lead', 'data-testid': 'practice-score' }, `You answered ${correct} of ${items.length} practice images correctly.`),
      outcome.repeat
        ? h('p', {}, `To go on to the game you need at least ${needed} of ${items.length}. Remember: press Space or tap Repeat! only`
          + ' when an image is one you have already seen in this game.')
        : h('p', {}, 'The real game works the same way, with more images and no feedback. It takes a while, so please make sure you will not be interrupted.'),
      h('div', { class: 'actions' }, next));
    await once(next, 'click');
    if (!outcome.repeat) return true;
  }
}

/** One pass through the practice items with feedback; resolves with the number answered correctly. */
async function practiceOnce(run, items) {
  state.practiceResults = [];
  let annotatedOnce = false;
  const view = streamView({ practice: true });
  const practiceRunner = new StreamRunner({
    clock, stage: view.stage, images, displayMs: run.displayMs, isiMs: run.isiMs,
    annotate: async (item, img) => {
      if (annotatedOnce) return [];
      annotatedOnce = true;
      return annotateImage(img, run, { practice: true });
    },
    resume: () => countdown(view, 1),
    onTrialEnd: () => {},
    afterTrial: async (record, item) => {
      const feedback = practiceFeedback(record, item);
      state.practiceResults.push(feedback.correct);
      await view.flash(feedback.text, feedback.correct);
    },
    onShow: () => view.resetButton(),
  });
  await runStreamIn(view, practiceRunner, items);
  if (!annotatedOnce) {
    const repeatItem = items.find((p) => p.repeat) || items[items.length - 1];
    await annotateImage(images.get(repeatItem.url), run, { practice: true, explain: true });
  }
  return state.practiceResults.filter(Boolean).length;
}

/** Calls the server until it answers: transient failures are retried with backoff; resolves null after an error screen. */
async function sendWithRetry(call, run) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (e instanceof NetworkError || (e instanceof ApiError && e.transient)) { await sleep(backoffDelay(attempt)); continue; }
      showApiError(e, { reference: run.runId });
      return null;
    }
  }
}

function practiceFailedScreen(outcome, correct, total) {
  state.completion = outcome;
  show('practice-failed',
    h('h1', {}, 'The study ends here'),
    h('p', { class: 'lead', 'data-testid': 'practice-failed-message' },
      `You answered ${correct} of ${total} practice images correctly, which is below what this study needs, after ${outcome.attempts}`
      + ` ${outcome.attempts === 1 ? 'try' : 'tries'}. Thank you for your time.`),
    endingFoot(h('p', {}, 'Your Prolific code: ', h('strong', { class: 'code', 'data-testid': 'completion-code' }, outcome.completionCode || '')),
      outcome.redirectUrl));
}

// ---------- browser check and calibration ----------

/**
 * The browser check (once per run) and, for sizes in degrees, the card calibration. Resolves false when the device
 * was refused (the no-device screen is showing), true to go on.
 */
async function deviceStep(run) {
  const d = display();
  if (!run.display) return true;
  if (!d.deviceChecked) {
    show('device-check', h('h1', {}, 'Checking your browser\u2026'),
      h('p', { class: 'lead' }, 'This takes a second. Please keep this tab open.'), h('div', { class: 'spinner', 'aria-hidden': 'true' }));
    const report = await deviceReport();
    state.device = report;
    const answer = await sendWithRetry(() => sendDevice(run, report), run);
    if (!answer) return false;
    if (!answer.accepted) { noDeviceScreen(answer); return false; }
    Object.assign(d, { deviceChecked: true, stimulusSizePx: answer.stimulusSizePx });
  }
  if (d.sizeMode === 'DEGREES' && !d.calibrated) {
    let refused = null;
    await calibrate({ h, button, show }, d, async (values) => {
      try {
        const answer = await sendCalibration(run, values);
        if (!answer.accepted) { refused = answer; return null; }
        Object.assign(d, { calibrated: true, pxPerDegree: answer.pxPerDegree, stimulusSizePx: answer.stimulusSizePx });
        return null;
      } catch (e) {
        if (e instanceof ApiError && e.status === 400) return e.message;
        if (e instanceof NetworkError || (e instanceof ApiError && e.transient)) return 'That did not reach the server. Please check your connection and try again.';
        throw e;
      }
    });
    if (refused) { noDeviceScreen(refused); return false; }
  }
  return true;
}

function noDeviceScreen(answer) {
  state.completion = answer;
  show('no-device',
    h('h1', {}, 'This device cannot be used for this study'),
    h('p', { class: 'lead', 'data-testid': 'no-device-rule', 'data-rule': answer.rule || '' }, answer.message || ''),
    h('p', {}, 'Nothing else is needed from you. Please return to Prolific with the code below.'),
    endingFoot(h('p', {}, 'Your Prolific code: ', h('strong', { class: 'code', 'data-testid': 'completion-code' }, answer.completionCode || '')),
      answer.redirectUrl));
}

// ---------- preloading ----------

async function preloadScreen(urls, title) {
  const bar = h('div', { class: 'progress-fill' });
  const progress = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': '0', 'aria-label': 'Loading images', 'data-testid': 'preload-progress' }, bar);
  const label = h('p', { class: 'progress-label' });
  const problem = h('div', { class: 'problem' });
  show('preload', h('h1', {}, title), h('p', {}, 'This only takes a moment. Please keep this tab open.'), progress, label, problem);
  for (;;) {
    const failed = await preloadImages(urls, images, {
      onProgress: (done, total) => {
        const percent = total ? Math.round((done / total) * 100) : 100;
        bar.style.width = `${percent}%`;
        progress.setAttribute('aria-valuenow', String(percent));
        progress.dataset.done = String(done);
        progress.dataset.total = String(total);
        label.textContent = `${done} of ${total} images loaded`;
      },
    });
    if (!failed.length) {
      for (const url of urls) applyStimulusSize(images.get(url), display().stimulusSizePx);
      return;
    }
    const retry = button('Try again', { class: 'btn btn-primary', 'data-testid': 'preload-retry' });
    problem.replaceChildren(
      h('p', { 'data-testid': 'error-message', role: 'alert' },
        `${failed.length} ${failed.length === 1 ? 'image' : 'images'} could not be loaded. Please check your internet connection and try again.`),
      retry);
    await once(retry, 'click');
    problem.replaceChildren();
  }
}

// ---------- stream view, countdown, annotation ----------

function streamView({ practice = false } = {}) {
  const stage = h('div', { class: 'stage', 'data-testid': 'stage' });
  const respond = h('button', { type: 'button', class: 'respond', 'data-testid': 'respond-button', 'aria-label': 'Repeat! (or press Space)' }, 'Repeat!');
  const overlay = h('div', { class: 'overlay', 'aria-live': 'polite' });
  const counter = h('div', { class: 'counter', 'aria-hidden': 'true' });
  const fullscreenAgain = button('Return to full screen', { class: 'btn btn-small fullscreen-again', hidden: true,
    onclick: () => requestFullscreen() });
  respond.addEventListener('pointerdown', (e) => { if (runner && runner.respond(e.timeStamp)) respond.classList.add('pressed'); });
  respond.addEventListener('click', (e) => { if (e.detail === 0 && runner && runner.respond(e.timeStamp)) respond.classList.add('pressed'); });
  show(practice ? 'practice' : 'stream',
    h('div', { class: 'stream' }, practice ? h('div', { class: 'badge' }, 'Practice') : null, counter, fullscreenAgain,
      stage, overlay, h('div', { class: 'respond-row' }, respond)));
  return {
    stage, overlay, counter, fullscreenAgain,
    resetButton() { respond.classList.remove('pressed'); },
    async flash(text, good) {
      overlay.replaceChildren(h('p', { class: `feedback ${good ? 'good' : 'bad'}`, 'data-testid': 'practice-feedback' }, text));
      await sleep(FEEDBACK_MS);
      overlay.replaceChildren();
    },
  };
}

async function countdown(view, seconds = COUNTDOWN_S) {
  const number = h('span', { class: 'count' });
  view.overlay.replaceChildren(h('div', { class: 'get-ready', 'data-testid': 'get-ready' }, h('p', {}, 'Get ready'), number));
  for (let s = seconds; s > 0; s--) { number.textContent = String(s); await sleep(1000); }
  view.overlay.replaceChildren();
  // warm-up: no onset until the frame clock is steady again after the fullscreen switch and the countdown
  if (clock.running && display().warmupFrames) state.warmups.push(await clock.waitSteady(display().warmupFrames));
}

/** Shows the image large with the box tool; resolves with the boxes when "Done" is pressed. */
async function annotateImage(stimulus, run, { practice = false, explain = false, initialBoxes = null, onBoxes = null, resumed = false,
  resumedText = 'Welcome back. Your Repeat! answer was kept; please finish the boxes for this image.' } = {}) {
  const previousScreen = state.screen;
  state.annotating = true;
  state.screen = 'annotation';
  const img = stimulus.cloneNode();
  img.removeAttribute('style');
  img.removeAttribute('data-testid');
  img.className = 'annotate-image';
  img.alt = 'The image you marked as a repeat';
  await img.decode().catch(() => {});
  if (img.naturalWidth && img.naturalHeight) img.style.setProperty('--aspect', String(img.naturalWidth / img.naturalHeight));
  sizeAnnotationImage(img, stimulus, display().stimulusSizePx, display().annotationScale);
  const frame = h('div', { class: 'annotate-frame' }, img);
  const count = h('p', { class: 'box-count', role: 'status' });
  const done = button('Done', { class: 'btn btn-primary', 'data-testid': 'box-done', disabled: true });
  const add = button('Add a box', { class: 'btn btn-secondary', 'data-testid': 'box-add' });
  const min = run.minBoxes ?? 1;
  const max = run.maxBoxes ?? 5;
  const editor = new BoxEditor(frame, {
    maxBoxes: max,
    onChange: (boxes) => {
      if (onBoxes) onBoxes(boxes);
      done.disabled = boxes.length < min;
      add.disabled = boxes.length >= max;
      count.textContent = boxes.length >= max
        ? `${boxes.length} boxes \u2014 that is the most you can draw.`
        : `${boxes.length} ${boxes.length === 1 ? 'box' : 'boxes'} drawn (at least ${min}, at most ${max}).`;
    },
  });
  add.addEventListener('click', () => editor.addCentredBox());
  if (initialBoxes && initialBoxes.length) editor.load(initialBoxes);
  else editor.onChange([]);
  const layer = h('div', { class: 'annotate', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'annotate-title' },
    h('div', { class: 'annotate-head' },
      practice ? h('div', { class: 'badge' }, 'Practice') : null,
      h('h2', { id: 'annotate-title' }, 'What made you remember this image?'),
      resumed ? h('p', { class: 'resumed-note', 'data-testid': 'annotate-resumed' }, resumedText) : null,
      h('p', {}, explain
        ? 'In the game, each time you press Repeat! you will mark what made you remember the image. Try it here: drag on the image to draw a box.'
        : `Drag on the image to draw a box around each part that made you remember it. Drag a box to move it, drag its corners to resize, \u00d7 deletes it.`)),
    frame,
    h('div', { class: 'annotate-foot' }, count, h('div', { class: 'actions' }, add, done)));
  // everything behind the box tool is inert, so Tab stays inside it (never on the hidden Repeat! button)
  const behind = [root(), document.getElementById('saving-indicator')].filter(Boolean);
  behind.forEach((node) => { node.inert = true; });
  const untrap = trapFocus(layer);
  document.body.append(layer);
  layer.querySelector('h2').setAttribute('tabindex', '-1');
  layer.querySelector('h2').focus({ preventScroll: true });
  await once(done, 'click');
  const boxes = editor.value();
  editor.destroy();
  untrap();
  layer.remove();
  behind.forEach((node) => { node.inert = false; });
  state.annotating = false;
  state.screen = previousScreen;
  return boxes;
}

/** Tab and Shift+Tab cycle through the dialog's controls instead of leaving it. Returns the function that ends this. */
function trapFocus(dialog) {
  const onKey = (e) => {
    if (e.key !== 'Tab') return;
    const focusable = [...dialog.querySelectorAll('button, [tabindex="0"], a[href], input, select, textarea')]
      .filter((el) => !el.disabled && el.offsetParent !== null);
    if (!focusable.length) return;
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    const inside = dialog.contains(document.activeElement);
    if (e.shiftKey && (document.activeElement === first || !inside)) { last.focus(); e.preventDefault(); }
    else if (!e.shiftKey && (document.activeElement === last || !inside)) { first.focus(); e.preventDefault(); }
  };
  document.addEventListener('keydown', onKey, true);
  return () => document.removeEventListener('keydown', onKey, true);
}

async function runStreamIn(view, streamRunner, items) {
  runner = streamRunner;
  state.streamActive = true;
  clock.start();
  await countdown(view);
  await streamRunner.run(items);
  state.streamActive = false;
  clock.stop();
  runner = null;
}

// ---------- fullscreen ----------

async function requestFullscreen() {
  const element = document.documentElement;
  const request = element.requestFullscreen || element.webkitRequestFullscreen;
  if (!request) return false;
  try {
    await request.call(element);
    return true;
  } catch (e) {
    console.info('engram: fullscreen refused', e);
    return false;
  }
}

const isFullscreen = () => Boolean(document.fullscreenElement || document.webkitFullscreenElement);

/** Asks for full screen (once per page load); with full screen required, until the browser switches. */
async function enterFullscreen() {
  if (state.fullscreenRequested && (isFullscreen() || state.fullscreenRefused)) return;
  state.fullscreenRequested = true;
  state.fullscreenRefused = !(await requestFullscreen());
  while (state.fullscreenRefused && display().rules && display().rules.requireFullscreen) {
    const again = button('Switch to full screen', { class: 'btn btn-primary btn-large', 'data-testid': 'fullscreen-retry' });
    show('fullscreen-needed',
      h('h1', {}, 'Full screen is needed'),
      h('p', { class: 'lead', role: 'alert' }, 'This study only runs in full screen, and the browser did not switch. Please allow full screen when the browser asks.'),
      h('div', { class: 'actions' }, again));
    await once(again, 'click');
    state.fullscreenRefused = !(await requestFullscreen());
  }
}

async function readyScreen(remaining, resumed) {
  const go = button('Start the game (full screen)', { class: 'btn btn-primary btn-large', 'data-testid': 'start-stream' });
  show('ready',
    h('h1', {}, resumed ? 'Welcome back' : 'Ready to start'),
    resumed ? h('p', { class: 'lead' }, `You can continue where you left off: ${remaining} images to go.`)
      : h('p', { class: 'lead' }, `The game has ${remaining} images. It runs without stopping except when you press Repeat!.`),
    keyHelp(),
    h('p', { class: 'muted' }, 'The game opens in full screen. Please stay in this window until the end.'),
    h('div', { class: 'actions' }, go));
  await once(go, 'click');
  state.fullscreenRequested = true;
  state.fullscreenRefused = !(await requestFullscreen());
  while (state.fullscreenRefused && display().rules && display().rules.requireFullscreen) {
    const again = button('Switch to full screen', { class: 'btn btn-primary btn-large', 'data-testid': 'fullscreen-retry' });
    show('fullscreen-needed',
      h('h1', {}, 'Full screen is needed'),
      h('p', { class: 'lead', role: 'alert' }, 'This game only runs in full screen, and the browser did not switch. Please allow full screen when the browser asks.'),
      h('div', { class: 'actions' }, again));
    await once(again, 'click');
    state.fullscreenRefused = !(await requestFullscreen());
  }
}

// ---------- the stream ----------

async function stream(run, items, total = run.trials.length) {
  const view = streamView();
  const mainRunner = new StreamRunner({
    clock, stage: view.stage, images, displayMs: run.displayMs, isiMs: run.isiMs,
    annotate: (item, img, trial) => annotateImage(img, run, {
      onBoxes: (boxes) => { trial.boxes = boxes; state.live.save(liveEntry(run, trial)); },
    }),
    resume: () => countdown(view),
    onLive: (trial, counters) => {
      if (!trial.shownNoted) { state.live.noteShown(trial.item.position); trial.shownNoted = true; }
      trial.counters = counters;
      state.live.save(liveEntry(run, trial));
    },
    onTrialEnd: (record, item) => sendTrial(run, item.position, record, run.pageLoad, null),
    onShow: (item) => {
      view.resetButton();
      state.position = item.position;
      view.counter.textContent = `${item.position + 1} / ${total}`;
      view.fullscreenAgain.hidden = !state.fullscreenRequested || state.fullscreenRefused || isFullscreen();
    },
  });
  await runStreamIn(view, mainRunner, items);
}

// ---------- answers that survive a reload (live.js) ----------

/** The pending-answer record of an open trial: everything needed to finish it after a reload. */
function liveEntry(run, trial) {
  return {
    position: trial.item.position, imageId: trial.item.imageId, phase: trial.phase, pageLoad: run.pageLoad ?? null,
    onsetMs: trial.onsetMs, offsetMs: trial.offsetMs ?? null, responseTs: trial.responseTs,
    rtMs: trial.responseTs != null ? trial.responseTs - trial.onsetMs : null,
    droppedFrames: trial.droppedFrames ?? 0, displayedWidth: trial.displayedWidth, displayedHeight: trial.displayedHeight,
    devicePixelRatio: window.devicePixelRatio || 1, boxes: trial.boxes || [], counters: trial.counters || {},
  };
}

/** Hands an ended trial to the outbox, with its page load, how a reload cut it, and showings beyond the design. */
function sendTrial(run, position, record, pageLoad, interrupted) {
  const full = { ...record, pageLoad: pageLoad ?? null, interrupted,
    extraShowings: extraShowings(run.trials, position, (p) => state.live.shownCount(p)) };
  // until the outbox has it, the finished record waits in the pending-answer record (a reload re-queues it as it is)
  state.live.save({ position, imageId: record.imageId, phase: 'ended', record: full });
  state.outbox.add(position, full).then(() => state.live.drop(position));
  state.trialsEnded.push({ position, ...full });
}

/**
 * Finishes the trials an earlier page load left open, without showing their images in the stream again: a trial with
 * a response reopens the box tool on the same image with the boxes kept; one without is recorded as it happened.
 */
async function finishInterrupted(run, entries) {
  const needBoxes = entries.filter((e) => e.phase !== 'ended' && (e.task ? e.answerTs != null : e.responseTs != null));
  const itemAt = (position) => run.trials.find((t) => t.position === position);
  if (needBoxes.length) await preloadScreen(needBoxes.flatMap((e) => itemUrls(itemAt(e.position))), 'Loading your last image\u2026');
  for (const entry of entries) {
    const item = itemAt(entry.position);
    if (entry.phase === 'ended') {
      state.outbox.add(item.position, entry.record).then(() => state.live.drop(item.position));
      state.trialsEnded.push({ position: item.position, ...entry.record });
      continue;
    }
    if (entry.task) {
      await finishInterruptedTask(run, entry, item);
      continue;
    }
    const trial = {
      item, onsetMs: entry.onsetMs, offsetMs: entry.offsetMs ?? entry.unloadMs ?? entry.onsetMs, responseTs: entry.responseTs,
      droppedFrames: entry.droppedFrames ?? 0, displayedWidth: entry.displayedWidth, displayedHeight: entry.displayedHeight,
      devicePixelRatio: entry.devicePixelRatio, boxes: entry.boxes || [],
    };
    if (trial.responseTs != null) {
      trial.boxes = await annotateImage(images.get(item.url), run, {
        initialBoxes: trial.boxes, resumed: true, onBoxes: (boxes) => state.live.save({ ...entry, phase: 'boxes', boxes }),
      });
    }
    sendTrial(run, item.position, trialRecord(trial, entry.counters || {}), entry.pageLoad, entry.phase);
  }
}

// ---------- phases: study, tests, distractor, break (issue 14; tasks.js, interludes.js) ----------

/** A run whose experiment is more than the one continuous game (the start answer's `phases`). */
const isPhased = (run) => Array.isArray(run.phases) && run.phases.some((p) => p.task !== 'continuous' || (p.session || 1) !== 1);

const phaseOf = (run, number) => (run.phases || []).find((p) => p.phase === number) || null;

const sessionCount = (run) => Math.max(1, ...(run.phases || []).map((p) => p.session || 1));

/** The trial items of one phase, in order, each with its index in the phase (for the "3 / 40" counter). */
function phaseItems(run, phase) {
  return run.trials.filter((t) => t.phase === phase.phase).map((t, index) => ({ ...t, index }));
}

/** The image urls a trial item needs (two for 2afc). */
const itemUrls = (item) => (item.left && item.right ? [item.left.url, item.right.url] : [item.url]);

/** "Part 1 of 2" for multi-session experiments, else null. */
function partLabel(run) {
  const sessions = sessionCount(run);
  return sessions > 1 ? `Part ${run.session || 1} of ${sessions}` : null;
}

/** The pending-answer record of an open task trial (live.js): enough to finish it after a reload. */
function liveTaskEntry(run, trial, counters) {
  return {
    position: trial.position, imageId: trial.imageId ?? null, task: trial.task, phaseNo: trial.phaseNo, phase: trial.stage,
    pageLoad: trial.pageLoad ?? run.pageLoad ?? null, onsetMs: trial.onsetMs, offsetMs: trial.offsetMs ?? null,
    answerTs: trial.answerTs, answer: trial.answer, confidence: trial.confidence, choiceSide: trial.choiceSide,
    chosenImageId: trial.chosenImageId, droppedFrames: trial.droppedFrames ?? 0, displayedWidth: trial.displayedWidth,
    displayedHeight: trial.displayedHeight, devicePixelRatio: window.devicePixelRatio || 1, boxes: trial.boxes || [],
    counters: counters || {},
  };
}

const taskUi = () => ({ h, show, button, touchFirst });

function taskRunner(run, phase, total) {
  return new TaskRunner({
    ui: taskUi(), clock, images, phase, isiMs: run.isiMs ?? 500, total,
    annotate: (item, img, trial) => annotateImage(img, run, {
      onBoxes: (boxes) => { trial.boxes = boxes; state.live.save(liveTaskEntry(run, trial)); },
    }),
    onLive: (trial, counters) => {
      if (!trial.shownNoted && trial.onsetMs != null) { state.live.noteShown(trial.position); trial.shownNoted = true; }
      state.live.save(liveTaskEntry(run, trial, counters));
    },
    onTrialEnd: (record, item) => sendTrial(run, item.position, record, run.pageLoad, null),
    onShow: (item) => { state.position = item.position; },
  });
}

/** Keys in words for the intro screens ("press F or J"), or nothing on a touch screen. */
function keysSentence(pairs) {
  if (touchFirst()) return [];
  const parts = [];
  pairs.forEach(([label, key], i) => {
    if (i) parts.push(i === pairs.length - 1 ? ' or ' : ', ');
    parts.push(h('kbd', {}, key), ` for ${label}`);
  });
  return parts;
}

/** The short instruction screen before a study or test phase. */
async function phaseIntro(run, phase, remaining, total) {
  const resumed = remaining < total;
  const tap = touchFirst() ? 'tap' : 'click';
  const lines = [];
  const levels = phase.confidenceLevels;
  if (phase.task === 'study') {
    const seconds = Math.round((phase.displayMs || 2000) / 100) / 10;
    lines.push(`You will see ${total} images, one at a time, each for ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
      + ' Look at each one carefully: your memory of them will be tested later.');
    const q = phase.encodingQuestion;
    if (q) {
      const answers = phaseAnswers(phase);
      lines.push([`For each image, answer the question \u201c${q.text}\u201d: ${tap} an answer`,
        ...(touchFirst() ? [] : [' or press ', ...keysSentence(answers.map((a, i) => [a, answerKey(phase, a, i)]))]), '.']);
    }
  } else if (phase.task === 'old-new') {
    lines.push(`You will see ${total} images, one at a time. Some of them you have seen before in this study (old); the others are new.`);
    lines.push([`For each image, ${tap} `, h('strong', {}, 'Old'), ' or ', h('strong', {}, 'New'),
      ...(touchFirst() ? [] : ['; or press ', ...keysSentence([['Old', 'F'], ['New', 'J']])]), '.']);
  } else if (phase.task === 'old-similar-new') {
    lines.push(`You will see ${total} images, one at a time. Some are exactly images you have seen before in this study (old),`
      + ' some look similar to one you saw but are not the same (similar), and the others are new.');
    lines.push([`For each image, ${tap} `, h('strong', {}, 'Old'), ', ', h('strong', {}, 'Similar'), ' or ', h('strong', {}, 'New'),
      ...(touchFirst() ? [] : ['; or press ', ...keysSentence([['Old', 'F'], ['Similar', 'G'], ['New', 'J']])]), '.']);
  } else if (phase.task === '2afc') {
    lines.push(`You will see ${total} pairs of images. In each pair, one image is one you have seen before in this study.`);
    lines.push([`${touchFirst() ? 'Tap' : 'Click'} the one you saw before`,
      ...(touchFirst() ? [] : ['; or press ', ...keysSentence([['the left one', 'F'], ['the right one', 'J']])]), '.']);
  }
  if (levels && phase.task !== 'study') {
    lines.push([`Then say how sure you are, from 1 (a guess) to ${levels} (sure)`,
      ...(touchFirst() ? [] : [`: ${tap} a number or press its key`]), '.']);
  }
  if (phase.boxes && phase.task !== 'study' && phase.task !== '2afc') {
    lines.push('After an Old answer, draw a box around what made you remember the image.');
  }
  if (phase.task !== 'study') lines.push('Take your time: the images stay on screen until you answer.');
  const go = button(resumed ? 'Continue' : 'Start', { class: 'btn btn-primary btn-large', 'data-testid': 'phase-start' });
  const part = partLabel(run);
  show('phase-intro',
    h('h1', {}, resumed ? `Welcome back: ${phaseTitle(phase).toLowerCase()}` : phaseTitle(phase)),
    part ? h('p', { class: 'muted', 'data-testid': 'part-label' }, part) : null,
    resumed ? h('p', { class: 'lead' }, `You can continue where you left off: ${remaining} of ${total} to go.`) : null,
    h('div', { class: 'key-help', 'data-testid': 'phase-instructions', 'data-task': phase.task },
      ...lines.map((line) => h('p', {}, ...[].concat(line)))),
    h('div', { class: 'actions' }, go));
  await once(go, 'click');
  await enterFullscreen();
}

/** Runs the remaining trials of a study or test phase. */
async function taskPhase(run, phase, remaining, total) {
  await preloadScreen(remaining.flatMap(itemUrls), 'Loading the images\u2026');
  await phaseIntro(run, phase, remaining.length, total);
  const taskRun = taskRunner(run, phase, total);
  runner = taskRun;
  state.streamActive = true;
  clock.start();
  try {
    await taskRun.run(remaining);
  } finally {
    state.streamActive = false;
    clock.stop();
    runner = null;
  }
}

/** Calls `call` until the server accepts: transient failures retried, 409 too_soon waited out. Null after an error screen. */
async function untilAccepted(call, run, phase, onWait) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'too_soon') {
        const wait = remainingMs(e.body, phase.minDurationS);
        if (onWait) onWait(wait);
        await sleep(Math.max(500, Math.min(wait || 1000, 60000)));
        continue;
      }
      if (e instanceof NetworkError || (e instanceof ApiError && e.transient)) { await sleep(backoffDelay(attempt)); continue; }
      showApiError(e, { reference: run.runId });
      return null;
    }
  }
}

/** A break or distractor phase: opened on the server (which keeps its start), shown, then reported done. */
async function interludePhase(run, phase) {
  const opened = await sendWithRetry(() => openPhase(run, phase.phase), run);
  if (!opened) return false;
  if (opened.done) {
    state.phasesDone.push(phase.phase);
    return true;
  }
  const wait = remainingMs(opened, phase.minDurationS);
  const part = partLabel(run);
  let body = {};
  if (phase.task === 'distractor') {
    // the counts so far survive a reload (localStorage, like the pending-answer record)
    const key = `engram-sums:${run.runId}:${phase.phase}`;
    const kept = readJson(key);
    const result = await distractorScreen(taskUi(), phase, wait, { part, initial: kept,
      onAnswer: (counts) => writeJson(key, counts) });
    body = { problems: result.problems, correct: result.correct };
  } else {
    await breakScreen(taskUi(), phase, wait, { part });
  }
  const done = await untilAccepted(() => phaseDone(run, phase.phase, body), run, phase, () => {
    document.body.dataset.waiting = 'too_soon';
  });
  delete document.body.dataset.waiting;
  if (done && phase.task === 'distractor') writeJson(`engram-sums:${run.runId}:${phase.phase}`, null);
  if (done) {
    run.phasesDone = [...(run.phasesDone || []), phase.phase];
    state.phasesDone.push(phase.phase);
  }
  return Boolean(done);
}

/** localStorage as JSON, quietly absent where storage is off; null removes the key. */
function readJson(key) {
  try { return JSON.parse(localStorage.getItem(key) || 'null'); } catch (e) { return null; }
}

function writeJson(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, JSON.stringify(value));
  } catch (e) { /* storage off: the counts restart after a reload */ }
}

/** Whether a break or distractor phase was finished on an earlier page load (the start answer's phasesDone). */
const interludeDone = (run, phase) => (run.phasesDone || []).includes(phase.phase);

/**
 * Finishes a study or test trial an earlier page load left open, without showing it as a new trial: an answer given
 * is kept and only what is missing is asked (the confidence, with the image again; the boxes); a trial without an
 * answer is recorded as unanswered. `interrupted` is the step the reload cut: display (the image was up), isi, boxes.
 */
async function finishInterruptedTask(run, entry, item) {
  const phase = phaseOf(run, entry.phaseNo) || { phase: entry.phaseNo, task: entry.task };
  const trial = {
    item, position: entry.position, phaseNo: entry.phaseNo, task: entry.task, imageId: item.imageId ?? null,
    pageLoad: entry.pageLoad, onsetMs: entry.onsetMs, offsetMs: entry.offsetMs ?? entry.unloadMs ?? entry.onsetMs,
    answerTs: entry.answerTs ?? null, answer: entry.answer ?? null, confidence: entry.confidence ?? null,
    choiceSide: entry.choiceSide ?? null, chosenImageId: entry.chosenImageId ?? null, droppedFrames: entry.droppedFrames ?? 0,
    displayedWidth: entry.displayedWidth, displayedHeight: entry.displayedHeight, devicePixelRatio: entry.devicePixelRatio,
    boxes: entry.boxes || [], stage: entry.phase, shownNoted: true,
  };
  const cut = entry.phase === 'confidence' ? 'display' : entry.phase;
  if (needsConfidence(phase, trial)) {
    const again = taskRunner(run, phase, 1);
    await again.resumeConfidence(trial, item);
  }
  if (trial.answerTs != null && needsBoxes(phase, trial)) {
    trial.stage = 'boxes';
    state.live.save(liveTaskEntry(run, trial, entry.counters));
    trial.boxes = await annotateImage(images.get(item.url), run, {
      initialBoxes: trial.boxes, resumed: true, resumedText: 'Welcome back. Your Old answer was kept; please finish the boxes for this image.',
      onBoxes: (boxes) => { trial.boxes = boxes; state.live.save(liveTaskEntry(run, trial, entry.counters)); },
    });
  }
  sendTrial(run, item.position, taskRecord(trial, entry.counters || {}), entry.pageLoad, cut);
}

/**
 * The phases of this session in order (run.session): the continuous game as today, study and test phases with their
 * screens, breaks and distractors. Resolves false when the run ended on the way (an error screen is showing).
 */
async function runPhases(run, isDone, cut) {
  const session = run.session || 1;
  for (const phase of run.phases.filter((p) => (p.session || 1) === session)) {
    state.phase = phase.phase;
    if (phase.task === 'break' || phase.task === 'distractor') {
      if (interludeDone(run, phase)) continue;
      if (!(await interludePhase(run, phase))) return false;
      continue;
    }
    const items = phaseItems(run, phase);
    const remaining = items.filter((t) => !isDone(t.position) && !cut.has(t.position));
    if (!remaining.length) continue;
    if (phase.task === 'continuous') {
      await preloadScreen(remaining.map((t) => t.url), 'Loading the images\u2026');
      await readyScreen(remaining.length, remaining.length < items.length);
      await stream(run, remaining, items.length);
    } else {
      await taskPhase(run, phase, remaining, items.length);
    }
  }
  state.phase = null;
  return true;
}

// ---------- end ----------

async function finishRun(run) {
  const outbox = state.outbox;
  const count = h('p', { class: 'lead', 'data-testid': 'saving-count' });
  const note = h('p', { class: 'muted', role: 'status' });
  show('saving', h('h1', {}, 'Saving your answers\u2026'), count, note, h('div', { class: 'spinner', 'aria-hidden': 'true' }));
  const update = (snap) => {
    count.textContent = snap.pending ? `${snap.pending} ${snap.pending === 1 ? 'answer' : 'answers'} still to send.` : 'Almost done.';
    note.textContent = snap.status === 'retrying' ? 'The connection seems to be down. Please keep this page open; we keep trying.' : '';
  };
  outbox.onChange(update);
  let attempt = 0;
  for (;;) {
    await outbox.whenEmpty();
    try {
      const answer = await completeRun(run);
      outbox.listeners.delete(update);
      return answer;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'incomplete' && !(e.body.missing || []).length) {
        // nothing to send, but a break or distractor is not done on the server: the reload shows it again
        outbox.listeners.delete(update);
        showError('One part of the study is not finished', 'Please reload the page to finish it.',
          { retry: () => location.reload(), reference: `${run.runId} / phases ${(e.body.phasesNotDone || []).join(', ')}` });
        return null;
      }
      if (e instanceof ApiError && e.status === 409 && e.code === 'incomplete') {
        const missing = e.body.missing || [];
        const unavailable = await outbox.requeue(missing);
        if (unavailable.length) {
          console.error('engram: positions missing on the server and not in the outbox', unavailable, outbox.errors);
          outbox.listeners.delete(update);
          showError('Some answers could not be saved',
            `${unavailable.length} of your answers did not reach the study server. Please send the researcher a message through Prolific and quote the reference below, so that they can credit your time.`,
            { reference: `${run.runId} / missing ${unavailable.join(', ')}` });
          return null;
        }
        continue;
      }
      if (e instanceof NetworkError || (e instanceof ApiError && e.transient)) {
        note.textContent = 'The connection seems to be down. Please keep this page open; we keep trying.';
        await sleep(backoffDelay(attempt++));
        continue;
      }
      outbox.listeners.delete(update);
      showApiError(e, { reference: run.runId });
      return null;
    }
  }
}

function completeScreen(run, answer) {
  state.completion = answer;
  endingScreen({ show, h, serverHtml, redirectBlock }, run.texts || {}, answer);
}

// ---------- attention events and keys ----------

function watchAttention() {
  document.addEventListener('visibilitychange', () => { if (runner) runner.noteVisibilityChange(); });
  window.addEventListener('blur', () => { if (runner) runner.noteBlur(); });
  const onFullscreenChange = () => {
    if (!isFullscreen() && runner && state.fullscreenRequested) runner.noteFullscreenExit();
    const again = document.querySelector('.fullscreen-again');
    if (again) again.hidden = !state.fullscreenRequested || state.fullscreenRefused || isFullscreen();
  };
  document.addEventListener('fullscreenchange', onFullscreenChange);
  document.addEventListener('webkitfullscreenchange', onFullscreenChange);
  window.addEventListener('keydown', (e) => {
    if (!state.streamActive || state.annotating) return;
    if (e.code === 'Space' || e.key === ' ') {
      e.preventDefault();
      if (!e.repeat && runner && runner.respond(e.timeStamp)) {
        const respond = document.querySelector('[data-testid=respond-button]');
        if (respond) respond.classList.add('pressed');
      }
    }
  }, { capture: true });
  window.addEventListener('pagehide', () => { if (state.live) state.live.markUnload(performance.now()); });
  window.addEventListener('beforeunload', (e) => {
    const unsaved = state.outbox && state.outbox.pending.size > 0;
    if (state.streamActive || state.screen === 'saving' || unsaved) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
}

// ---------- test hook (only with &engram_test=1): read-only introspection ----------

function installTestHook() {
  const copy = (value) => JSON.parse(JSON.stringify(value));
  window.engramTest = Object.freeze({
    state: () => copy({
      screen: state.screen,
      runId: state.run && state.run.runId,
      resumed: state.run && state.run.resumed,
      consented: state.run && state.run.consented,
      total: state.total,
      remaining: state.remaining,
      position: state.position,
      trialsEnded: state.trialsEnded.length,
      streamActive: state.streamActive,
      annotating: state.annotating,
      fullscreenRefused: state.fullscreenRefused,
      storage: state.outbox && state.outbox.storageKind,
      outboxStatus: state.outbox && state.outbox.status,
      medianFrameMs: clock.medianInterval(),
      completionCode: state.completion && state.completion.completionCode,
      stimulusSizePx: display().stimulusSizePx ?? null,
      pxPerDegree: display().pxPerDegree ?? null,
      warmups: state.warmups,
      device: state.device || null,
      session: state.run ? state.run.session ?? null : null,
      phase: state.phase,
      phasesDone: state.phasesDone,
    }),
    outboxSize: () => (state.outbox ? state.outbox.pending.size : 0),
    pendingPositions: () => (state.outbox ? state.outbox.pendingPositions() : []),
    sentCount: () => (state.outbox ? state.outbox.sent.size : 0),
    sendErrors: () => copy(state.outbox ? state.outbox.errors : []),
    trials: () => copy(state.trialsEnded),
    live: () => copy(state.live ? state.live.data : null),
    pageLoad: () => (state.run ? state.run.pageLoad ?? null : null),
    practiceResults: () => copy(state.practiceResults),
  });
}

// ---------- flow ----------

/** After a reload: a practice with a pass mark that was neither passed nor used up is done (again). */
function practiceStillDue() {
  const d = display();
  if (!(d.practicePassMark > 0) || d.practicePassed === true) return false;
  return d.practicePassed !== false || d.practiceAttempts <= d.practiceRepeats;
}

async function main() {
  const params = readParams();
  if (params.test) installTestHook();
  watchAttention();
  if (!params.experiment) {
    showError('This study link is incomplete', 'The address does not name a study. Please use the link from Prolific.');
    return;
  }
  const startParams = withKeptRun(params);
  const run = await start(startParams);
  if (!run) return;
  keepRunAndCleanAddress(startParams, run);
  state.run = run;
  state.total = run.trials.length;
  try {
    state.outbox = await Outbox.open(run.runId, run.token);
    wireIndicator(state.outbox);
    const confirmed = new Set(run.confirmed || []);
    // answers we sent that the server does not list go back into the outbox
    const lost = [...state.outbox.sent.keys()].filter((p) => !confirmed.has(p));
    if (lost.length) await state.outbox.requeue(lost);
    state.outbox.start();
    const isDone = (position) => confirmed.has(position) || state.outbox.pending.has(position) || state.outbox.sent.has(position);
    state.live = LiveStore.open(run.runId);
    const interrupted = [];
    for (const entry of state.live.pending()) {
      const item = run.trials.find((t) => t.position === entry.position);
      if (isDone(entry.position) || !item || (item.imageId ?? null) !== (entry.imageId ?? null)) state.live.drop(entry.position);
      else interrupted.push(entry);
    }
    const cut = new Set(interrupted.map((e) => e.position));
    const remaining = run.trials.filter((t) => !isDone(t.position) && !cut.has(t.position));
    state.remaining = remaining.length;
    state.position = remaining.length ? remaining[0].position : null;

    const fresh = !run.consented;
    const phased = isPhased(run);
    const game = !phased || run.phases.some((p) => p.task === 'continuous' && (p.session || 1) === (run.session || 1));
    if (fresh && !(await consentScreen(run))) return;
    if (!(await deviceStep(run))) return;
    if (fresh || (game && practiceStillDue())) {
      await instructionsScreen(run, { game });
      if (game && !(await practice(run))) return;
    }
    if (interrupted.length) await finishInterrupted(run, interrupted);
    if (phased) {
      if (!(await runPhases(run, isDone, cut))) return;
    } else if (remaining.length) {
      await preloadScreen(remaining.map((t) => t.url), 'Loading the images\u2026');
      await readyScreen(remaining.length, remaining.length < run.trials.length);
      await stream(run, remaining);
    }
    const answer = await finishRun(run);
    if (!answer) return;
    await state.outbox.clear().catch((e) => console.warn('engram: could not clear the outbox', e));
    state.live.clear();
    if (isFullscreen() && document.exitFullscreen) document.exitFullscreen().catch(() => {});
    if (answer.state === 'WAITING') {
      state.completion = answer;
      sessionEndScreen({ show, h, redirectBlock }, answer, sessionCount(run));
      return;
    }
    completeScreen(run, answer);
  } catch (e) {
    showApiError(e, { reference: run.runId });
  }
}

main();
