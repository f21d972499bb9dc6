package dev.flattar.config;

import java.util.Locale;

/**
 * What Docker's parser checks in an ONBUILD trigger when the ONBUILD is read (the trigger runs in a
 * later build, which checks the rest): JSON arrays of strings only, and ENV and LABEL pairs.
 */
final class TriggerCheck {
  private TriggerCheck() {}

  /**
   * Checks {@code line}, an instruction of any kind.
   *
   * @throws IllegalArgumentException for what Docker's parser would refuse
   */
  static void check(String line, char escape) {
    LineParsers.Split s = LineParsers.split(line);
    String args = s.arguments();
    switch (s.keyword()) {
      case "env", "label" ->
          LineParsers.nameValues(args, s.keyword().toUpperCase(Locale.ROOT), escape);
      case "cmd", "entrypoint", "run", "shell", "add", "copy", "volume" -> {
        if (!args.isEmpty()) {
          JsonForm.check(args);
        }
      }
      case "healthcheck" -> {
        int sep = 0;
        while (sep < args.length() && !GoText.isSpace(args.charAt(sep))) {
          sep++;
        }
        String rest = GoText.trimLeft(args.substring(sep));
        if (!rest.isEmpty()) {
          JsonForm.check(rest);
        }
      }
      case "onbuild" -> {
        if (!args.isEmpty()) {
          check(args, escape);
        }
      }
      default -> {
        // FROM, EXPOSE, ARG, USER, ... and unknown keywords: nothing to check when parsing
      }
    }
  }
}
