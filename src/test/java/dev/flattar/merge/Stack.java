package dev.flattar.merge;

import dev.flattar.model.FlatTarException;
import dev.flattar.tar.EntryType;
import dev.flattar.tar.TarEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Layers written as one line each, for table tests of the merge's pieces: space-separated members,
 * {@code f:a/b} a file, {@code d:a} a directory, {@code s:a>t} a symlink, {@code h:a>t} a hard
 * link, {@code w:a/b} a whiteout of {@code a/b}, {@code o:a} an opaque marker in {@code a} ({@code
 * o:} at the root), {@code -} an empty layer.
 */
final class Stack {
  final List<List<TarEntry>> layers = new ArrayList<>();
  final PathTree tree = new PathTree();
  final List<LayerIndex> indexes = new ArrayList<>();
  final List<String> names = new ArrayList<>();
  final List<List<String>> tokens = new ArrayList<>();

  private Stack() {}

  static Stack of(String... lines) throws FlatTarException {
    Stack s = new Stack();
    for (int k = 0; k < lines.length; k++) {
      List<TarEntry> entries = parse(lines[k]);
      s.tokens.add(tokens(lines[k]));
      s.layers.add(entries);
      s.names.add("layer " + (k + 1));
      s.indexes.add(LayerIndex.build(entries, s.tree, "layer " + (k + 1)));
    }
    return s;
  }

  private static List<String> tokens(String line) {
    return line.trim().equals("-") ? List.of() : List.of(line.trim().split("\\s+"));
  }

  static List<TarEntry> parse(String line) {
    List<TarEntry> entries = new ArrayList<>();
    for (String token : line.trim().split("\\s+")) {
      if (!token.equals("-")) {
        entries.add(member(token));
      }
    }
    return entries;
  }

  /** The members written as in the table: {@code f:a}, {@code h:a>b}, {@code w:a}... */
  static String describe(TarEntry e) {
    return switch (e.type()) {
      case FILE -> "f:" + e.name();
      case DIRECTORY -> "d:" + e.name();
      case SYMLINK -> "s:" + e.name() + ">" + e.linkName();
      case HARDLINK -> "h:" + e.name() + ">" + e.linkName();
      default -> e.type() + ":" + e.name();
    };
  }

  private static TarEntry member(String token) {
    String kind = token.substring(0, token.indexOf(':'));
    String rest = token.substring(token.indexOf(':') + 1);
    String path = rest.contains(">") ? rest.substring(0, rest.indexOf('>')) : rest;
    String target = rest.contains(">") ? rest.substring(rest.indexOf('>') + 1) : "";
    return switch (kind) {
      case "f" -> TarEntry.builder(path, EntryType.FILE).mode(0644).data(1, 0, 1).build();
      case "d" -> TarEntry.builder(path + "/", EntryType.DIRECTORY).mode(0755).build();
      case "s" -> TarEntry.builder(path, EntryType.SYMLINK).linkName(target).build();
      case "h" -> TarEntry.builder(path, EntryType.HARDLINK).linkName(target).build();
      case "w" -> TarEntry.builder(whiteout(path), EntryType.FILE).build();
      case "o" ->
          TarEntry.builder(path.isEmpty() ? ".wh..wh..opq" : path + "/.wh..wh..opq", EntryType.FILE)
              .build();
      default -> throw new IllegalArgumentException("unknown member kind in '" + token + "'");
    };
  }

  private static String whiteout(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0
        ? ".wh." + path
        : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
  }
}
