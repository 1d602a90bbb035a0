package dev.neurolens.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code info}, {@code predict} and {@code explain} on a TensorFlow SavedModel folder, end to end
 * through the real launcher (TensorFlow engine bundle and its natives fragment).
 */
class SavedModelCommandTest {
    private static final String MODEL = CliProcess.HOME.resolve("models/tf/tf_residual").toString();
    private static final String INPUT = CliProcess.HOME.resolve("models/tf/tf_residual.input.npy").toString();
    private static final String CHELSEA = CliProcess.HOME.resolve("images/chelsea.png").toString();

    @TempDir
    Path dir;

    @Test
    void infoDescribesTheSavedModel() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "info", "--model", MODEL);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("tensorflow-savedmodel"), r.out());
        assertTrue(r.out().contains("tf_residual_1/dwconv_1/depthwise"), r.out());
        assertTrue(r.errLines().isEmpty(), "nothing on stderr (TensorFlow's logging is silenced):\n" + r.err());
    }

    @Test
    void predictGivesTheLogitsTensorFlowComputed() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "predict", "--model", MODEL, "--input", INPUT, "--logits", "--out",
                "out");
        assertEquals(0, r.exit(), r.err());
        float[] expected = CliProcess.readNpyFloats(CliProcess.HOME.resolve("models/tf/tf_residual.logits.npy"));
        for (int image = 0; image < 4; image++) {
            float[] logits = CliProcess.readNpyFloats(dir.resolve("out/tf_residual-" + image + ".logits.npy"));
            assertEquals(10, logits.length);
            for (int k = 0; k < 10; k++) {
                assertEquals(expected[image * 10 + k], logits[k], 1e-5f, "image " + image + " logit " + k);
            }
        }
    }

    @Test
    void explainWritesMapsInTheModelsLayoutAndNamesTheEngine() throws Exception {
        CliProcess.Result r = CliProcess.run(dir, "explain", "--model", MODEL, "--image", CHELSEA, "--method",
                "saliency", "--out", "out");
        assertEquals(0, r.exit(), r.err());
        Path out = dir.resolve("out");
        assertEquals(32 * 32 * 3, CliProcess.readNpyFloats(out.resolve("chelsea.saliency.npy")).length);
        assertTrue(Files.size(out.resolve("chelsea.saliency.png")) > 500);
        String json = Files.readString(out.resolve("chelsea.saliency.json"));
        assertTrue(json.contains("\"engine\"") && json.contains("TensorFlow"), json);

        CliProcess.Result cam = CliProcess.run(dir, "explain", "--model", MODEL, "--image", CHELSEA, "--method",
                "gradcam", "--out", "out");
        assertEquals(0, cam.exit(), cam.err());
        assertEquals(8 * 8, CliProcess.readNpyFloats(out.resolve("chelsea.gradcam.npy")).length);
    }

    @Test
    void aFolderThatIsNoSavedModelIsOneLineAndWritesNothing() throws Exception {
        Path bad = Files.createDirectories(dir.resolve("bad/variables")).getParent();
        Files.write(bad.resolve("saved_model.pb"), new byte[] {9, 9, 9, 9});
        CliProcess.Result r = CliProcess.run(dir, "explain", "--model", bad.toString(), "--image", CHELSEA, "--method",
                "saliency", "--out", "out");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().contains("TensorFlow cannot load the SavedModel"), r.err());
        assertFalse(Files.exists(dir.resolve("out")) && Files.list(dir.resolve("out")).findAny().isPresent());
    }
}
