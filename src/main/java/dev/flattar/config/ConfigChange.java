package dev.flattar.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One edit of an image's {@code config}, as a flag ({@link ChangeFlags}) or a Dockerfile
 * instruction of {@code --change} ({@link ChangeInstructions}) asks for it; {@link
 * ConfigChanges#apply} gives each its Docker meaning.
 */
public sealed interface ConfigChange {
  /** {@code LABEL k=v ...}: sets labels, all resolved against the same environment. */
  record SetLabels(List<KeyValue> labels) implements ConfigChange {
    public SetLabels {
      labels = nonEmpty(labels, "labels");
    }
  }

  /** Removes a label (a flat-tar flag; Dockerfiles cannot). */
  record UnsetLabel(String key) implements ConfigChange {
    public UnsetLabel {
      Objects.requireNonNull(key, "key");
    }
  }

  /** {@code ENV k=v ...}: sets variables, all resolved against the environment before it. */
  record SetEnv(List<KeyValue> variables) implements ConfigChange {
    public SetEnv {
      variables = nonEmpty(variables, "variables");
    }
  }

  /** Removes a variable (a flat-tar flag; Dockerfiles cannot). */
  record UnsetEnv(String key) implements ConfigChange {
    public UnsetEnv {
      Objects.requireNonNull(key, "key");
    }
  }

  /** {@code ENTRYPOINT}. */
  record SetEntrypoint(Command command) implements ConfigChange {
    public SetEntrypoint {
      Objects.requireNonNull(command, "command");
    }
  }

  /** {@code CMD}. */
  record SetCmd(Command command) implements ConfigChange {
    public SetCmd {
      Objects.requireNonNull(command, "command");
    }
  }

  /** {@code USER}. */
  record SetUser(Word user) implements ConfigChange {
    public SetUser {
      Objects.requireNonNull(user, "user");
    }
  }

  /** {@code WORKDIR}: a relative directory is taken from the current one. */
  record SetWorkdir(Word directory) implements ConfigChange {
    public SetWorkdir {
      Objects.requireNonNull(directory, "directory");
    }
  }

  /** {@code EXPOSE}: each word is a port spec, or several once its variables are replaced. */
  record Expose(List<Word> ports) implements ConfigChange {
    public Expose {
      ports = nonEmpty(ports, "ports");
    }
  }

  /** {@code VOLUME}. */
  record AddVolumes(List<Word> paths) implements ConfigChange {
    public AddVolumes {
      paths = nonEmpty(paths, "paths");
    }
  }

  /** {@code STOPSIGNAL}. */
  record SetStopSignal(Word signal) implements ConfigChange {
    public SetStopSignal {
      Objects.requireNonNull(signal, "signal");
    }
  }

  /** {@code ONBUILD}: the trigger instruction as written, appended to {@code OnBuild}. */
  record AddOnBuild(String trigger) implements ConfigChange {
    public AddOnBuild {
      Objects.requireNonNull(trigger, "trigger");
    }
  }

  /** {@code HEALTHCHECK}. */
  record SetHealthcheck(Healthcheck healthcheck) implements ConfigChange {
    public SetHealthcheck {
      Objects.requireNonNull(healthcheck, "healthcheck");
    }
  }

  /** A name and a value, as LABEL and ENV set them. */
  record KeyValue(Word key, Word value) {
    public KeyValue {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A CMD or ENTRYPOINT: exec form (the arguments as given), or shell form (no argument, or one:
   * the command line, run with {@code /bin/sh -c}).
   */
  record Command(List<String> arguments, boolean shellForm) {
    public Command {
      arguments = List.copyOf(arguments);
      if (shellForm && arguments.size() > 1) {
        throw new IllegalArgumentException("a shell-form command is one line: " + arguments);
      }
    }

    public static Command exec(List<String> arguments) {
      return new Command(arguments, false);
    }

    public static Command shell(String line) {
      return new Command(List.of(line), true);
    }
  }

  /**
   * A HEALTHCHECK: {@code test} is {@code [NONE]}, {@code [CMD, args...]} or {@code [CMD-SHELL,
   * line]}; a zero duration or retry count means "not given" (Docker then keeps the image's).
   */
  record Healthcheck(
      List<String> test, Duration interval, Duration timeout, Duration startPeriod, int retries) {
    public Healthcheck {
      test = nonEmpty(test, "test");
      Objects.requireNonNull(interval, "interval");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(startPeriod, "startPeriod");
    }
  }

  private static <T> List<T> nonEmpty(List<T> list, String what) {
    List<T> copy = List.copyOf(list);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return copy;
  }
}
