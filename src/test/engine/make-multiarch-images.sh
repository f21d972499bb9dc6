#!/usr/bin/env bash
# Builds two small multi-platform images with real container tooling (buildah on overlay storage,
# one image per platform, joined with `buildah manifest create/add`) and writes them the ways current
# tools do: `buildah manifest push --all` to an oci-archive and to an OCI layout directory, and
# containerd's `ctr images export` (OCI layout + manifest.json, what Docker 25+ with the containerd
# store saves), all platforms and one platform only. For every platform of every image it also writes
# the overlayfs-merged view of that platform's image (X.PLATFORM.expected.tsv).
#
# Usage: make-multiarch-images.sh [OUTPUT_DIR]     (default: <repo>/testdata/multiarch)
# Needs: root, buildah, skopeo, umoci, containerd + ctr, python3, findmnt (util-linux).
# Nothing runs inside the images (buildah only mounts and commits), so no emulation is needed.
# Every container/image/list it creates is named flattar-gen-*; they live in a private
# containers-storage and a private containerd under one temporary directory, all removed on exit
# (the machine's own storage and the system containerd are never touched).
# See README.md next to this script for what each file covers.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
OUT=${1:-$REPO_ROOT/testdata/multiarch}
INSPECT=(python3 "$SCRIPT_DIR/inspect-archive.py")
PREFIX=flattar-gen-
T0=1704067200          # 2024-01-01T00:00:00Z; layer N of every platform is committed with --timestamp T0+N*86400
TAG=1.0                # the tag every list is pushed under (oci-archive:X:1.0, oci:DIR:1.0)
NS=flattar             # containerd namespace
export LC_ALL=C.UTF-8
umask 022

die() { echo "make-multiarch-images: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (buildah mount of overlay storage, containerd)"
for tool in buildah skopeo umoci containerd ctr python3 findmnt mountpoint; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done

# ctr images export writes manifest.json for the host's platform (containerd's default matcher); the
# checks and README describe the files made on linux/amd64, so refuse to make other ones silently
[ "$(uname -m)" = x86_64 ] || die "run on linux/amd64: ctr export's manifest.json names the host's platform"

TMPBASE=${TMPDIR:-/tmp}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)

# unmount_under DIR   unmount every mount point below DIR, deepest first (only ever our own WORK dir)
unmount_under() {
    local t
    findmnt -rn -o TARGET | awk -v p="$1/" 'index($0, p) == 1' | sort -r |
        while read -r t; do umount "$t" 2>/dev/null || umount -l "$t" || true; done
}

# Leftovers of an interrupted earlier run (killed before its EXIT trap ran): a work directory whose
# owning script is gone. Its containerd is stopped (only if its command line names that directory).
for old in "$TMPBASE"/flattar-gen-multiarch.*; do
    [ -d "$old" ] && [ -f "$old/owner.pid" ] || continue
    pid=$(cat "$old/owner.pid")
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then continue; fi
    if [ -f "$old/containerd.pid" ]; then
        cpid=$(cat "$old/containerd.pid")
        if [ -n "$cpid" ] && tr '\0' ' ' < "/proc/$cpid/cmdline" 2>/dev/null | grep -qF "$old/"; then
            kill "$cpid" 2>/dev/null || true
            sleep 2
        fi
    fi
    echo "removing leftovers of an interrupted run: $old"
    unmount_under "$old"
    rm -rf "$old"
done

WORK=$(mktemp -d "$TMPBASE/flattar-gen-multiarch.XXXXXX")
case "$WORK" in *[[:space:]]*) rmdir "$WORK"; die "TMPDIR must not contain white space" ;; esac
echo $$ > "$WORK/owner.pid"
STORE=$WORK/storage
RUNROOT=$WORK/run
CDIR=$WORK/containerd
CTRD_PID=""

# buildah on the private overlay store
bh() { buildah --root "$STORE" --runroot "$RUNROOT" --storage-driver overlay "$@"; }
# ctr on the private containerd, namespace $CNS (default $NS)
cctr() { ctr --address "$CDIR/containerd.sock" -n "${CNS:-$NS}" "$@"; }

CTR=""
M=""

