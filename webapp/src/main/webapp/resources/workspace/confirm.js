// Confirmations: a button with data-confirm="ID" first opens the <dialog id="ID">, which says what will happen. Its
// [data-confirm-yes] button then presses the original button again (so the form submits as it would have); Cancel,
// Escape or a click outside close it and put the focus back on the button. showModal() keeps keyboard focus inside
// the dialog. No inline handlers, so it works under the workspace's Content-Security-Policy.
(function () {
  let trigger = null;
  function open(dialog, button) {
    trigger = button;
    dialog.returnValue = '';
    dialog.showModal();
    const cancel = dialog.querySelector('[data-confirm-no]');
    if (cancel) cancel.focus();
  }
  function setUp() {
    document.addEventListener('click', (event) => {
      const button = event.target.closest('[data-confirm]');
      if (!button || !button.dataset.confirm) return;
      if (button.dataset.confirmed === 'yes') {
        delete button.dataset.confirmed;
        return;
      }
      const dialog = document.getElementById(button.dataset.confirm);
      if (!dialog || typeof dialog.showModal !== 'function') return; // no dialog: the server still checks everything
      event.preventDefault();
      open(dialog, button);
    }, true);
    document.querySelectorAll('dialog.confirm').forEach((dialog) => {
      dialog.addEventListener('click', (event) => {
        const r = dialog.getBoundingClientRect();
        const onBackdrop = event.target === dialog && (event.clientX < r.left || event.clientX > r.right
          || event.clientY < r.top || event.clientY > r.bottom);
        if (event.target.closest('[data-confirm-no]') || onBackdrop) {
          dialog.close('cancel');
        } else if (event.target.closest('[data-confirm-yes]')) {
          dialog.close('yes');
        }
      });
      dialog.addEventListener('close', () => {
        const button = trigger;
        trigger = null;
        if (!button) return;
        if (dialog.returnValue === 'yes') {
          button.dataset.confirmed = 'yes';
          button.click();
        } else {
          button.focus();
        }
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp);
  else setUp();
})();
