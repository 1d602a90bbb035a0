package dev.neurolens.ui.model;

import dev.neurolens.core.model.ModelInfo;
import java.util.Optional;
import org.eclipse.ui.IViewPart;

/** Reads the NeuroLens Model view. */
public final class ModelViewTester {
    private final ModelView view;

    /** A tester for {@code part}, if it is the Model view. */
    public static Optional<ModelViewTester> of(IViewPart part) {
        return part instanceof ModelView v ? Optional.of(new ModelViewTester(v)) : Optional.empty();
    }

    private ModelViewTester(ModelView view) {
        this.view = view;
    }

    /** The model shown, or {@code null}. */
    public ModelInfo info() {
        return view.panel().info();
    }

    public int tableRows() {
        return view.panel().layers().getTable().getItemCount();
    }
}
