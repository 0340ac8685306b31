package engram.run.control;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import engram.experiment.entity.DisplaySettings;
import engram.platform.ClientError;
import engram.platform.ErrorAnswer;
import engram.platform.ErrorCode;
import engram.run.entity.DeviceReport;

/**
 * The server's half of the browser check: checks what the page measured, applies the experimenter's device rules,
 * names the browser and operating system, and turns the card calibration into pixels per degree.
 */
public final class DeviceCheck {

    /** ISO/IEC 7810 ID-1 (a credit card): 85.60 mm wide. */
    public static final double CARD_WIDTH_MM = 85.60;
    /** At least about one second of frames at 30 Hz. */
    static final int MIN_FRAMES = 30;

    private static final Pattern PHONE_AGENT = Pattern.compile("iPhone|iPod|Windows Phone|Android.*Mobile|Mobile.*Firefox|Mobi");
    private static final int PHONE_SHORT_SIDE = 500;

    /** A device rule the report fails: the rule's name (stored per run) and a sentence for the participant. */
    public record Refusal(String rule, String message) {
    }

    private DeviceCheck() {
    }

    /** Refuses a report with values no browser gives (400 bad_device_report naming the field); nothing is stored. */
    public static void validate(DeviceReport d) {
        if (d.userAgent() == null || d.userAgent().isBlank() || d.userAgent().length() > 512) {
            throw bad("userAgent", "must be 1-512 characters");
        }
        size(d.screenWidth(), "screenWidth");
        size(d.screenHeight(), "screenHeight");
        size(d.windowWidth(), "windowWidth");
        size(d.windowHeight(), "windowHeight");
        if (!(d.devicePixelRatio() >= 0.25 && d.devicePixelRatio() <= 10)) {
            throw bad("devicePixelRatio", "must be between 0.25 and 10");
        }
        if (!(d.refreshHz() >= 1 && d.refreshHz() <= 1000)) {
            throw bad("refreshHz", "must be between 1 and 1000");
        }
        if (d.frames() < MIN_FRAMES || d.frames() > 100_000) {
            throw bad("frames", "must be between " + MIN_FRAMES + " and 100000 (the refresh rate is measured over at least 1 s)");
        }
    }

    private static void size(int value, String field) {
        if (value < 1 || value > 20_000) {
            throw bad(field, "must be between 1 and 20000 CSS px");
        }
    }

    private static ClientError bad(String field, String problem) {
        return new ClientError(400, ErrorCode.BAD_DEVICE_REPORT, "The browser check's " + field + " " + problem + ".", ErrorAnswer.Details.field(field));
    }

    /** The first device rule the report fails, in the order refresh rate, window size, phone, full screen. */
    public static Optional<Refusal> refusal(DisplaySettings rules, DeviceReport d) {
        if (rules.minRefreshHz() > 0 && d.refreshHz() < rules.minRefreshHz()) {
            return Optional.of(new Refusal("refresh_rate", String.format(Locale.ROOT,
                    "This study needs a screen that refreshes at least %s times a second. Yours measured %.0f Hz.",
                    plain(rules.minRefreshHz()), d.refreshHz())));
        }
        if ((rules.minWindowWidth() > 0 && d.windowWidth() < rules.minWindowWidth())
                || (rules.minWindowHeight() > 0 && d.windowHeight() < rules.minWindowHeight())) {
            return Optional.of(new Refusal("window_size", "This study needs a browser window of at least " + rules.minWindowWidth() + " × "
                    + rules.minWindowHeight() + " pixels. Yours is " + d.windowWidth() + " × " + d.windowHeight() + "."));
        }
        if (!rules.allowPhones() && isPhone(d)) {
            return Optional.of(new Refusal("phone", "This study cannot be done on a phone. It needs a computer or a tablet."));
        }
        if (rules.requireFullscreen() && !d.fullscreenAvailable()) {
            return Optional.of(new Refusal("fullscreen", "This study runs in full screen, and this browser does not offer full screen."));
        }
        return Optional.empty();
    }

    /** A phone: its user agent says so, or a coarse (touch) pointer on a screen whose shorter side is under 500 CSS px. */
    static boolean isPhone(DeviceReport d) {
        return PHONE_AGENT.matcher(d.userAgent()).find()
                || (d.coarsePointer() && Math.min(d.screenWidth(), d.screenHeight()) < PHONE_SHORT_SIDE);
    }

    /** The refusal when the stimulus (its longer side, CSS px) would not fit the window's shorter side. */
    public static Optional<Refusal> fits(Double stimulusSizePx, int windowWidth, int windowHeight) {
        if (stimulusSizePx != null && stimulusSizePx > Math.min(windowWidth, windowHeight)) {
            return Optional.of(new Refusal("stimulus_size", String.format(Locale.ROOT,
                    "At the size this study shows its images (%.0f pixels), they would not fit in your window (%d × %d).",
                    stimulusSizePx, windowWidth, windowHeight)));
        }
        return Optional.empty();
    }

    /**
     * CSS px per degree of visual angle at the centre of the screen (virtual chinrest, Li et al. 2020, Sci Rep 10:904):
     * px/mm = card width in px / 85.6 mm, and one degree spans 2·d·tan(0.5°) mm at viewing distance d.
     */
    public static double pxPerDegree(double cardWidthPx, double viewingDistanceCm) {
        double pxPerMm = cardWidthPx / CARD_WIDTH_MM;
        return pxPerMm * 2 * (viewingDistanceCm * 10) * Math.tan(Math.toRadians(0.5));
    }

