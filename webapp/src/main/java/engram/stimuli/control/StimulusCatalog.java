package engram.stimuli.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import engram.platform.Database;
import engram.stimuli.entity.Stimulus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Image URLs of a stimulus set, by image id. Imported sets never change, so the map is kept once read. */
@ApplicationScoped
public class StimulusCatalog {

    @Inject
    Database database;

    private final Map<Long, Map<String, String>> urlsBySet = new ConcurrentHashMap<>();

    public Map<String, String> urls(long stimulusSetId) {
        return urlsBySet.computeIfAbsent(stimulusSetId, this::load);
    }

    /** Thumbnail URLs (/img/thumb/{sha256}.jpg) by image id. */
    public Map<String, String> thumbnails(long stimulusSetId) {
        Map<String, String> thumbnails = new LinkedHashMap<>();
        urls(stimulusSetId).forEach((id, url) -> thumbnails.put(id, "/img/thumb/" + url.substring(5, 5 + 64) + ".jpg"));
        return thumbnails;
    }

    public List<Stimulus> stimuli(long stimulusSetId) {
        return database.read(em -> em.createQuery("select s from Stimulus s where s.stimulusSet.id = :set order by s.id", Stimulus.class)
                .setParameter("set", stimulusSetId).getResultList());
    }

    private Map<String, String> load(long stimulusSetId) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (Stimulus s : stimuli(stimulusSetId)) {
            urls.put(s.imageId(), "/img/" + s.sha256() + "." + extensionOf(s.fileName()));
        }
        return Map.copyOf(urls);
    }

    public static String extensionOf(String fileName) {
        String ext = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return ext.equals("jpeg") ? "jpg" : ext;
    }
}
