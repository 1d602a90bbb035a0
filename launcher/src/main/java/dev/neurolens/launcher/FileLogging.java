package dev.neurolens.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.SimpleFormatter;

/**
 * Sends every log of the process to one file, so the terminal shows only the command's own
 * output: java.util.logging (ONNX Runtime's Java API logs there), SLF4J's simple binding (DJL,
 * embedded in the engine bundle, reads its settings from system properties) and the OSGi
 * framework's own logger ({@link FrameworkLog}).
 */
final class FileLogging {
    private FileLogging() {
    }

    /** Routes the logs to {@code logFile}; returns the JUL handler to close at exit. */
    static Handler install(Path logFile) throws IOException {
        Files.createDirectories(logFile.getParent());
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tF %1$tT %4$s %3$s: %5$s%6$s%n");
        LogManager.getLogManager().reset();
        FileHandler handler = new FileHandler(logFile.toString(), 5_000_000, 1, true);
        handler.setFormatter(new SimpleFormatter());
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        // slf4j-simple: read once when the first logger is made, inside the engine bundle.
        System.setProperty("org.slf4j.simpleLogger.logFile", logFile.toString());
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        return handler;
    }
}
