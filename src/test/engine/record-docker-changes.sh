#!/bin/bash
# Re-records src/test/resources/dev/flattar/config/docker-20.10-observed.tsv, the table that
# DockerObservationsTest checks flat-tar's config changes against, with a running Docker Engine:
#
#   DOCKER=/usr/bin/docker DOCKER_HOST=unix:///tmp/D/docker.sock src/test/engine/record-docker-changes.sh
#
# (a private daemon, started as /work/shared/FORMAT.md section 7 says). The changes are the first
# column of the existing table; for each row it prints the changes, then the fields that
# `docker commit --change` changed on a container of the base image below, then the fields that
# `docker import --change` set on an empty config (or "error: " and Docker's message).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
table=$here/../resources/dev/flattar/config/docker-20.10-observed.tsv
export DOCKER=${DOCKER:-docker}
exec python3 - "$table" <<'PY'
import hashlib, io, json, os, subprocess, sys, tarfile

docker = os.environ["DOCKER"]
BASE = json.loads("""{"Hostname":"","Domainname":"","User":"app","AttachStdin":false,
 "AttachStdout":false,"AttachStderr":false,"ExposedPorts":{"80/tcp":{}},"Tty":false,
 "OpenStdin":false,"StdinOnce":false,"Env":["PATH=/usr/bin:/bin","A=1","HOME=/home/app"],
 "Cmd":["serve","--port","80"],"Healthcheck":{"Test":["CMD-SHELL","true"],"Interval":30000000000},
 "Image":"","Volumes":{"/data":{}},"WorkingDir":"/srv","Entrypoint":["/entry"],
 "OnBuild":["RUN echo base"],"Labels":{"a":"1","m":"2"},"StopSignal":"SIGTERM"}""")

def d(*args, stdin=None):
    return subprocess.run([docker, *args], input=stdin, capture_output=True)

def tar(files):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w") as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size, info.mtime = len(data), 1600000000
            t.addfile(info, io.BytesIO(data))
    return out.getvalue()

layer = tar({"etc/hello": b"hello\n"})
config = json.dumps({"architecture": "amd64", "config": BASE, "os": "linux",
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]},
    "history": [{"created_by": "test"}]}).encode()
name = hashlib.sha256(config).hexdigest() + ".json"
manifest = json.dumps([{"Config": name, "RepoTags": ["flattar-config-base:1"],
    "Layers": ["layer/layer.tar"]}]).encode()
d("load", stdin=tar({name: config, "layer/layer.tar": layer, "manifest.json": manifest}))

def commit(changes):
    cid = d("create", "flattar-config-base:1").stdout.decode().strip()
    try:
        r = d("commit", *sum((["--change", c] for c in changes), []), cid)
    finally:
        d("rm", cid)
    return outcome(r)

def imported(changes):
    return outcome(d("import", *sum((["--change", c] for c in changes), []), "-", stdin=layer))

def outcome(r):
    if r.returncode != 0:
        return "error: " + r.stderr.decode().strip().split("Error response from daemon: ", 1)[-1]
    image = r.stdout.decode().strip()
    cfg = json.loads(d("image", "inspect", "--format", "{{json .Config}}", image).stdout)
    d("rmi", image)
    return cfg

def changed(before, after):
    if isinstance(after, str):
        return after
    keys = list(before) + [k for k in after if k not in before]
    return json.dumps({k: after.get(k, "<absent>") for k in keys if k != "Hostname"
        and before.get(k, "<absent>") != after.get(k, "<absent>")},
        separators=(",", ":"), ensure_ascii=False)

base_commit, base_import = commit([]), imported([])
for line in open(sys.argv[1], encoding="utf-8"):
    changes = json.loads(line.split("\t")[0])
    print(json.dumps(changes, ensure_ascii=False), changed(base_commit, commit(changes)),
          changed(base_import, imported(changes)), sep="\t", flush=True)
d("rmi", "flattar-config-base:1")
PY