cleanup() {
    local id name img
    if [ -n "$CTR" ]; then bh umount "$CTR" >/dev/null 2>&1 || true; fi
    if [ -d "$STORE" ]; then
        bh containers --all --format '{{.ContainerID}} {{.ContainerName}}' 2>/dev/null |
            while read -r id name; do
                case "$name" in "$PREFIX"*) bh rm "$id" >/dev/null 2>&1 || true ;; esac
            done
        bh images --format '{{.Name}}:{{.Tag}}' 2>/dev/null |
            while read -r img; do
                case "$img" in "localhost/$PREFIX"*) bh rmi -f "$img" >/dev/null 2>&1 || true ;; esac
            done
    fi
    if [ -n "$CTRD_PID" ]; then
        kill "$CTRD_PID" 2>/dev/null || true
        wait "$CTRD_PID" 2>/dev/null || true
        CTRD_PID=""
    fi
    unmount_under "$WORK"
}
on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    cleanup
    rm -rf "$WORK"
    if [ "$rc" != 0 ]; then echo "make-multiarch-images: FAILED (exit $rc)" >&2; fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- platforms
# ptag linux/arm64/v8 -> linux-arm64-v8 (file names, image names)
ptag() { echo "${1//\//-}"; }
# GNU triplet of a platform (a per-platform library directory, as Debian lays them out)
triplet() {
    case "$1" in
        linux/amd64) echo x86_64-linux-gnu ;;
        linux/arm64/v8) echo aarch64-linux-gnu ;;
        linux/arm/v7) echo arm-linux-gnueabihf ;;
        *) die "no triplet for $1" ;;
    esac
}

# ---------------------------------------------------------------- layer helpers
# start IMG PLATFORM    start one platform's image (from scratch)
# layer "what it does"  open a working container on top of the previous commit; $M = mounted root
# commit                set os/arch/variant and created-by, commit one new layer at T0+STEP*86400
# finish N              check the platform's image (N layers, its platform), write its merged view
IMG=""; PLAT=""; P_OS=""; P_ARCH=""; P_VAR=""; STEP=0; PREV=scratch; DESC=""

start() {
    IMG=$1; PLAT=$2; STEP=0; PREV=scratch
    IFS=/ read -r P_OS P_ARCH P_VAR <<< "$PLAT"
    echo "== building $IMG $PLAT"
}

