"""The image datasets of crate/data/: decoding the sources and encoding `.nkimg`.

Imported by build-data.py, which downloads and checksum-verifies the archives and gzips what
these functions return. They raise ValueError when a source does not look as expected.
"""
import gzip
import io
import struct
import tarfile

MAGIC = b"NKIMG1\0\0"


def deb_data_tar(deb):
    """Return the data.tar.* member of a Debian .deb (an `ar` archive) as a TarFile."""
    if deb[:8] != b"!<arch>\n":
        raise ValueError("not an ar archive")
    pos = 8
    while pos + 60 <= len(deb):
        hdr = deb[pos:pos + 60]
        name = hdr[:16].decode().strip().rstrip("/")
        size = int(hdr[48:58].decode().strip())
        body = deb[pos + 60:pos + 60 + size]
        pos += 60 + size + (size & 1)
        if name.startswith("data.tar"):
            return tarfile.open(fileobj=io.BytesIO(body), mode="r:*")
    raise ValueError("no data.tar member in the .deb")


def parse_idx(data, ndim):
    zero, dtype, nd = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08 or nd != ndim:
        raise ValueError(f"bad IDX header {data[:4].hex()}")
    dims = struct.unpack(f">{nd}I", data[4:4 + 4 * nd])
    off = 4 + 4 * nd
    n = 1
    for d in dims:
        n *= d
    if len(data) != off + n:
        raise ValueError(f"IDX size mismatch: dims {dims}, {len(data)} bytes")
    return dims, data[off:]


def idx_subset(images_idx, labels_idx, count):
    (n, h, w), pix = parse_idx(images_idx, 3)
    (nl,), lab = parse_idx(labels_idx, 1)
    if n != nl or count > n:
        raise ValueError(f"IDX counts: {n} images, {nl} labels, want {count}")
    return h, w, lab[:count], pix[:count * h * w]


def digits_from_csv(csv_gz):
    labels = bytearray()
    pixels = bytearray()
    for line in gzip.decompress(csv_gz).decode("ascii").splitlines():
        if not line.strip():
            continue
        vals = [float(v) for v in line.split(",")]
        if len(vals) != 65 or any(v != int(v) for v in vals):
            raise ValueError(f"unexpected digits.csv row: {line[:60]}")
        *px, lab = (int(v) for v in vals)
        if not 0 <= lab <= 9 or any(not 0 <= p <= 16 for p in px):
            raise ValueError(f"value out of range in digits.csv row: {line[:60]}")
        labels.append(lab)
        # round(v*255/16) with halves rounded up (no half occurs: 255*v/16 is never x.5)
        pixels.extend((p * 255 * 2 + 16) // 32 for p in px)
    return 8, 8, bytes(labels), bytes(pixels)


def encode(h, w, classes, labels, pixels):
    count = len(labels)
    assert len(pixels) == count * h * w
    assert max(labels) < classes
    return MAGIC + struct.pack("<4I", count, h, w, classes) + labels + pixels
