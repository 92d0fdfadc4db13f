// Images mode's markup: the boxes it shows, by the slot of the app's markup (app/markup.js) each
// goes into. Static HTML with no user value in it, like the rest of the markup.

export const IMAGES_MARKUP = {
  'transport-status': `
    <p id="measure-status" class="measure-status" data-nk-view="counters" data-testid="measure-status" hidden></p>
`,
  'data-size': `
      <p id="image-split" class="caption image-split" data-testid="image-split" aria-live="polite" hidden></p>
`,
  'data-more': `
      <div class="example-pick" data-nk-control="example" hidden>
        <h3 data-i18n="exampleTitle">One dish to follow</h3>
        <p class="caption" data-i18n="caption.example">Pick an image: the cook's answer and every layer's feature maps below are for it.</p>
        <div class="example-row">
          <canvas id="example-thumb" class="tiles" data-testid="example-thumb" role="img" data-i18n-aria-label="exampleImage" aria-label="The example image"></canvas>
          <p id="example-readout" class="example-readout" aria-live="polite"></p>
        </div>
        <div id="example-legend" class="legends"></div>
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
`,
  'network': `
      <div hidden>
        <details class="stack-details" data-nk-view="cook" data-nk-control="layers" data-testid="stack-details">
          <summary data-i18n="stackChange">Change the network</summary>
          <p class="caption" data-i18n="caption.stack">The cook's stations, in order: each layer's output shape is shown as you edit.</p>
          <div id="stack-editor" class="stack-editor" data-testid="stack-editor"></div>
          <p class="field-error" data-error-for="layers" data-testid="layers-error"></p>
        </details>
        <div id="maps-view" data-nk-view="feature-maps">
        <h3 data-i18n="mapsTitle">Cooking, layer by layer (feature maps)</h3>
        <p class="caption" data-i18n="caption.maps">What each station makes of the example: one small image per channel. Dark = strong; orange ↔ blue = negative ↔ positive. After the backward phase (P) the strips below show the gradients: what went wrong, layer by layer.</p>
        <fieldset class="edge-modes">
          <legend data-i18n="scopeShow">Colour scale</legend>
          <label><input type="radio" name="map-scope" value="layer" data-view="scope"> <span data-i18n="scope.layer">this layer</span></label>
          <label><input type="radio" name="map-scope" value="network" data-view="scope"> <span data-i18n="scope.network">whole network</span></label>
        </fieldset>
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
`,
  'output': `
      <div class="answer" data-nk-view="drawing" hidden>
        <p class="caption" data-i18n="caption.answer">The cook's answer for the example: how sure it is of each class (✓ = the right answer).</p>
        <div id="class-bars"></div>
        <h3 id="pad-title" data-i18n="padTitle">Draw a digit</h3>
        <p class="caption" data-i18n="caption.pad">Draw with the mouse or a finger: the answer and the feature maps follow as you draw. Add it to the training set with its label, and the cook practises on it too.</p>
        <div class="pad-row">
          <canvas id="drawing-pad" class="drawing-pad" data-testid="drawing-pad" tabindex="0" data-i18n-aria-label="padLabel" aria-label="Drawing pad"></canvas>
          <div class="pad-tools">
            <button type="button" id="pad-clear" data-i18n="padClear">Clear</button>
            <label class="inline-field" for="pad-label"><span data-i18n="padLabelIs">Label</span>
              <select id="pad-label" data-testid="pad-label"></select>
            </label>
            <button type="button" id="pad-add" data-testid="pad-add" data-i18n="padNeedsLabel" disabled>Choose its label to add it</button>
            <p id="pad-status" class="caption" aria-live="polite"></p>
          </div>
        </div>
      </div>
`,
  'curves': `
        <div id="grad-norms-view" data-nk-view="grad-norms" hidden>
          <p class="caption" data-i18n="caption.gradNorms">How loudly each layer is told what went wrong: mean gradient size of its weights per epoch (log scale).</p>
          <figure class="chart">
            <canvas id="grad-norms" class="small-chart" data-i18n-aria-label="gradNormsChart" aria-label="Gradient size per layer"></canvas>
            <figcaption id="grad-norms-legend" class="legend"></figcaption>
          </figure>
        </div>
        <div id="histogram-view" data-nk-view="histogram" hidden>
          <p class="caption" data-i18n="caption.histogram">How the seasonings of one layer are spread, or what it was told.</p>
          <div class="histogram-pick">
            <label class="inline-field" for="histogram-layer"><span data-i18n="paramLayer">Layer</span> <select id="histogram-layer"></select></label>
            <label><input type="radio" name="histogram-which" value="weights" checked> <span data-i18n="edges.weights">weights</span></label>
            <label><input type="radio" name="histogram-which" value="gradients"> <span data-i18n="edges.gradients">gradients</span></label>
          </div>
          <figure class="chart"><canvas id="histogram" class="small-chart" data-i18n-aria-label="histogramChart" aria-label="Histogram"></canvas></figure>
        </div>
`,
  'after-workspace': `
  <section class="panel verdict-panel" hidden aria-labelledby="verdict-title">
    <h2 id="verdict-title" data-i18n="verdictTitle">The teacher's verdict (test set)</h2>
    <p class="caption" data-i18n="caption.verdict">Every test image the cook never practised on: rows are the right answers, columns the cook's. Click a cell to see its images, an image to follow it through the network.</p>
    <p id="verdict-status" class="verdict-status" aria-live="polite" data-nk-view="confusion gallery"></p>
    <div class="verdict-grid">
      <div data-nk-view="confusion">
        <div id="confusion" class="confusion-wrap"></div>
        <div id="confusion-legend" class="legends"></div>
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
`,
};
