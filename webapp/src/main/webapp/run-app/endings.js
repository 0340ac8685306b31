// The screens a run ends on: the debrief after a completed run, the experimenter's own text after a failed
// attention check, the same screen again when a finished participant reopens the link, and plain words for a
// study link that does not work.

/**
 * Shows the end of a run. `answer` is the server's ending ({completionCode, redirectUrl, attentionPassed});
 * `texts` holds debriefHtml and failedCheckHtml (server-sanitized HTML). `ui` lends main.js's DOM helpers.
 */
export function endingScreen({ show, h, serverHtml, redirectBlock }, texts, answer, { again = false } = {}) {
  const failed = answer.attentionPassed === false;
  const againNote = again
    ? h('p', { class: 'lead', 'data-testid': 'already-completed' },
      'You have already finished this study. Here is your code again, in case you did not get to enter it on Prolific.')
    : null;
  const code = h('p', { class: 'lead' }, failed ? 'Your code: ' : 'Your completion code: ',
    h('strong', { class: 'code', 'data-testid': 'completion-code' }, answer.completionCode || ''));
  if (failed) {
    show('failed-check',
      h('h1', {}, 'End of the study'),
      againNote,
      serverHtml(texts.failedCheckHtml, 'failed-check-text'),
      h('div', { class: 'ending-foot' }, code, redirectBlock(answer.redirectUrl, 'Return to Prolific')));
  } else {
    show('complete',
      h('h1', {}, 'Thank you!'),
      againNote,
      serverHtml(texts.debriefHtml, 'debrief-text'),
      h('div', { class: 'ending-foot' }, code, redirectBlock(answer.redirectUrl, 'Return to Prolific')));
  }
}

/** A plain-language title and message for refusals a participant can act on; null for the others. */
export function plainErrorFor(error) {
  if (error.code === 'bad_prolific_params') {
    return {
      title: 'This study link does not work',
      message: 'The link you opened is missing your Prolific details, or they were changed on the way, so we cannot'
        + ' save your answers. Please go back to Prolific and open the study again from the study page, without'
        + ' copying or editing the link.',
      reference: error.message,
    };
  }
  return null;
}

/** A moment in the participant's own time zone, e.g. "Wednesday 2 December, 14:05". */
export function localTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleString(undefined, { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
}

/** How long from now until `iso`, in words: "about 2 minutes", "about 3 hours", "about 6 days". */
export function fromNow(iso, now = Date.now()) {
  const ms = new Date(iso).getTime() - now;
  if (Number.isNaN(ms)) return '';
  const minutes = Math.max(1, Math.round(ms / 60000));
  if (minutes < 90) return `about ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `about ${hours} hours`;
  const days = Math.round(hours / 24);
  return `about ${days} days`;
}

const codeLine = (h, label, code) => h('p', { class: 'lead' }, label,
  h('strong', { class: 'code', 'data-testid': 'completion-code' }, code || ''));

/** The window of the next session as a block: from when to when, in local time. */
function windowBlock(h, next) {
  return h('div', { class: 'key-help come-back', 'data-testid': 'next-session' },
    h('p', {}, h('strong', {}, `Part ${next.session}`), ` opens ${localTime(next.opensAt)} (in ${fromNow(next.opensAt)})`
      + ` and closes ${localTime(next.closesAt)}.`),
    h('p', {}, `Part ${next.session} will appear on Prolific as a separate study. Please open it from Prolific between`
      + ' these times: before, it cannot start yet; after, it is closed.'));
}

/**
 * The end of a session that is not the last (POST …/complete answered WAITING): "Part 1 of 2 done", when to come back,
 * then the session's code and the Return to Prolific button (on a phone kept at the bottom of the window).
 */
export function sessionEndScreen({ show, h, redirectBlock }, answer, sessions) {
  const next = answer.nextSession || {};
  show('session-done',
    h('h1', {}, `Part ${answer.session} of ${sessions} done`),
    h('p', { class: 'lead' }, 'Thank you! Your answers for this part are saved.'),
    next.opensAt ? windowBlock(h, next) : null,
    h('div', { class: 'ending-foot' },
      codeLine(h, `Your completion code for part ${answer.session}: `, answer.completionCode),
      redirectBlock(answer.redirectUrl, 'Return to Prolific', { auto: false })));
}

/** A session link opened before its window (409 session_too_early): when to come back, and the code for now. */
export function tooEarlyScreen({ show, h, redirectBlock }, body) {
  const session = body.session || body.nextSession?.session;
  show('session-too-early',
    h('h1', {}, 'It is too early for the next part'),
    h('p', { class: 'lead', 'data-testid': 'session-opens' }, `${session ? `Part ${session}` : 'The next part'} opens `,
      h('strong', {}, localTime(body.opensAt)), `, in ${fromNow(body.opensAt)}.`,
      body.closesAt ? ` It stays open until ${localTime(body.closesAt)}.` : ''),
    h('p', {}, 'Please come back through Prolific then. Nothing was recorded now.'),
    body.completionCode || body.redirectUrl ? h('div', { class: 'ending-foot' },
      body.completionCode ? codeLine(h, 'If Prolific asks for a code now, use: ', body.completionCode) : null,
      body.redirectUrl ? redirectBlock(body.redirectUrl, 'Return to Prolific', { auto: false }) : null) : null);
}

/** A session link opened after its window (409 session_too_late): the part is closed, with its code. */
export function tooLateScreen({ show, h, redirectBlock }, body) {
  const session = body.session;
  show('session-too-late',
    h('h1', {}, 'This part has closed'),
    h('p', { class: 'lead', 'data-testid': 'session-closed' }, `${session ? `Part ${session}` : 'This part'} of the study closed `,
      h('strong', {}, localTime(body.closedAt || body.closesAt)), '. It can no longer be taken.'),
    h('p', {}, 'Thank you for coming back. Please return to Prolific with the code below.'),
    h('div', { class: 'ending-foot' },
      body.completionCode ? codeLine(h, 'Your code: ', body.completionCode) : null,
      body.redirectUrl ? redirectBlock(body.redirectUrl, 'Return to Prolific') : h('p', {}, 'Please return to Prolific.')));
}
