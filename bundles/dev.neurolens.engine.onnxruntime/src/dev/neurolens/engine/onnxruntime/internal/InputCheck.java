package dev.neurolens.engine.onnxruntime.internal;

import dev.neurolens.core.NeuroLensException;
import dev.neurolens.core.model.TensorInfo;
import dev.neurolens.core.tensor.Tensor;
import java.util.List;

/** Checks a batch against the model input before ONNX Runtime sees it, with messages for users. */
final class InputCheck {

    private InputCheck() {
    }

    /**
     * @throws NeuroLensException if the batch's rank or a fixed dimension differs from the input's,
     *     the batch is empty, or it holds NaN or infinite values
     */
    static void check(Tensor batch, TensorInfo input) {
        List<Long> dims = input.dims();
        boolean fits = !input.shapeKnown() || batch.rank() == dims.size();
        for (int i = 0; fits && input.shapeKnown() && i < dims.size(); i++) {
            fits = dims.get(i) < 0 || dims.get(i) == batch.dim(i);
        }
        if (!fits) {
            throw new NeuroLensException("input shape " + batch.shapeString() + " does not fit model input '"
                    + input.name() + "' " + input.shapeString());
        }
        if (batch.size() == 0) {
            throw new NeuroLensException("input shape " + batch.shapeString() + " holds no values");
        }
        int bad = batch.firstNonFinite();
        if (bad >= 0) {
            throw new NeuroLensException("input holds NaN or infinite values (first at flat index " + bad + ")");
        }
    }
}
