#!/usr/bin/env bash
# Builds the benchmark's realistic images with the real Docker Engine (Debian's docker.io, 20.10)
# and docker-saves each into $BENCH_DIR: real-python.tar, real-node.tar, real-layers60.tar (and
# real-debian.tar, the base). Each is built once; delete a .tar to build it again. Not part of CI.
#
#   src/bench/realistic/build-images.sh [NAME...]      names: python node layers60 (default: all)
#
# Needs root, dockerd, Debian's 20.10 client at /usr/bin/docker, debootstrap, and the network to
# reach Debian's mirror (debootstrap, apt-get) and the npm registry (npm install). The daemon is
# private: its data, exec root, pid file and socket live in a temporary directory, removed on exit.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${BENCH_DIR:-/tmp/flat-tar-bench}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
docker=/usr/bin/docker
mkdir -p "$work"
names=("$@"); [ ${#names[@]} -eq 0 ] && names=(python node layers60)

todo=()
for n in "${names[@]}"; do [ -f "$work/real-$n.tar" ] || todo+=("$n"); done
[ ${#todo[@]} -eq 0 ] && exit 0

d=$(mktemp -d /tmp/ftb-dk-XXXXXX)   # short: the socket path must stay under 108 bytes
stop() {
  if [ -f "$d/pid" ]; then kill "$(cat "$d/pid")" 2>/dev/null || true; fi
  for _ in $(seq 50); do [ -f "$d/pid" ] || break; sleep 0.2; done
  grep " $d/" /proc/mounts | cut -d' ' -f2 | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  rm -rf "$d" "$here/node/ca.crt"
}
trap stop EXIT
echo '{}' > "$d/daemon.json"
dockerd --config-file "$d/daemon.json" --data-root "$d/data" --exec-root "$d/exec" --pidfile "$d/pid" \
  -H "unix://$d/docker.sock" --iptables=false --ip6tables=false --bridge=none \
  --storage-driver=overlay2 > "$d/dockerd.log" 2>&1 &
export DOCKER_HOST="unix://$d/docker.sock" DOCKER_CONFIG="$d/client" DOCKER_BUILDKIT=0
for _ in $(seq 120); do "$docker" version > /dev/null 2>&1 && break; sleep 0.5; done
"$docker" version --format 'engine {{.Server.Version}}' >&2

# The base: a minimal Debian bookworm from the mirror, imported as one layer.
if [ ! -f "$work/real-debian.tar" ]; then
  rm -rf "$work/debian-rootfs"
  debootstrap --variant=minbase bookworm "$work/debian-rootfs" "$mirror" >&2
  tar -C "$work/debian-rootfs" --numeric-owner -cf "$work/debian-rootfs.tar" .
  rm -rf "$work/debian-rootfs"
  "$docker" import "$work/debian-rootfs.tar" flattar-bench/debian:bookworm >&2
  rm -f "$work/debian-rootfs.tar"
  "$docker" save -o "$work/real-debian.tar" flattar-bench/debian:bookworm
else
  "$docker" load -q -i "$work/real-debian.tar" >&2
fi

# 60 layers of small changes: the base, 2,000 small files and a 2 MiB blob, then 58 steps that each
# rewrite 50 small files and the blob, delete 20 files, hard-link one file into /srv/links (or over
# an earlier link: ln -f), and every 10th step re-create /srv/rot (an opaque directory). The bytes
# are random, so the image differs from build to build but its shape does not.
layers60() {
  echo 'FROM flattar-bench/debian:bookworm'
  echo 'RUN mkdir -p /srv/data /srv/links /srv/rot && for i in $(seq 0 1999); do head -c $((1000 + i % 7000)) /dev/urandom > /srv/data/f$i; done && head -c 2M /dev/urandom > /srv/blob'
  for s in $(seq 1 58); do
    local r="RUN for i in \$(seq $((s * 50)) $((s * 50 + 49))); do head -c 3000 /dev/urandom > /srv/data/f\$((i % 2000)); done"
    r="$r && for i in \$(seq 0 19); do rm -f /srv/data/f\$(((i * 97 + $s * 13) % 2000)); done"
    r="$r && { [ ! -e /srv/data/f$((s * 11 % 2000)) ] || ln -f /srv/data/f$((s * 11 % 2000)) /srv/links/l$((s % 40)); }"
    r="$r && head -c 2M /dev/urandom > /srv/blob"
    [ $((s % 10)) = 0 ] && r="$r && rm -rf /srv/rot && mkdir /srv/rot"
    echo "$r && echo $s > /srv/rot/r$s"
  done
  echo 'CMD ["sh", "-c", "ls /srv/data | wc -l; ls -l /srv/links /srv/rot"]'
}

for n in "${todo[@]}"; do
  context="$here/$n"
  if [ "$n" = layers60 ]; then
    context="$d/layers60"; mkdir -p "$context"; layers60 > "$context/Dockerfile"
  fi
  # npm reaches the registry over TLS: give the build this machine's CA bundle (a machine behind a
  # TLS-inspecting proxy trusts a CA the image's own bundle does not have).
  [ "$n" = node ] && cp /etc/ssl/certs/ca-certificates.crt "$here/node/ca.crt"
  "$docker" build --network host -q -t "flattar-bench/$n" "$context" >&2
  "$docker" save -o "$work/real-$n.tar.part" "flattar-bench/$n"
  mv "$work/real-$n.tar.part" "$work/real-$n.tar"
  rm -f "$here/node/ca.crt"
  echo "real-$n.tar: $(( $(stat -c %s "$work/real-$n.tar") >> 20 )) MiB" >&2
done
