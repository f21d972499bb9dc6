package dev.flattar;

/**
 * One change to the image config, as a command-line flag gives it: {@code LABEL} with {@code
 * build=42}, or a whole instruction for {@link Kind#CHANGE} ({@code ENV A=1}, the Dockerfile syntax
 * {@code docker commit --change} takes). Applied in order, as {@code docker commit --change}
 * applies them.
 */
public record ConfigEdit(Kind kind, String value) {
  /** What the value sets. */
  public enum Kind {
    /** A Dockerfile instruction: CMD, ENTRYPOINT, ENV, EXPOSE, HEALTHCHECK, LABEL, ... */
    CHANGE,
    /** {@code KEY=VALUE}. */
    LABEL,
    /** {@code KEY=VALUE}. */
    ENV,
    /** A JSON array (exec form) or a command line (shell form). */
    ENTRYPOINT,
    /** A JSON array (exec form) or a command line (shell form). */
    CMD,
    USER,
    WORKDIR,
    /** {@code PORT[/PROTO]}. */
    EXPOSE,
    VOLUME,
    STOP_SIGNAL,
    /** A label's key: the label is removed. */
    UNSET_LABEL,
    /** A variable's name: it is removed from Env. */
    UNSET_ENV
  }
}
