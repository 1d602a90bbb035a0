package dev.neurolens.ui;

import dev.neurolens.core.NeuroLensException;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;

/** Identifiers shared by the workbench contributions, and the one way errors become a status. */
public final class NeuroLensUi {
    /** The bundle's symbolic name, also the preference node and the status plug-in id. */
    public static final String PLUGIN_ID = "dev.neurolens.ui";
    /** The family of every NeuroLens job (explanations, model loading): wait or cancel by it. */
    public static final Object JOB_FAMILY = PLUGIN_ID + ".jobs";
    /** The Explain command. */
    public static final String EXPLAIN_COMMAND = PLUGIN_ID + ".explain";
    /** The editor of explanation runs ({@code .nlrun} files). */
    public static final String RESULT_EDITOR = PLUGIN_ID + ".resultEditor";
    /** The editor of model files. */
    public static final String MODEL_EDITOR = PLUGIN_ID + ".modelEditor";
    /** The view that shows the latest explanation. */
    public static final String ATTRIBUTION_VIEW = PLUGIN_ID + ".attributionView";
    /** The view that shows the structure of the selected model. */
    public static final String MODEL_VIEW = PLUGIN_ID + ".modelView";
    /** The content type of {@code .onnx} files. */
    public static final String ONNX_CONTENT_TYPE = PLUGIN_ID + ".onnx";
    /** The marker type of model problems. */
    public static final String PROBLEM_MARKER = PLUGIN_ID + ".problem";
    /** The project folder that explanation runs are written to. */
    public static final String RESULTS_FOLDER = "neurolens-results";
    /** The file extension of an explanation run's index. */
    public static final String RUN_EXTENSION = "nlrun";
    /** F1 help context of the Explain dialog. */
    public static final String HELP_EXPLAIN = PLUGIN_ID + ".explain_dialog";
    /** F1 help context of the result editor and the attribution view. */
    public static final String HELP_RESULT = PLUGIN_ID + ".result";
    /** F1 help context of the model editor and view. */
    public static final String HELP_MODEL = PLUGIN_ID + ".model";

    private NeuroLensUi() {
    }

    /**
     * An error status whose message is the one-line cause: the {@link NeuroLensException}'s
     * message as it is (it names the file, tensor or option), otherwise the exception with its
     * type. The exception goes along for the log's details.
     */
    public static IStatus error(String context, Throwable e) {
        String cause = e instanceof NeuroLensException ? e.getMessage()
                : e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new Status(IStatus.ERROR, PLUGIN_ID, context + ": " + cause, e);
    }
}
