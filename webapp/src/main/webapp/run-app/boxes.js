// Box editor: draw, move, resize (corner handles) and delete boxes on an image, with pointer events
// (mouse, pen, touch) and the keyboard. Boxes are kept in normalized image coordinates [0,1].

const MIN_SIZE = 0.02;       // smallest box side, as a fraction of the image side
const KEY_STEP = 0.01;       // arrow-key move step
const CORNERS = ['nw', 'ne', 'sw', 'se'];

const clamp01 = (v) => Math.min(1, Math.max(0, v));

/** Rounds a box to 6 decimals while keeping it inside [0,1] with x+width <= 1 and y+height <= 1. */
export function normalizeBox({ x, y, width, height }) {
  const round = (v) => Math.round(v * 1e6) / 1e6;
  const x0 = round(clamp01(x));
  const y0 = round(clamp01(y));
  const w = Math.min(Math.floor(clamp01(width) * 1e6) / 1e6, round(1 - x0));
  const h = Math.min(Math.floor(clamp01(height) * 1e6) / 1e6, round(1 - y0));
  return { x: x0, y: y0, width: w, height: h };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * Attaches a box editor to `frame` (a positioned element holding the image, sized like it).
 * onChange(boxes) is called after every change.
 */
export class BoxEditor {
  constructor(frame, { maxBoxes, onChange }) {
    this.frame = frame;
    this.maxBoxes = maxBoxes;
    this.onChange = onChange;
    this.boxes = [];          // {id, x, y, width, height, node}
    this.selected = null;
    this.drag = null;
    this.nextId = 1;
    this.layer = el('div', { class: 'box-layer', 'data-testid': 'box-canvas', role: 'application',
      'aria-label': 'Image: drag to draw a box. Arrow keys move the selected box, Delete removes it.', tabindex: '0' });
    frame.append(this.layer);
    this.layer.addEventListener('pointerdown', (e) => this.pointerDown(e));
    this.layer.addEventListener('pointermove', (e) => this.pointerMove(e));
    this.layer.addEventListener('pointerup', (e) => this.pointerUp(e));
    this.layer.addEventListener('pointercancel', (e) => this.pointerUp(e));
    // A touch drag here is the box tool's own: `touch-action: none` stops the scrolling, but Chromium's gesture
    // recognizer still turns a quick flick into a fling, and the next tap (on Done) only stops that fling: no click.
    // Cancelling the touch moves tells it the drag was handled, so no fling starts. Taps (the × button) still click.
    this.layer.addEventListener('touchmove', (e) => { if (e.cancelable) e.preventDefault(); }, { passive: false });
    this.onKey = (e) => this.keyDown(e);
    document.addEventListener('keydown', this.onKey);
  }

  destroy() { document.removeEventListener('keydown', this.onKey); }

  /** The boxes as the API wants them. */
  value() { return this.boxes.map(normalizeBox); }

  /** Puts back boxes kept from before a reload (normalized coordinates), as if they had just been drawn. */
  load(boxes) {
    for (const b of (boxes || []).slice(0, this.maxBoxes)) this.createBox(normalizeBox(b));
    this.changed();
  }

  /** Adds a centred box (the keyboard and "Add a box" route). */
  addCentredBox() {
    if (this.boxes.length >= this.maxBoxes) return;
    const offset = (this.boxes.length % 4) * 0.05;
    this.select(this.createBox({ x: 0.3 + offset, y: 0.3 + offset, width: 0.3, height: 0.3 }));
    this.changed();
  }

  point(e) {
    const r = this.layer.getBoundingClientRect();
    return { x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height) };
  }

  createBox(coords) {
    const box = { id: this.nextId++, ...coords };
    const remove = el('button', { type: 'button', class: 'box-delete', 'aria-label': 'Delete this box', 'data-testid': 'box-delete' }, '×');
    remove.addEventListener('pointerdown', (e) => e.stopPropagation());
    remove.addEventListener('click', (e) => { e.stopPropagation(); this.removeBox(box); });
    box.node = el('div', { class: 'box', 'data-testid': 'box' });
    for (const corner of CORNERS) box.node.append(el('span', { class: `handle handle-${corner}`, 'data-corner': corner }));
    box.node.append(remove);
    this.layer.append(box.node);
    this.boxes.push(box);
    this.render(box);
    return box;
  }

  removeBox(box) {
    box.node.remove();
    this.boxes = this.boxes.filter((b) => b !== box);
    if (this.selected === box) this.selected = null;
    this.layer.focus({ preventScroll: true });
    this.changed();
  }

  select(box) {
    if (this.selected) this.selected.node.classList.remove('selected');
    this.selected = box;
    if (box) box.node.classList.add('selected');
  }

  render(box) {
    Object.assign(box.node.style, {
      left: `${box.x * 100}%`, top: `${box.y * 100}%`, width: `${box.width * 100}%`, height: `${box.height * 100}%`,
    });
  }

  changed() {
    this.layer.classList.toggle('full', this.boxes.length >= this.maxBoxes);
    this.onChange(this.value());
  }

  pointerDown(e) {
    if (e.button !== undefined && e.button > 0) return;
    const p = this.point(e);
    const handle = e.target.closest('.handle');
    const boxNode = e.target.closest('.box');
    const box = boxNode && this.boxes.find((b) => b.node === boxNode);
    if (handle && box) {
      const corner = handle.dataset.corner;
      // the fixed corner is the one opposite the grabbed handle
      const anchor = { x: corner.includes('w') ? box.x + box.width : box.x, y: corner.includes('n') ? box.y + box.height : box.y };
      this.drag = { mode: 'resize', box, anchor };
    } else if (box) {
      this.drag = { mode: 'move', box, start: p, origin: { x: box.x, y: box.y } };
    } else if (this.boxes.length < this.maxBoxes) {
      const created = this.createBox({ x: p.x, y: p.y, width: 0, height: 0 });
      this.drag = { mode: 'draw', box: created, anchor: p };
    } else {
      this.select(null);
      return;
    }
    this.select(this.drag.box);
    try { this.layer.setPointerCapture(e.pointerId); } catch (err) { /* synthetic or already released pointer */ }
    this.layer.focus({ preventScroll: true });
    e.preventDefault();
  }

  pointerMove(e) {
    if (!this.drag) return;
    const p = this.point(e);
    const { box } = this.drag;
    if (this.drag.mode === 'move') {
      box.x = clamp01(Math.min(this.drag.origin.x + p.x - this.drag.start.x, 1 - box.width));
      box.y = clamp01(Math.min(this.drag.origin.y + p.y - this.drag.start.y, 1 - box.height));
    } else {
      const a = this.drag.anchor;
      Object.assign(box, { x: Math.min(a.x, p.x), y: Math.min(a.y, p.y), width: Math.abs(p.x - a.x), height: Math.abs(p.y - a.y) });
    }
    this.render(box);
    e.preventDefault();
  }

  pointerUp(e) {
    if (!this.drag) return;
    const { box, mode } = this.drag;
    this.drag = null;
    try { if (this.layer.hasPointerCapture(e.pointerId)) this.layer.releasePointerCapture(e.pointerId); } catch (err) { /* ignore */ }
    if (box.width < MIN_SIZE || box.height < MIN_SIZE) {
      if (mode === 'draw') { this.removeBox(box); return; }
      box.width = Math.max(box.width, MIN_SIZE);
      box.height = Math.max(box.height, MIN_SIZE);
      box.x = Math.min(box.x, 1 - box.width);
      box.y = Math.min(box.y, 1 - box.height);
      this.render(box);
    }
    this.changed();
  }

  keyDown(e) {
    const box = this.selected;
    if (!box || !this.layer.isConnected) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      this.removeBox(box);
      e.preventDefault();
      return;
    }
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const move = moves[e.key];
    if (!move || document.activeElement !== this.layer) return;
    if (e.shiftKey) {
      box.width = Math.min(Math.max(MIN_SIZE, box.width + move[0] * KEY_STEP), 1 - box.x);
      box.height = Math.min(Math.max(MIN_SIZE, box.height + move[1] * KEY_STEP), 1 - box.y);
    } else {
      box.x = clamp01(Math.min(box.x + move[0] * KEY_STEP, 1 - box.width));
      box.y = clamp01(Math.min(box.y + move[1] * KEY_STEP, 1 - box.height));
    }
    this.render(box);
    this.changed();
    e.preventDefault();
  }
}
