package dev.saeexplorer.core;

/** How a front end names the core's {@link Param}s in what it shows people: flags, field labels. */
@FunctionalInterface
public interface ParamNames {
    /** The stable keys themselves, for logs and for front ends that have no name of their own for a parameter. */
    ParamNames KEYS = Param::key;

    String nameOf(Param param);
}
