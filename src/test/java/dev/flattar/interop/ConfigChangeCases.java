package dev.flattar.interop;

import java.util.List;

/**
 * The cases of {@link ConfigChangesIT}: changes, and each field where buildah does not do what
 * Docker does, with both values (flat-tar gives Docker's; the test checks buildah still gives its
 * own). Docker's values were seen on Engine 20.10 ({@code dev/flattar/config/README.md}).
 */
final class ConfigChangeCases {
  /** A field where the engines disagree: Docker's value (flat-tar's) and buildah's, as JSON. */
  record Differ(String field, String docker, String buildah, String why) {}

  /** Dockerfile instructions, built by buildah as FROM base plus them. */
  record Instructions(List<String> lines, List<Differ> differs) {
    @Override
    public String toString() {
      return String.join(" / ", lines);
    }
  }

  /** Instructions flat-tar refuses (as Docker does), and what buildah makes of them. */
  record Refused(String line, String field, String buildah) {
    @Override
    public String toString() {
      return line;
    }
  }

  static final String IN_PLACE =
      "Docker replaces a variable where it is; buildah removes it and appends the new value";
  static final String MERGE =
      "docker commit takes back from the image what the changes left empty; a build does not";

  static final List<Instructions> INSTRUCTIONS =
      List.of(
          same("LABEL b=3"),
          same("LABEL a=new"),
          same("LABEL \"x y\"=z 'single'='s' k=\"a=b\""),
          same("LABEL k v w"),
          same("LABEL k=$A"),
          same("ENV B=2"),
          same("ENV D \"q r\""),
          same("ENV X=\\$HOME Y='$HOME' Z=\"$HOME\""),
          same("ENV Q=${HOME:-def} R=${NOPE:-def} S=${HOME:+alt} T=${NOPE:+alt}"),
          same("ENV N=x", "ENV M=$N"),
          same("ENV N=x M=$A"),
          same("CMD echo hi"),
          same("CMD [\"echo\",\"hi\"]"),
          same("CMD []"),
          same("CMD [echo"),
          same("ENTRYPOINT /bin/run"),
          same("ENTRYPOINT [\"run\"]"),
          same("ENTRYPOINT [\"e\"]", "CMD [\"x\"]"),
          same("CMD [\"x\"]", "ENTRYPOINT [\"e\"]"),
          same("USER root"),
          same("USER $A"),
          same("USER 1000:1000"),
          same("USER a b"),
          same("WORKDIR sub"),
          same("WORKDIR /abs/../x/"),
          same("WORKDIR ../.."),
          same("WORKDIR $HOME"),
          same("WORKDIR ."),
          same("EXPOSE 443"),
          same("EXPOSE 53/udp 443/tcp"),
          same("EXPOSE $A"),
          same("EXPOSE 0"),
          same("ENV P=\"80 443\"", "EXPOSE $P"),
          same("EXPOSE 80 \"\""),
          same("VOLUME /v1 /v2"),
          same("VOLUME [\"/j1\", \"/j 2\"]"),
          same("VOLUME $HOME"),
          same("VOLUME '$HOME'"),
          same("VOLUME [\"  /a  \"]"),
          same("STOPSIGNAL SIGKILL"),
          same("STOPSIGNAL 9"),
          same("ONBUILD RUN echo hi"),
          same("onbuild LABEL a=b"),
          same("HEALTHCHECK --interval=5s --timeout=3s --start-period=1s --retries=3 CMD curl x"),
          same("CMD echo \\", "hi"),
          same("LABEL a=1 \\", "# comment", "  b=2"),
          same("ENV V=8", "USER $V", "WORKDIR $V", "VOLUME /$V", "EXPOSE 8$V", "LABEL v=$V"),
          differs(
              List.of("ENV A=9"),
              new Differ(
                  "Env",
                  "[\"PATH=/usr/bin:/bin\",\"A=9\",\"HOME=/home/app\"]",
                  "[\"PATH=/usr/bin:/bin\",\"HOME=/home/app\",\"A=9\"]",
                  IN_PLACE)),
          differs(
              List.of("ENV PATH=$PATH:/x"),
              new Differ(
                  "Env",
                  "[\"PATH=/usr/bin:/bin:/x\",\"A=1\",\"HOME=/home/app\"]",
                  "[\"A=1\",\"HOME=/home/app\",\"PATH=/usr/bin:/bin:/x\"]",
                  IN_PLACE)),
          differs(
              List.of("ENTRYPOINT []"),
              new Differ("Entrypoint", "[\"/entry\"]", "<absent>", MERGE),
              new Differ("Cmd", "[\"serve\",\"--port\",\"80\"]", "<absent>", MERGE)),
          differs(
              List.of("ENTRYPOINT []", "CMD [\"x\"]"),
              new Differ("Entrypoint", "[\"/entry\"]", "<absent>", MERGE)),
          differs(
              List.of("HEALTHCHECK CMD [\"true\"]"),
              new Differ(
                  "Healthcheck",
                  "{\"Test\":[\"CMD\",\"true\"],\"Interval\":30000000000}",
                  "{\"Test\":[\"CMD\",\"true\"]}",
                  MERGE)),
          differs(
              List.of("HEALTHCHECK NONE"),
              new Differ(
                  "Healthcheck",
                  "{\"Test\":[\"NONE\"],\"Interval\":30000000000}",
                  "{\"Test\":[\"NONE\"]}",
                  MERGE)),
          differs(List.of("USER \"\""), new Differ("User", "\"app\"", "\"\"", MERGE)),
          differs(
              List.of("EXPOSE 8000-8002"),
              new Differ(
                  "ExposedPorts",
                  "{\"80/tcp\":{},\"8000/tcp\":{},\"8001/tcp\":{},\"8002/tcp\":{}}",
                  "{\"80/tcp\":{},\"8000-8002/tcp\":{}}",
                  "Docker exposes each port of a range; buildah writes the range as one key")),
          differs(
              List.of("EXPOSE 080"),
              new Differ(
                  "ExposedPorts",
                  "{\"80/tcp\":{}}",
                  "{\"080/tcp\":{},\"80/tcp\":{}}",
                  "Docker reads the number; buildah keeps the text")),
          differs(
              List.of("EXPOSE 80/udp"),
              new Differ(
                  "ExposedPorts",
                  "{\"80/tcp\":{},\"80/udp\":{}}",
                  "{\"80/tcp\":{}}",
                  "buildah skips a port whose number is exposed already, whatever the protocol")),
          differs(
              List.of("ENV K=a\\\\"),
              new Differ(
                  "Env",
                  "[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\",\"K=a\\\\\"]",
                  "[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\",\"K=a\"]",
                  "an escaped backslash at the end: buildah drops it")),
          differs(
              List.of("ENV E=$@"),
              new Differ(
                  "Env",
                  "[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\",\"E=\"]",
                  "[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\",\"E=$@\"]",
                  "Docker replaces the special parameter $@ (with nothing); buildah keeps it")));