layer() {
    STEP=$((STEP + 1)); DESC=$1
    CTR=$(bh from --quiet --pull=never --platform "$PLAT" --name "${PREFIX}${IMG}-$(ptag "$PLAT")-ctr" "$PREV")
    M=$(bh mount "$CTR")
    # every rm -rf below is "$M/..."; make sure $M really is the container's overlay mount
    case "$M" in "$STORE"/*/merged) ;; *) die "unexpected mount point '$M'" ;; esac
    mountpoint -q "$M" || die "$M is not a mount point"
}

commit() {
    local args=(--os "$P_OS" --arch "$P_ARCH")
    [ -n "$P_VAR" ] && args+=(--variant "$P_VAR")
    bh config "${args[@]}" --created-by "flattar-gen $IMG $PLAT layer $STEP: $DESC" "$CTR"
    bh umount "$CTR" >/dev/null
    PREV="localhost/${PREFIX}${IMG}-$(ptag "$PLAT")-s${STEP}"
    bh commit --quiet --rm --timestamp $((T0 + STEP * 86400)) "$CTR" "$PREV" >/dev/null
    CTR=""; M=""
}

finish() {
    local want=$1 got
    got=$(bh inspect --type image --format '{{len .OCIv1.RootFS.DiffIDs}} {{.OCIv1.OS}}/{{.OCIv1.Architecture}}/{{.OCIv1.Variant}}' "$PREV")
    [ "$got" = "$want $P_OS/$P_ARCH/$P_VAR" ] ||
        die "$IMG $PLAT: image says '$got', expected '$want $P_OS/$P_ARCH/$P_VAR'"
    # the kernel's own merge of the real layers: ground truth for the flattened platform
    CTR=$(bh from --quiet --pull=never --platform "$PLAT" --name "${PREFIX}${IMG}-$(ptag "$PLAT")-view" "$PREV")
    M=$(bh mount "$CTR")
    "${INSPECT[@]}" --tree "$M" > "$WORK/$IMG.$(ptag "$PLAT").expected.tsv"
    bh umount "$CTR" >/dev/null
    bh rm "$CTR" >/dev/null
    CTR=""; M=""
}

# build_platform IMG PLATFORM
# Layer 1 is the same on every platform of an image (an architecture-independent data layer: one
# blob that several platforms' manifests share); layers 2 and 3 differ per platform.
build_platform() {
    local img=$1 plat=$2 t
    t=$(triplet "$plat")
    start "$img" "$plat"

    layer "architecture-independent data (the same on every platform of $img)"
    mkdir -p "$M"/etc "$M"/share/doc/amd64 "$M"/share/doc/arm64 "$M"/share/doc/arm "$M"/share/common \
        "$M"/opt/app/plugins
    echo "$img" > "$M"/etc/flattar-image
    for a in amd64 arm64 arm; do echo "docs for $a" > "$M/share/doc/$a/README"; done
    echo "common data" > "$M"/share/common/data.txt
    echo "config v1" > "$M"/opt/app/config
    echo "plugin one" > "$M"/opt/app/plugins/p1
    commit

    layer "$plat binaries; delete the docs of the other architectures"
    mkdir -p "$M"/bin "$M/lib/$t"
    echo "$plat" > "$M"/platform.txt
    echo "tool built for $plat" > "$M"/bin/tool
    echo "libdemo built for $t" > "$M/lib/$t/libdemo.so.1"
    ln -s libdemo.so.1 "$M/lib/$t/libdemo.so"
    for a in amd64 arm64 arm; do
        [ "$a" = "$P_ARCH" ] || rm -rf "$M/share/doc/$a"
    done
    case "$plat" in
        linux/amd64)
            ln "$M"/bin/tool "$M"/bin/tool-alias          # a hard link, only on amd64
            ;;
        linux/arm64/v8)
            rm "$M"/share/common/data.txt                 # a file whiteout, only on arm64
            ;;
        linux/arm/v7)
            ln -s tool "$M"/bin/sh                        # a symlink, only on arm
            chmod 0700 "$M"/share/common                  # a metadata-only copy-up of a lower dir
            ;;
    esac
    commit

    layer "$plat: replace opt/app (opaque), per-platform changes, config"
    rm -rf "$M"/opt/app
    mkdir -p "$M"/opt/app
    echo "config for $plat" > "$M"/opt/app/config
    case "$plat" in
        linux/amd64)
            rm "$M/lib/$t/libdemo.so"                     # whiteout of a symlink
            ;;
        linux/arm64/v8)
            echo "data rewritten on $plat" > "$M"/share/common/data.txt   # recreated after its whiteout
            ;;
        linux/arm/v7)
            rm -rf "$M"/share/doc                         # a second opaque directory
            mkdir "$M"/share/doc
            echo "docs for $t" > "$M"/share/doc/README.armhf
            ;;
    esac
    bh config --env "FLATTAR_PLATFORM=$plat" --env PATH=/bin --cmd '["/bin/tool"]' \
        --label "org.example.image=$img" --label "org.example.platform=$plat" "$CTR"
    commit
    finish 3
}

# ---------------------------------------------------------------- the stdlib checker
# check_layout PATH --platforms P1,P2 [--present P1] [--name NAME] [--manifest-json P]
#              [--expect PLATFORM:LAYER:TYPE:NAME]...
# PATH is an OCI archive (tar) or an OCI layout directory. Checks: oci-layout; index.json holds exactly
# one descriptor, an image index tagged $TAG (and io.containerd.image.name NAME when given, absent
# otherwise); the nested index lists exactly these platforms in this order; for every platform whose
# blobs are present (default: all) the manifest, config and layers exist with the right sizes and
# sha256, the config's os/architecture/variant equal the descriptor's platform, each layer (gzip)
# decompresses to its diff_id, and layer 1 is one blob shared by all platforms; the manifests of the
# other platforms are absent; no blob is unreferenced; manifest.json is absent, or (--manifest-json P)
# one entry with RepoTags [NAME] and P's config and layers. --expect: a member of a layer tar
# (TYPE f d l h; h/l NAME may be NAME=TARGET). Prints a summary.
PYCHECK=$(cat <<'PY'
import argparse, gzip, hashlib, io, json, os, sys, tarfile

ap = argparse.ArgumentParser()
ap.add_argument("path")
ap.add_argument("--platforms", required=True)
ap.add_argument("--present")
ap.add_argument("--name")
ap.add_argument("--manifest-json")
ap.add_argument("--expect", action="append", default=[])
ap.add_argument("--tag", required=True)
a = ap.parse_args()
listed = a.platforms.split(",")
present = a.present.split(",") if a.present else listed

def fail(msg):
    print("check-layout: %s: %s" % (a.path, msg), file=sys.stderr)
    sys.exit(1)

files = {}
if os.path.isdir(a.path):
    for d, _, fs in os.walk(a.path):
        for f in fs:
            full = os.path.join(d, f)
            with open(full, "rb") as fh:
                files[os.path.relpath(full, a.path)] = fh.read()
else:
    with tarfile.open(a.path, "r:") as t:
        for m in t:
            if m.isfile():
                files[m.name] = t.extractfile(m).read()
            elif not m.isdir():
                fail("unexpected member type %r: %s" % (m.type, m.name))

if json.loads(files.get("oci-layout", b"null")) != {"imageLayoutVersion": "1.0.0"}:
    fail("bad oci-layout")
used = set()

def blob(d, what):
    name = "blobs/" + d["digest"].replace(":", "/")
    if name not in files:
        fail("%s %s is absent" % (what, d["digest"]))
    b = files[name]
    if len(b) != d["size"]:
        fail("%s %s: size %d, descriptor says %d" % (what, d["digest"], len(b), d["size"]))
    if "sha256:" + hashlib.sha256(b).hexdigest() != d["digest"]:
        fail("%s %s: wrong sha256" % (what, d["digest"]))
    used.add(name)
    return b

def plat(p):
    return "/".join([p["os"], p["architecture"]] + ([p["variant"]] if p.get("variant") else []))

IDX = "application/vnd.oci.image.index.v1+json"
MAN = "application/vnd.oci.image.manifest.v1+json"
CFG = "application/vnd.oci.image.config.v1+json"
GZ = "application/vnd.oci.image.layer.v1.tar+gzip"

top = json.loads(files["index.json"])
if top.get("schemaVersion") != 2 or len(top.get("manifests", [])) != 1:
    fail("index.json must hold exactly one descriptor: %s" % top)
d0 = top["manifests"][0]
ann = d0.get("annotations", {})
want_ann = {"org.opencontainers.image.ref.name": a.tag}
if a.name:
    want_ann["io.containerd.image.name"] = a.name
if d0["mediaType"] != IDX or ann != want_ann:
    fail("index.json descriptor: %s, expected an image index with annotations %s" % (d0, want_ann))
idx = json.loads(blob(d0, "index"))
if idx.get("mediaType") != IDX or idx.get("schemaVersion") != 2:
    fail("nested index has mediaType %s" % idx.get("mediaType"))
got = [plat(m["platform"]) for m in idx["manifests"]]
if got != listed:
    fail("index lists platforms %s, expected %s" % (got, listed))
print("%s: index.json -> 1 %s (ref.name %s%s) -> %s, %d bytes, platforms %s" % (
    os.path.basename(a.path), d0["mediaType"].split("/")[1], a.tag,
    ", io.containerd.image.name " + a.name if a.name else "", d0["digest"][:19], d0["size"], ", ".join(got)))
layers_of = {}
config_of = {}
for m in idx["manifests"]:
    p = plat(m["platform"])
    if m["mediaType"] != MAN:
        fail("%s: manifest mediaType %s" % (p, m["mediaType"]))
    if p not in present:
        if "blobs/" + m["digest"].replace(":", "/") in files:
            fail("%s: manifest blob present, expected absent" % p)
        print("  %-15s manifest %s: blobs absent" % (p, m["digest"][:19]))
        continue
    man = json.loads(blob(m, p + " manifest"))
    if man.get("mediaType") != MAN or man["config"]["mediaType"] != CFG:
        fail("%s: manifest/config media types %s %s" % (p, man.get("mediaType"), man["config"]["mediaType"]))
    cfg = json.loads(blob(man["config"], p + " config"))
    if plat(cfg) != p:
        fail("%s: config says %s" % (p, plat(cfg)))
    diff_ids = cfg["rootfs"]["diff_ids"]
    if len(man["layers"]) != len(diff_ids):
        fail("%s: %d layers, %d diff_ids" % (p, len(man["layers"]), len(diff_ids)))
    tars = []
    for n, (l, di) in enumerate(zip(man["layers"], diff_ids), 1):
        if l["mediaType"] != GZ:
            fail("%s layer %d: mediaType %s" % (p, n, l["mediaType"]))
        raw = gzip.decompress(blob(l, "%s layer %d" % (p, n)))
        if "sha256:" + hashlib.sha256(raw).hexdigest() != di:
            fail("%s layer %d does not match its diff_id" % (p, n))
        tars.append(raw)
    layers_of[p] = (man["layers"], tars)
    config_of[p] = man["config"]
    print("  %-15s manifest %s, config %s, %d layers %s" % (
        p, m["digest"][:19], man["config"]["digest"][:19], len(tars),
        " ".join("%s(%dB)" % (l["digest"][7:19], l["size"]) for l in man["layers"])))
firsts = {v[0][0]["digest"] for v in layers_of.values()}
if len(firsts) != 1:
    fail("layer 1 is not one blob shared by all platforms: %s" % firsts)
stray = {n for n in files if n.startswith("blobs/")} - used
if stray:
    fail("unreferenced blobs: %s" % sorted(stray))

mj = files.get("manifest.json")
if a.manifest_json:
    if mj is None:
        fail("no manifest.json")
    entries = json.loads(mj)
    p = a.manifest_json
    want = [{"Config": "blobs/" + config_of[p]["digest"].replace(":", "/"), "RepoTags": [a.name],
             "Layers": ["blobs/" + l["digest"].replace(":", "/") for l in layers_of[p][0]]}]
    if entries != want:
        fail("manifest.json is %s, expected %s" % (entries, want))
    print("  manifest.json: 1 entry, RepoTags %s, the %s config and layers" % ([a.name], p))
elif mj is not None:
    fail("unexpected manifest.json")

TYPES = {tarfile.REGTYPE: "f", tarfile.AREGTYPE: "f", tarfile.DIRTYPE: "d", tarfile.SYMTYPE: "l",
         tarfile.LNKTYPE: "h"}
bad = 0
for spec in a.expect:
    p, n, typ, name = spec.split(":", 3)
    target = None
    if typ in ("h", "l") and "=" in name:
        name, target = name.split("=", 1)
    with tarfile.open(fileobj=io.BytesIO(layers_of[p][1][int(n) - 1]), mode="r:") as t:
        ok = any(m.name.rstrip("/") == name and TYPES.get(m.type) == typ
                 and (target is None or m.linkname == target) for m in t)
    if not ok:
        print("CHECK FAILED (missing): %s in %s" % (spec, a.path), file=sys.stderr)
        bad += 1
if bad:
    for p, (_, tars) in layers_of.items():
        for n, raw in enumerate(tars, 1):
            with tarfile.open(fileobj=io.BytesIO(raw), mode="r:") as t:
                print("  %s layer %d: %s" % (p, n, " ".join(TYPES.get(m.type, "?") + ":" + m.name
                      + ("=" + m.linkname if m.linkname else "") for m in t)), file=sys.stderr)
    sys.exit(1)
PY
)
check_layout() { python3 -c "$PYCHECK" --tag "$TAG" "$@"; }

# check_list LIST P1,P2   the platform fields of a buildah manifest list, in order
check_list() {
    bh manifest inspect "$1" | python3 -c '
import json, sys
want = sys.argv[1].split(",")
ms = json.load(sys.stdin)["manifests"]
got = ["/".join([m["platform"]["os"], m["platform"]["architecture"]]
       + ([m["platform"]["variant"]] if m["platform"].get("variant") else [])) for m in ms]
if got != want:
    sys.exit("manifest list %s has platforms %s, expected %s" % (sys.argv[2], got, want))
' "$2" "$1"
}

# skopeo_checks REF PLATFORM...   skopeo reads the index (raw = the nested index), every platform's
#                                 image (3 layers) and copies all of it to a layout (verifies digests)
skopeo_checks() {
    local ref=$1 p os arch var got; shift
    skopeo inspect --raw "$ref" | python3 -c '
import json, sys
m = json.load(sys.stdin)
assert m["mediaType"] == "application/vnd.oci.image.index.v1+json", m["mediaType"]' ||
        die "$ref: skopeo inspect --raw is not an OCI image index"
    for p in "$@"; do
        IFS=/ read -r os arch var <<< "$p"
        got=$(skopeo --override-os "$os" --override-arch "$arch" ${var:+--override-variant "$var"} \
            inspect --format '{{.Os}}/{{.Architecture}} {{len .Layers}}' "$ref")
        [ "$got" = "$os/$arch 3" ] || die "$ref: skopeo inspect for $p says '$got'"
    done
    rm -rf "$WORK/skopeo-copy"
    skopeo copy --quiet --all "$ref" "oci:$WORK/skopeo-copy:$TAG" || die "$ref: skopeo copy --all failed"
    rm -rf "$WORK/skopeo-copy"
}

# tree_matches DIR EXPECTED WHAT   the tree under DIR equals the expected view
tree_matches() {
    "${INSPECT[@]}" --tree "$1" > "$WORK/tree.out"
    if ! diff -u "$2" "$WORK/tree.out" >&2; then die "$3: tree differs from $(basename "$2")"; fi
}

# ---------------------------------------------------------------- build
IMAGES=(two three)
declare -A PLATFORMS=(
    [two]="linux/amd64 linux/arm64/v8"
    [three]="linux/amd64 linux/arm64/v8 linux/arm/v7"
)
for img in "${IMAGES[@]}"; do
    list="localhost/${PREFIX}${img}:$TAG"
    for plat in ${PLATFORMS[$img]}; do build_platform "$img" "$plat"; done
    echo "== manifest list $list"
    bh manifest create "$list" >/dev/null
    for plat in ${PLATFORMS[$img]}; do
        bh manifest add "$list" "localhost/${PREFIX}${img}-$(ptag "$plat")-s3" >/dev/null
    done
    plats=$(echo ${PLATFORMS[$img]} | tr ' ' ,)
    check_list "$list" "$plats"
    bh manifest push --quiet --all "$list" "oci-archive:$WORK/$img.oci.tar:$TAG"
done
bh manifest push --quiet --all "localhost/${PREFIX}two:$TAG" "oci:$WORK/two.layout:$TAG"

# ---------------------------------------------------------------- containerd export
echo "== containerd: import the oci-archives, export them"
mkdir -p "$CDIR"
cat > "$CDIR/config.toml" <<EOF
version = 2
root = "$CDIR/root"
state = "$CDIR/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$CDIR/containerd.sock"
[ttrpc]
  address = "$CDIR/containerd.sock.ttrpc"
[plugins."io.containerd.internal.v1.opt"]
  path = "$CDIR/opt"
EOF
containerd --config "$CDIR/config.toml" > "$CDIR/containerd.log" 2>&1 &
CTRD_PID=$!
echo "$CTRD_PID" > "$WORK/containerd.pid"
for _ in $(seq 150); do
    if [ -S "$CDIR/containerd.sock" ] && cctr version >/dev/null 2>&1; then break; fi
    kill -0 "$CTRD_PID" 2>/dev/null || { cat "$CDIR/containerd.log" >&2; die "containerd exited"; }
    sleep 0.2
done
cctr version >/dev/null || { tail -50 "$CDIR/containerd.log" >&2; die "containerd does not answer"; }

for img in "${IMAGES[@]}"; do
    ref="localhost/${PREFIX}${img}:$TAG"
    # the archive's index.json names only the tag (1.0): --base-name gives it the full name
    cctr images import --all-platforms --base-name "localhost/${PREFIX}${img}" "$WORK/$img.oci.tar" >/dev/null
    cctr images ls --quiet | grep -qxF "$ref" || die "containerd did not import $ref"
    cctr images export --all-platforms "$WORK/$img.containerd.tar" "$ref"
    cctr images export --platform linux/amd64 "$WORK/$img.containerd-amd64only.tar" "$ref"
done

# ---------------------------------------------------------------- checks
echo "== checks"
for img in "${IMAGES[@]}"; do
    plats=$(echo ${PLATFORMS[$img]} | tr ' ' ,)
    name="localhost/${PREFIX}${img}:$TAG"
    t_amd=$(triplet linux/amd64); t_arm64=$(triplet linux/arm64/v8)
    expects=(
        --expect "linux/amd64:1:f:etc/flattar-image" --expect "linux/amd64:1:f:share/doc/arm/README"
        --expect "linux/amd64:2:f:share/doc/.wh.arm64" --expect "linux/amd64:2:f:share/doc/.wh.arm"
        --expect "linux/amd64:2:h:bin/tool-alias=bin/tool"
        --expect "linux/amd64:2:l:lib/$t_amd/libdemo.so=libdemo.so.1"
        --expect "linux/amd64:3:f:opt/app/.wh..wh..opq" --expect "linux/amd64:3:f:lib/$t_amd/.wh.libdemo.so"
        --expect "linux/arm64/v8:2:f:share/doc/.wh.amd64" --expect "linux/arm64/v8:2:f:share/common/.wh.data.txt"
        --expect "linux/arm64/v8:2:f:lib/$t_arm64/libdemo.so.1"
        --expect "linux/arm64/v8:3:f:opt/app/.wh..wh..opq" --expect "linux/arm64/v8:3:f:share/common/data.txt"
    )
    if [ "$img" = three ]; then
        expects+=(--expect "linux/arm/v7:2:l:bin/sh=tool" --expect "linux/arm/v7:2:d:share/common"
                  --expect "linux/arm/v7:3:f:share/doc/.wh..wh..opq" --expect "linux/arm/v7:3:f:opt/app/.wh..wh..opq")
    fi
    check_layout "$WORK/$img.oci.tar" --platforms "$plats" "${expects[@]}"
    check_layout "$WORK/$img.containerd.tar" --platforms "$plats" --name "$name" --manifest-json linux/amd64
    check_layout "$WORK/$img.containerd-amd64only.tar" --platforms "$plats" --present linux/amd64 \
        --name "$name" --manifest-json linux/amd64
    skopeo_checks "oci-archive:$WORK/$img.oci.tar" ${PLATFORMS[$img]}
    skopeo_checks "oci-archive:$WORK/$img.containerd.tar" ${PLATFORMS[$img]}
    # one platform only: skopeo reads amd64, and refuses the platforms whose blobs are absent
    skopeo --override-os linux --override-arch amd64 inspect "oci-archive:$WORK/$img.containerd-amd64only.tar" >/dev/null ||
        die "$img.containerd-amd64only.tar: skopeo cannot read linux/amd64"
    if skopeo --override-os linux --override-arch arm64 --override-variant v8 \
            inspect "oci-archive:$WORK/$img.containerd-amd64only.tar" >/dev/null 2>&1; then
        die "$img.containerd-amd64only.tar: skopeo reads linux/arm64/v8, whose blobs should be absent"
    fi
    if skopeo copy --quiet --all "oci-archive:$WORK/$img.containerd-amd64only.tar" "oci:$WORK/skopeo-copy:$TAG" 2>/dev/null; then
        die "$img.containerd-amd64only.tar: skopeo copy --all succeeded, blobs should be missing"
    fi
    rm -rf "$WORK/skopeo-copy"
done
check_layout "$WORK/two.layout" --platforms linux/amd64,linux/arm64/v8
skopeo_checks "oci:$WORK/two.layout:$TAG" linux/amd64 linux/arm64/v8
cmp -s <(tar -xOf "$WORK/two.oci.tar" index.json) "$WORK/two.layout/index.json" ||
    die "two.layout/index.json differs from the one in two.oci.tar"

# containerd, platform by platform: the image it unpacks shows the same tree as buildah's overlay mount
mkdir -p "$WORK/mnt"
for img in "${IMAGES[@]}"; do
    for plat in ${PLATFORMS[$img]}; do
        cctr images mount --platform "$plat" "localhost/${PREFIX}${img}:$TAG" "$WORK/mnt" >/dev/null
        tree_matches "$WORK/mnt" "$WORK/$img.$(ptag "$plat").expected.tsv" "containerd $img $plat"
        cctr images unmount --rm "$WORK/mnt" >/dev/null
    done
done
# the containerd exports load back (each into a fresh namespace, which sees no content of the
# others): all platforms from X.containerd.tar; one platform from X.containerd-amd64only.tar, which
# containerd refuses to import with --all-platforms (content digest ... not found)
for img in "${IMAGES[@]}"; do
    ref="localhost/${PREFIX}${img}:$TAG"
    CNS=$NS-reimport-$img cctr images import --all-platforms "$WORK/$img.containerd.tar" >/dev/null
    for plat in ${PLATFORMS[$img]}; do
        CNS=$NS-reimport-$img cctr images mount --platform "$plat" "$ref" "$WORK/mnt" >/dev/null
        tree_matches "$WORK/mnt" "$WORK/$img.$(ptag "$plat").expected.tsv" "containerd re-import $img $plat"
        CNS=$NS-reimport-$img cctr images unmount --rm "$WORK/mnt" >/dev/null
    done
    if CNS=$NS-all-$img cctr images import --all-platforms "$WORK/$img.containerd-amd64only.tar" >/dev/null 2>&1; then
        die "$img.containerd-amd64only.tar: ctr import --all-platforms succeeded, blobs should be missing"
    fi
    CNS=$NS-amd64-$img cctr images import --platform linux/amd64 "$WORK/$img.containerd-amd64only.tar" >/dev/null
    CNS=$NS-amd64-$img cctr images mount --platform linux/amd64 "$ref" "$WORK/mnt" >/dev/null
    tree_matches "$WORK/mnt" "$WORK/$img.linux-amd64.expected.tsv" "containerd amd64only $img"
    CNS=$NS-amd64-$img cctr images unmount --rm "$WORK/mnt" >/dev/null
done

# umoci: it refuses the multi-platform tag ("tag is ambiguous"), so a copy of the layout gets one tag
# per platform manifest (blobs untouched) and each is unpacked and compared with the expected view
cp -a "$WORK/two.layout" "$WORK/umoci-layout"
if umoci unpack --image "$WORK/umoci-layout:$TAG" "$WORK/umoci-all" >/dev/null 2>&1; then
    die "umoci unpacked the multi-platform tag; update README (it used to refuse: tag is ambiguous)"
fi
python3 - "$WORK/umoci-layout" <<'PY'
import json, sys
d = sys.argv[1]
idx = json.load(open(d + "/index.json"))
inner = json.load(open(d + "/blobs/" + idx["manifests"][0]["digest"].replace(":", "/")))
for m in inner["manifests"]:
    p = m["platform"]
    tag = "-".join([p["os"], p["architecture"]] + ([p["variant"]] if p.get("variant") else []))
    idx["manifests"].append(dict(m, annotations={"org.opencontainers.image.ref.name": tag}))
json.dump(idx, open(d + "/index.json", "w"))
PY
for plat in linux/amd64 linux/arm64/v8; do
    umoci unpack --image "$WORK/umoci-layout:$(ptag "$plat")" "$WORK/umoci-$(ptag "$plat")" >/dev/null
    tree_matches "$WORK/umoci-$(ptag "$plat")/rootfs" "$WORK/two.$(ptag "$plat").expected.tsv" "umoci $plat"
done

# ---------------------------------------------------------------- install
echo "== results"
changed=0
for f in "$WORK"/*.tar "$WORK"/*.tsv; do
    base=$(basename "$f")
    dest="$OUT/$base"
    if [ -f "$dest" ] && case "$base" in
            *.tar) python3 "$SCRIPT_DIR/inspect-archive.py" "$f" --same-content "$dest" ;;
            *) cmp -s "$f" "$dest" ;;
        esac; then
        echo "unchanged (kept existing bytes): $base"
    else
        cp "$f" "$dest"
        changed=$((changed + 1))
        echo "written: $base"
    fi
done
if [ -d "$OUT/two.layout" ] && diff -r "$WORK/two.layout" "$OUT/two.layout" >/dev/null; then
    echo "unchanged: two.layout/"
else
    rm -rf "${OUT:?}/two.layout"
    cp -r "$WORK/two.layout" "$OUT/two.layout"
    changed=$((changed + 1))
    echo "written: two.layout/"
fi
( cd "$OUT" && find . -type f | sort | xargs stat -c '%8s  %n' )
du -sh --apparent-size "$OUT"
echo "$changed file(s) written to $OUT"
