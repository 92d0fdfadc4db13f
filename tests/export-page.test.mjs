// "Export as PyTorch": the button downloads neural-kitchen-<recipe>.py, Python that rebuilds the
// trained network with torch.nn (its layers named) and carries its weights and its check; a GPT
// too, in Chinese. The files downloaded for xor, digits-cnn and names-mlp are run with python3:
// their NumPy forward pass reproduces the page's own test predictions.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { open, playEpochs, press, screenshot, useBrowser } from './page-harness.mjs';

const env = useBrowser();

async function exported(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-pytorch')]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

test('xor: the button downloads neural-kitchen-xor.py, the trained network in torch.nn and NumPy', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=xor');
  await playEpochs(page, 2);
  const { name, text } = await exported(page);
  assert.equal(name, 'neural-kitchen-xor.py');
  assert.match(text, /^#!\/usr\/bin\/env python3\n"""A Neural Kitchen network trained on "xor" \(epoch \d+, step \d+\)/);
  for (const layer of ['("dense1", nn.Linear(2, 8)),', '("tanh1", nn.Tanh()),', '("dense2", nn.Linear(8, 4)),', '("dense3", nn.Linear(4, 2)),']) {
    assert.ok(text.includes(layer), `the file names ${layer}`);
  }
  assert.match(text, /def numpy_forward\(x\):/);
  assert.match(text, /"layers\.dense1\.weight": array\("<f4", \(8, 2\), \(/);
  assert.match(text, /PAGE_PREDICTIONS = array\("<f4", \(\d+, 2\), \(/);
  await screenshot(page, 'export-pytorch-button', false);
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
});

test('names-gpt: the GPT exports too, its button in Chinese', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-gpt&lang=zh');
  assert.equal((await page.locator('#export-pytorch').innerText()).trim(), '导出为 PyTorch');
  const { name, text } = await exported(page);
  assert.equal(name, 'neural-kitchen-names-gpt.py');
  assert.match(text, /^GPT = dict\(vocabulary=27, context=16, dims=32, heads=4, blocks=2, mlp_ratio=4, tied=True\)$/m);
  for (const part of ['class Network(nn.Module):', 'class Block(nn.Module):', '"blocks.1.attn.qkv.weight": array("<f4", (96, 32), (']) {
    assert.ok(text.includes(part), `the file has ${part}`);
  }
  assert.match(text, /PAGE_PREDICTIONS = array\("<f4", \(\d+, 27\), \(/);
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
});

for (const preset of ['xor', 'digits-cnn', 'names-mlp']) {
  test(`${preset}: the downloaded file, run with python3, reproduces the page's test predictions with NumPy`, async () => {
    const { page, problems } = await open(env.browser.context, env.server.origin, `?preset=${preset}`);
    await press(page, 's', 5);
    await page.waitForFunction(() => document.querySelector('[data-testid="count-step"]').textContent === '5');
    const { name, text } = await exported(page);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'nk-export-')), name);
    fs.writeFileSync(file, text);
    // Exits 1 on a mismatch (execFileSync throws); torch is not needed for the NumPy check.
    const said = execFileSync('python3', [file], { encoding: 'utf8' });
    const numpy = said.split('\n').find((line) => line.startsWith('NumPy:')) ?? said;
    const [, shown, same, of] = numpy.match(/(\d+) test predictions, same class for (\d+) of (\d+)/) ?? [];
    assert.ok(Number(shown) > 0 && same === of && of === shown, numpy);
    assert.match(numpy, /: OK$/);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    assert.deepEqual(problems, { console: [], page: [], foreign: [] });
    await page.close();
  });
}
