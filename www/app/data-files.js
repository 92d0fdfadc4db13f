// Fetches the data files of image and text datasets (same origin, relative to the repository
// root, wherever the page embedding the app lives) once each, and builds trainers from them in
// the app's worker. The wasm module embeds no data; a page that never switches to such a dataset
// never downloads its files. The single-file build carries them inlined instead.

import { BUNDLED } from './bundled-assets.js';
import { base64Bytes } from './core.js';

// How each kind of data with files is built in the worker (core/trainer-host.js): from a config,
// and from a model file. Points need no files.
const BUILDS = { images: { config: 'images', json: 'jsonImages' }, text: { config: 'text', json: 'jsonText' } };

export class DataFiles {
  // link: the app's TrainerLink (builds in its worker); fields: the field table
  // (settings/fields.js), whose datasets carry their files and mode from the core's schema.
  constructor(link, fields) {
    this.link = link;
    this.fields = fields;
    this.bytes = new Map(); // path → Uint8Array
    this.pending = new Map(); // path → Promise<Uint8Array>
  }

  // The files of config's dataset ([train, test | null]), or null (points, or a dataset the page
  // does not know: the core names it when building).
  files(config) {
    return this.fields.dataset(config?.dataset)?.files ?? null;
  }

  paths(config) {
    return (this.files(config) ?? []).filter(Boolean);
  }

  // True when building a trainer for `config` needs no download.
  ready(config) {
    return this.paths(config).every((p) => this.bytes.has(p));
  }

  // True when the dataset comes with its own test file (MNIST, Fashion-MNIST, the text sets): its
  // split is fixed and the training share does not apply.
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

  // The bytes of config's files, as the worker's builds take them: [train, test | null].
  loaded(config) {
    const [train, test] = this.files(config);
    return [this.bytes.get(train), test ? this.bytes.get(test) : null];
  }

  // A promise of a trainer for any config whose files are loaded (points need none).
  build(config) {
    if (!this.files(config)) return this.link.build('config', [config]);
    return this.link.build(BUILDS[this.fields.modeOf(config.dataset)].config, [config, ...this.loaded(config)]);
  }

  // A model file: points need nothing; an image or text model's files are fetched first.
  async fromJSON(text) {
    let config = null;
    try {
      config = JSON.parse(text)?.config ?? null;
    } catch {
      // Not JSON: the core names what is wrong with it.
    }
    if (!this.files(config)) return this.link.build('json', [text]);
    await this.load(config);
    return this.link.build(BUILDS[this.fields.modeOf(config.dataset)].json, [text, ...this.loaded(config)]);
  }
}
