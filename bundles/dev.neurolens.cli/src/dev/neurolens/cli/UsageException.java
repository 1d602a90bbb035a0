package dev.neurolens.cli;

import dev.neurolens.core.NeuroLensException;

/** A mistake on the command line (unknown option, missing value): exit code 2. */
final class UsageException extends NeuroLensException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
