package dev.neurolens.ui.model;

import dev.neurolens.core.model.LayerInfo;
import org.eclipse.core.runtime.IAdapterFactory;
import org.eclipse.ui.views.properties.IPropertySource;

/** Adapts {@link LayerInfo} to {@link IPropertySource} for the Properties view (declared in plugin.xml). */
public final class LayerAdapterFactory implements IAdapterFactory {

    @Override
    public <T> T getAdapter(Object adaptable, Class<T> adapterType) {
        if (adaptable instanceof LayerInfo l && adapterType == IPropertySource.class) {
            return adapterType.cast(new LayerPropertySource(l));
        }
        return null;
    }

    @Override
    public Class<?>[] getAdapterList() {
        return new Class<?>[] {IPropertySource.class};
    }
}
