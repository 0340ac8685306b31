// Card calibration (the virtual chinrest of Li et al. 2020, Sci Rep 10:904): the participant resizes an on-screen
// card to a real credit card (ISO/IEC 7810 ID-1, 85.60 × 53.98 mm), which gives CSS px per mm. With the viewing
// distance (the experiment's, the participant's stated one, or one measured here with the blind spot) the server turns
// it into px per degree of visual angle.

const CARD_ASPECT = 85.60 / 53.98;
const CARD_MM = 85.60;
const MIN_PX = 80;
const MAX_PX = 2000;

/** The blind-spot test (Li et al. 2020): tries, the dot's speed and start, and the sizes of the square and the dot. */
export const BLIND_SPOT = Object.freeze({ tries: 5, speedMmPerS: 20, startGapMm: 20, squareMm: 6, dotMm: 6, marginMm: 10 });

/**
 * Shows the calibration screen inside `main` (the page's helpers come in `ui`); resolves with
 * {cardWidthPx, viewingDistanceCm?, blindSpotPx?} when the participant confirms. `check(values)` sends them and
 * resolves to an error sentence to show (the server refused them) or null.
 */
export async function calibrate(ui, display, check) {
  const { h, button, show } = ui;
  const measured = display.distanceSource === 'MEASURED';
  const asked = !measured && (display.distanceSource === 'STATED' || display.askViewingDistance);
  let width = Math.min(Math.max(Math.round(85.6 * (96 / 25.4)), MIN_PX), Math.max(MIN_PX, window.innerWidth - 48));
  let statedCm = String(Math.round(display.viewingDistanceCm));
  let error = '';
  for (;;) {
    const card = cardScreen(ui, display, { width, statedCm, error, asked, measured });
    const values = await card.confirmed();
    width = values.cardWidthPx;
    if (asked) statedCm = String(values.viewingDistanceCm);
    if (measured) values.blindSpotPx = await blindSpotTest(ui, values.cardWidthPx / CARD_MM);
    card.busy();
    error = await check(values);
    if (!error) return values;
  }
}

