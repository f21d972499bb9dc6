package dev.flattar.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.flattar.config.ConfigChange.AddOnBuild;
import dev.flattar.config.ConfigChange.AddVolumes;
import dev.flattar.config.ConfigChange.Command;
import dev.flattar.config.ConfigChange.Expose;
import dev.flattar.config.ConfigChange.KeyValue;
import dev.flattar.config.ConfigChange.SetCmd;
import dev.flattar.config.ConfigChange.SetEntrypoint;
import dev.flattar.config.ConfigChange.SetEnv;
import dev.flattar.config.ConfigChange.SetHealthcheck;
import dev.flattar.config.ConfigChange.SetLabels;
import dev.flattar.config.ConfigChange.SetStopSignal;
import dev.flattar.config.ConfigChange.SetUser;
import dev.flattar.config.ConfigChange.SetWorkdir;
import dev.flattar.config.ConfigChange.UnsetEnv;
import dev.flattar.config.ConfigChange.UnsetLabel;
import dev.flattar.model.InvalidImageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Applies changes one after another to a {@code config} object, each as Docker's builder dispatches
 * the instruction ({@code builder/dockerfile/dispatchers.go}); {@link CommitMerge} then does what
 * {@code docker commit} does after them.
 */
final class ConfigEditor {
  private static final List<String> SHELL = List.of("/bin/sh", "-c");

  private final ObjectNode config;

  /** Whether a CMD with arguments came before (an ENTRYPOINT then keeps the Cmd). */
  private boolean cmdSet;

  ConfigEditor(ObjectNode config) {
    this.config = config;
  }

  void apply(ConfigChange change) throws InvalidImageException {
    // Every value is resolved against the Env as it is before this change (Docker's rule).
    Map<String, String> env = environment();
    if (change instanceof SetEnv c) {
      setEnv(c.variables(), env);
    } else if (change instanceof UnsetEnv c) {
      List<String> kept = new ArrayList<>();
      for (String e : JsonFields.strings(config, "Env")) {
        if (!key(e).equals(c.key())) {
          kept.add(e);
        }
      }
      if (config.hasNonNull("Env")) {
        ArrayNode array = config.putArray("Env");
        kept.forEach(array::add);
      }
    } else if (change instanceof SetLabels c) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (KeyValue kv : c.labels()) {
        labels.put(Checks.name(kv.key().resolve(env), "LABEL"), kv.value().resolve(env));
      }
      ObjectNode object = JsonFields.object(config, "Labels");
      labels.forEach((k, v) -> JsonFields.putSorted(object, k, object.textNode(v)));
    } else if (change instanceof UnsetLabel c) {
      if (config.get("Labels") instanceof ObjectNode labels) {
        labels.remove(c.key());
      }
    } else if (change instanceof SetCmd c) {
      setCommand("Cmd", cmdLine(c.command()));
      cmdSet = !c.command().arguments().isEmpty();
    } else if (change instanceof SetEntrypoint c) {
      setCommand("Entrypoint", entrypoint(c.command()));
      if (!cmdSet) {
        setCommand("Cmd", null);
      }
    } else if (change instanceof SetUser c) {
      JsonFields.put(config, "User", config.textNode(c.user().resolve(env)), fieldOrder());
    } else if (change instanceof SetWorkdir c) {
      String requested = Checks.workdir(c.directory().resolve(env));
      String current = JsonFields.text(config, "WorkingDir");
      String dir =
          requested.startsWith("/") ? requested : GoText.cleanRooted(current + "/" + requested);
      JsonFields.put(config, "WorkingDir", config.textNode(dir), fieldOrder());
    } else if (change instanceof Expose c) {
      List<String> ports = new ArrayList<>();
      for (Word w : c.ports()) {
        for (String field : w.fields(env)) {
          ports.addAll(Ports.parse(field));
        }
      }
      if (!ports.isEmpty()) {
        ObjectNode object = JsonFields.object(config, "ExposedPorts");
        ports.forEach(p -> putIfAbsent(object, p));
      }
    } else if (change instanceof AddVolumes c) {
      List<String> paths = new ArrayList<>();
      for (Word w : c.paths()) {
        paths.add(Checks.volume(w.resolve(env)));
      }
      ObjectNode object = JsonFields.object(config, "Volumes");
      paths.forEach(p -> putIfAbsent(object, p));
    } else if (change instanceof SetStopSignal c) {
      String signal = c.signal().resolve(env);
      Signals.check(signal);
      JsonFields.put(config, "StopSignal", config.textNode(signal), fieldOrder());
    } else if (change instanceof AddOnBuild c) {
      JsonFields.array(config, "OnBuild").add(c.trigger());
    } else if (change instanceof SetHealthcheck c) {
      JsonFields.put(config, "Healthcheck", Healthchecks.toJson(c.healthcheck()), fieldOrder());
    }
  }

  private void setEnv(List<KeyValue> variables, Map<String, String> env)
      throws InvalidImageException {
    List<String> entries = JsonFields.strings(config, "Env");
    for (KeyValue kv : variables) {
      String name = Checks.name(kv.key().resolve(env), "ENV");
      String entry = name + "=" + kv.value().resolve(env);
      int at = -1;
      for (int i = 0; i < entries.size() && at < 0; i++) {
        at = key(entries.get(i)).equals(name) ? i : -1;
      }
      if (at >= 0) {
        entries.set(at, entry); // the first of that name is replaced where it is
      } else {
        entries.add(entry);
      }
    }
    ArrayNode array = config.arrayNode();
    entries.forEach(array::add);
    JsonFields.put(config, "Env", array, fieldOrder());
  }

  /** Docker's {@code BuildEnvs}: NAME=value entries, a later one of the same name winning. */
  private Map<String, String> environment() throws InvalidImageException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String e : JsonFields.strings(config, "Env")) {
      int eq = e.indexOf('=');
      env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    return env;
  }

  /** CMD: the exec form as given, the shell form after {@code /bin/sh -c}. */
  private static List<String> cmdLine(Command c) {
    if (!c.shellForm()) {
      return c.arguments();
    }
    List<String> argv = new ArrayList<>(SHELL);
    argv.addAll(c.arguments());
    return argv;
  }

  /** ENTRYPOINT: as CMD, but none at all (null) for {@code []} or no argument. */
  private static @Nullable List<String> entrypoint(Command c) {
    return c.arguments().isEmpty() ? null : cmdLine(c);
  }

  /** Sets Cmd or Entrypoint (null: none, kept as a JSON null where the field was). */
  private void setCommand(String key, @Nullable List<String> argv) {
    JsonNode value = NullNode.getInstance();
    if (argv != null) {
      ArrayNode array = config.arrayNode();
      argv.forEach(array::add);
      value = array;
    }
    if (argv != null || config.has(key)) {
      JsonFields.put(config, key, value, fieldOrder());
    }
    // Docker's CMD and ENTRYPOINT set ArgsEscaped to false, which it then leaves out.
    config.remove("ArgsEscaped");
  }

  private static void putIfAbsent(ObjectNode map, String key) {
    if (!map.has(key)) {
      JsonFields.putSorted(map, key, map.objectNode()); // Docker writes {} for each
    }
  }

  private static String key(String envEntry) {
    int eq = envEntry.indexOf('=');
    return eq < 0 ? envEntry : envEntry.substring(0, eq);
  }

  private static List<String> fieldOrder() {
    return JsonFields.CONFIG_ORDER;
  }
}
