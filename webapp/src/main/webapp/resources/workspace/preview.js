// Live Markdown preview: a <textarea data-preview="ID"> shows, in the element with that id, the HTML participants will
// see, rendered by the server's own renderer (POST /admin/preview) a moment after each change. No inline handlers,
// so it works under the workspace's Content-Security-Policy.
(function () {
  const WAIT_MS = 250;
  function endpoint() {
    const meta = document.querySelector('meta[name=engram-context]');
    return (meta ? meta.content : '') + '/admin/preview';
  }
  function render(area, target) {
    const body = new URLSearchParams();
    body.set('text', area.value);
    const asked = ++area._previewAsked;
    fetch(endpoint(), { method: 'POST', body, credentials: 'same-origin' })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error('preview: HTTP ' + r.status))))
      .then((html) => {
        if (asked !== area._previewAsked) return; // a newer one is on its way
        target.innerHTML = html;
        target.dataset.previewState = 'live';
      })
      .catch(() => { target.dataset.previewState = 'stale'; });
  }
  function setUp() {
    document.querySelectorAll('textarea[data-preview]').forEach((area) => {
      const target = document.getElementById(area.dataset.preview);
      if (!target) return;
      area._previewAsked = 0;
      area.addEventListener('input', () => {
        target.dataset.previewState = 'pending';
        clearTimeout(area._previewTimer);
        area._previewTimer = setTimeout(() => render(area, target), WAIT_MS);
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
  else setUp();
})();
