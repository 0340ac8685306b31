// The results page: loads report.html into its sandboxed frame, and reloads itself while a new analysis is computed.
(function () {
  function setUp() {
    const frame = document.getElementById('report');
    if (frame && frame.dataset.src) {
      fetch(frame.dataset.src, {credentials: 'same-origin'})
        .then(r => r.ok ? r.text() : Promise.reject(new Error('HTTP ' + r.status)))
        .then(html => { frame.srcdoc = html; })
        .catch(e => { frame.srcdoc = '<p>The report could not be loaded: ' + String(e.message).replace(/[<&]/g, '') + '</p>'; });
    }
    const waiting = document.querySelector('.updating') || (document.querySelector('[data-testid=results-empty]') && !document.querySelector('[data-testid=conditions]'));
    if (waiting) {
      setTimeout(() => { if (document.visibilityState === 'visible') location.reload(); }, 5000);
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp); else setUp();
})();
