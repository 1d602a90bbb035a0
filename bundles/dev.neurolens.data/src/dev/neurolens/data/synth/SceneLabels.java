package dev.neurolens.data.synth;

import dev.neurolens.data.LabelSpace;
import java.util.ArrayList;
import java.util.List;

/**
 * The Broden categories and labels of synthetic scenes, built from the generator's vocabularies:
 *
 * <ul>
 *   <li>{@code object} (masks): the shape of the frontmost object at each pixel; background
 *       pixels have no object label (0), as unlabelled pixels in Broden;
 *   <li>{@code color} (masks): the colour painted at each pixel ({@code red-c}, ...), also on the
 *       background, and within a texture the colour of the pattern or of the base;
 *   <li>{@code texture} (masks, if there are textures): the texture of the region a pixel belongs
 *       to, object or background; 0 where the region is plain;
 *   <li>{@code scene} (a whole-image label, if enabled): the background,
 *       {@code plain background} or e.g. {@code striped background}.
 * </ul>
 *
 * Label numbers follow this order (shapes, colours, textures, scenes, each in vocabulary order).
 */
public final class SceneLabels {
    /** The category of object shapes. */
    public static final String OBJECT = "object";
    /** The category of colours. */
    public static final String COLOR = "color";
    /** The category of textures. */
    public static final String TEXTURE = "texture";
    /** The category of whole-image background labels. */
    public static final String SCENE = "scene";

    private final LabelSpace space;
    private final List<ShapeKind> shapes;
    private final List<NamedColor> colors;
    private final List<TextureKind> textures;
    private final boolean scenes;

    /** The labels for these vocabularies; {@code scenes} adds the {@code scene} category. */
    public SceneLabels(List<ShapeKind> shapes, List<NamedColor> colors, List<TextureKind> textures, boolean scenes) {
        this.shapes = List.copyOf(shapes);
        this.colors = List.copyOf(colors);
        this.textures = List.copyOf(textures);
        this.scenes = scenes;
        LabelSpace.Builder b = LabelSpace.builder()
                .category(OBJECT, this.shapes.stream().map(ShapeKind::label).toList())
                .category(COLOR, this.colors.stream().map(NamedColor::label).toList());
        if (!this.textures.isEmpty()) {
            b.category(TEXTURE, this.textures.stream().map(TextureKind::label).toList());
        }
        if (scenes) {
            List<String> names = new ArrayList<>();
            names.add(sceneLabel(null));
            this.textures.forEach(t -> names.add(sceneLabel(t)));
            b.category(SCENE, names);
        }
        this.space = b.build();
    }

    /** The name of the scene label for a background texture ({@code null}: plain). */
    public static String sceneLabel(TextureKind background) {
        return (background == null ? "plain" : background.label()) + " background";
    }

    /** The label space written to {@code label.csv}. */
    public LabelSpace space() {
        return space;
    }

    /** Whether the {@code texture} category exists. */
    public boolean hasTextures() {
        return !textures.isEmpty();
    }

    /** Whether the {@code scene} category exists. */
    public boolean hasScenes() {
        return scenes;
    }

    /**
     * The label number of a shape.
     *
     * @throws IllegalArgumentException if the shape is not in the vocabulary
     */
    public int number(ShapeKind shape) {
        return space.number(OBJECT, shape.label());
    }

    /**
     * The label number of a colour.
     *
     * @throws IllegalArgumentException if the colour is not in the vocabulary
     */
    public int number(NamedColor color) {
        return space.number(COLOR, color.label());
    }

    /**
     * The label number of a texture.
     *
     * @throws IllegalArgumentException if the texture is not in the vocabulary
     */
    public int number(TextureKind texture) {
        return space.number(TEXTURE, texture.label());
    }

    /**
     * The scene label number of a background.
     *
     * @throws IllegalArgumentException if there are no scene labels or the texture is unknown
     */
    public int sceneNumber(Fill background) {
        return space.number(SCENE, sceneLabel(background.texture()));
    }
}
