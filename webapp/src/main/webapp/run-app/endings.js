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
