#!/usr/bin/env bash
# Builds small multi-layer test images with real container tooling (buildah + podman on overlay
# storage) and saves each as a docker-archive and an oci-archive, plus an overlayfs-merged view of the
# final image (*.expected.tsv) to compare a flattened result against.
#
# Usage: make-engine-images.sh [OUTPUT_DIR]     (default: <repo>/testdata/engine)
# Needs: root, buildah, podman, skopeo, setfattr/getfattr (apt: attr), setcap (apt: libcap2-bin), python3.
# Every container/image it creates is named flattar-gen-*; they are removed on exit.
# See README.md next to this script for what each image covers.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$SCRIPT_DIR/../../.." && pwd)
OUT=${1:-$REPO_ROOT/testdata/engine}
INSPECT=(python3 "$SCRIPT_DIR/inspect-archive.py")
PREFIX=flattar-gen-
T0=1704067200          # 2024-01-01T00:00:00Z; layer N of an image is committed with --timestamp T0+N*86400
export LC_ALL=C.UTF-8
umask 022

die() { echo "make-engine-images: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "must run as root (buildah mount of overlay storage)"
for tool in buildah podman skopeo setfattr getfattr setcap mkfifo mknod python3; do
    command -v "$tool" >/dev/null || die "missing tool: $tool"
done

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/flattar-gen.XXXXXX")

CTR=""
M=""

cleanup() {
    local id name img
    if [ -n "$CTR" ]; then buildah umount "$CTR" >/dev/null 2>&1 || true; fi
    buildah containers --all --format '{{.ContainerID}} {{.ContainerName}}' 2>/dev/null |
        while read -r id name; do
            case "$name" in "$PREFIX"*) buildah rm "$id" >/dev/null 2>&1 || true ;; esac
        done
    podman images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null |
        while read -r img; do
            case "$img" in "localhost/$PREFIX"*) podman rmi -f "$img" >/dev/null 2>&1 || true ;; esac
        done
}
on_exit() {
    local rc=$?
    cleanup
    rm -rf "$WORK"
    if [ "$rc" != 0 ]; then echo "make-engine-images: FAILED (exit $rc)" >&2; fi
    exit "$rc"
}
trap on_exit EXIT
cleanup   # leftovers of an interrupted earlier run

# ---------------------------------------------------------------- layer helpers
# img NAME              start a new image (from scratch)
# layer "what it does"  open a working container on top of the previous commit; $M = mounted root
# commit [ts|now|SECS]  commit it as one new layer (ts: --timestamp T0+N*86400 [default];
#                       now: no --timestamp, file mtimes are kept as they are; SECS: --timestamp SECS)
# finish N              check the image has N layers, save both archives, write the merged view
IMG=""; STEP=0; PREV=scratch; DESC=""

img() { IMG=$1; STEP=0; PREV=scratch; echo "== building $IMG"; }

