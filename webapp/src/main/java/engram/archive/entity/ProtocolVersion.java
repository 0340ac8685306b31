package engram.archive.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One frozen protocol of an experiment: its version number, hash and canonical protocol.json. Never changed once stored. */
@Entity
@Table(name = "protocol_version")
public class ProtocolVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "experiment_id")
    private long experimentId;
    private int version;
    private String hash;
    private byte[] protocol;
    @Column(name = "frozen_at")
    private Instant frozenAt;

    protected ProtocolVersion() {
    }

    public ProtocolVersion(long experimentId, int version, String hash, byte[] protocol, Instant frozenAt) {
        this.experimentId = experimentId;
        this.version = version;
        this.hash = hash;
        this.protocol = protocol.clone();
        this.frozenAt = frozenAt;
    }

    public Long id() { return id; }
    public long experimentId() { return experimentId; }
    public int version() { return version; }
    public String hash() { return hash; }
    public byte[] protocol() { return protocol.clone(); }
    public Instant frozenAt() { return frozenAt; }
}
