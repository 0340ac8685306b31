package engram.run.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

/** One VMS box drawn on a trial's image, in normalized image coordinates (origin top left). */
@Entity
public class Box {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "trial_id")
    private Trial trial;
    @Column(name = "box_index")
    private int boxIndex;
    private double x;
    private double y;
    private double width;
    private double height;

    protected Box() {
    }

    public Box(Trial trial, int boxIndex, BoxRecord box) {
        this.trial = trial;
        this.boxIndex = boxIndex;
        this.x = box.x();
        this.y = box.y();
        this.width = box.width();
        this.height = box.height();
    }

    public int boxIndex() { return boxIndex; }

    public BoxRecord toRecord() {
        return new BoxRecord(x, y, width, height);
    }
}