layer() {
    STEP=$((STEP + 1)); DESC=$1
    CTR=$(buildah from --quiet --pull=never --name "${PREFIX}${IMG}-ctr" "$PREV")
    M=$(buildah mount "$CTR")
    # every rm -rf below is "$M/..."; make sure $M really is the container's overlay mount
    case "$M" in /*/merged) ;; *) die "unexpected mount point '$M'" ;; esac
    mountpoint -q "$M" || die "$M is not a mount point"
}

commit() {
    local mode=${1:-ts} args=(--quiet --rm)
    case "$mode" in
        ts) args+=(--timestamp $((T0 + STEP * 86400))) ;;
        now) ;;
        *) args+=(--timestamp "$mode") ;;
    esac
    buildah config --created-by "flattar-gen $IMG layer $STEP: $DESC" "$CTR"
    buildah umount "$CTR" >/dev/null
    buildah commit "${args[@]}" "$CTR" "localhost/${PREFIX}${IMG}-s${STEP}" >/dev/null
    PREV="localhost/${PREFIX}${IMG}-s${STEP}"
    CTR=""; M=""
}

finish() {
    local want=$1 final="localhost/${PREFIX}${IMG}:latest" got f
    podman tag "$PREV" "$final"
    got=$(podman image inspect --format '{{len .RootFS.Layers}}' "$final")
    [ "$got" = "$want" ] || die "$IMG: podman inspect says $got layers, expected $want"
    podman save --quiet --format docker-archive -o "$WORK/$IMG.docker.tar" "$final"
    podman save --quiet --format oci-archive -o "$WORK/$IMG.oci.tar" "$final"
    for f in "docker-archive:$WORK/$IMG.docker.tar" "oci-archive:$WORK/$IMG.oci.tar"; do
        got=$(skopeo inspect --format '{{len .Layers}}' "$f")
        [ "$got" = "$want" ] || die "$f: skopeo inspect says $got layers, expected $want"
    done
    # the kernel's own merge of the real layers: ground truth for the flattened result
    CTR=$(buildah from --quiet --pull=never --name "${PREFIX}${IMG}-view" "$final")
    M=$(buildah mount "$CTR")
    "${INSPECT[@]}" --tree "$M" > "$WORK/$IMG.expected.tsv"
    buildah umount "$CTR" >/dev/null
    buildah rm "$CTR" >/dev/null
    CTR=""; M=""
}

# show IMAGE   print every layer of the docker-archive with GNU tar (-tvv) and with inspect-archive.py
#              (which also prints PAX xattrs and data of small files)
show() {
    local name=$1 f="$WORK/$1.docker.tar" l n=0
    echo "-- $name.docker.tar, GNU tar view of each layer"
    for l in $(tar -xOf "$f" manifest.json | python3 -c 'import json,sys; print("\n".join(json.load(sys.stdin)[0]["Layers"]))'); do
        n=$((n + 1))
        echo "   layer $n: $l"
        tar -xOf "$f" "$l" | tar -tvv --full-time --numeric-owner -f - | sed 's/^/      /'
    done
    echo "-- $name.docker.tar, inspect-archive.py view"
    "${INSPECT[@]}" "$f" | sed 's/^/   /'
}

# check IMAGE SPEC...   run --expect / --absent checks (see inspect-archive.py) on both archives
check() {
    local name=$1 f; shift
    for f in "$WORK/$name.docker.tar" "$WORK/$name.oci.tar"; do
        if ! "${INSPECT[@]}" "$f" "$@"; then
            "${INSPECT[@]}" "$f" >&2
            die "$name: layer content checks failed (see above)"
        fi
    done
}

# ---------------------------------------------------------------- 1. whiteouts
img whiteouts
layer "create files and directories"
mkdir -p "$M"/keep "$M"/gone-dir/sub/deeper "$M"/dir "$M"/nested/deep/er "$M"/emptied
echo keep > "$M"/keep/file
echo a > "$M"/gone-dir/a
echo b > "$M"/gone-dir/sub/b
echo c > "$M"/gone-dir/sub/deeper/c
echo gone > "$M"/gone-file
for x in x y z; do echo "$x" > "$M/dir/$x"; done
echo 1 > "$M"/nested/deep/1
echo 2 > "$M"/nested/deep/er/2
echo top > "$M"/nested/top
echo p > "$M"/emptied/p
echo q > "$M"/emptied/q
ln -s gone-file "$M"/link-to-gone
commit
layer "delete a file, two directory trees, single children; add and remove a temp file"
rm "$M"/gone-file
rm -rf "$M"/gone-dir "$M"/nested/deep
rm "$M"/dir/y "$M"/emptied/p "$M"/emptied/q
echo w > "$M"/dir/w
echo tmp > "$M"/dir/tmp
rm "$M"/dir/tmp
commit
layer "recreate the deleted file and directory, delete one more file, set config"
echo "gone-file v3" > "$M"/gone-file
mkdir "$M"/gone-dir
echo new > "$M"/gone-dir/new
rm "$M"/dir/x
buildah config --env FLATTAR_CASE=whiteouts --env PATH=/usr/bin:/bin --workingdir /keep \
    --cmd '["/keep/file"]' --label org.example.case=whiteouts --user 1000:1000 "$CTR"
commit
finish 3
check whiteouts \
    --expect '2:f:.wh.gone-file' --expect '2:f:.wh.gone-dir' --expect '2:f:nested/.wh.deep' \
    --expect '2:f:dir/.wh.y' --expect '2:f:emptied/.wh.p' --expect '2:f:emptied/.wh.q' \
    --expect '2:f:dir/w' --absent '2:*:dir/tmp' --absent '2:*:dir/.wh.tmp' \
    --expect $'3:f:gone-file:c=gone-file v3\n' --absent '3:*:gone-dir/.wh..wh..opq' \
    --expect '3:f:gone-dir/new' --expect '3:f:dir/.wh.x'

# ---------------------------------------------------------------- 2. opaque directories
img opaque
layer "create d/, e/, mv-src/"
mkdir -p "$M"/d/sub "$M"/e "$M"/mv-src/two
echo a-v1 > "$M"/d/a
echo b-v1 > "$M"/d/b
echo c-v1 > "$M"/d/sub/c
echo f > "$M"/e/f
echo g > "$M"/e/g
echo one > "$M"/mv-src/one
echo three > "$M"/mv-src/two/three
commit
layer "rm -rf d and recreate it with other content; empty e/ file by file; mv a lower directory"
rm -rf "$M"/d
mkdir -p "$M"/d/sub
echo a-v2 > "$M"/d/a
echo new > "$M"/d/new
rm -rf "$M"/e/*
mv "$M"/mv-src "$M"/mv-dst
commit
layer "rm -rf e and recreate it with a nested child"
rm -rf "$M"/e
mkdir -p "$M"/e/y
echo z > "$M"/e/y/z
commit
finish 3
check opaque \
    --expect '2:f:d/.wh..wh..opq' --expect $'2:f:d/a:c=a-v2\n' --expect '2:d:d/sub' \
    --absent '2:*:d/b' --absent '2:*:d/sub/c' --absent '2:*:e/.wh..wh..opq' \
    --expect '2:f:e/.wh.f' --expect '2:f:e/.wh.g' \
    --expect '2:f:.wh.mv-src' --expect '2:f:mv-dst/two/three' \
    --expect '3:f:e/.wh..wh..opq' --expect '3:f:e/y/z'

# ---------------------------------------------------------------- 3. type changes
img typechange
layer "f2d f2s files, d2f d2s dirs, s2d s2f symlinks"
mkdir -p "$M"/d2f/sub "$M"/real "$M"/d2s/inner
echo f > "$M"/f2d
echo c > "$M"/d2f/sub/c
echo c2 > "$M"/d2f/c2
echo r > "$M"/real/r
ln -s real "$M"/s2d
echo i > "$M"/d2s/inner/i
echo f > "$M"/f2s
ln -s real "$M"/s2f
commit
layer "file->dir, dir->file, symlink->dir, dir->symlink, file->symlink, symlink->file"
rm "$M"/f2d;     mkdir "$M"/f2d; echo child > "$M"/f2d/child
rm -rf "$M"/d2f; echo "now a file" > "$M"/d2f
rm "$M"/s2d;     mkdir "$M"/s2d; echo x > "$M"/s2d/x
rm -rf "$M"/d2s; ln -s real "$M"/d2s
rm "$M"/f2s;     ln -s real "$M"/f2s
rm "$M"/s2f;     echo "now a file" > "$M"/s2f
commit
layer "f2d back to a file, d2s back to a directory (its old children must stay gone)"
rm -rf "$M"/f2d; echo "file again" > "$M"/f2d
rm "$M"/d2s;     mkdir "$M"/d2s; echo back > "$M"/d2s/back
commit
finish 3
check typechange \
    --expect '2:d:f2d' --expect '2:f:f2d/child' --expect '2:f:d2f' --absent '2:*:.wh.d2f' \
    --expect '2:d:s2d' --expect '2:l:d2s:real' --expect '2:l:f2s:real' --expect '2:f:s2f' \
    --expect '3:f:f2d' --expect '3:d:d2s' --expect '3:f:d2s/back'

# ---------------------------------------------------------------- 4. hard links
img hardlinks
layer "group1 g1/data + l1/link-a + l2/link-b; group2 g2/file + g2links/x,y; f3/*"
mkdir -p "$M"/g1 "$M"/l1 "$M"/l2 "$M"/g2 "$M"/g2links "$M"/f3
echo group1-old > "$M"/g1/data
ln "$M"/g1/data "$M"/l1/link-a
ln "$M"/g1/data "$M"/l2/link-b
echo group2-old > "$M"/g2/file
ln "$M"/g2/file "$M"/g2links/x
ln "$M"/g2/file "$M"/g2links/y
echo target-v1 > "$M"/f3/target
echo other-v1 > "$M"/f3/other
echo la-v1 > "$M"/f3/la
ln "$M"/f3/la "$M"/f3/lb
commit
layer "rm g1/data; rewrite g2/file in place; ln -f f3/target f3/other; ln g2links/y g2links/z"
rm "$M"/g1/data
echo group2-new > "$M"/g2/file
ln -f "$M"/f3/target "$M"/f3/other
ln "$M"/g2links/y "$M"/g2links/z
commit
layer "recreate g1/data with new content; ln -f f3/la f3/target; rewrite f3/lb in place"
echo group1-new > "$M"/g1/data
ln -f "$M"/f3/la "$M"/f3/target
echo lb-v3 > "$M"/f3/lb
commit
finish 3
check hardlinks \
    --expect $'1:f:g1/data:c=group1-old\n' --expect '1:h:l1/link-a:g1/data' --expect '1:h:l2/link-b:g1/data' \
    --expect '1:h:g2links/x:g2/file' --expect '1:h:f3/lb:f3/la' \
    --expect '2:f:g1/.wh.data' --expect $'2:f:g2/file:c=group2-new\n' --absent '2:*:g2links/x' \
    --expect $'2:f:g2links/y:c=group2-old\n' --expect '2:h:g2links/z:g2links/y' --absent '2:*:l1/link-a' \
    --expect '2:h:f3/target:f3/other' \
    --expect $'3:f:g1/data:c=group1-new\n' --absent '3:*:l1/link-a' --absent '3:*:l2/link-b' \
    --expect '3:h:f3/target:f3/la' --expect $'3:f:f3/lb:c=lb-v3\n'

# ---------------------------------------------------------------- 5. xattrs
img xattrs
layer "security.capability via setcap and setfattr; user.* xattrs on files and a directory"
echo cap > "$M"/capfile
setcap cap_net_bind_service+ep "$M"/capfile
echo raw > "$M"/rawcap
# VFS_CAP_REVISION_2|EFFECTIVE, permitted = CAP_NET_RAW (bit 13)
setfattr -n security.capability -v 0x0100000200200000000000000000000000000000 "$M"/rawcap
echo u > "$M"/ufile
setfattr -n user.test -v hello "$M"/ufile
setfattr -n user.bin -v 0x00ff80 "$M"/ufile
setfattr -n user.empty "$M"/ufile
mkdir "$M"/xdir
setfattr -n user.dirattr -v d1 "$M"/xdir
echo plain > "$M"/plainfile
commit
layer "change/remove xattrs only; chmod the capability file; drop rawcap's capability"
setfattr -n user.test -v changed "$M"/ufile
setfattr -x user.bin "$M"/ufile
setfattr -n user.added -v later "$M"/plainfile
chmod 0750 "$M"/capfile
setfattr -x security.capability "$M"/rawcap
setfattr -n user.dirattr -v d2 "$M"/xdir
commit
finish 2
check xattrs \
    --expect '1:f:capfile:x=security.capability' --expect '1:f:rawcap:x=security.capability' \
    --expect '1:f:ufile:x=user.test=hello' --expect '1:f:ufile:x=user.bin' --expect '1:f:ufile:x=user.empty' \
    --expect '1:d:xdir:x=user.dirattr=d1' \
    --expect '2:f:ufile:x=user.test=changed' --absent '2:f:ufile:x=user.bin' \
    --expect '2:f:plainfile:x=user.added=later' --expect '2:f:capfile:0750' \
    --expect '2:f:capfile:x=security.capability' --absent '2:f:rawcap:x=security.capability' \
    --expect '2:f:rawcap' --expect '2:d:xdir:x=user.dirattr=d2'

# ---------------------------------------------------------------- 6+7. mode bits and special files
img special
layer "setuid/setgid/sticky files and dirs, fifo, char and block devices"
echo s > "$M"/suid;    chmod 4755 "$M"/suid
echo g > "$M"/sgid;    chmod 2755 "$M"/sgid
echo a > "$M"/allbits; chmod 7777 "$M"/allbits
mkdir "$M"/sgdir;      chmod 2775 "$M"/sgdir
mkdir "$M"/sticky;     chmod 1777 "$M"/sticky
mkfifo "$M"/fifo
mknod "$M"/null c 1 3
mknod "$M"/misc c 10 200
mknod "$M"/loop0 b 7 0
mkdir "$M"/dev
mknod "$M"/dev/zero c 1 5
commit
layer "drop setuid, add sticky to a file, fifo->file, new fifo, device renumbered, chmod a device"
chmod 0755 "$M"/suid
chmod 1644 "$M"/sgid
rm "$M"/fifo; echo "no longer a fifo" > "$M"/fifo
mkfifo -m 0600 "$M"/sticky/newfifo
rm "$M"/misc; mknod "$M"/misc c 10 229
chmod 0600 "$M"/null
echo child > "$M"/sgdir/child
commit
finish 2
check special \
    --expect '1:f:suid:4755' --expect '1:f:sgid:2755' --expect '1:f:allbits:7777' \
    --expect '1:d:sgdir:2775' --expect '1:d:sticky:1777' --expect '1:p:fifo' \
    --expect '1:c:null:1,3' --expect '1:c:misc:10,200' --expect '1:b:loop0:7,0' --expect '1:c:dev/zero:1,5' \
    --expect '2:f:suid:0755' --expect '2:f:sgid:1644' --expect '2:f:fifo' --expect '2:p:sticky/newfifo' \
    --expect '2:c:misc:10,229' --expect '2:c:null:1,3' --absent '2:*:.wh.fifo' --absent '2:*:.wh.misc'

# ---------------------------------------------------------------- 8. names
img names
X50=$(printf 'x%.0s' $(seq 50))
DEEP="deep"
for i in 1 2 3 4 5; do DEEP="$DEEP/level$i-$X50"; done          # ~290 bytes
LONG="$(printf 'n%.0s' $(seq 251)).txt"                          # basename of exactly 255 bytes
LATIN1=$'latin1-caf\xe9.txt'                                      # not valid UTF-8
layer "long paths, 255-byte basename, UTF-8 and non-UTF-8 names, .wh. look-alikes"
mkdir -p "$M/$DEEP" "$M"/longname "$M"/日本 "$M"/'émoji-🎉-dir' "$M"/my.wh.dir
echo deep > "$M/$DEEP/file-in-deep-dir.txt"
echo long > "$M/longname/$LONG"
echo "long in deep" > "$M/$DEEP/$LONG"
ln -s "$DEEP/file-in-deep-dir.txt" "$M"/longlink
ln "$M/$DEEP/file-in-deep-dir.txt" "$M/longname/hardlink-to-deep"
echo jp > "$M"/日本/語.txt
echo cafe > "$M"/café.txt
echo whale > "$M"/🐳.txt
echo enye > "$M"/'émoji-🎉-dir/ñ'
echo latin1 > "$M/$LATIN1"
echo space > "$M"/'with space.txt'
echo inner > "$M"/my.wh.dir/inner
echo foo > "$M"/foo.wh.bar
echo whatever > "$M"/.whatever
echo wh > "$M"/.wh
echo notopq > "$M"/x.wh..wh..opq
commit
layer "delete the 255-byte name, a deep long name, my.wh.dir, foo.wh.bar, .whatever, .wh, 日本/語.txt"
rm "$M/longname/$LONG" "$M/$DEEP/$LONG"
rm -rf "$M"/my.wh.dir
rm "$M"/foo.wh.bar "$M"/.whatever "$M"/.wh "$M"/日本/語.txt "$M/$LATIN1"
echo whale-v2 > "$M"/🐳.txt
commit
layer "recreate my.wh.dir and .whatever"
mkdir "$M"/my.wh.dir
echo again > "$M"/my.wh.dir/again
echo whatever-v3 > "$M"/.whatever
commit
finish 3
check names \
    --expect "1:f:$DEEP/file-in-deep-dir.txt" --expect "1:f:longname/$LONG" --expect "1:f:$DEEP/$LONG" \
    --expect "1:l:longlink:$DEEP/file-in-deep-dir.txt" \
    --expect "1:h:longname/hardlink-to-deep:$DEEP/file-in-deep-dir.txt" \
    --expect '1:f:日本/語.txt' --expect '1:f:café.txt' --expect '1:f:🐳.txt' --expect '1:f:émoji-🎉-dir/ñ' \
    --expect "1:f:$LATIN1" --expect '1:f:my.wh.dir/inner' --expect '1:f:foo.wh.bar' \
    --expect '1:f:.whatever' --expect '1:f:.wh' --expect '1:f:x.wh..wh..opq' \
    --expect "2:f:longname/.wh.$LONG" --expect "2:f:$DEEP/.wh.$LONG" --expect '2:f:.wh.my.wh.dir' \
    --expect '2:f:.wh.foo.wh.bar' --expect '2:f:.wh..whatever' --expect '2:f:.wh..wh' \
    --expect '2:f:日本/.wh.語.txt' --expect "2:f:.wh.$LATIN1" \
    --absent '3:*:my.wh.dir/.wh..wh..opq' --expect '3:f:my.wh.dir/again' --expect '3:f:.whatever'

# ---------------------------------------------------------------- 9. metadata-only changes
img metadata
layer "files, dirs and symlinks to change later"
mkdir -p "$M"/m/dir-chmod "$M"/m/dir-touch "$M"/m/dir-chown
for f in chmod-me chown-me touch-me multi bigid frac; do echo "$f" > "$M/m/$f"; done
ln -s chmod-me "$M"/m/sym-touch
ln -s chmod-me "$M"/m/sym-chown
commit
layer "chmod only"
chmod 0600 "$M"/m/chmod-me
chmod 0711 "$M"/m/dir-chmod
chmod 0640 "$M"/m/multi
commit now
layer "chown only (one uid/gid beyond the 7-digit octal tar field)"
chown 1000:1000 "$M"/m/chown-me
chown -h 123:456 "$M"/m/sym-chown
chown 2000:3000 "$M"/m/multi
chown 3000000:3000001 "$M"/m/bigid
chown 42:42 "$M"/m/dir-chown
commit now
layer "touch only (mtime)"
touch -d @1234567890 "$M"/m/touch-me
touch -d @1600000000.5 "$M"/m/frac
touch -h -d @1111111111 "$M"/m/sym-touch
touch -d @1222222222 "$M"/m/dir-touch
touch -d @1333333333 "$M"/m/multi
commit now
finish 4
check metadata \
    --expect '2:f:m/chmod-me:0600' --expect '2:d:m/dir-chmod:0711' --expect '2:f:m/multi:0640' \
    --absent '2:*:m/chown-me' --absent '2:*:m/touch-me' \
    --expect '3:f:m/chown-me:u=1000:1000' --expect '3:l:m/sym-chown:chmod-me' \
    --expect '3:f:m/bigid:u=3000000:3000001' --expect '3:d:m/dir-chown:u=42:42' \
    --expect '3:f:m/multi:u=2000:3000' --absent '3:*:m/chmod-me' \
    --expect '4:f:m/touch-me:m=1234567890' --expect '4:d:m/dir-touch:m=1222222222' \
    --expect '4:f:m/multi:m=1333333333' --expect '4:f:m/frac:m=1600000000' --expect '4:l:m/sym-touch:chmod-me' \
    --absent '4:*:m/chown-me'

# ---------------------------------------------------------------- duplicate layers
img duplicate-layers
layer "base files"
echo base > "$M"/base
commit
layer "no change (empty layer)";            commit
layer "no change again (same empty layer)"; commit
layer "write f";                     echo same > "$M"/f; commit $((T0 + 9 * 86400))
layer "write the same f again (identical layer)"; echo same > "$M"/f; commit $((T0 + 9 * 86400))
finish 5
check duplicate-layers --expect '1:f:base' --expect '4:f:f' --expect '5:f:f' --absent '2:*:base' --absent '3:*:base'
for f in "docker-archive:$WORK/duplicate-layers.docker.tar" "oci-archive:$WORK/duplicate-layers.oci.tar"; do
    skopeo inspect "$f" | python3 -c '
import json, sys
l = json.load(sys.stdin)["Layers"]
sys.exit(0 if l[1] == l[2] and l[3] == l[4] and len(set(l)) == 3 else 1)' ||
        die "$f: expected layers 2=3 and 4=5 (identical diff_ids)"
done

# ---------------------------------------------------------------- 10. many layers
img many-layers
layer "base"
mkdir "$M"/files "$M"/links "$M"/rot
echo 1 > "$M"/counter
echo base > "$M"/files/base
commit
for i in $(seq 2 42); do
    layer "step $i"
    echo "layer $i" > "$M/files/f$i.txt"          # add
    echo "$i" > "$M"/counter                       # modify
    if (( i % 3 == 0 )); then rm -f "$M/files/f$((i - 1)).txt"; fi              # delete previous layer's file
    if (( i % 4 == 0 )) && [ -e "$M/files/f$((i - 2)).txt" ]; then chmod 0600 "$M/files/f$((i - 2)).txt"; fi
    if (( i % 5 == 0 )); then rm -rf "$M"/rot; mkdir -p "$M/rot/r$i"; echo "$i" > "$M/rot/r$i/x"; fi
    if (( i % 7 == 0 )); then
        ln "$M/files/f$i.txt" "$M/links/l$i"                                  # hard link group
        if (( i > 7 )); then rm -f "$M/files/f$((i - 7)).txt"; fi                # delete an older group's data holder
    fi
    if (( i == 40 )); then rm -rf "$M"/files; mkdir "$M"/files; echo fresh > "$M"/files/fresh; fi
    commit
done
finish 42
check many-layers --expect '7:h:links/l7:files/f7.txt' --expect '14:f:files/.wh.f7.txt' \
    --expect '40:f:files/.wh..wh..opq' --expect '40:f:rot/.wh..wh..opq' --expect $'42:f:counter:c=42\n'

# ---------------------------------------------------------------- show
for name in whiteouts opaque typechange hardlinks xattrs special names metadata duplicate-layers; do
    show "$name"
done

# ---------------------------------------------------------------- install
echo "== results"
changed=0
for f in "$WORK"/*.tar "$WORK"/*.tsv; do
    base=$(basename "$f")
    dest="$OUT/$base"
    if [ -f "$dest" ] && case "$base" in
            *.tar) "${INSPECT[@]}" "$f" --same-content "$dest" ;;
            *) cmp -s "$f" "$dest" ;;
        esac; then
        echo "unchanged (kept existing bytes): $base"
    else
        cp "$f" "$dest"
        changed=$((changed + 1))
        echo "written: $base"
    fi
done
for f in "$OUT"/*.docker.tar "$OUT"/*.oci.tar; do
    printf '%-32s %8d bytes  %2s layers\n' "$(basename "$f")" "$(stat -c %s "$f")" "$("${INSPECT[@]}" "$f" --count)"
done
du -sh "$OUT"
echo "$changed file(s) written to $OUT"