    /**
     * The horizontal angle between fixation and the centre of the blind spot that the virtual chinrest assumes for
     * everyone: 13.5°, the average Li et al. 2020 (Sci Rep 10:904) use (individual eyes lie about 12–15°).
     */
    public static final double BLIND_SPOT_DEGREES = 13.5;
    /** The fewest and most blind-spot presses the server accepts (the page makes 5). */
    static final int MIN_BLIND_SPOT_TRIES = 3;
    static final int MAX_BLIND_SPOT_TRIES = 10;

    /**
     * The viewing distance in cm measured with the blind spot (virtual chinrest, Li et al. 2020): the median of the
     * offsets (CSS px from the fixation square's centre to the dot's centre when it vanished) in mm, divided by
     * tan(13.5°). The paper averages its five tries; the median keeps one stray press from moving the result.
     */
    public static double distanceFromBlindSpot(double cardWidthPx, java.util.List<Double> offsetsPx) {
        double[] sorted = offsetsPx.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        double medianPx = sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        double medianMm = medianPx / (cardWidthPx / CARD_WIDTH_MM);
        return medianMm / Math.tan(Math.toRadians(BLIND_SPOT_DEGREES)) / 10;
    }

    /**
     * Checks the blind-spot presses (400 bad_calibration naming blindSpotPx): 3–10 offsets between 1 and 20000 CSS px,
     * and a median that gives a viewing distance between 20 and 200 cm.
     */
    public static double validateBlindSpot(double cardWidthPx, java.util.List<Double> offsetsPx) {
        if (offsetsPx == null || offsetsPx.size() < MIN_BLIND_SPOT_TRIES || offsetsPx.size() > MAX_BLIND_SPOT_TRIES) {
            throw blindSpot("The blind-spot test needs " + MIN_BLIND_SPOT_TRIES + " to " + MAX_BLIND_SPOT_TRIES + " measurements.");
        }
        for (Double offset : offsetsPx) {
            if (offset == null || !(offset >= 1 && offset <= 20_000)) {
                throw blindSpot("Each blind-spot measurement must be between 1 and 20000 pixels.");
            }
        }
        double distance = distanceFromBlindSpot(cardWidthPx, offsetsPx);
        if (!(distance >= 20 && distance <= 200)) {
            throw blindSpot(String.format(Locale.ROOT, "Those presses put your eyes %.0f cm from the screen, which cannot be right."
                    + " Please sit as you will during the game, cover your right eye, and try the dot test again.", distance));
        }
        return distance;
    }

    private static ClientError blindSpot(String message) {
        return new ClientError(400, ErrorCode.BAD_CALIBRATION, message, ErrorAnswer.Details.field("blindSpotPx"));
    }

    /** Refuses a card width outside what a real screen gives (400 bad_calibration naming cardWidthPx). */
    public static void validateCard(double cardWidthPx) {
        if (!(cardWidthPx >= 80 && cardWidthPx <= 2000)) {
            throw new ClientError(400, ErrorCode.BAD_CALIBRATION, "The card width must be between 80 and 2000 pixels; " + plain(cardWidthPx)
                    + " is not a card on a screen.", ErrorAnswer.Details.field("cardWidthPx"));
        }
    }

    /** Refuses calibration values outside what a real screen gives (400 bad_calibration naming the field). */
    public static void validateCalibration(double cardWidthPx, double viewingDistanceCm) {
        validateCard(cardWidthPx);
        if (!(viewingDistanceCm >= 20 && viewingDistanceCm <= 200)) {
            throw new ClientError(400, ErrorCode.BAD_CALIBRATION, "The viewing distance must be between 20 and 200 cm.",
                    ErrorAnswer.Details.field("viewingDistanceCm"));
        }
    }

    /** The stimulus's longer side in CSS px for PIXELS and SCREEN_FRACTION; null for NATURAL and (before calibration) DEGREES. */
    public static Double sizeBeforeCalibration(DisplaySettings s, DeviceReport d) {
        return switch (s.sizeMode()) {
            case PIXELS -> s.stimulusSize();
            case SCREEN_FRACTION -> s.stimulusSize() * Math.min(d.screenWidth(), d.screenHeight());
            default -> null;
        };
    }

    /** "Chrome 126", "Firefox 128", "Safari 17", "Edge 126", … or "other". */
    public static String browser(String ua) {
        String[][] names = {{"Edg(?:e|A|iOS)?/(\\d+)", "Edge"}, {"OPR/(\\d+)", "Opera"}, {"SamsungBrowser/(\\d+)", "Samsung Internet"},
            {"(?:Firefox|FxiOS)/(\\d+)", "Firefox"}, {"CriOS/(\\d+)", "Chrome"}, {"HeadlessChrome/(\\d+)", "Headless Chrome"},
            {"Chrom(?:e|ium)/(\\d+)", "Chrome"}, {"Version/(\\d+)[.\\d]* (?:Mobile/\\S+ )?Safari/", "Safari"}};
        for (String[] name : names) {
            Matcher m = Pattern.compile(name[0]).matcher(ua);
            if (m.find()) {
                return name[1] + " " + m.group(1);
            }
        }
        return "other";
    }

    /** "Windows", "macOS", "iOS", "Android", "ChromeOS", "Linux" or "other". */
    public static String os(String ua) {
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) {
            return "iOS";
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Linux") || ua.contains("X11")) {
            return "Linux";
        }
        return "other";
    }

    static String plain(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