/** The card screen; `confirmed()` resolves with {cardWidthPx, viewingDistanceCm?} once the values are usable. */
function cardScreen(ui, display, { width, statedCm, error, asked, measured }) {
  const { h, button, show } = ui;
  const card = h('div', { class: 'calib-card', 'data-testid': 'calibration-card', 'aria-hidden': 'true' },
    h('span', { class: 'calib-chip' }));
  const slider = h('input', { type: 'range', id: 'card-width', min: String(MIN_PX),
    max: String(Math.min(MAX_PX, Math.max(MIN_PX + 1, window.innerWidth - 32))), step: '1', value: String(width),
    'data-testid': 'calibration-slider' });
  const readout = h('output', { for: 'card-width', class: 'muted' });
  const setWidth = (px) => {
    const w = Math.min(Number(slider.max), Math.max(MIN_PX, Math.round(px)));
    slider.value = String(w);
    card.style.width = `${w}px`;
    card.style.height = `${Math.round(w / CARD_ASPECT)}px`;
    card.dataset.width = String(w);
    readout.textContent = `${w} pixels wide`;
  };
  slider.addEventListener('input', () => setWidth(Number(slider.value)));
  const smaller = button('Smaller', { class: 'btn btn-secondary', 'data-testid': 'calibration-smaller', onclick: () => setWidth(Number(slider.value) - 1) });
  const larger = button('Larger', { class: 'btn btn-secondary', 'data-testid': 'calibration-larger', onclick: () => setWidth(Number(slider.value) + 1) });
  const distance = asked
    ? h('input', { type: 'number', id: 'viewing-distance', min: '20', max: '200', step: '1', inputmode: 'numeric',
      value: statedCm, 'data-testid': 'viewing-distance' })
    : null;
  const problem = h('p', { class: 'problem', role: 'alert', 'data-testid': 'calibration-error' }, error || '');
  const done = button('The card matches', { class: 'btn btn-primary', 'data-testid': 'calibration-done' });
  let distanceBlock;
  if (distance) {
    distanceBlock = h('div', { class: 'calib-distance' },
      h('label', { for: 'viewing-distance' }, 'How far are your eyes from the screen, in centimetres?'),
      distance,
      h('p', { class: 'muted' }, 'Sit as you will during the game, and measure or estimate it (an arm\u2019s length is about 50\u201360 cm).'));
  } else if (measured) {
    distanceBlock = h('p', { class: 'muted' }, 'Next, a short test with a moving dot measures how far you sit from the screen.'
      + ' Please sit as you will during the game.');
  } else {
    distanceBlock = h('p', { class: 'muted' }, `Please sit about ${Math.round(display.viewingDistanceCm)} cm (about an arm\u2019s length) from the screen during the game.`);
  }
  show('calibration',
    h('h1', {}, 'Match a card to your screen'),
    h('p', { class: 'lead' }, 'The images in this study are shown at a set size. Hold a bank card or ID card flat against the screen,'
      + ' its left edge on the outline\u2019s left edge, and make the outline exactly as wide as the card.'),
    h('div', { class: 'calib-controls' },
      h('label', { for: 'card-width' }, 'Card width'), slider, readout, h('div', { class: 'actions' }, smaller, larger)),
    h('div', { class: 'calib-area' }, card),
    distanceBlock,
    h('div', { class: 'actions' }, done),
    problem);
  setWidth(width);
  return {
    async confirmed() {
      for (;;) {
        await new Promise((resolve) => done.addEventListener('click', resolve, { once: true }));
        const values = { cardWidthPx: Number(slider.value) };
        if (distance) {
          const cm = Number(distance.value);
          if (!distance.value || !Number.isFinite(cm) || cm < 20 || cm > 200) {
            problem.textContent = 'Please enter a distance between 20 and 200 cm.';
            distance.focus();
            continue;
          }
          values.viewingDistanceCm = cm;
        }
        return values;
      }
    },
    busy() { done.disabled = true; problem.textContent = ''; },
  };
}

/**
 * The blind-spot test of the virtual chinrest (Li et al. 2020): with the right eye covered, the participant looks at a
 * black square while a red dot moves left; they press Space (or tap the button) when the dot disappears into the left
 * eye's blind spot. Resolves with the offsets (CSS px, the square's centre to the dot's centre at each press), one per
 * try; the server takes their median and divides it by tan(13.5°).
 */