  static final List<Refused> REFUSED =
      List.of(
          new Refused("EXPOSE 99999", "ExposedPorts", "{\"80/tcp\":{},\"99999/tcp\":{}}"),
          new Refused("EXPOSE 8080:80", "ExposedPorts", "{\"80/tcp\":{},\"8080:80/tcp\":{}}"),
          new Refused("CMD --foo bar", "Cmd", "[\"/bin/sh\",\"-c\",\"bar\"]"),
          new Refused("CMD [\"a\"] b", "Cmd", "[\"a\"]"),
          new Refused("LABEL =v", "Labels", "{\"\":\"v\",\"a\":\"1\",\"m\":\"2\"}"),
          new Refused(
              "ENV =x", "Env", "[\"PATH=/usr/bin:/bin\",\"A=1\",\"HOME=/home/app\",\"=x\"]"),
          new Refused(
              "HEALTHCHECK --interval=1ns CMD x",
              "Healthcheck",
              "{\"Test\":[\"CMD-SHELL\",\"x\"],\"Interval\":1}"),
          new Refused("WORKDIR $NOPE", "WorkingDir", "\"/srv\""),
          new Refused("ENV E", null, null),
          new Refused("CMD [1]", null, null),
          new Refused("VOLUME [\"\"]", null, null),
          new Refused("STOPSIGNAL SIGFOO", null, null),
          new Refused("HEALTHCHECK --start-interval=1s CMD x", null, null),
          new Refused("HEALTHCHECK --retries=0 CMD x", null, null),
          new Refused("ONBUILD ONBUILD RUN x", null, null),
          new Refused("USER", null, null),
          new Refused("ENV A=\"unterminated", null, null),
          new Refused("ENV A=${HOME#/home}", null, null),
          new Refused("ENV A=${NOPE?msg}", null, null));

  private ConfigChangeCases() {}

  private static Instructions same(String... lines) {
    return new Instructions(List.of(lines), List.of());
  }

  private static Instructions differs(List<String> lines, Differ... differs) {
    return new Instructions(lines, List.of(differs));
  }
}
