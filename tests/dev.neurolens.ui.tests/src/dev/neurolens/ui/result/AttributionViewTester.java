package dev.neurolens.ui.result;

import java.util.Optional;
import org.eclipse.core.resources.IFile;
import org.eclipse.ui.IViewPart;

/** Reads the NeuroLens Attribution view. */
public final class AttributionViewTester {
    private final AttributionView view;

    /** A tester for {@code part}, if it is the Attribution view. */
    public static Optional<AttributionViewTester> of(IViewPart part) {
        return part instanceof AttributionView v ? Optional.of(new AttributionViewTester(v)) : Optional.empty();
    }

    private AttributionViewTester(AttributionView view) {
        this.view = view;
    }

    /** The run shown, or {@code null} before the first. */
    public IFile runFile() {
        return view.display().file();
    }

    public String method() {
        return view.display().panel().state().method();
    }

    public int targetClass() {
        return view.display().panel().state().targetClass();
    }
}
