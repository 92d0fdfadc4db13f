// "Export as PyTorch": the button downloads neural-kitchen-<recipe>.py, Python that rebuilds the
// trained network with torch.nn (its layers named) and carries its weights and its check; a GPT,
// which the export cannot write, is named in a message and nothing is downloaded.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, playEpochs, screenshot, useBrowser } from './page-harness.mjs';

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

test('names-gpt: the export is refused with the core\'s reason, in Chinese too', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?preset=names-gpt&lang=zh');
  assert.equal((await page.locator('#export-pytorch').innerText()).trim(), '导出为 PyTorch');
  let downloads = 0;
  page.on('download', () => { downloads += 1; });
  await page.click('#export-pytorch');
  const message = page.locator('[data-testid="page-message"]', { hasText: '无法导出为 PyTorch' });
  await message.waitFor();
  assert.match(await message.innerText(), /layers must be .*a gpt cannot be exported yet.*got a gpt/);
  assert.equal(downloads, 0);
  await screenshot(page, 'export-pytorch-refused-zh', false);
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
});
