package dev.neurolens.cli;

import dev.neurolens.core.io.ImageBatch;
import dev.neurolens.core.io.Images;
import dev.neurolens.core.io.Npy;
import dev.neurolens.core.model.ModelInfo;
import dev.neurolens.core.model.Preprocessing;
import dev.neurolens.core.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images a command works on, as a batch in the model's input layout: from image files
 * ({@code --image}, preprocessed as the model's sidecar says) or from an already preprocessed
 * tensor ({@code --input X.npy}).
 *
 * @param batch the input batch
 * @param names a name per item (file stem)
 * @param pictures the preprocessed images for display (fitted to the input size), when the
 *     input came from image files
 */
record Inputs(Tensor batch, List<String> names, List<Optional<BufferedImage>> pictures) {

    /** Options that select the input. */
    static final List<String> OPTIONS = List.of("image", "input");

    /** Reads {@code --image} files or one {@code --input} tensor. */
    static Inputs from(Args args, ModelInfo info) {
        List<String> images = args.values("image");
        Optional<String> npy = args.value("input");
        if (images.isEmpty() == npy.isEmpty()) {
            throw new UsageException("give either --image FILE (repeatable) or --input TENSOR.npy");
        }
        if (npy.isPresent()) {
            return fromTensor(Session.path(npy.get()), info);
        }
        return fromImages(images.stream().map(Session::path).toList(), info.preprocessing());
    }

    /** Preprocesses image files into one batch. */
    static Inputs fromImages(List<Path> files, Preprocessing pre) {
        ImageBatch images = ImageBatch.load(files, pre);
        return new Inputs(images.batch(), images.names(), images.pictures().stream().map(Optional::of).toList());
    }

    private static Inputs fromTensor(Path file, ModelInfo info) {
        Tensor t = Npy.read(file);
        int inputRank = info.imageInput().dims().size();
        if (inputRank > 0 && t.rank() == inputRank - 1) {
            int[] s = t.shape();
            int[] batched = new int[s.length + 1];
            batched[0] = 1;
            System.arraycopy(s, 0, batched, 1, s.length);
            t = t.reshape(batched);
        }
        String stem = stem(file);
        if (stem.endsWith(".input")) {
            stem = stem.substring(0, stem.length() - ".input".length());
        }
        List<String> names = new ArrayList<>();
        List<Optional<BufferedImage>> pictures = new ArrayList<>();
        int n = t.rank() == 0 ? 1 : t.dim(0);
        for (int i = 0; i < n; i++) {
            names.add(n == 1 ? stem : stem + "-" + i);
            pictures.add(Optional.empty());
        }
        return new Inputs(t, names, pictures);
    }

    /** Image {@code i} as the model sees it: the fitted picture, or the tensor drawn back as an image. */
    BufferedImage picture(int i, Preprocessing pre) {
        return pictures.get(i).orElseGet(() -> Images.fromTensor(batch.slice(i), pre));
    }

    /** A file name without its last extension. */
    static String stem(Path f) {
        return ImageBatch.stem(f);
    }
}
