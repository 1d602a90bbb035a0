package dev.neurolens.data.synth;

/**
 * One object of a scene. Coordinates are in scene units: y runs 0..1 down the image, x runs
 * 0..aspect across it (aspect = width / height), so shapes keep their proportions at any
 * resolution.
 *
 * @param shape the shape
 * @param x the centre's x
 * @param y the centre's y
 * @param size the circumradius (the shape fits in a circle of this radius)
 * @param rotation the rotation in radians (clockwise on screen, as y points down)
 * @param fill how it is painted
 */
public record SceneObject(ShapeKind shape, double x, double y, double size, double rotation, Fill fill) {

    /**
     * Checks the size.
     *
     * @throws IllegalArgumentException if the size is not positive or the shape or fill is missing
     */
    public SceneObject {
        if (shape == null || fill == null || !(size > 0)) {
            throw new IllegalArgumentException("an object needs a shape, a fill and a size > 0");
        }
    }

    /** The area the object covers if nothing hides it, in square scene units. */
    public double area() {
        return shape.area() * size * size;
    }
}
