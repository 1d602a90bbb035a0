package dev.neurolens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.neurolens.core.model.LayerInfo;
import dev.neurolens.ui.NeuroLensUi;
import dev.neurolens.ui.model.ModelViewTester;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.core.resources.IFile;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.navigator.CommonNavigator;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: the Model view shows the selected layer's unit descriptions from the
 * {@code descriptions.json} that {@code neurolens describe --out <model>.describe} wrote next to the model.
 */
class UnitDescriptionsTest {
    /** Hand-written in the format of {@code describe} (docs/milan.md), with the members the view reads and more. */
    private static final String DESCRIPTIONS = """
            {"model": "models/described.onnx", "dataset": "broden", "layers": ["/layer1/layer1.0/Relu_output_0"],
             "description_model": "test", "prior": "test", "lambda": 0.2, "top": 5, "seconds": 1.0,
             "units": [
              {"layer": "/layer1/layer1.0/Relu_output_0", "unit": 3, "description": "red circles", "pmi": 1.25,
               "log_p_d_given_e": -2.0, "log_p_d": -4.0, "threshold": 0.5, "runner_ups": [], "exemplars": [],
               "picture": "exemplars/layer1_layer1.0_Relu_output_0-3.png"},
              {"layer": "/layer1/layer1.0/Relu_output_0", "unit": 7, "description": "stripes", "pmi": -0.5,
               "log_p_d_given_e": -3.0, "log_p_d": -3.5, "threshold": 0.25, "runner_ups": [], "exemplars": [],
               "picture": null},
              {"layer": "/layer1/layer1.0/conv2/Conv_output_0", "unit": 0, "description": "sky", "pmi": 2.0,
               "log_p_d_given_e": -1.0, "log_p_d": -5.0, "threshold": 0.1, "runner_ups": [], "exemplars": [],
               "picture": null}
             ]}
            """;

    @Test
    void theSelectedLayersUnitsShowWithDescriptionPmiAndExemplars() throws Exception {
        IFile model = TestProject.modelCopy("described.onnx");
        Path folder = model.getLocation().toPath().resolveSibling("described.describe");
        Files.createDirectories(folder.resolve("exemplars"));
        Files.writeString(folder.resolve("descriptions.json"), DESCRIPTIONS, StandardCharsets.UTF_8);
        Path strip = folder.resolve("exemplars/layer1_layer1.0_Relu_output_0-3.png");
        Files.copy(TestProject.image().getLocation().toPath(), strip,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        ModelViewTester view = show(model);
        assertTrue(view.hasDescriptions(), view.descriptionsNote());
        assertTrue(view.descriptionsNote().contains("descriptions.json"), view.descriptionsNote());
        assertEquals(List.of(), view.unitRows(), "no layer selected yet");

        view.select(layer(view, "/layer1/layer1.0/Relu"));
        assertEquals(List.of(List.of("3", "red circles", "1.250", strip.toString()),
                List.of("7", "stripes", "-0.500", "")), view.unitRows());
        view.select(layer(view, "/layer1/layer1.0/conv2/Conv"));
        assertEquals(List.of(List.of("0", "sky", "2.000", "")), view.unitRows());
        view.select(layer(view, "/conv1/Conv"));
        assertEquals(List.of(), view.unitRows(), "a layer nobody described");
        Workbench.page().hideView(Workbench.page().findView(NeuroLensUi.MODEL_VIEW));
    }

    @Test
    void aBrokenDescriptionsFileIsNamedAndTheModelStillShows() throws Exception {
        IFile model = TestProject.modelCopy("misdescribed.onnx");
        Path json = model.getLocation().toPath().resolveSibling("misdescribed.describe").resolve("descriptions.json");
        Files.createDirectories(json.getParent());
        Files.writeString(json, "{\"units\": [{\"layer\": \"/Relu_output_0\", \"unit\": 1}]}", StandardCharsets.UTF_8);

        ModelViewTester view = show(model);
        assertFalse(view.hasDescriptions());
        assertTrue(view.descriptionsNote().contains(json.toString()) && view.descriptionsNote().contains("description"),
                view.descriptionsNote());
        assertEquals(List.of(), view.unitRows());
        Workbench.page().hideView(Workbench.page().findView(NeuroLensUi.MODEL_VIEW));
    }

    @Test
    void aModelWithoutDescriptionsShowsNoUnitsTable() throws Exception {
        ModelViewTester view = show(TestProject.model());
        assertFalse(view.hasDescriptions());
        assertEquals("", view.descriptionsNote());
        view.select(view.info().layers().get(0));
        assertEquals(List.of(), view.unitRows());
        Workbench.page().hideView(Workbench.page().findView(NeuroLensUi.MODEL_VIEW));
    }

    private static ModelViewTester show(IFile model) throws Exception {
        model.getParent().refreshLocal(org.eclipse.core.resources.IResource.DEPTH_INFINITE, null);
        ModelViewTester view = ModelViewTester.of(Workbench.page().showView(NeuroLensUi.MODEL_VIEW)).orElseThrow();
        CommonNavigator explorer = (CommonNavigator) Workbench.page().showView(IPageLayout.ID_PROJECT_EXPLORER);
        explorer.selectReveal(new StructuredSelection(model));
        Workbench.waitForNeuroLensJobs();
        Workbench.waitUntil("the Model view to read " + model.getName(), () -> view.info() != null
                && view.info().source().toString().endsWith(model.getName()));
        return view;
    }

    /** The layer named {@code name}, or whose output is {@code name + "_output_0"}. */
    private static LayerInfo layer(ModelViewTester view, String name) {
        return view.info().layers().stream().filter(l -> l.name().equals(name)
                || l.outputs().stream().anyMatch(o -> o.name().equals(name + "_output_0"))).findFirst()
                .orElseThrow(() -> new AssertionError("no layer " + name));
    }
}
