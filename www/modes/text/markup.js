// Text mode's markup: the boxes it shows, by the slot of the app's markup (app/markup.js) each
// goes into. Static HTML with no user value in it, like the rest of the markup.

import { READING_MARKUP } from './reading.js';

export const TEXT_MARKUP = {
  'data-intro': `
      <p class="caption" data-i18n="caption.textData">The dish to learn: text, one character at a time. Each example is a character and the few before it; the right answer is the character that came next.</p>
`,
  'data-size': `
      <p id="text-vocabulary" class="caption text-vocabulary" data-testid="text-vocabulary" aria-live="polite"></p>
`,
  'network': `
      <div class="text-cook" data-nk-view="cook">
        <p class="caption" data-i18n="caption.textCook">A tiny language model: each character of the context looks up its row of seasonings (its embedding); the rows are mixed (side by side through a hidden layer, by attention in a GPT, or one at a time into a running note in a recurrent network), and the output scores every character that could come next.</p>
        <ol id="text-stack" class="text-stack" data-testid="text-stack"></ol>
      </div>
      <div class="param-count" id="param-count" data-testid="param-count" data-nk-view="parameters"></div>
      <div class="samples" data-nk-view="samples">
        <h3 data-i18n="samplesTitle">Samples over time</h3>
        <p class="caption" data-i18n="caption.samples">At the end of each epoch the model writes three texts from nothing, with the same dice every time: watch nonsense become plausible.</p>
        <ol id="epoch-samples" class="epoch-samples" data-testid="epoch-samples"></ol>
      </div>
`,
  'output': `
      <div class="chat" data-nk-view="boundary chat">
        <h3 data-i18n="chatTitle">Talk to the cook</h3>
        <p class="caption" data-i18n="caption.chat">Type the beginning; the model writes the rest, live while it trains. Before training it writes nonsense.</p>
        <label class="chat-prompt" for="prompt">
          <span class="visually-hidden" data-i18n="promptLabel">The beginning of the text</span>
          <input id="prompt" type="text" data-view="prompt" autocomplete="off" spellcheck="false" data-testid="prompt">
        </label>
        <p class="field-error" data-error-for="prompt"></p>
        <p id="prompt-problem" class="field-error" data-testid="prompt-problem" aria-live="polite"></p>
        <p class="chat-answer" aria-live="polite" data-testid="chat-answer"><span id="chat-typed" class="chat-typed"></span><span id="chat-continued" class="chat-continued" data-testid="chat-continued"></span><span class="chat-end" id="chat-end" hidden>⏎</span></p>
        <div class="chat-tools">
          <label class="inline-field" for="temperature"><span data-i18n="temperature">Temperature</span>
            <input id="temperature" type="range" min="0.1" max="2" step="0.05" data-view="temperature" data-testid="temperature">
            <output id="temperature-shown" data-testid="temperature-shown"></output>
          </label>
          <button type="button" id="sample-again" data-testid="sample-again" data-i18n="sampleAgain">Sample again</button>
        </div>
        <h3 data-i18n="nextTitle">What comes next?</h3>
        <p class="caption" data-i18n="caption.next">The model's top guesses for the next character after what you typed. Click one to add it.</p>
        <ol id="next-chars" class="next-chars" data-testid="next-chars"></ol>
      </div>
`,
  'after-workspace': `
      <section class="gpt-blocks panel" id="gpt-blocks" data-testid="gpt-blocks" data-nk-view="blocks" hidden></section>
      <section class="pantry panel" id="pantry" data-nk-view="pantry"></section>
${READING_MARKUP}`,
};
