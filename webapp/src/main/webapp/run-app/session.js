// Which browser session a run belongs to (docs/participant-page.md, "The run belongs to this browser"): the page keeps
// the study link's Prolific ids and the run's token in localStorage, sends the token when the link is opened again,
// and takes the ids out of the address bar once the run has started.

const KEY_PREFIX = 'engram-run:';
const PROLIFIC_PARAMS = ['PROLIFIC_PID', 'STUDY_ID', 'SESSION_ID'];

function storage() {
  try {
    return window.localStorage || null;
  } catch (e) {
    return null; // storage switched off: the page still works, the ids simply stay in the address bar
  }
}

function saved(experiment) {
  const store = storage();
  if (!store || !experiment) return null;
  try {
    const record = JSON.parse(store.getItem(KEY_PREFIX + experiment));
    return record && typeof record === 'object' ? record : null;
  } catch (e) {
    return null;
  }
}

const sameIds = (a, b) => a.prolificPid === b.prolificPid && a.studyId === b.studyId && a.sessionId === b.sessionId;

/**
 * The start parameters with what this browser kept for the study: the Prolific ids when the address holds none
 * (a reload after they were dropped from it), and the run token when the ids are those of the kept run.
 */
export function withKeptRun(params) {
  const kept = saved(params.experiment);
  if (!kept) return params;
  const linkHasIds = Boolean(params.prolificPid || params.studyId || params.sessionId);
  const next = { ...params };
  if (!linkHasIds) {
    next.prolificPid = kept.prolificPid || '';
    next.studyId = kept.studyId || '';
    next.sessionId = kept.sessionId || '';
  }
  if (sameIds(next, kept) && kept.token) next.runToken = kept.token;
  return next;
}

/**
 * Keeps the ids and the run's token for this study, then drops the Prolific ids from the address bar. They are
 * dropped only when they were kept, so that a reload can always start again.
 */
export function keepRunAndCleanAddress(params, run) {
  if (!params.prolificPid && !params.studyId && !params.sessionId) return false;
  const store = storage();
  if (!store) return false;
  const record = { prolificPid: params.prolificPid, studyId: params.studyId, sessionId: params.sessionId,
    runId: run.runId, token: run.token };
  try {
    store.setItem(KEY_PREFIX + params.experiment, JSON.stringify(record));
    const back = saved(params.experiment);
    if (!back || back.token !== run.token) return false;
  } catch (e) {
    return false;
  }
  const url = new URL(location.href);
  const had = PROLIFIC_PARAMS.some((name) => url.searchParams.has(name));
  if (had) {
    PROLIFIC_PARAMS.forEach((name) => url.searchParams.delete(name));
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
  }
  return true;
}
