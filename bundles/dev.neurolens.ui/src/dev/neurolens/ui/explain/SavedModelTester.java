package dev.neurolens.ui.explain;

import org.eclipse.core.expressions.PropertyTester;
import org.eclipse.core.resources.IContainer;

/**
 * The property {@code dev.neurolens.ui.savedModel} of a folder: whether it holds a
 * {@code saved_model.pb}, so the NeuroLens popup menu appears on TensorFlow SavedModel folders
 * (declared in plugin.xml).
 */
public final class SavedModelTester extends PropertyTester {

    @Override
    public boolean test(Object receiver, String property, Object[] args, Object expectedValue) {
        return receiver instanceof IContainer folder && Models.savedModel(folder) != null;
    }
}
