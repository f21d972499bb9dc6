package dev.flattar.tar;

import dev.flattar.model.UnsafePathException;
import java.util.Arrays;

/**
 * Lexical cleaning of member names, as Docker's unpacker does it: strip {@code ./} and leading
 * {@code /}, treat {@code dir} and {@code dir/} alike, fold {@code .} and {@code ..}. A relative
 * name whose {@code ..} climbs above the root is rejected; in a {@code /}-rooted name, {@code ..}
 * at the root stays at the root (Go's {@code filepath.Clean}).
 */
public final class TarPaths {
  private TarPaths() {}

  /**
   * The cleaned, root-relative path ({@code ""} for the root itself), in the Latin-1 carrier form.
   *
   * @throws UnsafePathException if the name escapes the root
   */
  public static String normalize(String name) throws UnsafePathException {
    if (isClean(name)) {
      return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
    boolean rooted = name.startsWith("/");
    String[] parts = name.split("/", -1);
    String[] stack = new String[parts.length];
    int depth = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (depth > 0) {
          depth--;
        } else if (!rooted) {
          throw new UnsafePathException(
              "name '" + TarEntry.display(name) + "' escapes the root with '..'");
        }
        continue;
      }
      stack[depth++] = part;
    }
    return String.join("/", Arrays.asList(stack).subList(0, depth));
  }

  /**
   * Whether {@code name} is already in the form a flattened layer writes: clean, and ending in
   * {@code /} exactly when it names a directory. Then the name can be written as it is.
   */
  public static boolean isCanonical(String name, boolean directory) {
    return !name.isEmpty() && isClean(name) && name.endsWith("/") == directory;
  }

  /** Fast path: no empty, "." or ".." components and no leading slash (the common case). */
  private static boolean isClean(String name) {
    int n = name.length();
    if (n == 0 || name.charAt(0) == '/') {
      return n == 0;
    }
    int start = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || name.charAt(i) == '/') {
        int len = i - start;
        if (len == 0) {
          return i == n && n > 0; // only a single trailing slash is allowed
        }
        if (len == 1 && name.charAt(start) == '.') {
          return false;
        }
        if (len == 2 && name.charAt(start) == '.' && name.charAt(start + 1) == '.') {
          return false;
        }
        start = i + 1;
      }
    }
    return true;
  }

  /** The last component of a cleaned path. */
  public static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  /** The cleaned parent of a cleaned path ({@code ""} for a top-level name). */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
