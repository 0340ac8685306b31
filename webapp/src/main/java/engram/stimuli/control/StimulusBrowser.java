package engram.stimuli.control;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.platform.ClientError;
import engram.platform.ErrorCode;
import engram.platform.Database;
import engram.stimuli.entity.StimulusSet;
import engram.stimuli.entity.Thumbnail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;

/**
 * Browsing a stimulus set: its images filtered by condition, pair and text, with their thumbnails, a page at a time.
 * The filter runs in the database and only the columns the grid shows are read (no image bytes), so a set of 20,000
 * images answers a page in milliseconds; the grid's images are the cached thumbnails, loaded lazily by the browser.
 */
@ApplicationScoped
public class StimulusBrowser {

    /** Pairs or unpaired images per page of the grid. */
    public static final int UNITS_PER_PAGE = 24;

    @Inject
    Database database;
    @Inject
    CurrentUser currentUser;

    /** What to show: a condition (exact), a pair id (exact, any case), text in the image id, pair, category or file name, or given ids. */
    public record Filter(String condition, String pair, String text, Set<String> ids) {
        public Filter {
            condition = blankToNull(condition);
            pair = blankToNull(pair);
            text = blankToNull(text);
            ids = ids == null ? Set.of() : Set.copyOf(ids);
        }

        public static Filter none() {
            return new Filter(null, null, null, Set.of());
        }
    }

    /** One image as the grid shows it. */
    public record Tile(String imageId, String pairId, String condition, String category, Double predictedMemorability, String sha256,
                       String extension) {
        public String thumbnail() {
            return Thumbnail.url(sha256);
        }

        public String image() {
            return "/img/" + sha256 + "." + extension;
        }

        /** Predicted memorability as printed: two decimals, or empty when the manifest has none. */
        public String predicted() {
            return predictedMemorability == null ? "" : String.format(Locale.ROOT, "%.2f", predictedMemorability);
        }
    }

    /** The members of one pair side by side, or one unpaired image (pairId null). */
    public record Unit(String pairId, List<Tile> members) {
    }

    /** One page of the grid. */
    public record GridPage(long setId, String setName, List<String> conditions, int page, int pages, int units, int images, List<Unit> shown) {
    }

    /** One page of the flat list (the scripts API and the practice picker). */
    public record Slice(long total, int page, int size, List<Tile> tiles) {
    }

    public GridPage grid(long setId, Filter filter, int page) {
        currentUser.require(Account.Role.ANALYST);
        return database.read(em -> {
            StimulusSet set = set(em, setId);
            Map<String, Unit> units = new LinkedHashMap<>();
            List<Tile> tiles = tiles(em, setId, filter, 0, Integer.MAX_VALUE);
            for (Tile t : tiles) {
                String key = t.pairId() == null ? "image " + t.imageId() : "pair " + t.pairId();
                units.computeIfAbsent(key, k -> new Unit(t.pairId(), new ArrayList<>())).members().add(t);
            }
            List<Unit> all = new ArrayList<>(units.values());
            int pages = Math.max(1, (all.size() + UNITS_PER_PAGE - 1) / UNITS_PER_PAGE);
            int p = Math.min(Math.max(0, page), pages - 1);
            List<Unit> shown = all.subList(p * UNITS_PER_PAGE, Math.min(all.size(), (p + 1) * UNITS_PER_PAGE));
            return new GridPage(set.id(), set.name(), conditions(em, setId), p, pages, all.size(), tiles.size(), List.copyOf(shown));
        });
    }

    public Slice list(long setId, Filter filter, int page, int size) {
        currentUser.require(Account.Role.ANALYST);
        if (size < 1 || size > 500) {
            throw ClientError.badRequest(ErrorCode.BAD_PAGE_SIZE, "'size' must be between 1 and 500; got " + size + ".");
        }
        if (page < 0) {
            throw ClientError.badRequest(ErrorCode.BAD_PAGE, "'page' must be 0 or more; got " + page + ".");
        }
        return database.read(em -> {
            set(em, setId);
            long total = query(em, "select count(s)", setId, filter, Long.class).getSingleResult();
            return new Slice(total, page, size, tiles(em, setId, filter, (long) page * size > Integer.MAX_VALUE ? Integer.MAX_VALUE : page * size, size));
        });
    }

    private static StimulusSet set(EntityManager em, long setId) {
        StimulusSet set = em.find(StimulusSet.class, setId);
        if (set == null) {
            throw ClientError.notFound(ErrorCode.UNKNOWN_STIMULUS_SET, "There is no stimulus set " + setId + ".");
        }
        return set;
    }

    private static List<String> conditions(EntityManager em, long setId) {
        return em.createQuery("select distinct s.condition from Stimulus s where s.stimulusSet.id = :set order by s.condition", String.class)
                .setParameter("set", setId).getResultList();
    }

    private static List<Tile> tiles(EntityManager em, long setId, Filter filter, int first, int max) {
        TypedQuery<TileRow> q = query(em, "select s.imageId, s.pairId, s.condition, s.category, s.predictedMemorability, s.sha256, s.fileName",
                setId, filter, TileRow.class);
        return q.setFirstResult(first).setMaxResults(max).getResultList().stream()
                .map(r -> new Tile(r.imageId(), r.pairId(), r.condition(), r.category(), r.predictedMemorability(), r.sha256(),
                        StimulusCatalog.extensionOf(r.fileName())))
                .toList();
    }

    /** One row of the tiles query, as selected (Hibernate builds it from the select list). */
    record TileRow(String imageId, String pairId, String condition, String category, Double predictedMemorability, String sha256,
                   String fileName) {
    }

    private static <T> TypedQuery<T> query(EntityManager em, String select, long setId, Filter f, Class<T> type) {
        StringBuilder jpql = new StringBuilder(select).append(" from Stimulus s where s.stimulusSet.id = :set");
        if (f.condition() != null) {
            jpql.append(" and s.condition = :condition");
        }
        if (f.pair() != null) {
            jpql.append(" and lower(s.pairId) = :pair");
        }
        if (f.text() != null) {
            jpql.append(" and (lower(s.imageId) like :text escape '!' or lower(s.pairId) like :text escape '!'"
                    + " or lower(s.category) like :text escape '!' or lower(s.fileName) like :text escape '!')");
        }
        if (!f.ids().isEmpty()) {
            jpql.append(" and s.imageId in :ids");
        }
        if (!select.startsWith("select count")) {
            jpql.append(" order by s.id");
        }
        TypedQuery<T> q = em.createQuery(jpql.toString(), type).setParameter("set", setId);
        if (f.condition() != null) {
            q.setParameter("condition", f.condition());
        }
        if (f.pair() != null) {
            q.setParameter("pair", f.pair().toLowerCase(Locale.ROOT));
        }
        if (f.text() != null) {
            String escaped = f.text().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
            q.setParameter("text", "%" + escaped + "%");
        }
        if (!f.ids().isEmpty()) {
            q.setParameter("ids", f.ids());
        }
        return q;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
