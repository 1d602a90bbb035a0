package dev.neurolens.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A label category of a Broden dataset ({@code object}, {@code color}, {@code texture}, ...): its
 * row in {@code category.csv} and the dense coding of its labels from {@code c_<name>.csv}.
 *
 * <p>Masks and {@code index.csv} hold dataset-wide label <em>numbers</em>; the category file maps
 * them to dense <em>codes</em> 1..{@link #size()} (code 0 is "no label"), which suit per-category
 * arrays and histograms.
 */
public final class Category {
    private final String name;
    private final long frequency;
    private final int[] numberOfCode;
    private final int[] codeOfNumber;
    private final List<Label> labels;
    private final int[] frequencies;
    private final double[] coverages;

    /**
     * A category; the arrays are indexed by code and taken over (not copied).
     *
     * @param name the category's name
     * @param frequency the {@code frequency} column of {@code category.csv} (0 if absent)
     * @param numberOfCode label number by code; index 0 is 0, gaps in the coding are 0
     * @param labels the label by code (index 0 and gaps {@code null})
     * @param frequencies images per code, from the category file
     * @param coverages coverage per code, from the category file
     * @param labelCount one more than the largest label number of the dataset
     */
    Category(String name, long frequency, int[] numberOfCode, Label[] labels, int[] frequencies, double[] coverages,
            int labelCount) {
        this.name = name;
        this.frequency = frequency;
        this.numberOfCode = numberOfCode;
        this.labels = Collections.unmodifiableList(Arrays.asList(labels));
        this.frequencies = frequencies;
        this.coverages = coverages;
        this.codeOfNumber = new int[labelCount];
        Arrays.fill(codeOfNumber, -1);
        codeOfNumber[0] = 0;
        for (int code = 1; code < numberOfCode.length; code++) {
            if (numberOfCode[code] > 0) {
                codeOfNumber[numberOfCode[code]] = code;
            }
        }
    }

    /** The category's name, as in the {@code index.csv} column and the {@code c_<name>.csv} file. */
    public String name() {
        return name;
    }

    /** The largest dense code (codes run 1..size; Broden's codings have no gaps). */
    public int size() {
        return numberOfCode.length - 1;
    }

    /** The number of images touched by the category, as {@code category.csv} says (0 if it does not). */
    public long frequency() {
        return frequency;
    }

    /** The label number of a dense code, or 0 for code 0 and for a gap in the coding. */
    public int number(int code) {
        return numberOfCode[code];
    }

    /** The dense code of a label number: 0 for 0, -1 if the label is not in this category. */
    public int code(int number) {
        return number >= 0 && number < codeOfNumber.length ? codeOfNumber[number] : -1;
    }

    /** Whether a label number belongs to this category. */
    public boolean contains(int number) {
        return number > 0 && code(number) > 0;
    }

    /** The label of a dense code, or {@code null} for code 0 and gaps. */
    public Label label(int code) {
        return labels.get(code);
    }

    /** The labels by code: index 0 (and any gap) is {@code null}. */
    public List<Label> labelsByCode() {
        return labels;
    }

    /** The number of images in which the label with this code occurs in this category. */
    public int frequency(int code) {
        return frequencies[code];
    }

    /** The summed pixel share (in whole images) of the label with this code in this category. */
    public double coverage(int code) {
        return coverages[code];
    }

    /**
     * Maps label numbers to dense codes in place, e.g. a mask from {@link CategoryLabels}; numbers
     * not in this category become 0.
     *
     * @return {@code numbers}, now holding codes
     */
    public int[] toCodes(int[] numbers) {
        for (int i = 0; i < numbers.length; i++) {
            int c = code(numbers[i]);
            numbers[i] = Math.max(c, 0);
        }
        return numbers;
    }

    @Override
    public String toString() {
        return name + " (" + size() + " labels)";
    }
}
