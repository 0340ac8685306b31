// Calls to the participant API (docs/participant-api.md); every function returns parsed JSON or throws.

/** A 4xx/5xx answer from the server, carrying its machine code and its sentence for a person. */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `The server answered ${status}.`);
    this.name = 'ApiError';
    this.status = status;
    this.code = (body && body.error) || `http_${status}`;
    this.body = body || {};
  }

  /**
   * True for answers worth retrying later: server trouble, throttling, timeouts, and any refusal that is not
   * engram's own (no JSON error code): a restarting server's container answers 403/404 pages before the
   * application is deployed again.
   */
  get transient() {
    const notFromEngram = !(this.body && this.body.error);
    return this.status >= 500 || this.status === 408 || this.status === 429 || notFromEngram;
  }
}

/** The request never got an answer (offline, DNS, connection reset, timeout). */
export class NetworkError extends Error {
  constructor(cause) {
    super('The network request failed.');
    this.name = 'NetworkError';
    this.cause = cause;
    this.transient = true;
  }
}

const REQUEST_TIMEOUT_MS = 15000;

async function request(method, url, body, token) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
  if (token) headers['X-Run-Token'] = token;
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      signal: abort.signal,
    });
  } catch (e) {
    throw new NetworkError(e);
  } finally {
    clearTimeout(timer);
  }
  let parsed = null;
  try {
    const text = await response.text();
    parsed = text ? JSON.parse(text) : null;
  } catch (e) {
    if (response.ok) throw new NetworkError(e); // truncated body: treat as a failed exchange
  }
  if (!response.ok) throw new ApiError(response.status, parsed);
  return { status: response.status, body: parsed };
}

const runPath = (runId) => `/api/runs/${encodeURIComponent(runId)}`;

/**
 * POST /api/runs: 201 new run, 200 resumed run. pilotKey comes from a signed 'try as participant' link (?pilot=);
 * runToken is the token of the run this browser started for these ids (session.js), needed to continue it; session is
 * the part a follow-up study's link names (&session=2), absent on the first study's link.
 */
export async function startRun({ experiment, prolificPid, studyId, sessionId, pilotKey, runToken, session }) {
  const { body } = await request('POST', '/api/runs', { experiment, prolificPid, studyId, sessionId, pilotKey, runToken, session });
  return body;
}

/** POST /api/runs/{runId}/consent. */
export async function sendConsent(run, consent) {
  const { body } = await request('POST', `${runPath(run.runId)}/consent`, { consent }, run.token);
  return body;
}

/** PUT /api/runs/{runId}/trials/{position}: 200 {position, stored}. */
export async function putTrial(runId, token, position, trial) {
  const { body } = await request('PUT', `${runPath(runId)}/trials/${position}`, trial, token);
  return body;
}

/** POST /api/runs/{runId}/complete: 200 with the completion code, or ApiError 409 incomplete with body.missing. */
export async function completeRun(run) {
  const { body } = await request('POST', `${runPath(run.runId)}/complete`, {}, run.token);
  return body;
}

/** POST /api/runs/{runId}/device: the browser check; 200 {accepted, rule, message, stimulusSizePx, completionCode?, redirectUrl?}. */
export async function sendDevice(run, report) {
  const { body } = await request('POST', `${runPath(run.runId)}/device`, report, run.token);
  return body;
}

/** POST /api/runs/{runId}/calibration {cardWidthPx, viewingDistanceCm?}: 200 {accepted, pxPerDegree, stimulusSizePx, …}. */
export async function sendCalibration(run, values) {
  const { body } = await request('POST', `${runPath(run.runId)}/calibration`, values, run.token);
  return body;
}

/** POST /api/runs/{runId}/practice {attempt, correct, total}: 200 {passed, repeat, ended, attempts, completionCode?}. */
export async function sendPractice(run, result) {
  const { body } = await request('POST', `${runPath(run.runId)}/practice`, result, run.token);
  return body;
}

/** POST /api/runs/{runId}/phases/{phase}/open: a break or distractor starts (idempotent; the server keeps the first start). */
export async function openPhase(run, phase) {
  const { body } = await request('POST', `${runPath(run.runId)}/phases/${phase}/open`, {}, run.token);
  return body;
}

/** POST /api/runs/{runId}/phases/{phase}/done: 200, or ApiError 409 too_soon before the minimum duration. */
export async function phaseDone(run, phase, result) {
  const { body } = await request('POST', `${runPath(run.runId)}/phases/${phase}/done`, result, run.token);
  return body;
}
