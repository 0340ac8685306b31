package engram.stimuli.entity;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A small JPEG of one image, made once per content hash and served under /img/thumb/{sha256}.jpg. */
@Entity
@Table(name = "image_thumbnail")
public class Thumbnail {

    @Id
    private String sha256;
    private int width;
    private int height;
    private byte[] bytes;

    protected Thumbnail() {
    }

    public Thumbnail(String sha256, int width, int height, byte[] bytes) {
        this.sha256 = sha256;
        this.width = width;
        this.height = height;
        this.bytes = bytes;
    }

    public String sha256() { return sha256; }
    public int width() { return width; }
    public int height() { return height; }
    public byte[] bytes() { return bytes; }

    public static String url(String sha256) {
        return "/img/thumb/" + sha256 + ".jpg";
    }
}
