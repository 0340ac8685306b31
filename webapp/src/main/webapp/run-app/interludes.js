// The phases without trials (issue 14): a break (text and a countdown; Continue once the minimum has passed) and the
// distractor (additions, typed answers, for the phase's minimum duration). The server opens each phase once
// (POST …/phases/{phase}/open, which records when it started) and refuses "done" before the minimum has passed on its
// own clock (409 too_soon), so a reload neither restarts nor shortens them.

/** Seconds as m:ss (or h:mm:ss). */
export function clockText(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/**
 * Milliseconds of the phase's minimum still to wait, from the server's answer to open (or to a 409 too_soon):
 * its `earliestDoneAt` against this device's clock, kept within 0..minDurationS (a device clock that is off by more
 * than the minimum then waits the whole minimum, and the server's too_soon covers the rest).
 */
export function remainingMs(answer, minDurationS, now = Date.now()) {
  const full = (minDurationS || 0) * 1000;
  if (!answer) return full;
  if (answer.done === true) return 0;
  const earliest = answer.earliestDoneAt ? Date.parse(answer.earliestDoneAt) : NaN;
  if (Number.isNaN(earliest)) return full;
  return Math.min(full, Math.max(0, earliest - now));
}

/** A duration in words: "45 seconds", "2 minutes". */
export function durationWords(ms) {
  const s = Math.max(1, Math.round(ms / 1000));
  if (s < 90) return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  const m = Math.round(s / 60);
  return `${m} minutes`;
}

/** A random addition a + b with two-digit numbers. */
export function additionProblem(random = Math.random) {
  const a = 11 + Math.floor(random() * 78);
  const b = 11 + Math.floor(random() * 78);
  return { a, b, sum: a + b };
}

/**
 * The break: the built-in text, a countdown of the minimum still to wait, and Continue (enabled at zero).
 * `ui` lends h, show and button. Resolves when Continue is pressed.
 */
export async function breakScreen(ui, phase, waitMs, { part } = {}) {
  const { h, show, button } = ui;
  const go = button('Continue', { class: 'btn btn-primary btn-large', 'data-testid': 'break-continue', disabled: waitMs > 0 });
  const left = h('strong', { 'data-testid': 'break-countdown' }, clockText(waitMs / 1000));
  const status = h('p', { class: 'lead', role: 'status' }, 'You can continue in ', left, '.');
  show('break',
    h('h1', {}, 'A short break'),
    part ? h('p', { class: 'muted' }, part) : null,
    h('p', { class: 'lead' }, 'Take a moment to rest your eyes. Please keep this page open.'),
    status,
    h('div', { class: 'actions' }, go));
  await countDown(waitMs, (ms) => { left.textContent = clockText(ms / 1000); });
  status.textContent = 'Ready when you are.';
  go.disabled = false;
  go.focus({ preventScroll: true });
  await new Promise((resolve) => go.addEventListener('click', resolve, { once: true }));
}

/** Calls tick(msLeft) about every 250 ms until waitMs has passed. */
function countDown(waitMs, tick) {
  const end = performance.now() + waitMs;
  return new Promise((resolve) => {
    const step = () => {
      const ms = end - performance.now();
      tick(Math.max(0, ms));
      if (ms <= 0) resolve();
      else setTimeout(step, Math.min(250, ms));
    };
    step();
  });
}

/**
 * The distractor: additions one after another until the minimum has passed; the problem on screen when time runs out
 * is not counted. Resolves {problems, correct}: the problems answered and how many were right (counting on from
 * `initial`, the counts kept before a reload; onAnswer gets the counts after each answer).
 */
export async function distractorScreen(ui, phase, waitMs, { part, random = Math.random, initial = null, onAnswer = null } = {}) {
  const { h, show, button } = ui;
  let problems = initial ? initial.problems || 0 : 0;
  let correct = initial ? initial.correct || 0 : 0;
  const left = h('strong', { 'data-testid': 'distractor-countdown' }, clockText(waitMs / 1000));
  const sum = h('span', { class: 'sum', 'data-testid': 'distractor-problem' });
  const input = h('input', { type: 'text', inputmode: 'numeric', autocomplete: 'off', pattern: '[0-9]*', maxlength: '4',
    class: 'sum-input', id: 'distractor-answer', 'data-testid': 'distractor-answer', 'aria-label': 'Your answer' });
  const next = button('Next', { class: 'btn btn-primary', type: 'submit', 'data-testid': 'distractor-next' });
  const score = h('p', { class: 'muted', 'data-testid': 'distractor-score', role: 'status' });
  const form = h('form', { class: 'sum-form', novalidate: true }, h('label', { for: 'distractor-answer', class: 'sum-line' }, sum, ' = '), input, next);
  show('distractor',
    h('h1', {}, 'Quick sums'),
    part ? h('p', { class: 'muted' }, part) : null,
    h('p', {}, `For the next ${durationWords(waitMs)}, add the two numbers, type the answer and press Enter (or Next).`
      + ' Go on until the time is up: ', left, ' left.'),
    form,
    score);
  let problem = additionProblem(random);
  const showProblem = () => {
    sum.textContent = `${problem.a} + ${problem.b}`;
    input.value = '';
    input.focus({ preventScroll: true });
  };
  if (problems) score.textContent = `${problems} answered`;
  showProblem();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const value = input.value.trim();
    if (!/^\d+$/.test(value)) { input.focus(); return; }
    problems += 1;
    if (Number(value) === problem.sum) correct += 1;
    if (onAnswer) onAnswer({ problems, correct });
    score.textContent = `${problems} answered`;
    problem = additionProblem(random);
    showProblem();
  });
  await countDown(waitMs, (ms) => { left.textContent = clockText(ms / 1000); });
  form.querySelectorAll('input, button').forEach((node) => { node.disabled = true; });
  return { problems, correct };
}
