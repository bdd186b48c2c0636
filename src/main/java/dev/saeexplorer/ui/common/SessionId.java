package dev.saeexplorer.ui.common;

/** An enum constant with a stable name for session files, so renaming a constant never breaks a saved session. */
public interface SessionId {
    /** The name in session files. */
    String id();

    /** The constant of {@code type} whose {@link #id} is {@code id}, or null when there is none. */
    static <E extends Enum<E> & SessionId> E find(Class<E> type, String id) {
        for (E e : type.getEnumConstants()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        return null;
    }
}
