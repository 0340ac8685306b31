// The browser check before the stream: the refresh rate measured on requestAnimationFrame, the screen and window,
// devicePixelRatio, touch input and the user agent. The server applies the experimenter's device rules.

const MIN_MEASURE_MS = 1000;
const MIN_FRAMES = 30;
const MAX_MEASURE_MS = 4000;

/**
 * Measures the median interval between animation frames over at least 1 s and 30 frames (at most 4 s).
 * Resolves {refreshHz, medianFrameMs, frames}.
 */
export function measureRefresh() {
  return new Promise((resolve) => {
    const stamps = [];
    const tick = (ts) => {
      stamps.push(ts);
      const span = ts - stamps[0];
      const intervals = stamps.length - 1;
      if ((span >= MIN_MEASURE_MS && intervals >= MIN_FRAMES) || span >= MAX_MEASURE_MS) {
        const sorted = [];
        for (let i = 1; i < stamps.length; i++) sorted.push(stamps[i] - stamps[i - 1]);
        sorted.sort((a, b) => a - b);
        const mid = sorted.length >> 1;
        const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        resolve({ refreshHz: Math.round((1000 / median) * 100) / 100, medianFrameMs: median, frames: intervals });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Everything the check sends to POST /api/runs/{runId}/device (CSS px). */
export async function deviceReport() {
  const refresh = await measureRefresh();
  return {
    userAgent: navigator.userAgent,
    screenWidth: Math.round(screen.width),
    screenHeight: Math.round(screen.height),
    windowWidth: Math.round(window.innerWidth),
    windowHeight: Math.round(window.innerHeight),
    devicePixelRatio: window.devicePixelRatio || 1,
    touch: (navigator.maxTouchPoints || 0) > 0 || 'ontouchstart' in window,
    coarsePointer: Boolean(window.matchMedia && window.matchMedia('(pointer: coarse)').matches),
    refreshHz: refresh.refreshHz,
    frames: refresh.frames,
    fullscreenAvailable: Boolean(document.fullscreenEnabled || document.webkitFullscreenEnabled),
  };
}
