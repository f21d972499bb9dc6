"""Flattening images with flat-tar: flat_tar (a genrule: archive in, archive out) and
flat_tar_layout (a rule: layout directory or archive in, layout directory out)."""

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
        # one-line error is what matters; -XX:-UsePerfData: see _flat_tar_layout_impl.
        cmd = ("$${JAVA_HOME:+$$JAVA_HOME/bin/}java -XX:-UsePerfData -jar $(execpath %s) -q%s " +
               "-o $@ $(execpath %s)") % (_JAR, tag_flags, src),
        message = "Flattening %s" % src,
        **kwargs
    )

def _flat_tar_layout_impl(ctx):
    out = ctx.actions.declare_directory(ctx.label.name)
    args = ctx.actions.args()

    # No /tmp/hsperfdata_*: in Bazel's linux-sandbox every JVM is pid 2 and /tmp is shared, so
    # two flat-tar actions at once would warn about each other's file.
    args.add("-XX:-UsePerfData")
    args.add("-jar", ctx.file._jar)
    args.add("-q")  # as in the genrule: Bazel shows the output only when the action fails
    args.add_all(ctx.attr.repo_tags, before_each = "-t")
    args.add_all(ctx.attr.platforms, before_each = "--platform")

    # Bazel creates the declared directory before the action runs, so flat-tar must be allowed to
    # replace it; --replace builds the layout beside it and swaps it in when complete.
    args.add("--replace")
    args.add("-o", out.path + "/")

    # The path, not the files: a directory input is one argument, read by flat-tar as a layout.
    args.add(ctx.file.src.path)
    ctx.actions.run_shell(
        inputs = [ctx.file.src, ctx.file._jar],
        outputs = [out],
        # A shell only to pick the host's java as the genrule does ($JAVA_HOME, else the PATH);
        # the arguments are passed as "$@", never parsed by it.
        command = 'exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" "$@"',
        arguments = [args],
        use_default_shell_env = True,
        mnemonic = "FlatTarLayout",
        progress_message = "Flattening %s into a layout directory" % ctx.file.src.short_path,
    )
    return [DefaultInfo(files = depset([out]))]

flat_tar_layout = rule(
    implementation = _flat_tar_layout_impl,
    doc = """Flattens an image into an OCI layout directory (a tree artifact named after the target).

The input is a layout directory (a tree artifact such as rules_oci's oci_image makes) or any image
archive flat-tar reads; each platform of a multi-platform index is flattened to one layer.""",
    attrs = {
        "src": attr.label(
            allow_single_file = True,
            mandatory = True,
            doc = "An OCI layout directory (another rule's directory output) or an image archive.",
        ),
        "repo_tags": attr.string_list(
            doc = "Names for the output image (flat-tar -t); empty keeps the input's names.",
        ),
        "platforms": attr.string_list(
            doc = "Flatten only these platforms (flat-tar --platform, e.g. linux/arm64); " +
                  "empty keeps every platform.",
        ),
        "_jar": attr.label(default = Label(_JAR), allow_single_file = True),
    },
)
