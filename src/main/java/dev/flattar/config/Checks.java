package dev.flattar.config;

/**
 * The checks a value must pass, made when it is parsed if it is literal, else when it is applied (a
 * {@link Word.Substituted} is only known then). Besides Docker's own checks, flat-tar refuses an
 * empty ENV or LABEL name, which Docker writes into the config as {@code "=value"} or an empty key.
 */
final class Checks {
  private Checks() {}

  static Word name(Word word, String keyword) {
    if (word instanceof Word.Literal l) {
      name(l.value(), keyword);
    }
    return word;
  }

  static String name(String name, String keyword) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException(
          keyword.equals("ENV") ? "the variable name is empty" : "the label name is empty");
    }
    return name;
  }

  static Word workdir(Word word) {
    if (word instanceof Word.Literal l) {
      workdir(l.value());
    }
    return word;
  }

  static String workdir(String directory) {
    if (directory.isEmpty()) {
      throw new IllegalArgumentException("the working directory is empty");
    }
    return directory;
  }

  static Word volume(Word word) {
    if (word instanceof Word.Literal l) {
      volume(l.value());
    }
    return word;
  }

  static String volume(String path) {
    if (path.isEmpty()) {
      throw new IllegalArgumentException("the volume path is empty");
    }
    return path;
  }

  static Word signal(Word word) {
    if (word instanceof Word.Literal l) {
      Signals.check(l.value());
    }
    return word;
  }
}
