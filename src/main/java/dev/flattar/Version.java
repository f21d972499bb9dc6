package dev.flattar;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of flat-tar, from the build. */
public final class Version {
  private static final String VERSION = load();

  private Version() {}

  /** For example {@code 1.0.0}. */
  public static String number() {
    return VERSION;
  }

  /** For example {@code flat-tar 1.0.0}: how the tool names itself in images it writes. */
  public static String product() {
    return "flat-tar " + VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
