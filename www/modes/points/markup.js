// Points mode's markup: the boxes it shows, by the slot of the app's markup (app/markup.js) each
// goes into. Static HTML with no user value in it, like the rest of the markup.

export const POINTS_MARKUP = {
  'data-intro': `
      <p class="caption" data-i18n="caption.data">The dish to learn: every point is an example; its colour is the right answer.</p>
`,
  'data-noise': `
      <div data-control-for="noise" data-look="range" data-step="1"></div>
      <p class="field-error" data-error-for="noise" data-nk-control="noise"></p>
`,
  'data-size': `
      <div data-control-for="points" data-step="50"></div>
      <p class="field-error" data-error-for="points" data-nk-control="points"></p>
`,
  'data-more': `
      <fieldset class="features" data-nk-control="features">
        <legend data-i18n="features">Input features</legend>
        <div id="feature-toggles" class="toggle-grid"></div>
      </fieldset>
      <p class="field-error" data-error-for="features" data-nk-control="features"></p>
`,
  'network': `
      <div id="layer-editor" class="layer-editor" data-nk-view="cook" data-nk-control="hidden"></div>
      <p class="field-error" data-error-for="hidden" data-nk-view="cook" data-nk-control="hidden"></p>
      <div class="network-view" data-nk-view="network">
        <fieldset class="edge-modes">
          <legend data-i18n="edgesShow">Edges show</legend>
          <label><input type="radio" name="edges" value="weights" data-view="edges"> <span data-i18n="edges.weights">weights</span></label>
          <label><input type="radio" name="edges" value="gradients" data-view="edges"> <span data-i18n="edges.gradients">gradients</span></label>
          <label><input type="radio" name="edges" value="update" data-view="edges"> <span data-i18n="edges.update">last update</span></label>
        </fieldset>
        <fieldset class="edge-modes">
          <legend data-i18n="scopeShow">Colour scale</legend>
          <label><input type="radio" name="scope" value="layer" data-view="scope"> <span data-i18n="scope.layer">this layer</span></label>
          <label><input type="radio" name="scope" value="network" data-view="scope"> <span data-i18n="scope.network">whole network</span></label>
        </fieldset>
        <div id="network-diagram" class="network-diagram" data-testid="network-diagram"></div>
        <div id="diagram-legend" class="legends legends-list" data-testid="diagram-legend"></div>
        <p id="diagram-phase-caption" class="caption phase-caption" data-testid="diagram-phase-caption" hidden></p>
        <div id="neuron-card" class="neuron-card" data-testid="neuron-card" hidden></div>
        <div id="edge-panel" class="edge-panel" hidden></div>
      </div>
`,
  'output': `
      <p class="caption" data-i18n="caption.plot">Colours: what the cook serves for every input. Click a point to follow it through the network.</p>
      <div class="dish" data-nk-view="boundary">
        <div class="plot-wrap">
          <canvas id="data-plot" class="data-plot" width="360" height="360" tabindex="0" data-i18n-aria-label="plotLabel" aria-label="Data and decision boundary"></canvas>
        </div>
        <div id="dish-legend" class="legends" data-testid="dish-legend"></div>
        <p id="plot-phase-caption" class="caption phase-caption" data-testid="plot-phase-caption" hidden></p>
        <p id="probe-readout" class="probe-readout" aria-live="polite"></p>
        <div class="toggles-row">
          <label class="toggle"><input type="checkbox" id="showTest" data-view="showTest"> <span data-i18n="showTest">Show test data (◆)</span></label>
          <label class="toggle"><input type="checkbox" id="discretize" data-view="discretize"> <span data-i18n="discretize">Discretize output</span></label>
        </div>
      </div>
`,
};
