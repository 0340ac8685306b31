// Copy buttons: <button type="button" data-copy-from="ID"> copies the value of the input, the href of the link or the
// text of any other element with that id. No inline handlers, so it works under the workspace's Content-Security-Policy.
(function () {
  function textOf(el) {
    if ('value' in el && el.tagName !== 'BUTTON') return el.value;
    if (el.tagName === 'A') return el.href;
    return el.textContent.trim();
  }
  function fallbackCopy(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok ? Promise.resolve() : Promise.reject(new Error('copy refused'));
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(() => fallbackCopy(text));
    }
    return fallbackCopy(text);
  }
  function show(button, label, state) {
    const status = button.nextElementSibling && button.nextElementSibling.classList.contains('copy-status')
      ? button.nextElementSibling : null;
    button.dataset.copyState = state;
    if (status) status.textContent = label;
    clearTimeout(button._copyTimer);
    button._copyTimer = setTimeout(() => { if (status) status.textContent = ''; delete button.dataset.copyState; }, 2500);
  }
  function setUp() {
    document.querySelectorAll('button[data-copy-from]').forEach((button) => {
      button.addEventListener('click', () => {
        const source = document.getElementById(button.dataset.copyFrom);
        if (!source) return;
        copy(textOf(source)).then(() => show(button, 'Copied', 'copied'),
          () => show(button, 'Select the text and copy it by hand', 'failed'));
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp); else setUp();
})();
