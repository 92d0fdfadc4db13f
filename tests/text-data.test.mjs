// The shipped text datasets keep the agreed format (docs in crate/data/README.md): each file one
// fixed-header gzip member of UTF-8 lines, one document per line, no duplicates, disjoint ~90/10
// splits, names of a–z only, poems as simplified five-character quatrains; and the committed
// files match SHA256SUMS. No browser.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA = path.join(ROOT, 'crate', 'data');

const NAME = /^[a-z]+$/;
const HAN = '\\p{Unified_Ideograph}';
const QUATRAIN = new RegExp(`^${HAN}{5}，${HAN}{5}。${HAN}{5}，${HAN}{5}。$`, 'u');
// The 30 traditional characters the converter changed most often in the source: a spot check that
// the poems were converted (each has a different simplified form: 風→风, 無→无, 爲→为, …).
const TRADITIONAL = [...'風無來時見雲長爲處歸飛聲獨誰別還樹盡將開遠門葉萬東應猶裏頭滿'];

// Each set: what one document is, and its rule (true, or what is wrong).
const SETS = {
  names: { noun: 'name', check: (doc) => NAME.test(doc) || `not a lower-case a–z name: ${JSON.stringify(doc)}` },
  poems: {
    noun: 'poem',
    check: (doc) => {
      if (!QUATRAIN.test(doc)) return `not a quatrain XXXXX，XXXXX。XXXXX，XXXXX。 of CJK ideographs: ${doc}`;
      const traditional = [...doc].filter((c) => TRADITIONAL.includes(c));
      return traditional.length === 0 || `traditional characters ${traditional.join('')} in ${doc}`;
    },
  },
  dishes: { noun: 'dish name', check: (doc) => new RegExp(`^${HAN}+$`, 'u').test(doc) || `not a dish name of CJK ideographs: ${doc}` },
};

// The gzip member's payload, after checking its header, that it is the file's only member, and its
// trailer. Fixed header: ID1 ID2, CM 8 (deflate), FLG 0 (no name, comment, extra field or header
// CRC), MTIME 0, XFL 2 (maximum compression: level 9), OS 255.
function gunzipFixed(bytes, file) {
  const header = [...bytes.subarray(0, 10)];
  assert.deepEqual(header, [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255], `${file}: gzip header must be 1f 8b 08 00, mtime 0, XFL 2, OS 255`);
  const { buffer: payload, engine } = zlib.inflateRawSync(bytes.subarray(10), { info: true });
  assert.equal(10 + engine.bytesWritten + 8, bytes.length, `${file}: one gzip member with nothing after its trailer`);
  const trailer = bytes.subarray(bytes.length - 8);
  assert.equal(trailer.readUInt32LE(0), zlib.crc32(payload), `${file}: CRC32 in the trailer`);
  assert.equal(trailer.readUInt32LE(4), payload.length % 2 ** 32, `${file}: ISIZE in the trailer`);
  return payload;
}

// The documents of one file, after checking the text rules: strict UTF-8, no BOM, no `\r`, `\n`
// after every line including the last, no blank line, no duplicate.
function documentsOf(payload, file) {
  assert.ok(payload.length > 0, `${file}: empty`);
  const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(payload);
  assert.notEqual(text[0], '\uFEFF', `${file}: starts with a BOM`);
  assert.ok(!text.includes('\r'), `${file}: contains \\r`);
  assert.ok(text.endsWith('\n'), `${file}: the last line has no \\n`);
  const docs = text.slice(0, -1).split('\n');
  const blank = docs.findIndex((d) => d === '');
  assert.equal(blank, -1, `${file}: blank line ${blank + 1}`);
  const seen = new Set();
  const repeated = [];
  for (const doc of docs) {
    if (seen.has(doc)) repeated.push(doc);
    seen.add(doc);
  }
  assert.deepEqual(repeated, [], `${file}: duplicate documents`);
  return docs;
}

function readSplit(set, split) {
  const file = `${set}-${split}.txt.gz`;
  return documentsOf(gunzipFixed(fs.readFileSync(path.join(DATA, file)), file), file);
}

for (const [set, { noun, check }] of Object.entries(SETS)) {
  test(`${set}: both splits keep the text format, each document is a ${noun}, the splits are disjoint and about 90/10`, () => {
    const train = readSplit(set, 'train');
    const test = readSplit(set, 'test');
    const bad = [...train, ...test].map(check).filter((r) => r !== true).slice(0, 5);
    assert.deepEqual(bad, [], `${set}: documents breaking the rule`);
    const inTrain = new Set(train);
    const both = test.filter((d) => inTrain.has(d));
    assert.deepEqual(both, [], `${set}: documents in both splits`);
    const share = test.length / (train.length + test.length);
    assert.ok(share >= 0.08 && share <= 0.12, `${set}: test share ${share.toFixed(3)}, want about 0.10`);
  });
}

test('the committed data files match crate/data/SHA256SUMS (build-data.py --check)', () => {
  const run = spawnSync('python3', [path.join(ROOT, 'scripts', 'build-data.py'), '--check'], { encoding: 'utf8' });
  assert.equal(run.status, 0, `build-data.py --check failed:\n${run.stdout}${run.stderr}`);
  for (const set of Object.keys(SETS)) {
    for (const split of ['train', 'test']) {
      const file = `${set}-${split}.txt.gz`;
      assert.match(run.stdout, new RegExp(`^OK +${file}$`, 'm'), `${file} is not in SHA256SUMS`);
    }
  }
});
