package engram.generator.image;

import engram.generator.StimulusException;
import engram.generator.model.ModelCard;
import engram.generator.model.ModelRole;
import engram.generator.model.OnnxModel;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A generator model run in batches: latents (and conditions) in, RGB images out. */
public final class ImageGenerator implements AutoCloseable {
    private final OnnxModel model;
    private final int batchSize;

    public ImageGenerator(OnnxModel model) {
        if (model.card().role() != ModelRole.GENERATOR) {
            throw new StimulusException("model " + model.file() + ": card role is " + model.card().role().json()
                    + ", a generator is needed here");
        }
        this.model = model;
        this.batchSize = model.card().batchSize() == null ? 8 : Math.max(1, model.card().batchSize());
    }

    public OnnxModel model() {
        return model;
    }

    public int latentSize() {
        return model.card().input("latent").shape().get(1).intValue();
    }

    /** The condition input, or null for an unconditional generator. */
    public ModelCard.TensorSpec conditionInput() {
        return model.card().input("condition");
    }

    /** Values per condition (G·G for a map, 1 for a scalar), or 0 when unconditional. */
    public int conditionSize() {
        ModelCard.TensorSpec c = conditionInput();
        if (c == null) {
            return 0;
        }
        int size = 1;
        for (int d = 1; d < c.shape().size(); d++) {
            size *= c.shape().get(d).intValue();
        }
        return size;
    }

    /** Generates one image per latent; {@code conditions} is ignored for an unconditional generator. */
    public List<BufferedImage> generate(List<float[]> latents, List<float[]> conditions) {
        List<BufferedImage> images = new ArrayList<>();
        int latent = latentSize();
        int conditionSize = conditionSize();
        for (int start = 0; start < latents.size(); start += batchSize) {
            int n = Math.min(batchSize, latents.size() - start);
            float[] z = new float[n * latent];
            float[] c = new float[n * Math.max(1, conditionSize)];
            for (int i = 0; i < n; i++) {
                System.arraycopy(latents.get(start + i), 0, z, i * latent, latent);
                if (conditionSize > 0) {
                    System.arraycopy(conditions.get(start + i), 0, c, i * conditionSize, conditionSize);
                }
            }
            Map<String, float[]> inputs = new HashMap<>();
            inputs.put(model.card().input("latent").name(), z);
            if (conditionSize > 0) {
                inputs.put(conditionInput().name(), c);
            }
            Map<String, float[]> out = model.run(n, inputs);
            float[] pixels = out.get(model.card().output("image").name());
            images.addAll(toImages(pixels, n));
        }
        return images;
    }

    private List<BufferedImage> toImages(float[] pixels, int n) {
        ModelCard.ImageOutput io = model.card().imageOutput();
        boolean nhwc = io != null && "NHWC".equals(io.layout());
        boolean bgr = io != null && "BGR".equals(io.channelOrder());
        double min = io != null && io.range() != null ? io.range().get(0) : 0.0;
        double max = io != null && io.range() != null ? io.range().get(1) : 1.0;
        List<Long> shape = model.card().output("image").shape();
        int channels = (nhwc ? shape.get(3) : shape.get(1)).intValue();
        int h = (nhwc ? shape.get(1) : shape.get(2)).intValue();
        int w = (nhwc ? shape.get(2) : shape.get(3)).intValue();
        int per = pixels.length / n;
        if (h < 0 || w < 0) {
            int side = (int) Math.round(Math.sqrt(per / (double) channels));
            h = side;
            w = side;
        }
        if (channels * h * w != per) {
            throw new StimulusException("model " + model.file() + ": image output has " + per + " values per image, card shape "
                    + shape + " needs " + channels * h * w);
        }
        List<BufferedImage> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            images.add(Images.fromTensor(pixels, i, channels, h, w, nhwc, bgr, min, max));
        }
        return images;
    }

    @Override
    public void close() {
        model.close();
    }
}
