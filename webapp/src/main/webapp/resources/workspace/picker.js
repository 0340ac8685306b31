// Practice-image picker on the design page: the chosen images as thumbnails (click one to take it out again), and a
// search over the stimulus set (GET /api/stimulus-sets/{id}/stimuli) whose thumbnails add their image id to the
// practice field. The field stays the form's value and can still be typed into; an id twice practises a repeat.
(function () {
  function init() {
    for (const picker of document.querySelectorAll('[data-practice-picker]')) setUp(picker);
  }

  function setUp(picker) {
    const input = document.getElementById(picker.dataset.input);
    const context = picker.dataset.context || '';
    const api = context + '/api/stimulus-sets/' + picker.dataset.set + '/stimuli';
    const chosen = picker.querySelector('.picked');
    const results = picker.querySelector('.pick-results');
    const search = picker.querySelector('.pick-search');
    const condition = picker.querySelector('.pick-condition');
    const more = picker.querySelector('.pick-more');
    const status = picker.querySelector('.pick-status');
    const thumbs = new Map();
    let page = 0;

    const ids = () => input.value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

    async function fetchJson(url) {
      const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    }

    function tile(tag, id, thumbnail, label) {
      const el = document.createElement(tag);
      if (tag === 'button') el.type = 'button';
      el.className = 'pick-tile';
      el.dataset.imageId = id;
      const img = document.createElement('img');
      img.loading = 'lazy';
      img.alt = id;
      if (thumbnail) img.src = context + thumbnail;
      const span = document.createElement('span');
      span.textContent = label;
      el.append(img, span);
      return el;
    }

    async function showChosen() {
      const wanted = ids();
      const unknown = wanted.filter((id) => !thumbs.has(id));
      if (unknown.length > 0) {
        try {
          const data = await fetchJson(api + '?size=500&ids=' + encodeURIComponent([...new Set(unknown)].join(',')));
          for (const s of data.stimuli) thumbs.set(s.imageId, s.thumbnail);
        } catch (e) {
          status.textContent = 'Could not load the chosen images: ' + e.message;
        }
      }
      chosen.replaceChildren();
      wanted.forEach((id, index) => {
        const known = thumbs.has(id);
        const button = tile('button', id, thumbs.get(id), (index + 1) + '. ' + id + (known ? '' : ' (not in the set)'));
        button.title = 'Take ' + id + ' out of the practice';
        if (!known) button.classList.add('unknown');
        button.addEventListener('click', () => {
          const list = ids();
          list.splice(index, 1);
          input.value = list.join(', ');
          showChosen();
        });
        chosen.appendChild(button);
      });
      if (wanted.length === 0) {
        const none = document.createElement('span');
        none.className = 'muted';
        none.textContent = 'No practice images chosen.';
        chosen.appendChild(none);
      }
    }

    async function find(append) {
      page = append ? page + 1 : 0;
      const query = '?size=24&page=' + page + '&q=' + encodeURIComponent(search.value) + '&condition=' + encodeURIComponent(condition.value);
      try {
        const data = await fetchJson(api + query);
        if (!append) results.replaceChildren();
        for (const s of data.stimuli) {
          thumbs.set(s.imageId, s.thumbnail);
          const button = tile('button', s.imageId, s.thumbnail, s.imageId + ' · ' + s.condition);
          button.title = 'Add ' + s.imageId + ' to the practice';
          button.addEventListener('click', () => {
            input.value = ids().concat(s.imageId).join(', ');
            showChosen();
          });
          results.appendChild(button);
        }
        const shown = Math.min(data.total, (page + 1) * data.size);
        status.textContent = data.total === 0 ? 'No image matches.' : shown + ' of ' + data.total + ' shown.';
        more.hidden = shown >= data.total;
      } catch (e) {
        status.textContent = 'Could not search the stimulus set: ' + e.message;
      }
    }

    let timer = null;
    search.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(() => find(false), 250); });
    search.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); find(false); } });
    condition.addEventListener('change', () => find(false));
    more.addEventListener('click', () => find(true));
    input.addEventListener('change', showChosen);
    showChosen();
    find(false);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
})();
