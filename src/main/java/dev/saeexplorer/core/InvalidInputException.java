package dev.saeexplorer.core;

/**
 * Input a person supplied is wrong: a value, a file or a combination of arguments. The message names what is wrong and,
 * where it helps, what to do; the CLI maps it to exit code 2 and the UI to a dialog.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
