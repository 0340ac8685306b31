package engram.experiment.control;

import java.util.List;

import engram.core.design.DesignParameters;

/** What the design page submits: the builder's parameters, display timing and the practice images (shown before the stream, kept out of it). */
public record DesignRequest(DesignParameters design, int displayMs, int isiMs, List<String> practiceImageIds) {

    public DesignRequest {
        practiceImageIds = List.copyOf(practiceImageIds);
    }
}
