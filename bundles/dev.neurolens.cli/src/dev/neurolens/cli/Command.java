package dev.neurolens.cli;

import java.util.List;

/** One sub-command of {@code neurolens}. */
interface Command {

    /** The word that selects it, e.g. {@code predict}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The full help text: usage line, options, examples. */
    String help();

    /**
     * Runs the command.
     *
     * @param args the arguments after the command's name
     * @return the exit status (0 success)
     * @throws dev.neurolens.core.NeuroLensException with a one-line message on failure
     */
    int run(List<String> args, Session session) throws Exception;
}
