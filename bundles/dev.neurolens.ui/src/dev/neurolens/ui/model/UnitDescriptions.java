package dev.neurolens.ui.model;

import dev.neurolens.core.io.Json;
import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.ui.explain.Models;
import dev.neurolens.ui.result.JsonReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.core.resources.IFile;

/**
 * The unit descriptions {@code neurolens describe} wrote for a model (MILAN, docs/milan.md), found
 * by convention next to the model: {@code describe --out} the folder {@code <model>.describe}
 * beside {@code <model>.onnx} (for a SavedModel folder {@code tf_x/}: {@code tf_x.describe} beside
 * it), which holds {@code descriptions.json} and the {@code exemplars/} strips.
 *
 * @param source the {@code descriptions.json} read
 * @param units its units, in file order
 */
record UnitDescriptions(Path source, List<Unit> units) {
    /** The suffix of the describe output folder next to a model. */
    static final String FOLDER_SUFFIX = ".describe";
    /** The file {@code describe} writes in it. */
    static final String FILE = "descriptions.json";

    /**
     * One described unit.
     *
     * @param layer the layer (tensor name) as given to {@code describe --layer}
     * @param unit the channel
     * @param description the best description
     * @param pmi its pointwise mutual information score
     * @param picture the exemplar strip, absolute, if {@code describe} drew one and it exists
     */
    record Unit(String layer, int unit, String description, double pmi, Optional<Path> picture) {
    }

    /** The {@code descriptions.json} that belongs to {@code model} by the convention above (it may not exist). */
    static Path locate(IFile model) {
        Path file = model.getLocation().toPath();
        Path beside = file.getParent();
        String name = file.getFileName().toString();
        if (name.equals(Models.SAVED_MODEL)) {
            name = beside.getFileName().toString();
            beside = beside.getParent();
        } else if (name.lastIndexOf('.') > 0) {
            name = name.substring(0, name.lastIndexOf('.'));
        }
        return beside.resolve(name + FOLDER_SUFFIX).resolve(FILE);
    }

    /** The descriptions of {@code model}, empty if it has none; a broken file is an error naming it. */
    static Optional<UnitDescriptions> find(IFile model) {
        Path json = locate(model);
        return Files.isRegularFile(json) ? Optional.of(read(json)) : Optional.empty();
    }

    /**
     * Reads a {@code descriptions.json} (only the members the Model view shows).
     *
     * @throws dev.neurolens.core.NeuroLensException naming the file and member if it is not one
     */
    static UnitDescriptions read(Path json) {
        String source = json.toString();
        JsonReader root = new JsonReader(Json.read(json), source);
        List<Unit> units = new ArrayList<>();
        for (Object o : root.list("units")) {
            JsonReader u = new JsonReader(o, source);
            Optional<Path> picture = Optional.empty();
            if (u.has("picture")) {
                Path p = json.getParent().resolve(u.string("picture")).normalize();
                picture = Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
            }
            units.add(new Unit(u.string("layer"), (int) u.number("unit"), u.string("description"), u.number("pmi"),
                    picture));
        }
        return new UnitDescriptions(json, List.copyOf(units));
    }

    /** The described units of {@code layer}: those whose layer is its name or one of its output tensors. */
    List<Unit> of(LayerInfo layer) {
        Set<String> names = new HashSet<>();
        names.add(layer.name());
        layer.outputs().stream().map(TensorInfo::name).forEach(names::add);
        return units.stream().filter(u -> names.contains(u.layer())).toList();
    }
}
