#!/usr/bin/env python3
"""List and check the layers of a `podman save` archive (docker-archive or oci-archive).

Usage:
  inspect-archive.py ARCHIVE                 print every layer's members (tar -tvv style, plus xattrs)
  inspect-archive.py ARCHIVE --count         print only the number of layers
  inspect-archive.py ARCHIVE --expect SPEC   check that a member exists (repeatable; exit 1 if one is missing)
  inspect-archive.py ARCHIVE --absent SPEC   check that no member matches (repeatable)
  inspect-archive.py ARCHIVE --same-content OTHER
                                             exit 0 if both archives hold the same members with the same
                                             bytes (outer tar mtimes/owners ignored), 1 otherwise
  inspect-archive.py --tree DIR              print the file tree under DIR (a mounted image root) in the
                                             format of the *.expected.tsv files (see README.md)

SPEC is LAYER:TYPE:NAME[:EXTRA]
  LAYER  1-based layer index (oldest = 1), negative counts from the top (-1 = last), or '*' for any layer
  TYPE   f regular, d directory, l symlink, h hard link, c char device, b block device, p fifo, '*' any
  NAME   member name as stored in the layer tar (trailing '/' of directories ignored)
  EXTRA  for h/l: the link target; for c/b: MAJOR,MINOR; for f/d: either MODE (octal, 4 digits,
         permission bits incl. setuid/setgid/sticky), 'x=KEY' (xattr present), 'x=KEY=VALUE'
         (xattr with that value), 'c=TEXT' (regular file content), 'u=UID:GID' or 'm=MTIME' (int secs)
  Use '\\:' for a literal ':' inside NAME or EXTRA.

Always checks that every layer's sha256 equals the config's rootfs.diff_ids entry (after gunzip for OCI).
Only the standard library is used.
"""
import gzip
import hashlib
import io
import json
import re
import stat
import sys
import tarfile

TYPE_CHARS = {
    tarfile.REGTYPE: "f", tarfile.AREGTYPE: "f", tarfile.CONTTYPE: "f",
    tarfile.DIRTYPE: "d", tarfile.SYMTYPE: "l", tarfile.LNKTYPE: "h",
    tarfile.CHRTYPE: "c", tarfile.BLKTYPE: "b", tarfile.FIFOTYPE: "p",
}


def die(msg):
    print("inspect-archive: " + msg, file=sys.stderr)
    sys.exit(2)


def read_outer(path):
    files = {}
    links = {}
    with tarfile.open(path, "r:") as t:
        for m in t:
            name = m.name
            if m.issym():
                links[name] = m.linkname
            elif m.isfile():
                files[name] = t.extractfile(m).read()
    return files, links


def resolve(files, links, name, hops=0):
    if hops > 16:
        die("symlink loop at " + name)
    if name in files:
        return files[name]
    if name in links:
        target = links[name]
        base = name.rsplit("/", 1)[0] if "/" in name else ""
        parts = (base + "/" + target if base else target).split("/")
        out = []
        for p in parts:
            if p in ("", "."):
                continue
            if p == "..":
                if out:
                    out.pop()
                continue
            out.append(p)
        return resolve(files, links, "/".join(out), hops + 1)
    die("member not found: " + name)


def decompress(b):
    if b[:2] == b"\x1f\x8b":
        return gzip.decompress(b)
    if b[:4] == b"\x28\xb5\x2f\xfd":
        die("zstd layer: not supported by this helper")
    return b


def load(path):
    """Returns (kind, config dict, [layer bytes (decompressed)])."""
    files, links = read_outer(path)
    if "manifest.json" in files:
        man = json.loads(files["manifest.json"])
        if len(man) != 1:
            die("expected exactly one image in manifest.json")
        m = man[0]
        config = json.loads(resolve(files, links, m["Config"]))
        layers = [decompress(resolve(files, links, l)) for l in m["Layers"]]
        return "docker-archive", config, layers
    if "index.json" in files:
        idx = json.loads(files["index.json"])
        desc = idx["manifests"][0]
        blob = lambda d: files["blobs/" + d["digest"].replace(":", "/")]
        man = json.loads(blob(desc))
        while "manifests" in man:  # nested index
            man = json.loads(blob(man["manifests"][0]))
        config = json.loads(blob(man["config"]))
        layers = []
        for d in man["layers"]:
            raw = blob(d)
            if hashlib.sha256(raw).hexdigest() != d["digest"].split(":", 1)[1]:
                die("blob digest mismatch " + d["digest"])
            layers.append(decompress(raw))
        return "oci-archive", config, layers
    die("neither manifest.json nor index.json in " + path)


