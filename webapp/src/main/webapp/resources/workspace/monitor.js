// The live monitor reloads itself every 10 seconds unless the box is unticked (remembered for the session).
(function () {
  const key = 'engram.monitor.autoRefresh';
  function setUp() {
    const box = document.getElementById('autoRefresh');
    if (!box) return;
    box.checked = sessionStorage.getItem(key) !== 'off';
    box.addEventListener('change', () => sessionStorage.setItem(key, box.checked ? 'on' : 'off'));
    setInterval(() => { if (box.checked && document.visibilityState === 'visible') location.reload(); }, 10000);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', setUp); else setUp();
})();
