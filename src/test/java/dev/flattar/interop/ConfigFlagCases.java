package dev.flattar.interop;

import dev.flattar.config.ChangeFlags;
import dev.flattar.config.ConfigChange;
import dev.flattar.interop.ConfigChangeCases.Differ;
import java.util.List;

/**
 * The flag cases of {@link ConfigChangesIT}: flat-tar's config flags against the {@code buildah
 * config} flags of the same name, which follow buildah's own rules more often than Docker's.
 */
final class ConfigFlagCases {
  /** Config flags, and the {@code buildah config} flags that mean the same. */
  record Flags(List<ConfigChange> changes, List<String> buildah, List<Differ> differs) {
    @Override
    public String toString() {
      return String.join(" ", buildah);
    }
  }

  private static final String IN_PLACE = ConfigChangeCases.IN_PLACE;

  static final List<Flags> FLAGS =
      List.of(
          flags(ChangeFlags.label("b=3"), "--label", "b=3"),
          flags(ChangeFlags.label("a=new"), "--label", "a=new"),
          flags(ChangeFlags.unsetLabel("a"), "--label", "a-"),
          flags(ChangeFlags.env("B=2"), "--env", "B=2"),
          flags(ChangeFlags.unsetEnv("A"), "--env", "A-"),
          flags(ChangeFlags.cmd("[\"x\"]"), "--cmd", "[\"x\"]"),
          flags(ChangeFlags.user("root"), "--user", "root"),
          flags(ChangeFlags.workdir("/abs"), "--workingdir", "/abs"),
          flags(ChangeFlags.expose("80/udp"), "--port", "80/udp"),
          flags(ChangeFlags.volume("/v"), "--volume", "/v"),
          flags(ChangeFlags.stopSignal("SIGKILL"), "--stop-signal", "SIGKILL"),
          flags(
              ChangeFlags.env("A=9"),
              List.of("--env", "A=9"),
              new Differ(
                  "Env",
                  "[\"PATH=/usr/bin:/bin\",\"A=9\",\"HOME=/home/app\"]",
                  "[\"PATH=/usr/bin:/bin\",\"HOME=/home/app\",\"A=9\"]",
                  IN_PLACE)),
          flags(
              ChangeFlags.env("P=$HOME"),
              List.of("--env", "P=$HOME"),
              new Differ(
                  "Env",
                  "[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\",\"P=$HOME\"]",
                  "[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\",\"P=/home/app\"]",
                  "flat-tar's flags are literal; buildah config replaces variables")),
          flags(
              ChangeFlags.entrypoint("[\"e\"]"),
              List.of("--entrypoint", "[\"e\"]"),
              new Differ(
                  "Cmd",
                  "<absent>",
                  "[\"serve\",\"--port\",\"80\"]",
                  "ENTRYPOINT drops the image's Cmd in Docker; buildah config keeps it")),
          flags(
              ChangeFlags.cmd("echo \"a b\""),
              List.of("--cmd", "echo \"a b\""),
              new Differ(
                  "Cmd",
                  "[\"/bin/sh\",\"-c\",\"echo \\\"a b\\\"\"]",
                  "[\"echo\",\"a b\"]",
                  "Docker runs a command line with /bin/sh -c; buildah config splits it into words")),
          flags(
              ChangeFlags.expose("443"),
              List.of("--port", "443"),
              new Differ(
                  "ExposedPorts",
                  "{\"443/tcp\":{},\"80/tcp\":{}}",
                  "{\"443\":{},\"80/tcp\":{}}",
                  "Docker adds the default protocol /tcp; buildah config writes the text as given")),
          flags(
              ChangeFlags.workdir("sub"),
              List.of("--workingdir", "sub"),
              new Differ(
                  "WorkingDir",
                  "\"/srv/sub\"",
                  "\"sub\"",
                  "Docker takes a relative directory from the current one; buildah config does"
                      + " not")));

  private ConfigFlagCases() {}

  private static Flags flags(ConfigChange change, String... buildah) {
    return new Flags(List.of(change), List.of(buildah), List.of());
  }

  private static Flags flags(ConfigChange change, List<String> buildah, Differ differ) {
    return new Flags(List.of(change), buildah, List.of(differ));
  }
}
