// The app's markup: every view and control, as static HTML with no user value in it (values are
// only ever set through textContent / value). Each view carries data-nk-view="<name>" and each
// control data-nk-control="<name>", so an embed can keep just the ones it asks for (parts.js).

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
      <button type="button" id="save-model" class="quiet" data-i18n="saveModel">Save model</button>
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
      <label class="inline-field" for="maxSteps"><span data-i18n="maxSteps">Steps per frame</span>
        <select id="maxSteps" data-view="maxSteps">
          <option>1</option><option>2</option><option>5</option><option>10</option><option>20</option>
          <option>50</option><option>100</option><option>200</option><option>1000</option>
        </select>
      </label>
      <label class="inline-field" for="budget"><span data-i18n="budget">Time per frame (ms)</span>
        <input id="budget" type="number" min="1" max="30" step="1" data-view="budget" inputmode="numeric">
      </label>
      <p class="field-error" data-error-for="budget maxSteps"></p>
    </div>
    <div id="phase-strip" class="phase-strip" data-nk-view="phase"></div>
    <dl id="counters" class="counters" data-nk-view="counters"></dl>
    <p id="measure-status" class="measure-status" data-nk-view="counters" data-only="images" data-testid="measure-status" hidden></p>
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
      <p class="caption" data-only="points" data-i18n="caption.data">The dish to learn: every point is an example; its colour is the right answer.</p>
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
        </select>
      </label>
      <p class="field-error" data-error-for="dataset" data-nk-control="dataset"></p>
      <label class="field" for="noise" data-nk-control="noise" data-only="points"><span data-i18n="noise">Noise (%)</span> <output for="noise" data-shows="noise"></output>
        <input id="noise" type="range" min="0" max="50" step="1" data-field="noise">
      </label>
      <p class="field-error" data-error-for="noise" data-nk-control="noise" data-only="points"></p>
      <label class="field" for="trainShare" id="trainShare-field" data-nk-control="trainShare"><span data-i18n="trainShare">Training share (%)</span> <output for="trainShare" data-shows="trainShare"></output>
        <input id="trainShare" type="range" min="10" max="90" step="5" data-field="trainShare">
      </label>
      <p class="field-error" data-error-for="trainShare" data-nk-control="trainShare"></p>
      <p id="image-split" class="caption image-split" data-only="images" data-testid="image-split" aria-live="polite" hidden></p>
      <label class="field" for="points" data-nk-control="points" data-only="points"><span data-i18n="points">Number of points</span>
        <input id="points" type="number" min="50" max="2000" step="50" data-field="points" inputmode="numeric">
      </label>
      <p class="field-error" data-error-for="points" data-nk-control="points" data-only="points"></p>
      <div class="field-row" data-nk-control="seed">
        <label class="field" for="seed"><span data-i18n="seed">Seed</span>
          <input id="seed" type="number" min="0" max="4294967295" step="1" data-field="seed" inputmode="numeric">
        </label>
        <button type="button" id="regenerate" data-i18n="regenerate">Regenerate</button>
      </div>
      <p class="field-error" data-error-for="seed" data-nk-control="seed"></p>

      <fieldset class="features" data-only="points" data-nk-control="features">
        <legend data-i18n="features">Input features</legend>
        <div id="feature-toggles" class="toggle-grid"></div>
      </fieldset>
      <p class="field-error" data-error-for="features" data-nk-control="features" data-only="points"></p>

      <div class="example-pick" data-only="images" data-nk-control="example" hidden>
        <h3 data-i18n="exampleTitle">One dish to follow</h3>
        <p class="caption" data-i18n="caption.example">Pick an image: the cook's answer and every layer's feature maps below are for it.</p>
        <div class="example-row">
          <canvas id="example-thumb" class="tiles" data-testid="example-thumb" role="img" data-i18n-aria-label="exampleImage" aria-label="The example image"></canvas>
          <p id="example-readout" class="example-readout" aria-live="polite"></p>
        </div>
        <div class="example-buttons">
          <button type="button" id="example-random" data-i18n="exampleRandom">Random</button>
          <label class="inline-field" for="example-class"><span data-i18n="exampleClass">of class</span>
            <select id="example-class"></select>
          </label>
        </div>
        <label class="field" for="example"><span data-i18n="exampleIndex">Test image number</span>
          <input id="example" type="number" min="0" max="99999" step="1" data-view="example" inputmode="numeric">
        </label>
        <p class="field-error" data-error-for="example"></p>
      </div>
    </section>

    <section class="panel network-panel" aria-labelledby="network-title">
      <h2 id="network-title" data-i18n="cook">The cook (network)</h2>
      <p class="caption" data-i18n="caption.network">The model is the cook; its weights and biases are the seasonings.</p>
      <div id="layer-editor" class="layer-editor" data-only="points" data-nk-view="cook" data-nk-control="hidden"></div>
      <p class="field-error" data-error-for="hidden" data-nk-view="cook" data-nk-control="hidden" data-only="points"></p>
      <div data-only="images" hidden>
        <div data-nk-view="cook" data-nk-control="layers">
          <p class="caption" data-i18n="caption.stack">The cook's stations, in order: each layer's output shape is shown as you edit.</p>
          <div id="stack-editor" class="stack-editor" data-testid="stack-editor"></div>
          <p class="field-error" data-error-for="layers" data-testid="layers-error"></p>
        </div>
        <div data-nk-view="feature-maps">
        <h3 data-i18n="mapsTitle">Cooking, layer by layer (feature maps)</h3>
        <p class="caption" data-i18n="caption.maps">What each station makes of the example: one small image per channel. Dark = strong; orange ↔ blue = negative ↔ positive. After the backward phase (P) the strips below show the gradients: what went wrong, layer by layer.</p>
        <div id="feature-maps" class="feature-maps" data-testid="feature-maps"></div>
        </div>
        <div data-nk-view="kernels">
        <h3 data-i18n="kernelsTitle">The seasonings (kernels and weights)</h3>
        <p class="caption" data-i18n="caption.kernels">Each conv kernel is a small image per input channel (a row per kernel); a dense layer on raw pixels shows each unit's weights as a template. Orange = negative, blue = positive.</p>
        <fieldset class="edge-modes">
          <legend data-i18n="kernelsShow">Show</legend>
          <label><input type="radio" name="kernels" value="weights" data-view="kernels"> <span data-i18n="edges.weights">weights</span></label>
          <label><input type="radio" name="kernels" value="gradients" data-view="kernels"> <span data-i18n="edges.gradients">gradients</span></label>
          <label><input type="radio" name="kernels" value="update" data-view="kernels"> <span data-i18n="edges.update">last update</span></label>
        </fieldset>
        <div id="kernels" class="kernels" data-testid="kernels"></div>
        </div>
      </div>
      <div class="network-view" data-only="points" data-nk-view="network">
        <fieldset class="edge-modes">
          <legend data-i18n="edgesShow">Edges show</legend>
          <label><input type="radio" name="edges" value="weights" data-view="edges"> <span data-i18n="edges.weights">weights</span></label>
          <label><input type="radio" name="edges" value="gradients" data-view="edges"> <span data-i18n="edges.gradients">gradients</span></label>
          <label><input type="radio" name="edges" value="update" data-view="edges"> <span data-i18n="edges.update">last update</span></label>
        </fieldset>
        <div id="network-diagram" class="network-diagram" data-testid="network-diagram"></div>
        <div id="edge-panel" class="edge-panel" hidden></div>
      </div>
    </section>

    <section class="panel output-panel" aria-labelledby="output-title">
      <h2 id="output-title" data-i18n="dish">The dish (output)</h2>
      <p class="caption" data-only="points" data-i18n="caption.plot">Colours: what the cook serves for every input. Click a point to follow it through the network.</p>
      <div class="dish" data-only="points" data-nk-view="boundary">
        <div class="plot-wrap">
          <canvas id="data-plot" class="data-plot" width="360" height="360" tabindex="0" data-i18n-aria-label="plotLabel" aria-label="Data and decision boundary"></canvas>
        </div>
        <p id="probe-readout" class="probe-readout" aria-live="polite"></p>
        <div class="toggles-row">
          <label class="toggle"><input type="checkbox" id="showTest" data-view="showTest"> <span data-i18n="showTest">Show test data</span></label>
          <label class="toggle"><input type="checkbox" id="discretize" data-view="discretize"> <span data-i18n="discretize">Discretize output</span></label>
        </div>
      </div>
      <div class="answer" data-only="images" data-nk-view="drawing" hidden>
        <p class="caption" data-i18n="caption.answer">The cook's answer for the example: how sure it is of each class (✓ = the right answer).</p>
        <div id="class-bars"></div>
        <h3 id="pad-title" data-i18n="padTitle">Draw a digit</h3>
        <p class="caption" data-i18n="caption.pad">Draw with the mouse or a finger: the answer and the feature maps follow as you draw. Add it to the training set with its label, and the cook practises on it too.</p>
        <div class="pad-row">
          <canvas id="drawing-pad" class="drawing-pad" data-testid="drawing-pad" tabindex="0" data-i18n-aria-label="padLabel" aria-label="Drawing pad"></canvas>
          <div class="pad-tools">
            <button type="button" id="pad-clear" data-i18n="padClear">Clear</button>
            <label class="inline-field" for="pad-label"><span data-i18n="padLabelIs">Label</span>
              <select id="pad-label"></select>
            </label>
            <button type="button" id="pad-add" data-i18n="padAdd">Add to training set</button>
            <p id="pad-status" class="caption" aria-live="polite"></p>
          </div>
        </div>
      </div>
      <div class="curves">
        <p class="caption" data-i18n="caption.curves">Epochs are practice rounds; the test curve is the teacher's verdict.</p>
        <figure class="chart" data-nk-view="loss">
          <canvas id="loss-chart" width="360" height="230" data-i18n-aria-label="lossChart" aria-label="Loss curves"></canvas>
        </figure>
        <figure class="chart" data-nk-view="accuracy">
          <canvas id="accuracy-chart" width="360" height="230" data-i18n-aria-label="accuracyChart" aria-label="Accuracy curves"></canvas>
        </figure>
        <p class="caption" data-i18n="caption.fit">More is not always better: when test loss rises while train loss falls, the cook is memorising.</p>
        <div id="grad-norms-view" data-only="images" data-nk-view="grad-norms" hidden>
          <p class="caption" data-i18n="caption.gradNorms">How loudly each layer is told what went wrong: mean gradient size of its weights per epoch (log scale).</p>
          <figure class="chart">
            <canvas id="grad-norms" class="small-chart" data-i18n-aria-label="gradNormsChart" aria-label="Gradient size per layer"></canvas>
            <figcaption id="grad-norms-legend" class="legend"></figcaption>
          </figure>
        </div>
        <div id="histogram-view" data-only="images" data-nk-view="histogram" hidden>
          <p class="caption" data-i18n="caption.histogram">How the seasonings of one layer are spread, or what it was told.</p>
          <div class="histogram-pick">
            <label class="inline-field" for="histogram-layer"><span data-i18n="paramLayer">Layer</span> <select id="histogram-layer"></select></label>
            <label><input type="radio" name="histogram-which" value="weights" checked> <span data-i18n="edges.weights">weights</span></label>
            <label><input type="radio" name="histogram-which" value="gradients"> <span data-i18n="edges.gradients">gradients</span></label>
          </div>
          <figure class="chart"><canvas id="histogram" class="small-chart" data-i18n-aria-label="histogramChart" aria-label="Histogram"></canvas></figure>
        </div>
      </div>
    </section>

    <section class="panel recipe-panel" data-nk-view="recipe" aria-labelledby="recipe-title">
      <h2 id="recipe-title" data-i18n="howLearns">How the cook learns</h2>
      <p class="caption" data-i18n="caption.recipe">Tasting is the loss; the optimizer decides how to adjust the seasonings.</p>
      <label class="field" for="loss" data-nk-control="loss"><span data-i18n="loss">Loss (tasting)</span>
        <select id="loss" data-field="loss">
          <option value="crossEntropy" data-i18n="loss.crossEntropy">Cross-entropy (softmax)</option>
          <option value="binaryCrossEntropy" data-i18n="loss.binaryCrossEntropy">Binary cross-entropy (sigmoid)</option>
          <option value="mse" data-i18n="loss.mse">Least squares</option>
        </select>
      </label>
      <p class="field-error" data-error-for="loss" data-nk-control="loss"></p>
      <label class="field" for="outputActivation" data-nk-control="outputActivation"><span data-i18n="outputActivation">Output activation</span>
        <select id="outputActivation" data-field="outputActivation" data-options="activations"></select>
      </label>
      <p class="field-error" data-error-for="outputActivation" data-nk-control="outputActivation"></p>
      <label class="field" for="init" data-nk-control="init"><span data-i18n="init">Initial seasonings (init)</span>
        <select id="init" data-field="init">
          <option value="xavier" data-i18n="init.xavier">Xavier</option>
          <option value="he" data-i18n="init.he">He</option>
          <option value="uniform" data-i18n="init.uniform">Uniform ±0.5</option>
          <option value="zeros" data-i18n="init.zeros">All zeros</option>
          <option value="ones" data-i18n="init.ones">All ones (1 gram each)</option>
        </select>
      </label>
      <p class="field-error" data-error-for="init" data-nk-control="init"></p>
      <label class="field" for="optimizer" data-nk-control="optimizer"><span data-i18n="optimizer">Optimizer</span>
        <select id="optimizer" data-field="optimizer">
          <option value="sgd" data-i18n="opt.sgd">SGD</option>
          <option value="momentum" data-i18n="opt.momentum">Momentum</option>
          <option value="adam" data-i18n="opt.adam">Adam</option>
          <option value="rmsprop" data-i18n="opt.rmsprop">RMSprop</option>
        </select>
      </label>
      <p class="field-error" data-error-for="optimizer" data-nk-control="optimizer"></p>
      <label class="field" for="learningRate" data-nk-control="learningRate"><span data-i18n="learningRate">Learning rate</span>
        <input id="learningRate" type="number" min="0.00001" max="10" step="any" data-field="learningRate" list="learning-rates" inputmode="decimal">
      </label>
      <datalist id="learning-rates">
        <option value="0.00001"></option><option value="0.0001"></option><option value="0.001"></option>
        <option value="0.003"></option><option value="0.01"></option><option value="0.03"></option>
        <option value="0.1"></option><option value="0.3"></option><option value="1"></option>
        <option value="3"></option><option value="10"></option>
      </datalist>
      <p class="field-error" data-error-for="learningRate" data-nk-control="learningRate"></p>
      <label class="field" for="regularization" data-nk-control="regularization"><span data-i18n="regularization">Regularization</span>
        <select id="regularization" data-field="regularization">
          <option value="none" data-i18n="reg.none">None</option>
          <option value="l1" data-i18n="reg.l1">L1</option>
          <option value="l2" data-i18n="reg.l2">L2</option>
        </select>
      </label>
      <p class="field-error" data-error-for="regularization" data-nk-control="regularization"></p>
      <label class="field" for="regularizationRate" data-nk-control="regularizationRate"><span data-i18n="regularizationRate">Regularization rate</span>
        <input id="regularizationRate" type="number" min="0" max="1" step="any" data-field="regularizationRate" inputmode="decimal">
      </label>
      <p class="field-error" data-error-for="regularizationRate" data-nk-control="regularizationRate"></p>
      <label class="field" for="batchSize" data-nk-control="batchSize"><span data-i18n="batchSize">Batch size</span>
        <input id="batchSize" type="number" min="1" max="2000" step="1" data-field="batchSize" inputmode="numeric">
      </label>
      <p class="field-error" data-error-for="batchSize" data-nk-control="batchSize"></p>
    </section>
  </main>

  <section class="panel verdict-panel" data-only="images" hidden aria-labelledby="verdict-title">
    <h2 id="verdict-title" data-i18n="verdictTitle">The teacher's verdict (test set)</h2>
    <p class="caption" data-i18n="caption.verdict">Every test image the cook never practised on: rows are the right answers, columns the cook's. Click a cell to see its images, an image to follow it through the network.</p>
    <p id="verdict-status" class="verdict-status" aria-live="polite" data-nk-view="confusion gallery"></p>
    <div class="verdict-grid">
      <div data-nk-view="confusion">
        <div id="confusion" class="confusion-wrap"></div>
      </div>
      <div>
        <div data-nk-view="confusion">
          <h3 id="cell-title"></h3>
          <div id="cell-examples" class="thumbs" data-testid="cell-examples"></div>
        </div>
        <div data-nk-view="gallery">
        <h3 data-i18n="galleryTitle">Most confident mistakes</h3>
        <p class="caption" data-i18n="caption.gallery">The dishes the cook got wrong while sure of itself: truth → answer, certainty.</p>
        <div id="gallery" class="thumbs" data-testid="gallery"></div>
        </div>
      </div>
    </div>
  </section>

  <footer class="footer" data-nk-view="footer">
    <p><strong data-i18n="keys">Keyboard:</strong> <kbd>Space</kbd> <span data-i18n="key.play">play / pause</span> ·
      <kbd>S</kbd> <span data-i18n="key.step">step</span> · <kbd>P</kbd> <span data-i18n="key.phase">phase</span> ·
      <kbd>E</kbd> <span data-i18n="key.epoch">epoch</span> · <kbd>R</kbd> <span data-i18n="key.reset">reset</span></p>
    <p class="caption" data-i18n="caption.footer">The address bar holds the whole recipe: share the link and the same run happens again.</p>
  </footer>
`;

// A fresh copy of the markup for one app instance.
export function appMarkup(doc) {
  const template = doc.createElement('template');
  template.innerHTML = MARKUP;
  return template.content;
}
