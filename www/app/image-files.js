// Fetches the image datasets' files (same origin, relative to the repository root, wherever the
// page embedding the app lives) once each, and builds trainers from them in the app's worker. The wasm module does not
// embed the images; a page that never switches to an image dataset never downloads them. The
// single-file build carries them inlined instead.

import { BUNDLED } from './bundled-assets.js';
import { base64Bytes } from './core.js';

export class ImageFiles {
  // Trainer: the page's wasm class (its static calls); link: the app's TrainerLink (builds in
  // its worker); defaultsOf(dataset): a config the core accepts for that dataset (its recipe's).
  constructor(Trainer, link, defaultsOf) {
    this.Trainer = Trainer;
    this.link = link;
    this.defaultsOf = defaultsOf;
    this.bytes = new Map(); // path → Uint8Array
    this.pending = new Map(); // path → Promise<Uint8Array>
    this.filesOf = new Map(); // dataset → [train, test | null] | null
  }

  // The files of config's dataset. They depend on the dataset alone, so the core is asked with
  // the dataset's defaults: a bad value elsewhere in `config` (a layer number too big for the
  // core) is for the build to name, and never stops a download or throws outside it.
  files(config) {
    const { dataset } = config;
    if (!this.filesOf.has(dataset)) this.filesOf.set(dataset, this.Trainer.imageFiles(this.defaultsOf(dataset)));
    return this.filesOf.get(dataset);
  }

  paths(config) {
    return (this.files(config) ?? []).filter(Boolean);
  }

  // True when building a trainer for `config` needs no download.
  ready(config) {
    return this.paths(config).every((p) => this.bytes.has(p));
  }

  // True when the dataset comes with its own test file (MNIST, Fashion-MNIST): its split is
  // fixed and the training share does not apply.
  fixedSplit(config) {
    return Boolean(this.files(config)?.[1]);
  }

  // Downloads what `config` needs (a no-op for points); throws a message naming the file.
  async load(config) {
    await Promise.all(this.paths(config).map((path) => this.fetchOne(path)));
  }

  fetchOne(path) {
    const inlined = BUNDLED?.files?.[path];
    if (inlined && !this.bytes.has(path)) this.bytes.set(path, base64Bytes(inlined));
    if (this.bytes.has(path)) return Promise.resolve(this.bytes.get(path));
    if (!this.pending.has(path)) {
      const job = fetch(new URL(`../../${path}`, import.meta.url))
        .then((res) => {
          if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
          return res.arrayBuffer();
        })
        .then((buffer) => {
          const bytes = new Uint8Array(buffer);
          this.bytes.set(path, bytes);
          return bytes;
        })
        .finally(() => this.pending.delete(path));
      this.pending.set(path, job);
    }
    return this.pending.get(path);
  }

  // A promise of a trainer for any config whose files are loaded (points need none).
  build(config) {
    const files = this.files(config);
    if (!files) return this.link.build('config', [config]);
    const [train, test] = files;
    return this.link.build('images', [config, this.bytes.get(train), test ? this.bytes.get(test) : null]);
  }

  // A model file: points need nothing; an image model's files are fetched first.
  async fromJSON(text) {
    const config = JSON.parse(text)?.config;
    const files = config ? this.Trainer.imageFiles(config) : null;
    if (!files) return this.link.build('json', [text]);
    await this.load(config);
    const [train, test] = files;
    return this.link.build('jsonImages', [text, this.bytes.get(train), test ? this.bytes.get(test) : null]);
  }
}