def show(v):
    if isinstance(v, str):
        b = v.encode("utf-8", "surrogateescape")
    else:
        b = v
    try:
        s = b.decode("utf-8")
        if s.replace("\n", "").isprintable():
            return json.dumps(s, ensure_ascii=False)
    except UnicodeDecodeError:
        pass
    return "0x" + b.hex()


def members(layer):
    out = []
    with tarfile.open(fileobj=io.BytesIO(layer), mode="r:", encoding="utf-8", errors="surrogateescape") as t:
        for m in t:
            content = t.extractfile(m).read() if m.isreg() else None
            out.append((m, content))
    return out


def describe(m, content):
    tc = TYPE_CHARS.get(m.type, "?" + m.type.decode("latin-1"))
    perm = stat.S_IMODE(m.mode)
    typebits = m.mode & ~0o7777
    mt = m.pax_headers.get("mtime", str(int(m.mtime)))
    s = "%s %04o%s %s/%s %6d %s %s" % (
        tc, perm, (" +0%o" % typebits if typebits else ""), m.uid, m.gid, m.size, mt, m.name)
    if m.type in (tarfile.CHRTYPE, tarfile.BLKTYPE):
        s += " [%d,%d]" % (m.devmajor, m.devminor)
    if m.issym():
        s += " -> " + m.linkname
    if m.islnk():
        s += " link to " + m.linkname
    if content is not None and len(content) <= 40:
        s += "  data=" + show(content)
    for k in sorted(m.pax_headers):
        if k.startswith("SCHILY.xattr.") or k.startswith("LIBARCHIVE.xattr."):
            s += "  xattr %s=%s" % (k.split(".", 1)[1].split(".", 1)[1] if k.startswith("SCHILY") else k, show(m.pax_headers[k]))
    return s


def split_spec(spec):
    parts = re.split(r"(?<!\\):", spec, maxsplit=3)
    return [p.replace("\\:", ":") for p in parts]


def matches(m, content, typ, name, extra):
    if m.name.rstrip("/") != name.rstrip("/"):
        return False
    tc = TYPE_CHARS.get(m.type, "?")
    if typ != "*" and tc != typ:
        return False
    if extra is None:
        return True
    if tc in ("h", "l"):
        return m.linkname == extra
    if tc in ("c", "b"):
        return "%d,%d" % (m.devmajor, m.devminor) == extra
    if extra.startswith("x="):
        kv = extra[2:].split("=", 1)
        key = "SCHILY.xattr." + kv[0]
        if key not in m.pax_headers:
            return False
        return len(kv) == 1 or m.pax_headers[key] == kv[1]
    if extra.startswith("c="):
        return content is not None and content.decode("utf-8", "surrogateescape") == extra[2:]
    if extra.startswith("u="):
        return "%d:%d" % (m.uid, m.gid) == extra[2:]
    if extra.startswith("m="):
        return int(m.mtime) == int(extra[2:])
    return stat.S_IMODE(m.mode) == int(extra, 8)


def outer_signature(path):
    sig = {}
    with tarfile.open(path, "r:") as t:
        for m in t:
            if m.isfile():
                sig[m.name] = ("f", m.mode, hashlib.sha256(t.extractfile(m).read()).hexdigest())
            else:
                sig[m.name] = (m.type, m.mode, m.linkname)
    return sig


def esc_path(b):
    """bytes -> printable text: UTF-8 kept, other bytes and control chars as \\xNN."""
    s = b.decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() and c not in "\t" else "\\x%02x" % ord(c) for c in s)


def fmt_time(st):
    sec, ns = divmod(st.st_mtime_ns, 10 ** 9)
    return "%d" % sec if ns == 0 else "%d.%09d" % (sec, ns)


