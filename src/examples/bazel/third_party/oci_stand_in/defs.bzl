"""oci_layout_dir: an OCI layout directory as a tree artifact, standing in for rules_oci.

rules_oci's oci_image outputs its image as an OCI layout directory (a tree artifact); rules_oci
cannot be fetched in this offline example, so this rule makes the same kind of output by copying
a checked-in layout (oci-layout, index.json, blobs/sha256/...) into a declared directory.
"""

def _oci_layout_dir_impl(ctx):
    prefix = "/".join([p for p in [ctx.label.package, ctx.attr.dir] if p]) + "/"
    pairs = []
    for f in ctx.files.srcs:
        if not f.short_path.startswith(prefix):
            fail("%s is not below %s" % (f.short_path, prefix))
        pairs.append((f, f.short_path[len(prefix):]))
    names = [name for _, name in pairs]
    if "oci-layout" not in names or "index.json" not in names:
        fail("no OCI layout in %s (oci-layout and index.json): copy one there first, " % prefix +
             "e.g. cp -r ../../../testdata/multiarch/two.layout %s (see README.md)" % ctx.attr.dir)

    out = ctx.actions.declare_directory(ctx.label.name)
    args = ctx.actions.args()
    args.add(out.path)
    for f, name in pairs:
        args.add_all([f, name])
    ctx.actions.run_shell(
        inputs = ctx.files.srcs,
        outputs = [out],
        command = """
out="$1"; shift
while [ $# -gt 0 ]; do
  mkdir -p "$out/$(dirname "$2")" && cp "$1" "$out/$2" || exit 1
  shift 2
done
""",
        arguments = [args],
        mnemonic = "OciLayoutDir",
        progress_message = "Copying the layout in %s" % prefix,
    )
    return [DefaultInfo(files = depset([out]))]

_oci_layout_dir = rule(
    implementation = _oci_layout_dir_impl,
    attrs = {
        "srcs": attr.label_list(allow_files = True),
        "dir": attr.string(mandatory = True),
    },
)

def oci_layout_dir(name, dir, **kwargs):
    """A tree artifact `name` holding a copy of the OCI layout in the directory `dir`.

    Args:
      name: the target's name, and the output directory's (bazel-bin/<name>).
      dir: a directory of this package holding an OCI image layout.
      **kwargs: passed to the rule (visibility, tags, ...).
    """
    _oci_layout_dir(name = name, dir = dir, srcs = native.glob([dir + "/**"]), **kwargs)
