// The page's pace (issue 14): it opens at normal speed, about 30 steps a second, so the landing
// recipe is still learning seconds after Play, and it pauses itself once the cook has learned,
// saying so in plain words (Play practises on past it). The speed reads in words: slow motion
// trains a step every quarter second, normal one every 1/30 s, fast many steps a frame.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counterNumber, open, screenshot, useBrowser } from '../page-harness.mjs';

const env = useBrowser();

const playing = (page) => page.locator('#play').getAttribute('aria-pressed');

// Over about `ms` of play: the steps the page showed it ran and the frames that passed.
function stepsAndFrames(page, ms) {
  return page.evaluate((span) => new Promise((resolve) => {
    const step = () => Number(document.querySelector('[data-testid="count-step"]').textContent.replace(/,/g, ''));
    const first = step();
    const start = performance.now();
    let frames = 0;
    const tick = () => {
      frames += 1;
      if (performance.now() - start < span) requestAnimationFrame(tick);
      else resolve({ steps: step() - first, frames, ms: performance.now() - start });
    };
    requestAnimationFrame(tick);
  }), ms);
}

for (const lang of ['en', 'zh']) {
  test(`the landing recipe at normal speed is still learning 3 s after Play, then pauses itself and says it learned (${lang}); Play goes on past it`, async (t) => {
    const { page, problems } = await open(env.browser.context, env.server.origin, lang === 'en' ? '' : '?lang=zh', { asIs: true });
    assert.equal(await page.locator('#speed').inputValue(), 'normal', 'the page opens at normal speed');
    assert.equal(await page.locator('#pauseLearned').isChecked(), true, 'and pauses when learned');
    assert.equal(await page.getByTestId('speed-fast').isVisible(), false, "the fast pace's limits show only at that speed");
    const untrained = await counterNumber(page, 'testLoss');

    await page.click('#play');
    const played = Date.now();
    await page.waitForTimeout(3000); // the pace is what is tested: three seconds as a learner watches them
    assert.equal(await playing(page), 'true', 'still playing');
    const accuracy = await counterNumber(page, 'testAccuracy');
    assert.ok(accuracy < 95, `not learned yet at 3 s: test accuracy ${accuracy} %`);
    assert.ok(await counterNumber(page, 'testLoss') < untrained, 'but learning: the test loss fell');
    await screenshot(page, `pace-3s-${lang}`, false);

    // It learns and pauses itself (within a minute and a half even on a busy machine).
    await page.waitForSelector('#play[aria-pressed="false"]', { timeout: 90000 });
    const said = await page.locator('#page-messages').innerText();
    const learned = await counterNumber(page, 'testAccuracy');
    const epoch = await counterNumber(page, 'epoch');
    t.diagnostic(`paused itself ${((Date.now() - played) / 1000).toFixed(1)} s after Play, at epoch ${epoch}, test accuracy ${learned} %`);
    if (learned >= 95) {
      assert.match(said, lang === 'en' ? /Learned it! After epoch \d+ the teacher’s verdict is \d+\.\d % right/ : /学会了！第 \d+ 轮之后/);
    } else {
      assert.match(said, lang === 'en' ? /The cook has stopped improving/ : /厨师不再进步了/);
    }
    await screenshot(page, `pace-learned-${lang}`, false);

    const practise = page.locator('[data-testid="page-message"] button', { hasText: lang === 'en' ? 'Practise on' : '继续练习' });
    await practise.click();
    assert.equal(await playing(page), 'true');
    await page.waitForFunction((e) => Number(document.querySelector('[data-testid="count-epoch"]').textContent.replace(/,/g, '')) >= e + 3, epoch);
    assert.equal(await playing(page), 'true', 'a cook pauses itself once: it practises on');
    assert.equal(await page.locator('#page-messages').innerText(), '', 'the word went with the press');
    assert.deepEqual(problems, { console: [], page: [], foreign: [] });
    await page.close();
  });
}

test('slow motion trains a step every quarter second, normal about 30 a second, fast many steps a frame', async () => {
  const { page, problems } = await open(env.browser.context, env.server.origin, '?pauseLearned=false', { asIs: true });
  await page.click('#play');

  await page.selectOption('#speed', 'slow');
  await page.waitForFunction(() => location.search.includes('speed=slow'));
  const slow = await stepsAndFrames(page, 2000);
  assert.ok(slow.steps >= 1, `slow motion still trains: ${JSON.stringify(slow)}`);
  assert.ok(slow.steps <= slow.ms / 250 + 2, `at most a step a quarter second: ${JSON.stringify(slow)}`);

  await page.selectOption('#speed', 'normal');
  const normal = await stepsAndFrames(page, 2000);
  assert.ok(normal.steps > slow.steps, `faster than slow motion: ${JSON.stringify({ slow, normal })}`);
  assert.ok(normal.steps <= normal.ms / (1000 / 30) + 2, `at most 30 steps a second: ${JSON.stringify(normal)}`);

  await page.selectOption('#speed', 'fast');
  assert.equal(await page.getByTestId('speed-fast').isVisible(), true, "the fast pace's limits show");
  const fast = await stepsAndFrames(page, 1000);
  assert.ok(fast.steps > 3 * fast.frames, `many steps a frame: ${JSON.stringify(fast)}`);
  assert.equal(await playing(page), 'true');
  assert.deepEqual(problems, { console: [], page: [], foreign: [] });
  await page.close();
});