def tree(root):
    import os
    rootb = os.fsencode(root)
    rows = []
    inodes = {}
    for dirpath, dirnames, filenames in os.walk(rootb):
        dirnames.sort()
        for name in sorted(dirnames + filenames):
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, rootb)
            try:
                st = os.lstat(full)
            except FileNotFoundError:
                # Listed but not there: overlayfs lists a whiteout kept in a directory that has
                # nothing below it (a layer's new directory over a lower file) yet hides it.
                print("tree: skipped %s: listed, but lstat finds nothing" % esc_path(rel),
                      file=sys.stderr)
                continue
            m = st.st_mode
            if stat.S_ISDIR(m):
                t, what = "d", "-"
            elif stat.S_ISREG(m):
                with open(full, "rb") as f:
                    t, what = "f", "sha256:" + hashlib.sha256(f.read()).hexdigest()
                inodes.setdefault((st.st_dev, st.st_ino), []).append(rel)
            elif stat.S_ISLNK(m):
                t, what = "l", esc_path(os.readlink(full))
            elif stat.S_ISCHR(m):
                t, what = "c", "%d,%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
            elif stat.S_ISBLK(m):
                t, what = "b", "%d,%d" % (os.major(st.st_rdev), os.minor(st.st_rdev))
            elif stat.S_ISFIFO(m):
                t, what = "p", "-"
            else:
                t, what = "?", "-"
            xs = []
            if t != "l":
                for k in sorted(os.listxattr(full, follow_symlinks=False)):
                    v = os.getxattr(full, k, follow_symlinks=False)
                    xs.append("%s=%s" % (k, show(v)))
            rows.append([rel, t, "%04o" % stat.S_IMODE(m), str(st.st_uid), str(st.st_gid), fmt_time(st),
                         str(st.st_size) if t == "f" else "-", what, ",".join(xs) or "-", (st.st_dev, st.st_ino)])
    groups = {}
    for key, paths in inodes.items():
        if len(paths) > 1:
            groups[key] = esc_path(sorted(paths)[0])
    print("#path\ttype\tmode\tuid\tgid\tmtime\tsize\tdata\txattrs\thardlink_group")
    for r in sorted(rows, key=lambda r: r[0]):
        r[-1] = groups.get(r[-1], "-") if r[1] == "f" else "-"
        r[0] = esc_path(r[0])
        print("\t".join(r))
    return 0


def main(argv):
    if len(argv) < 2:
        print(__doc__)
        return 2
    if argv[1] == "--tree" and len(argv) == 3:
        return tree(argv[2])
    path = argv[1]
    if len(argv) == 4 and argv[2] == "--same-content":
        return 0 if outer_signature(path) == outer_signature(argv[3]) else 1
    count_only = False
    checks = []
    i = 2
    while i < len(argv):
        a = argv[i]
        if a == "--count":
            count_only = True
        elif a in ("--expect", "--absent") and i + 1 < len(argv):
            checks.append((a == "--expect", argv[i + 1]))
            i += 1
        else:
            die("bad argument " + a)
        i += 1

    kind, config, layers = load(path)
    diff_ids = config["rootfs"]["diff_ids"]
    if len(diff_ids) != len(layers):
        die("%d layers but %d diff_ids" % (len(layers), len(diff_ids)))
    for n, (l, d) in enumerate(zip(layers, diff_ids), 1):
        if "sha256:" + hashlib.sha256(l).hexdigest() != d:
            die("layer %d does not match its diff_id %s" % (n, d))
    if count_only:
        print(len(layers))
        return 0
    listed = [members(l) for l in layers]
    if not checks:
        print("%s: %s, %d layers" % (path, kind, len(layers)))
        for n, (ms, d) in enumerate(zip(listed, diff_ids), 1):
            print("  layer %d/%d %s (%d members)" % (n, len(layers), d[:19], len(ms)))
            for m, c in ms:
                print("    " + describe(m, c))
        return 0
    bad = 0
    for want, spec in checks:
        parts = split_spec(spec)
        if len(parts) < 3:
            die("bad spec " + spec)
        lsel, typ, name = parts[0], parts[1], parts[2]
        extra = parts[3] if len(parts) > 3 else None
        if lsel == "*":
            idxs = range(len(layers))
        else:
            k = int(lsel)
            idxs = [k - 1 if k > 0 else len(layers) + k]
        found = any(matches(m, c, typ, name, extra) for j in idxs for m, c in listed[j])
        if found != want:
            bad += 1
            print("CHECK FAILED (%s): %s in %s" % ("missing" if want else "unexpected", spec, path))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
