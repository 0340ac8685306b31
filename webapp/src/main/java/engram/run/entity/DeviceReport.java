package engram.run.entity;

/**
 * What the participant page's browser check measured (all sizes in CSS px): the user agent, the screen and window,
 * devicePixelRatio, touch input, a coarse primary pointer, the refresh rate from the median requestAnimationFrame
 * interval over {@code frames} frames, and whether the browser offers full screen.
 */
public record DeviceReport(String userAgent, int screenWidth, int screenHeight, int windowWidth, int windowHeight,
                           double devicePixelRatio, boolean touch, boolean coarsePointer, double refreshHz, int frames,
                           boolean fullscreenAvailable) {
}
