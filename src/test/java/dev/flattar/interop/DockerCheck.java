package dev.flattar.interop;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares two images as Docker shows them ({@link DockerView}): what a flattened image must share
 * with its original. Each difference is one line, prefixed with what it is about ({@code inspect:},
 * {@code layers:}, {@code history:}, {@code tree:}, {@code run:}, {@code command:}), so that a test
 * can require none, or exactly a recorded set (the daemon's squash).
 */
final class DockerCheck {
  /**
   * Fields of {@code docker image inspect} that flattening changes or that describe the local
   * store: the id and names, the parent (set only for locally built images), the comment (Docker
   * shows the newest history entry's), sizes, storage paths and layers (checked on their own).
   */
  static final Set<String> NOT_COMPARED =
      Set.of(
          "Id",
          "RepoTags",
          "RepoDigests",
          "Parent",
          "Comment",
          "Size",
          "VirtualSize",
          "GraphDriver",
          "RootFS",
          "Metadata");

  private DockerCheck() {}

  /**
   * Every difference between {@code original} and {@code other}, which keeps the original's bottom
   * {@code kept} layers and has one more; {@code nonEmpty} says, oldest first, which of the
   * original's history entries have a layer (from its config's {@code empty_layer}).
   */
  static List<String> differences(
      DockerView original, DockerView other, int kept, List<Boolean> nonEmpty) {
    List<String> out = new ArrayList<>();
    inspect(original.inspect(), other.inspect(), out);
    layers(original.layers(), other.layers(), kept, out);
    history(original.history(), other.history(), kept, nonEmpty, out);
    TreeDiff.differences(original.tree(), other.tree(), Long.MAX_VALUE)
        .forEach(d -> out.add("tree: " + d));
    if (original.listing() != null && other.listing() != null) {
      lines(original.listing(), other.listing(), "run: ", out);
    }
    if (original.command() != null && other.command() != null) {
      Cmd.Result a = original.command();
      Cmd.Result b = other.command();
      if (a.code() != b.code()) {
        out.add("command: exit " + a.code() + " != " + b.code());
      }
      lines(a.stdout(), b.stdout(), "command: ", out);
    }
    return out;
  }

  /**
   * Fails with every difference (at most {@link TreeDiff#MAX_LINES} lines) unless there is none.
   */
  static void assertSame(
      String label, DockerView original, DockerView other, int kept, List<Boolean> nonEmpty) {
    List<String> diff = differences(original, other, kept, nonEmpty);
    if (!diff.isEmpty()) {
      throw new AssertionError(report(label, original, other, diff));
    }
  }

  static String report(String label, DockerView original, DockerView other, List<String> diff) {
    StringBuilder msg =
        new StringBuilder(label)
            .append(": ")
            .append(diff.size())
            .append(" difference(s) between ")
            .append(original.tree().source())
            .append(" (left values) and ")
            .append(other.tree().source())
            .append(" (right values):");
    int shown = Math.min(diff.size(), TreeDiff.MAX_LINES - 2);
    diff.subList(0, shown).forEach(line -> msg.append("\n  ").append(line));
    if (diff.size() > shown) {
      msg.append("\n  ... and ").append(diff.size() - shown).append(" more");
    }
    return msg.toString();
  }

  private static void inspect(JsonNode a, JsonNode b, List<String> out) {
    Set<String> fields = new TreeSet<>();
    a.fieldNames().forEachRemaining(fields::add);
    b.fieldNames().forEachRemaining(fields::add);
    fields.removeAll(NOT_COMPARED);
    for (String f : fields) {
      if (!a.path(f).equals(b.path(f))) {
        out.add("inspect: " + f + " " + cut(a.path(f)) + " != " + cut(b.path(f)));
      }
    }
  }

  private static void layers(List<String> a, List<String> b, int kept, List<String> out) {
    if (b.size() != kept + 1) {
      out.add("layers: " + b.size() + " layers, expected " + (kept + 1));
    } else if (!b.subList(0, kept).equals(a.subList(0, kept))) {
      out.add("layers: the bottom " + kept + " are not the original's: " + b);
    }
  }

  /**
   * The other image's history is the original's (time, command, comment of every entry) plus one
   * newer entry; an entry's size is its layer's, so the original's for kept layers and 0 for
   * squashed ones.
   */
  private static void history(
      List<JsonNode> a, List<JsonNode> b, int kept, List<Boolean> nonEmpty, List<String> out) {
    if (b.size() != a.size() + 1) {
      out.add("history: " + b.size() + " entries, expected " + (a.size() + 1));
      return;
    }
    if (nonEmpty.size() != a.size()) {
      out.add("history: the config lists " + nonEmpty.size() + " entries, docker " + a.size());
      return;
    }
    int layers = 0;
    for (int oldest = 0; oldest < a.size(); oldest++) {
      int i = a.size() - 1 - oldest; // docker history lists the newest first
      JsonNode x = a.get(i);
      JsonNode y = b.get(i + 1);
      for (String f : List.of("CreatedAt", "CreatedBy", "Comment")) {
        if (!x.path(f).equals(y.path(f))) {
          out.add("history: entry " + oldest + " " + f + " " + x.path(f) + " != " + y.path(f));
        }
      }
      boolean keptLayer = nonEmpty.get(oldest) && layers++ < kept;
      String size = keptLayer ? x.path("Size").asText() : "0";
      if (!y.path("Size").asText().equals(size)) {
        out.add(
            "history: entry " + oldest + " Size " + y.path("Size").asText() + ", expected " + size);
      }
    }
  }

  /** The lines only one side has (both are sorted listings or a command's output). */
  private static void lines(String a, String b, String prefix, List<String> out) {
    if (a.equals(b)) {
      return;
    }
    List<String> left = new ArrayList<>(a.lines().toList());
    List<String> right = new ArrayList<>(b.lines().toList());
    for (Iterator<String> it = left.iterator(); it.hasNext(); ) {
      if (right.remove(it.next())) {
        it.remove();
      }
    }
    left.forEach(l -> out.add(prefix + "- " + l));
    right.forEach(l -> out.add(prefix + "+ " + l));
    if (left.isEmpty() && right.isEmpty()) {
      out.add(prefix + "the same lines in another order");
    }
  }

  private static String cut(JsonNode node) {
    String s = node.toString();
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
