package engram.stimuli.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The bytes of one image, stored once per content hash and served under /img/{sha256}.{ext}. */
@Entity
@Table(name = "image_blob")
public class ImageBlob {

    @Id
    private String sha256;
    @Column(name = "content_type")
    private String contentType;
    private int width;
    private int height;
    @Column(name = "size_bytes")
    private int sizeBytes;
    private byte[] bytes;

    protected ImageBlob() {
    }

    public ImageBlob(String sha256, String contentType, int width, int height, byte[] bytes) {
        this.sha256 = sha256;
        this.contentType = contentType;
        this.width = width;
        this.height = height;
        this.sizeBytes = bytes.length;
        this.bytes = bytes;
    }

    public String sha256() { return sha256; }
    public String contentType() { return contentType; }
    public byte[] bytes() { return bytes; }

    public String extension() {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/webp" -> "webp";
            case "image/gif" -> "gif";
            default -> "png";
        };
    }

    public String url() {
        return "/img/" + sha256 + "." + extension();
    }
}
