// Timeline hover: a tick with data-thumb shows its image and its label (position, image id, kind) in a small card that
// follows the pointer. The SVG <title>s become the card's text, so the browser's own tooltip does not show as well.
(function () {
  function init() {
    const card = document.createElement('figure');
    card.className = 'timeline-peek';
    card.hidden = true;
    const img = document.createElement('img');
    img.alt = '';
    const caption = document.createElement('figcaption');
    card.append(img, caption);
    document.body.appendChild(card);
    for (const tick of document.querySelectorAll('svg.timeline [data-thumb]')) {
      const title = tick.querySelector('title');
      if (title) {
        tick.dataset.label = title.textContent;
        tick.setAttribute('aria-label', title.textContent);
        title.remove();
      }
    }
    document.addEventListener('pointerover', (e) => {
      const tick = e.target.closest && e.target.closest('svg.timeline [data-thumb]');
      if (!tick) return;
      if (img.getAttribute('src') !== tick.dataset.thumb) img.src = tick.dataset.thumb;
      caption.textContent = tick.dataset.label || '';
      card.hidden = false;
      place(e);
    });
    document.addEventListener('pointermove', (e) => { if (!card.hidden) place(e); });
    document.addEventListener('pointerout', (e) => {
      if (e.target.closest && e.target.closest('svg.timeline [data-thumb]')) card.hidden = true;
    });
    function place(e) {
      const x = Math.min(e.clientX + 14, window.innerWidth - card.offsetWidth - 8);
      const y = e.clientY - card.offsetHeight - 14 < 0 ? e.clientY + 18 : e.clientY - card.offsetHeight - 14;
      card.style.left = x + 'px';
      card.style.top = y + 'px';
    }
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
