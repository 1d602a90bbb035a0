package dev.neurolens.data.synth;

import java.util.List;

/**
 * A synthetic scene, independent of resolution: a background and objects painted in order (later
 * objects cover earlier ones). {@link SceneRenderer} turns it into pixels and label masks at any
 * size.
 *
 * @param aspect width / height of the images it is rendered to
 * @param background the background fill
 * @param objects the objects, back to front
 * @param noiseSeed the seed of the per-pixel noise added to the rendered image
 */
public record Scene(double aspect, Fill background, List<SceneObject> objects, long noiseSeed) {

    /**
     * Copies the list.
     *
     * @throws IllegalArgumentException if the aspect is not positive or the background is missing
     */
    public Scene {
        if (!(aspect > 0) || background == null) {
            throw new IllegalArgumentException("a scene needs an aspect > 0 and a background");
        }
        objects = List.copyOf(objects);
    }
}
