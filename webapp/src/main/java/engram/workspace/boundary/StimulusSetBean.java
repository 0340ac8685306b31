package engram.workspace.boundary;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.stimuli.control.StimulusBrowser;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** admin/stimulus-set.xhtml?id=…&amp;condition=&amp;pair=&amp;q=&amp;page=: a stimulus set's thumbnail grid, filtered (a GET form) and paged. */
@Named("stimulusSet")
@RequestScoped
public class StimulusSetBean {

    @Inject
    StimulusBrowser browser;

    private long id;
    private String condition;
    private String pair;
    private String text;
    private StimulusBrowser.GridPage grid;

    @PostConstruct
    void load() {
        try {
            id = Long.parseLong(String.valueOf(Ui.param("id")).trim());
        } catch (NumberFormatException e) {
            Ui.notFound(ClientError.notFound(ErrorCode.UNKNOWN_STIMULUS_SET, "Give the stimulus set's number: stimulus-set.xhtml?id=…"));
            return;
        }
        condition = Ui.param("condition");
        pair = Ui.param("pair");
        text = Ui.param("q");
        grid = browser.grid(id, new StimulusBrowser.Filter(condition, pair, text, Set.of()), Ui.pageParam());
    }

    /** The query string of another page with the same filter. */
    public String pageLink(int page) {
        return "?id=" + id + param("condition", condition) + param("pair", pair) + param("q", text) + "&page=" + page;
    }

    private static String param(String name, String value) {
        return value == null || value.isBlank() ? "" : "&" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public boolean isFiltered() {
        return grid != null && (notBlank(condition) || notBlank(pair) || notBlank(text));
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    public long getId() { return id; }
    public String getCondition() { return condition == null ? "" : condition; }
    public String getPair() { return pair == null ? "" : pair; }
    public String getText() { return text == null ? "" : text; }
    public StimulusBrowser.GridPage getGrid() { return grid; }
}