export async function blindSpotTest(ui, pxPerMm) {
  const { h, button, show } = ui;
  const begin = button('Start the dot test', { class: 'btn btn-primary', 'data-testid': 'blind-spot-start' });
  show('blind-spot-intro',
    h('h1', {}, 'How far are you from the screen?'),
    h('p', { class: 'lead' }, 'Everyone has a small blind spot in each eye. Finding yours tells us how far you sit from the screen.'),
    h('ol', { class: 'steps' },
      h('li', {}, 'Sit as you will during the game.'),
      h('li', {}, 'Cover your ', h('strong', {}, 'right'), ' eye with your right hand.'),
      h('li', {}, 'With your left eye, look only at the black square, not at the dot.'),
      h('li', {}, 'A red dot moves to the left. The moment it ', h('strong', {}, 'disappears'), ', press ', h('kbd', {}, 'Space'),
        ' (or tap \u201cIt disappeared\u201d).')),
    h('p', {}, `We do this ${BLIND_SPOT.tries} times. It takes about a minute.`),
    h('div', { class: 'actions' }, begin));
  await new Promise((resolve) => begin.addEventListener('click', resolve, { once: true }));

  const mm = (v) => v * pxPerMm;
  const square = h('div', { class: 'blind-square', 'data-testid': 'blind-spot-square', 'aria-hidden': 'true' });
  const dot = h('div', { class: 'blind-dot', 'data-testid': 'blind-spot-dot', 'aria-hidden': 'true' });
  const field = h('div', { class: 'blind-field' }, square, dot);
  const tryLabel = h('p', { class: 'blind-try', 'data-testid': 'blind-spot-try', role: 'status' });
  const note = h('p', { class: 'problem', role: 'alert', 'data-testid': 'blind-spot-note' });
  const gone = button('It disappeared', { class: 'btn btn-primary', 'data-testid': 'blind-spot-gone' });
  show('blind-spot', h('h1', { class: 'visually-hidden' }, 'Dot test'), field,
    h('div', { class: 'blind-foot' }, tryLabel, note, h('div', { class: 'actions' }, gone)));
  square.style.width = square.style.height = `${mm(BLIND_SPOT.squareMm)}px`;
  dot.style.width = dot.style.height = `${mm(BLIND_SPOT.dotMm)}px`;

  const touch = Boolean(window.matchMedia && window.matchMedia('(pointer: coarse)').matches);
  const press = touch ? 'tap \u201cIt disappeared\u201d' : 'press Space';
  const offsets = [];
  let misses = 0;
  while (offsets.length < BLIND_SPOT.tries) {
    tryLabel.textContent = `Try ${offsets.length + 1} of ${BLIND_SPOT.tries}: right eye covered, look at the square, and ${press} the moment the dot disappears.`;
    const offset = await oneTry({ field, square, dot, gone, mm });
    if (offset == null) {
      misses += 1;
      note.textContent = misses < 3
        ? 'The dot reached the edge. Keep your right eye covered, look only at the square, and press as soon as the dot disappears.'
        : 'The dot keeps reaching the edge. Make the browser window as wide as you can (on a phone or tablet, turn it sideways), keep your right eye covered, and look only at the square.';
      continue;
    }
    misses = 0;
    note.textContent = '';
    offsets.push(offset);
  }
  return offsets;
}

/** One run of the dot: resolves with the offset at the press (CSS px, to 0.01), or null when the dot reached the edge. */
function oneTry({ field, square, dot, gone, mm }) {
  const squareCentre = window.innerWidth - mm(BLIND_SPOT.marginMm) - mm(BLIND_SPOT.squareMm) / 2;
  square.style.left = `${squareCentre - mm(BLIND_SPOT.squareMm) / 2}px`;
  const speed = mm(BLIND_SPOT.speedMmPerS) / 1000; // px per ms
  const startOffset = mm(BLIND_SPOT.startGapMm);
  const lastOffset = squareCentre - mm(BLIND_SPOT.dotMm) / 2;
  let offset = startOffset;
  const place = () => {
    dot.style.left = `${squareCentre - offset - mm(BLIND_SPOT.dotMm) / 2}px`;
    dot.dataset.offset = String(Math.round(offset * 100) / 100);
  };
  place();
  dot.hidden = false;
  return new Promise((resolve) => {
    let start = null;
    let frame = 0;
    const finish = (value) => {
      cancelAnimationFrame(frame);
      window.removeEventListener('keydown', onKey, true);
      gone.removeEventListener('pointerdown', onPress);
      gone.removeEventListener('click', onClick);
      dot.hidden = true;
      setTimeout(() => resolve(value), 600);
    };
    const press = () => finish(Math.round(offset * 100) / 100);
    const onKey = (e) => { if (e.code === 'Space' || e.key === ' ') { e.preventDefault(); if (!e.repeat) press(); } };
    const onPress = () => press();
    const onClick = (e) => { if (e.detail === 0) press(); }; // keyboard activation of the button
    window.addEventListener('keydown', onKey, true);
    gone.addEventListener('pointerdown', onPress);
    gone.addEventListener('click', onClick);
    const tick = (ts) => {
      if (start == null) start = ts;
      offset = startOffset + speed * (ts - start);
      if (offset >= lastOffset) { finish(null); return; }
      place();
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
  });
}
