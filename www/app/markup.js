// The app's markup: every shared view and control, as static HTML with no user value in it
// (values are only ever set through textContent / value), and a slot (data-slot) wherever a mode
// puts boxes of its own. The config's number and choice fields are placeholders
// (data-control-for: where the field goes and how it looks); settings/field-controls.js makes
// their controls from the core's schema, and puts any other such field at data-controls-rest.
// Each view carries data-nk-view="<name>" and each control data-nk-control="<name>", so an embed can keep just the ones it asks for (settings/parts.js).

import { appHTML } from './trusted-html.js';

const MARKUP = `
  <header class="masthead" data-nk-view="header">
    <div class="brand">
      <h1>Neural Kitchen</h1>
      <p class="tagline" data-i18n="tagline">Watch a neural network learn to cook, and take every step of training by hand.</p>
    </div>
    <div class="masthead-tools">
      <button type="button" id="lesson-button" class="primary lesson-button" data-i18n="lesson" data-i18n-title="lessonTitle" title="A guided lesson" hidden>Lesson</button>
      <label class="inline-field" for="lang" data-nk-control="lang"><span data-i18n="language">Language</span>
        <select id="lang" data-view="lang">
          <option value="en">English</option>
          <option value="zh">中文</option>
        </select>
      </label>
      <button type="button" id="share-cook" class="quiet" data-i18n="shareCook" data-i18n-title="shareCookTitle" title="Put this cook's weights into the link">Share this cook</button>
      <button type="button" id="save-model" class="quiet" data-i18n="saveModel">Save model</button>
      <button type="button" id="export-pytorch" class="quiet" data-i18n="exportPytorch" data-i18n-title="exportPytorchTitle" title="A Python file that rebuilds this network with PyTorch and NumPy, with its trained weights">Export as PyTorch</button>
      <label class="quiet file-button"><span data-i18n="loadModel">Load model</span>
        <input type="file" id="load-model" accept=".json,application/json">
      </label>
    </div>
  </header>

  <div id="page-messages" class="page-messages" role="alert" aria-live="polite" data-nk-keep></div>
  <div id="lesson-host" class="lesson-host" data-nk-keep hidden></div>
  <p id="embed-caption" class="embed-caption" data-testid="embed-caption" data-nk-keep aria-live="polite" hidden></p>

  <section class="transport panel" aria-labelledby="transport-title">
    <h2 id="transport-title" class="visually-hidden" data-i18n="training">Training</h2>
    <div class="transport-buttons">
      <button type="button" id="reset" data-nk-control="reset" data-i18n-title="resetTitle" title="Reset (R)"><span data-i18n="reset">Reset</span></button>
      <button type="button" id="play" data-nk-control="play" class="primary" data-testid="play"><span data-i18n="play">Play</span></button>
      <button type="button" id="step" data-nk-control="step" data-i18n-title="stepTitle" title="One step (S)"><span data-i18n="step">Step</span></button>
      <button type="button" id="phase" data-nk-control="phase" data-i18n-title="phaseTitle" title="One phase (P)"><span data-i18n="phase">Phase</span></button>
      <button type="button" id="epoch" data-nk-control="epoch" data-i18n-title="epochTitle" title="One epoch (E)"><span data-i18n="epoch">Epoch</span></button>
    </div>
    <div class="speed" data-nk-control="speed">
      <label class="inline-field" for="speed" data-i18n-title="speedTitle"><span data-i18n="speed">Speed</span>
        <select id="speed" data-view="speed" data-testid="speed">
          <option value="slow" data-i18n="speed.slow">slow motion</option>
          <option value="normal" data-i18n="speed.normal">normal</option>
          <option value="fast" data-i18n="speed.fast">fast</option>
        </select>
      </label>
      <label class="toggle" data-i18n-title="pauseLearnedTitle"><input type="checkbox" id="pauseLearned" data-view="pauseLearned"> <span data-i18n="pauseLearned">Pause when learned</span></label>
      <span class="speed-fast" data-testid="speed-fast">
      <label class="inline-field" for="maxSteps"><span data-i18n="maxSteps">Steps per frame</span>
        <select id="maxSteps" data-view="maxSteps">
          <option>1</option><option>2</option><option>5</option><option>10</option><option>20</option>
          <option>50</option><option>100</option><option>200</option><option>1000</option>
        </select>
      </label>
      <label class="inline-field" for="budget"><span data-i18n="budget">Time per frame (ms)</span>
        <input id="budget" type="number" min="1" max="30" step="1" data-view="budget" inputmode="numeric">
      </label>
      </span>
      <p class="field-error" data-error-for="budget maxSteps"></p>
    </div>
    <div id="phase-strip" class="phase-strip" data-nk-view="phase"></div>
    <dl id="counters" class="counters" data-nk-view="counters"></dl>
    <div data-slot="transport-status"></div>
  </section>

  <main class="workspace">
    <section class="panel data-panel" data-nk-view="data" aria-labelledby="data-title">
      <h2 id="data-title" data-i18n="ingredients">Ingredients (data)</h2>
      <div class="preset-pick" data-nk-control="preset">
        <p class="caption" data-i18n="caption.preset">A recipe: a dataset with a cook that can learn it.</p>
        <label class="field" for="preset"><span data-i18n="preset">Recipe</span>
          <select id="preset"></select>
          <output id="preset-epochs" for="preset" data-testid="preset-epochs"></output>
        </label>
        <p class="field-error" data-error-for="preset"></p>
      </div>
      <div data-slot="data-intro"></div>
      <label class="field" for="dataset" data-nk-control="dataset"><span data-i18n="dataset">Dataset</span>
        <select id="dataset" data-field="dataset">
          <optgroup data-i18n-label="classification" label="Classification">
            <option value="circle" data-i18n="ds.circle">Circle</option>
            <option value="xor" data-i18n="ds.xor">XOR</option>
            <option value="gaussian" data-i18n="ds.gaussian">Two Gaussians</option>
            <option value="spiral" data-i18n="ds.spiral">Spiral</option>
            <option value="moons" data-i18n="ds.moons">Moons</option>
          </optgroup>
          <optgroup data-i18n-label="regression" label="Regression">
            <option value="plane" data-i18n="ds.plane">Plane</option>
            <option value="bumps" data-i18n="ds.bumps">Bumps</option>
          </optgroup>
          <optgroup data-i18n-label="images" label="Images">
            <option value="digits8" data-i18n="ds.digits8">Digits 8×8</option>
            <option value="mnist" data-i18n="ds.mnist">Handwritten digits (MNIST)</option>
            <option value="fashion" data-i18n="ds.fashion">Clothing (Fashion-MNIST)</option>
          </optgroup>
          <optgroup data-i18n-label="text" label="Text">
            <option value="names" data-i18n="ds.names">English first names</option>
            <option value="poems" data-i18n="ds.poems">Chinese quatrains (五言绝句)</option>
            <option value="dishes" data-i18n="ds.dishes">Chinese dish names</option>
          </optgroup>
        </select>
      </label>
      <p class="field-error" data-error-for="dataset" data-nk-control="dataset"></p>
      <div data-slot="data-noise"></div>
      <div data-control-for="trainShare" data-look="range" data-step="5"></div>
      <p class="field-error" data-error-for="trainShare" data-nk-control="trainShare"></p>
      <div data-slot="data-size"></div>
      <div class="field-row" data-nk-control="seed">
        <div data-control-for="seed"></div>
        <button type="button" id="regenerate" data-i18n="regenerate">Regenerate</button>
      </div>
      <p class="field-error" data-error-for="seed" data-nk-control="seed"></p>

      <div data-slot="data-more"></div>
    </section>

    <section class="panel network-panel" aria-labelledby="network-title">
      <h2 id="network-title" data-i18n="cook">The cook (network)</h2>
      <p class="caption" data-i18n="caption.network">The model is the cook; its weights and biases are the seasonings.</p>
      <div data-slot="network"></div>
    </section>

    <section class="panel output-panel" aria-labelledby="output-title">
      <h2 id="output-title" data-i18n="dish">The dish (output)</h2>
      <div data-slot="output"></div>
      <div class="curves">
        <p class="caption" data-i18n="caption.curves">Epochs are practice rounds; the test curve is the teacher's verdict.</p>
        <figure class="chart" data-nk-view="loss">
          <canvas id="loss-chart" width="360" height="230" data-i18n-aria-label="lossChart" aria-label="Loss curves"></canvas>
          <div class="timeline" data-testid="timeline">
            <div class="timeline-track">
              <input type="range" id="timeline" min="0" max="0" step="1" value="0" data-i18n-aria-label="timeline" aria-label="Rewind the cook">
              <div class="timeline-marks" id="timeline-marks"></div>
            </div>
            <div class="timeline-row">
              <span id="timeline-at" class="timeline-at"></span>
              <button type="button" id="keep-cook" class="small" data-i18n="keepCook" data-i18n-title="keepCookTitle">Keep this cook</button>
              <label class="timeline-guard" data-i18n-title="guardTitle"><input type="checkbox" id="guard" data-view="guard"> <span data-i18n="guard">Guard against over-seasoning</span></label>
            </div>
          </div>
          <div id="ghost-cooks" class="ghost-cooks" data-testid="ghost-cooks" hidden>
            <p class="ghost-head"><span data-i18n="ghostTitle">Earlier cooks (faded test curves)</span>
              <button type="button" class="small ghost-clear" data-i18n="ghostClear" data-i18n-title="ghostClearTitle">Clear all</button></p>
            <ol class="ghost-list"></ol>
          </div>
        </figure>
        <figure class="chart" data-nk-view="accuracy">
          <canvas id="accuracy-chart" width="360" height="230" data-i18n-aria-label="accuracyChart" aria-label="Accuracy curves"></canvas>
        </figure>
        <p class="caption" data-i18n="caption.fit">More is not always better: when test loss rises while train loss falls, the cook is memorising.</p>
        <div data-slot="curves"></div>
      </div>
    </section>

    <section class="panel recipe-panel" data-nk-view="recipe" aria-labelledby="recipe-title">
      <h2 id="recipe-title" data-i18n="howLearns">How the cook learns</h2>
      <p class="caption" data-i18n="caption.recipe">Tasting is the loss; the optimizer decides how to adjust the seasonings.</p>
      <div data-control-for="loss"></div>
      <p class="field-error" data-error-for="loss" data-nk-control="loss"></p>
      <div data-control-for="outputActivation" data-options="act"></div>
      <p class="field-error" data-error-for="outputActivation" data-nk-control="outputActivation"></p>
      <div data-control-for="init"></div>
      <p class="field-error" data-error-for="init" data-nk-control="init"></p>
      <div data-control-for="optimizer" data-options="opt"></div>
      <p class="field-error" data-error-for="optimizer" data-nk-control="optimizer"></p>
      <div data-control-for="learningRate" data-list="learning-rates"></div>
      <datalist id="learning-rates">
        <option value="0.00001"></option><option value="0.0001"></option><option value="0.001"></option>
        <option value="0.003"></option><option value="0.01"></option><option value="0.03"></option>
        <option value="0.1"></option><option value="0.3"></option><option value="1"></option>
        <option value="3"></option><option value="10"></option>
      </datalist>
      <p class="field-error" data-error-for="learningRate" data-nk-control="learningRate"></p>
      <div data-control-for="regularization" data-options="reg"></div>
      <p class="field-error" data-error-for="regularization" data-nk-control="regularization"></p>
      <div data-control-for="regularizationRate"></div>
      <p class="field-error" data-error-for="regularizationRate" data-nk-control="regularizationRate"></p>
      <div data-control-for="batchSize"></div>
      <p class="field-error" data-error-for="batchSize" data-nk-control="batchSize"></p>
      <div data-controls-rest></div>
    </section>
  </main>

  <div data-slot="after-workspace"></div>

  <footer class="footer" data-nk-view="footer">
    <p><strong data-i18n="keys">Keyboard:</strong> <kbd>Space</kbd> <span data-i18n="key.play">play / pause</span> ·
      <kbd>S</kbd> <span data-i18n="key.step">step</span> · <kbd>P</kbd> <span data-i18n="key.phase">phase</span> ·
      <kbd>E</kbd> <span data-i18n="key.epoch">epoch</span> · <kbd>R</kbd> <span data-i18n="key.reset">reset</span></p>
    <p class="caption" data-i18n="caption.footer">The address bar holds the whole recipe: share the link and the same run happens again.</p>
  </footer>
`;

// A fresh copy of the markup for one app instance, with each mode's boxes (mode.markup: slot name
// → HTML) in the slots; each box is marked with its mode (data-only) and shown in that mode only.
export function appMarkup(doc, modes) {
  const template = doc.createElement('template');
  template.innerHTML = appHTML(MARKUP);
  for (const slot of template.content.querySelectorAll('[data-slot]')) {
    const boxes = modes.flatMap((mode) => {
      const part = doc.createElement('template');
      part.innerHTML = appHTML(mode.markup[slot.dataset.slot] ?? '');
      for (const el of part.content.children) el.dataset.only = mode.name;
      return [...part.content.childNodes];
    });
    slot.replaceWith(...boxes);
  }
  return template.content;
}
