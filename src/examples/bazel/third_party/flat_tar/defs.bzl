"""flat_tar: a genrule that flattens an image archive into a one-layer image with flat-tar."""

_JAR = "//third_party/flat_tar:flat-tar.jar"

def flat_tar(name, src, out, repo_tags = [], **kwargs):
    """Flattens the image archive `src` into `out`.

    Args:
      name: the target's name.
      src: a docker-save, OCI or compressed image archive (a file or a rule's output).
      out: the flattened archive to declare.
      repo_tags: names for the output image (flat-tar -t); empty keeps the input's names.
      **kwargs: passed to the genrule (visibility, tags, ...).
    """
    tag_flags = "".join([" -t '%s'" % t for t in repo_tags])
    native.genrule(
        name = name,
        srcs = [src],
        outs = [out],
        tools = [_JAR],
        # The jar is a declared input, so a new flat-tar reruns the action; java is the host's.
        # -o writes atomically; -q because Bazel shows output only on failure, where flat-tar's
        # one-line error is what matters.
        cmd = "$${JAVA_HOME:+$$JAVA_HOME/bin/}java -jar $(execpath %s) -q%s -o $@ $(execpath %s)" %
              (_JAR, tag_flags, src),
        message = "Flattening %s" % src,
        **kwargs
    )
