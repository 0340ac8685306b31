// Card calibration (the virtual chinrest of Li et al. 2020, Sci Rep 10:904): the participant resizes an on-screen
// card to a real credit card (ISO/IEC 7810 ID-1, 85.60 × 53.98 mm), which gives CSS px per mm. With the viewing
// distance the server turns it into px per degree of visual angle.

const CARD_ASPECT = 85.60 / 53.98;
const MIN_PX = 80;
const MAX_PX = 2000;

/**
 * Shows the calibration screen inside `main` (the page's helpers come in `ui`); resolves with
 * {cardWidthPx, viewingDistanceCm} when the participant confirms. `check(values)` sends them and resolves to an
 * error sentence to show (the server refused them) or null.
 */
export async function calibrate(ui, display, check) {
  const { h, button, show } = ui;
  const start = Math.min(Math.max(Math.round(85.6 * (96 / 25.4)), MIN_PX), Math.max(MIN_PX, window.innerWidth - 48));
  const card = h('div', { class: 'calib-card', 'data-testid': 'calibration-card', 'aria-hidden': 'true' },
    h('span', { class: 'calib-chip' }));
  const slider = h('input', { type: 'range', id: 'card-width', min: String(MIN_PX),
    max: String(Math.min(MAX_PX, Math.max(MIN_PX + 1, window.innerWidth - 32))), step: '1', value: String(start),
    'data-testid': 'calibration-slider' });
  const readout = h('output', { for: 'card-width', class: 'muted' });
  const setWidth = (px) => {
    const width = Math.min(Number(slider.max), Math.max(MIN_PX, Math.round(px)));
    slider.value = String(width);
    card.style.width = `${width}px`;
    card.style.height = `${Math.round(width / CARD_ASPECT)}px`;
    card.dataset.width = String(width);
    readout.textContent = `${width} pixels wide`;
  };
  slider.addEventListener('input', () => setWidth(Number(slider.value)));
  const smaller = button('Smaller', { class: 'btn btn-secondary', 'data-testid': 'calibration-smaller', onclick: () => setWidth(Number(slider.value) - 1) });
  const larger = button('Larger', { class: 'btn btn-secondary', 'data-testid': 'calibration-larger', onclick: () => setWidth(Number(slider.value) + 1) });
  const distance = display.askViewingDistance
    ? h('input', { type: 'number', id: 'viewing-distance', min: '20', max: '200', step: '1', inputmode: 'numeric',
      value: String(Math.round(display.viewingDistanceCm)), 'data-testid': 'viewing-distance' })
    : null;
  const problem = h('p', { class: 'problem', role: 'alert', 'data-testid': 'calibration-error' });
  const done = button('The card matches', { class: 'btn btn-primary', 'data-testid': 'calibration-done' });
  show('calibration',
    h('h1', {}, 'Match a card to your screen'),
    h('p', { class: 'lead' }, 'The images in this study are shown at a set size. Hold a bank card or ID card flat against the screen,'
      + ' its left edge on the outline\u2019s left edge, and make the outline exactly as wide as the card.'),
    h('div', { class: 'calib-controls' },
      h('label', { for: 'card-width' }, 'Card width'), slider, readout, h('div', { class: 'actions' }, smaller, larger)),
    h('div', { class: 'calib-area' }, card),
    distance ? h('div', { class: 'calib-distance' },
      h('label', { for: 'viewing-distance' }, 'How far are your eyes from the screen, in centimetres?'),
      distance,
      h('p', { class: 'muted' }, 'Sit as you will during the game, and measure or estimate it (an arm\u2019s length is about 50\u201360 cm).'))
      : h('p', { class: 'muted' }, `Please sit about ${Math.round(display.viewingDistanceCm)} cm (about an arm\u2019s length) from the screen during the game.`),
    h('div', { class: 'actions' }, done),
    problem);
  setWidth(start);
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
    done.disabled = true;
    problem.textContent = '';
    const error = await check(values);
    done.disabled = false;
    if (!error) return values;
    problem.textContent = error;
  }
}
