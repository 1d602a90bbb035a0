package dev.neurolens.launcher;

import java.util.logging.Level;
import org.apache.felix.framework.Logger;

/** Felix's logger, sent to java.util.logging (and so to the log file) instead of standard out. */
final class FrameworkLog extends Logger {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger("org.apache.felix");

    @Override
    protected void doLog(int level, String msg, Throwable throwable) {
        Level jul = switch (level) {
            case LOG_ERROR -> Level.SEVERE;
            case LOG_WARNING -> Level.WARNING;
            case LOG_INFO -> Level.INFO;
            default -> Level.FINE;
        };
        LOG.log(jul, msg, throwable);
    }
}
