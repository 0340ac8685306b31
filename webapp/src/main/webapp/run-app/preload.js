// Preloads and decodes images with bounded parallelism and per-file retries; keeps the decoded elements.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function loadOnce(url, attempt) {
  const img = new Image();
  img.decoding = 'async';
  img.alt = '';
  // a retry gets a distinct URL so that no cached failure is reused; the server ignores the query
  img.src = attempt === 0 ? url : `${url}${url.includes('?') ? '&' : '?'}retry=${attempt}`;
  await img.decode();
  return img;
}

/**
 * Loads every url not yet in `cache` (a Map url -> decoded HTMLImageElement).
 * Runs `concurrency` loads at a time, tries each file `tries` times with backoff 400 ms, 800 ms, 1.6 s, ...
 * onProgress(done, total) after each file. Resolves with the urls that still failed (empty when all loaded).
 */
export async function preloadImages(urls, cache, { concurrency = 4, tries = 4, onProgress = () => {} } = {}) {
  const todo = [...new Set(urls)].filter((url) => !cache.has(url));
  const total = new Set(urls).size;
  let done = total - todo.length;
  const failed = [];
  onProgress(done, total);
  let next = 0;
  async function worker() {
    while (next < todo.length) {
      const url = todo[next++];
      for (let attempt = 0; attempt < tries; attempt++) {
        try {
          cache.set(url, await loadOnce(url, attempt));
          break;
        } catch (e) {
          if (attempt === tries - 1) { failed.push(url); console.warn('engram: image failed', url, e); }
          else await sleep(400 * 2 ** attempt);
        }
      }
      if (cache.has(url)) onProgress(++done, total);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  return failed;
}
