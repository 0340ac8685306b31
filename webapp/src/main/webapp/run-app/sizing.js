// The stimulus size the experimenter set (docs/participant-page.md, "What participants see"): the image's longer
// side in CSS px, the same in the stream and (times the enlargement factor) in the box tool.

/** Sets an image's size so that its longer side is `sizePx` CSS px (whole pixels); no-op for natural size. */
export function applyStimulusSize(img, sizePx) {
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  if (!sizePx || !w || !h) return;
  const scale = sizePx / Math.max(w, h);
  img.style.width = `${Math.round(w * scale)}px`;
  img.style.height = `${Math.round(h * scale)}px`;
  img.style.maxWidth = 'none';
  img.style.maxHeight = 'none';
}

/**
 * The box tool's image width: the width the stream showed (or would show) times `scale`, as --wanted-width; style.css
 * shrinks it only when it would not fit the window with the tool's heading and buttons, so "Done" stays in view.
 */
export function sizeAnnotationImage(img, streamImage, sizePx, scale) {
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  if (!w || !h) return;
  let streamWidth;
  if (sizePx) {
    streamWidth = Math.round(w * (sizePx / Math.max(w, h)));
  } else {
    const shown = streamImage && streamImage.isConnected ? streamImage.getBoundingClientRect().width : 0;
    streamWidth = shown > 0 ? shown : Math.min(w, 720, window.innerWidth * 0.92);
  }
  const wanted = Math.round(streamWidth * (scale || 1));
  img.style.setProperty('--wanted-width', `${wanted}px`); // style.css caps it to the window (Done stays in view)
  img.dataset.wantedWidth = String(wanted);
}
